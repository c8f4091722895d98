"""Three replicas behind nginx on loopback, driven by six concurrent browser sessions: affinity keeps
each session's websocket and its ``/media`` downloads on one replica, a killed replica's sessions come
back on a live one with the view from the URL without a reload, and ``python -m deploy.serve`` leaves nothing running."""

import csv
import io
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from components.analysis import trade
from components.data import loader
from deploy import cluster as deploy_cluster
from deploy import nginx_conf
from harness.app import record_reruns, rerun_after, wait_for_app
from harness.browser import read_slider
from harness.frames import describe_frame

ROOT = Path(__file__).resolve().parents[2]
REPLICAS = 3
SESSIONS = 6
NEW_SESSIONS = 2
RECONNECT_TIMEOUT_MS = 90_000
# Six pages on three replicas on a shared 2-core machine: a first run can take well over the 30 s default.
SLOW_MS = 120_000
REPLICA_HEADER = nginx_conf.REPLICA_HEADER.lower()


@pytest.fixture(scope="module")
def cluster(nginx_binary):
    replicas = deploy_cluster.Cluster(
        REPLICAS, deploy_cluster.free_port(), secret=secrets.token_hex(32), debug_replica_names=True
    )
    try:
        with replicas:
            yield replicas
    finally:
        if replicas.run_dir:
            shutil.rmtree(replicas.run_dir, ignore_errors=True)


@dataclass
class Session:
    """One analyst: a browser context of its own (its own affinity cookie) on the Trade page."""

    context: BrowserContext
    page: Page
    replica: str = ""
    sockets: list = field(default_factory=list)
    server_errors: list = field(default_factory=list)
    growth: float | None = None
    scenario: str = ""

    def watch(self, websocket) -> None:
        """Keep, per websocket the page opens, the kinds of message the server sent on it."""
        kinds: list[str] = []
        self.sockets.append(kinds)
        websocket.on("framereceived", lambda payload: kinds.append(describe_frame(payload)))

    def record(self, response) -> None:
        if response.status >= 500:
            self.server_errors.append((time.monotonic(), response.status, response.url))
        if response.request.resource_type == "document":
            self.replica = answering_replica(response.headers)


def answering_replica(headers: dict) -> str:
    """The replica that answered, by the opaque name the debug header gives it (``r1``)."""
    return headers.get(REPLICA_HEADER, "")


def open_session(browser, url: str) -> Session:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    session = Session(context, context.new_page())
    session.page.on("response", session.record)
    session.page.on("websocket", session.watch)
    record_reruns(session.page)
    session.page.goto(f"{url}/trade", timeout=SLOW_MS)
    settle_view(session.page)
    assert session.replica, "nginx did not name the replica that served the page"
    return session


def settle_view(page: Page) -> None:
    """Wait until the page's run on the server, title included, has finished (conftest's open_page, slower)."""
    wait_for_app(page, timeout=SLOW_MS)
    page.locator("[data-testid='stMain'] h1").first.wait_for(state="attached", timeout=SLOW_MS)
    wait_for_app(page, timeout=SLOW_MS)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def growth_slider(page: Page):
    return page.get_by_test_id("stSlider").filter(has_text="Scenario growth rate").get_by_role("slider")


def scenario_metric(page: Page):
    year = trade.target_row(loader.load("targets"))["target_year"]
    return page.get_by_test_id("stMetric").filter(has_text=f"Scenario in {year}").get_by_test_id("stMetricValue")


def shown_view(session: Session) -> tuple[str, str]:
    """The growth rate on the slider and the scenario metric the page shows now."""
    return read_slider(growth_slider(session.page))["value"], scenario_metric(session.page).inner_text()


def download_csv(session: Session) -> tuple[str, bytes, str]:
    """Click the series CSV; fetch its ``/media`` URL again with the session's cookies to read the status
    and replica header. Returns (media path, bytes, replica that served it)."""
    with session.page.expect_download(timeout=SLOW_MS) as download_info:
        button = session.page.get_by_test_id("stDownloadButton").filter(has_text="Download CSV").locator("button")
        button.click()
    download = download_info.value
    body = download.path().read_bytes()
    again = session.context.request.get(download.url)
    assert again.status == 200, f"{download.url}: {again.status} from {again.headers.get(REPLICA_HEADER)}"
    assert again.body() == body
    path = re.sub(r"^https?://[^/]+", "", download.url)
    assert path.startswith("/media/"), path
    return path, body, answering_replica(again.headers)


def assert_csv_matches_the_view(session: Session, body: bytes) -> None:
    """The CSV's scenario value in the target year is the one this session's page shows."""
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    year = int(trade.target_row(loader.load("targets"))["target_year"])
    scenario = {int(row["year"]): float(row["value_usd_m"]) for row in rows if row["series"] == trade.SCENARIO_PATH}
    assert f"${scenario[year]:,.1f}M" == session.scenario


def status_direct(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def move_and_check(sessions: list[Session], url: str) -> None:
    """Every session moves its slider by a different amount (all presses first, so the reruns overlap),
    then downloads its CSV, reloads and sees the same view."""
    with ExitStack() as reruns:
        for index, session in enumerate(sessions):
            slider = growth_slider(session.page)
            slider.focus()
            reruns.enter_context(rerun_after(session.page, timeout=SLOW_MS))
            for _ in range(index + 1):
                slider.press("ArrowRight")
    for session in sessions:
        expect(session.page).to_have_url(re.compile(r"[?&]growth=-?\d+(\.\d)?"), timeout=SLOW_MS)
        session.growth, session.scenario = shown_view(session)
        assert float(re.search(r"[?&]growth=([-\d.]+)", session.page.url).group(1)) == float(session.growth)
    assert len({session.growth for session in sessions}) == len(sessions), "every session shows its own rate"
    for session in sessions:
        media_path, body, served_by = download_csv(session)
        assert served_by == session.replica
        assert_csv_matches_the_view(session, body)
        session.page.reload(timeout=SLOW_MS)
        settle_view(session.page)
        assert shown_view(session) == (session.growth, session.scenario)
        expect(session.page.get_by_test_id("stException")).to_have_count(0)


def test_the_generated_config_passes_nginx_own_check(nginx_binary, tmp_path):
    layout = nginx_conf.Layout(18500, (18501, 18502, 18503), tmp_path)
    (tmp_path / "temp").mkdir()
    config = tmp_path / "nginx.conf"
    config.write_text(nginx_conf.render(layout))
    check = subprocess.run(
        [nginx_binary, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(config)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr


@pytest.mark.timeout(1200)
def test_six_sessions_over_three_replicas_survive_losing_one(browser, cluster):
    sessions = [open_session(browser, cluster.url) for _ in range(SESSIONS)]
    replicas_used = {session.replica for session in sessions}
    assert len(replicas_used) > 1, f"all {SESSIONS} sessions landed on {replicas_used}"
    move_and_check(sessions, cluster.url)

    # Without affinity a download would reach another replica, which does not know the file: 404.
    owner = sessions[0]
    media_path, _, _ = download_csv(owner)
    statuses = {replica.name: status_direct(replica.url + media_path) for replica in cluster.replicas}
    assert statuses[owner.replica] == 200
    assert all(status == 404 for address, status in statuses.items() if address != owner.replica), statuses

    victim = cluster.replica_named(owner.replica)
    orphans = [session for session in sessions if session.replica == victim.name]
    others = [session for session in sessions if session.replica != victim.name]
    sockets_before = {id(session): len(session.sockets) for session in sessions}
    views_before = {id(session): shown_view(session) for session in sessions}
    cluster.kill_replica(cluster.replicas.index(victim))

    for session in orphans:
        # The page reconnects its websocket through nginx, which walks past the dead replica to a live one.
        deadline = time.monotonic() + RECONNECT_TIMEOUT_MS / 1000
        while len(session.sockets) == sockets_before[id(session)] and time.monotonic() < deadline:
            session.page.wait_for_timeout(500)
        assert len(session.sockets) > sockets_before[id(session)], "the orphaned session never reconnected"
        # No reload: the reconnected page asks the live replica to run its view (components/ui/failover.py).
        while "script_finished" not in session.sockets[-1] and time.monotonic() < deadline:
            session.page.wait_for_timeout(500)
        assert "script_finished" in session.sockets[-1], "the reconnected page did not rerun by itself"
        settle_view(session.page)
        assert shown_view(session) == views_before[id(session)]
    reconnected_at = time.monotonic()

    for session in orphans:
        _, body, served_by = download_csv(session)
        assert served_by != victim.name
        assert_csv_matches_the_view(session, body)
    for session in others:
        assert len(session.sockets) == sockets_before[id(session)], "a session on a live replica reconnected"
        assert shown_view(session) == views_before[id(session)]
        _, body, served_by = download_csv(session)
        assert served_by == session.replica
        assert_csv_matches_the_view(session, body)

    newcomers = [open_session(browser, cluster.url) for _ in range(NEW_SESSIONS)]
    assert all(session.replica != victim.name for session in newcomers)
    move_and_check(newcomers, cluster.url)

    late_errors = [
        error for session in sessions + newcomers for error in session.server_errors if error[0] >= reconnected_at
    ]
    assert late_errors == [], late_errors
    for session in sessions + newcomers:
        expect(session.page.get_by_test_id("stException")).to_have_count(0)
        session.context.close()


def test_serve_stops_every_process_it_started_on_ctrl_c(nginx_binary):
    port = deploy_cluster.free_port()
    env = {
        **os.environ,
        deploy_cluster.COOKIE_SECRET_ENV: secrets.token_hex(32),
        deploy_cluster.NGINX_ENV: nginx_binary,
    }
    serve = subprocess.Popen(
        [sys.executable, "-m", "deploy.serve", "--replicas", "2", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = []
    try:
        for line in serve.stdout:
            lines.append(line)
            if "Ctrl-C stops everything" in line:
                break
        pids = [int(pid) for pid in re.findall(r"pid (\d+)", "".join(lines))]
        assert len(pids) == 3, lines
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=10) as response:
            assert response.read() == b"ok"
        serve.send_signal(signal.SIGINT)
        assert serve.wait(timeout=60) == 0
    finally:
        if serve.poll() is None:
            serve.kill()
    assert "stopped nginx and every replica" in serve.stdout.read()
    assert [pid for pid in pids if Path(f"/proc/{pid}").exists()] == []
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5)
