"""The Trade chart's plotly figure (components/trade_chart.py)."""

import copy
import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from components.analysis import trade
from components.charts import trade_chart, trade_figure, trade_marks
from components.i18n import translate
from tests.unit.test_trade import _sources, _table, _target, _trade_rows

FIRST, LAST = 2010, 2020
TITLE = "Russia–DPRK trade & the <target>"
NOTE = "Sources: Russian customs (ru-customs)"


def _events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": ["protocol", "unscr-2270"],
            "start": pd.to_datetime(["2014-03-28", "2016-03-02"]),
            "end": pd.to_datetime([None, None]),
            "date_precision": ["day", "month"],
            "title": ['Protocol <b>signed</b> & "ratified"', "UNSCR 2270"],
            "category": ["agreement", "sanctions"],
            "source_id": ["ru-customs", "mou"],
            "preferred": [True, True],
        }
    )


def _base(*, log_scale=False, comparators=("China-DPRK",), events=None, table=None, sources=None) -> dict:
    table = _table(0.2, comparators) if table is None else table
    return trade_figure.base_figure(
        table[table["series"] != trade.SCENARIO_PATH],
        _events() if events is None else events,
        _sources() if sources is None else sources,
        log_scale=log_scale,
        first_year=FIRST,
        last_year=LAST,
        title=TITLE,
        source_note=NOTE,
        heavy_series=trade.FLOW_LABELS["total"],
        scenario_series=[trade.SCENARIO_PATH],
    )


def with_scenario(*arguments) -> go.Figure:
    """``trade_figure.scenario_spec`` as a ``go.Figure``, as the page's chart draws it."""
    return go.Figure(trade_figure.scenario_spec(*arguments), _validate=False)


def _figure(rate: float = 0.2, **options) -> go.Figure:
    table = _table(rate, options.pop("comparators", ("China-DPRK",)))
    base = _base(table=table, **options)
    return with_scenario(base, table[table["series"] == trade.SCENARIO_PATH])


def _trace(figure: go.Figure, series: str):
    """The trace of ``series``: its hover names it (from customdata), also where the legend groups it under
    another name."""
    return next(
        trace
        for trace in figure.data
        if trace.hovertemplate.startswith("<b>%{customdata[4]}</b>") and trace.customdata[0][4] == series
    )


def test_missing_years_are_gaps_in_the_line_never_zeros():
    line = _trace(_figure(), trade.FLOW_LABELS["total"])
    values = dict(zip(line.x, line.y, strict=True))
    assert list(values) == [f"{year}{trade_chart.MID_YEAR}" for year in range(FIRST, LAST + 1)]
    assert [values[f"{year}{trade_chart.MID_YEAR}"] for year in (2012, 2015, 2019)] == [None] * 3
    assert values[f"2013{trade_chart.MID_YEAR}"] == 112.7
    assert all(value is None or value > 0 for value in values.values())
    assert line.connectgaps is False and line.mode == "lines+markers"


def test_other_sources_figures_are_faint_open_points_and_the_chosen_flow_is_thicker():
    figure = _figure()
    other = _trace(figure, f"{trade.FLOW_LABELS['total']} — other sources")
    assert other.mode == "markers" and other.marker.symbol == "circle-open" and other.opacity < 1
    assert list(other.y) == [104.0]
    assert (
        _trace(figure, trade.FLOW_LABELS["total"]).line.width > _trace(figure, trade.FLOW_LABELS["export"]).line.width
    )


def test_target_required_path_and_scenario_are_drawn_apart_by_dash_and_marker():
    figure = _figure(0.9)
    path, scenario = _trace(figure, trade.TARGET_PATH), _trace(figure, trade.SCENARIO_PATH)
    assert path.line.dash == "dash" and scenario.line.dash is None
    assert scenario.marker.symbol == "triangle-up"
    assert list(scenario.x)[0] == f"2013{trade_chart.MID_YEAR}" and scenario.y[-1] > path.y[-1]
    names = [trace.name for trace in figure.data]
    # The scenario is drawn under the dashed path, which stays visible where the two coincide.
    assert names.index(trade.SCENARIO_PATH) < names.index(trade.TARGET_PATH)
    target = _trace(figure, trade.TARGET_LINE)
    assert target.marker.symbol == "diamond" and list(target.y) == [_target().target_value]


def test_only_the_scenario_trace_changes_with_the_growth_rate_and_the_cached_base_stays_as_it_was():
    table = _table(0.25)
    base = _base(table=table)
    before = copy.deepcopy(base)
    slow = with_scenario(base, table[table["series"] == trade.SCENARIO_PATH])
    fast = _figure(0.4)
    assert base == before
    scenario_index = [trace.name for trace in slow.data].index(trade.SCENARIO_PATH)
    for index, (one, other) in enumerate(zip(slow.data, fast.data, strict=True)):
        assert (one.to_plotly_json() == other.to_plotly_json()) is (index != scenario_index)
    assert slow.layout.to_plotly_json() == fast.layout.to_plotly_json()


def test_comparators_get_a_labelled_right_axis_and_log_scale_applies_to_both():
    figure = _figure(log_scale=True)
    comparator = _trace(figure, trade.COMPARATORS["China-DPRK"][2])
    assert comparator.yaxis == "y2" and comparator.line.dash == "dot"
    assert figure.layout.yaxis2.side == "right" and figure.layout.yaxis2.overlaying == "y"
    assert "Comparators" in figure.layout.yaxis2.title.text
    assert "Russia" in figure.layout.yaxis.title.text
    assert figure.layout.yaxis.type == "log" and figure.layout.yaxis2.type == "log"
    assert all(
        trace.yaxis in (None, "y")
        for trace in figure.data
        if "right axis" not in trace.name and "Event" not in trace.name
    )


def test_without_comparators_there_is_no_right_axis_and_the_linear_axis_starts_at_zero():
    figure = _figure(comparators=())
    assert "yaxis2" not in figure.layout.to_plotly_json()
    assert not any("right axis" in trace.name for trace in figure.data)
    assert figure.layout.yaxis.type == "linear" and figure.layout.yaxis.rangemode == "tozero"


def test_x_axis_covers_the_years_shown_as_years():
    figure = _figure()
    assert list(figure.layout.xaxis.range) == [f"{FIRST}-01-01", f"{LAST}-12-31"]
    assert figure.layout.xaxis.tickformat == "%Y" and figure.layout.xaxis.dtick == "M12"
    assert figure.layout.hovermode == "x unified"


def test_every_value_hover_names_year_agency_and_source():
    figure = _figure()
    value_traces = [trace for trace in figure.data if trace.yaxis != trade_chart.EVENTS_AXIS]
    assert value_traces
    for trace in value_traces:
        assert "customdata[1]" in trace.hovertemplate and "customdata[2]" in trace.hovertemplate
    other = _trace(figure, f"{trade.FLOW_LABELS['total']} — other sources")
    series = f"{trade.FLOW_LABELS['total']} — other sources"
    assert [list(row) for row in other.customdata] == [["2013", "KOTRA", "kotra", "$104.0M", series]]


def test_event_markers_sit_along_the_top_shaped_by_category_with_agency_and_source_on_hover():
    figure = _figure()
    events = [trace for trace in figure.data if trace.yaxis == trade_chart.EVENTS_AXIS]
    assert [trace.name for trace in events] == ["Event: agreement", "Event: sanctions"]
    assert [trace.marker.symbol for trace in events] == ["square", "x"]
    assert figure.layout.yaxis3.range == (0, 1) and figure.layout.yaxis3.visible is False
    title, when, category, agency, source_id = events[1].customdata[0]
    assert (when, category, agency, source_id) == ("Mar 2016", "sanctions", "ROK Unification Ministry", "mou")
    assert "customdata[3]" in events[0].hovertemplate and "customdata[4]" in events[0].hovertemplate


def test_no_events_means_no_event_markers():
    figure = _figure(events=_events().iloc[0:0])
    assert not [trace for trace in figure.data if trace.yaxis == trade_chart.EVENTS_AXIS]


def test_text_from_data_is_escaped_and_quotes_stay_as_typed():
    sources = _sources()
    sources.loc[0, "agency"] = "<img src=x onerror=alert(1)> & \"Customs\" 'RU'"
    rows = trade.pair_rows(_trade_rows(), sources, "RUS", "PRK")
    chosen, alternatives = trade.choose_rows(rows)
    figure = with_scenario(
        _base(table=trade.plotted_table(chosen, alternatives, {}), sources=sources), _table().iloc[0:0]
    )
    line = _trace(figure, trade.FLOW_LABELS["total"])
    agencies = {row[1] for row in line.customdata}
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; \"Customs\" 'RU'" in agencies
    event = next(trace for trace in figure.data if trace.name == "Event: agreement")
    assert event.customdata[0][0] == 'Protocol &lt;b&gt;signed&lt;/b&gt; &amp; "ratified"'
    assert event.customdata[0][3] == "&lt;img src=x onerror=alert(1)&gt; &amp; \"Customs\" 'RU'"
    assert figure.layout.title.text == "Russia–DPRK trade &amp; the &lt;target&gt;"


def test_title_and_source_line_are_part_of_the_figure():
    figure = _figure()
    assert figure.layout.title.text.startswith("Russia–DPRK trade")
    assert figure.layout.title.subtitle.text == NOTE
    assert not figure.layout.annotations
    assert figure.layout.legend.orientation == "h"


def test_an_estimate_is_ringed_and_its_hover_says_it_is_not_customs_data():
    table = _table(0.2, ("China-DPRK",))
    plain = _base(table=table)
    assert trade_chart.ESTIMATE_LEGEND not in [trace["name"] for trace in plain["data"]]
    marked = trade_figure.base_figure(
        table[table["series"] != trade.SCENARIO_PATH],
        _events(),
        _sources(),
        log_scale=False,
        first_year=FIRST,
        last_year=LAST,
        title=TITLE,
        source_note=NOTE,
        estimates=[(2014, "kotra")],
    )
    (ring,) = [trace for trace in marked["data"] if trace["name"] == trade_chart.ESTIMATE_LEGEND]
    assert ring["x"] == [f"2014{trade_chart.MID_YEAR}"] and ring["marker"]["symbol"] == "circle-open"
    line = next(trace for trace in marked["data"] if trace["name"] == trade.FLOW_LABELS["total"])
    agencies = {row[0]: row[1] for row in line["customdata"]}
    assert agencies["2014"] == "KOTRA (an estimate, not customs data)"
    assert agencies["2013"] == "Russian customs"


def test_estimate_keys_read_the_estimate_column_and_a_table_without_it_has_none():
    rows = pd.DataFrame(
        {"year": [2023, 2024], "source_id": ["a", "b"], "estimate": pd.array([pd.NA, True], dtype="boolean")}
    )
    assert trade.estimate_keys(rows) == ((2024, "b"),)
    assert trade.estimate_keys(rows.drop(columns="estimate")) == ()


def test_margins_are_preset_for_the_legend_rows_and_the_right_axis_and_no_template_is_sent():
    # plotly draws a chart twice when its labels outgrow the margins; the figure presets them instead.
    with_right_axis = _figure(comparators=("China-DPRK",)).layout
    without = _figure(comparators=()).layout
    assert (with_right_axis.margin.r, without.margin.r) == (92, 8)  # the right axis's title and labels
    assert without.margin.l == with_right_axis.margin.l >= 57  # the left axis's settled width in Chromium
    # Under the plot: 40 px of year labels and 33 px per legend row of up to 5 entries. Without comparators
    # the legend has 11 entries (3 flows, other sources, scenario, target path, baseline, target, the
    # agency-change ticks and the 2 event categories): 3 rows, 139 px; China–DPRK makes 12: 3 rows, 139 px;
    # no events leave 9: 2 rows.
    assert sum(1 for trace in _figure(comparators=()).data if trace.showlegend is not False) == 11
    assert (without.margin.b, with_right_axis.margin.b) == (139, 139)
    assert _base(comparators=(), events=_events().iloc[0:0])["layout"]["margin"]["b"] == 106
    assert with_right_axis.template.to_plotly_json() == {}


def _hover_money(figure: go.Figure, series: str) -> dict[str, str]:
    """Year → the money the hover of ``series`` shows, with the template's fields filled in as plotly does."""
    (trace,) = [trace for trace in figure.data if trace.customdata and trace.customdata[0][-1] == series]
    assert "%{customdata[3]}" in trace.hovertemplate and "%{y" not in trace.hovertemplate
    return {row[0]: row[3] for row in trace.customdata}


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en", "$112.7M"), ("ko", "1억 1,270만 달러"), ("ru", "$112,7\u00a0млн"), ("ja", "1億1,270万ドル")],
)
def test_hover_money_is_written_as_the_readers_language_writes_it(code, expected):
    # The same amount (USD 112.7 million in 2013) in each language's style (docs/i18n.md), never plotly's
    # English "$%{y:,.1f}M".
    with translate.using(code):
        figure, series = _figure(), translate._(trade.FLOW_LABELS["total"])
    assert _hover_money(figure, series)["2013"] == expected


def test_a_series_name_from_an_upload_stays_out_of_the_hover_template():
    table = _table().iloc[0:0]
    name = "your file: %{y} <b>x</b>"
    rows = pd.DataFrame(
        {"year": [2013], "series": [name], "value_usd_m": [5.26], "source_id": ["upload:x"], "agency": ["f"],
         "role": ["upload"]}
    )  # fmt: skip
    figure = with_scenario(_base(table=pd.concat([_table(), rows], ignore_index=True)), table)
    (trace,) = [trace for trace in figure.data if trace.name == "your file: %{y} &lt;b&gt;x&lt;/b&gt;"]
    assert "%{y}" not in trace.hovertemplate and "<b>x</b>" not in trace.hovertemplate
    (point,) = [row for row in trace.customdata if row[0] == "2013"]
    assert tuple(point[3:]) == ("$5.3M", "your file: %{y} &lt;b&gt;x&lt;/b&gt;")


def test_in_korean_no_hover_shows_an_english_series_or_agency_of_ours():
    # The change marks and stated nils once named the series in English, the paths' agency read "computed"
    # and an estimate's agency of no family kept its English name inside the Korean "(estimate)" words.
    english_sources = _sources().assign(agency=["Russian customs", "Trade association", "China customs", "MOU"])
    rows = trade.pair_rows(_trade_rows(), english_sources, "RUS", "PRK")
    table = trade.plotted_table(*trade.choose_rows(rows), {}, _target(), 0.2)
    sources = english_sources.assign(
        agency_key=english_sources["agency"], agency=["러시아 세관", "무역협회", "중국 해관", "통일부"]
    )
    with translate.using("ko"):
        base = trade_figure.base_figure(
            table[table["series"] != trade.SCENARIO_PATH], _events(), sources, log_scale=False, first_year=FIRST,
            last_year=LAST, title=TITLE, source_note=NOTE, scenario_series=[trade.SCENARIO_PATH],
            estimates=[(2014, "kotra")],
        )  # fmt: skip
        figure = with_scenario(base, table[table["series"] == trade.SCENARIO_PATH])
        estimate_words = translate._(trade_chart.ESTIMATE_WORDS).format(agency="무역협회")
    hovers = json.dumps([trace.customdata for trace in figure.data], ensure_ascii=False)
    english = [*trade.FLOW_LABELS.values(), trade.COMPUTED, trade.ANNOUNCED_TARGET, *english_sources["agency"]]
    assert [words for words in english if words in hovers] == []
    (change,) = [trace for trace in figure.data if trace.legendgroup == trade_marks.CHANGE_GROUP]
    assert [row[:2] for row in change.customdata] == [["교역액", "2014"], ["교역액", "2020"]]
    assert estimate_words in change.customdata[0][2] and estimate_words in change.customdata[1][2]
