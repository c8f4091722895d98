"""The short source line drawn under a chart (so its PNG carries it); the page's footnote lists every source."""

from collections.abc import Iterable

import pandas as pd

from components.analysis import citation

SOURCE_NOTE_LIMIT = 3


def source_note(source_ids: Iterable, sources: pd.DataFrame, limit: int = SOURCE_NOTE_LIMIT) -> str:
    """``Sources: TASS; NK News and 4 more (5 sources; full list under the chart)``: whose figures, most
    cited first, in plain text (the chart escapes it)."""
    source_ids = [source_id for source_id in source_ids if isinstance(source_id, str)]
    known = set(sources["source_id"])
    count = len({source_id for source_id in source_ids if source_id in known})
    if not count:
        return "Sources: none"
    agencies = citation.primary_agencies(source_ids, sources)
    shown = "; ".join(agencies[:limit])
    more = len(agencies) - limit
    whose = f"{shown} and {more} more" if more > 0 else shown
    return f"Sources: {whose} ({count} source{'s' if count != 1 else ''}; full list under the chart)"
