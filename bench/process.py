"""Read a running server's memory, CPU time and sessions (the benchmark's measurements)."""

import os
import urllib.request
from pathlib import Path

from harness.server import Server


def rss_megabytes(pid: int) -> float | None:
    """Resident memory of a process in MB, from ``VmRSS`` in ``/proc/<pid>/status``; None if unreadable."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) a process has used so far, from ``/proc/<pid>/stat``; None if unreadable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    # After the ")" that ends the command name, utime and stime are the 12th and 13th fields.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time all cores have spent busy (not idle, not waiting on I/O) since boot, from ``/proc/stat``."""
    values = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def active_sessions(url: str) -> int | None:
    """The server's ``active_sessions`` gauge from ``/_stcore/metrics``; None if it cannot be read."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=5) as response:
            text = response.read().decode()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("active_sessions "):
            return int(float(line.split()[1]))
    return None


def log_tail(server: Server, characters: int = 1500) -> str:
    """The last ``characters`` of the server's log, for reporting a page that failed."""
    try:
        return server.log_path.read_text(errors="replace")[-characters:]
    except OSError:
        return ""
