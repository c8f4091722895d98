"""The Timeline's plotly figure (components/timeline_chart.py): marks per dating, hover, escaping, click
selection, the window and the rule that no label can print over another."""

import pandas as pd
import plotly.graph_objects as go
import pytest

from components.analysis import timeline
from components.charts import chart_style, timeline_chart
from tests.unit.test_timeline import make_events

HOSTILE_TITLE = 'Duma <b>ratifies</b> & "writes off"'


@pytest.fixture
def events() -> pd.DataFrame:
    rows = make_events(
        [
            {
                "event_id": "sanctions",
                "start": "2014-03-01",
                "date_precision": "month",
                "title": "Sanctions",
                "category": "sanctions",
            },
            {"event_id": "duma", "start": "2014-04-18", "title": HOSTILE_TITLE, "category": "legislation"},
            {
                "event_id": "duma",
                "start": "2014-05-01",
                "date_precision": "month",
                "title": HOSTILE_TITLE,
                "category": "legislation",
                "source_id": "article",
                "preferred": False,
            },
            {
                "event_id": "commission",
                "start": "2014-06-03",
                "end": "2014-06-06",
                "title": "Commission",
                "category": "commission",
            },
            {
                "event_id": "fuel",
                "start": "2014-01-01",
                "date_precision": "year",
                "title": "Fuel halt",
                "category": "shock",
            },
        ]
    )
    sources = pd.DataFrame({"source_id": ["src_a", "article"], "agency": ["Agency", "the article"]})
    return timeline.label_datings(rows, sources)


def figure(events, chosen=None, years=(2014, 2014)):
    spec = timeline_chart.timeline_spec(
        events, years, title="Timeline of 4 events", source_note="Sources: A <i>", chosen_event_id=chosen
    )
    return go.Figure(spec, _validate=False)


def traces_by_name(fig) -> dict:
    return {trace.name: trace for trace in fig.data}


def test_each_dating_is_drawn_its_own_way(events):
    traces = traces_by_name(figure(events))
    assert list(traces) == list(timeline_chart.DRAWINGS.values())  # legend order, every drawing present
    ranges = traces[timeline_chart.DRAWINGS["range"]]
    assert ranges.type == "bar" and ranges.orientation == "h"
    assert list(ranges.base) == ["2014-06-03"]
    assert list(ranges.x) == [4 * timeline_chart.DAY_MS]  # to the end of its last day, 6 June
    imprecise = traces[timeline_chart.DRAWINGS["imprecise"]]
    assert list(imprecise.base) == ["2014-01-01", "2014-03-01"]
    assert list(imprecise.x) == [365 * timeline_chart.DAY_MS, 31 * timeline_chart.DAY_MS]  # the whole year, month
    assert imprecise.marker.pattern.shape == "/"  # hatched: the pattern doubles the light colour
    assert imprecise.marker.opacity < ranges.marker.opacity
    days = traces[timeline_chart.DRAWINGS["day"]]
    assert days.marker.symbol == "diamond" and list(days.x) == ["2014-04-18"]


def test_another_sources_dating_is_hollow_diamonds_joined_by_a_dotted_line(events):
    other = traces_by_name(figure(events))[timeline_chart.DRAWINGS["alternative"]]
    assert other.marker.symbol == "diamond-open"
    assert other.line.dash == "dot" and other.mode == "lines+markers"
    # May 2014 as a month: a diamond at its first and its last day, then a gap before any next dating.
    assert list(other.x) == ["2014-05-01", "2014-05-31", None]
    assert list(other.y) == ["legislation", "legislation", None]
    assert other.customdata[0][5] == "article's dating"  # quotes as typed: plotly does not decode &#x27;


def test_rows_are_the_categories_present_in_schema_order_and_the_window_is_whole_years(events):
    fig = figure(events, years=(2012, 2015))
    assert list(fig.layout.yaxis.categoryarray) == ["legislation", "commission", "sanctions", "shock"]
    # Each row is named as the reader's language names the category; the marks keep the value as their y.
    assert list(fig.layout.yaxis.tickvals) == list(fig.layout.yaxis.categoryarray)
    assert list(fig.layout.yaxis.ticktext) == ["Legislation", "Commission", "Sanctions", "Shock"]
    assert fig.layout.yaxis.autorange == "reversed"
    assert list(fig.layout.xaxis.range) == ["2012-01-01", "2016-01-01"]
    assert fig.layout.xaxis.type == "date"


def test_hover_names_title_date_category_actors_dating_and_source(events):
    days = traces_by_name(figure(events))[timeline_chart.DRAWINGS["day"]]
    for field in ("Date:", "Category:", "Actors:", "Dating:", "Source:"):
        assert field in days.hovertemplate
    event_id, title, when, category, actors, dating, source_id = days.customdata[0]
    assert (event_id, when, category, actors, dating, source_id) == (
        "duma",
        "18 Apr 2014",
        "Legislation",
        "Russia, DPRK",
        "preferred",
        "src_a",
    )
    imprecise = traces_by_name(figure(events))[timeline_chart.DRAWINGS["imprecise"]]
    assert imprecise.customdata[1][2] == "Mar 2014 (month precision)"


def test_text_from_the_data_is_escaped_for_plotly_and_quotes_stay_as_typed(events):
    fig = figure(events)
    titles = [row[1] for trace in fig.data for row in trace.customdata if row]
    assert 'Duma &lt;b&gt;ratifies&lt;/b&gt; &amp; "writes off"' in titles
    assert not any("<b>" in title for title in titles)
    assert fig.layout.annotations[0].text == "Sources: A &lt;i&gt;"


def test_a_click_reports_the_event_id(events):
    fig = figure(events)
    assert fig.layout.clickmode == "event+select"
    for trace in fig.data:
        assert {row[0] for row in trace.customdata if row} <= {"sanctions", "duma", "commission", "fuel"}
    state = {"selection": {"points": [{"customdata": ["duma", "x"]}, {"customdata": ["fuel", "y"]}]}}
    assert timeline_chart.selected_event_id(state) == "fuel"


@pytest.mark.parametrize(
    "state",
    [
        None,
        {},
        {"selection": {}},
        {"selection": {"points": []}},
        {"selection": {"points": [{"x": 1}]}},
        {"selection": {"points": [{"customdata": [None]}]}},
        {"selection": {"points": [{"customdata": "duma"}]}},
    ],
)
def test_no_event_is_picked_without_a_clicked_mark(state):
    assert timeline_chart.selected_event_id(state) is None


def test_the_chosen_event_is_outlined_in_black(events):
    traces = traces_by_name(figure(events, chosen="duma"))
    days = traces[timeline_chart.DRAWINGS["day"]]
    assert list(days.marker.line.color) == [timeline_chart.CHOSEN_OUTLINE]
    assert list(days.marker.line.width) == [3]
    bars = traces[timeline_chart.DRAWINGS["range"]]
    assert timeline_chart.CHOSEN_OUTLINE not in list(bars.marker.line.color)
    other = traces[timeline_chart.DRAWINGS["alternative"]]
    assert list(other.marker.color)[:2] == [timeline_chart.CHOSEN_OUTLINE] * 2


def test_no_text_is_drawn_on_the_plot_so_no_label_can_overlap_another(events):
    # Labels would collide in a crowded year (2014 holds most events); the detail is in the hover instead.
    # Whatever the window or filter, the only text in the plot area is the axes' own tick labels.
    for years in [(2014, 2014), (2008, 2024), (1949, 2024)]:
        fig = figure(events, years=years)
        for trace in fig.to_plotly_json()["data"]:
            assert "text" not in trace.get("mode", "")
            assert not {"text", "texttemplate"} & set(trace)
        assert [note.y for note in fig.layout.annotations] == [0]  # only the source line, under the plot


def test_height_grows_with_the_rows_and_the_style_is_shared(events):
    fig = figure(events)
    one_row = figure(events[events["category"] == "shock"])
    assert fig.layout.height > one_row.layout.height >= timeline_chart.MIN_PLOT_HEIGHT
    assert fig.layout.font.family == chart_style.FONT_FAMILY
    assert fig.layout.template.to_plotly_json() == {}


def test_left_margin_fits_the_widest_category_shown(events):
    # A narrower preset margin makes plotly widen it and draw the chart a second time. Worked at the
    # chart's 13 px font (6 px a lower-case letter, 8 px a capital or "m", 3.5 px "i" or "l") plus 32 px for
    # the axis title, for the rows as the axis names them: "Commission" is 8 + 5 × 6 + 2 × 8 + 2 × 3.5 = 61 px,
    # wider than the longer "Legislation" (8 + 7 × 6 + 3 × 3.5 = 60.5 px), so 93 px; "Sanctions" alone is
    # 8 + 7 × 6 + 3.5 = 53.5 px, rounded up to 86.
    assert set(figure(events).layout.yaxis.categoryarray) == {"legislation", "commission", "sanctions", "shock"}
    assert figure(events).layout.margin.l == 93
    assert figure(events[events["category"] == "sanctions"]).layout.margin.l == 86


def test_without_a_chosen_event_every_mark_shares_one_outline_width_sent_once(events):
    traces = traces_by_name(figure(events))
    days = traces[timeline_chart.DRAWINGS["day"]]
    assert days.marker.line.color == timeline_chart.MARK_OUTLINE and days.marker.line.width == 1
    bars = traces[timeline_chart.DRAWINGS["range"]]
    assert list(bars.marker.line.color) == list(bars.marker.color)  # each bar outlined in its own colour
    assert bars.marker.line.width == 1.5


def test_a_long_legend_entry_breaks_into_lines_and_an_english_one_stays_whole():
    from components.charts import chart_style
    from components.i18n import using

    assert timeline_chart.drawing_name("imprecise") == timeline_chart.DRAWINGS["imprecise"]
    with using("ru"):
        lines = timeline_chart.drawing_name("imprecise").split("<br>")
    assert all(chart_style.text_width_px(line) <= timeline_chart.LEGEND_ENTRY_PX for line in lines)
