"""Which data the app is showing: a short hash of the curated files' bytes and the date of the newest
fact in them. The hash keys the page cache (an edited file shows in the next session) and identifies
the data in footers, citations and exports.
"""

import fnmatch
import hashlib
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

# The files whose contents make up the data; README, CURATION and CHANGELOG describe it.
DATA_FILE_PATTERNS = ("*.csv", "*.geojson")
HASH_LENGTH = 10


@dataclass(frozen=True)
class DataVersion:
    """A content hash of ``data/`` and the date of its newest fact."""

    content_hash: str
    as_of: date | None

    @property
    def label(self) -> str:
        """e.g. ``3f9a1c2b7d (facts to 2025-11-19)``: the form footers, citations and exports print."""
        return f"{self.content_hash} (facts to {self.as_of:%Y-%m-%d})" if self.as_of else self.content_hash


def data_files(folder: Path) -> list[Path]:
    """The curated data files in ``folder``, in a fixed order: what ``Path.glob`` of each pattern finds,
    from one listing of the folder (pathlib's glob took most of the 0.2 ms that every page run spends, ten
    times over, on taking the files' stamps)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    try:
        with os.scandir(folder) as entries:
            names = [entry.name for entry in entries]
    except PermissionError:
        return []
    matched = {name for name in names if any(fnmatch.fnmatchcase(name, pattern) for pattern in DATA_FILE_PATTERNS)}
    return sorted(folder / name for name in matched)


def file_stamps(folder: Path) -> tuple[tuple[str, int, int, int, int], ...]:
    """Name, size, modification time, status-change time and inode of every data file: cheap to take on
    every run, and different after any edit, so it can key a cache of the hash. The change time and
    inode catch an edit that keeps size and modification time (``cp -p``, ``rsync -t``, ``touch -r``):
    no program can set the change time back."""
    stamps = []
    for path in data_files(folder):
        stat = path.stat()
        stamps.append((path.name, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino))
    return tuple(stamps)


def content_hash(folder: Path) -> str:
    """A short SHA-256 over the names and bytes of the data files in ``folder``."""
    digest = hashlib.sha256()
    for path in data_files(folder):
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:HASH_LENGTH]


def newest_fact_date(tables: dict[str, pd.DataFrame]) -> date | None:
    """The latest date any fact in ``tables`` carries: event starts and ends, and the publication
    dates of the sources. ``None`` when no table has a date."""
    candidates = []
    for name, columns in (("events", ("start", "end")), ("sources", ("published",))):
        frame = tables.get(name)
        if frame is None:
            continue
        for column in columns:
            if column in frame.columns:
                latest = pd.to_datetime(frame[column], errors="coerce").max()
                if pd.notna(latest):
                    candidates.append(latest.date())
    return max(candidates) if candidates else None


def stamped_file_name(file_name: str, content_hash: str) -> str:
    """``nea-trade-series.csv`` → ``nea-trade-series-3f9a1c2b7d.csv``: an export names the data it came from."""
    stem, dot, extension = file_name.rpartition(".")
    if not dot:
        return f"{file_name}-{content_hash}"
    return f"{stem}-{content_hash}.{extension}"
