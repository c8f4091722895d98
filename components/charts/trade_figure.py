"""The Trade chart as a plotly figure: the traces of ``trade_chart`` laid out with their axes, legend,
title, source line and preset margins.

The figure is built as plain dicts and drawn as they are (plotly's figure dict): validating plotly objects
costs tens of milliseconds a rerun, and a ``go.Figure`` copies every trace, and its JSON copies them again.
The page caches ``base_figure`` (everything the growth slider does not change) and ``scenario_spec``
fills in the one scenario trace on each slider move.
"""

import math
from collections.abc import Iterable

import pandas as pd

from components.analysis import plotted_words, trade
from components.charts import chart_style, trade_marks
from components.charts.chart_style import plain_text
from components.charts.trade_chart import (
    ESTIMATE_WORDS,
    EVENTS_AXIS,
    chart_rows,
    end_label,
    estimate_traces,
    event_rows,
    event_traces,
    named_scenario_traces,
    scenario_trace,
    series_traces,
    with_estimates_marked,
)
from components.i18n import N_, _

HEIGHT = 470
# Thousands separators, no trailing zeros: 0.5, 20, 10,000 (a log axis goes below 1).
AXIS_FORMAT = ",~g"
LEFT_AXIS_TITLE = N_("Russia–DPRK, USD million")
RIGHT_AXIS_TITLE = N_("Comparators (dotted), USD million")
PLOT_DOMAIN = [0, 0.9]
EVENT_DOMAIN = [0.92, 1]
# Preset margins (see chart_style.MARGIN): the right axis's title and labels, and under the plot the
# x-axis labels and the legend, whose 180 px entries sit five to a row in the 940 px wide chart of a
# 1400 px window (measured: 13 entries, 3 rows, 134–138 px). A narrower window wraps more rows; plotly then
# widens the margin itself, at the cost of a second drawing.
RIGHT_AXIS_MARGIN = 92
X_AXIS_LABELS_PX = 40
LEGEND_ROW_PX = 33
LEGEND_ENTRIES_PER_ROW = 5
# End labels of the named scenarios: the plot's height in pixels (about HEIGHT less its usual margins)
# and the least gap between two labels, about one line of their 12 px text.
LABEL_PLOT_PX = 280
LABEL_GAP_PX = 16


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
    ``scenario_spec`` to fill: all of it stays the same when only the growth rate moves, so the page
    caches it.

    ``table`` holds every plotted row but the scenario's (as ``trade.plotted_table`` gives them);
    ``events`` the events to mark along the top (their hover names the agency of their source in
    ``sources``). Comparators get a labelled right-hand axis of their own. ``heavy_series`` is drawn
    thicker. ``title`` and ``source_note`` are drawn into the figure, so a saved PNG carries them.
    ``estimates`` are the ``(year, source_id)`` of figures their source gives as an estimate: their
    hover says so and an open ring marks them.
    """
    plotted = chart_rows(table, first_year, last_year)
    names = plotted_words.agency_words(sources)
    rows = _worded_rows(plotted, names, estimates)
    data = series_traces(rows, heavy_series)
    data += estimate_traces(rows)
    changes = trade_marks.agency_change_traces(with_estimates_marked(plotted, estimates), _with_estimate_words(names))
    data += changes + ([] if log_scale else trade_marks.stated_nil_traces(rows))
    if trade.SCENARIO_PATH in set(scenario_series):
        # Under the dashed required path, which stays visible where the two coincide.
        path_name = plain_text(_(trade.TARGET_PATH))
        at = next((i for i, trace in enumerate(data) if trace["name"] == path_name), len(data))
        data.insert(at, scenario_trace(table.iloc[0:0]))
    data += event_traces(event_rows(events, sources))
    # The source line under the title: the legend below the plot never covers it.
    figure_layout = chart_style.layout(
        title=title, source_note=source_note, source_under_title=True, hovermode="x unified", showlegend=True,
        legend=_legend(), xaxis=_x_axis(first_year, last_year), yaxis=_y_axis(log_scale),
    )  # fmt: skip
    title, note = figure_layout["title"]["text"], figure_layout["title"]["subtitle"]["text"]
    has_right_axis = bool((rows["role"] == "comparator").any())
    figure_layout["height"] = HEIGHT
    figure_layout["margin"] = {
        **chart_style.MARGIN,
        "t": 32 + 22 * len(title.split("<br>")) + 16 * len(note.split("<br>")),
        "r": RIGHT_AXIS_MARGIN if has_right_axis else chart_style.MARGIN["r"],
        "b": _bottom_margin(data),
    }
    # The figure carries no template: plotly's default one is neither applied nor sent on each rerun.
    figure_layout["template"] = {}
    figure_layout["yaxis"]["domain"] = PLOT_DOMAIN
    figure_layout[EVENTS_AXIS.replace("y", "yaxis")] = _event_axis()
    if has_right_axis:
        figure_layout["yaxis2"] = _right_axis(log_scale)
    return {"data": data, "layout": figure_layout}


def _worded_rows(plotted: pd.DataFrame, names: dict[str, str], estimates: Iterable[tuple[int, str]]) -> pd.DataFrame:
    """``plotted`` (``chart_rows``) with each agency in the reader's language (``names``, from
    ``plotted_words.agency_words``) and estimates marked, for the hovers. The rows carry agencies as sources.csv writes
    them, so families compare the same in every language (``agency_change_traces``); in English the two are
    the same rows."""
    shown = plotted.assign(agency=[names.get(agency, agency) for agency in plotted["agency"]]) if names else plotted
    return with_estimates_marked(shown, estimates)


def _with_estimate_words(names: dict[str, str]) -> dict[str, str]:
    """``names`` and, for each agency, its estimate's words (``with_estimates_marked``) in the reader's
    language: the change marks compare agencies as sources.csv writes them, estimates marked."""
    marked = _(ESTIMATE_WORDS)
    return {**names, **{marked.format(agency=english): marked.format(agency=words) for english, words in names.items()}}


def _event_axis() -> dict:
    """The hidden axis of the events' strip above the plot."""
    return {"domain": EVENT_DOMAIN, "anchor": "x", "range": [0, 1], "visible": False, "fixedrange": True}


def _legend() -> dict:
    return {
        "orientation": "h",
        "traceorder": "normal",
        "font": {"size": 11},
        "entrywidth": 180,
        "x": 0,
        "xanchor": "left",
        "yref": "container",
        "y": 0,
        "yanchor": "bottom",
    }


def _x_axis(first_year: int, last_year: int) -> dict:
    return {
        "type": "date",
        "range": [f"{first_year}-01-01", f"{last_year}-12-31"],
        "tickformat": "%Y",
        "hoverformat": "%Y",
        "dtick": "M12" if last_year - first_year <= 20 else "M60",
    }


def _y_axis(log_scale: bool) -> dict:
    y_axis = {
        "title": {"text": _(LEFT_AXIS_TITLE)},
        "type": "log" if log_scale else "linear",
        "tickformat": AXIS_FORMAT,
    }
    if not log_scale:
        y_axis["rangemode"] = "tozero"
    return y_axis


def _right_axis(log_scale: bool) -> dict:
    """The comparators' axis on the right, muted, without its own grid."""
    return {
        **chart_style.AXIS,
        "title": {"text": _(RIGHT_AXIS_TITLE), "font": {"color": chart_style.MUTED_TEXT_COLOUR}},
        "overlaying": "y",
        "side": "right",
        "showgrid": False,
        "type": "log" if log_scale else "linear",
        "tickformat": AXIS_FORMAT,
        **({} if log_scale else {"rangemode": "tozero"}),
    }


def _bottom_margin(data: list[dict]) -> int:
    """Room under the plot for the x-axis labels and the legend's rows as the usual window wraps them,
    so plotly need not widen the margin and draw the chart twice."""
    entries = sum(1 for trace in data if trace.get("showlegend", True))
    return X_AXIS_LABELS_PX + LEGEND_ROW_PX * math.ceil(entries / LEGEND_ENTRIES_PER_ROW)


def scenario_spec(base: dict, scenario: pd.DataFrame, named: pd.DataFrame | None = None, rates_pct=None) -> dict:
    """The figure of ``base`` (from ``base_figure``) with ``scenario``'s rows in its scenario trace and, when
    given, the ``named`` scenarios' paths (``scenarios.scenario_paths`` rows; ``rates_pct`` maps each name to
    its rate) as lines of their own, each labelled at its end. Plotly's dict (``data`` and ``layout``), for
    the page to draw and put in its briefing: a ``go.Figure`` would copy every trace of ``base`` on each
    slider move, and its JSON copy them again. ``base`` itself is not changed, so a cached one can be
    shared; the result shares its unchanged traces, which nothing may change in place."""
    name = plain_text(_(trade.SCENARIO_PATH))
    data = [scenario_trace(scenario) if trace["name"] == name else trace for trace in base["data"]]
    layout = base["layout"]
    if named is not None and not named.empty:
        traces = named_scenario_traces(named, rates_pct or {})
        # Before the event marks, which the legend lists last.
        at = next((i for i, trace in enumerate(data) if trace.get("yaxis") == EVENTS_AXIS), len(data))
        data[at:at] = traces
        shifts = label_shifts(
            [trace["y"][-1] for trace in traces], _highest(data), layout["yaxis"].get("type") == "log"
        )
        layout = {
            **layout,
            "annotations": [*layout.get("annotations", []), *map(end_label, traces, shifts)],
            "margin": {**layout["margin"], "b": _bottom_margin(data)},
        }
    return {"data": data, "layout": layout}


def _highest(data: list[dict]) -> float:
    """The highest value plotted on the left axis: the top of its range, near enough for placing labels."""
    values = [
        value
        for trace in data
        if trace.get("yaxis", "y") == "y"
        for value in trace.get("y", [])
        if isinstance(value, int | float) and math.isfinite(value)
    ]
    return max(values, default=1.0)


def label_shifts(values: list[float], highest: float, log_scale: bool, plot_px: float = LABEL_PLOT_PX) -> list[float]:
    """Vertical pixel shifts for end labels at ``values`` so no two overlap: from the lowest up, each
    sits at least ``LABEL_GAP_PX`` above the one below, in the axis's scale (``highest`` at the top of
    ``plot_px``, linear from zero or logarithmic)."""

    def height(value: float) -> float:
        if log_scale:
            low = min(min(values), highest) / 10
            top = math.log10(max(highest, low * 10) / low)
            return plot_px * math.log10(max(value, low) / low) / top
        return plot_px * max(value, 0.0) / max(highest, 1e-9)

    order = sorted(range(len(values)), key=lambda index: values[index])
    shifts = [0.0] * len(values)
    floor = -math.inf
    for index in order:
        placed = max(height(values[index]), floor)
        shifts[index] = placed - height(values[index])
        floor = placed + LABEL_GAP_PX
    return shifts
