"""Which default trade groups mix agencies: a data-test helper (the app itself never asks)."""

import pandas as pd

from components.analysis.agency_series import SERIES_AGENCY, agency_family
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


def default_agency_breaches(trade: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Year, reporter, partner, flow and agencies of each fact whose series' default agency gives a
    figure that is not the preferred one: empty when every series keeps its default agency."""
    rows = trade.assign(family=agency_of(trade["source_id"], sources).map(agency_family))
    rows["default"] = [SERIES_AGENCY.get(pair, "") for pair in zip(rows["reporter"], rows["partner"], strict=True)]
    keys = ["year", "reporter", "partner", "flow"]
    has_default = (rows["family"] == rows["default"]).groupby([rows[key] for key in keys]).transform("any")
    preferred = rows["preferred"].astype(bool)
    breaches = rows[has_default & preferred & (rows["family"] != rows["default"])]
    return breaches[[*keys, "source_id", "family", "default"]].reset_index(drop=True)
