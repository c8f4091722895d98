"""Event markers for a Vega-Lite chart with a date axis: one point per event along the top of the plot."""

import pandas as pd

from components.timeline import format_event_date, preferred_events

# Vega-Lite point shapes by category, in legend order; a category without one is drawn as a circle.
CATEGORY_SHAPES = {
    "visit": "circle",
    "summit": "diamond",
    "agreement": "square",
    "legislation": "triangle-up",
    "commission": "triangle-down",
    "sanctions": "cross",
    "infrastructure": "triangle-right",
    "trade": "triangle-left",
    "deadline": "stroke",
    "shock": "wedge",
}
MARKER_COLOUR = "#6a3d9a"
# Pixels from the top of the plot: the markers stay there whatever the y scale (linear or log).
MARKER_Y_PIXELS = 6
EVENT_COLUMNS = ["event_id", "date", "title", "when", "category"]


def event_marker_rows(events: pd.DataFrame) -> pd.DataFrame:
    """One row per preferred event, earliest first: id, start date (ISO), title, the date as the
    page words it (``format_event_date``) and category.
    """
    if events.empty:
        return pd.DataFrame({column: pd.Series(dtype=str) for column in EVENT_COLUMNS})
    shown = preferred_events(events).sort_values("start")
    return pd.DataFrame(
        {
            "event_id": shown["event_id"].astype(str).to_numpy(),
            "date": shown["start"].dt.strftime("%Y-%m-%d").to_numpy(),
            "title": shown["title"].astype(str).to_numpy(),
            "when": [format_event_date(row.start, row.date_precision, row.end) for row in shown.itertuples()],
            "category": shown["category"].astype(str).to_numpy(),
        }
    )


def event_marker_layer(dataset: str, x: dict, events: pd.DataFrame) -> dict:
    """A Vega-Lite layer drawing ``dataset`` (``event_marker_rows`` of ``events``) as points at the top
    of the plot, shaped by category (the legend lists the categories present), with title, date and
    category on hover. ``x`` is the chart's x encoding.
    """
    present = set(events["category"])
    shapes = {category: shape for category, shape in CATEGORY_SHAPES.items() if category in present}
    shapes |= {category: "circle" for category in sorted(present - set(shapes))}
    return {
        "data": {"name": dataset},
        "mark": {"type": "point", "filled": True, "size": 90, "color": MARKER_COLOUR, "opacity": 0.9},
        "encoding": {
            "x": x,
            "y": {"value": MARKER_Y_PIXELS},
            "shape": {
                "field": "category",
                "type": "nominal",
                "title": "Events (top)",
                "scale": {"domain": list(shapes), "range": list(shapes.values())},
                "legend": {"orient": "bottom", "direction": "vertical"},
            },
            "tooltip": [
                {"field": "title", "type": "nominal", "title": "Event"},
                {"field": "when", "type": "nominal", "title": "Date"},
                {"field": "category", "type": "nominal", "title": "Category"},
            ],
        },
    }
