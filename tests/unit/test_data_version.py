"""The data version: a content hash that changes with any data byte, and the newest fact's date."""

import shutil
from datetime import date

import pandas as pd

from components.data import data_version, paths


def test_hash_is_short_stable_and_changes_with_one_byte(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(paths.DEFAULT_DATA_DIR, folder)
    before = data_version.content_hash(folder)
    assert before == data_version.content_hash(folder)
    assert len(before) == data_version.HASH_LENGTH
    trade = folder / "trade.csv"
    trade.write_bytes(trade.read_bytes().replace(b"112.7", b"112.8", 1))
    assert data_version.content_hash(folder) != before


def test_hash_ignores_documentation(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(paths.DEFAULT_DATA_DIR, folder)
    before = data_version.content_hash(folder)
    (folder / "README.md").write_text("edited")
    assert data_version.content_hash(folder) == before


def test_stamps_change_when_a_file_is_rewritten(tmp_path):
    (tmp_path / "trade.csv").write_text("a\n1\n")
    before = data_version.file_stamps(tmp_path)
    (tmp_path / "trade.csv").write_text("a\n12\n")
    assert data_version.file_stamps(tmp_path) != before


def test_newest_fact_is_the_latest_event_end_or_source_date():
    events = pd.DataFrame({"start": pd.to_datetime(["2014-04-18", "2019-04-25"]), "end": [pd.NaT, pd.NaT]})
    sources = pd.DataFrame({"published": pd.to_datetime(["2020-01-05", None])})
    assert data_version.newest_fact_date({"events": events, "sources": sources}) == date(2020, 1, 5)
    events.loc[1, "end"] = pd.Timestamp("2021-03-01")
    assert data_version.newest_fact_date({"events": events}) == date(2021, 3, 1)
    assert data_version.newest_fact_date({}) is None


def test_label_names_hash_and_date():
    assert data_version.DataVersion("abc123", date(2025, 6, 19)).label == "abc123 (facts to 2025-06-19)"
    assert data_version.DataVersion("abc123", None).label == "abc123"


def test_stamped_file_name_puts_the_hash_before_the_extension():
    assert data_version.stamped_file_name("nea-trade-series.csv", "abc123") == "nea-trade-series-abc123.csv"
    assert data_version.stamped_file_name("nea-trade-chart", "abc123") == "nea-trade-chart-abc123"
