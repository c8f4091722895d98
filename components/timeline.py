"""Events on a time axis: the Timeline page's figure, its filters, and the event markers other charts share.

Plain functions on the ``events`` DataFrame (see ``components.schema.Events``); no Streamlit here.
"""

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from components.chart_style import light_layout
from components.chart_text import chart_text
from components.schema import EVENT_CATEGORIES

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
        f"{chart_text(row.title)}<br>"
        f"{chart_text(format_event_date(row.start, row.date_precision, row.end))}<br>"
        f"{chart_text(row.category)}"
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


# ---- The Timeline page: filters, labels, the figure and its table ----------------------------

PRECISION_DRAWING = {"month": "(month)", "year": "(year)"}
CATEGORY_COLOURS = dict(
    zip(
        EVENT_CATEGORIES,
        [
            "#88ccee",
            "#cc6677",
            "#b8a640",
            "#117733",
            "#332288",
            "#aa4499",
            "#44aa99",
            "#999933",
            "#882255",
            "#661100",
        ],
        strict=True,
    )
)
TABLE_COLUMNS = [
    "event_id",
    "start",
    "end",
    "date_precision",
    "dating",
    "title",
    "category",
    "actors",
    "location",
    "source_id",
]


def actor_codes(events: pd.DataFrame) -> list[str]:
    """Every ISO3 code that appears in ``actors``, sorted."""
    return sorted({code for actors in events["actors"] for code in str(actors).split(";") if code})


def category_order(events: pd.DataFrame) -> list[str]:
    """Categories present in ``events``, in the schema's order."""
    present = set(events["category"])
    return [category for category in EVENT_CATEGORIES if category in present]


def period_end(events: pd.DataFrame) -> pd.Series:
    """Last day each row covers: its ``end`` or ``start``, widened to the month or year its precision allows."""
    last = events["end"].fillna(events["start"])
    month_end = last + pd.offsets.MonthEnd(0)
    year_end = last + pd.offsets.YearEnd(0)
    precision = events["date_precision"]
    return last.where(precision == "day", month_end.where(precision == "month", year_end))


def year_bounds(events: pd.DataFrame) -> tuple[int, int]:
    """First and last calendar year any event covers."""
    return int(events["start"].dt.year.min()), int(period_end(events).dt.year.max())


def filter_events(
    events: pd.DataFrame,
    actors: Iterable[str] | None = None,
    categories: Iterable[str] | None = None,
    years: tuple[int, int] | None = None,
) -> pd.DataFrame:
    """Rows matching every given filter; ``None`` or an empty selection means no filter on that field.

    ``actors`` keeps events with at least one of the codes; ``years`` keeps events whose covered period
    overlaps the inclusive year range. Every source row of an event is kept or dropped on its own dating.
    """
    keep = pd.Series(True, index=events.index)
    actor_set = set(actors or [])
    if actor_set:
        keep &= events["actors"].map(lambda text: bool(actor_set & set(str(text).split(";"))))
    category_list = list(categories or [])
    if category_list:
        keep &= events["category"].isin(category_list)
    if years is not None:
        first_year, last_year = min(years), max(years)
        keep &= (events["start"].dt.year <= last_year) & (period_end(events).dt.year >= first_year)
    return events[keep]


def label_datings(events: pd.DataFrame, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """Copy of ``events`` with a ``dating`` column saying how each source row relates to the preferred one.

    "preferred"; for another row of the same event: "article's dating" / "alternative dating (<source_id>)"
    when its start, end or precision differs from the preferred row, "article's dating (same)" /
    "same dating (<source_id>)" when it only confirms it. The article is the source whose agency says so.
    """
    article_sources: set[str] = set()
    if sources is not None and "agency" in sources.columns:
        is_article = sources["agency"].astype(str).str.contains("article", case=False)
        article_sources = set(sources.loc[is_article, "source_id"])
    dating_columns = ["start", "end", "date_precision"]
    reference = (
        preferred_events(events)
        .drop_duplicates("event_id")
        .set_index("event_id")[dating_columns]
        .add_prefix("preferred_")
    )
    compared = events[["event_id", *dating_columns]].join(reference, on="event_id")
    same_dating = pd.Series(True, index=events.index)
    for column in dating_columns:
        mine, theirs = compared[column], compared[f"preferred_{column}"]
        same_dating &= (mine == theirs) | (mine.isna() & theirs.isna())
    same_dating &= compared["preferred_start"].notna()
    is_article = events["source_id"].isin(article_sources)
    labelled = events.copy()
    labelled["dating"] = [
        "preferred"
        if preferred
        else (
            ("article's dating (same)" if same else "article's dating")
            if article
            else (f"same dating ({source_id})" if same else f"alternative dating ({source_id})")
        )
        for preferred, same, article, source_id in zip(
            events["preferred"].astype(bool), same_dating, is_article, events["source_id"], strict=True
        )
    ]
    return labelled


def events_table(events: pd.DataFrame) -> pd.DataFrame:
    """The table shown under the figure and exported: one row per source dating, by date, dates as ISO text."""
    if "dating" not in events.columns:
        events = label_datings(events)
    ordered = events.sort_values(["start", "event_id", "preferred"], ascending=[True, True, False])
    table = ordered[TABLE_COLUMNS].copy()
    table["start"] = table["start"].dt.strftime("%Y-%m-%d")
    table["end"] = table["end"].dt.strftime("%Y-%m-%d")
    return table.reset_index(drop=True)


def event_choices(events: pd.DataFrame) -> dict[str, str]:
    """Event id → plain-text label "title (date)" from the preferred rows, in date order (for a select box)."""
    preferred = preferred_events(events).sort_values(["start", "event_id"])
    return {
        row.event_id: f"{row.title} ({format_event_date(row.start, row.date_precision, row.end)})"
        for row in preferred.itertuples(index=False)
    }


def event_rows(events: pd.DataFrame, event_id: str) -> pd.DataFrame:
    """Every source row of one event, the preferred dating first."""
    rows = events[events["event_id"] == event_id]
    return rows.sort_values(["preferred", "start"], ascending=[False, True])


def _hover_texts(rows: pd.DataFrame) -> list[str]:
    return [
        "<br>".join(
            chart_text(part)
            for part in (
                row.title,
                format_event_date(row.start, row.date_precision, row.end)
                + ("" if row.date_precision == "day" else f" ({row.date_precision} precision)"),
                f"{row.category} · {row.actors}",
                f"{row.dating} · source {row.source_id}",
            )
        )
        for row in rows.itertuples(index=False)
    ]


def _custom_data(rows: pd.DataFrame) -> list[list[str]]:
    return [[event_id, source_id] for event_id, source_id in zip(rows["event_id"], rows["source_id"], strict=True)]


def _bar_trace(rows: pd.DataFrame, name: str, *, imprecise: bool, end: pd.Series) -> go.Bar:
    """Horizontal bars from ``start`` to the end of ``end``'s day on a date axis (plotly's timeline recipe)."""
    durations_ms = ((end + pd.Timedelta(days=1)) - rows["start"]).dt.total_seconds() * 1000
    colours = [CATEGORY_COLOURS.get(category, "#888888") for category in rows["category"]]
    marker = {"color": colours, "line": {"color": colours, "width": 1.5}}
    if imprecise:
        marker |= {"opacity": 0.45, "pattern": {"shape": "/", "fgcolor": "#444444", "solidity": 0.3}}
    return go.Bar(
        x=list(durations_ms),
        base=list(rows["start"].dt.strftime("%Y-%m-%d")),
        y=list(rows["category"]),
        orientation="h",
        name=name,
        marker=marker,
        width=0.5,
        text=[PRECISION_DRAWING.get(precision, "") for precision in rows["date_precision"]] if imprecise else None,
        textposition="outside" if imprecise else None,
        cliponaxis=False,
        hovertext=_hover_texts(rows),
        hovertemplate="%{hovertext}<extra></extra>",
        customdata=_custom_data(rows),
    )


def build_timeline_figure(events: pd.DataFrame) -> go.Figure:
    """The timeline: one row per category, coloured by category.

    Preferred datings: exact ranges as bars, single days as markers, month- or year-precision events as
    hatched translucent bars over the whole period labelled "(month)"/"(year)". Other sources' datings
    of the same event: hollow markers joined by a dotted line over their span. Trace names say which
    drawing is which. The drawn traces stay out of the legend; grey legend keys (one per drawn trace,
    same legend group) explain the styles, since a drawn trace's own swatch would take an arbitrary
    category's colour. The rows name the categories.
    """
    if "dating" not in events.columns:
        events = label_datings(events)
    events = events.sort_values(["start", "event_id"])
    preferred = events[events["preferred"].astype(bool)]
    alternative = events[~events["preferred"].astype(bool)]
    exact = preferred["date_precision"] == "day"
    ranged = exact & preferred["end"].notna() & (preferred["end"] > preferred["start"])
    single_day = exact & ~ranged

    figure = go.Figure()
    ranges = preferred[ranged]
    figure.add_trace(_bar_trace(ranges, "Date range", imprecise=False, end=ranges["end"]))
    imprecise = preferred[~exact]
    figure.add_trace(
        _bar_trace(imprecise, "Month or year only (whole period hatched)", imprecise=True, end=period_end(imprecise))
    )
    days = preferred[single_day]
    figure.add_trace(
        go.Scatter(
            x=list(days["start"]),
            y=list(days["category"]),
            mode="markers",
            name="Single day",
            marker={
                "size": 12,
                "symbol": "diamond",
                "color": [CATEGORY_COLOURS.get(category, "#888888") for category in days["category"]],
                "line": {"color": "#222222", "width": 1},
            },
            hovertext=_hover_texts(days),
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=_custom_data(days),
        )
    )
    figure.add_trace(_alternative_trace(alternative))
    _add_legend_keys(figure)
    categories = category_order(events)
    figure.update_layout(
        **light_layout(
            barmode="overlay",
            height=max(320, 70 * len(categories) + 140),
            margin={"l": 10, "r": 40, "t": 30, "b": 10},
            legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "title": {"text": "Drawn as:"}},
            hoverlabel={"align": "left"},
            xaxis={"type": "date", "title": {"text": "Date"}},
            yaxis={
                "type": "category",
                "categoryorder": "array",
                "categoryarray": list(reversed(categories)),
                "title": {"text": "Category (row and colour)"},
            },
        )
    )
    return figure


LEGEND_KEY_COLOUR = "#777777"


def _add_legend_keys(figure: go.Figure) -> None:
    """Hide each drawn trace from the legend and add a neutral, data-free key trace in its legend group."""
    drawn = list(figure.data)
    for trace in drawn:
        trace.update(legendgroup=trace.name, showlegend=False)
        key_marker = {"color": LEGEND_KEY_COLOUR}
        if trace.type == "bar":
            if trace.marker.pattern.shape:
                key_marker |= {"opacity": 0.45, "pattern": {"shape": "/", "fgcolor": "#444444", "solidity": 0.3}}
            key = go.Bar(x=[None], y=[None], orientation="h", marker=key_marker)
        else:
            key_marker |= {"symbol": trace.marker.symbol, "size": 12, "line": {"color": "#222222", "width": 1}}
            if trace.line.dash:
                key_marker["line"] = {"color": LEGEND_KEY_COLOUR, "width": 2}
            key = go.Scatter(
                x=[None],
                y=[None],
                mode="lines+markers" if trace.line.dash else "markers",
                marker=key_marker,
                line={"dash": trace.line.dash, "color": LEGEND_KEY_COLOUR},
            )
        figure.add_trace(key.update(name=trace.name, legendgroup=trace.name, showlegend=True, hoverinfo="skip"))


def _alternative_trace(alternative: pd.DataFrame) -> go.Scatter:
    """Other sources' datings: hollow markers at start and end, a dotted line between, gaps between events,
    labelled with the dating ("article's dating", "alternative dating (source)")."""
    x_values, y_values, hover, custom, colours, labels = [], [], [], [], [], []
    ends = period_end(alternative) if len(alternative) else pd.Series(dtype="datetime64[ns]")
    for (_, row), text, data, last in zip(
        alternative.iterrows(), _hover_texts(alternative), _custom_data(alternative), ends, strict=True
    ):
        points = [row["start"]] if last == row["start"] else [row["start"], last]
        colour = CATEGORY_COLOURS.get(row["category"], "#888888")
        for position, point in enumerate(points):
            # Only a dating that differs is labelled on the chart; "same" ones would crowd 2014.
            differs = not row["dating"].endswith("(same)") and not row["dating"].startswith("same dating")
            labels.append(chart_text(row["dating"]) if position == 0 and differs else "")
            x_values.append(point)
            y_values.append(row["category"])
            hover.append(text)
            custom.append(data)
            colours.append(colour)
        x_values.append(None)
        y_values.append(None)
        hover.append("")
        custom.append(["", ""])
        colours.append(colour)
        labels.append("")
    return go.Scatter(
        x=x_values,
        y=y_values,
        mode="lines+markers+text",
        name="Other source's dating (hollow, dotted)",
        text=labels,
        textposition="top center",
        textfont={"size": 10, "color": "#555555"},
        line={"dash": "dot", "color": "#666666", "width": 1.5},
        marker={"size": 12, "symbol": "diamond-open", "color": colours, "line": {"width": 2}},
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        customdata=custom,
        connectgaps=False,
    )


def selected_event_id(selection: dict | None) -> str | None:
    """The event id of the first point of a plotly chart selection (Streamlit's ``on_select`` state), if any."""
    points = ((selection or {}).get("selection") or {}).get("points") or []
    for point in points:
        custom = point.get("customdata")
        if isinstance(custom, list | tuple) and custom and custom[0]:
            return str(custom[0])
    return None
