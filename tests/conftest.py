"""Fixtures shared by every test layer."""

import os
import shutil
from pathlib import Path

import pytest
import streamlit as st
from hypothesis import settings

from components.data import paths

# The page tests never render a briefing: no Chromium is started for one in the background (the briefing
# tests render their own, and the servers the browser tests start inherit this too).
os.environ.setdefault("NEA_BRIEFING_WARM_UP", "0")

# Hypothesis's default 200 ms deadline per example is wall time: on a loaded 2-core machine a 20 ms example
# took 345 ms and failed. 2 s still catches a runaway (crossing_year once took 5 s on one example).
settings.register_profile("nea", deadline=2000)
settings.load_profile("nea")

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


@pytest.fixture
def fresh_streamlit_cache():
    """An empty ``st.cache_data`` before and after the test (``@pytest.mark.usefixtures``), for a test that
    counts what a run computes. The other tests share the cache like the sessions of one server do: it is
    keyed by the data folder and its content hash (tests/app/test_stale_data.py), so it never serves
    another folder's or an older file's tables."""
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
