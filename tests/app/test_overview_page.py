"""Overview page: headline metrics come from the data and survive a broken file."""

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from components.data import loader

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def overview() -> AppTest:
    return AppTest.from_file(APP, default_timeout=30).run()


def test_overview_shows_metrics_computed_from_data():
    at = overview()
    assert not at.exception
    labels = [metric.label for metric in at.metric]
    assert any(label.startswith("Russia–DPRK trade, 2013") for label in labels)
    assert "Growth the target required" in labels
    assert "Soviet-era debt written off" in labels
    assert "Khasan–Rajin railway" in labels
    trade = loader.load("trade")
    baseline = trade[(trade.year == 2013) & (trade.flow == "total") & (trade.reporter == "RUS") & trade.preferred]
    shown = at.metric[labels.index("Russia–DPRK trade, 2013")].value
    assert shown == f"${baseline.value_usd_m.iloc[0]:,.1f}M"


def test_overview_metric_follows_an_edited_figure(data_copy):
    trade_path = data_copy / "trade.csv"
    trade = pd.read_csv(trade_path, keep_default_na=False, dtype=str)
    chosen = (trade.year == "2013") & (trade.flow == "total") & (trade.reporter == "RUS") & (trade.preferred == "true")
    trade.loc[chosen, "value_usd_m"] = "150"
    trade.loc[chosen, "growth_pct_stated"] = ""
    trade.to_csv(trade_path, index=False)
    at = overview()
    values = {metric.label: metric.value for metric in at.metric}
    assert values["Russia–DPRK trade, 2013"] == "$150.0M"


def test_broken_file_shows_a_clear_error_not_a_traceback(data_copy):
    (data_copy / "debt.csv").write_text("agreement_id,creditor\nx,RUS\n", encoding="utf-8")
    at = overview()
    assert not at.exception
    shown = " ".join(error.value.replace("\\", "") for error in at.error)  # drop Markdown escapes
    assert "data/debt.csv cannot be used" in shown
    assert "missing column 'original_usd_m'" in shown


def test_unknown_query_parameter_gives_a_notice():
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["zoom"] = "<b>9</b>"
    at.run()
    assert not at.exception
    assert any("Unknown link parameter" in warning.value for warning in at.warning)


def test_overview_states_the_data_date_labels_the_estimate_and_shows_growth_disagreement():
    at = overview()
    assert not at.exception
    captions = [caption.value for caption in at.caption]
    assert any(caption.startswith("Data as of ") and "None" not in caption for caption in captions)
    labels = [metric.label for metric in at.metric]
    assert "Latest year, 2024 (estimate)" in labels
    assert any("Sources disagree on growth over 2012" in caption for caption in captions)


def _state_baseline_year(data_copy, year: str) -> None:
    """Give every source of the main target ``year`` as its baseline year."""
    targets = pd.read_csv(data_copy / "targets.csv", dtype=str, keep_default_na=False)
    main = targets["target_id"] == "rus-prk-trade-2020"
    targets.loc[main, "baseline_year"] = year
    targets.loc[main, "baseline_usd_m"] = ""
    targets.to_csv(data_copy / "targets.csv", index=False)


def test_a_baseline_year_without_trade_says_so_and_keeps_every_card(data_copy):
    _state_baseline_year(data_copy, "2012")  # the data has no Russia–DPRK turnover for 2012
    at = overview()
    assert not at.exception
    values = {metric.label: metric.value for metric in at.metric}
    # 2011 (113.7) and 2013 (112.7) are both a year away: the earlier is used, and the card says why.
    assert values["Russia–DPRK trade, 2011"] == "$113.7M"
    assert "Growth the target required" in values
    assert any("baseline year 2012 has no trade turnover figure" in caption.value for caption in at.caption)
    assert len(at.metric) == 7  # nothing dropped: baseline, target, required growth, actual, latest, debt, rail
