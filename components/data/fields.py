"""What the models are written with: the id, date and country-list patterns, the date and money field
builders, and the row checks several models share (real calendar dates, one preferred row per fact)."""

import datetime as dt

import pandas as pd
import pandera.pandas as pa

ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"
ISO_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
COUNTRY_LIST_PATTERN = r"^[A-Z]{3}(;[A-Z]{3})*$"


def is_calendar_date(text) -> bool:
    """True when ``text`` is empty or a real calendar date written ``YYYY-MM-DD``."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return True
    try:
        dt.date.fromisoformat(str(text))
    except ValueError:
        return False
    return len(str(text)) == 10


def date_field(description: str, nullable: bool = False):
    """A column holding an ISO date as text; checked here, converted to datetime by the loader."""
    return pa.Field(
        str_matches=ISO_DATE_PATTERN,
        nullable=nullable,
        description=description,
        metadata={"unit": "date (YYYY-MM-DD)", "is_date": True},
    )


def money_field(description: str, nullable: bool = False):
    """A non-negative amount in millions of current US dollars."""
    return pa.Field(ge=0, nullable=nullable, description=description, metadata={"unit": "USD million"})


def one_preferred_per(df: pd.DataFrame, keys: list[str]) -> pd.Series:
    """Rows of a fact group whose ``preferred`` count is not exactly one fail."""
    preferred_count = df.groupby(keys, dropna=False)["preferred"].transform("sum")
    return preferred_count == 1


def real_dates(df: pd.DataFrame, columns: list[str]) -> pd.Series:
    """Rows whose ``columns`` are each empty or a real calendar date pass."""
    return df[columns].map(is_calendar_date).all(axis=1)
