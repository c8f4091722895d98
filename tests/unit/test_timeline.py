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
