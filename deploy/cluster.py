"""Start N Streamlit replicas on loopback ports and nginx in front of them; stop all of it again.

Used by ``make serve`` (deploy/serve.py), the browser tests through nginx and bench/replicas.py.
Every child runs in its own session (Ctrl-C reaches only the supervisor, which stops them in order)
and is told by the kernel to stop if the supervisor dies without cleaning up.
"""

import contextlib
import ctypes
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from deploy import nginx_conf, proxy_policy

ROOT = Path(__file__).resolve().parents[1]
COOKIE_SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"  # noqa: S105 - a variable name, not a secret
COOKIE_SECRET_FILE_ENV = "NEA_COOKIE_SECRET_FILE"  # noqa: S105 - a variable name, not a secret
DEFAULT_COOKIE_SECRET_FILE = Path.home() / ".config" / "nea-dashboard" / "cookie-secret"
NGINX_ENV = "NGINX"
STARTUP_TIMEOUT_SECONDS = 90
STOP_TIMEOUT_SECONDS = 10
PR_SET_PDEATHSIG = 1


class DeployError(RuntimeError):
    """Something the replicated deployment needs is missing or did not start."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_nginx() -> str:
    """The nginx binary: ``$NGINX``, else ``nginx`` on PATH or in /usr/sbin; raise ``DeployError`` if none."""
    candidate = os.environ.get(NGINX_ENV) or shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.access(candidate, os.X_OK):
        raise DeployError(f"nginx not found ({candidate}): run `make nginx` or set {NGINX_ENV}=/path/to/nginx")
    return candidate


def cookie_secret(environ: dict[str, str] | None = None, default_file: Path = DEFAULT_COOKIE_SECRET_FILE) -> str:
    """The ``server.cookieSecret`` all replicas share: ``$STREAMLIT_SERVER_COOKIE_SECRET``, else the
    contents of ``$NEA_COOKIE_SECRET_FILE``, else of ``default_file``, which is created (mode 0600,
    outside the repository) with a random secret the first time.
    """
    environ = os.environ if environ is None else environ
    if environ.get(COOKIE_SECRET_ENV):
        return environ[COOKIE_SECRET_ENV]
    named = environ.get(COOKIE_SECRET_FILE_ENV)
    path = Path(named) if named else default_file
    if path.exists():
        secret = path.read_text().strip()
        if not secret:
            raise DeployError(f"the cookie secret file {path} is empty")
        return secret
    if named:
        raise DeployError(f"{COOKIE_SECRET_FILE_ENV} names {path}, which does not exist")
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_hex(32)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secret + "\n")
    return secret


def replica_command(port: int) -> list[str]:
    """``streamlit run app.py`` headless on ``127.0.0.1:port``."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--server.fileWatcherType=none",
        "--browser.gatherUsageStats=false",
    ]


def _die_with_parent() -> None:
    """In the child before exec: get SIGTERM when the supervisor dies (Linux ``prctl``)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


@dataclass
class Replica:
    """One ``streamlit run`` process: its port, process and log file."""

    port: int
    process: subprocess.Popen
    log_path: Path
    index: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def address(self) -> str:
        """How nginx names this replica in ``$upstream_addr`` (internal: never sent to a client)."""
        return f"127.0.0.1:{self.port}"

    @property
    def name(self) -> str:
        """The opaque name the debug header (``X-NEA-Replica``) gives this replica: ``r0``, ``r1``…"""
        return nginx_conf.replica_name(self.index)


@dataclass
class Cluster:
    """N replicas and nginx in front on ``port``; ``start()`` then ``stop()``, or use it in ``with``."""

    replicas_wanted: int
    port: int
    run_dir: Path | None = None
    secret: str | None = None
    tls: nginx_conf.Tls | None = None
    # Debugging and tests only: name the answering replica (r0, r1…) in the X-NEA-Replica header.
    debug_replica_names: bool = False
    rate_limits: tuple = nginx_conf.RATE_LIMITS
    replicas: list[Replica] = field(default_factory=list)
    nginx: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def __enter__(self) -> "Cluster":
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def start(self) -> None:
        """Start the replicas, wait until each answers ``/_stcore/health``, then nginx; raise
        ``DeployError`` (after stopping what did start) if any of them does not come up."""
        if self.replicas_wanted < 1:
            raise DeployError("REPLICAS must be at least 1")
        nginx = find_nginx()
        secret = self.secret or cookie_secret()
        if self.run_dir is None:
            self.run_dir = Path(tempfile.mkdtemp(prefix="nea-serve-"))
        # nginx started by root runs its worker as nobody, which must reach the temp folders.
        self.run_dir.chmod(0o755)
        (self.run_dir / "temp").mkdir(mode=0o755, exist_ok=True)
        try:
            for index in range(self.replicas_wanted):
                self.replicas.append(self._start_replica(index, secret))
            for replica in self.replicas:
                wait_until_healthy(replica.url, replica.process, replica.log_path)
            self._start_nginx(nginx)
        except BaseException:
            self.stop()
            raise

    def _start_replica(self, index: int, secret: str) -> Replica:
        port = free_port()
        log_path = self.run_dir / f"replica-{index}.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                replica_command(port),
                cwd=ROOT,
                env={**os.environ, COOKIE_SECRET_ENV: secret},
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                preexec_fn=_die_with_parent,  # noqa: PLW1509 - no threads run at this point
            )
        return Replica(port, process, log_path, index)

    def _start_nginx(self, nginx: str) -> None:
        layout = nginx_conf.Layout(
            listen_port=self.port,
            replica_ports=tuple(replica.port for replica in self.replicas),
            run_dir=self.run_dir,
            user="nobody nogroup" if os.geteuid() == 0 else None,
            frame_ancestors=frame_ancestors(),
            tls=self.tls,
            rate_limits=self.rate_limits,
            debug_replica_names=self.debug_replica_names,
        )
        config = self.run_dir / "nginx.conf"
        config.write_text(nginx_conf.render(layout))
        log_path = self.run_dir / "nginx.out"
        with log_path.open("wb") as log:
            self.nginx = subprocess.Popen(
                [nginx, "-p", str(self.run_dir), "-e", str(self.run_dir / "error.log"), "-c", str(config)],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                preexec_fn=_die_with_parent,  # noqa: PLW1509 - no threads run at this point
            )
        # Our own certificate, on loopback: the check asks whether nginx answers, not who it is.
        context = ssl._create_unverified_context() if self.tls else None  # noqa: S323
        wait_until_healthy(self.url, self.nginx, self.run_dir / "error.log", context)

    def kill_replica(self, index: int) -> Replica:
        """Kill replica ``index`` at once (SIGKILL, as a crash would) and return it."""
        replica = self.replicas[index]
        replica.process.kill()
        replica.process.wait(timeout=STOP_TIMEOUT_SECONDS)
        return replica

    def replica_named(self, name: str) -> Replica:
        """The replica the debug header names ``name`` (``r1``)."""
        return next(replica for replica in self.replicas if replica.name == name)

    def pids(self) -> list[int]:
        """Process ids of nginx and every replica started."""
        processes = [self.nginx, *(replica.process for replica in self.replicas)]
        return [process.pid for process in processes if process is not None]

    def problem(self) -> str | None:
        """A sentence naming a process that has exited on its own, else None."""
        if self.nginx is not None and self.nginx.poll() is not None:
            return f"nginx exited with {self.nginx.returncode}; see {self.run_dir / 'error.log'}"
        for index, replica in enumerate(self.replicas):
            if replica.process.poll() is not None:
                return f"replica {index} ({replica.address}) exited with {replica.process.returncode}"
        return None

    def stop(self) -> None:
        """Stop nginx first (no new requests reach a stopping replica), then every replica; wait for all."""
        processes = [self.nginx, *(replica.process for replica in self.replicas)]
        for process in processes:
            if process is not None and process.poll() is None:
                process.terminate()
        for process in processes:
            if process is None:
                continue
            try:
                process.wait(timeout=STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=STOP_TIMEOUT_SECONDS)


def frame_ancestors(environ: dict[str, str] | None = None) -> tuple[str, ...]:
    """The origins allowed to embed the app, from ``NEA_FRAME_ANCESTORS`` (space-separated)."""
    environ = os.environ if environ is None else environ
    return tuple(environ.get(proxy_policy.FRAME_ANCESTORS_ENV, "").split())


def wait_until_healthy(
    url: str, process: subprocess.Popen, log_path: Path, context: ssl.SSLContext | None = None
) -> None:
    """Poll ``url/_stcore/health`` until it answers ``ok``; raise ``DeployError`` with the log's end if
    the process exits or does not answer in time."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2, context=context) as response:  # noqa: S310 - http URL we built
                if response.read() == b"ok":
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            tail = log_path.read_text(errors="replace")[-2000:] if log_path.exists() else ""
            raise DeployError(f"{url} did not become healthy:\n{tail}")
        time.sleep(0.3)
