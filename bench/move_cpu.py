"""Server CPU per slider move, two versions of the app side by side, moves interleaved (A, B, B, A, …).

Usage: ``.venv/bin/python bench/move_cpu.py --before /tmp/old-checkout [--pages trade,debt,timeline]
[--moves 20] [--port 8620]``. Each version runs under bench/cpu_server.py; a websocket client (as in
harness/ws_load.py, no browser) opens each page and moves its slider to a new value every move (one step
on, turning back at the end of the range, so no value repeats within a run of the range's length). It
waits for the run's end and a quiet moment before the next move, so the process clock between two runs'
starts is all the server did for one move. Prints, per page and version, the median over the moves of
the process's CPU ms (``process``) and of the script thread's (``thread``), with the load average.
"""

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402

from harness.server import ROOT, wait_until_healthy  # noqa: E402
from harness.stats import median  # noqa: E402

SLIDERS = {"trade": "Scenario growth rate", "debt": "Discount rate", "timeline": "Years"}
WARM_UP_MOVES = 3
QUIET_S = 0.15
CPU_SERVER = Path(__file__).resolve().parent / "cpu_server.py"


@contextmanager
def cpu_server(tree: Path, port: int):
    """bench/cpu_server.py on ``tree``'s app.py; yields the URL and the path of its run log."""
    log = Path(tempfile.mkstemp(prefix="move-cpu-", suffix=".jsonl")[1])
    command = [sys.executable, str(CPU_SERVER), str(tree / "app.py"), "--server.headless=true"]
    command += [f"--server.port={port}", "--server.address=127.0.0.1", "--server.fileWatcherType=none"]
    command += ["--browser.gatherUsageStats=false"]
    server_log = tempfile.NamedTemporaryFile(prefix="move-cpu-server-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(
        command, cwd=tree, env={**os.environ, "NEA_CPU_LOG": str(log)}, stdout=server_log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process, Path(server_log.name))
        yield url, log
    finally:
        process.terminate()
        process.wait(timeout=10)


def records(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text().splitlines() if line.strip()]


class Mover:
    """One websocket session on one page of one server, moving the slider whose label starts with ``label``."""

    def __init__(self, url: str, log: Path, page: str):
        self.url, self.log, self.page, self.label = url, log, page, SLIDERS[page]
        self.widget_id, self.fragment_id, self.script_hash = "", "", ""
        self.values: list[float] = []
        self.low = self.high = self.step = 0.0
        self.direction = -1 if page == "timeline" else 1  # the Timeline widens its years, others go up
        self.run_starts: list[int] = []  # index in the log of each measured move's run
        self.errors: list[str] = []

    async def read_run(self, websocket) -> int:
        while True:
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(websocket.recv(), 60))
            kind = message.WhichOneof("type")
            if kind == "new_session":
                self.script_hash = message.new_session.page_script_hash
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                if element.WhichOneof("type") == "exception":
                    self.errors.append(element.exception.message)
                elif element.WhichOneof("type") == "slider" and element.slider.label.startswith(self.label):
                    proto = element.slider
                    self.widget_id, self.fragment_id = proto.id, message.delta.fragment_id
                    self.values = list(proto.value or proto.default)
                    self.low, self.high, self.step = proto.min, proto.max, proto.step
            elif kind == "script_finished" and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return message.script_finished

    async def open(self, websocket) -> None:
        back = BackMsg()
        back.rerun_script.query_string = ""
        back.rerun_script.page_name = self.page
        await websocket.send(back.SerializeToString())
        await self.read_run(websocket)
        if not self.widget_id:
            raise RuntimeError(f"{self.url}/{self.page}: no slider labelled {self.label!r}")

    def next_values(self) -> list[float]:
        """The first handle one step on, turning back at either end of the range."""
        first = self.values[0] + self.direction * self.step
        if not self.low <= first <= self.high or (len(self.values) > 1 and first > self.values[1]):
            self.direction = -self.direction
            first = self.values[0] + self.direction * self.step
        return [round(first, 6), *self.values[1:]]

    async def move(self, websocket, measured: bool) -> None:
        values = self.next_values()
        back = BackMsg()
        state = back.rerun_script
        state.query_string, state.page_script_hash, state.fragment_id = "", self.script_hash, self.fragment_id
        widget = state.widget_states.widgets.add()
        widget.id = self.widget_id
        widget.double_array_value.data.extend(values)
        before = len(records(self.log))
        await websocket.send(back.SerializeToString())
        status = await self.read_run(websocket)
        if status != ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
            self.errors.append(f"move to {values} ended with status {status}")
        self.values = values
        await asyncio.sleep(QUIET_S)
        if measured:
            self.run_starts.append(before)

    def summary(self) -> dict:
        runs = records(self.log)
        process = [runs[i + 1]["process_at_start_ms"] - runs[i]["process_at_start_ms"] for i in self.run_starts]
        thread = [runs[i]["thread_ms"] for i in self.run_starts]
        return {"process_ms": median(process), "thread_ms": median(thread), "moves": len(process)}


async def compare_page(servers: dict, page: str, moves: int) -> dict:
    """Open ``page`` on every server, warm up, then interleave the measured moves; one extra move each
    closes the last measured one."""
    async with connect_all(servers) as sockets:
        movers = {name: Mover(url, log, page) for name, (url, log) in servers.items()}
        for name, mover in movers.items():
            # Twice, as a reader's second page view: the first run's imports are frozen by the next one
            # (components/ui/heap.py), as they are on a server that has served a page before.
            await mover.open(sockets[name])
            await mover.open(sockets[name])
            for _ in range(WARM_UP_MOVES):
                await mover.move(sockets[name], measured=False)
        order = list(movers)
        for index in range(moves + 1):
            for name in order if index % 2 == 0 else reversed(order):
                await movers[name].move(sockets[name], measured=index < moves)
        return {name: mover.summary() | {"errors": mover.errors} for name, mover in movers.items()}


class connect_all:  # noqa: N801 - used as a context manager, like connect
    """One websocket per server, closed together."""

    def __init__(self, servers: dict):
        self.servers, self.sockets, self.contexts = servers, {}, []

    async def __aenter__(self) -> dict:
        for name, (url, _log) in self.servers.items():
            context = connect(url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"], max_size=None)
            self.sockets[name] = await context.__aenter__()
            self.contexts.append(context)
        return self.sockets

    async def __aexit__(self, *exc) -> None:
        for context in self.contexts:
            await context.__aexit__(*exc)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="a checkout of the version to compare with")
    parser.add_argument("--after", type=Path, default=ROOT, help="the version measured (default this checkout)")
    parser.add_argument("--pages", default="trade,debt,timeline")
    parser.add_argument("--moves", type=int, default=20)
    parser.add_argument("--port", type=int, default=8620, help="the first of two ports")
    arguments = parser.parse_args(argv)
    with ExitStack() as stack:
        servers = {
            "before": stack.enter_context(cpu_server(arguments.before.resolve(), arguments.port)),
            "after": stack.enter_context(cpu_server(arguments.after.resolve(), arguments.port + 1)),
        }
        for page in arguments.pages.split(","):
            load = os.getloadavg()
            result = asyncio.run(compare_page(servers, page, arguments.moves))
            loads = "/".join(f"{value:.2f}" for value in (*load, *os.getloadavg()))
            for name, figures in result.items():
                print(
                    f"{page:9} {name:6} process {figures['process_ms']:6.1f} ms  thread {figures['thread_ms']:6.1f} ms"
                    f"  ({figures['moves']} moves, load before/after {loads}) {figures['errors'] or ''}",
                    flush=True,
                )
            time.sleep(0.5)


if __name__ == "__main__":
    main()
