"""The Map page's filters: one project (``?project=<project_id>``), layers, basemap, statuses and
categories, bound to the URL, in the sidebar (embedded, in a closed expander). The link holds ids or the
English words whatever the reader's language, so a shared link reads ``?status=Proposed&category=Rail``;
the pills show them in the reader's language."""

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.analysis import geo, view_words
from components.data.vocabularies import PROJECT_CATEGORIES
from components.i18n import _
from components.ui import controls, embed, links


@dataclass(frozen=True)
class MapChoice:
    """What the analyst chose: layer, status and category codes, the basemap, the view in words, and the one
    project a link selects (its ``project_id``; ``None`` for every project)."""

    layers: list[str]
    statuses: list[str]
    categories: list[str]
    basemap: str
    words: str
    project: str | None = None


# The link parameter (and the select box's key) that selects one project: ``?project=khasan-rajin-rail``.
PROJECT_KEY = "project"


def _pills(container, label: str, options: list[str], param: str, help_text: str) -> list[str]:
    # The link keeps the English words (``?status=Proposed``) in every language; the pills show them
    # translated. The widget's key differs from the link's: the Timeline binds ``category`` too.
    return links.url_options(
        container, "pills", label, {option: _(option) for option in options},
        param=param, key=f"map_{param}", default=options, help=help_text,
    )  # fmt: skip


def _clear_project() -> None:
    st.session_state[PROJECT_KEY] = None


def _project_choice(container, choices: dict[str, str]) -> str | None:
    """The select box of one project (its id in the link, its name on screen) and, while one is chosen,
    a button that shows every project again."""
    chosen = links.url_choice(
        container,
        _("Project"),
        choices,
        key=PROJECT_KEY,
        placeholder=_("Every project"),
        help=_("Show one project alone, the map fitted to it; a Scorecard row's Map link chooses it"),
    )
    if chosen:
        container.button(_("Show every project"), icon=":material/close:", on_click=_clear_project)
    return chosen


def map_filters(every_project: pd.DataFrame) -> MapChoice:
    """Check the link's parameters, draw the project choice and the filters for the statuses and
    categories the projects have, and return the choice."""
    project_names = geo.project_choices(every_project)
    statuses = set(every_project["status"])
    status_by_label = {label: status for status, label in geo.STATUS_LABELS.items() if status in statuses}
    categories = set(every_project["category"])
    category_by_label = {category.capitalize(): category for category in PROJECT_CATEGORIES if category in categories}
    layer_by_label = {label: layer for layer, label in geo.LAYER_LABELS.items()}
    links.check_query_params(
        {
            "layers": links.choice_param(layer_by_label, multiple=True, clearable=True),
            "status": links.choice_param(status_by_label, multiple=True, clearable=True),
            "category": links.choice_param(category_by_label, multiple=True, clearable=True),
            "basemap": links.choice_param(geo.BASEMAPS),
            PROJECT_KEY: links.choice_param(project_names),
        }
    )
    # The filters sit in the sidebar so the map follows the title; embedded, in a closed expander.
    container = controls.view_controls() if embed.is_embedded() else st.sidebar.container()
    project = _project_choice(container, project_names)
    layer_labels = _pills(container, _("Layers"), list(layer_by_label), "layers", _("What the map draws"))
    basemap = links.url_options(
        container,
        "radio",
        _("Basemap"),
        {code: _(geo.BASEMAP_WORDS.get(code, code)) for code in geo.BASEMAPS},
        param="basemap",
        key="map_basemap",
        default=geo.BASEMAPS[0],
        horizontal=True,
        help=_("Light and dark fetch map tiles from CARTO; with no internet only the layers draw, as with Off."),
    )
    status_labels = _pills(container, _("Status"), list(status_by_label), "status", _("Projects at these stages"))
    category_labels = _pills(
        container, _("Category"), list(category_by_label), "category", _("Projects of these kinds")
    )
    words = view_words.map_view(
        layer_labels, layer_by_label, status_labels, status_by_label, category_labels, category_by_label, basemap,
        project_names.get(project),
    )  # fmt: skip
    return MapChoice(
        [layer_by_label[label] for label in layer_labels],
        [status_by_label[label] for label in status_labels],
        [category_by_label[label] for label in category_labels],
        basemap,
        words,
        project,
    )
