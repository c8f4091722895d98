"""Small yearly charts of how the projects performed (``indicators.csv``): one line per series of one unit,
broken where no source gives a year, and the other sources' figures as open markers beside the default."""

import pandas as pd
import plotly.graph_objects as go

from components.analysis import indicators as indicator_words
from components.charts import chart_style
from components.i18n import _

CHART_HEIGHT = 340
# One colour per series in a chart, in the order the series are given; the dash tells them apart too.
SERIES_STYLES = (
    {"color": chart_style.PALETTE["blue"], "dash": "solid", "symbol": "circle"},
    {"color": chart_style.PALETTE["vermillion"], "dash": "dash", "symbol": "square"},
)


def _hover_texts(frame: pd.DataFrame, label: str, unit: str) -> list[str | None]:
    """Each point's hover: the series, the year and the figure as the source words it."""
    texts: list[str | None] = []
    for row in frame.itertuples(index=False):
        if pd.isna(row.value):
            texts.append(None)
            continue
        words = indicator_words.value_words(row.value, row.precision, unit)
        texts.append(chart_style.plain_text(f"{label}, {int(row.year)}: {words}"))
    return texts


def _series_traces(indicators: pd.DataFrame, indicator_id: str, style: dict, unit: str) -> list[dict]:
    """The default line (a missing year is an empty point, so the line breaks there) and, where another
    source gives a different figure for a year, its open marker."""
    label = indicator_words.indicator_label(indicator_id)
    series = indicator_words.yearly_series(indicators, indicator_id)
    traces = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": chart_style.plain_text(label),
            "legendgroup": indicator_id,
            "x": series["year"].tolist(),
            "y": [None if pd.isna(value) else float(value) for value in series["value"]],
            "connectgaps": False,
            "line": {"color": style["color"], "dash": style["dash"], "width": 2.5},
            "marker": {"color": style["color"], "symbol": style["symbol"], "size": 8},
            "text": _hover_texts(series, label, unit),
            "hovertemplate": "%{text}<extra></extra>",
        }
    ]
    others = indicator_words.other_rows(indicators, indicator_id)
    if not others.empty:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": chart_style.plain_text(_("{label}: another source").format(label=label)),
                "legendgroup": indicator_id,
                # Off the legend, which then fits a half-width chart; the caption under the chart explains it.
                "showlegend": False,
                "x": others["year"].tolist(),
                "y": others["value"].astype(float).tolist(),
                "marker": {
                    "color": "rgba(0,0,0,0)",
                    "symbol": style["symbol"],
                    "size": 10,
                    "line": {"color": style["color"], "width": 2},
                },
                "text": [
                    _("{hover} ({source})").format(hover=hover, source=chart_style.plain_text(source_id))
                    for hover, source_id in zip(_hover_texts(others, label, unit), others["source_id"], strict=True)
                ],
                "hovertemplate": "%{text}<extra></extra>",
            }
        )
    return traces


def indicator_figure(
    indicators: pd.DataFrame, indicator_ids: tuple[str, ...], *, title: str, source_note: str
) -> go.Figure:
    """A yearly chart of ``indicator_ids`` (series of one unit, at most two): each a line through its
    default figures that breaks at a year no source gives, a lone year a marker; another source's figure
    for a year an open marker. The y axis is the shared unit, from zero; ``title`` and ``source_note`` are
    drawn into the figure, so its PNG carries them."""
    unit = indicator_words.shared_unit(indicator_ids)
    traces = []
    for indicator_id, style in zip(indicator_ids, SERIES_STYLES, strict=False):
        traces += _series_traces(indicators, indicator_id, style, unit)
    layout = chart_style.layout(
        template={},
        title=title,
        source_note=source_note,
        height=CHART_HEIGHT,
        hovermode="closest",
        xaxis={"tickformat": "d", "dtick": 1},
        yaxis={
            "title": {"text": indicator_words.unit_label(unit)},
            "tickformat": ",.0f",
            "rangemode": "tozero",
        },
        margin={**chart_style.MARGIN, "t": 88},
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "xanchor": "left"},
        showlegend=True,
    )
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


def alt_text(indicators: pd.DataFrame, indicator_ids: tuple[str, ...]) -> str:
    """The chart in words: each series' summary (latest figure, years given, gaps)."""
    return " ".join(indicator_words.summary(indicators, indicator_id) for indicator_id in indicator_ids)
