"""The nginx configuration for N Streamlit replicas behind one port, as text.

Open-source nginx has no ``sticky cookie`` (that is NGINX Plus), so affinity is a consistent hash on
a cookie that nginx sets itself: a browser without the cookie is hashed on the request's
``$request_id``, and the same id goes back to it in ``Set-Cookie``; from then on every request of
that browser (page, websocket, ``/media`` download, upload) hashes to the same replica.
"""

from dataclasses import dataclass
from pathlib import Path

from components.data.paths import MAX_UPLOAD_MB
from deploy import proxy_policy
from deploy.proxy_policy import RATE_LIMITS, RateLimit

AFFINITY_COOKIE = "nea_replica"
# Sent only with debug_replica_names: an opaque name (r0, r1…), never an address.
REPLICA_HEADER = "X-NEA-Replica"
# Passive health checks: one refused connection or timeout takes a replica out for this long.
MAX_FAILS = 1
FAIL_TIMEOUT_SECONDS = 10
CONNECT_TIMEOUT_SECONDS = 3
# A session's websocket is idle while its analyst reads; Streamlit pings it, but keep it open a day.
WEBSOCKET_TIMEOUT_SECONDS = 86_400
AFFINITY_COOKIE_MAX_AGE_SECONDS = 86_400
# The largest upload Streamlit accepts (.streamlit/config.toml maxUploadSize) must pass nginx too.
MAX_BODY_MEGABYTES = MAX_UPLOAD_MB
TEMP_PATHS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


@dataclass(frozen=True)
class Tls:
    """HTTPS on the listen port with this certificate and key; plain HTTP on ``http_port`` (if any)
    only redirects to it."""

    cert: Path
    key: Path
    http_port: int | None = None


@dataclass(frozen=True)
class Layout:
    """Where nginx listens, where the replicas listen, the folder nginx keeps its files in, and what it
    tells clients: embedding origins allowed, TLS, rate limits, and (debugging only) replica names."""

    listen_port: int
    replica_ports: tuple[int, ...]
    run_dir: Path
    listen_host: str = "127.0.0.1"
    replica_host: str = "127.0.0.1"
    user: str | None = None
    frame_ancestors: tuple[str, ...] = ()
    tls: Tls | None = None
    rate_limits: tuple[RateLimit, ...] = RATE_LIMITS
    debug_replica_names: bool = False


def replica_name(index: int) -> str:
    """The opaque name of replica ``index`` in the debug header: ``r0``, ``r1``…"""
    return f"r{index}"


def _headers(layout: Layout) -> str:
    """``add_header`` lines for every response: security headers, CSP, HSTS over TLS, debug name."""
    headers = [*proxy_policy.SECURITY_HEADERS]
    headers.append(("Content-Security-Policy", proxy_policy.content_security_policy(layout.frame_ancestors)))
    if layout.tls:
        headers.append(proxy_policy.HSTS)
    lines = [f'        add_header {name} "{value}" always;' for name, value in headers]
    if layout.debug_replica_names:
        lines.append(f"        add_header {REPLICA_HEADER} $nea_replica_name always;")
    return "\n".join(lines)


def _replica_names_map(layout: Layout) -> str:
    """Debug only: the replica that answered (the last address nginx tried) → its opaque name."""
    if not layout.debug_replica_names:
        return ""
    rows = "\n".join(
        f'        "~(^|, ){layout.replica_host.replace(".", "[.]")}:{port}$" {replica_name(index)};'
        for index, port in enumerate(layout.replica_ports)
    )
    return f"""    map $upstream_addr $nea_replica_name {{
{rows}
        default "-";
    }}
"""


def _limited_location(path: str, limit: RateLimit | None, extra: str = "") -> str:
    rule = f"            limit_req zone={limit.zone} burst={limit.burst} nodelay;\n" if limit else ""
    return f"""        location {path} {{
            proxy_pass http://streamlit;
{rule}{extra}        }}
"""


def _listen(layout: Layout) -> str:
    if not layout.tls:
        return f"        listen {layout.listen_host}:{layout.listen_port};"
    return f"""        listen {layout.listen_host}:{layout.listen_port} ssl;
        ssl_certificate {layout.tls.cert};
        ssl_certificate_key {layout.tls.key};
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_session_cache shared:nea_tls:1m;"""


def _redirect_server(layout: Layout) -> str:
    """Plain HTTP that only sends the browser to HTTPS (no HSTS here: it means nothing over HTTP)."""
    if not (layout.tls and layout.tls.http_port):
        return ""
    port = "" if layout.listen_port == 443 else f":{layout.listen_port}"
    return f"""
    server {{
        listen {layout.listen_host}:{layout.tls.http_port};
        return 301 https://$host{port}$request_uri;
    }}
"""


def render(layout: Layout) -> str:
    """The whole ``nginx.conf`` for ``layout``: run in the foreground (``daemon off``) with its pid file,
    logs and temporary files under ``layout.run_dir``, so it needs neither the system service nor root.

    Raises ``ValueError`` for no replicas, a port out of range or the same port twice.
    """
    ports = [layout.listen_port, *layout.replica_ports]
    if not layout.replica_ports:
        raise ValueError("at least one replica is needed")
    if any(not 0 < port < 65536 for port in ports):
        raise ValueError(f"ports must be 1–65535: {ports}")
    if len(set(ports)) != len(ports):
        raise ValueError(f"every port must be different: {ports}")
    run_dir = layout.run_dir
    user = f"user {layout.user};\n" if layout.user else ""
    temp_paths = "\n".join(f"    {name}_temp_path {run_dir / 'temp' / name};" for name in TEMP_PATHS)
    servers = "\n".join(
        f"        server {layout.replica_host}:{port} max_fails={MAX_FAILS} fail_timeout={FAIL_TIMEOUT_SECONDS}s;"
        for port in layout.replica_ports
    )
    secure = "; Secure" if layout.tls else ""
    cookie = (
        f"{AFFINITY_COOKIE}=$request_id; Path=/; Max-Age={AFFINITY_COOKIE_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax"
        + secure
    )
    zones = "\n".join(
        f"    limit_req_zone $binary_remote_addr zone={limit.zone}:1m rate={limit.per_minute}r/m;"
        for limit in layout.rate_limits
    )
    limits = {limit.zone: limit for limit in layout.rate_limits}
    sessions, uploads, media = (limits.get(zone.zone) for zone in RATE_LIMITS)
    stream_timeouts = (
        f"            proxy_read_timeout {WEBSOCKET_TIMEOUT_SECONDS}s;\n"
        f"            proxy_send_timeout {WEBSOCKET_TIMEOUT_SECONDS}s;\n"
        "            proxy_buffering off;\n"
    )
    return f"""\
# Generated by deploy/nginx_conf.py for {len(layout.replica_ports)} replica(s); do not edit by hand.
{user}daemon off;
worker_processes 1;
pid {run_dir / "nginx.pid"};
error_log {run_dir / "error.log"} warn;
events {{
    worker_connections 1024;
}}
http {{
    access_log {run_dir / "access.log"};
{temp_paths}

    # Session affinity: hash on our cookie, or on this request's id when the browser has none yet.
    map $cookie_{AFFINITY_COOKIE} $nea_affinity {{
        "" $request_id;
        default $cookie_{AFFINITY_COOKIE};
    }}
    # Set the cookie only when the browser did not send it (an empty add_header value sends nothing).
    map $cookie_{AFFINITY_COOKIE} $nea_set_cookie {{
        "" "{cookie}";
        default "";
    }}
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        "" close;
    }}
{_replica_names_map(layout)}
    # Past a limit nginx answers 429 Too Many Requests (per client address).
{zones}
    limit_req_status 429;
    server_tokens off;

    upstream streamlit {{
        hash $nea_affinity consistent;
{servers}
    }}

    server {{
{_listen(layout)}
        client_max_body_size {MAX_BODY_MEGABYTES}m;

        proxy_http_version 1.1;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        # Here, not in the websocket location: a location with its own proxy_set_header drops these.
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
        proxy_connect_timeout {CONNECT_TIMEOUT_SECONDS}s;
        # A dead replica refuses or drops the connection: try the next one instead of answering 502.
        proxy_next_upstream error timeout http_502 http_503 http_504;
        proxy_next_upstream_tries {len(layout.replica_ports)};
        add_header Set-Cookie $nea_set_cookie always;
{_headers(layout)}

        location / {{
            proxy_pass http://streamlit;
        }}

        # One websocket per new session (a page opened, a tab reloaded).
{_limited_location("/_stcore/stream", sessions, stream_timeouts)}
{_limited_location("/_stcore/upload_file", uploads)}
{_limited_location("/media/", media)}    }}
{_redirect_server(layout)}}}
"""
