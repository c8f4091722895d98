"""Event markers shared by date-axis charts (components/timeline_marks.py)."""

import pandas as pd

from components import timeline_marks
from tests.unit.test_timeline import make_events


def _events() -> pd.DataFrame:
    return make_events(
        [
            {"event_id": "crimea", "start": "2014-03-01", "date_precision": "month", "title": "Sanctions <after> Crimea",
             "category": "sanctions"},
            {"event_id": "duma", "start": "2014-04-18", "title": "Duma ratifies", "category": "legislation"},
            {"event_id": "duma", "start": "2014-04-19", "title": "Duma ratifies", "category": "legislation",
             "preferred": False},
            {"event_id": "halt", "start": "2014-01-01", "date_precision": "year", "title": "Fuel halt",
             "category": "shock"},
            {"event_id": "odd", "start": "2015-05-05", "title": "Uncatalogued", "category": "not-a-category"},
        ]
    )  # fmt: skip


def test_rows_are_the_preferred_datings_earliest_first_with_worded_dates():
    rows = timeline_marks.event_marker_rows(_events())
    assert rows["event_id"].tolist() == ["halt", "crimea", "duma", "odd"]
    assert rows["date"].tolist() == ["2014-01-01", "2014-03-01", "2014-04-18", "2015-05-05"]
    assert rows["when"].tolist()[:3] == ["2014", "Mar 2014", "18 Apr 2014"]


def test_titles_stay_plain_text_for_the_tooltip_to_escape():
    rows = timeline_marks.event_marker_rows(_events())
    assert "Sanctions <after> Crimea" in rows["title"].tolist()


def test_no_events_give_an_empty_frame_with_the_columns():
    rows = timeline_marks.event_marker_rows(_events().iloc[0:0])
    assert rows.empty and list(rows.columns) == timeline_marks.EVENT_COLUMNS


def test_layer_shapes_present_categories_and_falls_back_to_circles():
    x = {"field": "date", "type": "temporal"}
    layer = timeline_marks.event_marker_layer("events", x, _events())
    shape = layer["encoding"]["shape"]["scale"]
    shapes = dict(zip(shape["domain"], shape["range"], strict=True))
    assert shapes == {"legislation": "triangle-up", "sanctions": "cross", "shock": "wedge", "not-a-category": "circle"}
    assert layer["encoding"]["x"] is x and layer["data"] == {"name": "events"}
    # A pixel position, not a data value: the markers stay at the top on a linear or a log scale.
    assert layer["encoding"]["y"] == {"value": timeline_marks.MARKER_Y_PIXELS}
    assert [item["field"] for item in layer["encoding"]["tooltip"]] == ["title", "when", "category"]
