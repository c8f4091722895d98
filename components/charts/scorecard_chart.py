"""The Scorecard's visual: every announcement as one block of a single bar, grouped and coloured by
outcome, so the whole record reads at a glance and each block names its announcement on hover."""

import pandas as pd
import plotly.graph_objects as go

from components.analysis import scorecard
from components.charts import chart_style
from components.data.vocabularies import OUTCOMES
from components.i18n import _

CHART_HEIGHT = 210
SMALL_HEIGHT = 150


def outcome_figure(outcomes: pd.DataFrame, *, title: str, source_note: str, small: bool = False) -> go.Figure:
    """One horizontal bar of the default reading of each announcement, one block each, grouped by
    outcome in ``OUTCOMES`` order; the legend names each outcome with its count. ``small`` is the
    Overview's version: lower, with the legend under the bar."""
    default = scorecard.preferred_outcomes(outcomes)
    counts = scorecard.outcome_counts(outcomes)
    traces = []
    for outcome in OUTCOMES:
        rows = default[default["outcome"] == outcome]
        label = scorecard.outcome_label(outcome)
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": chart_style.plain_text(f"{label} ({counts[outcome]})"),
                "x": [1] * len(rows),
                "y": [""] * len(rows),
                "marker": {"color": chart_style.OUTCOME_COLOURS[outcome], "line": {"color": "#FFFFFF", "width": 1.5}},
                "customdata": [[chart_style.plain_text(title_text)] for title_text in rows["title"]],
                "hovertemplate": f"%{{customdata[0]}}<br>{chart_style.plain_text(label)}<extra></extra>",
                "showlegend": True,
            }
        )
    layout = chart_style.layout(
        template={},
        title=title,
        # Under the title: the legend under the bar wraps into more rows in a narrow chart.
        source_note=source_note,
        source_under_title=True,
        height=SMALL_HEIGHT if small else CHART_HEIGHT,
        barmode="stack",
        bargap=0.15,
        xaxis={"visible": False, "range": [0, max(int(counts.sum()), 1)], "fixedrange": True},
        yaxis={"visible": False, "fixedrange": True},
        margin={"l": 8, "r": 8, "t": 40 if small else 48, "b": 64 if small else 72},
        legend={"orientation": "h", "x": 0, "y": -0.05, "yanchor": "top", "xanchor": "left", "traceorder": "normal"},
        hovermode="closest",
    )
    if small:
        layout["title"]["font"] = {"size": 14}
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


def alt_text(outcomes: pd.DataFrame) -> str:
    """The chart's text alternative: the counts in words (the table below lists each announcement)."""
    counts = scorecard.outcome_counts(outcomes)
    parts = [f"{scorecard.outcome_label(outcome)}: {counts[outcome]}" for outcome in OUTCOMES]
    return _("Announcements of 2014 by outcome. {counts}. The table below lists each one.").format(
        counts="; ".join(parts)
    )
