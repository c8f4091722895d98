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


def data_dir() -> Path:
    """Return the folder the curated CSVs are read from (``$NEA_DATA_DIR`` or ``data/``)."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override).resolve() if override else DEFAULT_DATA_DIR


def readme_path() -> Path:
    """The data folder's README (what each table holds), beside the CSVs it describes."""
    return data_dir() / "README.md"
