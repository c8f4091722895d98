"""Agency families, where a plotted series changes agency, and stated nils on the chart and in tables."""

import pandas as pd

from components.analysis import agency_series, trade
from components.charts import trade_marks
from components.i18n import translate


def plotted(rows):
    frame = pd.DataFrame(rows, columns=["year", "series", "value_usd_m", "source_id", "agency", "role"])
    return frame.assign(date=frame["year"].astype(str) + "-07-02")


def test_agency_names_fall_into_families():
    family = agency_series.agency_family
    assert (
        family("Russian customs (via RFA)") == family("Russian government (Ushakov)") == "Russian official statistics"
    )
    assert family("KIEP (China customs, excluding crude oil)") == "China customs (GAC)"
    assert family("ROK Ministry of Unification (White Paper 2024)") == "ROK Ministry of Unification"
    assert family("ITC Trade Map") == "ITC Trade Map"
    assert family(float("nan")) == ""


def test_a_change_of_agency_is_marked_where_it_happens_and_gaps_are_skipped():
    rows = plotted(
        [
            (2017, "China", 5260, "a", "KOTRA", "comparator"),
            (2018, "China", 2700, "b", "KOTRA", "comparator"),
            (2019, "China", float("nan"), "", "", "comparator"),  # a gap
            (2020, "China", 539, "c", "China customs (GAC)", "comparator"),
            (2021, "China", 318, "d", "KDI (China customs data)", "comparator"),  # same family: no mark
            (2022, "China", 1530, "e", "KOTRA", "comparator"),
            (2020, "Turnover", 42.7, "f", "Russian customs", "actual"),
            (2021, "Turnover", 0.04, "g", "Russian customs (via RFA)", "actual"),
            (2020, "Path", 50, "f", "computed", "target_path"),  # computed paths are never marked
        ]
    )
    changes = agency_series.agency_changes(rows)
    assert changes[["year", "before", "after"]].values.tolist() == [
        [2020, "KOTRA", "China customs (GAC)"],
        [2022, "China customs (GAC)", "KOTRA"],
    ]
    traces = trade_marks.agency_change_traces(rows)
    assert len(traces) == 1 and traces[0]["yaxis"] == "y2"
    assert traces[0]["x"] == ["2020-07-02", "2022-07-02"] and traces[0]["y"] == [539.0, 1530.0]
    assert "KOTRA before, China customs (GAC) from this year" in traces[0]["customdata"][0][2]


def test_no_change_no_mark():
    rows = plotted([(2020, "Turnover", 42.7, "f", "Russian customs", "actual")])
    assert trade_marks.agency_change_traces(rows) == []
    assert trade_marks.stated_nil_traces(rows) == []


def test_a_stated_nil_is_a_marked_zero_with_its_words_and_the_table_says_so():
    rows = plotted(
        [
            (2020, "Russian exports", 42.0, "tass", "Russian customs", "actual"),
            (2021, "Russian exports", 0.0, "asiatoday", "Russian customs (via RFA)", "actual"),
            (2023, "Inter-Korean", 0.0, "sedaily", "ROK Ministry of Unification", "comparator"),
            (2024, "Scenario", 0.0, "x", "computed", "scenario"),  # not a data row
        ]
    )
    traces = trade_marks.stated_nil_traces(rows)
    assert [(trace["yaxis"], trace["x"], trace["y"]) for trace in traces] == [
        ("y", ["2021-07-02"], [0.0]),
        ("y2", ["2023-07-02"], [0.0]),
    ]
    assert [trace["showlegend"] for trace in traces] == [True, False]
    assert "nil (stated)" in traces[0]["hovertemplate"]
    assert traces[0]["customdata"] == [["Russian exports", "2021", "asiatoday"]]
    table = agency_series.with_nil_words(rows.drop(columns="date"))
    assert table["reading"].tolist() == ["", "nil (stated)", "nil (stated)", ""]


def test_the_marks_name_their_series_in_the_readers_language():
    rows = plotted(
        [
            (2020, trade.FLOW_LABELS["export"], 42.0, "tass", "Russian customs", "actual"),
            (2021, trade.FLOW_LABELS["export"], 0.0, "asiatoday", "Russian customs (via RFA)", "actual"),
            (2022, trade.FLOW_LABELS["export"], 5.0, "x", "ITC Trade Map", "actual"),
        ]
    )
    with translate.using("ko"):
        (nil,) = trade_marks.stated_nil_traces(rows)
        (change,) = trade_marks.agency_change_traces(rows)
        korean = translate._(trade.FLOW_LABELS["export"])
    assert korean != trade.FLOW_LABELS["export"]
    assert nil["customdata"] == [[korean, "2021", "asiatoday"]]
    assert [row[:2] for row in change["customdata"]] == [[korean, "2022"]]
