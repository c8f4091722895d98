"""A plotly figure as a PNG, rendered by kaleido in the system Chromium, for the briefing (PDF).

kaleido 1.x drives a Chromium through choreographer. It is given the browser's path (``CHROMIUM``, else
/usr/bin/chromium), so it never looks for, or downloads, a browser of its own, and MathJax is off, so the
page it renders in loads nothing from the network (plotly.js comes from the plotly package).

Starting Chromium takes about 3.5 s on this machine and a render in a running one about 0.3 s, so one
kaleido server (one headless Chromium) is kept per app process: ``warm_up`` starts it in the background
when a page first offers a briefing, and renders queue on it one at a time.
"""

import contextlib
import importlib.util
import os
import threading
from pathlib import Path

from components.i18n import _

CHROMIUM_ENV = "CHROMIUM"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
# Set to 0 to start Chromium only at the first briefing (the page tests do: they never render one).
WARM_UP_ENV = "NEA_BRIEFING_WARM_UP"
RENDER_TIMEOUT_SECONDS = 20
_lock = threading.Lock()
_state = {"server": False, "warming": False}


def chromium_path() -> Path:
    """The Chromium that renders chart images: ``$CHROMIUM`` or Debian's /usr/bin/chromium."""
    return Path(os.environ.get(CHROMIUM_ENV) or DEFAULT_CHROMIUM)


def missing_parts() -> list[str]:
    """What the chart image needs and this machine lacks, in words; empty when it can be made."""
    missing = []
    if importlib.util.find_spec("kaleido") is None:
        missing.append(_("the Python package kaleido"))
    path = chromium_path()
    if not (path.is_file() and os.access(path, os.X_OK)):
        missing.append(_("Chromium at {path} (make chromium installs it)").format(path=path))
    return missing


def _ensure_server() -> None:
    import kaleido

    with _lock:
        if not _state["server"]:
            kaleido.start_sync_server(
                n=1, timeout=RENDER_TIMEOUT_SECONDS, mathjax=False, path=str(chromium_path()), silence_warnings=True
            )
            _state["server"] = True


def figure_png(figure, width: int, height: int, scale: float = 2) -> bytes:
    """``figure`` drawn at ``width`` × ``height`` CSS pixels, ``scale`` times as many device pixels."""
    import kaleido

    _ensure_server()
    return kaleido.calc_fig_sync(figure, opts={"format": "png", "width": width, "height": height, "scale": scale})


def warm_up() -> None:
    """Start the renderer's Chromium in a background thread, once per process, so the first briefing does
    not wait for it; does nothing when a part is missing or ``NEA_BRIEFING_WARM_UP=0``."""
    if os.environ.get(WARM_UP_ENV, "1") == "0" or _state["server"] or _state["warming"] or missing_parts():
        return
    _state["warming"] = True

    def render_a_blank() -> None:
        # Any failure here is the first real briefing's to report, in the PDF.
        with contextlib.suppress(Exception):
            figure_png({"data": [], "layout": {}}, 100, 100, 1)

    threading.Thread(target=render_a_blank, name="briefing-chart-warm-up", daemon=True).start()


def stop() -> None:
    """Stop the renderer's Chromium (tests, bench and scripts call it when done); a later render restarts it."""
    import kaleido

    with _lock:
        if _state["server"]:
            kaleido.stop_sync_server(silence_warnings=True)
            _state["server"] = False
            _state["warming"] = False
