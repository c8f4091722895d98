"""What the proxy tells browsers and how much it lets one client ask: security headers, the Content
Security Policy, and request-rate limits. ``nginx_conf`` writes them into the configuration.

The policy allows what Streamlit, plotly and pydeck need from our own origin and nothing from elsewhere:
the app loads no CDN, font or tile server (the map draws offline outlines).
"""

import base64
import hashlib
import importlib.util
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# Who may show the app in an <iframe> (embedding, docs/embedding.md): our own origin, plus the origins
# listed in NEA_FRAME_ANCESTORS (space-separated, e.g. "https://intranet.example.org").
FRAME_ANCESTORS_ENV = "NEA_FRAME_ANCESTORS"

# Measured in Chromium on every page (tests/e2e/test_proxy_e2e.py): Streamlit's protobuf and deck.gl
# compile WebAssembly ('wasm-unsafe-eval', not 'unsafe-eval'); Components v2 load their JS as blob: modules;
# index.html's one inline script is allowed by its hash, not by 'unsafe-inline'. Streamlit's frontend styles
# itself at run time (emotion), so styles need 'unsafe-inline'. Websockets go to our own origin ('self').
CSP_DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval' blob:"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data: blob:"),
    ("font-src", "'self' data:"),
    ("connect-src", "'self'"),
    ("worker-src", "'self' blob:"),
    ("media-src", "'self' blob: data:"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)

SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()"),
)
HSTS = ("Strict-Transport-Security", "max-age=31536000")


@cache
def inline_script_hashes(index_html: Path | None = None) -> tuple[str, ...]:
    """CSP hashes (``'sha256-…'``) of the inline scripts in Streamlit's own ``index.html`` (the pinned
    version's), so the policy allows exactly those and no other inline script."""
    if index_html is None:
        spec = importlib.util.find_spec("streamlit")
        index_html = Path(spec.origin).parent / "static" / "index.html"
    html = index_html.read_text(encoding="utf-8")
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    digests = (base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() for body in scripts if body)
    return tuple(f"'sha256-{digest}'" for digest in digests)


def content_security_policy(frame_ancestors: tuple[str, ...] = ()) -> str:
    """The ``Content-Security-Policy`` value: our directives and ``frame-ancestors 'self'`` plus the
    allowed embedding origins. Raises ``ValueError`` for an origin that is not ``https://host[:port]``
    or ``http://host[:port]`` (a quote or semicolon would break the header)."""
    for origin in frame_ancestors:
        scheme, _, rest = origin.partition("://")
        if scheme not in {"http", "https"} or not rest or any(c in rest for c in " ;'\",/\\"):
            raise ValueError(f"not an origin for frame-ancestors: {origin!r} (write https://host or https://host:port)")
    directives = [
        (name, " ".join((value, *inline_script_hashes())) if name == "script-src" else value)
        for name, value in CSP_DIRECTIVES
    ]
    directives.append(("frame-ancestors", " ".join(("'self'", *frame_ancestors))))
    return "; ".join(f"{name} {value}" for name, value in directives)


@dataclass(frozen=True)
class RateLimit:
    """One ``limit_req`` zone: requests per minute per client address, and the burst allowed at once."""

    zone: str
    per_minute: int
    burst: int


# Per client address. An analyst opens a few tabs (a session each), uploads a file now and then and
# downloads a handful of CSVs; a script that opens hundreds of sessions or hammers uploads gets 429.
NEW_SESSIONS = RateLimit("nea_sessions", per_minute=30, burst=20)
UPLOADS = RateLimit("nea_uploads", per_minute=12, burst=6)
MEDIA = RateLimit("nea_media", per_minute=240, burst=60)
RATE_LIMITS = (NEW_SESSIONS, UPLOADS, MEDIA)
