"""Fixtures shared by every test layer."""

import functools
import os
import shutil
from pathlib import Path

import pytest
import streamlit as st
from hypothesis import settings
from streamlit.components.v2 import manifest_scanner

from components.charts import chart_image
from components.data import paths

# The page tests never render a briefing: no Chromium is started for one in the background (the briefing
# tests render their own, and the servers the browser tests start inherit this too).
os.environ.setdefault("NEA_BRIEFING_WARM_UP", "0")

# Hypothesis's default 200 ms deadline per example is wall time: on a loaded 2-core machine a 20 ms example
# took 345 ms and failed. 2 s still catches a runaway (crossing_year once took 5 s on one example).
settings.register_profile("nea", deadline=2000)
settings.load_profile("nea")
# Every AppTest scans all installed distributions' metadata for Streamlit components on its first run
# (0.13 s idle, 0.5 s under load; about 330 AppTests in tests/app). The installed packages do not change
# during a test session, so each test process scans once and hands every AppTest the same answer.
_scan_once = functools.cache(manifest_scanner.scan_component_manifests)
manifest_scanner.scan_component_manifests = lambda max_workers=None: list(_scan_once())

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


@pytest.fixture(scope="session")
def chart_renderer():
    """The briefing's chart renderer (kaleido's headless Chromium), started by the first test that draws a
    chart and shared by the later ones in this test process (a start takes 3.5 s idle, 10 s and more under
    load); stopped when the session ends."""
    yield
    chart_image.stop()


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
def data_copy(tmp_path_factory, monkeypatch) -> Path:
    """A writable copy of data/ that the app (and ``load``) read instead of the real one, fresh for each test.

    The copy sits at one path per test process: the app's caches are keyed by the data folder and its
    content hash, so a test whose copy holds the curated content again (a broken file put right, a page
    opened before the edit) finds what the earlier tests computed instead of working every table out anew.
    Each test's edits still get their own hash (tests/app/test_stale_data.py)."""
    target = tmp_path_factory.getbasetemp() / "data-copy"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(paths.DEFAULT_DATA_DIR, target)
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(target))
    return target
