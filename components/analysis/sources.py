"""Whose statistic each source is: the one lookup from a source id to its ``agency`` (sources.csv).

The agency is our own short description ("Russian government (Galushka)", "the article"), translated by
source id in ``data/translations/``. A translated ``sources`` table keeps the English beside it in
``AGENCY_KEY``: code compares agencies by that (the Trade page's source choice and its link, agency
families, the article's datings), so they work the same in every language."""

from collections.abc import Iterable

import pandas as pd

# The column of a translated ``sources`` table that keeps ``agency`` as sources.csv writes it.
AGENCY_KEY = "agency_key"


def _keys(sources: pd.DataFrame) -> pd.Series:
    if AGENCY_KEY not in sources.columns:
        return sources["agency"]
    return sources[AGENCY_KEY].where(sources[AGENCY_KEY].notna(), sources["agency"])  # an upload's row has none


def agency_of(source_ids: Iterable, sources: pd.DataFrame, *, key: bool = False) -> pd.Series:
    """The ``agency`` of each of ``source_ids`` as a Series (on their index when they are a Series), in the
    reader's language; with ``key``, as sources.csv writes it (English), for code that compares agencies
    or writes one into a link. An id that ``sources`` does not list, or that is not an id at all, maps to
    NaN for the caller to fill."""
    ids = source_ids if isinstance(source_ids, pd.Series) else pd.Series(list(source_ids), dtype=object)
    agencies = _keys(sources) if key else sources["agency"]
    agency_by_source = agencies.set_axis(sources["source_id"])
    return ids.map(agency_by_source[~agency_by_source.index.duplicated()])


def agency_names(sources: pd.DataFrame) -> dict[str, str]:
    """Each agency as sources.csv writes it → as the reader's language writes it, where the two differ
    (empty in English): for rows that carry the English agency (the Trade page's)."""
    if AGENCY_KEY not in sources.columns:
        return {}
    pairs = zip(_keys(sources), sources["agency"], strict=True)
    return {english: words for english, words in pairs if isinstance(english, str) and english != words}
