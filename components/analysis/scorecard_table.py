"""The Scorecard's rows: each announcement with its outcome, evidence and source, the Map status of its
project, and a link to the page that shows the item preset to it (Trade, Debt, Map, Timeline)."""

import datetime as dt
from collections.abc import Collection
from urllib.parse import urlencode

import pandas as pd

from components.analysis import formats, geo
from components.analysis.scorecard import (
    DEADLINE_LABELS,
    OUTCOME_MAP_STATUS,
    category_label,
    outcome_label,
    preferred_outcomes,
    with_deadline_status,
)
from components.i18n import _


def _preferred(frame: pd.DataFrame, key: str, value: str) -> pd.Series | None:
    rows = frame[(frame[key] == value) & frame["preferred"]]
    return None if rows.empty else rows.iloc[0]


def _link(path: str, params: list[tuple[str, str]]) -> str:
    """A link relative to the running page, so it works under any base path (``trade?target=1000``)."""
    return f"{path}?{urlencode(params)}" if params else path


def with_language(link: str | None, lang: str | None) -> str | None:
    """``link`` with the reader's ``lang`` added (``map?project=x&lang=ko``), so a link opened in a new tab
    keeps the language; as it is without a ``lang`` or without a link."""
    if formats.is_missing(link) or not lang:
        return link
    return f"{link}{'&' if '?' in link else '?'}{urlencode([('lang', lang)])}"


def trade_link(target: pd.Series) -> str:
    """The Trade page preset to a target: its value and year (``trade?target=1000.0&target_year=2020``)."""
    return _link(
        "trade", [("target", f"{float(target['target_usd_m'])}"), ("target_year", str(int(target["target_year"])))]
    )


def map_link(project_id: str) -> str:
    """The Map showing one project alone, fitted to it (``map?project=khasan-rajin-rail``)."""
    return _link("map", [("project", project_id)])


def timeline_link(event_id: str) -> str:
    """The Timeline with one event chosen (``timeline?event=…``)."""
    return _link("timeline", [("event", event_id)])


def item_link(row, targets: pd.DataFrame, projects: pd.DataFrame, located: Collection[str] | None = None) -> str | None:
    """The page that shows an announcement, preset to it: Trade for a target, Debt for the debt
    settlement, the Map for a project, else the Timeline for an event; ``None`` when it has none.
    ``located`` (``geo.located_project_ids``; ``None``: every project) are the projects the Map draws: one
    it cannot draw links to its event on the Timeline instead, when the announcement has one."""
    if not formats.is_missing(row["target_id"]):
        target = _preferred(targets, "target_id", row["target_id"])
        if target is not None:
            return trade_link(target)
    if not formats.is_missing(row["agreement_id"]):
        return "debt"
    if not formats.is_missing(row["project_id"]):
        drawn = located is None or row["project_id"] in located or formats.is_missing(row["event_id"])
        if drawn and _preferred(projects, "project_id", row["project_id"]) is not None:
            return map_link(row["project_id"])
    if not formats.is_missing(row["event_id"]):
        return timeline_link(row["event_id"])
    return None


def map_status(row, projects: pd.DataFrame) -> str | None:
    """The status the Map shows for the announcement's project (its preferred source's), in words."""
    if formats.is_missing(row["project_id"]):
        return None
    project = _preferred(projects, "project_id", row["project_id"])
    return None if project is None else _(geo.STATUS_LABELS[project["status"]])


def export_table(
    outcomes: pd.DataFrame,
    targets: pd.DataFrame,
    projects: pd.DataFrame,
    today: dt.date,
    located: Collection[str] | None = None,
) -> pd.DataFrame:
    """The rows as exported: every column of ``outcomes.csv`` plus the computed ``deadline_status`` and
    the ``link`` to the page that shows the item (ids and codes, not words; ``located`` as for
    ``item_link``)."""
    table = with_deadline_status(outcomes, today)
    links = [item_link(row, targets, projects, located) for _index, row in table.iterrows()]
    return table.assign(link=pd.Series(links, index=table.index, dtype="object"))


def display_table(
    outcomes: pd.DataFrame,
    sources: pd.DataFrame,
    targets: pd.DataFrame,
    projects: pd.DataFrame,
    today: dt.date,
    located: Collection[str] | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """The table as the page shows it, one row per reading, the default reading of each announcement
    first: what was announced, when and by whom, the outcome and its date, the deadline and whether it
    is overdue, the evidence and its source, the Map's status, and links (carrying ``lang``, the link's
    ``?lang=``, when given)."""
    table = export_table(outcomes, targets, projects, today, located)
    table = table.sort_values(["announcement_id", "preferred"], ascending=[True, False], kind="stable")
    order = {announcement: number for number, announcement in enumerate(dict.fromkeys(outcomes["announcement_id"]))}
    table = table.sort_values("announcement_id", key=lambda ids: ids.map(order), kind="stable")
    rows = []
    for _index, row in table.iterrows():
        status = row["deadline_status"]
        rows.append(
            {
                "announcement": row["title"],
                "outcome": outcome_label(row["outcome"]),
                "as_of": formats.event_date(row["as_of"], row["as_of_precision"]),
                "deadline_status": _(DEADLINE_LABELS[status]) if status else None,
                "deadline": row["deadline_stated"] if not formats.is_missing(row["deadline"]) else None,
                "evidence": row["evidence"],
                "source": formats.source_label(row["source_id"], sources),
                "link": with_language(row["link"], lang),
                "timeline": None
                if formats.is_missing(row["event_id"])
                else with_language(timeline_link(row["event_id"]), lang),
                "default": bool(row["preferred"]),
                "announced": formats.event_date(row["announced"], row["announced_precision"]),
                "announced_by": row["announced_by"],
                "category": category_label(row["category"]),
                "map_status": map_status(row, projects),
                "note": row["note"],
            }
        )
    return pd.DataFrame(rows)


def map_differences(outcomes: pd.DataFrame, projects: pd.DataFrame) -> tuple[int, int]:
    """``(differ, tied)``: of the announcements (default readings) tied to a Map project, how many show a
    status there that does not mean their outcome here (``OUTCOME_MAP_STATUS``), and how many are tied."""
    differ = tied = 0
    for _index, row in preferred_outcomes(outcomes).iterrows():
        if formats.is_missing(row["project_id"]):
            continue
        project = _preferred(projects, "project_id", row["project_id"])
        if project is None:
            continue
        tied += 1
        differ += OUTCOME_MAP_STATUS.get(row["outcome"]) != project["status"]
    return differ, tied
