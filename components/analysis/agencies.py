"""Whose statistic each default trade row is: finds the year-and-pair groups whose default total and
flows come from different agencies, so charts and tables can say so instead of mixing them silently."""

import pandas as pd

MIXED_MARK = "mixed agencies"


def default_agencies(trade: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Preferred trade rows with the ``agency`` of their source (the source id when it is unknown)."""
    chosen = trade[trade["preferred"]].copy()
    agency_by_source = sources.set_index("source_id")["agency"]
    chosen["agency"] = chosen["source_id"].map(agency_by_source).fillna(chosen["source_id"])
    return chosen


def mixed_agency_groups(trade: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per ``(year, reporter, partner)`` whose default rows cite more than one agency, with the
    agencies joined by ``; `` and whether every default row's note says so (``flagged``)."""
    chosen = default_agencies(trade, sources)
    keys = ["year", "reporter", "partner"]
    columns = [*keys, "agencies", "flagged"]
    if chosen.empty:
        return pd.DataFrame(columns=columns)
    grouped = chosen.groupby(keys)
    agencies = grouped["agency"].agg(lambda names: "; ".join(sorted(set(names))))
    counts = grouped["agency"].nunique()
    flagged = grouped["note"].agg(lambda notes: bool(notes.fillna("").str.contains(MIXED_MARK).all()))
    result = pd.DataFrame({"agencies": agencies, "flagged": flagged})[counts > 1]
    return result.reset_index()[columns]
