"""The nginx configuration generator and the shared cookie secret of the replicated deployment."""

import re
import stat
from pathlib import Path

import pytest

from deploy import cluster, nginx_conf, proxy_policy, serve

RUN_DIR = Path("/tmp/nea-run")


def render(replica_ports=(9001, 9002, 9003), **overrides) -> str:
    return nginx_conf.render(nginx_conf.Layout(8500, tuple(replica_ports), RUN_DIR, **overrides))


def block(text: str, opening: str) -> str:
    """The body of the first ``opening {`` block, to its matching brace."""
    start = text.index(opening + " {") + len(opening) + 2
    depth, index = 1, start
    while depth:
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        index += 1
    return text[start : index - 1]


def test_one_upstream_server_per_replica_with_passive_health_checks():
    upstream = block(render((9001, 9002, 9003)), "upstream streamlit")
    servers = re.findall(r"server (\S+) max_fails=(\d+) fail_timeout=(\d+)s;", upstream)
    assert [address for address, _, _ in servers] == ["127.0.0.1:9001", "127.0.0.1:9002", "127.0.0.1:9003"]
    assert all(int(fails) >= 1 and int(timeout) > 0 for _, fails, timeout in servers)
    assert len(re.findall(r"\bserver ", block(render((9001,)), "upstream streamlit"))) == 1


def test_affinity_hashes_a_cookie_nginx_sets_itself_never_the_client_address():
    text = render()
    upstream = block(text, "upstream streamlit")
    assert "hash $nea_affinity consistent;" in upstream
    assert "ip_hash" not in text
    key = block(text, f"map $cookie_{nginx_conf.AFFINITY_COOKIE} $nea_affinity")
    assert re.search(r'^\s*"" \$request_id;', key, re.M), "a browser without the cookie hashes on a fresh id"
    assert re.search(rf"default \$cookie_{nginx_conf.AFFINITY_COOKIE};", key)
    setter = block(text, f"map $cookie_{nginx_conf.AFFINITY_COOKIE} $nea_set_cookie")
    # The cookie carries the same id the first request was hashed on, and only when it was missing.
    assert f'"" "{nginx_conf.AFFINITY_COOKIE}=$request_id; Path=/;' in setter
    assert re.search(r'default "";', setter)
    assert "add_header Set-Cookie $nea_set_cookie always;" in block(text, "server")


def test_the_websocket_location_upgrades_and_stays_open_for_hours():
    text = render()
    server = block(text, "server")
    stream = block(server, "location /_stcore/stream")
    assert "proxy_pass http://streamlit;" in stream
    assert "proxy_http_version 1.1;" in server
    assert "proxy_set_header Upgrade $http_upgrade;" in server
    assert "proxy_set_header Connection $connection_upgrade;" in server
    # The upgrade headers sit at server level: a location with its own proxy_set_header would drop them.
    assert "proxy_set_header" not in stream
    timeouts = dict(re.findall(r"proxy_(read|send)_timeout (\d+)s;", stream))
    assert set(timeouts) == {"read", "send"}
    assert all(int(seconds) >= 3600 for seconds in timeouts.values())
    upgrade = block(text, "map $http_upgrade $connection_upgrade")
    assert "default upgrade;" in upgrade and '"" close;' in upgrade


def test_a_dead_replica_is_skipped_and_no_address_reaches_a_client():
    text = render((9001, 9002))
    server = block(text, "server")
    assert re.search(r"proxy_next_upstream error timeout", server)
    assert "proxy_next_upstream_tries 2;" in server
    assert nginx_conf.REPLICA_HEADER not in text
    assert not re.search(r"add_header[^;]*\$upstream_addr", text)


def test_the_debug_header_names_replicas_opaquely_never_by_address():
    text = render((9001, 9002), debug_replica_names=True)
    assert f"add_header {nginx_conf.REPLICA_HEADER} $nea_replica_name always;" in block(text, "server")
    names = block(text, "map $upstream_addr $nea_replica_name")
    # The last address nginx tried answered; "a, b" after a retry still names b.
    assert re.findall(r'"~\(\^\|, \)127\[\.\]0\[\.\]0\[\.\]1:(\d+)\$" (r\d);', names) == [
        ("9001", "r0"),
        ("9002", "r1"),
    ]
    assert 'default "-";' in names
    assert not re.search(r"add_header[^;]*\$upstream_addr", text)


def test_nginx_runs_in_the_foreground_with_every_file_under_the_run_dir():
    text = render()
    assert "daemon off;" in text
    for directive in ("pid", "error_log", "access_log", *(f"{name}_temp_path" for name in nginx_conf.TEMP_PATHS)):
        paths = re.findall(rf"^\s*{directive} (\S+?)[;\s]", text, re.M)
        assert paths and all(path.startswith(str(RUN_DIR)) for path in paths), directive
    assert "listen 127.0.0.1:8500;" in text
    assert "user " not in text
    assert "user nobody nogroup;" in render(user="nobody nogroup")


def test_uploads_up_to_streamlits_limit_pass_nginx():
    config = (Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text()
    limit = int(re.search(r"^maxUploadSize = (\d+)", config, re.M).group(1))
    assert f"client_max_body_size {limit}m;" in render()


@pytest.mark.parametrize(
    ("listen", "replicas"),
    [(8500, ()), (8500, (9001, 9001)), (8500, (8500, 9001)), (0, (9001,)), (8500, (70000,))],
)
def test_impossible_layouts_are_refused(listen, replicas):
    with pytest.raises(ValueError):
        nginx_conf.render(nginx_conf.Layout(listen, replicas, RUN_DIR))


def test_the_cookie_secret_comes_from_the_environment_first(tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text("from-file\n")
    environ = {cluster.COOKIE_SECRET_ENV: "from-env", cluster.COOKIE_SECRET_FILE_ENV: str(secret_file)}
    assert cluster.cookie_secret(environ, tmp_path / "default") == "from-env"
    assert cluster.cookie_secret({cluster.COOKIE_SECRET_FILE_ENV: str(secret_file)}, tmp_path / "d") == "from-file"


def test_without_one_a_private_secret_file_is_made_once_and_reused(tmp_path):
    default = tmp_path / "config" / "cookie-secret"
    first = cluster.cookie_secret({}, default)
    assert len(first) >= 32
    assert stat.S_IMODE(default.stat().st_mode) == 0o600
    assert cluster.cookie_secret({}, default) == first


def test_a_named_secret_file_that_is_missing_or_empty_is_an_error(tmp_path):
    with pytest.raises(cluster.DeployError, match="does not exist"):
        cluster.cookie_secret({cluster.COOKIE_SECRET_FILE_ENV: str(tmp_path / "nope")}, tmp_path / "d")
    empty = tmp_path / "empty"
    empty.write_text("\n")
    with pytest.raises(cluster.DeployError, match="empty"):
        cluster.cookie_secret({cluster.COOKIE_SECRET_FILE_ENV: str(empty)}, tmp_path / "d")


def test_no_secret_is_committed_in_the_repository():
    root = Path(__file__).resolve().parents[2]
    assert not list(root.glob("**/secrets.toml"))
    for path in (root / ".streamlit").glob("*.toml"):
        assert "cookieSecret" not in path.read_text()


def test_serve_arguments(capsys):
    args = vars(serve.parse_args(["--replicas", "2", "--port", "8600"]))
    assert args == {"replicas": 2, "port": 8600, "tls": False, "cert": None, "key": None, "http_port": None}
    assert serve.parse_args(["--tls", "--cert", "c.pem", "--key", "k.pem", "--http-port", "8080"]).http_port == 8080
    for bad in (["--replicas", "0"], ["--port", "70000"], ["--replicas", "x"], ["--tls", "--cert", "c.pem"]):
        with pytest.raises(SystemExit):
            serve.parse_args(bad)
    assert "--replicas" in capsys.readouterr().err


def test_a_missing_nginx_names_the_make_target(monkeypatch):
    monkeypatch.setenv(cluster.NGINX_ENV, "/nonexistent/nginx")
    with pytest.raises(cluster.DeployError, match="make nginx"):
        cluster.find_nginx()


def test_every_response_carries_the_security_headers_and_the_policy():
    server = block(render(), "server")
    headers = dict(re.findall(r'add_header (\S+) "([^"]*)" always;', server))
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]
    policy = dict(part.split(" ", 1) for part in headers["Content-Security-Policy"].split("; "))
    assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"
    # Nothing from another origin: no CDN, font or tile server is allowed anywhere.
    assert not re.search(r"https?://", headers["Content-Security-Policy"])
    assert "Strict-Transport-Security" not in headers, "HSTS only over TLS"
    # A location with an add_header of its own would drop every header above.
    for location in re.findall(r"location \S+ \{([^}]*)\}", server):
        assert "add_header" not in location


def test_embedding_origins_come_from_the_allow_list_and_are_checked():
    policy = proxy_policy.content_security_policy(("https://intranet.example.org", "http://localhost:8000"))
    assert policy.endswith("frame-ancestors 'self' https://intranet.example.org http://localhost:8000")
    for bad in ("intranet.example.org", "https://a.example; script-src *", "javascript:x", "https://"):
        with pytest.raises(ValueError, match="frame-ancestors"):
            proxy_policy.content_security_policy((bad,))
    assert cluster.frame_ancestors({proxy_policy.FRAME_ANCESTORS_ENV: " https://a.example  https://b.example "}) == (
        "https://a.example",
        "https://b.example",
    )
    assert cluster.frame_ancestors({}) == ()


def test_new_sessions_uploads_and_media_are_rate_limited_with_429():
    text = render()
    zones = dict(re.findall(r"limit_req_zone \$binary_remote_addr zone=(\w+):1m rate=(\d+)r/m;", text))
    assert set(zones) == {limit.zone for limit in proxy_policy.RATE_LIMITS}
    assert "limit_req_status 429;" in text
    server = block(text, "server")
    for path, limit in (
        ("/_stcore/stream", proxy_policy.NEW_SESSIONS),
        ("/_stcore/upload_file", proxy_policy.UPLOADS),
        ("/media/", proxy_policy.MEDIA),
    ):
        assert f"limit_req zone={limit.zone} burst={limit.burst} nodelay;" in block(server, f"location {path}")
    assert "limit_req " not in block(server, "location /"), "pages and static files are not limited"


def test_tls_serves_https_with_hsts_and_plain_http_only_redirects():
    tls = nginx_conf.Tls(Path("/etc/nea/cert.pem"), Path("/etc/nea/key.pem"), http_port=8080)
    text = render(tls=tls)
    server = block(text, "server")
    assert "listen 127.0.0.1:8500 ssl;" in server
    assert "ssl_certificate /etc/nea/cert.pem;" in server and "ssl_certificate_key /etc/nea/key.pem;" in server
    assert 'add_header Strict-Transport-Security "max-age=31536000" always;' in server
    assert "; Secure" in block(text, f"map $cookie_{nginx_conf.AFFINITY_COOKIE} $nea_set_cookie")
    redirect = text[text.rindex("server {") :]
    assert "listen 127.0.0.1:8080;" in redirect and "return 301 https://$host:8500$request_uri;" in redirect
    assert "Strict-Transport-Security" not in redirect
    assert "return 301" not in render(tls=nginx_conf.Tls(Path("/c"), Path("/k")))
