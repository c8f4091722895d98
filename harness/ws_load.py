"""A load test without browsers: each session speaks Streamlit's websocket protocol itself.

The browser load test (bench/load.py) runs one headless Chromium per session. On a 2-core machine the
browsers then take most of the CPU, so that test measures the clients as much as the server. Here a
session is a websocket client in one asyncio loop: it opens the page as the browser does (a
``rerun_script`` back message naming the page), finds the slider in the deltas, and moves it by
sending the slider's new value in the next ``rerun_script``, scoped to the slider's fragment when it has
one, exactly as the browser does. A move's time runs from sending it to the server's
``script_finished``. The client's own CPU is a small fraction of one core, so what is measured is the
server: the time to rerun the page and send its deltas.

Not measured here: the browser's drawing of those deltas (bench/run.py measures that).
"""

import asyncio
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from harness.stats import median, percentile

# The script_finished statuses that end a run without an error.
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
RUN_TIMEOUT_S = 60


@dataclass
class Slider:
    """What a session needs to move a slider: its widget id, value, bounds and step, and its fragment."""

    widget_id: str
    value: float
    low: float
    high: float
    step: float
    fragment_id: str = ""


@dataclass
class SessionResult:
    """One session's first run and its moves (ms), and whatever went wrong."""

    first_run_ms: float | None = None
    moves_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def affinity_cookie(url: str) -> str:
    """The cookies an HTTP GET of ``url`` sets (nginx's affinity cookie), as a Cookie header value."""
    with urllib.request.urlopen(url, timeout=30) as response:
        cookies = response.headers.get_all("Set-Cookie") or []
    return "; ".join(cookie.split(";", 1)[0] for cookie in cookies)


def stream_url(page_url: str) -> str:
    parts = urlsplit(page_url)
    return f"ws://{parts.netloc}/_stcore/stream"


def page_name(page_url: str) -> str:
    return urlsplit(page_url).path.strip("/")


class Session:
    """One websocket session on ``page_url`` that moves the slider whose label starts with ``label``."""

    def __init__(self, page_url: str, label: str):
        self.page_url = page_url
        self.label = label
        self.slider: Slider | None = None
        self.page_script_hash = ""
        self.exceptions: list[str] = []
        # The metric values of the last run: a move the page took changes them (the Trade page's
        # scenario metrics follow the growth slider).
        self.metrics: list[str] = []

    async def run_until_finished(self, websocket) -> int:
        """Read forward messages until the run ends; note the slider, the metrics and any exception;
        return the status."""
        self.metrics = []
        while True:
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(websocket.recv(), RUN_TIMEOUT_S))
            kind = message.WhichOneof("type")
            if kind == "new_session":
                self.page_script_hash = message.new_session.page_script_hash
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                element_type = element.WhichOneof("type")
                if element_type == "exception":
                    self.exceptions.append(element.exception.message)
                elif element_type == "metric":
                    self.metrics.append(element.metric.body)
                elif element_type == "slider" and element.slider.label.startswith(self.label):
                    proto = element.slider
                    value = (proto.value or proto.default)[0]
                    self.slider = Slider(proto.id, value, proto.min, proto.max, proto.step, message.delta.fragment_id)
            elif kind == "script_finished" and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                # A run that ends early for a rerun (st.rerun, a link check) is followed by that rerun.
                return message.script_finished

    async def rerun(self, websocket, **client_state) -> int:
        back = BackMsg()
        back.rerun_script.query_string = ""
        for name, value in client_state.items():
            setattr(back.rerun_script, name, value)
        await websocket.send(back.SerializeToString())
        return await self.run_until_finished(websocket)

    async def move(self, websocket, value: float) -> int:
        """Send the slider's new value as the browser does; return the run's status."""
        back = BackMsg()
        state = back.rerun_script
        state.query_string = ""
        state.page_script_hash = self.page_script_hash
        state.fragment_id = self.slider.fragment_id
        widget = state.widget_states.widgets.add()
        widget.id = self.slider.widget_id
        widget.double_array_value.data.append(value)
        await websocket.send(back.SerializeToString())
        return await self.run_until_finished(websocket)


def next_value(slider: Slider) -> float:
    """One step up from the value shown, or down at the top: every move asks for a new value."""
    value = slider.value + slider.step if slider.value + slider.step <= slider.high else slider.value - slider.step
    return round(value, 6)


class StartLine:
    """The sessions' common start: moves begin once every session has opened its page (or failed)."""

    def __init__(self, sessions: int):
        self.waiting = sessions
        self.event = asyncio.Event()

    def arrived(self) -> None:
        self.waiting -= 1
        if self.waiting <= 0:
            self.event.set()


async def run_session(page_url: str, label: str, moves: int, start: StartLine) -> SessionResult:
    """Open the page, wait until every session has, then make ``moves`` slider moves."""
    result = SessionResult()
    session = Session(page_url, label)
    arrived = False
    try:
        cookie = await asyncio.to_thread(affinity_cookie, page_url)
        async with connect(
            stream_url(page_url),
            subprotocols=["streamlit"],
            additional_headers={"Cookie": cookie} if cookie else None,
            max_size=None,
            open_timeout=RUN_TIMEOUT_S,
        ) as websocket:
            began = time.perf_counter()
            status = await session.rerun(websocket, page_name=page_name(page_url))
            result.first_run_ms = 1000 * (time.perf_counter() - began)
            start.arrived()
            arrived = True
            if status not in FINISHED or session.slider is None:
                result.errors.append(f"first run ended {status}, slider found: {session.slider is not None}")
                return result
            await start.event.wait()
            for index in range(moves):
                began = time.perf_counter()
                value, before = next_value(session.slider), session.metrics
                status = await session.move(websocket, value)
                result.moves_ms.append(1000 * (time.perf_counter() - began))
                session.slider.value = value
                if status not in FINISHED:
                    result.errors.append(f"move {index} ended {status}")
                elif session.metrics == before:
                    result.errors.append(f"move {index} to {value}: no metric changed, the page did not take it")
    except Exception as error:  # a refused or closed socket, a timeout: reported, not raised
        result.errors.append(f"{type(error).__name__}: {error}")
    finally:
        if not arrived:
            start.arrived()
    result.errors.extend(f"exception on the page: {text}" for text in session.exceptions)
    return result


async def _load(page_url: str, label: str, sessions: int, moves: int) -> list[SessionResult]:
    start = StartLine(sessions)
    return await asyncio.gather(*(run_session(page_url, label, moves, start) for _ in range(sessions)))


@dataclass
class LoadResult:
    sessions: int
    moves_per_session: int
    first_run_ms_median: float | None
    move_ms_median: float | None
    move_ms_p95: float | None
    moves: int
    errors: list[str]
    seconds: float


def run_ws_load(page_url: str, label: str, sessions: int, moves: int) -> LoadResult:
    """``sessions`` websocket sessions at once on ``page_url``, each moving the slider ``moves`` times."""
    began = time.monotonic()
    # Its own thread and event loop: the caller's thread may already run one (Playwright's sync API
    # does, in the browser tests), and asyncio.run refuses to start inside it.
    with ThreadPoolExecutor(max_workers=1) as pool:
        results = pool.submit(asyncio.run, _load(page_url, label, sessions, moves)).result()
    moves_ms = [ms for result in results for ms in result.moves_ms]
    firsts = [result.first_run_ms for result in results if result.first_run_ms is not None]
    return LoadResult(
        sessions=sessions,
        moves_per_session=moves,
        first_run_ms_median=median(firsts),
        move_ms_median=median(moves_ms),
        move_ms_p95=percentile(moves_ms, 0.95),
        moves=len(moves_ms),
        errors=[error for result in results for error in result.errors],
        seconds=time.monotonic() - began,
    )
