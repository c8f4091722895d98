"""The Trade chart as a Vega-Lite specification.

Vega-Lite rather than plotly: Streamlit already ships the Vega library for its own charts, while
plotly.js is a 4.6 MB bundle whose evaluation alone took about 950 ms of every new session's first
render on our 2-core machine (``bench/``). A specification is plain data: the page passes it to
``st.vega_lite_chart`` and tests read it like any dict.

The rows sit in named datasets. Only ``scenario`` depends on the growth slider, so on a slider move
the specification and the other datasets stay the same and the browser swaps one small dataset
instead of rebuilding the chart.
"""

import json
from collections.abc import Iterable

import pandas as pd

from components.timeline_marks import event_marker_layer, event_marker_rows

BASE_DATASET = "trade_series"
SCENARIO_DATASET = "scenario"
EVENTS_DATASET = "events"
HEIGHT = 460
GRID_COLOUR = "#ebf0f8"
# Thousands separators, no trailing zeros: 0.5, 20, 10,000 (a log axis goes below 1).
AXIS_FORMAT = ",.6~g"
# Annual figures sit at mid-year, in the middle of their year on the time axis.
MID_YEAR = "-07-02"
# Line series: drawn as a line broken at missing years, with a point per year carrying the hover.
LINE_ROLES = ("actual", "comparator", "target_path", "scenario", "upload")
TOOLTIP = [
    {"field": "series", "type": "nominal", "title": "Series"},
    {"field": "year", "type": "ordinal", "title": "Year"},
    {"field": "value_usd_m", "type": "quantitative", "title": "USD million", "format": ",.1f"},
    {"field": "agency", "type": "nominal", "title": "Reported by"},
    {"field": "source_id", "type": "nominal", "title": "Source"},
]


def chart_rows(table: pd.DataFrame, first_year: int, last_year: int) -> pd.DataFrame:
    """``table`` (``trade.plotted_table`` rows) with a ``date`` column for the x axis and, for each
    actual or comparator series, an empty row for every year it lacks between ``first_year`` and
    ``last_year``: its line breaks there instead of joining across the gap, and no zero is drawn.
    """
    years = pd.Index(range(int(first_year), int(last_year) + 1), name="year")
    parts = []
    for series, rows in table.groupby("series", sort=False):
        role = rows["role"].iloc[0]
        if role in ("actual", "comparator", "upload"):
            rows = rows.set_index("year").reindex(years).reset_index().assign(series=series, role=role)
        parts.append(rows)
    rows = pd.concat(parts, ignore_index=True) if parts else table.head(0).copy()
    rows = rows.astype({"year": int, "value_usd_m": float})
    rows["date"] = rows["year"].astype(str) + MID_YEAR
    for column in ("series", "source_id", "agency", "role"):
        rows[column] = rows[column].fillna("").astype(str)
    return rows[["date", *table.columns]]


def _layer(dataset: str, roles: tuple[str, ...] | None, mark: dict, encoding: dict) -> dict:
    """A layer drawing the rows of ``dataset`` whose role is in ``roles`` (all rows for ``None``)."""
    layer: dict = {"data": {"name": dataset}, "mark": mark, "encoding": encoding}
    if roles is not None:
        layer["transform"] = [{"filter": {"field": "role", "oneOf": list(roles)}}]
    return layer


def _width_by_series(heavy_series: str) -> dict:
    # The flow compared with the target gets the thick line; the other flows are thinner.
    return {"condition": {"test": f"datum.series === {json.dumps(heavy_series)}", "value": 3}, "value": 1.5}


def with_scenario(spec: dict, scenario: pd.DataFrame) -> dict:
    """``spec`` (from ``base_chart_spec``) with ``scenario``'s rows as its scenario dataset; ``spec``
    itself is not changed, so a cached one can be shared."""
    scenario_rows = scenario.assign(date=scenario["year"].astype(int).astype(str) + MID_YEAR)
    return spec | {"datasets": spec["datasets"] | {SCENARIO_DATASET: scenario_rows[["date", *scenario.columns]]}}


def base_chart_spec(
    table: pd.DataFrame,
    events: pd.DataFrame,
    series_colours: dict[str, str],
    *,
    log_scale: bool,
    first_year: int,
    last_year: int,
    heavy_series: str = "",
    scenario_series: Iterable[str] = (),
) -> dict:
    """The Vega-Lite specification of the Trade chart, with an empty scenario dataset for
    ``with_scenario`` to fill: all of this stays the same when only the growth rate moves, so the page
    caches it.

    ``table`` holds every plotted row but the scenario's (as ``trade.plotted_table`` gives them);
    ``events`` the events to mark along the top; ``series_colours`` maps series names to colours in
    legend order (series absent from the data and from ``scenario_series`` stay out of the legend).
    Comparators get a right-hand axis of their own. ``heavy_series`` is drawn thicker.
    """
    base = chart_rows(table, first_year, last_year)
    scenario_rows = chart_rows(table.iloc[0:0], first_year, last_year)
    shown = set(base["series"]) | set(scenario_series)
    colours = {series: colour for series, colour in series_colours.items() if series in shown}
    y_scale = {"type": "log"} if log_scale else {"type": "linear", "zero": True}
    x = {
        "field": "date",
        "type": "temporal",
        "title": None,
        "scale": {"domain": [f"{first_year}-01-01", f"{last_year}-12-31"]},
        "axis": {"format": "%Y", "tickCount": {"interval": "year", "step": 1 if last_year - first_year <= 20 else 5}},
    }
    colour = {
        "field": "series",
        "type": "nominal",
        "title": None,
        "scale": {"domain": list(colours), "range": list(colours.values())},
        "legend": {"orient": "bottom", "columns": 2, "labelLimit": 320, "symbolType": "stroke", "symbolStrokeWidth": 3},
    }

    def y(axis: dict | None) -> dict:
        # Layers sharing a scale merge their axes: only one layer per axis may state it.
        encoding = {"field": "value_usd_m", "type": "quantitative", "scale": y_scale}
        return encoding | {"axis": axis} if axis else encoding

    left_axis = {"title": "Russia–DPRK, USD million", "format": AXIS_FORMAT, "gridColor": GRID_COLOUR}
    lines = {"x": x, "y": y(None), "color": colour}
    points = {**lines, "tooltip": TOOLTIP}
    gaps_break = {"invalid": "break-paths-show-domains"}
    left = [
        _layer(
            BASE_DATASET,
            ("actual",),
            {"type": "line", **gaps_break},
            lines | {"y": y(left_axis), "strokeWidth": _width_by_series(heavy_series)},
        ),
        _layer(BASE_DATASET, ("actual",), {"type": "point", "filled": True, "size": 36}, points),
        _layer(BASE_DATASET, ("alternative",), {"type": "point", "filled": False, "size": 90, "opacity": 0.6}, points),
        # An analyst's uploaded file (components/uploads.py): its own colour, a dotted line and triangles.
        _layer(BASE_DATASET, ("upload",), {"type": "line", "strokeDash": [1, 2], **gaps_break}, lines),
        _layer(BASE_DATASET, ("upload",), {"type": "point", "shape": "triangle-up", "size": 80}, points),
        # The scenario goes under the dashed target path, which stays visible where the two coincide.
        _layer(SCENARIO_DATASET, None, {"type": "line", "strokeWidth": 2}, lines),
        _layer(SCENARIO_DATASET, None, {"type": "point", "filled": True, "size": 30}, points),
        _layer(BASE_DATASET, ("target_path",), {"type": "line", "strokeDash": [6, 4], "strokeWidth": 2}, lines),
        _layer(BASE_DATASET, ("target_path",), {"type": "point", "filled": True, "size": 30}, points),
        _layer(BASE_DATASET, ("baseline",), {"type": "square", "filled": False, "size": 260, "strokeWidth": 2}, points),
        _layer(BASE_DATASET, ("target",), {"type": "rule", "strokeDash": [10, 4]}, {"y": y(None), "color": colour}),
        _layer(BASE_DATASET, ("target",), {"type": "point", "shape": "diamond", "filled": True, "size": 200}, points),
    ]
    layers: list[dict] = [{"layer": left}]
    if (base["role"] == "comparator").any():
        right_axis = {"title": "Comparators (dotted), USD million", "orient": "right", "format": AXIS_FORMAT}
        comparator_line = lines | {"y": y(right_axis | {"grid": False})}
        layers.append(
            {
                "layer": [
                    _layer(
                        BASE_DATASET,
                        ("comparator",),
                        {"type": "line", "strokeDash": [2, 3], **gaps_break},
                        comparator_line,
                    ),
                    _layer(BASE_DATASET, ("comparator",), {"type": "point", "filled": True, "size": 20}, points),
                ]
            }
        )
    if not events.empty:
        layers.append(event_marker_layer(EVENTS_DATASET, x, events))
    return {
        "height": HEIGHT,
        "datasets": {
            BASE_DATASET: base,
            SCENARIO_DATASET: scenario_rows,
            EVENTS_DATASET: event_marker_rows(events),
        },
        "layer": layers,
        "resolve": {"scale": {"y": "independent"}},
        "config": {"view": {"stroke": None}, "axis": {"gridColor": GRID_COLOUR}},
    }
