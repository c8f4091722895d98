"""Memory of one replica with many analysts' files: N websocket sessions each upload a file at the caps.

``.venv/bin/python bench/upload_budget.py [--sessions 20] [--budget-mb 1024]`` starts one replica with
``NEA_UPLOAD_BUDGET_MB``, opens one session to warm it (its RSS then is "the idle replica"), and opens
``--sessions`` websocket sessions on the Trade page that each upload the same file through Streamlit's
own upload route, as the browser does: ask the server for an upload URL, PUT the file, rerun with the
uploader's new value. The file is a legacy annual Comtrade export at the cell cap whose every row is
kept in the read file (the largest read form the caps allow). The sessions stay open; at the end each
reruns once more. The replica's RSS is sampled every 0.2 s throughout.

Prints: idle RSS, peak RSS, final RSS against budget + idle, how many sessions show their file and how
many were told it was released, errors (an exception on a page, a run that did not finish, a session that
lost its socket). Asserts nothing.
"""

import argparse
import asyncio
import sys
import threading
import time
import urllib.request
import uuid
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.process import rss_megabytes  # noqa: E402
from bench.upload_parse import legacy_annual_csv  # noqa: E402
from components.analysis import upload_formats  # noqa: E402
from components.data import paths  # noqa: E402
from harness.server import ROOT, streamlit_server  # noqa: E402
from harness.ws_load import FINISHED, RUN_TIMEOUT_S, affinity_cookie  # noqa: E402

RELEASED = "Your file was released to free memory"
SHOWING = "Showing your file"


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
            message.ParseFromString(await asyncio.wait_for(websocket.recv(), RUN_TIMEOUT_S * 4))
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
            message.ParseFromString(await asyncio.wait_for(websocket.recv(), RUN_TIMEOUT_S))
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
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()


class Run:
    """What the sessions share: how many there are, how many have uploaded, and each one's outcome."""

    def __init__(self, sessions: int):
        self.sessions, self.uploaded, self.outcomes = sessions, 0, []


async def session(base_url: str, index: int, content: bytes, run: Run) -> None:
    """Open the Trade page, upload, wait until every session has, rerun once; note what it said."""
    page, errors, outcome, arrived = Page(base_url), [], "no run", False
    try:
        # The health route sets the XSRF cookie the upload route checks (the browser gets it the same way).
        cookie = await asyncio.to_thread(affinity_cookie, f"{base_url}/_stcore/health")
        async with connect(
            base_url.replace("http", "ws") + "/_stcore/stream",
            subprotocols=["streamlit"],
            additional_headers={"Cookie": cookie},
            max_size=None,
            open_timeout=RUN_TIMEOUT_S,
        ) as websocket:
            if await page.rerun(websocket) not in FINISHED:
                errors.append("first run did not finish")
            status = await page.upload(websocket, f"analyst-{index}.csv", content, cookie)
            if status not in FINISHED or not any(SHOWING in alert for alert in page.alerts):
                errors.append(f"upload run ended {status}: {page.alerts[:2]}")
            arrived = True
            run.uploaded += 1
            while run.uploaded < run.sessions:
                await asyncio.sleep(0.2)
            if await page.rerun(websocket) not in FINISHED:
                errors.append("last run did not finish")
            alerts = " ".join(page.alerts)
            outcome = "showing" if SHOWING in alerts else "released" if RELEASED in alerts else "neither"
    except Exception as error:  # a closed socket, a timeout: reported, not raised
        errors.append(f"{type(error).__name__}: {error}")
    finally:
        if not arrived:  # the others must not wait for a session that failed before its upload ended
            run.uploaded += 1
    errors += [f"exception on the page: {text}" for text in page.exceptions]
    run.outcomes.append((outcome, errors))


class Sampler(threading.Thread):
    """The replica's RSS every 0.2 s until stopped."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.samples, self.running = pid, [], True

    def run(self) -> None:
        while self.running:
            self.samples.append(rss_megabytes(self.pid))
            time.sleep(0.2)


async def run_sessions(base_url: str, sessions: int, content: bytes) -> list:
    run = Run(sessions)
    await asyncio.gather(*(session(base_url, index, content, run) for index in range(sessions)))
    return run.outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--budget-mb", type=int, default=paths.DEFAULT_UPLOAD_BUDGET_MB)
    args = parser.parse_args()
    rows = min(paths.MAX_UPLOAD_ROWS, paths.MAX_UPLOAD_CELLS // len(upload_formats.LEGACY_COLUMNS) - 1)
    content = legacy_annual_csv(rows)
    env = {paths.UPLOAD_BUDGET_ENV: str(args.budget_mb)}
    with streamlit_server(ROOT / "app.py", "upload-budget", env) as server:
        idle, seconds, outcomes, samples = asyncio.run(measure(server, args.sessions, content))
        final = rss_megabytes(server.pid)
    errors = [error for _, errs in outcomes for error in errs]
    counts = {kind: sum(outcome == kind for outcome, _ in outcomes) for kind in ("showing", "released", "neither")}
    peak = max(samples + [final])
    print(f"file: legacy annual export, {rows:,} rows, {len(content) / 2**20:.1f} MB; {args.sessions} sessions")
    print(f"budget {args.budget_mb} MB; idle replica {idle:.0f} MB; budget + idle {args.budget_mb + idle:.0f} MB")
    print(f"peak RSS {peak:.0f} MB; final RSS {final:.0f} MB; {seconds:.0f} s")
    print(f"sessions showing their file {counts['showing']}, told it was released {counts['released']}, "
          f"neither {counts['neither']}; errors {len(errors)}")  # fmt: skip
    for error in errors[:10]:
        print("  ", error)
    verdict = "PASS" if peak < args.budget_mb + idle and not errors and not counts["neither"] else "FAIL"
    print(f"RSS under budget + idle, no error, no lost session: {verdict}")


async def measure(server, sessions: int, content: bytes) -> tuple[float, float, list, list[float]]:
    """A first session opens the Trade page and stays (its RSS then is the idle replica's); then the
    sessions upload. Returns idle RSS, seconds, the sessions' outcomes and the RSS samples."""
    cookie = await asyncio.to_thread(affinity_cookie, f"{server.url}/_stcore/health")
    async with connect(
        server.url.replace("http", "ws") + "/_stcore/stream",
        subprotocols=["streamlit"],
        additional_headers={"Cookie": cookie},
        max_size=None,
    ) as websocket:
        await Page(server.url).rerun(websocket)
        idle = rss_megabytes(server.pid)
        sampler = Sampler(server.pid)
        sampler.start()
        began = time.monotonic()
        outcomes = await run_sessions(server.url, sessions, content)
        seconds = time.monotonic() - began
        sampler.running = False
    sampler.join()
    return idle, seconds, outcomes, sampler.samples


if __name__ == "__main__":
    main()
