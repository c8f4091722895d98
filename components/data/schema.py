"""One pandera model per curated CSV: the single source of truth for columns, types and rules.

The Data page's dictionary and ``data/README.md``'s column lists are generated from these models
(``python -m components.data.schema``); nothing else restates the columns.
"""

from typing import Optional

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from components.data.fields import (
    COUNTRY_LIST_PATTERN,
    ID_PATTERN,
    date_field,
    money_field,
    one_preferred_per,
    real_dates,
)
from components.data.indicators_schema import Indicators
from components.data.outcomes_schema import Outcomes
from components.data.trade_schema import Trade
from components.data.vocabularies import (
    COUNTRY_CODES,
    DATE_PRECISIONS,
    EVENT_CATEGORIES,
    PROJECT_CATEGORIES,
    PROJECT_STATUSES,
)
from components.i18n import N_


class _CuratedTable(pa.DataFrameModel):
    class Config:  # every curated table: no column beyond the model's, values converted to its types
        strict = True
        coerce = True


class Sources(_CuratedTable):
    __doc__ = N_("A publication or dataset that figures are read from.")

    source_id: Series[str] = pa.Field(
        str_matches=ID_PATTERN, unique=True, description=N_("Key cited by every data row")
    )
    title: Series[str] = pa.Field(str_length={"min_value": 1}, description=N_("Title of the page or document"))
    publisher: Series[str] = pa.Field(description=N_("Who published it (outlet, agency, journal)"))
    published: Series[str] = date_field(N_("Publication date; empty when unknown"), nullable=True)
    url: Series[str] = pa.Field(
        str_matches=r"^https?://\S+$",
        nullable=True,
        description=N_("Where the figure was read (http/https only); empty for print-only sources"),
    )
    agency: Series[str] = pa.Field(
        description=N_("Whose statistic it reports (the article, Russian customs, KOTRA, ITC, China customs, …)")
    )
    note: Series[str] = pa.Field(nullable=True, description=N_("Quote, caveats, mirror used"))

    @pa.dataframe_check(error=N_("published must be a real calendar date"))
    def published_is_real(cls, df: pd.DataFrame) -> pd.Series:
        return real_dates(df, ["published"])


class Targets(_CuratedTable):
    __doc__ = N_("A trade target that governments announced.")

    target_id: Series[str] = pa.Field(str_matches=ID_PATTERN, description=N_("Key of the target"))
    agreed: Series[str] = date_field(N_("When the target was agreed or announced"))
    parties: Series[str] = pa.Field(str_matches=COUNTRY_LIST_PATTERN, description=N_("Parties, ISO3 joined by ';'"))
    metric: Series[str] = pa.Field(description=N_("What is targeted, e.g. bilateral trade turnover"))
    baseline_year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1945, le=2100, description=N_("Year of the stated baseline")
    )
    baseline_usd_m: Series[float] = money_field(N_("Stated baseline value"), nullable=True)
    target_year: Series[int] = pa.Field(ge=1945, le=2100, description=N_("Year by which the target is to be met"))
    target_usd_m: Series[float] = pa.Field(gt=0, description=N_("Target value"), metadata={"unit": "USD million"})
    source_id: Series[str] = pa.Field(
        description=N_("Source (sources.csv)"), metadata={"references": "sources.source_id"}
    )
    preferred: Series[bool] = pa.Field(description=N_("The row shown by default for this target"))
    note: Series[str] = pa.Field(nullable=True, description=N_("Quote or caveat"))

    @pa.dataframe_check(error=N_("agreed must be a real calendar date"))
    def agreed_is_real(cls, df: pd.DataFrame) -> pd.Series:
        return real_dates(df, ["agreed"])

    @pa.dataframe_check(error=N_("target_year must be after baseline_year"))
    def target_after_baseline(cls, df: pd.DataFrame) -> pd.Series:
        return df["baseline_year"].isna() | (df["target_year"] > df["baseline_year"])

    @pa.dataframe_check(error=N_("exactly one row per target_id must be preferred"))
    def one_preferred(cls, df: pd.DataFrame) -> pd.Series:
        return one_preferred_per(df, ["target_id"])

    class Config:
        unique = ["target_id", "source_id"]


class Debt(_CuratedTable):
    __doc__ = N_("The terms of a debt settlement as one source reports them.")

    agreement_id: Series[str] = pa.Field(str_matches=ID_PATTERN, description=N_("Key of the settlement"))
    creditor: Series[str] = pa.Field(isin=COUNTRY_CODES, description=N_("Creditor (ISO3)"))
    debtor: Series[str] = pa.Field(isin=COUNTRY_CODES, description=N_("Debtor (ISO3)"))
    original_usd_m: Series[float] = money_field(
        N_("Debt before the settlement; empty when the source does not state it"), nullable=True
    )
    written_off_share: Series[float] = pa.Field(
        in_range={"min_value": 0, "max_value": 1},
        description=N_("Share of the original debt written off"),
        metadata={"unit": "share 0–1"},
    )
    remaining_usd_m: Series[float] = money_field(N_("Debt left to repay, as stated"))
    installments: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=1,
        description=N_("Number of instalments when the source states it; otherwise derived in code"),
    )
    interval_months: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, le=120, description=N_("Months between instalments"), metadata={"unit": "months"}
    )
    term_years: Series[float] = pa.Field(
        nullable=True, gt=0, le=100, description=N_("Repayment term"), metadata={"unit": "years"}
    )
    interest_rate: Series[float] = pa.Field(
        nullable=True,
        in_range={"min_value": 0, "max_value": 1},
        description=N_("Annual interest on the remainder, when stated (0 = interest-free)"),
        metadata={"unit": "share 0–1"},
    )
    settlement_currency: Series[str] = pa.Field(nullable=True, description=N_("Currency of repayments"))
    use_of_proceeds: Series[str] = pa.Field(nullable=True, description=N_("What repayments are spent on"))
    signed: Series[str] = date_field(N_("When the settlement was signed"), nullable=True)
    ratified: Series[str] = date_field(N_("When the creditor's parliament ratified it"), nullable=True)
    source_id: Series[str] = pa.Field(
        description=N_("Source (sources.csv)"), metadata={"references": "sources.source_id"}
    )
    preferred: Series[bool] = pa.Field(description=N_("The row shown by default for this settlement"))
    note: Series[str] = pa.Field(nullable=True, description=N_("Quote or caveat"))

    @pa.dataframe_check(error=N_("signed and ratified must be real calendar dates"))
    def dates_are_real(cls, df: pd.DataFrame) -> pd.Series:
        return real_dates(df, ["signed", "ratified"])

    @pa.dataframe_check(error=N_("ratified must not be before signed"))
    def ratified_after_signed(cls, df: pd.DataFrame) -> pd.Series:
        return df["signed"].isna() | df["ratified"].isna() | (df["ratified"] >= df["signed"])

    @pa.dataframe_check(error=N_("exactly one row per agreement_id must be preferred"))
    def one_preferred(cls, df: pd.DataFrame) -> pd.Series:
        return one_preferred_per(df, ["agreement_id"])

    class Config:
        unique = ["agreement_id", "source_id"]


class Projects(_CuratedTable):
    __doc__ = N_("A project, deal or proposal as one source describes it.")

    project_id: Series[str] = pa.Field(str_matches=ID_PATTERN, description=N_("Key of the project"))
    name: Series[str] = pa.Field(str_length={"min_value": 1}, description=N_("Name shown on the map and tables"))
    category: Series[str] = pa.Field(isin=PROJECT_CATEGORIES, description=N_("Kind of project"))
    status: Series[str] = pa.Field(isin=PROJECT_STATUSES, description=N_("Status as of the source's date"))
    countries: Series[str] = pa.Field(str_matches=COUNTRY_LIST_PATTERN, description=N_("Countries, ISO3 joined by ';'"))
    lat: Series[float] = pa.Field(
        nullable=True, in_range={"min_value": -90, "max_value": 90}, description=N_("Site latitude (WGS84)")
    )
    lon: Series[float] = pa.Field(
        nullable=True, in_range={"min_value": -180, "max_value": 180}, description=N_("Site longitude (WGS84)")
    )
    location_source_id: Series[str] = pa.Field(
        nullable=True,
        description=N_("Source of lat/lon (sources.csv), which is often not the row's source"),
        metadata={"references": "sources.source_id"},
    )
    length_km: Series[float] = pa.Field(nullable=True, ge=0, description=N_("Stated length"), metadata={"unit": "km"})
    capacity: Series[float] = pa.Field(nullable=True, ge=0, description=N_("Stated capacity or quantity"))
    capacity_unit: Series[str] = pa.Field(nullable=True, description=N_("Unit of capacity"))
    cost_usd_m: Series[float] = money_field(N_("Stated cost"), nullable=True)
    partners: Series[str] = pa.Field(nullable=True, description=N_("Companies and bodies involved"))
    announced: Series[str] = date_field(N_("When the source says it was announced or agreed"), nullable=True)
    description: Series[str] = pa.Field(description=N_("What the source says"))
    source_id: Series[str] = pa.Field(
        description=N_("Source (sources.csv)"), metadata={"references": "sources.source_id"}
    )
    preferred: Series[bool] = pa.Field(description=N_("The row shown by default for this project"))

    @pa.dataframe_check(error=N_("announced must be a real calendar date"))
    def announced_is_real(cls, df: pd.DataFrame) -> pd.Series:
        return real_dates(df, ["announced"])

    @pa.dataframe_check(error=N_("lat and lon must both be given or both be empty"))
    def coordinates_paired(cls, df: pd.DataFrame) -> pd.Series:
        return df["lat"].isna() == df["lon"].isna()

    @pa.dataframe_check(error=N_("lat/lon need a location_source_id, and a location_source_id needs lat/lon"))
    def coordinates_cited(cls, df: pd.DataFrame) -> pd.Series:
        return df["lat"].isna() == df["location_source_id"].isna()

    @pa.dataframe_check(error=N_("capacity and capacity_unit must both be given or both be empty"))
    def capacity_has_unit(cls, df: pd.DataFrame) -> pd.Series:
        return df["capacity"].isna() == df["capacity_unit"].isna()

    @pa.dataframe_check(error=N_("exactly one row per project_id must be preferred"))
    def one_preferred(cls, df: pd.DataFrame) -> pd.Series:
        return one_preferred_per(df, ["project_id"])

    class Config:
        unique = ["project_id", "source_id"]


class Routes(_CuratedTable):
    __doc__ = N_("One vertex of a route line (rail, pipeline), in order.")

    route_id: Series[str] = pa.Field(str_matches=ID_PATTERN, description=N_("Key of the route line"))
    project_id: Series[str] = pa.Field(
        description=N_("Project the route belongs to (projects.csv)"), metadata={"references": "projects.project_id"}
    )
    seq: Series[int] = pa.Field(ge=1, description=N_("Order of the vertex along the route, from 1"))
    place: Series[str] = pa.Field(description=N_("Name of the place at this vertex"))
    lat: Series[float] = pa.Field(in_range={"min_value": -90, "max_value": 90}, description=N_("Latitude (WGS84)"))
    lon: Series[float] = pa.Field(in_range={"min_value": -180, "max_value": 180}, description=N_("Longitude (WGS84)"))
    source_id: Series[str] = pa.Field(
        description=N_("Source of the coordinates (sources.csv)"), metadata={"references": "sources.source_id"}
    )
    schematic: Optional[Series[pd.BooleanDtype]] = pa.Field(  # noqa: UP045 (pandera reads Optional)
        nullable=True,
        description=N_(
            "true on every vertex of a route whose path no source gives: the places are sourced, "
            "the line between them is drawn for orientation only (empty = false)"
        ),
    )

    track_km: Optional[Series[float]] = pa.Field(  # noqa: UP045 (pandera reads Optional)
        nullable=True,
        ge=0,
        description=N_(
            "Distance along the track from the previous vertex, as track_source_id gives it (km posts); "
            "empty = no source gives it, and the length uses the straight leg"
        ),
        metadata={"unit": "km"},
    )
    track_source_id: Optional[Series[str]] = pa.Field(  # noqa: UP045 (pandera reads Optional)
        nullable=True,
        description=N_("Source of track_km (sources.csv); set exactly when track_km is"),
        metadata={"references": "sources.source_id"},
    )

    leg_note: Optional[Series[str]] = pa.Field(  # noqa: UP045 (pandera reads Optional)
        nullable=True,
        description=N_(
            "Why the leg from the previous vertex is drawn as it is where the map could mislead (e.g. it "
            "seems to cross a third country at the outlines' 1:110m scale), citing its source; shown on the map"
        ),
    )

    @pa.dataframe_check(error=N_("track_km needs a track_source_id, and a track_source_id needs a track_km"))
    def track_km_is_sourced(cls, df: pd.DataFrame) -> pd.Series:
        if "track_km" not in df.columns and "track_source_id" not in df.columns:
            return pd.Series(True, index=df.index)
        distance = df["track_km"] if "track_km" in df.columns else pd.Series(float("nan"), index=df.index)
        source = df["track_source_id"] if "track_source_id" in df.columns else pd.Series(None, index=df.index)
        return distance.notna() == source.notna()

    @pa.dataframe_check(error=N_("the first vertex of a route has no previous vertex, so no track_km"))
    def no_track_km_before_the_first_vertex(cls, df: pd.DataFrame) -> pd.Series:
        if "track_km" not in df.columns:
            return pd.Series(True, index=df.index)
        first = df["seq"] == df.groupby("route_id")["seq"].transform("min")
        return ~(first & df["track_km"].notna())

    @pa.dataframe_check(error=N_("schematic must be the same on every vertex of a route"))
    def schematic_per_route(cls, df: pd.DataFrame) -> pd.Series:
        if "schematic" not in df.columns:
            return pd.Series(True, index=df.index)
        flags = df["schematic"].fillna(False).astype(bool)
        return flags.groupby(df["route_id"]).transform("nunique") == 1

    class Config:
        unique = ["route_id", "seq"]


class Events(_CuratedTable):
    __doc__ = N_("A dated event as one source dates it.")

    event_id: Series[str] = pa.Field(str_matches=ID_PATTERN, description=N_("Key of the event"))
    start: Series[str] = date_field(N_("First day (first of month/year when less precise)"))
    end: Series[str] = date_field(N_("Last day of a ranged event; empty for one-day events"), nullable=True)
    date_precision: Series[str] = pa.Field(isin=DATE_PRECISIONS, description=N_("day, month or year"))
    title: Series[str] = pa.Field(str_length={"min_value": 1}, description=N_("Short title"))
    category: Series[str] = pa.Field(isin=EVENT_CATEGORIES, description=N_("Kind of event"))
    actors: Series[str] = pa.Field(
        str_matches=COUNTRY_LIST_PATTERN, description=N_("Countries acting, ISO3 joined by ';'")
    )
    location: Series[str] = pa.Field(nullable=True, description=N_("Where it happened"))
    description: Series[str] = pa.Field(nullable=True, description=N_("What the source says"))
    source_id: Series[str] = pa.Field(
        description=N_("Source (sources.csv)"), metadata={"references": "sources.source_id"}
    )
    preferred: Series[bool] = pa.Field(description=N_("The dating shown by default where sources differ"))

    @pa.dataframe_check(error=N_("start and end must be real calendar dates"))
    def dates_are_real(cls, df: pd.DataFrame) -> pd.Series:
        return real_dates(df, ["start", "end"])

    @pa.dataframe_check(error=N_("end must not be before start"))
    def end_after_start(cls, df: pd.DataFrame) -> pd.Series:
        return df["end"].isna() | (df["end"] >= df["start"])

    @pa.dataframe_check(error=N_("a month- or year-precision start must be the first day of that month or year"))
    def precision_matches_start(cls, df: pd.DataFrame) -> pd.Series:
        day_ok = df["start"].str[8:10] == "01"
        month_ok = df["start"].str[5:7] == "01"
        return (
            (df["date_precision"] == "day")
            | ((df["date_precision"] == "month") & day_ok)
            | ((df["date_precision"] == "year") & day_ok & month_ok)
        )

    @pa.dataframe_check(error=N_("exactly one row per event_id must be preferred"))
    def one_preferred(cls, df: pd.DataFrame) -> pd.Series:
        return one_preferred_per(df, ["event_id"])

    class Config:
        unique = ["event_id", "source_id"]


MODELS: dict[str, type[pa.DataFrameModel]] = {
    "sources": Sources,
    "trade": Trade,
    "targets": Targets,
    "debt": Debt,
    "projects": Projects,
    "routes": Routes,
    "events": Events,
    "outcomes": Outcomes,
    "indicators": Indicators,
}
# The curated tables, in the order the Data page lists them: the one registry of table names.
TABLE_NAMES = tuple(MODELS)


def date_columns(name: str) -> list[str]:
    """Columns of table ``name`` that hold ISO dates (converted to datetime after validation)."""
    columns = MODELS[name].to_schema().columns
    return [column for column, spec in columns.items() if (spec.metadata or {}).get("is_date")]


def primary_key(name: str) -> list[str]:
    """The columns that identify one row of table ``name``."""
    schema = MODELS[name].to_schema()
    if schema.unique:
        return list(schema.unique)
    return [column for column, spec in schema.columns.items() if spec.unique]


def foreign_keys(name: str) -> list[tuple[str, str, str]]:
    """``(column, table, key column)`` for each column of table ``name`` whose values must exist in another
    table, e.g. ``("source_id", "sources", "source_id")``; empty cells refer to nothing."""
    keys = []
    for column, spec in MODELS[name].to_schema().columns.items():
        reference = (spec.metadata or {}).get("references")
        if reference:
            table, key = reference.split(".")
            keys.append((column, table, key))
    return keys


def table_description(name: str) -> str:
    """What one row of table ``name`` is (the model's docstring)."""
    return (MODELS[name].__doc__ or "").strip()
