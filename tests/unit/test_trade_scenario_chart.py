"""Named scenarios on the Trade chart (components/charts/trade_chart.py, trade_figure.py)."""

import copy

import pandas as pd
import pytest

from components.analysis import scenarios, trade
from components.analysis.scenarios import Scenario
from components.charts import chart_style, trade_figure
from tests.unit.test_trade_chart import _base, _table, with_scenario

CHOSEN = pd.DataFrame(
    {"year": [2013, 2015], "flow": ["total", "total"], "value_usd_m": [100.0, 200.0], "source_id": ["a", "b"]}
)
NAMED = [
    Scenario("Fast", 40.0),
    Scenario("<b>Bold</b> & %{y}", 10.0),
    Scenario("From 2015", 20.0, 2015),
    Scenario("Down", -5.0),
]


def _with_named(named=NAMED, log_scale=False):
    table = _table(0.2, ())
    base = _base(table=table, comparators=(), log_scale=log_scale)
    before = copy.deepcopy(base)
    paths = scenarios.scenario_paths(named, CHOSEN, "total", 2013, 2020, 2020)
    figure = with_scenario(
        base, table[table["series"] == trade.SCENARIO_PATH], paths, {item.name: item.rate_pct for item in named}
    )
    assert base == before, "the cached base figure must not change"
    return figure, base


def _named_traces(figure):
    return [
        trace for trace in figure.data if trace.line.dash in {style["dash"] for style in chart_style.SCENARIO_STYLES}
    ]


def test_each_named_scenario_is_a_line_of_its_own_colour_and_dash():
    figure, _ = _with_named()
    traces = _named_traces(figure)
    assert [trace.name for trace in traces] == ["Fast", "&lt;b&gt;Bold&lt;/b&gt; &amp; %{y}", "From 2015", "Down"]
    assert len({trace.line.color for trace in traces}) == 4 and len({trace.line.dash for trace in traces}) == 4
    # 100 × 1.4^7 = 1,054.14 in 2020; the 2015 scenario starts from that year's 200.
    assert traces[0].y[-1] == pytest.approx(1054.135, abs=0.001)
    assert traces[2].x[0].startswith("2015") and traces[2].y[0] == 200.0


def test_a_name_is_text_in_the_legend_the_label_and_the_hover():
    figure, _ = _with_named()
    marked = _named_traces(figure)[1]
    # The name sits in customdata, escaped; the template itself holds no text from the analyst.
    assert "Bold" not in marked.hovertemplate and "%{customdata[3]}" in marked.hovertemplate
    assert {row[3] for row in marked.customdata} == {"&lt;b&gt;Bold&lt;/b&gt; &amp; %{y}"}
    assert marked.customdata[-1][4] == "10.0%"
    labels = [note.text for note in figure.layout.annotations]
    assert labels[-4:] == ["Fast", "&lt;b&gt;Bold&lt;/b&gt; &amp; %{y}", "From 2015", "Down"]


def test_each_label_sits_at_its_lines_end_in_its_colour():
    figure, base = _with_named()
    notes = figure.layout.annotations[-4:]
    for note, trace in zip(notes, _named_traces(figure), strict=True):
        assert (note.x, note.y) == (trace.x[-1], trace.y[-1])
        assert note.font.color == trace.line.color and note.xanchor == "right"
    # Four more legend entries may take another legend row under the plot.
    assert figure.layout.margin.b >= base["layout"]["margin"]["b"]


def test_labels_close_together_are_moved_apart():
    # On a 280 px plot topped by 1,000: 100 and 105 sit 28 and 29.4 px up; the second moves up to 28 + 16.
    shifts = trade_figure.label_shifts([105.0, 100.0, 500.0], 1000.0, False, plot_px=280)
    assert shifts == pytest.approx([14.6, 0.0, 0.0])
    log_shifts = trade_figure.label_shifts([100.0, 101.0], 1000.0, True, plot_px=280)
    assert log_shifts[0] == 0 and log_shifts[1] > 0


def test_no_named_scenario_leaves_the_figure_as_it_was():
    table = _table(0.2, ())
    base = _base(table=table, comparators=())
    plain = with_scenario(base, table[table["series"] == trade.SCENARIO_PATH])
    empty = with_scenario(
        base,
        table[table["series"] == trade.SCENARIO_PATH],
        scenarios.scenario_paths([], CHOSEN, "total", 2013, 2020, 2020),
    )
    assert plain.to_dict() == empty.to_dict()
