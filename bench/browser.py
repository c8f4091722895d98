"""Headless Chromium for the benchmark: byte counting, first render and slider moves (launch: harness.browser).

Timing is taken inside the page with ``performance.now()`` (zero = navigation start), so the
round trips between Python and the browser do not count.
"""

from dataclasses import dataclass, field
from urllib.parse import urlparse

from playwright.sync_api import Browser, BrowserContext, Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from harness.browser import read_slider

VIEWPORT = {"width": 1400, "height": 1000}
FIRST_RENDER_TIMEOUT_MS = 45_000
MOVE_TIMEOUT_MS = 15_000
# A second run that follows the first one (st.rerun, query-parameter sync) starts within a few ms;
# waiting this long without a state change or a message means the page has settled.
QUIET_MS = 200
# Streamlit >= 1.6x renders sliders with react-aria (<input type="range">); older ones with baseweb.

# Installed before any page script: script-state transitions and websocket messages from the start.
RECORDER_INIT_SCRIPT = """
(() => {
  const record = (window.__bench = { states: [], messages: [], loadAt: null, lastKey: null, moveStates: [] });
  addEventListener("load", () => { record.loadAt = performance.now(); });
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", () => record.messages.push(performance.now()));
    }
  };
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      record.states.push({ t: performance.now(), state: mutation.target.getAttribute("data-test-script-state") });
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-test-script-state"] });
})();
"""

FIRST_RENDER_SETTLED = """
() => {
  const record = window.__bench;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!record || !app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  const sawRunning = record.states.some((entry) => entry.state === "running");
  if (!sawRunning && record.loadAt === null) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  return { ms: performance.now(), sawRunning };
}
"""

# Installed with page.evaluate before the slider moves: transitions of stApp's script state and key presses.
INSTALL_MOVE_OBSERVER = """
() => {
  const record = window.__bench;
  const app = document.querySelector('[data-testid="stApp"]');
  record.moveStates = [];
  record.lastKey = null;
  new MutationObserver(() => {
    record.moveStates.push({ t: performance.now(), state: app.getAttribute("data-test-script-state") });
  }).observe(app, { attributes: true, attributeFilter: ["data-test-script-state"] });
  document.addEventListener("keydown", () => { record.lastKey = performance.now(); }, true);
}
"""

# Settled: state notRunning after a running (or, if React batched the running away, after a message
# from the server), no skeleton, and nothing has happened for quietMs. lastMessageMs, the last
# server message before that, splits the time into server + network and browser rendering.
MOVE_SETTLED = """
(quietMs) => {
  const record = window.__bench;
  const keyAt = record.lastKey;
  const app = document.querySelector('[data-testid="stApp"]');
  if (keyAt === null || !app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  const states = record.moveStates.filter((entry) => entry.t >= keyAt);
  const messages = record.messages.filter((t) => t >= keyAt);
  const lastEvent = Math.max(keyAt, ...states.map((entry) => entry.t), ...messages);
  if (performance.now() - lastEvent < quietMs) return false;
  const runs = states.filter((entry) => entry.state === "running").length;
  if (runs > 0) {
    const ends = states.filter((entry) => entry.state === "notRunning");
    const settledAt = ends[ends.length - 1].t;
    const serverDone = Math.max(keyAt, ...messages.filter((t) => t <= settledAt));
    return {
      settledMs: settledAt - keyAt,
      firstSettledMs: ends[0].t - keyAt,
      lastMessageMs: serverDone - keyAt,
      runs,
      batched: false,
    };
  }
  if (messages.length > 0) {
    const settledMs = messages[messages.length - 1] - keyAt;
    return { settledMs, firstSettledMs: settledMs, lastMessageMs: settledMs, runs: 0, batched: true };
  }
  return false;
}
"""


def new_context(browser: Browser) -> BrowserContext:
    """A fresh browser context (empty cache, no cookies) that records script state from the first byte."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(RECORDER_INIT_SCRIPT)
    return context


@dataclass
class WebSocketBytes:
    """Bytes of every server → client websocket frame a page receives (Playwright ``framereceived``).

    The payloads are kept so that ``bench.frames`` can say which elements the bytes went to.
    """

    total: int = 0
    payloads: list[bytes | str] = field(default_factory=list)

    def attach(self, page: Page) -> "WebSocketBytes":
        """Count the frames of every websocket the page opens from now on."""
        page.on("websocket", lambda websocket: websocket.on("framereceived", self._count))
        return self

    def _count(self, payload: str | bytes) -> None:
        self.total += len(payload.encode() if isinstance(payload, str) else payload)
        self.payloads.append(payload)


@dataclass
class FirstRender:
    """One page load in a new context.

    ``ms``: navigation start → settled (see ``load_page``); ``script_done_ms``: when stApp's state last
    turned ``notRunning`` (the DOM attribute, before the browser has had time to draw);
    ``idle_ms``: when the main thread next ran an animation frame after a further ``QUIET_MS``
    (pydeck waits 200 ms before drawing), so chart drawing that blocks the page counts there.
    ``static_bytes``: HTTP bodies the page fetched (JS, CSS, fonts); ``largest_resources``: the
    three largest, as ``(file name, KB)``.
    """

    ms: float | None
    bytes_received: int
    error: str | None = None
    script_done_ms: float | None = None
    idle_ms: float | None = None
    static_bytes: int | None = None
    largest_resources: list = field(default_factory=list)


NEXT_FRAME = "() => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())))"
LAST_SCRIPT_DONE = """
() => {
  const done = window.__bench.states.filter((entry) => entry.state === "notRunning");
  return done.length ? done[done.length - 1].t : null;
}
"""
RESOURCES = """
() => {
  const entries = performance.getEntriesByType("resource");
  const largest = entries
    .map((entry) => [entry.name.split("/").pop(), Math.round(entry.encodedBodySize / 1024)])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3);
  return { total: entries.reduce((sum, entry) => sum + entry.encodedBodySize, 0), largest };
}
"""


def load_page(page: Page, url: str, websocket_bytes: WebSocketBytes) -> FirstRender:
    """Navigate to ``url`` and wait until the first script run has settled.

    Settled means ``stApp`` has ``data-test-script-state=notRunning`` and no ``stSkeleton`` is shown,
    after a ``running`` was seen or after the load event, checked on every animation frame. The time
    is ``performance.now()`` at that frame, so it counts from navigation start and includes main-thread
    work that holds the frame back (parsing a large chart library, drawing).
    """
    try:
        page.goto(url, wait_until="commit", timeout=FIRST_RENDER_TIMEOUT_MS)
        result = page.wait_for_function(FIRST_RENDER_SETTLED, polling="raf", timeout=FIRST_RENDER_TIMEOUT_MS)
        settled = result.json_value()
        page.wait_for_timeout(QUIET_MS)
        idle_ms = page.evaluate(NEXT_FRAME)
        script_done_ms = page.evaluate(LAST_SCRIPT_DONE)
        resources = page.evaluate(RESOURCES)
    except PlaywrightTimeoutError:
        return FirstRender(None, websocket_bytes.total, f"did not settle within {FIRST_RENDER_TIMEOUT_MS} ms")
    except Exception as error:  # noqa: BLE001 - a broken page is a result to report, not a crash
        return FirstRender(None, websocket_bytes.total, f"{type(error).__name__}: {error}".splitlines()[0])
    return FirstRender(
        settled["ms"],
        websocket_bytes.total,
        page_problem(page),
        script_done_ms=script_done_ms,
        idle_ms=idle_ms,
        static_bytes=resources["total"],
        largest_resources=resources["largest"],
    )


def page_problem(page: Page) -> str | None:
    """A short description of an exception box or a 'Page not found' dialog on the page, else None."""
    exceptions = page.locator('[data-testid="stException"]')
    if exceptions.count():
        text = exceptions.first.inner_text(timeout=5000).strip().replace("\n", " ")
        return f"stException ({exceptions.count()}): {text[:200]}"
    if page.get_by_text("Page not found").count():
        return "Page not found: Streamlit ran the main page instead"
    return None


# The slider a page is about, by URL path; on other pages the first slider is moved.
MAIN_SLIDER_LABELS = {"/trade": "Scenario growth rate"}


def first_slider(page: Page) -> Locator | None:
    """The page's main slider thumb (``MAIN_SLIDER_LABELS``, else the first one), or None without a slider."""
    label = MAIN_SLIDER_LABELS.get(urlparse(page.url).path.rstrip("/"))
    sliders = page.locator('[data-testid="stSlider"]')
    if label:
        sliders = sliders.filter(has_text=label)
    slider = sliders.locator('[role="slider"], input[type="range"]').first
    return slider if slider.count() else None


@dataclass
class Move:
    """One key press on a slider and the rerun it caused."""

    direction: str
    value_after_press: float | None
    settled_ms: float | None = None
    first_settled_ms: float | None = None
    last_message_ms: float | None = None
    runs: int = 0
    batched: bool = False
    bytes_received: int = 0
    frames: tuple[int, int] = (0, 0)
    value_after_settle: float | None = None
    error: str | None = None


def install_move_observer(page: Page) -> None:
    """Start recording ``data-test-script-state`` transitions of stApp and key-press times."""
    page.evaluate(INSTALL_MOVE_OBSERVER)


def choose_direction(value: float, minimum: float, maximum: float, move_index: int) -> str:
    """ArrowRight and ArrowLeft in turn, turning back at either end so the value stays in range."""
    if value >= maximum:
        return "ArrowLeft"
    if value <= minimum:
        return "ArrowRight"
    return "ArrowRight" if move_index % 2 == 0 else "ArrowLeft"


def move_slider(page: Page, slider: Locator, move_index: int, websocket_bytes: WebSocketBytes) -> Move:
    """Press an arrow key on the focused slider and wait until the rerun it triggers has settled.

    If the key does not change the value (a thumb blocked by the other thumb of a range slider),
    the opposite key is pressed instead.
    """
    before = read_slider(slider)
    direction = choose_direction(before["value"], before["min"], before["max"], move_index)
    bytes_before, frames_before = websocket_bytes.total, len(websocket_bytes.payloads)
    slider.focus()
    page.keyboard.press(direction)
    after = read_slider(slider)
    if after["value"] == before["value"]:
        direction = "ArrowLeft" if direction == "ArrowRight" else "ArrowRight"
        page.keyboard.press(direction)
        after = read_slider(slider)
        if after["value"] == before["value"]:
            return Move(direction, after["value"], error="the slider value does not change on arrow keys")
    move = Move(direction, after["value"])
    try:
        settled = page.wait_for_function(MOVE_SETTLED, arg=QUIET_MS, polling="raf", timeout=MOVE_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        move.error = f"no settled rerun within {MOVE_TIMEOUT_MS} ms"
        return move
    result = settled.json_value()
    move.settled_ms = result["settledMs"]
    move.first_settled_ms = result["firstSettledMs"]
    move.last_message_ms = result["lastMessageMs"]
    move.runs = result["runs"]
    move.batched = result["batched"]
    move.bytes_received = websocket_bytes.total - bytes_before
    move.frames = (frames_before, len(websocket_bytes.payloads))
    refreshed = first_slider(page)
    move.value_after_settle = read_slider(refreshed)["value"] if refreshed else None
    return move
