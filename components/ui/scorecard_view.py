"""The Scorecard page's parts: its filters (category and outcome, in the link), the table with its
links, and the note on how outcomes here differ from project statuses on the Map."""

import datetime as dt

import pandas as pd
import streamlit as st

from components.analysis import geo, scorecard, scorecard_table
from components.data.vocabularies import ANNOUNCEMENT_CATEGORIES, OUTCOMES
from components.i18n import N_, _
from components.ui import controls, links, navigation, table_view

# The announcements table's headers (shown with ``_``, ``column_headers``).
HEADERS = {
    "announcement": N_("What was announced"),
    "announced": N_("Announced"),
    "announced_by": N_("By"),
    "category": N_("Category"),
    "outcome": N_("Outcome"),
    "as_of": N_("Evidence as of"),
    "deadline": N_("Stated deadline"),
    "deadline_status": N_("Deadline"),
    "evidence": N_("Evidence"),
    "source": N_("Source"),
    "default": N_("Default"),
    "map_status": N_("Map status"),
    "shown_on": N_("Shown on"),
    "link": N_("Link"),
    "timeline": N_("Timeline"),
    "note": N_("Note"),
}

CATEGORY_KEY = "category"
OUTCOME_KEY = "outcome"


def link_checks() -> dict:
    """The page's link parameters and their checks (ids, never labels)."""
    return {
        CATEGORY_KEY: links.choice_param(ANNOUNCEMENT_CATEGORIES, multiple=True, clearable=True),
        OUTCOME_KEY: links.choice_param(OUTCOMES, multiple=True, clearable=True),
    }


def filter_row(outcomes: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Category and outcome pills for the categories and outcomes the data has; nothing chosen is every
    one. Returns the chosen ids."""
    present_categories = set(outcomes["category"])
    present_outcomes = set(outcomes["outcome"])
    row = controls.view_controls()
    categories = links.url_multi_choice(
        row,
        _("Category"),
        {code: scorecard.category_label(code) for code in ANNOUNCEMENT_CATEGORIES if code in present_categories},
        key=CATEGORY_KEY,
    )
    chosen = links.url_multi_choice(
        row,
        _("Outcome"),
        {code: scorecard.outcome_label(code) for code in OUTCOMES if code in present_outcomes},
        key=OUTCOME_KEY,
    )
    return categories, chosen


def column_headers() -> dict[str, str]:
    """The announcements table's headers in the reader's words: on screen and in the briefing."""
    return {column: _(label) for column, label in HEADERS.items()}


def show_scorecard_table(table: pd.DataFrame) -> None:
    """The announcements table, one row per source's reading, with links to the page showing each item."""
    headers = column_headers()
    table_view.show_table(
        table,
        key="scorecard_table",
        column_config={
            "announcement": st.column_config.TextColumn(headers["announcement"], width="medium"),
            "announced": st.column_config.TextColumn(headers["announced"]),
            "announced_by": st.column_config.TextColumn(headers["announced_by"]),
            "category": st.column_config.TextColumn(headers["category"]),
            "outcome": st.column_config.TextColumn(headers["outcome"]),
            "as_of": st.column_config.TextColumn(headers["as_of"]),
            "deadline": st.column_config.TextColumn(headers["deadline"]),
            "deadline_status": st.column_config.TextColumn(
                headers["deadline_status"], help=_("Computed from the stated deadline, the outcome and today's date")
            ),
            "evidence": st.column_config.TextColumn(headers["evidence"], width="large"),
            "source": st.column_config.TextColumn(headers["source"]),
            "default": st.column_config.CheckboxColumn(
                headers["default"], help=_("Where sources disagree, the reading counted above")
            ),
            "map_status": st.column_config.TextColumn(
                headers["map_status"], help=_("The project's status on the Map, as its preferred source gives it")
            ),
            "shown_on": st.column_config.TextColumn(
                headers["shown_on"], help=_("The page that shows the item, preset to it")
            ),
            "link": st.column_config.LinkColumn(headers["link"], display_text=_("open")),
            "timeline": st.column_config.LinkColumn(headers["timeline"], display_text=_("event")),
            "note": st.column_config.TextColumn(
                headers["note"], help=_("Caveats; for 'No public record since', what was searched and when")
            ),
        },
    )


def map_note(differ: int, tied: int) -> str:
    """How the Scorecard's colours and the Map's statuses relate, in words."""
    return _(
        "Colours shared with the Map mean the same thing: green delivered (operational), blue under way "
        "(under construction), red stalled, dark grey abandoned (cancelled). A project's status on the Map is "
        "what its preferred source reported, often in 2014; an outcome here is what the later record shows. "
        "Of the {tied} announcements tied to a Map project, {differ} show a different status there: the table "
        "gives both."
    ).format(tied=tied, differ=differ)


def view_tables(
    shown: pd.DataFrame,
    sources: pd.DataFrame,
    targets: pd.DataFrame,
    projects: pd.DataFrame,
    routes: pd.DataFrame,
    today: dt.date,
    categories: tuple = (),
    chosen: tuple = (),
    lang: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``scorecard_table.display_table`` and ``export_table`` of ``shown`` (the outcomes the filters
    ``categories`` and ``chosen`` keep), linking a project to the Map only where the Map can draw it (its
    site or ``routes``), the shown links carrying ``lang`` (the link's ``?lang=``) and, before them, the
    linked page's title in the reader's words (``shown_on``): plain Python, which the page caches with
    ``loading.per_data_version`` (the filters key it, as ``shown`` follows from them and the data)."""
    located = geo.located_project_ids(projects, routes)
    table = scorecard_table.display_table(shown, sources, targets, projects, today, located, lang)
    if "link" in table.columns:
        table.insert(table.columns.get_loc("link"), "shown_on", table["link"].map(navigation.link_title))
    return table, scorecard_table.export_table(shown, targets, projects, today, located)
