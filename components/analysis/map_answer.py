"""The Map page's answer in one line: which routes were built and which stayed on paper, from the data."""

from collections.abc import Iterable

import pandas as pd

from components.analysis import formats, geo
from components.data.vocabularies import vocabulary_label
from components.i18n import _, ngettext


def _route_words(name: str, status: str, routes: pd.DataFrame) -> str:
    """``Khasan–Rajin railway, 54 km (operational)``, ``Gas pipeline, 2 route variants (stalled)``."""
    status_words = geo.status_label(status).lower()
    if len(routes) > 1:
        return ngettext(
            "{name}, {n} route variant ({status})", "{name}, {n} route variants ({status})", len(routes)
        ).format(name=name, n=len(routes), status=status_words)
    length = routes["stated_length_km"].dropna()
    if len(length):
        return _("{name}, {length} ({status})").format(
            name=name, length=formats.length_km(length.iloc[0]), status=status_words
        )
    return _("{name} ({status})").format(name=name, status=status_words)


def routes_answer(lines: pd.DataFrame) -> str:
    """One sentence naming the drawn routes by status, built ones first, e.g. "Built: Khasan–Rajin
    railway (54 km). On paper: Gas pipeline, 2 route variants (stalled)." Empty when nothing is drawn."""
    if lines.empty:
        return ""
    parts = []
    for solid in (True, False):
        chosen = lines[lines["status"].isin(geo.SOLID_STATUSES) == solid]
        if chosen.empty:
            continue
        names = "; ".join(
            _route_words(name, status, routes)
            for (name, status), routes in chosen.groupby(["name", "status"], sort=False)
        )
        sentence = _("Built or building: {routes}.") if solid else _("On paper only: {routes}.")
        parts.append(sentence.format(routes=names))
    return " ".join(parts)


def project_answer(
    project: pd.Series, statuses: Iterable[str], categories: Iterable[str], lines: pd.DataFrame, sites: pd.DataFrame
) -> str:
    """The answer when a link selects one project (``?project=``, its preferred row): its name, kind and
    status, or why the map draws nothing of it: the chosen ``statuses`` and ``categories`` leave it out, or
    it has neither a route among ``lines`` nor a site among ``sites`` (no location in the data)."""
    name = str(project["name"])
    kind = vocabulary_label(project["category"]).lower()
    status = geo.status_label(project["status"]).lower()
    if project["status"] not in set(statuses) or project["category"] not in set(categories):
        return _(
            "{name} ({kind}, {status}) is left out by the chosen statuses and categories: widen them, or clear "
            "the project in the sidebar."
        ).format(name=name, kind=kind, status=status)
    if lines.empty and sites.empty:
        return _(
            "{name} ({kind}, {status}) has no location in the data, so the map cannot draw it; it is listed "
            "under the map."
        ).format(name=name, kind=kind, status=status)
    return _("One project, alone and fitted to the view: {name} ({kind}, {status}).").format(
        name=name, kind=kind, status=status
    )
