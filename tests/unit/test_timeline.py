"""Unit tests for components/timeline.py: event markers, the timeline figure and its filters."""

import pandas as pd
import plotly.graph_objects as go
import pytest

from components import timeline


def make_events(rows: list[dict]) -> pd.DataFrame:
    """Events shaped like ``data.load("events")``: dates as datetimes, ``preferred`` as bool."""
    defaults = {
        "end": None,
        "date_precision": "day",
        "category": "visit",
        "actors": "RUS;PRK",
        "location": "Pyongyang",
        "description": "What the source says",
        "source_id": "src_a",
        "preferred": True,
    }
    frame = pd.DataFrame([{**defaults, **row} for row in rows])
    frame["start"] = pd.to_datetime(frame["start"])
    frame["end"] = pd.to_datetime(frame["end"])
    frame["preferred"] = frame["preferred"].astype(bool)
    return frame


@pytest.fixture
def sample_events() -> pd.DataFrame:
    return make_events(
        [
            {
                "event_id": "crimea_sanctions",
                "start": "2014-03-01",
                "date_precision": "month",
                "title": "Sanctions <after> Crimea",
                "category": "sanctions",
                "actors": "USA;RUS",
            },
            {
                "event_id": "duma_writeoff",
                "start": "2014-04-18",
                "title": "Duma ratifies write-off",
                "category": "legislation",
                "actors": "RUS",
            },
            {
                "event_id": "duma_writeoff",
                "start": "2014-04-19",
                "title": "Duma ratifies write-off",
                "category": "legislation",
                "actors": "RUS",
                "source_id": "article",
                "preferred": False,
            },
            {
                "event_id": "commission",
                "start": "2014-06-03",
                "end": "2014-06-06",
                "title": "Commission session",
                "category": "commission",
            },
            {
                "event_id": "xi_seoul",
                "start": "2014-07-03",
                "end": "2014-07-04",
                "title": "Xi visits Seoul",
                "category": "visit",
                "actors": "CHN;KOR",
                "location": "Seoul",
            },
            {
                "event_id": "fuel_halt",
                "start": "2014-01-01",
                "date_precision": "year",
                "title": "China fuel halt",
                "category": "shock",
                "actors": "CHN;PRK",
            },
        ]
    )


def time_figure() -> go.Figure:
    return go.Figure(go.Scatter(x=pd.to_datetime(["2013-01-01", "2015-01-01"]), y=[100.0, 200.0], name="trade"))


def test_markers_add_exactly_one_trace_named_events(sample_events):
    figure = timeline.add_event_markers(time_figure(), sample_events)
    assert [trace.name for trace in figure.data] == ["trade", "Events"]


def test_markers_use_preferred_rows_only(sample_events):
    markers = timeline.add_event_markers(time_figure(), sample_events).data[-1]
    assert len(markers.x) == 5
    assert pd.Timestamp("2014-04-19") not in list(markers.x)
    assert pd.Timestamp("2014-04-18") in list(markers.x)


def test_markers_sit_on_their_own_zero_to_one_axis_over_the_figure(sample_events):
    figure = timeline.add_event_markers(time_figure(), sample_events)
    markers = figure.data[-1]
    assert markers.yaxis == "y9"
    assert tuple(figure.layout.yaxis9.range) == (0, 1)
    assert figure.layout.yaxis9.overlaying == "y"
    assert figure.layout.yaxis9.visible is False
    assert all(0 < y <= 1 for y in markers.y)


def test_markers_filter_to_given_categories(sample_events):
    markers = timeline.add_event_markers(time_figure(), sample_events, categories=["legislation"]).data[-1]
    assert list(markers.x) == [pd.Timestamp("2014-04-18")]
    assert list(markers.marker.symbol) == [timeline.CATEGORY_SYMBOLS["legislation"]]


def test_markers_with_no_matching_category_still_add_one_empty_trace(sample_events):
    figure = timeline.add_event_markers(time_figure(), sample_events, categories=[])
    assert figure.data[-1].name == "Events"
    assert len(figure.data[-1].x) == 0


def test_marker_symbol_differs_by_category(sample_events):
    markers = timeline.add_event_markers(time_figure(), sample_events).data[-1]
    assert len(set(markers.marker.symbol)) == 5


def test_marker_hover_escapes_title_and_shows_precision_aware_date(sample_events):
    markers = timeline.add_event_markers(time_figure(), sample_events).data[-1]
    sanctions_text = next(text for text in markers.text if "Crimea" in text)
    assert "&lt;after&gt;" in sanctions_text
    assert "<after>" not in sanctions_text
    assert "Mar 2014" in sanctions_text
    assert "1 Mar 2014" not in sanctions_text
    assert "sanctions" in sanctions_text
    assert any("2014<br>shock" in text for text in markers.text)


def test_markers_on_a_year_axis_use_fractional_years(sample_events):
    figure = go.Figure(go.Scatter(x=[2013, 2015], y=[1, 2]))
    markers = timeline.add_event_markers(figure, sample_events, ["legislation"], x_as_year=True).data[-1]
    assert markers.x[0] == pytest.approx(2014 + 107 / 365)


def test_markers_figure_serialises(sample_events):
    figure = timeline.add_event_markers(time_figure(), sample_events)
    assert '"name":"Events"' in figure.to_json()


@pytest.mark.parametrize(
    ("start", "precision", "end", "expected"),
    [
        ("2014-03-18", "day", None, "18 Mar 2014"),
        ("2014-03-01", "month", None, "Mar 2014"),
        ("2014-01-01", "year", None, "2014"),
        ("2014-06-03", "day", "2014-06-06", "3 Jun 2014 – 6 Jun 2014"),
        ("2014-03-01", "month", "2014-03-31", "Mar 2014"),
    ],
)
def test_format_event_date_shows_only_the_known_precision(start, precision, end, expected):
    end_date = pd.Timestamp(end) if end else None
    assert timeline.format_event_date(pd.Timestamp(start), precision, end_date) == expected


# ---- Filters ----------------------------------------------------------------------------------


def test_actor_codes_split_the_lists(sample_events):
    assert timeline.actor_codes(sample_events) == ["CHN", "KOR", "PRK", "RUS", "USA"]


def test_category_order_follows_the_schema(sample_events):
    assert timeline.category_order(sample_events) == ["visit", "legislation", "commission", "sanctions", "shock"]


def test_period_end_widens_month_and_year_precision(sample_events):
    keys = sample_events["event_id"] + sample_events["source_id"]
    ends = dict(zip(keys, timeline.period_end(sample_events), strict=True))
    assert ends["crimea_sanctionssrc_a"] == pd.Timestamp("2014-03-31")
    assert ends["fuel_haltsrc_a"] == pd.Timestamp("2014-12-31")
    assert ends["commissionsrc_a"] == pd.Timestamp("2014-06-06")
    assert ends["duma_writeoffsrc_a"] == pd.Timestamp("2014-04-18")


def test_filter_by_actor_keeps_events_with_any_of_the_codes(sample_events):
    kept = timeline.filter_events(sample_events, actors=["KOR", "USA"])
    assert sorted(kept["event_id"]) == ["crimea_sanctions", "xi_seoul"]


def test_filter_by_category(sample_events):
    kept = timeline.filter_events(sample_events, categories=["legislation"])
    assert list(kept["event_id"]) == ["duma_writeoff", "duma_writeoff"]


def test_empty_selections_do_not_filter(sample_events):
    assert len(timeline.filter_events(sample_events, actors=[], categories=[])) == len(sample_events)
    assert len(timeline.filter_events(sample_events)) == len(sample_events)


def test_filter_by_years_uses_the_covered_period(sample_events):
    frame = pd.concat(
        [sample_events, make_events([{"event_id": "old", "start": "2011-08-24", "title": "Ulan-Ude"}])],
        ignore_index=True,
    )
    assert list(timeline.filter_events(frame, years=(2011, 2012))["event_id"]) == ["old"]
    assert "old" not in set(timeline.filter_events(frame, years=(2014, 2014))["event_id"])
    assert len(timeline.filter_events(frame, years=(2012, 2011))) == 1  # reversed range is still a range


def test_filters_combine(sample_events):
    kept = timeline.filter_events(
        sample_events, actors=["RUS"], categories=["visit", "legislation"], years=(2014, 2014)
    )
    assert list(kept["event_id"]) == ["duma_writeoff", "duma_writeoff"]


def test_year_bounds_include_imprecise_periods(sample_events):
    assert timeline.year_bounds(sample_events) == (2014, 2014)


# ---- Labels, table, choices --------------------------------------------------------------------


def test_label_datings_marks_article_and_other_sources():
    events = make_events(
        [
            {"event_id": "a", "start": "2014-03-24", "title": "A"},
            {"event_id": "a", "start": "2014-03-01", "title": "A", "source_id": "article", "preferred": False},
            {"event_id": "a", "start": "2014-03-02", "title": "A", "source_id": "tass", "preferred": False},
        ]
    )
    sources = pd.DataFrame({"source_id": ["src_a", "article", "tass"], "agency": ["KCNA", "the article", "TASS"]})
    assert list(timeline.label_datings(events, sources)["dating"]) == [
        "preferred",
        "article's dating",
        "alternative dating (tass)",
    ]


def test_label_datings_says_when_another_source_only_confirms_the_date():
    events = make_events(
        [
            {"event_id": "a", "start": "2014-03-24", "end": "2014-03-28", "title": "A"},
            {
                "event_id": "a",
                "start": "2014-03-24",
                "end": "2014-03-28",
                "title": "A",
                "source_id": "article",
                "preferred": False,
            },
            {"event_id": "a", "start": "2014-03-24", "title": "A", "source_id": "tass", "preferred": False},
            {"event_id": "b", "start": "2014-06-01", "date_precision": "month", "title": "B"},
            {
                "event_id": "b",
                "start": "2014-06-01",
                "date_precision": "month",
                "title": "B",
                "source_id": "tass",
                "preferred": False,
            },
        ]
    )
    sources = pd.DataFrame({"source_id": ["src_a", "article", "tass"], "agency": ["KCNA", "the article", "TASS"]})
    assert list(timeline.label_datings(events, sources)["dating"]) == [
        "preferred",
        "article's dating (same)",
        "alternative dating (tass)",
        "preferred",
        "same dating (tass)",
    ]


def test_events_table_keeps_every_source_row_with_iso_dates(sample_events):
    table = timeline.events_table(sample_events)
    assert list(table.columns) == timeline.TABLE_COLUMNS
    assert len(table) == len(sample_events)
    assert list(table["start"])[:2] == ["2014-01-01", "2014-03-01"]
    duma = table[table["event_id"] == "duma_writeoff"]
    assert list(duma["dating"]) == ["preferred", "alternative dating (article)"]
    assert table.loc[table["event_id"] == "commission", "end"].iloc[0] == "2014-06-06"


def test_event_choices_are_preferred_rows_in_date_order(sample_events):
    choices = timeline.event_choices(sample_events)
    assert list(choices) == ["fuel_halt", "crimea_sanctions", "duma_writeoff", "commission", "xi_seoul"]
    assert choices["duma_writeoff"] == "Duma ratifies write-off (18 Apr 2014)"
    assert choices["fuel_halt"] == "China fuel halt (2014)"


def test_event_rows_put_the_preferred_dating_first(sample_events):
    rows = timeline.event_rows(sample_events, "duma_writeoff")
    assert list(rows["preferred"]) == [True, False]
    assert timeline.event_rows(sample_events, "missing").empty


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ({"selection": {"points": [{"customdata": ["xi_seoul", "src_a"]}]}}, "xi_seoul"),
        ({"selection": {"points": [{"customdata": ["", ""]}, {"customdata": ["duma", "x"]}]}}, "duma"),
        ({"selection": {"points": [{"x": 1}]}}, None),
        ({"selection": {"points": []}}, None),
        (None, None),
        ({}, None),
    ],
)
def test_selected_event_id_reads_the_chart_selection(state, expected):
    assert timeline.selected_event_id(state) == expected


# ---- The figure -------------------------------------------------------------------------------


def traces_by_name(figure: go.Figure) -> dict:
    """The drawn traces (the legend keys carry no data)."""
    return {trace.name: trace for trace in figure.data if trace.showlegend is False}


def test_figure_has_one_drawn_trace_per_drawing_style(sample_events):
    names = list(traces_by_name(timeline.build_timeline_figure(sample_events)))
    assert names == [
        "Date range",
        "Month or year only (whole period hatched)",
        "Single day",
        "Other source's dating (hollow, dotted)",
    ]


def test_legend_keys_are_grey_and_toggle_their_drawn_trace(sample_events):
    figure = timeline.build_timeline_figure(sample_events)
    keys = [trace for trace in figure.data if trace.showlegend]
    assert [key.name for key in keys] == list(traces_by_name(figure))
    for key in keys:
        assert key.marker.color == timeline.LEGEND_KEY_COLOUR
        assert key.legendgroup == key.name
        assert list(key.x) == [None]
    hatched_key = next(key for key in keys if key.name.startswith("Month or year"))
    assert hatched_key.marker.pattern.shape == "/"
    assert next(key for key in keys if key.name.startswith("Other")).marker.symbol == "diamond-open"


def test_ranged_events_are_bars_from_start_to_end(sample_events):
    bars = traces_by_name(timeline.build_timeline_figure(sample_events))["Date range"]
    assert bars.type == "bar" and bars.orientation == "h"
    assert list(bars.base) == ["2014-06-03", "2014-07-03"]
    # 3 to 6 June inclusive is four days
    assert bars.x[0] == 4 * 24 * 3600 * 1000
    assert [row[0] for row in bars.customdata] == ["commission", "xi_seoul"]


def test_single_days_are_markers(sample_events):
    days = traces_by_name(timeline.build_timeline_figure(sample_events))["Single day"]
    assert days.mode == "markers"
    assert list(days.x) == [pd.Timestamp("2014-04-18")]
    assert list(days.y) == ["legislation"]


def test_month_and_year_precision_span_the_whole_period_hatched_and_labelled(sample_events):
    imprecise = traces_by_name(timeline.build_timeline_figure(sample_events))[
        "Month or year only (whole period hatched)"
    ]
    assert list(imprecise.base) == ["2014-01-01", "2014-03-01"]
    assert list(imprecise.x) == [365 * 24 * 3600 * 1000, 31 * 24 * 3600 * 1000]
    assert list(imprecise.text) == ["(year)", "(month)"]
    assert imprecise.marker.pattern.shape == "/"
    assert imprecise.marker.opacity < 1


def test_alternative_dating_is_hollow_dotted_and_labelled(sample_events):
    alternative = traces_by_name(timeline.build_timeline_figure(sample_events))[
        "Other source's dating (hollow, dotted)"
    ]
    assert alternative.marker.symbol.endswith("-open")
    assert alternative.line.dash == "dot"
    assert list(alternative.x) == [pd.Timestamp("2014-04-19"), None]
    assert alternative.text[0] == "alternative dating (article)"
    assert "Duma" in alternative.hovertext[0]


def test_figure_colours_follow_category(sample_events):
    bars = traces_by_name(timeline.build_timeline_figure(sample_events))["Date range"]
    assert list(bars.marker.color) == [timeline.CATEGORY_COLOURS["commission"], timeline.CATEGORY_COLOURS["visit"]]


def test_figure_rows_are_the_categories_in_schema_order(sample_events):
    figure = timeline.build_timeline_figure(sample_events)
    assert list(figure.layout.yaxis.categoryarray) == ["shock", "sanctions", "commission", "legislation", "visit"]


def test_figure_hover_escapes_data_text(sample_events):
    figure = timeline.build_timeline_figure(sample_events)
    payload = figure.to_json()
    assert "&lt;after&gt;" in payload
    assert "<after>" not in payload
    assert "month precision" in payload


def test_figure_of_no_events_is_empty_but_valid(sample_events):
    figure = timeline.build_timeline_figure(sample_events.iloc[0:0])
    assert all(len(trace.x or []) == 0 for trace in traces_by_name(figure).values())
    figure.to_json()


def test_only_datings_that_differ_are_labelled_on_the_chart():
    events = make_events(
        [
            {"event_id": "a", "start": "2014-03-24", "title": "A"},
            {"event_id": "a", "start": "2014-03-24", "title": "A", "source_id": "article", "preferred": False},
            {"event_id": "a", "start": "2014-05-22", "title": "A", "source_id": "tass", "preferred": False},
        ]
    )
    sources = pd.DataFrame({"source_id": ["src_a", "article", "tass"], "agency": ["KCNA", "the article", "TASS"]})
    figure = timeline.build_timeline_figure(timeline.label_datings(events, sources))
    alternative = traces_by_name(figure)["Other source's dating (hollow, dotted)"]
    assert [label for label in alternative.text if label] == ["alternative dating (tass)"]
