"""Memory of one replica with many analysts' files: N websocket sessions each upload a file at the caps.

``.venv/bin/python bench/upload_budget.py [--sessions 20] [--budget-mb 1024] [--port N]`` (or
``make bench-uploads``) starts one replica with ``NEA_UPLOAD_BUDGET_MB``, opens one session to warm it
(its RSS then is "the idle replica"), and opens ``--sessions`` websocket sessions on the Trade page that
each upload the same file through Streamlit's own upload route, as the browser does: ask the server for
an upload URL, PUT the file, rerun with the uploader's new value. The file is a legacy annual Comtrade
export at the cell cap whose every row is kept in the read file (the largest read form the caps allow).
The sessions stay open; at the end each reruns once more. The replica's RSS is sampled every 0.2 s.

Prints: peak RSS, idle RSS, final RSS, the budget; sessions ok / failed; how slow the uploads were
(seconds from the PUT to the page showing the file: files are read one at a time, so the last waits
for all the others, and the page says so while it waits); and per session the budget's charge for its
file against the RSS the replica grew by when that file arrived. A session *fails* on an error: an
exception on a page, a run that did not finish, a lost socket, no word for ``SILENCE_S`` seconds, or
neither its file nor the release notice shown at the end. Slowness alone is not a failure. Asserts nothing.
"""

import argparse
import asyncio
import os
import statistics
import sys
import threading
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.process import rss_megabytes  # noqa: E402
from bench.upload_parse import legacy_annual_csv  # noqa: E402
from components.analysis import upload_budget, upload_formats, uploads  # noqa: E402
from components.data import paths  # noqa: E402
from harness.server import ROOT, streamlit_server  # noqa: E402
from harness.ws_load import FINISHED, RUN_TIMEOUT_S, affinity_cookie  # noqa: E402

RELEASED = "Your file was released to free memory"
SHOWING = "Showing your file"
# A run that sends nothing for this long is an error; a slow one that keeps talking (the page says how
# many files are ahead while a file waits its turn) is only slow.
SILENCE_S = 600
MB = 2**20


class Page:
    """One websocket session on the Trade page: its session id, the uploader's widget id, what the last
    run said (alerts) and any exception."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.session_id = ""
        self.page_script_hash = ""
        self.uploader_id = ""
        self.alerts: list[str] = []
        self.exceptions: list[str] = []
        self.file_urls = None

    async def read_run(self, websocket) -> int:
        self.alerts = []
        while True:
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(websocket.recv(), SILENCE_S))
            kind = message.WhichOneof("type")
            if kind == "new_session":
                self.session_id = message.new_session.initialize.session_id
                self.page_script_hash = message.new_session.page_script_hash
            elif kind == "file_urls_response":
                self.file_urls = message.file_urls_response.file_urls[0]
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                element_type = element.WhichOneof("type")
                if element_type == "exception":
                    self.exceptions.append(element.exception.message)
                elif element_type == "alert":
                    self.alerts.append(element.alert.body)
                elif element_type == "file_uploader" and element.file_uploader.label.startswith("Your trade table"):
                    self.uploader_id = element.file_uploader.id
            elif kind == "script_finished" and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return message.script_finished

    async def rerun(self, websocket, widget=None) -> int:
        back = BackMsg()
        back.rerun_script.query_string = ""
        # The page by its URL path, as a browser on /trade asks for it.
        back.rerun_script.page_name = "trade"
        if widget is not None:
            back.rerun_script.widget_states.widgets.append(widget)
        await websocket.send(back.SerializeToString())
        return await self.read_run(websocket)

    async def upload(self, websocket, name: str, content: bytes, cookie: str) -> int:
        back = BackMsg()
        back.file_urls_request.request_id = str(uuid.uuid4())
        back.file_urls_request.session_id = self.session_id
        back.file_urls_request.file_names.append(name)
        self.file_urls = None
        await websocket.send(back.SerializeToString())
        while self.file_urls is None:
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(websocket.recv(), SILENCE_S))
            if message.WhichOneof("type") == "file_urls_response":
                self.file_urls = message.file_urls_response.file_urls[0]
        url = self.file_urls.upload_url
        url = url if url.startswith("http") else self.base_url + url
        await asyncio.to_thread(put_file, url, name, content, cookie)
        widget = BackMsg().rerun_script.widget_states.widgets.add()
        widget.id = self.uploader_id
        info = widget.file_uploader_state_value.uploaded_file_info.add()
        info.name, info.size, info.file_id = name, len(content), self.file_urls.file_id
        info.file_urls.CopyFrom(self.file_urls)
        return await self.rerun(websocket, widget)


def put_file(url: str, name: str, content: bytes, cookie: str) -> None:
    """PUT one file as the browser's uploader does: multipart, with the XSRF cookie echoed in a header."""
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode()
    body = head + content + f"\r\n--{boundary}--\r\n".encode()
    xsrf = dict(part.split("=", 1) for part in cookie.split("; ") if "=" in part).get("_streamlit_xsrf", "")
    request = urllib.request.Request(url, data=body, method="PUT")
    request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    request.add_header("Cookie", cookie)
    request.add_header("X-Xsrftoken", xsrf)
    with urllib.request.urlopen(request, timeout=SILENCE_S) as response:
        response.read()


@dataclass
class Outcome:
    """One session: what its last run showed, its errors, the seconds from its PUT to its file shown,
    and the replica's RSS just before its upload and once its file was shown."""

    index: int
    shown: str = "no run"
    errors: list[str] = field(default_factory=list)
    upload_seconds: float | None = None
    arrived_at: float | None = None
    rss_arrived: float | None = None


class Run:
    """What the sessions share: the replica's pid, how many sessions there are and have uploaded, outcomes."""

    def __init__(self, sessions: int, pid: int):
        self.sessions, self.pid, self.opened, self.uploaded, self.outcomes = sessions, pid, 0, 0, []
        # The replica's RSS once every session has run its page once, before any file arrives.
        self.rss_open: float | None = None

    async def all_open(self) -> None:
        """Wait until every session has opened its page (or failed to), so the uploads start together."""
        self.opened += 1
        while self.opened < self.sessions:
            await asyncio.sleep(0.2)
        if self.rss_open is None:
            self.rss_open = rss_megabytes(self.pid)


async def session(base_url: str, index: int, content: bytes, run: Run) -> None:
    """Open the Trade page, upload, wait until every session has, rerun once; note what it said."""
    page, outcome, opened, arrived = Page(base_url), Outcome(index), False, False
    errors = outcome.errors
    try:
        # The health route sets the XSRF cookie the upload route checks (the browser gets it the same way).
        cookie = await asyncio.to_thread(affinity_cookie, f"{base_url}/_stcore/health")
        async with connect(
            base_url.replace("http", "ws") + "/_stcore/stream",
            subprotocols=["streamlit"],
            additional_headers={"Cookie": cookie},
            max_size=None,
            open_timeout=RUN_TIMEOUT_S,
            # The client's own pings would fail a session whose replica is busy parsing, which a browser
            # does not do; silence is judged by SILENCE_S instead.
            ping_interval=None,
        ) as websocket:
            if await page.rerun(websocket) not in FINISHED:
                errors.append("first run did not finish")
            opened = True
            await run.all_open()
            began = time.monotonic()
            status = await page.upload(websocket, f"analyst-{index}.csv", content, cookie)
            outcome.arrived_at = time.monotonic()
            outcome.upload_seconds = outcome.arrived_at - began
            outcome.rss_arrived = rss_megabytes(run.pid)
            if status not in FINISHED or not any(SHOWING in alert for alert in page.alerts):
                errors.append(f"upload run ended {status}: {page.alerts[:2]}")
            arrived = True
            run.uploaded += 1
            while run.uploaded < run.sessions:
                await asyncio.sleep(0.2)
            if await page.rerun(websocket) not in FINISHED:
                errors.append("last run did not finish")
            alerts = " ".join(page.alerts)
            outcome.shown = "showing" if SHOWING in alerts else "released" if RELEASED in alerts else "neither"
    except Exception as error:  # a closed socket, a silence: reported, not raised
        errors.append(f"{type(error).__name__}: {error}")
    finally:
        # The others must not wait for a session that failed before it opened or before its upload ended.
        if not opened:
            run.opened += 1
        if not arrived:
            run.uploaded += 1
    errors += [f"exception on the page: {text}" for text in page.exceptions]
    if outcome.shown == "neither":
        errors.append("its last run showed neither its file nor the release notice")
    run.outcomes.append(outcome)


class Sampler(threading.Thread):
    """The replica's RSS every 0.2 s until stopped."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.samples, self.running = pid, [], True

    def run(self) -> None:
        while self.running:
            self.samples.append(rss_megabytes(self.pid))
            time.sleep(0.2)


async def run_sessions(base_url: str, pid: int, sessions: int, content: bytes) -> tuple[list[Outcome], float]:
    """Every session's outcome, and the replica's RSS once all had opened their page without a file."""
    run = Run(sessions, pid)
    await asyncio.gather(*(session(base_url, index, content, run) for index in range(sessions)))
    return sorted(run.outcomes, key=lambda outcome: outcome.index), run.rss_open


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--budget-mb", type=int, default=paths.DEFAULT_UPLOAD_BUDGET_MB)
    parser.add_argument("--port", type=int, default=None, help="the replica's port (default: a free one)")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the replica (repeatable)")
    args = parser.parse_args()
    rows = min(paths.MAX_UPLOAD_ROWS, paths.MAX_UPLOAD_CELLS // len(upload_formats.LEGACY_COLUMNS) - 1)
    content = legacy_annual_csv(rows)
    # The budget's charge for this file, as the replica computes it (the same code on the same bytes).
    charged = upload_budget.charge(uploads.read_upload("analyst.csv", content)) / MB
    env = {paths.UPLOAD_BUDGET_ENV: str(args.budget_mb), **dict(item.split("=", 1) for item in args.env)}
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    with streamlit_server(ROOT / "app.py", "upload-budget", env, port=args.port) as server:
        (idle, rss_open), seconds, outcomes, samples = asyncio.run(measure(server, args.sessions, content))
        final = rss_megabytes(server.pid)
    report(args, rows, content, charged, (idle, rss_open), seconds, outcomes, (max(samples + [final]), final))


def report(args, rows, content, charged, rss, seconds, outcomes, peak_final) -> None:
    """The figures: RSS against budget + idle, sessions ok / failed, slowness, charge against growth."""
    (idle, rss_open), (peak, final) = rss, peak_final
    rss_open = rss_open or idle
    failed = [outcome for outcome in outcomes if outcome.errors]
    released = sum(outcome.shown == "released" for outcome in outcomes)
    print(f"file: legacy annual export, {rows:,} rows, {len(content) / MB:.1f} MB; {args.sessions} sessions")
    print(f"budget {args.budget_mb} MB; idle RSS {idle:.0f} MB; budget + idle {args.budget_mb + idle:.0f} MB")
    print(f"peak RSS {peak:.0f} MB; final RSS {final:.0f} MB; {seconds:.0f} s in all")
    print(f"RSS with every session open, before any file: {rss_open:.0f} MB")
    print(f"sessions ok {len(outcomes) - len(failed)}, failed {len(failed)} (of {len(outcomes)}); "
          f"told their file was released {released}")  # fmt: skip
    times = sorted(outcome.upload_seconds for outcome in outcomes if outcome.upload_seconds is not None)
    if times:
        print(f"upload to file shown: median {statistics.median(times):.1f} s, longest {times[-1]:.1f} s "
              "(files are read one at a time)")  # fmt: skip
    # RSS when a file is shown, less RSS when the one before it was: the next file's read has begun by
    # then (its transient peak is in the first rows), so the line after the table is the per-file figure.
    print(f"{'session':>8}{'shown after s':>15}{'charged MB':>12}{'RSS change MB':>15}  outcome")
    arrived = sorted((o for o in outcomes if o.rss_arrived is not None), key=lambda o: o.arrived_at)
    before = rss_open
    for outcome in arrived:
        growth = outcome.rss_arrived - before
        before = outcome.rss_arrived
        print(f"{outcome.index:>8}{outcome.upload_seconds:>15.1f}{charged:>12.1f}{growth:>15.1f}  {outcome.shown}")
    held = len(outcomes) - released - len(failed)
    if held:
        print(f"per file held at the end: charged {charged:.1f} MB, (final RSS - RSS before any file) / files "
              f"held {(final - rss_open) / held:.1f} MB")  # fmt: skip
    for outcome in failed:
        print(f"   session {outcome.index}: {'; '.join(outcome.errors)[:300]}")
    verdict = "PASS" if peak < args.budget_mb + idle and not failed else "FAIL"
    print(f"RSS under budget + idle, no error, no lost session: {verdict}")


async def measure(server, sessions: int, content: bytes) -> tuple[tuple, float, list, list[float]]:
    """A first session opens the Trade page and stays (its RSS then is the idle replica's); then the
    sessions open the page and upload. Returns the idle RSS and the RSS with every session open before
    any file, the seconds, the sessions' outcomes and the RSS samples."""
    cookie = await asyncio.to_thread(affinity_cookie, f"{server.url}/_stcore/health")
    async with connect(
        server.url.replace("http", "ws") + "/_stcore/stream",
        subprotocols=["streamlit"],
        additional_headers={"Cookie": cookie},
        max_size=None,
        ping_interval=None,
    ) as websocket:
        await Page(server.url).rerun(websocket)
        idle = rss_megabytes(server.pid)
        sampler = Sampler(server.pid)
        sampler.start()
        began = time.monotonic()
        outcomes, rss_open = await run_sessions(server.url, server.pid, sessions, content)
        seconds = time.monotonic() - began
        sampler.running = False
    sampler.join()
    return (idle, rss_open), seconds, outcomes, sampler.samples


if __name__ == "__main__":
    main()
