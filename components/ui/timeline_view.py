"""The Timeline page's parts: its filter row and the details card of the chosen event."""

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.analysis import formats, timeline
from components.charts.timeline_chart import precision_words
from components.data.vocabularies import country_name, vocabulary_label
from components.i18n import _, ngettext
from components.ui import controls, links
from components.ui.markdown import escape_markdown


@dataclass(frozen=True)
class TimelineBasics:
    """What the Timeline page derives from the curated tables alone (``basics``): the events with their
    datings labelled, the actors and categories to filter by, the years covered and the event choices."""

    events: pd.DataFrame
    actors: list[str]
    categories: list[str]
    first_year: int
    last_year: int
    choices: dict[str, str]


def basics(events: pd.DataFrame, sources: pd.DataFrame) -> TimelineBasics:
    """``TimelineBasics`` of the curated tables: plain Python, cached by the page with
    ``loading.per_data_version``."""
    labelled = timeline.label_datings(events, sources)
    first_year, last_year = timeline.year_bounds(labelled)
    return TimelineBasics(
        labelled,
        timeline.actor_codes(labelled),
        timeline.category_order(labelled),
        first_year,
        last_year,
        timeline.event_choices(labelled),
    )


def table_cells(events: pd.DataFrame, sources: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``timeline.table_cells`` and ``timeline.display_cells`` of every event (as ``basics`` labels them, on
    the same index): plain Python, cached by the page with ``loading.per_data_version``, so a filter or a
    slider move only picks and orders the rows it shows."""
    labelled = timeline.label_datings(events, sources)
    return timeline.table_cells(labelled), timeline.display_cells(labelled, sources)


def filter_row(actors: list[str], categories: list[str], years: tuple[int, int], story_years: tuple[int, int]):
    """Actors, categories and years, bound to the URL, and a button that widens the years to all of them;
    returns ``(actors, categories, years)`` as chosen (an empty choice means every one)."""
    first_year, last_year = years
    actor_column, category_column, years_column, all_years_column = controls.view_controls().columns(
        [1, 1, 1.4, 0.7], vertical_alignment="bottom"
    )
    # The link keeps the codes (``?actor=RUS``, ``?category=visit``) in every language; the boxes show words.
    chosen_actors = links.url_options(
        actor_column, "multiselect", _("Actors"), {code: country_name(code) for code in actors}, param="actor",
        key="timeline_actor", default=[], placeholder=_("All actors"), help=_("Events involving any of these"),
    )  # fmt: skip
    chosen_categories = links.url_options(
        category_column, "multiselect", _("Categories"),
        {category: vocabulary_label(category) for category in categories}, param="category",
        key="timeline_category", default=[], placeholder=_("All categories"),
        help=_("Events of any of these categories"),
    )  # fmt: skip
    chosen_years = years_column.slider(
        _("Years"),
        first_year,
        last_year,
        story_years,
        step=1,
        key="years",
        bind="query-params",
        help=_("The calendar years the chart and the table show"),
    )
    all_years_column.button(
        _("From {year}").format(year=first_year),
        on_click=_show_all_years,
        args=(years,),
        disabled=tuple(chosen_years) == years,
        icon=":material/history:",
        help=_("The page opens on the article's period and what followed; this shows the earlier history too."),
        width="stretch",
    )
    return chosen_actors, chosen_categories, chosen_years


def _show_all_years(years: tuple[int, int]) -> None:
    st.session_state["years"] = years


def chart_caption(n_events: int, n_datings: int) -> None:
    """The line under the chart: how many events and datings it draws, and how to read its marks."""
    st.caption(
        _(
            "{events}, {datings}. Light hatched bars: only the month or year is known, so the whole period is "
            "drawn. Hollow diamonds joined by a dotted line: another source's dating. Hover a mark for its "
            "details; click one to see the event below."
        ).format(
            events=ngettext("{n} event", "{n} events", n_events).format(n=formats.number(n_events)),
            datings=ngettext("{n} source dating", "{n} source datings", n_datings).format(n=formats.number(n_datings)),
        )
    )


def event_details(events: pd.DataFrame, event_id: str, sources: pd.DataFrame) -> None:
    """One bordered card per dating of the event: title, date at its precision, category, actors, place,
    source and description, every value from the data escaped."""
    for row in timeline.event_rows(events, event_id).itertuples(index=False):
        with st.container(border=True):
            date_text = formats.event_date(row.start, row.date_precision, row.end)
            location = row.location if isinstance(row.location, str) else formats.not_stated()
            source = formats.source_label(row.source_id, sources, with_title=True)
            st.markdown(f"**{escape_markdown(row.title)}** · {escape_markdown(row.dating)}")
            st.markdown(
                _(
                    "**Date:** {date} ({precision})  \n**Category:** {category}  \n**Actors:** {actors}  \n"
                    "**Location:** {location}  \n**Source:** {source} ({source_id})"
                ).format(
                    date=escape_markdown(date_text),
                    precision=escape_markdown(precision_words(row.date_precision)),
                    category=escape_markdown(vocabulary_label(row.category)),
                    actors=escape_markdown(timeline.actor_words(row.actors) or formats.not_stated()),
                    location=escape_markdown(location),
                    source=escape_markdown(source),
                    source_id=escape_markdown(row.source_id),
                )
            )
            if isinstance(row.description, str):
                st.markdown(escape_markdown(row.description))
