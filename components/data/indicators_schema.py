"""The pandera model of ``indicators.csv``: how the projects performed, one yearly figure per series per
source (cargo on the Khasan–Rajin line, DPRK workers in Russia, Russian visitors to the DPRK). Registered in
``schema.MODELS`` like every other table."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from components.data.fields import date_field, one_preferred_per, real_dates
from components.data.outcomes_schema import precision_matches
from components.data.vocabularies import (
    DATE_PRECISIONS,
    INDICATOR_PERIODS,
    INDICATOR_UNITS,
    VALUE_PRECISIONS,
)
from components.i18n import N_


def unit_matches(df: pd.DataFrame) -> pd.Series:
    """True on each row whose ``unit`` is its series' one unit (``vocabularies.INDICATOR_UNITS``)."""
    return df["unit"] == df["indicator_id"].map(INDICATOR_UNITS)


def as_of_matches_period(df: pd.DataFrame) -> pd.Series:
    """A count on a date (``point_in_time``) gives that date, in the row's year; a flow over the calendar
    year gives none."""
    dated = df["as_of"].notna() & df["as_of_precision"].notna()
    undated = df["as_of"].isna() & df["as_of_precision"].isna()
    same_year = df["as_of"].astype("string").str[:4] == df["year"].astype("string")
    point = df["period"] == "point_in_time"
    return (point & dated & same_year.fillna(False)) | (~point & undated)


class Indicators(pa.DataFrameModel):
    __doc__ = N_(
        "One yearly figure of how a project performed (cargo carried, workers, visitors) as one source states it."
    )

    indicator_id: Series[str] = pa.Field(isin=tuple(INDICATOR_UNITS), description=N_("The series the figure is in"))
    year: Series[int] = pa.Field(ge=1990, le=2100, description=N_("The year the figure is for"))
    value: Series[float] = pa.Field(
        gt=0,
        description=N_(
            "The figure as the source states it, in unit; a year no source gives is left out, never stored as 0"
        ),
        metadata={"unit": "the row's unit"},
    )
    unit: Series[str] = pa.Field(isin=("tonnes", "persons", "trips"), description=N_("tonnes, persons or trips"))
    period: Series[str] = pa.Field(
        isin=INDICATOR_PERIODS,
        description=N_("calendar_year: a flow over the year; point_in_time: a count on the as_of date"),
    )
    as_of: Series[str] = date_field(
        N_("The date a point-in-time count is for; empty for a calendar year"), nullable=True
    )
    as_of_precision: Series[str] = pa.Field(
        isin=DATE_PRECISIONS, nullable=True, description=N_("day, month or year; set exactly when as_of is")
    )
    precision: Series[str] = pa.Field(
        isin=VALUE_PRECISIONS,
        description=N_("exact, approximate ('about') or lower_bound ('more than'), as the source words it"),
    )
    source_id: Series[str] = pa.Field(
        description=N_("Source of the figure (sources.csv)"), metadata={"references": "sources.source_id"}
    )
    preferred: Series[bool] = pa.Field(
        description=N_("The figure shown by default where sources give the same series and year")
    )
    quote: Series[str] = pa.Field(
        str_length={"min_value": 10}, description=N_("The source's words that state the figure, verbatim")
    )
    note: Series[str] = pa.Field(nullable=True, description=N_("What the figure counts, caveats, the copy read"))

    @pa.dataframe_check(error=N_("unit must be the series' unit (tonnes for cargo, persons, trips)"))
    def one_unit_per_series(cls, df: pd.DataFrame) -> pd.Series:
        return unit_matches(df)

    @pa.dataframe_check(error=N_("as_of must be a real calendar date"))
    def as_of_is_real(cls, df: pd.DataFrame) -> pd.Series:
        return real_dates(df, ["as_of"])

    @pa.dataframe_check(
        error=N_("a point_in_time figure needs as_of and as_of_precision in its year; a calendar_year one neither")
    )
    def as_of_fits_period(cls, df: pd.DataFrame) -> pd.Series:
        return as_of_matches_period(df)

    @pa.dataframe_check(error=N_("a month- or year-precision as_of must be the first day of that month or year"))
    def as_of_precision_matches(cls, df: pd.DataFrame) -> pd.Series:
        return precision_matches(df["as_of"], df["as_of_precision"])

    @pa.dataframe_check(error=N_("exactly one row per indicator_id and year must be preferred"))
    def one_preferred(cls, df: pd.DataFrame) -> pd.Series:
        return one_preferred_per(df, ["indicator_id", "year"])

    class Config:
        strict = True
        coerce = True
        unique = ["indicator_id", "year", "source_id"]
