"""Marks the Trade chart draws over its series: where a line changes agency, and the stated nils (a
marked zero, never a gap). Plain trace dicts from the chart's rows (``trade_chart.chart_rows``)."""

import pandas as pd

from components.analysis import agency_series, plotted_words
from components.charts.chart_style import PALETTE, plain_text
from components.i18n import N_, _

CHANGE_LEGEND = N_("Agency changes (hover the tick)")
NIL_LEGEND = N_("Nil, as the source states it")
MARK_COLOUR = PALETTE["black"]
# The marks' legend groups: marks, not series of values.
CHANGE_GROUP, NIL_GROUP = "agency-changes", "stated-nils"
MARK_GROUPS = (CHANGE_GROUP, NIL_GROUP)
_COMPARATOR_AXIS = "y2"
_HOVER_FIELDS = {"series": "%{customdata[0]}", "year": "%{customdata[1]}", "source": "%{customdata[2]}"}
_CHANGE_HOVER = "<b>%{customdata[0]}</b>, %{customdata[1]}: %{customdata[2]}<extra></extra>"


def _axis(role: str) -> str:
    return _COMPARATOR_AXIS if role == "comparator" else "y"


def agency_change_traces(rows: pd.DataFrame, names: dict[str, str] | None = None) -> list[dict]:
    """A tall tick on each plotted point where its series changes agency family, one trace per axis under
    one legend entry; its hover names the series and the agency before and after, in the reader's words
    (``names``: an agency as sources.csv writes it → the reader's words). None when no series changes."""
    names = names or {}
    changes = agency_series.agency_changes(rows)
    traces = []
    for axis, marks in changes.groupby(changes["role"].map(_axis), sort=True):
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": plain_text(_(CHANGE_LEGEND)),
                "legendgroup": CHANGE_GROUP,
                "showlegend": not traces,
                "x": marks["date"].tolist(),
                "y": marks["value_usd_m"].astype(float).tolist(),
                "yaxis": axis,
                "marker": {"color": MARK_COLOUR, "size": 22, "symbol": "line-ns-open", "line": {"width": 2}},
                "customdata": [
                    [
                        plain_text(plotted_words.series_words(series, role)),
                        str(year),
                        plain_text(agency_series.change_words(names.get(before, before), names.get(after, after))),
                    ]
                    for series, role, year, before, after in marks[
                        ["series", "role", "year", "before", "after"]
                    ].to_numpy()
                ],
                "hovertemplate": _CHANGE_HOVER,
            }
        )
    return traces


def stated_nil_traces(rows: pd.DataFrame) -> list[dict]:
    """A ringed zero on each stated nil (one trace per axis, one legend entry), hover "nil (stated)":
    the line reaches zero there instead of breaking. None when no plotted point is a stated nil."""
    nils = agency_series.stated_nils(rows)
    traces = []
    for axis, marks in nils.groupby(nils["role"].map(_axis), sort=True):
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": plain_text(_(NIL_LEGEND)),
                "legendgroup": NIL_GROUP,
                "showlegend": not traces,
                "x": marks["date"].tolist(),
                "y": [0.0] * len(marks),
                "yaxis": axis,
                "marker": {"color": MARK_COLOUR, "size": 13, "symbol": "circle-x-open", "line": {"width": 2}},
                "customdata": [
                    [plain_text(plotted_words.series_words(series, role)), str(year), plain_text(source_id)]
                    for series, role, year, source_id in marks[["series", "role", "year", "source_id"]].to_numpy()
                ],
                "hovertemplate": _("<b>{series}</b>: nil (stated) in {year} · source {source}").format(**_HOVER_FIELDS)
                + "<extra></extra>",
            }
        )
    return traces
