"""Which agency each trade series shows by default, where a plotted line changes agency, and how a
stated nil reads.

A series is one reporter–partner pair (``trade.csv``). Each has one default agency (``SERIES_AGENCY``):
wherever that agency gives a figure for a year and flow, the preferred row is that agency's. Where it
gives none, another agency's figure fills the year, and the chart marks the change. Agencies are compared
by family (``agency_family``): Russian customs, ministries and the Kremlin are one official series.
"""

import pandas as pd

from components.i18n import N_, _

RUSSIAN_OFFICIAL = N_("Russian official statistics")
CHINA_CUSTOMS = "China customs (GAC)"
# Agency names (sources.csv) that start with one of these are one family.
_FAMILY_PREFIXES = (
    (RUSSIAN_OFFICIAL, ("Russian customs", "Russian government", "Russian Ministry")),
    (CHINA_CUSTOMS, ("China customs", "KDI (China customs", "KIEP (China customs")),
    ("ROK Ministry of Unification", ("ROK Ministry of Unification",)),
    ("KOTRA", ("KOTRA",)),
)
# The default agency of each series: the longest run of one method (data/CURATION.md says why).
SERIES_AGENCY = {
    ("RUS", "PRK"): RUSSIAN_OFFICIAL,
    ("CHN", "PRK"): "KOTRA",
    ("KOR", "PRK"): "ROK Ministry of Unification",
}
# The plotted roles that are a series of one figure a year (not the computed paths).
SERIES_ROLES = ("actual", "comparator")
NIL_ROLES = ("actual", "alternative", "comparator")
STATED_NIL = N_("nil (stated)")


def agency_family(agency) -> str:
    """The family an agency name belongs to (``"Russian customs (via RFA)"`` → Russian official
    statistics); a name of no family is its own; a missing one is empty."""
    if agency is None or (isinstance(agency, float) and pd.isna(agency)):
        return ""
    name = str(agency)
    for family, prefixes in _FAMILY_PREFIXES:
        if name.startswith(prefixes):
            return family
    return name


def agency_changes(rows: pd.DataFrame) -> pd.DataFrame:
    """Each point of a plotted series (``trade.plotted_table`` rows, roles ``SERIES_ROLES``) whose agency
    family differs from the series' previous plotted point: ``year, series, role, value_usd_m,
    source_id, before, after`` (and ``rows``' other columns). Gaps are skipped, so a change across a gap is
    marked at its far side."""
    shown = rows[rows["role"].isin(SERIES_ROLES) & rows["value_usd_m"].notna()]
    shown = shown.assign(after=shown["agency"].map(agency_family)).sort_values(["series", "year"])
    shown["before"] = shown.groupby("series", sort=False)["after"].shift()
    changed = shown[shown["before"].notna() & (shown["before"] != shown["after"])]
    return changed.reset_index(drop=True)


def change_words(before: str, after: str) -> str:
    """What a change mark's hover says."""
    return _("the agency changes here: {before} before, {after} from this year").format(
        before=_(before), after=_(after)
    )


def stated_nils(rows: pd.DataFrame) -> pd.DataFrame:
    """The plotted points that are stated nils: a zero in ``rows`` (roles ``NIL_ROLES``). ``trade.csv``
    holds a zero only as a flagged, quoted stated nil (``components.data.trade_schema``)."""
    return rows[rows["role"].isin(NIL_ROLES) & (rows["value_usd_m"] == 0)]


def with_nil_words(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` (``trade.plotted_table`` rows) with a ``reading`` column that says "nil (stated)" on each
    stated nil and is empty elsewhere, for the tables people read."""
    reading = pd.Series("", index=table.index, dtype=object)
    reading[stated_nils(table).index] = _(STATED_NIL)
    return table.assign(reading=reading)
