"""The Debt schedule's plotly figure (components/debt_chart.py): traces, axes, hover, title and source line."""

import datetime as dt

import plotly.graph_objects as go
import pytest

from components.analysis import debt_schedule
from components.charts import chart_style, debt_chart
from components.i18n import translate

VALUATION = dt.date(2012, 9, 17)
NAMES = [
    "Balance owed (nominal)",
    "Cumulative repaid (nominal)",
    "Balance owed (present value)",
    "Cumulative repaid (present value)",
]


def schedule(rate=0.05, remaining=1090.0, count=40):
    return debt_schedule.repayment_schedule(remaining, count, 6, dt.date(2014, 10, 18), rate, VALUATION)


def figure(rate=0.05, note="Sources: Agency A"):
    return go.Figure(debt_chart.schedule_spec(schedule(rate), VALUATION, rate, note), _validate=False)


def test_four_step_lines_nominal_solid_present_value_dashed():
    traces = figure().data
    assert [trace.name for trace in traces] == NAMES
    assert {trace.line.shape for trace in traces} == {"hv"}
    assert [trace.line.dash for trace in traces] == ["solid", "solid", "dash", "dash"]
    # Colour tells balance from repaid, the dash nominal from present value: neither carries it alone.
    assert traces[0].line.color == traces[2].line.color != traces[1].line.color == traces[3].line.color


def test_each_line_holds_its_schedule_column_at_every_due_date():
    table = schedule()
    traces = {trace.name: trace for trace in figure().data}
    due = list(table["due_date"].dt.strftime("%Y-%m-%d"))
    for column, name, *_ in debt_chart.SERIES:
        assert list(traces[name].x) == due
        assert list(traces[name].y) == pytest.approx(list(table[column]))
    assert traces["Balance owed (nominal)"].y[-1] == 0


def test_present_values_fall_below_nominal_as_the_rate_rises():
    low = {trace.name: trace.y for trace in figure(0.01).data}
    high = {trace.name: trace.y for trace in figure(0.15).data}
    assert low["Cumulative repaid (nominal)"] == high["Cumulative repaid (nominal)"]
    assert high["Cumulative repaid (present value)"][-1] < low["Cumulative repaid (present value)"][-1]


def test_hover_shows_every_series_at_the_nearest_due_date_in_usd_million():
    fig = figure()
    assert fig.layout.hovermode == "x unified"
    assert fig.layout.xaxis.type == "date" and fig.layout.xaxis.hoverformat == "%Y-%m-%d"
    assert [trace.hovertemplate for trace in fig.data] == [f"{name}: %{{customdata}}<extra></extra>" for name in NAMES]
    balance = fig.data[0]
    # The balance after the first instalment, 1,062.75 (USD million), as formats.money words it.
    assert balance.y[0] == pytest.approx(1062.75) and balance.customdata[0] == "$1,062.8M"
    assert fig.layout.yaxis.title.text == "USD million"
    assert fig.layout.yaxis.tickformat == ",.0f"


def test_title_and_escaped_source_line_are_drawn_into_the_figure():
    fig = figure(0.075, note='Sources: <b>A & B</b> "quoted"')
    # Two lines: on one, the title ran past the edge of a chart in a half-screen window.
    assert fig.layout.title.text.split("<br>") == [
        "Repayment schedule; present values at 7.5% a year, valued at",
        "2012-09-17",
    ]
    (source,) = [note for note in fig.layout.annotations if note.yref == "paper" and note.y == 0]
    assert source.text == 'Sources: &lt;b&gt;A &amp; B&lt;/b&gt; "quoted"'


def test_png_file_stem_names_the_view():
    assert debt_chart.schedule_file_stem(0.05) == "nea-debt-schedule-discount-5pct"
    assert debt_chart.schedule_file_stem(0.125) == "nea-debt-schedule-discount-12p5pct"
    assert debt_chart.schedule_file_stem(0.0) == "nea-debt-schedule-discount-0pct"


def test_figure_uses_the_shared_style_and_no_template():
    fig = figure()
    assert fig.layout.font.family == chart_style.FONT_FAMILY
    assert fig.layout.paper_bgcolor == chart_style.BACKGROUND
    assert fig.layout.template.to_plotly_json() == {}


def test_hover_money_follows_the_readers_language():
    # The same amounts as the chart's y, each as formats.money words it in Russian and Korean.
    with translate.using("ru"):
        russian = figure()
    with translate.using("ko"):
        korean = figure()
    assert russian.data[0].customdata[0] == "$1\u00a0062,8\u00a0млн"
    assert korean.data[0].customdata[0] == "10억 6,280만 달러"
    assert list(russian.data[1].y) == list(korean.data[1].y)


@pytest.mark.parametrize("language", ["en", "ru", "ko", "ja"])
def test_the_title_fits_a_half_screen_chart_in_every_language_and_the_plot_keeps_its_height(language):
    from components.i18n import using

    with using(language):
        fig = figure(0.125)
    lines = fig.layout.title.text.split("<br>")
    assert all(
        chart_style.text_width_px(line, chart_style.TITLE_FONT_PX) <= chart_style.TEXT_WIDTH_PX for line in lines
    )
    assert "2012-09-17" in fig.layout.title.text
    more = chart_style.TITLE_LINE_PX * (len(lines) - 1) + (
        chart_style.MULTILINE_TITLE_SHIFT_PX if len(lines) > 1 else 0
    )
    assert fig.layout.margin.t == 88 + more and fig.layout.height == debt_chart.CHART_HEIGHT + more
