"""The Trade chart's traces as plain dicts: the plotted rows on a date axis, one trace per series (flows,
other sources, the target path, uploads, comparators), the estimate rings, the scenario and the event marks,
and the figure's source line. ``trade_figure`` lays them out into the figure."""

from collections.abc import Iterable

import pandas as pd

from components.analysis import formats, plotted_words, trade
from components.analysis.sources import agency_of
from components.analysis.timeline import preferred_events
from components.charts.chart_style import (
    LABEL_BACKGROUND_RGBA,
    PALETTE,
    SCENARIO_STYLES,
    money_hover_texts,
    plain_text,
)
from components.data.vocabularies import vocabulary_label
from components.i18n import N_, _

# Annual figures sit at mid-year, in the middle of their year on the time axis.
MID_YEAR = "-07-02"
EVENTS_AXIS = "y3"
# Events sit in a strip of their own above the plot, whatever the y scale (linear or log).
EVENT_Y = 0.5
EVENT_COLOUR = PALETTE["purple"]
EVENT_LEGEND = N_("Event: {category}")
# The English legend's prefix, before the category (tests read it).
EVENT_LEGEND_PREFIX = EVENT_LEGEND.partition("{")[0]
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

_VALUE_HOVER = N_("<b>{series}</b>: {money} in {year}<br>Reported by {agency} · source {source}")
# A named scenario's name comes from the analyst or the link: it goes in customdata, never into the
# template, where plotly would read a "%{…}" in it as a field.
_NAMED_HOVER = N_(
    "<b>%{customdata[3]}</b>: %{customdata[5]} in %{customdata[0]}<br>"
    "%{customdata[4]} a year from the %{customdata[1]} figure · source %{customdata[2]}<extra></extra>"
)
OTHER_SOURCES_LEGEND = N_("Other sources (open circles)")
ESTIMATE_LEGEND = N_("Estimate, not customs data (ringed)")
ESTIMATE_WORDS = N_("{agency} (an estimate, not customs data)")
TEXT_RING_COLOUR = PALETTE["black"]
_EVENT_HOVER = N_("<b>{title}</b> ({date}, {category})<br>Reported by {agency} · source {source}")


def _value_hover() -> str:
    """The hover of one series' point, in the reader's language, plotly's placeholders filled in: the series
    name and the money come from the point's customdata (``_points``), so no name reaches the template."""
    words = _(_VALUE_HOVER).format(
        series="%{customdata[4]}",
        money="%{customdata[3]}",
        year="%{customdata[0]}",
        agency="%{customdata[1]}",
        source="%{customdata[2]}",
    )
    return words + "<extra></extra>"


def _event_hover() -> str:
    words = _(_EVENT_HOVER).format(
        **{
            field: f"%{{customdata[{index}]}}"
            for index, field in enumerate(("title", "date", "category", "agency", "source"))
        }
    )
    return words + "<extra></extra>"


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


def _points(rows: pd.DataFrame, series: str) -> dict:
    """x, y and hover data of ``rows``: missing values become ``None`` (a gap); the hover's fields (year,
    agency, source, the money as the reader's language writes it, the series) escaped in customdata."""
    values = rows["value_usd_m"].astype(float)
    money = money_hover_texts(values)
    shown = plain_text(series)
    return {
        "x": rows["date"].tolist(),
        "y": [None if pd.isna(value) else value for value in values],
        "customdata": [
            [str(year), plain_text(agency or formats.MISSING), plain_text(source_id or formats.MISSING), text, shown]
            for year, agency, source_id, text in zip(
                rows["year"], rows["agency"], rows["source_id"], money, strict=True
            )
        ],
    }


def _trace(series: str, rows: pd.DataFrame, **style) -> dict:
    """A scatter trace of one series; its hover names the series, even where the legend groups it, in the
    reader's language (``plotted_words.series_words``: an uploaded file's agency keeps its own name)."""
    shown = plotted_words.series_words(series, rows["role"].iloc[0]) if "role" in rows and len(rows) else _(series)
    return {
        "type": "scatter",
        "name": plain_text(shown),
        **_points(rows, shown),
        "hovertemplate": _value_hover(),
        **style,
    }


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


def series_traces(rows: pd.DataFrame, heavy_series: str) -> list[dict]:
    """One trace per series of ``rows`` in legend order: lines broken at gaps, faint open circles for
    other sources' figures, the dashed required path, the baseline square, the target, the uploaded
    file's series and the comparators."""
    by_series = dict(tuple(rows.groupby("series", sort=False)))
    traces = _flow_traces(by_series, heavy_series)
    for series, style in _TARGET_STYLES.items():
        if series in by_series:
            traces.append(_trace(series, by_series[series], **style))
    return traces + _upload_traces(by_series) + _comparator_traces(by_series)


def _flow_traces(by_series: dict[str, pd.DataFrame], heavy_series: str) -> list[dict]:
    """Each flow's line and, under one legend entry for all flows, its other sources' open circles."""
    traces = []
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
        other = trade.OTHER_SOURCES.format(series=label)
        if other in by_series:
            # One legend entry hides or shows every flow's other-source figures.
            first = not any(trace.get("legendgroup") == "other-sources" for trace in traces)
            traces.append(
                _trace(
                    other,
                    by_series[other],
                    legendgroup="other-sources",
                    showlegend=first,
                    name=plain_text(_(OTHER_SOURCES_LEGEND)),
                    mode="markers",
                    opacity=0.6,
                    marker={"color": colour, "size": 10, "symbol": "circle-open", "line": {"width": 1.5}},
                )
            )
    return traces


def _upload_traces(by_series: dict[str, pd.DataFrame]) -> list[dict]:
    return [
        _trace(
            series,
            upload_rows,
            mode="lines+markers",
            connectgaps=False,
            line={"color": UPLOAD_COLOUR, "width": 2.5, "dash": "dot"},
            marker={"color": UPLOAD_COLOUR, "size": 10, "symbol": "triangle-up"},
        )
        for series, upload_rows in by_series.items()
        if upload_rows["role"].iloc[0] == "upload"
    ]


def _comparator_traces(by_series: dict[str, pd.DataFrame]) -> list[dict]:
    """The comparators' dotted lines, on the right-hand axis."""
    traces = []
    for key, (*_unused, label) in trade.COMPARATORS.items():
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


def event_traces(rows: pd.DataFrame) -> list[dict]:
    """A trace per event category, in a band along the top of the plot, shaped by category."""
    traces = []
    categories = [category for category in EVENT_SYMBOLS if category in set(rows["category"])]
    categories += sorted(set(rows["category"]) - set(categories))
    for category in categories:
        of_category = rows[rows["category"] == category]
        # The category as the reader's language names it, in the legend and the hover.
        words = vocabulary_label(category).lower()
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": plain_text(_(EVENT_LEGEND).format(category=words)),
                "x": of_category["date"].tolist(),
                "y": [EVENT_Y] * len(of_category),
                "yaxis": EVENTS_AXIS,
                "marker": {"color": EVENT_COLOUR, "size": 10, "symbol": EVENT_SYMBOLS.get(category, "circle")},
                "opacity": 0.9,
                "customdata": [
                    [plain_text(value or formats.MISSING) for value in values]
                    for values in of_category[["title", "when", "category", "agency", "source_id"]]
                    .assign(category=words)
                    .to_numpy()
                ],
                "hovertemplate": _event_hover(),
            }
        )
    return traces


def scenario_trace(scenario: pd.DataFrame) -> dict:
    """The scenario path (``trade.scenario_rows``) as a trace: an orange line with triangles; its hover's
    agency ("computed") in the reader's words."""
    rows = scenario.assign(
        date=scenario["year"].astype(int).astype(str) + MID_YEAR,
        agency=[_(agency) if agency == trade.COMPUTED else agency for agency in scenario["agency"]],
    )
    return _trace(
        trade.SCENARIO_PATH,
        rows,
        mode="lines+markers",
        line={"color": SCENARIO_COLOUR, "width": 2.5},
        marker={"color": SCENARIO_COLOUR, "size": 6, "symbol": "triangle-up"},
    )


def with_estimates_marked(rows: pd.DataFrame, estimates: Iterable[tuple[int, str]]) -> pd.DataFrame:
    """``rows`` with an ``estimate`` flag, and the agency words of an estimate saying it is one."""
    wanted = set(estimates)
    flags = [(int(year), source_id) in wanted for year, source_id in zip(rows["year"], rows["source_id"], strict=True)]
    rows = rows.assign(estimate=flags)
    rows.loc[rows["estimate"], "agency"] = [
        _(ESTIMATE_WORDS).format(agency=agency) for agency in rows.loc[rows["estimate"], "agency"]
    ]
    return rows


def estimate_traces(rows: pd.DataFrame) -> list[dict]:
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


def named_scenario_traces(paths: pd.DataFrame, rates_pct: dict[str, float]) -> list[dict]:
    """One trace per named scenario in ``paths`` (``scenarios.scenario_paths`` rows with a ``date``), in
    order, each in its ``SCENARIO_STYLES`` colour and dash; ``rates_pct`` gives each name's rate for its hover.
    """
    traces = []
    for position, (name, rows) in enumerate(paths.groupby("series", sort=False)):
        style = SCENARIO_STYLES[position % len(SCENARIO_STYLES)]
        rate = formats.percent(rates_pct.get(name), 1)
        start_year = str(int(rows["year"].iloc[0]))
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": plain_text(name),
                "x": (rows["year"].astype(int).astype(str) + MID_YEAR).tolist(),
                "y": rows["value_usd_m"].astype(float).tolist(),
                "customdata": [
                    [str(int(year)), start_year, plain_text(source_id), plain_text(name), rate, money]
                    for year, source_id, money in zip(
                        rows["year"], rows["source_id"], money_hover_texts(rows["value_usd_m"]), strict=True
                    )
                ],
                "hovertemplate": _(_NAMED_HOVER),
                "line": {"color": style["color"], "dash": style["dash"], "width": 2.5},
            }
        )
    return traces


def end_label(trace: dict, yshift: float) -> dict:
    """The annotation naming a named scenario's ``trace`` at its last point, in its colour, above and to the
    left of the point so a line ending at the plot's edge keeps its label inside the chart."""
    return {
        "text": trace["name"],
        "x": trace["x"][-1],
        "y": trace["y"][-1],
        "xref": "x",
        "yref": "y",
        "xanchor": "right",
        "yanchor": "bottom",
        "yshift": yshift,
        "showarrow": False,
        "font": {"color": trace["line"]["color"], "size": 12},
        "bgcolor": LABEL_BACKGROUND_RGBA,
    }
