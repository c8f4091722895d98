"""Fixtures shared by every test layer."""

import shutil
from pathlib import Path

import pytest
import streamlit as st

from components.data import paths

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


@pytest.fixture(autouse=True)
def _fresh_streamlit_cache():
    """AppTest instances in one process share st.cache_data; clear it so tests stay independent."""
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A writable copy of data/ that the app (and ``load``) read instead of the real one."""
    target = tmp_path / "data"
    shutil.copytree(paths.DEFAULT_DATA_DIR, target)
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(target))
    return target
