"""Paths and project-wide constants, built from this file's location, never the working directory."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = ROOT / "data"
# Files that ship with the app, whichever data folder it reads: format examples for the upload and the
# WCO's HS chapter names.
SAMPLES_DIR = DEFAULT_DATA_DIR / "samples"
HS_CHAPTERS_FILE = DEFAULT_DATA_DIR / "reference" / "hs_chapters.csv"

# Tests and hostile-data checks point the app at a copy of data/ through this variable.
DATA_DIR_ENV = "NEA_DATA_DIR"

# The largest upload, in MB: the one number Python reads it from (the uploader's words, the reader's check,
# nginx's body limit). Must equal server.maxUploadSize in .streamlit/config.toml (tests/unit/test_uploads.py).
MAX_UPLOAD_MB = 25

# Caps on an upload's shape, checked before anything is built from it (components/analysis/upload_bounds.py;
# why these numbers: README "Uploads and memory"). 25 MB of CSV can hold 12 million one-letter cells and an
# .xlsx inflates 10-1000 times, so the byte limit alone bounds neither time nor memory.
MAX_UPLOAD_ROWS = 200_000
MAX_UPLOAD_COLUMNS = 100
# A full UN Comtrade Plus export (47 columns) at 25 MB is about 100,000 rows, 4.7 million cells.
MAX_UPLOAD_CELLS = 6_000_000
# openpyxl reads tens of thousands of cells a second where pandas reads millions: a smaller cap for .xlsx.
MAX_XLSX_CELLS = 500_000
MAX_XLSX_SHEETS = 50
MAX_XLSX_INFLATED_MB = 60
# Sheet XML compresses 5-20 to 1; a zip bomb, 100-1000 to 1.
MAX_XLSX_RATIO = 100

# The memory all sessions' uploaded files may hold on one replica, in MB; past it the least recently used
# idle session's file is released (components/analysis/upload_budget.py). Set per deployment in this variable.
UPLOAD_BUDGET_ENV = "NEA_UPLOAD_BUDGET_MB"
DEFAULT_UPLOAD_BUDGET_MB = 1024


def data_dir() -> Path:
    """Return the folder the curated CSVs are read from (``$NEA_DATA_DIR`` or ``data/``)."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override).resolve() if override else DEFAULT_DATA_DIR


def upload_budget_mb() -> int:
    """The replica's memory budget for uploads, in MB: ``$NEA_UPLOAD_BUDGET_MB`` or 1024."""
    value = os.environ.get(UPLOAD_BUDGET_ENV, "").strip()
    try:
        return max(1, int(value)) if value else DEFAULT_UPLOAD_BUDGET_MB
    except ValueError:
        raise ValueError(f"{UPLOAD_BUDGET_ENV}={value!r} is not a whole number of MB") from None


def readme_path() -> Path:
    """The data folder's README (what each table holds), beside the CSVs it describes."""
    return data_dir() / "README.md"
