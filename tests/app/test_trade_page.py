"""AppTest of the Trade page: defaults from the data, the growth slider, URL state and bad links."""

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.analysis import plotted_words, trade
from components.charts import trade_chart, trade_marks
from components.data import loader
from components.i18n import _, translate
from tests.app.app_pages import open_app_page, sent_charts

PAGE = "pages/trade.py"


def open_trade_page(query_params: dict | None = None) -> AppTest:
    return open_app_page(PAGE, query_params)


def metric(at: AppTest, label_start: str) -> str:
    values = [item.value for item in at.metric if item.label.startswith(label_start)]
    assert len(values) == 1, [item.label for item in at.metric]
    return values[0]


def money(text: str) -> float:
    return float(text.removeprefix("$").removesuffix("M").replace(",", ""))


def chart(at: AppTest) -> dict:
    """The Trade chart's plotly figure as the page sent it."""
    return sent_charts(at)[0].figure


def series_traces(at: AppTest) -> dict[str, dict]:
    """The chart's value traces (not the event markers) by the series name their hover gives (from each
    point's customdata)."""
    return {
        trace["customdata"][0][4]: trace
        for trace in chart(at)["data"]
        if trace.get("hovertemplate", "").startswith("<b>%{customdata[4]}</b>")
        and trace.get("yaxis") != trade_chart.EVENTS_AXIS
        and trace.get("legendgroup") not in trade_marks.MARK_GROUPS
    }


def event_traces(at: AppTest) -> list[dict]:
    return [trace for trace in chart(at)["data"] if trace.get("yaxis") == trade_chart.EVENTS_AXIS]


def plotted_series(at: AppTest) -> set[str]:
    return {name for name, trace in series_traces(at).items() if trace["x"]}


def plotted_table(at: AppTest) -> pd.DataFrame:
    """The "Plotted series" table (the page also shows the scenario table)."""
    return next(
        frame.value
        for frame in at.dataframe
        if list(frame.value.columns)[: len(trade.TABLE_COLUMNS)] == trade.TABLE_COLUMNS
    )


def by_year(trace: dict) -> pd.Series:
    """A trace's values indexed by year (points sit mid-year on the date axis)."""
    return pd.Series(trace["y"], index=[int(date[:4]) for date in trace["x"]], dtype=float)


# Figures read off data/ by hand, not through the functions the page calls: the preferred 2013 turnover
# (reuters-2014-06), KOTRA's 2013 turnover (yonhap-2014-05), the 2011 turnover (rus-embassy-dprk), KOTRA's
# 2014 exports (usasiajournal-2015); the target is $1,000M by 2020 and its sources state 2013 as baseline.
FIGURES = {
    (trade.PREFERRED_CHOICE, "total", 2013): (112.7, "reuters-2014-06"),
    ("KOTRA", "total", 2013): (104.0, "yonhap-2014-05"),
    (trade.PREFERRED_CHOICE, "total", 2011): (113.7, "rus-embassy-dprk"),
    ("KOTRA", "export", 2014): (82.17, "usasiajournal-2015"),
}
TARGET = {"target_usd_m": 1000.0, "target_year": 2020, "source_id": "nknews-2014-04"}


def expected(source: str = trade.PREFERRED_CHOICE, flow: str = "total", baseline_year: int = 2013):
    """Baseline figure, target and required rate, worked out independently: (1000 / baseline) ** (1 / years) - 1."""
    value, source_id = FIGURES[(source, flow, baseline_year)]
    rate = (TARGET["target_usd_m"] / value) ** (1 / (TARGET["target_year"] - baseline_year)) - 1
    return {"year": baseline_year, "value_usd_m": value, "source_id": source_id}, TARGET, rate


def test_the_page_shows_the_worked_required_rate_and_its_target_path():
    # 112.7 → 1000 in 7 years: ×8.8731, ln 2.18302 / 7 = 0.31186, e^0.31186 = 1.36596: 36.6 % a year;
    # the target path's first step is 112.7 × 1.36596 = 153.94, its last the $1,000M target in 2020.
    at = open_trade_page()
    assert metric(at, "Required growth") == "36.6%"
    assert at.slider(key="growth").value == pytest.approx(36.6)
    path = by_year(series_traces(at)[trade.TARGET_PATH])
    assert path[[2013, 2014, 2020]].tolist() == pytest.approx([112.7, 153.94, 1000.0], abs=0.01)


def test_defaults_come_from_the_data():
    at = open_trade_page()
    baseline, target, rate = expected()
    assert at.selectbox(key="baseline").value == baseline["year"]
    assert at.number_input(key="target").value == target["target_usd_m"]
    assert at.number_input(key="target_year").value == target["target_year"]
    assert at.slider(key="growth").value == pytest.approx(round(rate * 100, 1))
    assert metric(at, "Required growth") == f"{rate:.1%}"
    assert not at.warning
    sent = sent_charts(at)[0]
    assert sent.file_name.startswith("nea-trade-russia-dprk")
    assert sent.png_scale == 2
    assert trade.FLOW_LABELS["total"].lower() in chart(at)["layout"]["title"]["text"]
    assert {trade.FLOW_LABELS["total"], trade.TARGET_PATH, trade.SCENARIO_PATH, trade.TARGET_LINE} <= plotted_series(at)
    events = event_traces(at)
    categories = {trace["name"].removeprefix(trade_chart.EVENT_LEGEND_PREFIX) for trace in events}
    assert categories <= set(trade.EVENT_CATEGORIES) and sum(len(trace["x"]) for trace in events) >= 5
    answer = at.markdown[0].value
    assert f"${target['target_usd_m']:,.0f}M target" in answer and "None" not in answer


def test_moving_the_growth_slider_changes_the_scenario_metric():
    at = open_trade_page()
    baseline, target, _ = expected()
    label = f"Scenario in {target['target_year']}"
    before = metric(at, label)
    at.slider(key="growth").set_value(10.0).run()
    assert not at.exception
    after = metric(at, label)
    assert after != before
    scenario = baseline["value_usd_m"] * 1.1 ** (target["target_year"] - baseline["year"])
    assert money(after) == pytest.approx(scenario, abs=0.05)
    path = by_year(series_traces(at)[trade.SCENARIO_PATH])
    assert path.iloc[-1] == pytest.approx(scenario, rel=1e-9)
    assert path.index[-1] == target["target_year"]


def test_query_string_sets_every_control():
    params = {
        "source": "KOTRA",
        "flow": "export",
        "baseline": "2014",
        "target": "2000",
        "target_year": "2025",
        "growth": "12.5",
        "compare": ["China-DPRK", "Inter-Korean"],
        "log": "true",
    }
    at = open_trade_page(params)
    assert not at.warning
    assert at.selectbox(key="trade_source").value == "KOTRA"
    assert at.selectbox(key="trade_flow").value == "export"
    assert at.selectbox(key="baseline").value == 2014
    assert at.number_input(key="target").value == 2000
    assert at.number_input(key="target_year").value == 2025
    assert at.slider(key="growth").value == 12.5
    assert at.multiselect(key="trade_compare").value == ["China-DPRK", "Inter-Korean"]
    assert at.toggle(key="log").value is True
    baseline, _, _ = expected("KOTRA", "export", 2014)
    assert money(metric(at, "Scenario in 2025")) == pytest.approx(baseline["value_usd_m"] * 1.125**11, abs=0.05)
    layout = chart(at)["layout"]
    assert layout["yaxis"]["type"] == "log" and layout["yaxis2"]["type"] == "log"
    assert "Comparators" in layout["yaxis2"]["title"]["text"]
    assert {label for _, _, label in trade.COMPARATORS.values()} <= plotted_series(at)


@pytest.mark.parametrize(
    "params",
    [
        {"growth": "abc", "baseline": "1800", "flow": "<script>alert(1)</script>", "log": "maybe"},
        {"compare": "Mars", "source": "=HYPERLINK(1)", "target": "-5", "target_year": "20.5"},
        {"growth": "nan", "target": "inf", "target_year": "99999", "unknown": "1"},
        {"growth": ["1", "2", "3"], "baseline": ""},
    ],
)
def test_garbage_query_values_fall_back_to_defaults_with_a_notice(params):
    at = open_trade_page(params)
    _, target, rate = expected()
    notices = " ".join(warning.value for warning in at.warning)
    for key in params:
        assert key.replace("_", "\\_") in notices
    assert at.slider(key="growth").value == pytest.approx(round(rate * 100, 1))
    assert at.number_input(key="target_year").value == target["target_year"]
    assert metric(at, "Required growth") == f"{rate:.1%}"


def test_target_year_not_after_the_baseline_gives_a_notice_not_an_error():
    at = open_trade_page({"target_year": "2010"})
    assert any("must be after" in warning.value for warning in at.warning)
    assert not at.metric
    assert trade.TARGET_PATH not in plotted_series(at)


def test_choosing_an_agency_changes_the_disputed_year_and_keeps_the_other_visible():
    preferred, _, _ = expected()
    at = open_trade_page({"source": "KOTRA"})
    kotra, _, rate = expected("KOTRA")
    assert kotra["value_usd_m"] != preferred["value_usd_m"]
    assert metric(at, "Required growth") == f"{rate:.1%}"
    table = plotted_table(at)
    year_rows = table[(table["year"] == kotra["year"]) & table["series"].str.startswith(trade.FLOW_LABELS["total"])]
    shown = year_rows[year_rows["role"] == plotted_words.ROLE_WORDS["actual"]]
    assert shown["agency"].tolist() == ["KOTRA"]
    other = year_rows["role"] == plotted_words.ROLE_WORDS["alternative"]
    assert preferred["value_usd_m"] in year_rows.loc[other, "value_usd_m"].tolist()


def test_changing_the_baseline_resets_the_scenario_to_the_new_required_rate():
    at = open_trade_page()
    at.slider(key="growth").set_value(50.0).run()
    at.selectbox(key="baseline").set_value(2011).run()
    assert not at.exception
    _, _, rate = expected(baseline_year=2011)
    assert at.slider(key="growth").value == pytest.approx(round(rate * 100, 1))


def test_missing_years_are_gaps_and_the_table_lists_every_series_with_sources():
    at = open_trade_page()
    total = by_year(series_traces(at)[trade.FLOW_LABELS["total"]])
    rows = trade.pair_rows(loader.load("trade"), loader.load("sources"), "RUS", "PRK")
    years_with_data = set(rows.loc[rows["flow"] == "total", "year"])
    missing = [year for year in total.index if year not in years_with_data]
    assert missing, "the data should have at least one gap year inside the plotted range"
    assert total[missing].isna().all() and (total.drop(missing) > 0).all()
    table = plotted_table(at)
    assert list(table.columns) == [*trade.TABLE_COLUMNS, "reading"]
    # Russia's 2021 exports are a stated nil: a zero the table reads as "nil (stated)", never a gap.
    nil = table[(table["year"] == 2021) & (table["series"] == trade.FLOW_LABELS["export"])]
    assert nil["value_usd_m"].tolist() == [0.0] and nil["reading"].tolist() == ["nil (stated)"]
    # The 2024 figure is an exporters' association official's estimate: ringed on the chart.
    assert trade_chart.ESTIMATE_LEGEND in plotted_series(at)
    assert set(table["series"]) == plotted_series(at) - {trade_chart.ESTIMATE_LEGEND}
    assert not table["value_usd_m"].isna().any()
    assert any("Sources:" in caption.value for caption in at.caption)
    assert chart(at)["layout"]["title"]["subtitle"]["text"].startswith("Sources: ")
    assert at.download_button(key="trade_csv").label == "Download CSV"


def test_a_data_file_without_the_target_shows_an_error_not_a_traceback(data_copy):
    targets = pd.read_csv(data_copy / "targets.csv", dtype=str, keep_default_na=False)
    targets["target_id"] = "another-target"
    targets.to_csv(data_copy / "targets.csv", index=False)
    at = open_trade_page()
    assert any(trade.TARGET_ID in error.value for error in at.error)


def test_a_stated_baseline_year_without_trade_gives_a_notice_not_a_traceback(data_copy):
    targets = pd.read_csv(data_copy / "targets.csv", dtype=str, keep_default_na=False)
    targets.loc[targets["target_id"] == trade.TARGET_ID, "baseline_year"] = "2012"
    targets.to_csv(data_copy / "targets.csv", index=False)
    at = open_trade_page()
    assert at.selectbox(key="baseline").value == 2011  # 2011 and 2013 are equally near: the earlier
    assert any("baseline year 2012 has no trade turnover figure" in notice.value for notice in at.info)
    _, _, rate = expected(baseline_year=2011)
    assert metric(at, "Required growth") == f"{rate:.1%}"


def test_years_reaching_the_target_year_in_the_link_are_taken_without_a_notice():
    at = open_trade_page({"target_year": "2030", "years": ["2000", "2030"]})
    assert not at.warning
    assert at.slider(key="years").value == (2000, 2030)


@pytest.mark.parametrize("years", ["2014", ["2000", "2040"], ["2000.5", "2010"], ["2000", "2010", "2020"]])
def test_years_the_slider_cannot_take_get_a_notice(years):
    at = open_trade_page({"years": years})
    assert any("years=" in warning.value for warning in at.warning)


def test_resetting_the_growth_slider_logs_no_session_state_warning(monkeypatch):
    import logging

    from streamlit.elements.lib import policies

    monkeypatch.setattr(policies, "_shown_default_value_warning", False)
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    policies._LOGGER.addHandler(handler)
    try:
        at = open_trade_page()
        at.slider(key="growth").set_value(50.0).run()
        at.selectbox(key="baseline").set_value(2011).run()
    finally:
        policies._LOGGER.removeHandler(handler)
    assert not at.exception
    assert at.slider(key="growth").value == pytest.approx(round(expected(baseline_year=2011)[2] * 100, 1))
    assert not [record.getMessage() for record in records if "Session State API" in record.getMessage()]


# A stand-in catalog, so the tests do not depend on the translators' progress.
FAKE_KOREAN = {
    "Turnover": "교역 총액",
    "Exports": "수출",
    "Imports": "수입",
    "Preferred (default)": "우선 출처(기본)",
    "China–DPRK trade": "북중 교역",
    "Inter-Korean trade": "남북 교역",
}


@pytest.fixture
def fake_korean(monkeypatch):
    real = translate._catalog
    monkeypatch.setattr(translate, "_catalog", lambda code: (FAKE_KOREAN, lambda n: 0) if code == "ko" else real(code))


def test_trade_choices_show_the_readers_words_and_the_link_keeps_their_ids(fake_korean):
    at = open_trade_page({"lang": "ko", "flow": "export", "compare": "China-DPRK"})
    assert not at.warning
    flow, source, compare = (
        at.selectbox(key="trade_flow"), at.selectbox(key="trade_source"), at.multiselect(key="trade_compare")
    )  # fmt: skip
    assert flow.value == "export" and flow.options == ["교역 총액", "수출", "수입"]
    assert source.value == trade.PREFERRED_CHOICE and source.options[0] == "우선 출처(기본)"
    assert compare.value == ["China-DPRK"] and compare.options == ["북중 교역", "남북 교역"]
    at.selectbox(key="trade_flow").set_value("import").run()
    at.multiselect(key="trade_compare").set_value(["China-DPRK", "Inter-Korean"]).run()
    assert at.query_params["flow"] in ("import", ["import"])
    assert at.query_params["compare"] == ["China-DPRK", "Inter-Korean"]
    at.selectbox(key="trade_source").set_value("KOTRA").run()
    assert at.query_params["source"] in ("KOTRA", ["KOTRA"])
    at.selectbox(key="trade_flow").set_value("total").run()
    assert "flow" not in at.query_params  # the default leaves the link


def test_an_old_link_with_the_english_words_still_opens_its_view():
    at = open_trade_page({"flow": "Exports", "source": "Preferred (default)", "compare": "China-DPRK"})
    assert not at.warning and not at.exception
    assert at.selectbox(key="trade_flow").value == "export"
    assert at.selectbox(key="trade_source").value == trade.PREFERRED_CHOICE
    assert at.query_params["flow"] in ("export", ["export"])  # rewritten to the id
    assert "source" not in at.query_params


def test_agencies_are_worded_in_the_readers_language_and_the_source_link_keeps_the_english(fake_korean):
    # sources.csv's agency is our own short description, translated by source id in data/translations/.
    # (The stand-in catalog: AppTest cannot rerun a page whose other select boxes show catalog words.)
    at = open_trade_page({"lang": "ko", "source": "Russian government (Galushka)"})
    assert not at.warning
    box = at.selectbox(key="trade_source")
    assert box.value == "Russian government (Galushka)" and "러시아 정부(갈루시카)" in box.options
    hovered = {point[1] for trace in series_traces(at).values() for point in trace["customdata"]}
    assert "러시아 세관(RFA 재인용)" in hovered and "검토 대상 논문" in hovered
    assert not {"Russian customs (via RFA)", "the article", "Russian government (Galushka)"} & hovered
    words = " ".join([*(block.value for block in at.markdown), *(caption.value for caption in at.caption)]).replace(
        "\\", ""
    )
    assert "러시아 세관(RFA 재인용)" in words and "Russian customs (via RFA)" not in words  # the source box
    at.selectbox(key="trade_source").set_value("KOTRA").run()
    assert at.query_params["source"] in ("KOTRA", ["KOTRA"])
    # English is as before: the agencies as sources.csv writes them.
    english = {point[1] for trace in series_traces(open_trade_page()).values() for point in trace["customdata"]}
    assert "Russian customs (via RFA)" in english and "러시아 세관(RFA 재인용)" not in english


def test_the_plotted_table_reads_in_the_readers_language():
    at = open_trade_page({"lang": "ko", "compare": "China-DPRK"})
    table = plotted_table(at)
    with translate.using("ko"):
        roles = {_(words) for words in plotted_words.ROLE_WORDS.values()}
        flows = {_(label) for label in trade.FLOW_LABELS.values()}
        compared = _(trade.COMPARATORS["China-DPRK"][2])
    assert set(table["role"]) <= roles and "actual" not in set(table["role"])
    assert flows & set(table["series"]) and compared in set(table["series"])
    assert not {*trade.FLOW_LABELS.values(), trade.TARGET_PATH} & set(table["series"])
    assert "러시아 세관(RFA 재인용)" in set(table["agency"]) and "Russian customs (via RFA)" not in set(table["agency"])
