"""Does a briefing hold up other analysts? One replica, two websocket sessions on the Trade page.

``.venv/bin/python bench/briefing_alongside.py [--builds 5] [--moves 8]`` starts ``streamlit run app.py``
and opens two sessions as the browser does (harness/ws_load.py). Session A asks for its "Briefing (PDF)"
the way the button does: a ``deferred_file`` backend request, which Streamlit answers by running the
page's builder in a worker thread (``asyncio.to_thread``) of the same server process. Session B moves
the growth slider meanwhile, one move after another, and times each move from sending it to the run's end.

Rounds alternate, so that a change in the machine's load touches both alike: B moves alone, then B moves
while A's briefing builds. The first briefing of the server also starts the chart renderer's Chromium;
it is made before the rounds and reported apart. Prints: A's build time (median, longest); B's move time
alone and during builds (median, p95, longest); and the longest move during a build, which is the
longest another analyst waited. Target (issue #26): a briefing is built in at most 3 s and never holds
another session up longer than that. Asserts nothing.
"""

import argparse
import asyncio
import os
import sys
import time
import uuid
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from harness.server import ROOT, streamlit_server  # noqa: E402
from harness.stats import median, percentile  # noqa: E402
from harness.ws_load import FINISHED, RUN_TIMEOUT_S, Session, next_value, stream_url  # noqa: E402

SLIDER_LABEL = "Scenario growth"
BRIEFING_LABEL = "Briefing (PDF)"
TARGET_SECONDS = 3.0


class BriefingSession(Session):
    """A Trade session that also notes its briefing button's deferred file id."""

    def __init__(self, page_url: str):
        super().__init__(page_url, SLIDER_LABEL)
        self.file_id = ""
        self.session_id = ""

    async def run_until_finished(self, websocket) -> int:
        # The base class reads the run; the briefing button is found by reading the same messages first.
        original_recv = websocket.recv

        async def recv():
            raw = await original_recv()
            message = ForwardMsg()
            message.ParseFromString(raw)
            if message.WhichOneof("type") == "new_session":
                self.session_id = message.new_session.initialize.session_id
            elif message.WhichOneof("type") == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                if element.WhichOneof("type") == "download_button" and element.download_button.label == BRIEFING_LABEL:
                    self.file_id = element.download_button.deferred_file_id
            return raw

        websocket.recv = recv
        try:
            return await super().run_until_finished(websocket)
        finally:
            websocket.recv = original_recv

    async def build_briefing(self, websocket) -> float:
        """Ask for the briefing as the button does; the seconds until the file's URL comes back."""
        back = BackMsg()
        back.backend_operation_request.request_id = uuid.uuid4().hex
        back.backend_operation_request.session_id = self.session_id
        back.backend_operation_request.deferred_file.file_id = self.file_id
        began = time.perf_counter()
        await websocket.send(back.SerializeToString())
        while True:
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(websocket.recv(), RUN_TIMEOUT_S))
            if message.WhichOneof("type") == "backend_operation_response":
                response = message.backend_operation_response
                if response.error_msg:
                    raise RuntimeError(f"the briefing failed: {response.error_msg}")
                return time.perf_counter() - began


async def moves_until(session: Session, websocket, done: asyncio.Event | None, count: int) -> list[float]:
    """Slider moves (seconds each): ``count`` of them, or as many as fit until ``done`` is set."""
    times = []
    while (done is None and len(times) < count) or (done is not None and not done.is_set()):
        value = next_value(session.slider)
        began = time.perf_counter()
        status = await session.move(websocket, value)
        times.append(time.perf_counter() - began)
        session.slider.value = value
        if status not in FINISHED:
            raise RuntimeError(f"a move ended with status {status}")
    return times


async def measure(url: str, builds: int, moves: int) -> dict:
    page = f"{url}/trade"
    briefing, other = BriefingSession(page), Session(page, SLIDER_LABEL)
    options = {"subprotocols": ["streamlit"], "max_size": None, "open_timeout": RUN_TIMEOUT_S}
    async with connect(stream_url(page), **options) as ws_a, connect(stream_url(page), **options) as ws_b:
        for session, websocket in ((briefing, ws_a), (other, ws_b)):
            status = await session.rerun(websocket, page_name="trade")
            if status not in FINISHED or session.slider is None:
                raise RuntimeError(f"the Trade page did not open ({status}; {session.exceptions})")
        if not briefing.file_id:
            raise RuntimeError("no Briefing (PDF) button on the Trade page")
        cold = await briefing.build_briefing(ws_a)
        alone, during, build_times = [], [], []
        for _ in range(builds):
            alone += await moves_until(other, ws_b, None, moves)
            done = asyncio.Event()

            async def build(done=done):
                try:
                    build_times.append(await briefing.build_briefing(ws_a))
                finally:
                    done.set()

            task = asyncio.create_task(build())
            during += await moves_until(other, ws_b, done, 0)
            await task
        problems = briefing.exceptions + other.exceptions
    return {"cold": cold, "builds": build_times, "alone": alone, "during": during, "problems": problems}


def line(name: str, seconds: list[float]) -> str:
    return f"{name:<34}{len(seconds):>6}{median(seconds):>9.2f}{percentile(seconds, 0.95):>9.2f}{max(seconds):>9.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builds", type=int, default=5, help="briefings built while the other session moves")
    parser.add_argument("--moves", type=int, default=8, help="moves of the other session alone, per round")
    options = parser.parse_args()
    os.environ.setdefault("NEA_BRIEFING_WARM_UP", "0")  # the renderer's start is measured apart, as "cold"
    with streamlit_server(ROOT / "app.py", "briefing-alongside") as server:
        figures = asyncio.run(measure(server.url, options.builds, options.moves))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; target {TARGET_SECONDS:.0f} s")
    print(f"first briefing of the server (starts the renderer's Chromium): {figures['cold']:.2f} s")
    print(f"{'seconds':<34}{'n':>6}{'median':>9}{'p95':>9}{'longest':>9}")
    print(line("A: briefing build", figures["builds"]))
    print(line("B: slider move, alone", figures["alone"]))
    print(line("B: slider move, during a build", figures["during"]))
    longest = max(figures["during"])
    verdict = "PASS" if max(figures["builds"]) <= TARGET_SECONDS and longest <= TARGET_SECONDS else "FAIL"
    print(f"longest another analyst waited for a move during a build: {longest:.2f} s  {verdict}")
    if figures["problems"]:
        print("exceptions on the pages:", *figures["problems"], sep="\n  ")


if __name__ == "__main__":
    main()
