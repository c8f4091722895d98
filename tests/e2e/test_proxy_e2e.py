"""The proxy in front of the replicas, for real: every response carries the security headers and a
policy no page breaks, no internal address reaches a client, a burst gets 429 while an analyst's use
does not, and ``TLS`` serves HTTPS with HSTS and redirects plain HTTP."""

import secrets
import shutil
import ssl
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from deploy import cluster as deploy_cluster
from deploy import nginx_conf, proxy_policy, tls
from harness.app import open_page
from harness.first_screen import PAGES

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
REQUIRED_HEADERS = ("x-content-type-options", "referrer-policy", "permissions-policy", "content-security-policy")
RECORD_VIOLATIONS = (
    "document.addEventListener('securitypolicyviolation', e => (window.__csp = window.__csp || [])"
    ".push(`${e.violatedDirective} ${e.blockedURI}`))"
)


@pytest.fixture(scope="module")
def proxy(nginx_binary):
    """One replica behind nginx with the default settings (no debug header)."""
    replicas = deploy_cluster.Cluster(1, deploy_cluster.free_port(), secret=secrets.token_hex(32))
    try:
        with replicas:
            yield replicas
    finally:
        if replicas.run_dir:
            shutil.rmtree(replicas.run_dir, ignore_errors=True)


def fetch(url: str, method: str = "GET", context=None) -> tuple[int, dict]:
    """Status and lower-cased headers, without following a redirect."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    handlers = [NoRedirect()] + ([urllib.request.HTTPSHandler(context=context)] if context else [])
    opener = urllib.request.build_opener(*handlers)
    request = urllib.request.Request(url, method=method, data=b"x" if method == "PUT" else None)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, {key.lower(): value for key, value in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, {key.lower(): value for key, value in error.headers.items()}


@pytest.mark.parametrize("path", ["/", "/trade", "/_stcore/health", "/static/no-such-file.js", "/media/nothing"])
def test_every_response_has_the_headers_and_names_no_replica(proxy, path):
    status, headers = fetch(proxy.url + path)
    assert status in {200, 404}, status
    for name in REQUIRED_HEADERS:
        assert name in headers, f"{path}: no {name}"
    assert headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'self'" in headers["content-security-policy"]
    assert nginx_conf.REPLICA_HEADER.lower() not in headers
    assert "strict-transport-security" not in headers  # plain HTTP
    leaked = [f"{key}: {value}" for key, value in headers.items() if "127.0.0.1" in value or "nginx/" in value]
    assert not leaked, leaked


def test_no_page_breaks_the_content_security_policy(proxy, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    statuses = []
    page.on("response", lambda response: statuses.append(response.status))
    try:
        for path, (key, visual) in PAGES.items():
            open_page(page, f"{proxy.url}/{path}")
            page.locator(visual).first.wait_for(state="visible", timeout=60_000)
            assert page.evaluate("window.__csp || []") == [], key
            assert not page.locator('[data-testid="stException"]').count(), key
    finally:
        context.close()
    # An analyst opening every page (a session each, their scripts, images and data) is never limited.
    assert 429 not in statuses


def test_a_burst_of_uploads_or_new_sessions_gets_429(proxy):
    """Last in this file: it uses up this address's allowance on the shared proxy."""
    for path, limit, method in (
        ("/_stcore/upload_file/burst/file", proxy_policy.UPLOADS, "PUT"),
        ("/_stcore/stream", proxy_policy.NEW_SESSIONS, "GET"),
    ):
        count = limit.burst + 15
        with ThreadPoolExecutor(8) as pool:
            statuses = [status for status, _ in pool.map(fetch, [proxy.url + path] * count, [method] * count)]
        assert statuses.count(429) >= count - limit.burst - 2, (path, statuses)
        assert statuses.count(429) < count, "the first requests of a burst pass"


@pytest.fixture(scope="module")
def tls_proxy(nginx_binary, tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    files = tls.self_signed(folder, http_port=deploy_cluster.free_port())
    replicas = deploy_cluster.Cluster(1, deploy_cluster.free_port(), secret=secrets.token_hex(32), tls=files)
    try:
        with replicas:
            yield replicas, files
    finally:
        if replicas.run_dir:
            shutil.rmtree(replicas.run_dir, ignore_errors=True)


def test_tls_serves_https_with_hsts_and_redirects_plain_http(tls_proxy):
    replicas, files = tls_proxy
    trusted = ssl.create_default_context(cafile=str(files.cert))
    status, headers = fetch(f"https://127.0.0.1:{replicas.port}/trade", context=trusted)
    assert status == 200
    assert headers["strict-transport-security"].startswith("max-age=")
    assert "Secure" in headers["set-cookie"]
    with pytest.raises(urllib.error.URLError, match="CERTIFICATE_VERIFY_FAILED"):
        fetch(f"https://127.0.0.1:{replicas.port}/", context=ssl.create_default_context())
    status, headers = fetch(f"http://127.0.0.1:{files.http_port}/trade?lang=ko")
    assert status == 301
    assert headers["location"] == f"https://127.0.0.1:{replicas.port}/trade?lang=ko"
    assert "strict-transport-security" not in headers
