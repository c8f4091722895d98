"""Server memory across many short browser sessions: RSS after 5 sessions against RSS after N."""

import time

from playwright.sync_api import Browser

from bench.browser import FIRST_RENDER_TIMEOUT_MS, VIEWPORT
from bench.process import active_sessions, rss_megabytes
from harness.frames import describe_frame
from harness.server import Server

EARLY_CHECKPOINT = 5
# Let the server finish tearing a closed session down before RSS is read.
SETTLE_SECONDS = 1.0


def measure_sessions(browser: Browser, server: Server, paths: list[str], sessions: int) -> dict:
    """Open and close ``sessions`` sessions one after another, cycling through ``paths``.

    Each session is a new context that loads one page, waits until the server has finished the
    script run (see ``open_session``) and closes.
    RSS (and the ``active_sessions`` gauge: Streamlit keeps a closed session for
    ``server.disconnectedSessionTTL``, 120 s by default) is recorded before the first session,
    after the fifth and after the last.
    """
    checkpoints = {0: snapshot(server)}
    failures = []
    started = time.monotonic()
    for session_index in range(1, sessions + 1):
        path = paths[(session_index - 1) % len(paths)]
        error = open_session(browser, server.url + path)
        if error:
            failures.append({"session": session_index, "path": path, "error": error})
        if session_index in (EARLY_CHECKPOINT, sessions):
            time.sleep(SETTLE_SECONDS)
            checkpoints[session_index] = snapshot(server)
    early = checkpoints.get(EARLY_CHECKPOINT, {}).get("rss_mb")
    late = checkpoints.get(sessions, {}).get("rss_mb")
    return {
        "sessions": sessions,
        "paths": paths,
        "checkpoints": {str(count): values for count, values in checkpoints.items()},
        "rss_early_mb": early,
        "rss_late_mb": late,
        "ratio": late / early if early and late and sessions > EARLY_CHECKPOINT else None,
        "failures": failures,
        "seconds": time.monotonic() - started,
    }


def snapshot(server: Server) -> dict:
    """The server's RSS in MB and its active-session count right now."""
    return {"rss_mb": rss_megabytes(server.pid), "active_sessions": active_sessions(server.url)}


def open_session(browser: Browser, url: str) -> str | None:
    """Open ``url`` in a new context, wait for the run's ``script_finished`` message, close; return an error or None.

    The server's side of the session is complete once ``script_finished`` has arrived, which is
    what server memory depends on; waiting for the browser to draw the charts as well (seconds
    for deck.gl on a CPU-only headless browser) would only make the test slower.
    """
    context = browser.new_context(viewport=VIEWPORT)
    kinds: list[str] = []
    try:
        page = context.new_page()
        page.on(
            "websocket",
            lambda websocket: websocket.on("framereceived", lambda payload: kinds.append(describe_frame(payload))),
        )
        page.goto(url, wait_until="commit", timeout=FIRST_RENDER_TIMEOUT_MS)
        deadline = time.monotonic() + FIRST_RENDER_TIMEOUT_MS / 1000
        while "script_finished" not in kinds:
            if time.monotonic() > deadline:
                return f"no script_finished within {FIRST_RENDER_TIMEOUT_MS} ms"
            page.wait_for_timeout(50)
    except Exception as error:  # noqa: BLE001 - a failed session is counted, the test goes on
        return f"{type(error).__name__}: {error}".splitlines()[0]
    finally:
        context.close()
    if "delta:exception" in kinds:
        return "the script showed an exception"
    if "page_not_found" in kinds:
        return "page not found"
    return None
