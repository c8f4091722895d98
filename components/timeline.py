"""Events on a time axis: the Timeline page's figure, its filters, and the event markers other charts share.

Plain functions on the ``events`` DataFrame (see ``components.schema.Events``); no Streamlit here.
"""

import html
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

EVENT_MARKER_TRACE_NAME = "Events"
# A dedicated, invisible axis spanning [0, 1] lets markers sit at the top of any figure,
# whatever the figure's own y range or scale (linear or log).
EVENT_MARKER_AXIS = "y9"
EVENT_MARKER_HEIGHT = 0.96

CATEGORY_SYMBOLS = {
    "visit": "circle",
    "summit": "star",
    "agreement": "diamond",
    "legislation": "square",
    "commission": "hexagon",
    "sanctions": "x",
    "infrastructure": "triangle-up",
    "trade": "cross",
    "deadline": "hourglass",
    "shock": "bowtie",
}


def format_event_date(start: pd.Timestamp, precision: str, end: pd.Timestamp | None = None) -> str:
    """Date text that shows no more precision than the source gives: "18 Mar 2014", "Mar 2014", "2014".

    A ranged event reads "start – end".
    """
    patterns = {"day": "%-d %b %Y", "month": "%b %Y", "year": "%Y"}
    pattern = patterns.get(precision, patterns["day"])
    text = start.strftime(pattern)
    if end is not None and not pd.isna(end) and end.strftime(pattern) != text:
        text = f"{text} – {end.strftime(pattern)}"
    return text


def preferred_events(events: pd.DataFrame) -> pd.DataFrame:
    """The one dating per event that the dashboard shows by default."""
    return events[events["preferred"].astype(bool)]


def _as_year_fraction(dates: pd.Series) -> pd.Series:
    year_start = pd.to_datetime(dates.dt.year.astype(str) + "-01-01")
    days_in_year = 365 + dates.dt.is_leap_year.astype(int)
    return dates.dt.year + (dates - year_start).dt.days / days_in_year


def add_event_markers(
    fig: go.Figure,
    events: pd.DataFrame,
    categories: Iterable[str] | None = None,
    *,
    x_as_year: bool = False,
) -> go.Figure:
    """Add one scatter trace named "Events" marking each preferred event's start at the top of ``fig``.

    The marker symbol shows the category; the hover shows the escaped title, a precision-aware date and
    the category. ``categories`` keeps only those categories (an empty list adds an empty trace).
    ``x_as_year`` places events at fractional years (2014.2) for figures whose x axis is a plain year
    number rather than dates. Returns ``fig``, changed in place.
    """
    shown = preferred_events(events)
    if categories is not None:
        shown = shown[shown["category"].isin(list(categories))]
    shown = shown.sort_values("start")
    hover_text = [
        f"{html.escape(str(row.title))}<br>"
        f"{html.escape(format_event_date(row.start, row.date_precision, row.end))}<br>"
        f"{html.escape(str(row.category))}"
        for row in shown.itertuples(index=False)
    ]
    x_values = _as_year_fraction(shown["start"]) if x_as_year else shown["start"]
    fig.add_trace(
        go.Scatter(
            x=list(x_values),
            y=[EVENT_MARKER_HEIGHT] * len(shown),
            yaxis=EVENT_MARKER_AXIS,
            mode="markers",
            name=EVENT_MARKER_TRACE_NAME,
            marker={
                "symbol": [CATEGORY_SYMBOLS.get(category, "circle") for category in shown["category"]],
                "size": 11,
                "color": "#6a3d9a",
                "line": {"width": 1, "color": "#ffffff"},
            },
            text=hover_text,
            hovertemplate="%{text}<extra></extra>",
            cliponaxis=False,
        )
    )
    fig.update_layout(
        yaxis9={"overlaying": "y", "range": [0, 1], "visible": False, "fixedrange": True, "showgrid": False}
    )
    return fig
