"""Start ``streamlit run`` on a free port (tests, benchmark and screenshots) and wait until it answers."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tools import static_files

ROOT = Path(__file__).resolve().parents[1]  # the repository
STARTUP_TIMEOUT_SECONDS = 60


@dataclass
class Server:
    """A running Streamlit server: its base URL, process id and log file."""

    name: str
    url: str
    pid: int
    log_path: Path


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def streamlit_command(script: Path, port: int) -> list[str]:
    """The ``streamlit run`` command line of every server the tests, the benchmark and the screenshots start."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--server.fileWatcherType=none",
        "--browser.gatherUsageStats=false",
    ]


@contextmanager
def streamlit_server(
    script: Path, name: str, env_extra: dict[str, str] | None = None, port: int | None = None
) -> Iterator[Server]:
    """Run ``streamlit run script`` from the repository root on ``port`` (default: a free one) until the
    block ends; ``env_extra`` adds environment variables (e.g. ``NEA_DATA_DIR`` for another copy of the data).

    The server log goes to a temporary file (a pipe nobody reads would fill up and stall the server);
    a server that does not answer ``/_stcore/health`` within a minute raises ``RuntimeError`` with
    the end of that log.
    """
    static_files.put_in_place(script.parent / "static")  # the live chart's scripts, at /app/static/
    port = port or free_port()
    log_file = tempfile.NamedTemporaryFile(prefix=f"streamlit-{name}-", suffix=".log", delete=False)  # noqa: SIM115
    log_path = Path(log_file.name)
    process = subprocess.Popen(
        streamlit_command(script, port),
        cwd=ROOT,
        env={**os.environ, **(env_extra or {})},
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process, log_path)
        yield Server(name=name, url=url, pid=process.pid, log_path=log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log_file.close()


def wait_until_healthy(url: str, process: subprocess.Popen, log_path: Path) -> None:
    """Poll ``/_stcore/health`` until it answers ``ok``; raise if the process exits or time runs out."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            log_tail = log_path.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"streamlit did not start ({url}):\n{log_tail}")
        time.sleep(0.3)
