"""Paths and project-wide constants, built from this file's location, never the working directory."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = ROOT / "data"

# Tests and hostile-data checks point the app at a copy of data/ through this variable.
DATA_DIR_ENV = "NEA_DATA_DIR"

# The largest upload, in MB: the one number Python reads it from (the uploader's words, the reader's check,
# nginx's body limit). Must equal server.maxUploadSize in .streamlit/config.toml (tests/unit/test_uploads.py).
MAX_UPLOAD_MB = 25


def data_dir() -> Path:
    """Return the folder the curated CSVs are read from (``$NEA_DATA_DIR`` or ``data/``)."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override).resolve() if override else DEFAULT_DATA_DIR


def table_path(name: str) -> Path:
    """Return the CSV path of one curated table."""
    return data_dir() / f"{name}.csv"
