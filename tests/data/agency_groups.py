"""Which default trade groups mix agencies: a data-test helper (the app itself never asks)."""

import pandas as pd

from components.analysis.sources import agency_of

MIXED_MARK = "mixed agencies"


def mixed_agency_groups(trade: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per ``(year, reporter, partner)`` whose default rows cite more than one agency, with the
    agencies joined by ``; `` and whether every default row's note says so (``flagged``)."""
    chosen = trade[trade["preferred"]].copy()
    chosen["agency"] = agency_of(chosen["source_id"], sources).fillna(chosen["source_id"])
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
