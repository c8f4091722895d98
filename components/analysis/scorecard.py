"""The Scorecard: what came of each announcement of the 2014 article. Counts by outcome, the deadline
status (computed, never stored), the answer in words, filters and the view's words.

Plain Python on the ``outcomes`` table; the table's rows and links are in ``scorecard_table``.
"""

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from components.data.vocabularies import ANNOUNCEMENT_CATEGORIES, OUTCOMES
from components.i18n import N_, _, ngettext

OUTCOME_LABELS = {
    "delivered": N_("Delivered"),
    "partly_delivered": N_("Partly delivered"),
    "under_way": N_("Under way"),
    "stalled": N_("Stalled"),
    "abandoned": N_("Abandoned"),
    "superseded": N_("Superseded"),
    "no_public_record": N_("No public record since"),
}
CATEGORY_LABELS = {
    "trade": N_("Trade"),
    "finance": N_("Finance and debt"),
    "aid": N_("Aid"),
    "access": N_("Access for Russian business"),
    "mining": N_("Mining"),
    "energy": N_("Energy"),
    "industry": N_("Industry"),
    "transport": N_("Rail and ports"),
    "institutions": N_("Institutions and zones"),
    "principle": N_("Experts' principles"),
}
# Outcomes that mean what a project status on the Map means; the two pages share their colours.
OUTCOME_MAP_STATUS = {
    "delivered": "operational",
    "under_way": "under_construction",
    "stalled": "stalled",
    "abandoned": "cancelled",
}
# Deadline statuses: computed from the deadline, the outcome and today's date.
OVERDUE = "overdue"
DELIVERED_LATE = "delivered_late"
DELIVERED_ON_TIME = "delivered_on_time"
NOT_YET_DUE = "not_yet_due"
DEADLINE_LABELS = {
    OVERDUE: N_("Overdue"),
    DELIVERED_LATE: N_("Delivered late"),
    DELIVERED_ON_TIME: N_("Delivered on time"),
    NOT_YET_DUE: N_("Not yet due"),
}


def outcome_label(outcome: str) -> str:
    """An outcome code in the reader's words (``no_public_record`` → "No public record since")."""
    return _(OUTCOME_LABELS[outcome]) if outcome in OUTCOME_LABELS else str(outcome)


def category_label(category: str) -> str:
    """An announcement category in the reader's words."""
    return _(CATEGORY_LABELS[category]) if category in CATEGORY_LABELS else str(category)


def preferred_outcomes(outcomes: pd.DataFrame) -> pd.DataFrame:
    """One row per announcement: the default reading where sources disagree, in the table's order."""
    return outcomes[outcomes["preferred"]].reset_index(drop=True)


def period_end(start, precision: str) -> pd.Timestamp:
    """The last day of the period a date stands for: the day itself, its month or its year."""
    stamp = pd.Timestamp(start)
    if precision == "year":
        return pd.Timestamp(stamp.year, 12, 31)
    if precision == "month":
        return stamp + pd.offsets.MonthEnd(0)
    return stamp


def deadline_status(deadline, precision, outcome: str, as_of, today: dt.date) -> str | None:
    """Where an announcement stands against its stated deadline: ``None`` without a deadline; when
    delivered, late if the evidence of delivery is dated after the deadline's period, else on time; when
    not delivered, overdue once the deadline's period has passed, else not yet due."""
    if deadline is None or pd.isna(deadline):
        return None
    end = period_end(deadline, precision or "day")
    if outcome == "delivered":
        return DELIVERED_LATE if pd.Timestamp(as_of) > end else DELIVERED_ON_TIME
    return OVERDUE if pd.Timestamp(today) > end else NOT_YET_DUE


def with_deadline_status(outcomes: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """``outcomes`` with a ``deadline_status`` column (see ``deadline_status``)."""
    statuses = [
        deadline_status(row.deadline, row.deadline_precision, row.outcome, row.as_of, today)
        for row in outcomes.itertuples(index=False)
    ]
    return outcomes.assign(deadline_status=pd.Series(statuses, index=outcomes.index, dtype="object"))


def outcome_counts(outcomes: pd.DataFrame) -> pd.Series:
    """Announcements per outcome (the default reading of each), every outcome listed, in order."""
    counts = preferred_outcomes(outcomes)["outcome"].value_counts()
    return pd.Series([int(counts.get(outcome, 0)) for outcome in OUTCOMES], index=list(OUTCOMES), dtype=int)


def overdue_count(outcomes: pd.DataFrame, today: dt.date) -> int:
    """How many announcements (default readings) passed their deadline without delivery."""
    statuses = with_deadline_status(preferred_outcomes(outcomes), today)["deadline_status"]
    return int((statuses == OVERDUE).sum())


def answer(outcomes: pd.DataFrame, today: dt.date, filtered: bool = False) -> str:
    """The page's answer in one line, e.g. "Of 33 announcements made in 2014, 7 were delivered, …"."""
    counts = outcome_counts(outcomes)
    values = {
        "n": int(counts.sum()),
        "delivered": counts["delivered"],
        "partly": counts["partly_delivered"],
        "under_way": counts["under_way"],
        "stalled": counts["stalled"],
        "abandoned": counts["abandoned"],
        "superseded": counts["superseded"],
        "no_record": counts["no_public_record"],
    }
    if values["n"] == 0:
        return _("No announcement matches these filters.")
    if filtered:
        sentence = _(
            "Of the {n} announcements shown, {delivered} were delivered, {partly} partly, {under_way} under "
            "way, {stalled} stalled, {abandoned} abandoned, {superseded} superseded and {no_record} left no "
            "public record."
        )
    else:
        sentence = _(
            "Of {n} announcements made in 2014, {delivered} were delivered, {partly} partly, {under_way} "
            "under way, {stalled} stalled, {abandoned} abandoned, {superseded} superseded and {no_record} left "
            "no public record."
        )
    overdue = overdue_count(outcomes, today)
    late = ngettext(
        "{count} stated deadline passed without delivery.", "{count} stated deadlines passed without delivery.", overdue
    )
    return sentence.format(**values) + " " + late.format(count=overdue)


def filter_outcomes(outcomes: pd.DataFrame, categories: Iterable[str], chosen: Iterable[str]) -> pd.DataFrame:
    """The rows whose category and outcome are chosen; an empty choice means every one. A disputed
    announcement is kept whole when its default reading matches, so its other readings stay beside it."""
    categories, chosen = list(categories), list(chosen)
    default = preferred_outcomes(outcomes)
    keep = pd.Series(True, index=default.index)
    if categories:
        keep &= default["category"].isin(categories)
    if chosen:
        keep &= default["outcome"].isin(chosen)
    return outcomes[outcomes["announcement_id"].isin(default.loc[keep, "announcement_id"])]


def view_words(categories: Iterable[str], chosen: Iterable[str]) -> str:
    """The view in words for its citation: ``every announcement of 2014, category: Mining, …``."""
    categories, chosen = list(categories), list(chosen)
    parts = [_("announcements of 2014 and what came of them")]
    if categories:
        parts.append(
            _("category: {names}").format(
                names=", ".join(category_label(c) for c in ANNOUNCEMENT_CATEGORIES if c in categories)
            )
        )
    if chosen:
        parts.append(_("outcome: {names}").format(names=", ".join(outcome_label(o) for o in OUTCOMES if o in chosen)))
    return ", ".join(parts)


def file_stem(categories: Iterable[str], chosen: Iterable[str]) -> str:
    """The export's name for this view: ``nea-scorecard``, ``nea-scorecard-mining-stalled``."""
    return "-".join(["nea-scorecard", *sorted(categories), *sorted(chosen)]).replace("_", "-")
