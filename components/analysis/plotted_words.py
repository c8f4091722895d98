"""The Trade page's "Plotted series" table as people read it: each series, agency and role in the reader's
language, and stated nils worded. The CSV export keeps ``trade.plotted_table``'s English names and codes, so
a script that reads it works in any language.
"""

import pandas as pd

from components.analysis import agency_series, scenarios, trade
from components.analysis.sources import agency_names
from components.analysis.uploads import UPLOAD_SEPARATOR
from components.i18n import N_, _

# What each plotted row is (``trade.plotted_table``'s ``role`` codes, which the export keeps).
ROLE_WORDS = {
    "actual": N_("reported figure"),
    "alternative": N_("another source's figure"),
    "comparator": N_("comparison"),
    "baseline": N_("baseline"),
    "target": N_("target"),
    "target_path": N_("required path"),
    "scenario": N_("your scenario"),
    scenarios.ROLE: N_("named scenario"),
    "upload": N_("your file"),
}
# Agencies that the table writes itself rather than reading them from sources.csv.
_OUR_AGENCIES = (trade.COMPUTED, trade.ANNOUNCED_TARGET)


def series_words(series: str, role: str) -> str:
    """``series`` (a ``trade.plotted_table`` name) in the reader's language: the names we give (flows, other
    sources' figures, comparators, target, paths) translated, a name people gave (a scenario's, an uploaded
    file's agency) kept as they wrote it."""
    if role == "upload":
        # ``uploads.series_rows`` names it "<the file's agency> · <flow label>": the agency is theirs.
        agency, _sep, flow = series.rpartition(UPLOAD_SEPARATOR)
        return f"{agency}{UPLOAD_SEPARATOR}{_(flow)}" if flow in trade.FLOW_LABELS.values() else series
    if role == scenarios.ROLE:
        return series
    for label in trade.FLOW_LABELS.values():
        if series == trade.OTHER_SOURCES.format(series=label):
            return _(trade.OTHER_SOURCES).format(series=_(label))
    return _(series)


def agency_words(sources: pd.DataFrame) -> dict[str, str]:
    """Each agency a plotted row can carry → the reader's words: sources.csv's (``agency_names``) and the
    ones the table writes itself ("computed", "announced target")."""
    return {**agency_names(sources), **{agency: _(agency) for agency in _OUR_AGENCIES}}


def readable(table: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """``table`` (``trade.plotted_table`` rows) to show: series, agency and role worded for the reader, and a
    ``reading`` column that says "nil (stated)" on each stated nil (``agency_series.with_nil_words``).
    Agencies are worded as ``sources`` (the loaded table, in the reader's language) words them; an agency
    not in it (an uploaded file's) is shown as written."""
    shown = agency_series.with_nil_words(table)
    names = agency_words(sources)
    return shown.assign(
        series=[series_words(series, role) for series, role in zip(table["series"], table["role"], strict=True)],
        agency=[names.get(agency, agency) for agency in table["agency"]],
        role=[_(ROLE_WORDS[role]) if role in ROLE_WORDS else role for role in table["role"]],
    )
