"""Events on a time axis: the Timeline page's chart, its filters, the event table and date wording.

Plain functions on the ``events`` DataFrame (see ``components.schema.Events``); no Streamlit here.
"""

from collections.abc import Iterable

import numpy as np
import pandas as pd

from components import formats
from components.schema import EVENT_CATEGORIES


def format_event_date(start: pd.Timestamp, precision: str, end: pd.Timestamp | None = None) -> str:
    """Date text that shows no more precision than the source gives (``formats.event_date``)."""
    return formats.event_date(start, precision, end)


def preferred_events(events: pd.DataFrame) -> pd.DataFrame:
    """The one dating per event that the dashboard shows by default."""
    return events[events["preferred"].astype(bool)]


# ---- The Timeline page: filters, labels and the table ------------------------------------------

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
    # numpy's month and year units step to the next period's first day; a day back is this period's last.
    days = last.to_numpy().astype("datetime64[D]")
    one_day = np.timedelta64(1, "D")
    month_end = (days.astype("datetime64[M]") + 1).astype("datetime64[D]") - one_day
    year_end = (days.astype("datetime64[Y]") + 1).astype("datetime64[D]") - one_day
    precision = events["date_precision"].to_numpy()
    widened = np.where(precision == "day", days, np.where(precision == "month", month_end, year_end))
    return pd.Series(widened.astype(last.dtype), index=events.index)


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
    """The table shown under the chart and exported: one row per source dating, by date, dates as ISO text."""
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


# ---- The Timeline chart as a Vega-Lite specification --------------------------------------------
# Vega-Lite rather than plotly: Streamlit already ships Vega, while plotly.js is a 4.6 MB bundle whose
# evaluation took about 950 ms of every new session's first render (``bench/``). The specification is
# the same for every filter setting (scales take their domains from the data), so a filter change
# sends new rows and the browser swaps them into the chart it has instead of rebuilding it.

CHART_DATASET = "timeline_marks"
SELECTION_PARAM = "picked"
CHART_COLUMNS = [
    "event_id",
    "source_id",
    "category",
    "drawing",
    "start",
    "end",
    "label",
    "label_below",
    "title",
    "when",
    "actors",
    "dating",
    "chosen",
    "choice_round",
]
ROW_HEIGHT_PIXELS = 56
MARK_STROKE = "#222222"
CHOSEN_STROKE = "#000000"
LEGEND_KEY_COLOUR = "#777777"
BAR_FILL_OPACITY = 0.9
IMPRECISE_FILL_OPACITY = 0.3
IMPRECISE_DASH = [3, 2]
ALTERNATIVE_DASH = [2, 2]
PRECISION_DRAWING = {"month": "(month)", "year": "(year)"}
# How each kind of row is drawn, in legend order: the legend's wording, and its key's shape (an SVG path
# in Vega's unit square, or a named shape), fill (grey, as light as the drawing's fill) and outline dash.
DRAWINGS = {
    "range": ("Date range: solid bar", "M-1.6,-0.6H1.6V0.6H-1.6Z", LEGEND_KEY_COLOUR, [1, 0]),
    "imprecise": (
        "Month or year only: whole period, light, dashed outline",
        "M-1.6,-0.6H1.6V0.6H-1.6Z",
        "#d6d6d6",
        IMPRECISE_DASH,
    ),
    "day": ("Single day: filled diamond", "diamond", LEGEND_KEY_COLOUR, [1, 0]),
    "alternative": (
        "Another source's dating: hollow, dotted",
        "M-2,0H-0.8M-0.8,0L0,-0.8L0.8,0L0,0.8ZM0.8,0H2",
        "#ffffff",
        ALTERNATIVE_DASH,
    ),
}


def _drawing(preferred: bool, precision: str, start: pd.Timestamp, end: pd.Timestamp) -> str:
    """How a row is drawn: by its dating for a preferred row, "alternative" for another source's row."""
    if not preferred:
        return "alternative"
    if precision != "day":
        return "imprecise"
    return "range" if not pd.isna(end) and end > start else "day"


def _differs(dating: str) -> bool:
    """Whether a ``label_datings`` label says the row's dating differs from the preferred one."""
    return dating != "preferred" and not dating.endswith("(same)") and not dating.startswith("same dating")


def timeline_chart_rows(
    events: pd.DataFrame, chosen_event_id: str | None = None, choice_round: int = 0
) -> pd.DataFrame:
    """One row per source dating, as the chart draws it; text is plain (Vega shows it literally).

    ``drawing`` says how the row is drawn (``DRAWINGS``). ``start`` and ``end`` are ISO dates: a bar runs
    from ``start`` to the day after its last day (``end``), so a one-month bar covers the whole month; for
    another source's dating ``end`` is the last day of its period (equal to ``start`` for a single day).
    ``label`` is the text drawn beside the mark: "(month)"/"(year)" on imprecise bars, the dating on
    another source's dating that differs; ``label_below`` puts every second such dating label of a row
    under its mark rather than over it, so neighbours in a crowded year do not print over each other.
    ``when`` is the date as worded, with its precision when not a day. ``chosen`` marks the rows of
    ``chosen_event_id``; ``choice_round`` (the same in every row) is part of what a click picks, see
    ``timeline_chart_spec``.
    """
    if "dating" not in events.columns:
        events = label_datings(events)
    # A plain loop: on a few dozen rows it is several times faster than pandas' column operations, and
    # it runs on every filter change.
    columns: dict[str, list] = {column: [] for column in CHART_COLUMNS}
    dating_labels_per_category: dict[str, int] = {}
    fields = ["event_id", "source_id", "category", "start", "end", "date_precision", "preferred", "title", "actors"]
    values = [events[field].tolist() for field in fields] + [period_end(events).tolist(), events["dating"].tolist()]
    ordered = sorted(zip(*values, strict=True), key=lambda row: (row[3], row[0], not row[6]))
    for event_id, source_id, category, start, end, precision, preferred, title, actors, last_day, dating in ordered:
        drawing = _drawing(preferred, precision, start, end)
        label, below = "", False
        if drawing == "imprecise":
            label = PRECISION_DRAWING[precision]
        elif drawing == "alternative" and _differs(dating):
            label = dating
            dating_labels_per_category[category] = dating_labels_per_category.get(category, 0) + 1
            below = dating_labels_per_category[category] % 2 == 0
        drawn_end = last_day + pd.Timedelta(days=1) if drawing in ("range", "imprecise") else last_day
        when = format_event_date(start, precision, end)
        columns["event_id"].append(str(event_id))
        columns["source_id"].append(str(source_id))
        columns["category"].append(str(category))
        columns["drawing"].append(drawing)
        columns["start"].append(start.strftime("%Y-%m-%d"))
        columns["end"].append(drawn_end.strftime("%Y-%m-%d"))
        columns["label"].append(label)
        columns["label_below"].append(below)
        columns["title"].append(str(title))
        columns["when"].append(when if precision == "day" else f"{when} ({precision} precision)")
        columns["actors"].append(str(actors).replace(";", ", "))
        columns["dating"].append(str(dating))
        columns["chosen"].append(event_id == chosen_event_id)
        columns["choice_round"].append(choice_round)
    return pd.DataFrame(columns)


_COLOUR = {
    "field": "category",
    "type": "nominal",
    "scale": {"domain": list(CATEGORY_COLOURS), "range": list(CATEGORY_COLOURS.values())},
    "legend": None,
}
_Y = {
    "field": "category",
    "type": "nominal",
    "sort": list(EVENT_CATEGORIES),
    "title": "Category (row and colour)",
    "axis": {"labelFontSize": 12, "labelPadding": 24, "ticks": False},
}
_TOOLTIP = [
    {"field": "title", "title": "Event"},
    {"field": "when", "title": "Date"},
    {"field": "category", "title": "Category"},
    {"field": "actors", "title": "Actors"},
    {"field": "dating", "title": "Dating"},
    {"field": "source_id", "title": "Source"},
]
# The chosen event's marks get a heavy black outline.
_CHOSEN = "datum.chosen"
_IMPRECISE = "datum.drawing == 'imprecise'"


def _only(*kinds: str) -> dict:
    return {"filter": {"field": "drawing", "oneOf": list(kinds)}}


def _dates(field: str) -> dict:
    return {"field": field, "type": "temporal"}


def _layer(transform: list[dict], mark: dict, **encoding) -> dict:
    """A layer of the chart's rows; it inherits the shared x (``start``), y, colour and tooltip."""
    return {"transform": transform, "mark": {"cursor": "pointer", **mark}, "encoding": encoding}


def _labels(transform: list[dict], mark: dict, x: str) -> dict:
    """The rows' ``label`` text at ``x``, in dark grey rather than the inherited category colour."""
    text_mark = {"type": "text", "fontSize": 10, **mark}
    return _layer(transform, text_mark, x=_dates(x), text={"field": "label"}, color={"value": "#444444"})


def _layers() -> list[dict]:
    """Bars, their labels, other sources' datings and single days, drawn in that order (days on top)."""
    bars = _layer(
        [_only("range", "imprecise")],
        {"type": "bar", "height": {"band": 0.5}},
        x2={"field": "end"},
        stroke={"condition": {"test": _CHOSEN, "value": CHOSEN_STROKE}, **_COLOUR},
        strokeWidth={"condition": {"test": _CHOSEN, "value": 3}, "value": 1.5},
        fillOpacity={"condition": {"test": _IMPRECISE, "value": IMPRECISE_FILL_OPACITY}, "value": BAR_FILL_OPACITY},
        strokeDash={"condition": {"test": _IMPRECISE, "value": IMPRECISE_DASH}, "value": [1, 0]},
    )
    # A click on any mark of the chart picks its event: every layer's rows carry event_id. The browser only
    # reports a pick that differs from its last one, so the pick includes the choice round too: once the
    # page has chosen another event, clicking the event picked before is a new pick again.
    pick = {"type": "point", "fields": ["event_id", "choice_round"], "toggle": False}
    bars["params"] = [{"name": SELECTION_PARAM, "select": pick}]
    alternative_ends = [
        _only("alternative"),
        {"fold": ["start", "end"], "as": ["edge", "date"]},
        {"filter": "datum.edge == 'start' || datum.end != datum.start"},
    ]
    dating_labels = [
        _labels(
            [_only("alternative"), {"filter": f"datum.label != '' && {'' if below else '!'}datum.label_below"}],
            {"baseline": "top" if below else "bottom", "dy": 11 if below else -11},
            "start",
        )
        for below in (False, True)
    ]
    return [
        bars,
        _labels([_only("imprecise")], {"align": "left", "baseline": "middle", "dx": 4, "fontSize": 11}, "end"),
        _layer(
            [_only("alternative"), {"filter": "datum.end != datum.start"}],
            {"type": "rule", "strokeDash": ALTERNATIVE_DASH, "strokeWidth": 1.5},
            x2={"field": "end"},
        ),
        _layer(
            alternative_ends,
            {"type": "point", "shape": "diamond", "filled": False, "size": 150, "opacity": 1},
            x=_dates("date"),
            strokeWidth={"condition": {"test": _CHOSEN, "value": 3.5}, "value": 2},
        ),
        _layer(
            [_only("day")],
            {"type": "point", "shape": "diamond", "filled": True, "size": 150, "opacity": 1},
            stroke={"condition": {"test": _CHOSEN, "value": CHOSEN_STROKE}, "value": MARK_STROKE},
            strokeWidth={"condition": {"test": _CHOSEN, "value": 3}, "value": 1},
        ),
        *dating_labels,
        _swatch_layer(),
        _legend_layer(),
    ]


def _swatch_layer() -> dict:
    """A square of the category's colour left of each row label: the colour key."""
    return {
        "transform": [{"aggregate": [{"op": "count", "as": "datings"}], "groupby": ["category"]}],
        "mark": {"type": "square", "size": 110, "opacity": 1},
        "encoding": {"x": {"value": -12}, "tooltip": None},
    }


def _legend_layer() -> dict:
    """No visible marks: its shape, fill and dash scales draw the legend of the drawing styles."""
    field = {"field": "drawn_as", "type": "nominal", "title": "Drawn as", "sort": None}
    legend = {
        "orient": "top",
        "direction": "vertical",
        "labelLimit": 320,
        "labelOffset": 14,
        "symbolSize": 160,
        "symbolOpacity": 1,
        "symbolStrokeWidth": 1.5,
    }

    def scale(position: int) -> dict:
        return {"range": [drawing[position] for drawing in DRAWINGS.values()]}

    return {
        "data": {"values": [{"drawn_as": drawing[0]} for drawing in DRAWINGS.values()]},
        "mark": {"type": "point", "filled": True, "opacity": 0, "stroke": MARK_STROKE},
        "encoding": {
            "x": {"value": 0},
            "y": {"value": 0},
            "tooltip": None,
            "shape": {**field, "scale": scale(1), "legend": legend},
            "fill": {**field, "scale": scale(2)},
            "strokeDash": {**field, "scale": scale(3)},
        },
    }


def timeline_chart_spec(events: pd.DataFrame, chosen_event_id: str | None = None, choice_round: int = 0) -> dict:
    """The Vega-Lite specification of the timeline: one row per category, coloured by category.

    Preferred datings: exact ranges as bars, single days as diamonds, month- or year-precision events as
    light bars with a dashed outline over the whole period, labelled "(month)"/"(year)". Other sources'
    datings of the same event: hollow diamonds at the start and end of their period joined by a dotted
    line, labelled with the dating where it differs from the preferred one. A legend explains the
    drawings; a square of each category's colour sits beside its row label. Hovering a mark shows its
    event, date as worded, category, actors, dating and source; clicking one selects its event (the
    ``picked`` point selection on ``event_id``). ``chosen_event_id``'s marks are outlined in black.
    ``choice_round`` counts the times the page chose an event other than by a click on the chart; a
    click picks ``event_id`` with it, so a click on the event the chart picked last counts again once
    the page has chosen another one in between.

    Only the ``timeline_marks`` dataset depends on the arguments: the scales take
    their domains from it, so the rest of the specification is the same for every filter setting.
    """
    return {
        "height": {"step": ROW_HEIGHT_PIXELS},
        "autosize": {"type": "fit-x", "contains": "padding"},
        "padding": {"left": 5, "top": 5, "right": 60, "bottom": 5},
        "datasets": {CHART_DATASET: timeline_chart_rows(events, chosen_event_id, choice_round)},
        "data": {"name": CHART_DATASET},
        "encoding": {
            "x": {**_dates("start"), "title": "Date", "scale": {"type": "utc", "padding": 12}},
            "y": _Y,
            "color": _COLOUR,
            "tooltip": _TOOLTIP,
        },
        "layer": _layers(),
        "config": {"view": {"stroke": None}, "axis": {"gridColor": "#ebf0f8"}},
    }


def chart_title(
    events: pd.DataFrame,
    actors: Iterable[str] | None = None,
    categories: Iterable[str] | None = None,
    years: tuple[int, int] | None = None,
) -> str:
    """The title printed on the chart's PNG: how many events it shows and the filters that chose them
    (the arguments of ``filter_events``)."""
    count = events["event_id"].nunique()
    title = f"Timeline of {count} event{'' if count == 1 else 's'}"
    if years is not None:
        title += f", {min(years)}–{max(years)}"
    if actors:
        title += f", involving {', '.join(actors)}"
    if categories:
        title += f"; categories: {', '.join(categories)}"
    return title


def selected_event_id(selection: dict | None) -> str | None:
    """The event id a click on the chart picked (Streamlit's ``on_select`` state of ``st.vega_lite_chart``:
    ``{"selection": {"picked": [{"event_id": ...}]}}``), if any."""
    picked = ((selection or {}).get("selection") or {}).get(SELECTION_PARAM) or []
    if isinstance(picked, dict):
        picked = [picked]
    for point in reversed(list(picked)):
        event_id = point.get("event_id") if isinstance(point, dict) else None
        if isinstance(event_id, str) and event_id:
            return event_id
    return None
