"""The Timeline chart as a plotly figure: one row per category, each source's dating of each event.

Preferred datings: exact ranges as bars, single days as filled diamonds, month- or year-precision events
as light hatched bars over the whole period. Other sources' datings of the same event: hollow diamonds
at the start and end of their period joined by a dotted line. The marks carry no text labels (a crowded
year would print them over each other); the detail is in each mark's hover, the drawings are explained
in the legend, and the category is the row. A click on a mark selects its event (``selected_event_id``).
"""

import functools

import pandas as pd

from components.analysis import formats
from components.analysis.timeline import actor_words, label_datings, period_end
from components.charts import chart_style
from components.charts.chart_style import CATEGORY_COLOURS
from components.data.vocabularies import EVENT_CATEGORIES, vocabulary_label
from components.i18n import N_, _

ROW_HEIGHT_PIXELS = 38
MIN_PLOT_HEIGHT = 150
BAR_WIDTH = 0.5  # in rows
DAY_MS = 86_400_000
CHOSEN_OUTLINE = "#000000"
MARK_OUTLINE = "#222222"
IMPRECISE_OPACITY = 0.4
# The event id first: a click reports it back (``selected_event_id``).
CUSTOM_FIELDS = ["event_id", "title", "when", "category", "actors", "dating", "source_id"]
HOVER = N_(
    "<b>%{customdata[1]}</b><br>Date: %{customdata[2]}<br>Category: %{customdata[3]}<br>"
    "Actors: %{customdata[4]}<br>Dating: %{customdata[5]}<br>Source: %{customdata[6]}<extra></extra>"
)
# How each kind of row is drawn, in legend order: the legend's wording.
DRAWINGS = {
    "range": N_("Date range: solid bar"),
    "imprecise": N_("Month or year only: whole period, light hatched bar"),
    "day": N_("Single day: filled diamond"),
    "alternative": N_("Another source's dating: hollow diamonds, dotted line"),
}
# A date's precision in words, after the date (``Mar 2014 (month precision)``).
PRECISIONS = {"day": N_("day precision"), "month": N_("month precision"), "year": N_("year precision")}


# A legend entry longer than this breaks into lines (Russian ones ran past a half-screen chart).
LEGEND_ENTRY_PX = 360


def drawing_name(drawing: str) -> str:
    """The legend's words for a ``DRAWINGS`` key in the reader's language, broken to fit a half-screen chart."""
    return _legend_entry(_(DRAWINGS[drawing]))


# Measuring the words letter by letter took about 2 ms of every Timeline rerun; the same words break the same
# way. Plain strings: safe to share between sessions.
@functools.lru_cache(maxsize=64)
def _legend_entry(words: str) -> str:
    return "<br>".join(chart_style.wrapped_lines(words, LEGEND_ENTRY_PX, chart_style.FONT["size"]))


def precision_words(precision: str) -> str:
    """``month precision`` for ``month`` in the reader's language (an unknown code as itself)."""
    return _(PRECISIONS[precision]) if precision in PRECISIONS else str(precision)


def _drawing(preferred: bool, precision: str, start: pd.Timestamp, end: pd.Timestamp) -> str:
    """How a row is drawn: by its dating for a preferred row, "alternative" for another source's row."""
    if not preferred:
        return "alternative"
    if precision != "day":
        return "imprecise"
    return "range" if not pd.isna(end) and end > start else "day"


def mark_rows(events: pd.DataFrame) -> pd.DataFrame:
    """``chart_rows`` of ``events`` without ``chosen``, on ``events``' index, with ``custom`` (each mark's
    hover and click data, escaped): what depends on the events alone, so a page can work it out once for
    all of them and hand ``timeline_spec`` the rows of the events it shows."""
    if "dating" not in events.columns:
        events = label_datings(events)
    last_days = period_end(events)
    rows = []
    for row, last_day in zip(events.itertuples(index=False), last_days, strict=True):
        drawing = _drawing(bool(row.preferred), row.date_precision, row.start, row.end)
        when = formats.event_date(row.start, row.date_precision, row.end)
        rows.append(
            {
                "event_id": str(row.event_id),
                "title": str(row.title),
                "when": when if row.date_precision == "day" else f"{when} ({precision_words(row.date_precision)})",
                "category": str(row.category),
                "actors": actor_words(row.actors) or formats.MISSING,
                "dating": str(row.dating),
                "source_id": str(row.source_id),
                "drawing": drawing,
                "start": row.start,
                "stop": last_day + pd.Timedelta(days=1) if drawing in ("range", "imprecise") else last_day,
                "preferred": bool(row.preferred),
            }
        )
    columns = [*CUSTOM_FIELDS, "drawing", "start", "stop", "preferred"]
    frame = pd.DataFrame(rows, columns=columns, index=events.index)
    frame["custom"] = pd.Series(_custom(frame), index=frame.index, dtype=object)
    return frame.sort_values(["start", "event_id", "preferred"], ascending=[True, True, False], kind="stable")


def chart_rows(events: pd.DataFrame, chosen_event_id: str | None = None, marks: pd.DataFrame | None = None):
    """One row per source dating as the chart draws it: ``drawing`` (a ``DRAWINGS`` key), ``start``, ``stop``
    (the day after a bar's last day, so a one-month bar covers the whole month; the last day of another
    source's period), the plain-text hover fields of ``CUSTOM_FIELDS``, ``custom`` (those escaped) and
    ``chosen`` (rows of ``chosen_event_id``). Earliest first. ``marks`` (``mark_rows`` of events that
    include ``events``, on the same index) saves working the rows out again."""
    rows = mark_rows(events) if marks is None else marks[marks.index.isin(events.index)]
    return rows.assign(chosen=rows["event_id"] == chosen_event_id)


def _custom(rows: pd.DataFrame) -> list[list[str]]:
    """Hover and click data per mark; text escaped for plotly's HTML subset (the id too: it is shown nowhere
    but travels back on a click, so it stays exactly as typed). Rows with ``custom`` have it already."""
    if "custom" in rows.columns:
        return [list(custom) for custom in rows["custom"]]
    # The category as the reader's language names it; the row's own value stays the mark's y.
    shown = rows[CUSTOM_FIELDS].assign(category=[vocabulary_label(category) for category in rows["category"]])
    return [
        [event_id, *(chart_style.plain_text(value) for value in values)]
        for event_id, *values in shown.itertuples(index=False)
    ]


def _outline(rows: pd.DataFrame, colour: str | list[str], width: float) -> dict:
    """The marks' outline: black and thicker on the chosen event's marks; one colour and width for all when
    no mark is chosen (one value instead of one per mark: less for each rerun to send)."""
    chosen = rows["chosen"].tolist()
    if not any(chosen):
        return {"color": colour, "width": width}
    colours = colour if isinstance(colour, list) else [colour] * len(rows)
    return {
        "color": [CHOSEN_OUTLINE if flag else shade for flag, shade in zip(chosen, colours, strict=True)],
        "width": [3 if flag else width for flag in chosen],
    }


def _colours(rows: pd.DataFrame) -> list[str]:
    return [CATEGORY_COLOURS.get(category, chart_style.PALETTE["grey"]) for category in rows["category"]]


def _bars(rows: pd.DataFrame, drawing: str) -> dict:
    """Horizontal bars from ``start`` to ``stop`` on a date axis (``base`` + duration in milliseconds)."""
    colours = _colours(rows)
    imprecise = drawing == "imprecise"
    opacity = IMPRECISE_OPACITY if imprecise else 0.9
    marker = {"color": colours, "opacity": opacity, "line": _outline(rows, colours, 1.5)}
    if imprecise:
        marker["pattern"] = {"shape": "/", "fgcolor": MARK_OUTLINE, "size": 6, "solidity": 0.2}
    return {
        "type": "bar",
        "orientation": "h",
        "name": drawing_name(drawing),
        "base": rows["start"].dt.strftime("%Y-%m-%d").tolist(),
        "x": ((rows["stop"] - rows["start"]).dt.days * DAY_MS).tolist(),
        "y": rows["category"].tolist(),
        "width": BAR_WIDTH,
        "marker": marker,
        "customdata": _custom(rows),
        "hovertemplate": _(HOVER),
        "unselected": {"marker": {"opacity": opacity}},
    }


def _days(rows: pd.DataFrame) -> dict:
    return {
        "type": "scatter",
        "mode": "markers",
        "name": drawing_name("day"),
        "x": rows["start"].dt.strftime("%Y-%m-%d").tolist(),
        "y": rows["category"].tolist(),
        "marker": {"symbol": "diamond", "size": 14, "color": _colours(rows), "line": _outline(rows, MARK_OUTLINE, 1)},
        "customdata": _custom(rows),
        "hovertemplate": _(HOVER),
        "unselected": {"marker": {"opacity": 1}},
    }


def _alternatives(rows: pd.DataFrame) -> dict:
    """Hollow diamonds at the start and the end of each other source's period, joined by a dotted line;
    a gap (``None``) between datings keeps their lines apart."""
    x, y, custom, colours, widths = [], [], [], [], []
    marks = rows[["start", "stop", "chosen", "category"]].itertuples(index=False)
    for row, data in zip(marks, _custom(rows), strict=True):
        ends = [row.start] if row.stop == row.start else [row.start, row.stop]
        colour = CHOSEN_OUTLINE if row.chosen else CATEGORY_COLOURS.get(row.category, chart_style.PALETTE["grey"])
        for day in ends:
            x.append(day.strftime("%Y-%m-%d"))
            y.append(row.category)
            custom.append(data)
            colours.append(colour)
            widths.append(3.5 if row.chosen else 2)
        x.append(None)
        y.append(None)
        custom.append(None)
        colours.append(MARK_OUTLINE)
        widths.append(2)
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "name": drawing_name("alternative"),
        "x": x,
        "y": y,
        "connectgaps": False,
        "line": {"dash": "dot", "width": 1.5, "color": chart_style.PALETTE["grey"]},
        "marker": {
            "symbol": "diamond-open",
            "size": 13,
            "color": colours,
            "line": {"width": widths if rows["chosen"].any() else 2, "color": colours},
        },
        "customdata": custom,
        "hovertemplate": _(HOVER),
        "unselected": {"marker": {"opacity": 1}},
    }


def _traces(rows: pd.DataFrame) -> list:
    """One trace per kind of drawing present in ``rows`` (``chart_rows``), in ``DRAWINGS``' order."""
    traces = []
    positions = rows.groupby("drawing", sort=False).indices  # each drawing's rows, in their order
    for drawing in DRAWINGS:
        if drawing not in positions:
            continue
        subset = rows.iloc[positions[drawing]]
        if drawing in ("range", "imprecise"):
            traces.append(_bars(subset, drawing))
        elif drawing == "day":
            traces.append(_days(subset))
        else:
            traces.append(_alternatives(subset))
    return traces


def timeline_spec(
    events: pd.DataFrame,
    years: tuple[int, int],
    *,
    title: str,
    source_note: str,
    chosen_event_id: str | None = None,
    marks: pd.DataFrame | None = None,
) -> dict:
    """The timeline of ``events`` (``label_datings`` rows) over the whole calendar ``years``, one row per
    category present (in the schema's order, top down). ``chosen_event_id``'s marks are outlined in black.
    ``title`` and ``source_note`` are drawn into the figure, so its PNG carries them. ``marks``: see
    ``chart_rows``. Plotly's dict (``data`` and ``layout``): the page draws it as it is, without a
    ``go.Figure`` copying every mark on every move."""
    rows = chart_rows(events, chosen_event_id, marks)
    traces = _traces(rows)
    present = set(rows["category"])
    categories = [category for category in EVENT_CATEGORIES if category in present]
    categories += sorted(present - set(categories))
    first_year, last_year = min(years), max(years)
    # Wide enough for the longest category name, so plotly does not widen it and draw twice.
    labels = [chart_style.plain_text(vocabulary_label(category)) for category in categories]
    margin = {**chart_style.MARGIN, "t": 110, "l": chart_style.label_margin(labels)}
    layout = chart_style.layout(
        # An empty template: plotly's default one is not applied (nor its cost paid) on every rerun.
        template={},
        title=title,
        source_note=source_note,
        height=max(MIN_PLOT_HEIGHT, ROW_HEIGHT_PIXELS * len(categories)) + margin["t"] + margin["b"],
        margin=margin,
        barmode="overlay",
        hovermode="closest",
        clickmode="event+select",
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "xanchor": "left"},
        xaxis={
            "type": "date",
            "range": [f"{first_year}-01-01", f"{last_year + 1}-01-01"],
        },
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": categories,
            # Each row named in the reader's language; the marks keep the category's value as their y.
            "tickvals": categories,
            "ticktext": labels,
            "autorange": "reversed",
            "title": {"text": _("Category")},
            "fixedrange": True,
        },
    )
    return {"data": traces, "layout": layout}


def selected_event_id(selection) -> str | None:
    """The event id a click on the chart picked, from ``st.plotly_chart``'s selection state
    (``{"selection": {"points": [{"customdata": [event_id, ...]}, ...]}}``), if any."""
    points = ((selection or {}).get("selection") or {}).get("points") or []
    for point in reversed(list(points)):
        custom = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(custom, list | tuple) and custom and isinstance(custom[0], str) and custom[0]:
            return custom[0]
    return None
