"""Wait for the app in a browser page: opened and settled, or rerun after an action.

Streamlit marks its root element ``[data-testid='stApp']`` with ``data-test-script-state``: ``running``
while the script runs, ``notRunning`` once it has finished. Reading that attribute once after an action
is not enough: until the server has received the action, the attribute still says ``notRunning`` from the
previous run, so a check made then passes on the old page. ``RECORDER`` counts the runs that start
(``running``) and the server messages that arrive; ``rerun_after`` notes the count before the action and
waits for a run that started after it to finish.
"""

import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

TIMEOUT_MS = 30_000
# A run that follows another one (st.rerun, a query-parameter sync) starts within a few ms of the first
# one's end; this long without a state change or a server message means the page has settled.
QUIET_MS = 150

# window.__reruns: runs started, state changes and server messages, counted from the document's start
# (as an init script) or from the moment it is evaluated (then without the message count).
RECORDER = """
(() => {
  if (window.__reruns) return;
  const record = (window.__reruns = { started: 0, messages: 0, lastChange: performance.now(), hooked: false });
  if (document.readyState === "loading") {
    record.hooked = true;
    const NativeWebSocket = window.WebSocket;
    window.WebSocket = class extends NativeWebSocket {
      constructor(...args) {
        super(...args);
        this.addEventListener("message", () => { record.messages += 1; record.lastChange = performance.now(); });
      }
    };
  }
  const observer = new MutationObserver((mutations) => {
    mutations.forEach((mutation, index) => {
      const later = mutations.slice(index + 1).find((other) => other.target === mutation.target);
      const value = later ? later.oldValue : mutation.target.getAttribute("data-test-script-state");
      if (value === "running" && mutation.oldValue !== "running") record.started += 1;
      record.lastChange = performance.now();
    });
  });
  const observe = () => observer.observe(document.documentElement, {
    subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ["data-test-script-state"],
  });
  if (document.documentElement) observe(); else addEventListener("DOMContentLoaded", observe);
})();
"""

MARK = "() => ({ started: window.__reruns.started, messages: window.__reruns.messages })"

# True once the page shows a finished run that started after ``mark`` (or, when React drew a short run's
# ``running`` and ``notRunning`` in one frame, after server messages that arrived after ``mark``), with no
# skeleton left and nothing new for ``quietMs``.
SETTLED_AFTER = """
([mark, quietMs]) => {
  const record = window.__reruns;
  const app = document.querySelector("[data-testid='stApp']");
  if (!record || !app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  if (app.getAttribute("data-test-connection-state") !== "CONNECTED") return false;
  if (document.querySelector("[data-testid='stSkeleton']")) return false;
  if (performance.now() - record.lastChange < quietMs) return false;
  return record.started > mark.started || (record.hooked && record.messages > mark.messages);
}
"""

STATE = """
() => {
  const app = document.querySelector("[data-testid='stApp']");
  const record = window.__reruns || {};
  return `script state ${app && app.getAttribute("data-test-script-state")}, connection ${
    app && app.getAttribute("data-test-connection-state")}, runs started ${record.started}, server messages ${
    record.messages}`;
}
"""

_recording: "weakref.WeakSet[Page]" = weakref.WeakSet()


def record_reruns(page: Page) -> None:
    """Count the page's runs from the start of every document it loads from now on (idempotent)."""
    if page not in _recording:
        page.add_init_script(RECORDER)
        _recording.add(page)


def _mark(page: Page) -> dict:
    page.evaluate(RECORDER)  # a no-op when the init script has run; else count from now on
    return page.evaluate(MARK)


def _wait_settled_after(page: Page, mark: dict, timeout: int, what: str) -> None:
    try:
        page.wait_for_function(SETTLED_AFTER, arg=[mark, QUIET_MS], polling="raf", timeout=timeout)
    except PlaywrightTimeoutError:
        raise AssertionError(f"{what} within {timeout} ms ({page.evaluate(STATE)}; {page.url})") from None


@contextmanager
def rerun_after(page: Page, timeout: int = TIMEOUT_MS) -> Iterator[None]:
    """Wait, when the block ends, for a script run that started after the block began to finish::

        with rerun_after(page):
            slider.press("ArrowRight")

    Fails with an ``AssertionError`` naming the page's state if no such run has finished in ``timeout`` ms.
    """
    mark = _mark(page)
    yield
    _wait_settled_after(page, mark, timeout, "no script run started and finished after the action")


def wait_for_app(page: Page, timeout: int = TIMEOUT_MS) -> None:
    """Wait until the document has finished a run and nothing has changed for ``QUIET_MS``.

    After ``page.goto`` (each document counts its own runs) this waits for the first run; after an
    action, use ``rerun_after``, which cannot return on the state the previous run left.
    """
    hooked = page.evaluate(RECORDER + "; window.__reruns.hooked")
    # Counted from the document's start: its first run must have begun. Counted from now: settled is enough.
    mark = {"started": 0, "messages": 0} if hooked else {"started": -1, "messages": 0}
    _wait_settled_after(page, mark, timeout, "the page did not finish a script run")


def open_page(page: Page, url: str, timeout: int = TIMEOUT_MS) -> Page:
    """Go to ``url`` and wait for the app to settle; fail if an exception box is shown."""
    record_reruns(page)
    page.goto(url, timeout=timeout)
    # On a fresh server the first request runs twice (ui.require_navigation reruns it through app.py) and
    # the first run draws nothing; every page starts with its title, so wait for that run's end too.
    page.locator("[data-testid='stMain'] h1").first.wait_for(state="attached", timeout=2 * timeout)
    wait_for_app(page, timeout)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    return page


# True once the element's box and the document's height have stayed the same for ``frames`` animation frames.
LAYOUT_STABLE = """
([selector, frames]) => {
  const element = document.querySelector(selector);
  const box = element && element.getBoundingClientRect();
  const key = box ? [box.x, box.y, box.width, box.height, document.documentElement.scrollHeight].join() : "none";
  const seen = window.__layoutSeen && window.__layoutSeen.selector === selector ? window.__layoutSeen : null;
  window.__layoutSeen = { selector, key, same: seen && seen.key === key ? seen.same + 1 : 0 };
  return element !== null && window.__layoutSeen.same >= frames;
}
"""
STABLE_FRAMES = 10


def wait_for_layout(page: Page, selector: str, timeout: int = TIMEOUT_MS) -> None:
    """Wait until the first match of ``selector`` (a chart that sizes itself after its first frame) and the
    page's height stop changing: the same for ``STABLE_FRAMES`` animation frames in a row."""
    page.evaluate("() => { window.__layoutSeen = null; }")
    page.wait_for_function(LAYOUT_STABLE, arg=[selector, STABLE_FRAMES], polling="raf", timeout=timeout)
