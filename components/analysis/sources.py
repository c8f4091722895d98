"""Whose statistic each source is: the one lookup from a source id to its ``agency`` (sources.csv)."""

from collections.abc import Iterable

import pandas as pd


def agency_of(source_ids: Iterable, sources: pd.DataFrame) -> pd.Series:
    """The ``agency`` of each of ``source_ids`` as a Series (on their index when they are a Series); an id
    that ``sources`` does not list, or that is not an id at all, maps to NaN for the caller to fill."""
    ids = source_ids if isinstance(source_ids, pd.Series) else pd.Series(list(source_ids), dtype=object)
    agency_by_source = sources.drop_duplicates("source_id").set_index("source_id")["agency"]
    return ids.map(agency_by_source)
