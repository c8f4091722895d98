"""The Trade chart as a plotly figure.

The figure is built as plain dicts and wrapped with ``go.Figure(..., _validate=False)``: validating
plotly objects costs tens of milliseconds a rerun, and Streamlit skips its own validation for a figure
object. The page caches ``base_figure`` (everything the growth slider does not change) and
``with_scenario`` fills in the one scenario trace on each slider move.
"""

import math
import textwrap
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from components.analysis import formats, trade
from components.analysis.sources import agency_of
from components.analysis.timeline import preferred_events
from components.charts import chart_style
from components.charts.chart_style import PALETTE, plain_text

HEIGHT = 470
# Annual figures sit at mid-year, in the middle of their year on the time axis.
MID_YEAR = "-07-02"
# Thousands separators, no trailing zeros: 0.5, 20, 10,000 (a log axis goes below 1).
AXIS_FORMAT = ",~g"
LEFT_AXIS_TITLE = "Russia–DPRK, USD million"
RIGHT_AXIS_TITLE = "Comparators (dotted), USD million"
EVENTS_AXIS = "y3"
# Events sit in a strip of their own above the plot, whatever the y scale (linear or log).
EVENT_Y = 0.5
PLOT_DOMAIN = [0, 0.9]
EVENT_DOMAIN = [0.92, 1]
# Title and source lines are broken to fit a chart in a half-screen window (about 440 px wide).
TITLE_CHARACTERS = 52
# Preset margins (see chart_style.MARGIN): the right axis's title and labels, and under the plot the
# x-axis labels and the legend, whose 180 px entries sit five to a row in the 940 px wide chart of a
# 1400 px window (measured: 13 entries, 3 rows, 134–138 px). A narrower window wraps more rows; plotly then
# widens the margin itself, at the cost of a second drawing.
RIGHT_AXIS_MARGIN = 92
X_AXIS_LABELS_PX = 40
LEGEND_ROW_PX = 33
LEGEND_ENTRIES_PER_ROW = 5
NOTE_CHARACTERS = 74
EVENT_COLOUR = PALETTE["purple"]
EVENT_LEGEND_PREFIX = "Event: "
# plotly marker symbols by event category; a category without one is drawn as a circle.
EVENT_SYMBOLS = {
    "visit": "circle",
    "summit": "diamond",
    "agreement": "square",
    "sanctions": "x",
}
# Okabe–Ito colours; series are also told apart by dash or marker, never by colour alone.
FLOW_COLOURS = {"total": PALETTE["blue"], "export": PALETTE["green"], "import": PALETTE["vermillion"]}
COMPARATOR_COLOURS = {"China-DPRK": PALETTE["grey"], "Inter-Korean": PALETTE["orange"]}
TARGET_COLOUR = PALETTE["purple"]
PATH_COLOUR = PALETTE["black"]
SCENARIO_COLOUR = PALETTE["orange"]
# An analyst's uploaded file (components/analysis/uploads.py): a colour no other series uses, dotted, triangles.
UPLOAD_COLOUR = PALETTE["sky"]

_VALUE_HOVER = (
    "<b>{series}</b>: $%{{y:,.1f}}M in %{{customdata[0]}}<br>"
    "Reported by %{{customdata[1]}} · source %{{customdata[2]}}<extra></extra>"
)
OTHER_SOURCES_LEGEND = "Other sources (open circles)"
ESTIMATE_LEGEND = "Estimate, not customs data (ringed)"
ESTIMATE_WORDS = " (an estimate, not customs data)"
TEXT_RING_COLOUR = PALETTE["black"]
_EVENT_HOVER = (
    "<b>%{customdata[0]}</b> (%{customdata[1]}, %{customdata[2]})<br>"
    "Reported by %{customdata[3]} · source %{customdata[4]}<extra></extra>"
)


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


def _points(rows: pd.DataFrame) -> dict:
    """x, y and hover data of ``rows``: missing values become ``None`` (a gap), text is escaped."""
    values = rows["value_usd_m"].astype(float)
    return {
        "x": rows["date"].tolist(),
        "y": [None if pd.isna(value) else value for value in values],
        "customdata": [
            [str(year), plain_text(agency or formats.MISSING), plain_text(source_id or formats.MISSING)]
            for year, agency, source_id in zip(rows["year"], rows["agency"], rows["source_id"], strict=True)
        ],
    }


def _trace(series: str, rows: pd.DataFrame, **style) -> dict:
    """A scatter trace of one series; its hover names the series, even where the legend groups it."""
    hover = _VALUE_HOVER.format(series=plain_text(series))
    return {"type": "scatter", "name": plain_text(series), **_points(rows), "hovertemplate": hover, **style}


# The target's series in legend order: the dashed required path, the baseline square, the target.
_TARGET_STYLES = {
    trade.TARGET_PATH: {
        "mode": "lines+markers",
        "line": {"color": PATH_COLOUR, "width": 2, "dash": "dash"},
        "marker": {"color": PATH_COLOUR, "size": 5},
    },
    trade.BASELINE_POINT: {
        "mode": "markers",
        "marker": {"color": PATH_COLOUR, "size": 16, "symbol": "square-open", "line": {"width": 2}},
    },
    trade.TARGET_LINE: {"mode": "markers", "marker": {"color": TARGET_COLOUR, "size": 14, "symbol": "diamond"}},
}


def _series_traces(rows: pd.DataFrame, heavy_series: str) -> list[dict]:
    """One trace per series of ``rows`` in legend order: lines broken at gaps, faint open circles for
    other sources' figures, the dashed required path, the baseline square and the target."""
    traces = []
    by_series = dict(tuple(rows.groupby("series", sort=False)))
    for flow, label in trade.FLOW_LABELS.items():
        colour = FLOW_COLOURS[flow]
        if label in by_series:
            width = 3 if label == heavy_series else 1.5
            traces.append(
                _trace(
                    label,
                    by_series[label],
                    mode="lines+markers",
                    connectgaps=False,
                    line={"color": colour, "width": width},
                    marker={"color": colour, "size": 6},
                )
            )
        other = f"{label} — other sources"
        if other in by_series:
            # One legend entry hides or shows every flow's other-source figures.
            first = not any(trace.get("legendgroup") == "other-sources" for trace in traces)
            traces.append(
                _trace(
                    other,
                    by_series[other],
                    legendgroup="other-sources",
                    showlegend=first,
                    name=plain_text(OTHER_SOURCES_LEGEND),
                    mode="markers",
                    opacity=0.6,
                    marker={"color": colour, "size": 10, "symbol": "circle-open", "line": {"width": 1.5}},
                )
            )
    for series, style in _TARGET_STYLES.items():
        if series in by_series:
            traces.append(_trace(series, by_series[series], **style))
    for series, upload_rows in by_series.items():
        if upload_rows["role"].iloc[0] == "upload":
            traces.append(
                _trace(
                    series,
                    upload_rows,
                    mode="lines+markers",
                    connectgaps=False,
                    line={"color": UPLOAD_COLOUR, "width": 2.5, "dash": "dot"},
                    marker={"color": UPLOAD_COLOUR, "size": 10, "symbol": "triangle-up"},
                )
            )
    for key, (_, _, label) in trade.COMPARATORS.items():
        if label in by_series:
            colour = COMPARATOR_COLOURS[key]
            traces.append(
                _trace(
                    label,
                    by_series[label],
                    mode="lines+markers",
                    connectgaps=False,
                    yaxis="y2",
                    line={"color": colour, "width": 1.5, "dash": "dot"},
                    marker={"color": colour, "size": 5},
                )
            )
    return traces


def event_rows(events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per preferred event, earliest first: id, start date (ISO), title, the date as the page
    words it (``formats.event_date``), category, source id and the source's agency."""
    columns = ["event_id", "date", "title", "when", "category", "source_id", "agency"]
    if events.empty:
        return pd.DataFrame({column: pd.Series(dtype=str) for column in columns})
    shown = preferred_events(events).sort_values("start")
    return pd.DataFrame(
        {
            "event_id": shown["event_id"].astype(str).to_numpy(),
            "date": shown["start"].dt.strftime("%Y-%m-%d").to_numpy(),
            "title": shown["title"].astype(str).to_numpy(),
            "when": [formats.event_date(row.start, row.date_precision, row.end) for row in shown.itertuples()],
            "category": shown["category"].astype(str).to_numpy(),
            "source_id": shown["source_id"].fillna("").astype(str).to_numpy(),
            "agency": agency_of(shown["source_id"], sources).fillna("").astype(str).to_numpy(),
        }
    )


def _event_traces(rows: pd.DataFrame) -> list[dict]:
    """A trace per event category, in a band along the top of the plot, shaped by category."""
    traces = []
    categories = [category for category in EVENT_SYMBOLS if category in set(rows["category"])]
    categories += sorted(set(rows["category"]) - set(categories))
    for category in categories:
        of_category = rows[rows["category"] == category]
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": plain_text(f"{EVENT_LEGEND_PREFIX}{category}"),
                "x": of_category["date"].tolist(),
                "y": [EVENT_Y] * len(of_category),
                "yaxis": EVENTS_AXIS,
                "marker": {"color": EVENT_COLOUR, "size": 10, "symbol": EVENT_SYMBOLS.get(category, "circle")},
                "opacity": 0.9,
                "customdata": [
                    [plain_text(value or formats.MISSING) for value in values]
                    for values in of_category[["title", "when", "category", "agency", "source_id"]].to_numpy()
                ],
                "hovertemplate": _EVENT_HOVER,
            }
        )
    return traces


def _scenario_trace(scenario: pd.DataFrame) -> dict:
    rows = scenario.assign(date=scenario["year"].astype(int).astype(str) + MID_YEAR)
    return _trace(
        trade.SCENARIO_PATH,
        rows,
        mode="lines+markers",
        line={"color": SCENARIO_COLOUR, "width": 2.5},
        marker={"color": SCENARIO_COLOUR, "size": 6, "symbol": "triangle-up"},
    )


def _lines(text: str, width: int) -> list[str]:
    # Breaks only at spaces, so an escaped entity ("&amp;") is never split.
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def _with_estimates_marked(rows: pd.DataFrame, estimates: Iterable[tuple[int, str]]) -> pd.DataFrame:
    """``rows`` with an ``estimate`` flag, and the agency words of an estimate saying it is one."""
    wanted = set(estimates)
    flags = [(int(year), source_id) in wanted for year, source_id in zip(rows["year"], rows["source_id"], strict=True)]
    rows = rows.assign(estimate=flags)
    rows.loc[rows["estimate"], "agency"] = rows.loc[rows["estimate"], "agency"] + ESTIMATE_WORDS
    return rows


def _estimate_traces(rows: pd.DataFrame) -> list[dict]:
    """An open ring around each plotted estimate, under one legend entry; none when there is none."""
    marked = rows[rows["estimate"] & rows["value_usd_m"].notna() & rows["role"].isin(["actual", "alternative"])]
    if marked.empty:
        return []
    return [
        _trace(
            ESTIMATE_LEGEND,
            marked,
            mode="markers",
            marker={"color": TEXT_RING_COLOUR, "size": 18, "symbol": "circle-open", "line": {"width": 2}},
        )
    ]


def base_figure(
    table: pd.DataFrame,
    events: pd.DataFrame,
    sources: pd.DataFrame,
    *,
    log_scale: bool,
    first_year: int,
    last_year: int,
    title: str,
    source_note: str,
    heavy_series: str = "",
    scenario_series: Iterable[str] = (),
    estimates: Iterable[tuple[int, str]] = (),
) -> dict:
    """The Trade figure as a dict (``data`` and ``layout``) with an empty scenario trace for
    ``with_scenario`` to fill: all of it stays the same when only the growth rate moves, so the page
    caches it.

    ``table`` holds every plotted row but the scenario's (as ``trade.plotted_table`` gives them);
    ``events`` the events to mark along the top (their hover names the agency of their source in
    ``sources``). Comparators get a labelled right-hand axis of their own. ``heavy_series`` is drawn
    thicker. ``title`` and ``source_note`` are drawn into the figure, so a saved PNG carries them.
    ``estimates`` are the ``(year, source_id)`` of figures their source gives as an estimate: their
    hover says so and an open ring marks them.
    """
    rows = _with_estimates_marked(chart_rows(table, first_year, last_year), estimates)
    data = _series_traces(rows, heavy_series)
    data += _estimate_traces(rows)
    if trade.SCENARIO_PATH in set(scenario_series):
        # Under the dashed required path, which stays visible where the two coincide.
        at = next((i for i, trace in enumerate(data) if trace["name"] == plain_text(trade.TARGET_PATH)), len(data))
        data.insert(at, _scenario_trace(table.iloc[0:0]))
    data += _event_traces(event_rows(events, sources))
    axis_type = "log" if log_scale else "linear"
    y_axis = {"title": {"text": LEFT_AXIS_TITLE}, "type": axis_type, "tickformat": AXIS_FORMAT}
    if not log_scale:
        y_axis["rangemode"] = "tozero"
    figure_layout = chart_style.layout(
        title=title,
        source_note=source_note,
        height=HEIGHT,
        hovermode="x unified",
        showlegend=True,
        legend={
            "orientation": "h",
            "traceorder": "normal",
            "font": {"size": 11},
            "entrywidth": 180,
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
        },
        xaxis={
            "type": "date",
            "range": [f"{first_year}-01-01", f"{last_year}-12-31"],
            "tickformat": "%Y",
            "hoverformat": "%Y",
            "dtick": "M12" if last_year - first_year <= 20 else "M60",
        },
        yaxis=y_axis,
    )
    # The source line goes under the title, so the legend below the plot never covers it.
    note = figure_layout["annotations"].pop(0)
    title_lines = _lines(figure_layout["title"]["text"], TITLE_CHARACTERS)
    note_lines = _lines(note["text"], NOTE_CHARACTERS)
    figure_layout["title"]["text"] = "<br>".join(title_lines)
    figure_layout["title"]["subtitle"] = {"text": "<br>".join(note_lines), "font": note["font"]}
    has_right_axis = bool((rows["role"] == "comparator").any())
    figure_layout["margin"] = {
        **chart_style.MARGIN,
        "t": 32 + 22 * len(title_lines) + 16 * len(note_lines),
        "r": RIGHT_AXIS_MARGIN if has_right_axis else chart_style.MARGIN["r"],
        "b": _bottom_margin(data),
    }
    # The figure carries no template: plotly's default one is neither applied nor sent on each rerun.
    figure_layout["template"] = {}
    figure_layout["yaxis"]["domain"] = PLOT_DOMAIN
    figure_layout[EVENTS_AXIS.replace("y", "yaxis")] = {
        "domain": EVENT_DOMAIN,
        "anchor": "x",
        "range": [0, 1],
        "visible": False,
        "fixedrange": True,
    }
    if has_right_axis:
        figure_layout["yaxis2"] = {
            **chart_style.AXIS,
            "title": {"text": RIGHT_AXIS_TITLE, "font": {"color": chart_style.MUTED_TEXT_COLOUR}},
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            "type": axis_type,
            "tickformat": AXIS_FORMAT,
            **({} if log_scale else {"rangemode": "tozero"}),
        }
    return {"data": data, "layout": figure_layout}


def _bottom_margin(data: list[dict]) -> int:
    """Room under the plot for the x-axis labels and the legend's rows as the usual window wraps them,
    so plotly need not widen the margin and draw the chart twice."""
    entries = sum(1 for trace in data if trace.get("showlegend", True))
    return X_AXIS_LABELS_PX + LEGEND_ROW_PX * math.ceil(entries / LEGEND_ENTRIES_PER_ROW)


def with_scenario(base: dict, scenario: pd.DataFrame) -> go.Figure:
    """The figure of ``base`` (from ``base_figure``) with ``scenario``'s rows in its scenario trace;
    ``base`` itself is not changed, so a cached one can be shared."""
    name = plain_text(trade.SCENARIO_PATH)
    data = [_scenario_trace(scenario) if trace["name"] == name else trace for trace in base["data"]]
    return go.Figure({"data": data, "layout": base["layout"]}, _validate=False)
