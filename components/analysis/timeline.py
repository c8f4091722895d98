"""Events on a time axis: the Timeline page's filters, event table, choices and titles (the chart is
charts/timeline_chart.py; dates are worded by ``formats.event_date``).

Plain functions on the ``events`` DataFrame (see ``components.data.schema.Events``); no Streamlit here.
"""

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from components.analysis import formats
from components.analysis.sources import agency_of
from components.data.vocabularies import COUNTRY_CODES, EVENT_CATEGORIES, country_names, vocabulary_label
from components.i18n import N_, _, ngettext


def preferred_events(events: pd.DataFrame) -> pd.DataFrame:
    """The one dating per event that the dashboard shows by default."""
    return events[events["preferred"].astype(bool)]


# ---- The Timeline page: filters, labels and the table ------------------------------------------

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
    """Every ISO3 code that appears in ``actors``, in ``COUNTRY_CODES``' order (Russia, the DPRK, the ROK
    first, in every language), then any other code sorted."""
    present = {code for actors in events["actors"] for code in str(actors).split(";") if code}
    return [code for code in COUNTRY_CODES if code in present] + sorted(present - set(COUNTRY_CODES))


def actor_words(actors) -> str | None:
    """An event's ``actors`` (``RUS;PRK``) as the reader's language names them (``Russia, DPRK``); ``None``
    for a missing value."""
    return country_names(actors) if isinstance(actors, str) else None


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
    is_article = pd.Series(False, index=events.index)
    if sources is not None and "agency" in sources.columns:
        agencies = agency_of(events["source_id"], sources, key=True)
        is_article = agencies.astype(str).str.contains("article", case=False)
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
    labelled = events.copy()
    labelled["dating"] = [
        _("preferred")
        if preferred
        else (
            (_("article's dating (same)") if same else _("article's dating"))
            if article
            else (
                _("same dating ({source})").format(source=source_id)
                if same
                else _("alternative dating ({source})").format(source=source_id)
            )
        )
        for preferred, same, article, source_id in zip(
            events["preferred"].astype(bool), same_dating, is_article, events["source_id"], strict=True
        )
    ]
    return labelled


# The order of the events table and its shown form: by date, each event's preferred row first.
TABLE_ORDER = (["start", "event_id", "preferred"], [True, True, False])


def table_cells(events: pd.DataFrame) -> pd.DataFrame:
    """``events_table``'s columns of every row of ``events``, on its index and in its order, dates as ISO
    text: what depends on each row alone, so a page can work it out once for all events."""
    table = events[TABLE_COLUMNS].copy()
    table["start"] = table["start"].dt.strftime("%Y-%m-%d")
    table["end"] = table["end"].dt.strftime("%Y-%m-%d")
    return table


def events_table(events: pd.DataFrame, cells: pd.DataFrame | None = None) -> pd.DataFrame:
    """The table shown under the chart and exported: one row per source dating, by date, dates as ISO text.
    ``cells``: ``table_cells`` of events that include ``events``, on the same index (saves redoing them;
    an empty table is built afresh, with the column types it always had)."""
    if "dating" not in events.columns:
        events = label_datings(events)
    ordered = events.sort_values(TABLE_ORDER[0], ascending=TABLE_ORDER[1])
    table = table_cells(ordered) if cells is None or ordered.empty else cells.loc[ordered.index]
    return table.reset_index(drop=True)


# The window the page opens on: the article's period and what followed. Earlier years are one click away.
STORY_FIRST_YEAR = 2008
# The shown table's headers, translated in ``events_display``.
DISPLAY_COLUMNS = [N_("Event"), N_("Date"), N_("Dating"), N_("Category"), N_("Actors"), N_("Location"), N_("Source")]


def default_years(first_year: int, last_year: int) -> tuple[int, int]:
    """The years the page opens on: from ``STORY_FIRST_YEAR`` (or the first year, if later) to the last."""
    start = STORY_FIRST_YEAR if first_year <= STORY_FIRST_YEAR < last_year else first_year
    return start, last_year


def display_cells(events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """``events_display``'s cells of every row of ``events`` (``label_datings`` rows), on its index and in
    its order: what depends on each row alone, so a page can work it out once for all events."""
    publishers = dict(zip(sources["source_id"], sources["publisher"], strict=False))

    def shown(value) -> str:
        missing = value is None or (not isinstance(value, str) and pd.isna(value)) or value == ""
        return formats.MISSING if missing else str(value)

    rows = [
        [
            shown(row.title),
            _dated(row),
            shown(row.dating),
            shown(vocabulary_label(row.category) if isinstance(row.category, str) else None),
            shown(actor_words(row.actors)),
            shown(row.location),
            shown(publishers.get(row.source_id, row.source_id)),
        ]
        for row in events.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=[_(column) for column in DISPLAY_COLUMNS], index=events.index)


def events_display(events: pd.DataFrame, sources: pd.DataFrame, cells: pd.DataFrame | None = None) -> pd.DataFrame:
    """The events table as the page shows it: titles, dates in words with their precision, the dating,
    category, actors, location and the source's publisher; a missing value is an en dash. One row per
    source dating, in the order of ``events_table``; the ids stay in that table's CSV export. ``cells``:
    ``display_cells`` of events that include ``events``, on the same index (saves redoing them; an empty
    table is built afresh, with the column types it always had)."""
    if "dating" not in events.columns:
        events = label_datings(events, sources)
    ordered = events.sort_values(TABLE_ORDER[0], ascending=TABLE_ORDER[1])
    shown = display_cells(ordered, sources) if cells is None or ordered.empty else cells.loc[ordered.index]
    return shown.reset_index(drop=True)


def _dated(row) -> str:
    """An event's date in words, with its precision when coarser than a day: ``Mar 2014 (month)``."""
    when = formats.event_date(row.start, row.date_precision, row.end)
    if row.date_precision == "day":
        return when
    return _("{date} ({precision})").format(date=when, precision=vocabulary_label(row.date_precision).lower())


def event_choices(events: pd.DataFrame) -> dict[str, str]:
    """Event id → plain-text label "title (date)" from the preferred rows, in date order (for a select box)."""
    preferred = preferred_events(events).sort_values(["start", "event_id"])
    return {
        row.event_id: _("{title} ({date})").format(
            title=row.title, date=formats.event_date(row.start, row.date_precision, row.end)
        )
        for row in preferred.itertuples(index=False)
    }


def event_rows(events: pd.DataFrame, event_id: str) -> pd.DataFrame:
    """Every source row of one event, the preferred dating first."""
    rows = events[events["event_id"] == event_id]
    return rows.sort_values(["preferred", "start"], ascending=[False, True])


def chart_title(
    events: pd.DataFrame,
    actors: Iterable[str] | None = None,
    categories: Iterable[str] | None = None,
    years: tuple[int, int] | None = None,
) -> str:
    """The title printed on the chart's PNG: how many events it shows and the filters that chose them
    (the arguments of ``filter_events``)."""
    count = events["event_id"].nunique()
    title = ngettext("Timeline of {n} event", "Timeline of {n} events", count).format(n=count)
    if years is not None:
        title = _("{title}, {first}–{last}").format(title=title, first=min(years), last=max(years))
    if actors:
        title = _("{title}, involving {actors}").format(title=title, actors=country_names(actors))
    if categories:
        named = ", ".join(vocabulary_label(category).lower() for category in categories)
        title = _("{title}; categories: {categories}").format(title=title, categories=named)
    return title


def summary(events: pd.DataFrame, years: tuple[int, int]) -> str:
    """The page's answer in one line: how many events the window holds and its busiest year
    (by the preferred datings' start)."""
    preferred = preferred_events(events)
    count = preferred["event_id"].nunique()
    first_year, last_year = min(years), max(years)
    if not count:
        return _("No event between {first} and {last} matches these filters.").format(first=first_year, last=last_year)
    per_year = preferred.drop_duplicates("event_id")["start"].dt.year.value_counts()
    if count > 1 and len(per_year) > 1:
        return ngettext(
            "{n} event between {first} and {last}; {year} is the busiest year, with {busiest} of them.",
            "{n} events between {first} and {last}; {year} is the busiest year, with {busiest} of them.",
            count,
        ).format(n=count, first=first_year, last=last_year, year=int(per_year.idxmax()), busiest=int(per_year.max()))
    return ngettext("{n} event between {first} and {last}.", "{n} events between {first} and {last}.", count).format(
        n=count, first=first_year, last=last_year
    )


def file_stem(
    years: tuple[int, int], actors: Iterable[str] | None = None, categories: Iterable[str] | None = None
) -> str:
    """The chart's PNG name for this view: ``nea-timeline-2008-2024``, with the actor and category filters
    (``nea-timeline-2008-2024-rus-prk-visit``); only letters, digits and hyphens."""
    parts = ["nea-timeline", f"{min(years)}-{max(years)}", *(actors or []), *(categories or [])]
    return re.sub(r"[^a-z0-9]+", "-", "-".join(str(part) for part in parts).lower()).strip("-")
