"""The pandera model of ``outcomes.csv``: what came of each announcement of the 2014 article, one row per
announcement per source. Registered in ``schema.MODELS`` like every other table."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from components.data.fields import ID_PATTERN, date_field, one_preferred_per, real_dates
from components.data.vocabularies import ANNOUNCEMENT_CATEGORIES, DATE_PRECISIONS, OUTCOMES
from components.i18n import N_

# A "no public record since" row says what was searched and when, e.g. "Searched on 2026-12-04 (…): '…'".
SEARCH_RECORD_PATTERN = r"Searched on \d{4}-\d{2}-\d{2}"


def precision_matches(dates: pd.Series, precisions: pd.Series) -> pd.Series:
    """A month- or year-precision date is the first day of its month or year; empty dates pass."""
    text = dates.astype("string")
    day_ok = text.str[8:10] == "01"
    month_ok = text.str[5:7] == "01"
    return (
        dates.isna()
        | (precisions == "day")
        | ((precisions == "month") & day_ok)
        | ((precisions == "year") & day_ok & month_ok)
    ).fillna(False)


def _reference(description: str, target: str):
    return pa.Field(nullable=True, description=description, metadata={"references": target})


class Outcomes(pa.DataFrameModel):
    __doc__ = N_("What came of one announcement of the 2014 article, as one source's evidence shows it.")

    announcement_id: Series[str] = pa.Field(str_matches=ID_PATTERN, description=N_("Key of the announcement"))
    category: Series[str] = pa.Field(isin=ANNOUNCEMENT_CATEGORIES, description=N_("Kind of announcement"))
    title: Series[str] = pa.Field(str_length={"min_value": 1}, description=N_("What was announced, with its figure"))
    article_quote: Series[str] = pa.Field(str_length={"min_value": 1}, description=N_("The article's words"))
    article_locator: Series[str] = pa.Field(description=N_("Where in the article (point, footnote, principle)"))
    announced: Series[str] = date_field(N_("When it was announced (first day of the month or year when less precise)"))
    announced_precision: Series[str] = pa.Field(isin=DATE_PRECISIONS, description=N_("day, month or year"))
    announced_by: Series[str] = pa.Field(description=N_("Who announced it, as the article says"))
    deadline: Series[str] = date_field(N_("The deadline the article states; empty when it states none"), nullable=True)
    deadline_precision: Series[str] = pa.Field(
        isin=DATE_PRECISIONS, nullable=True, description=N_("day, month or year; set exactly when deadline is")
    )
    deadline_stated: Series[str] = pa.Field(nullable=True, description=N_("The deadline in the article's words"))
    outcome: Series[str] = pa.Field(isin=OUTCOMES, description=N_("What came of it (data/README.md defines each)"))
    as_of: Series[str] = date_field(N_("Date of the evidence: publication, or the fact it reports when undated"))
    as_of_precision: Series[str] = pa.Field(isin=DATE_PRECISIONS, description=N_("day, month or year"))
    evidence: Series[str] = pa.Field(str_length={"min_value": 1}, description=N_("The evidence in one line, quoted"))
    source_id: Series[str] = pa.Field(
        description=N_("Source (sources.csv)"), metadata={"references": "sources.source_id"}
    )
    target_id: Series[str] = _reference(N_("The target it concerns (targets.csv)"), "targets.target_id")
    agreement_id: Series[str] = _reference(N_("The debt settlement it concerns (debt.csv)"), "debt.agreement_id")
    project_id: Series[str] = _reference(N_("The project it concerns (projects.csv)"), "projects.project_id")
    event_id: Series[str] = _reference(N_("The event that dates it best (events.csv)"), "events.event_id")
    preferred: Series[bool] = pa.Field(description=N_("The outcome shown by default where sources disagree"))
    note: Series[str] = pa.Field(
        nullable=True, description=N_("Caveats; for no_public_record, what was searched and when")
    )

    @pa.dataframe_check(error=N_("announced, deadline and as_of must be real calendar dates"))
    def dates_are_real(cls, df: pd.DataFrame) -> pd.Series:
        return real_dates(df, ["announced", "deadline", "as_of"])

    @pa.dataframe_check(error=N_("a month- or year-precision date must be the first day of that month or year"))
    def precisions_match(cls, df: pd.DataFrame) -> pd.Series:
        return (
            precision_matches(df["announced"], df["announced_precision"])
            & precision_matches(df["deadline"], df["deadline_precision"])
            & precision_matches(df["as_of"], df["as_of_precision"])
        )

    @pa.dataframe_check(error=N_("deadline and deadline_precision must both be given or both be empty"))
    def deadline_has_precision(cls, df: pd.DataFrame) -> pd.Series:
        return df["deadline"].isna() == df["deadline_precision"].isna()

    @pa.dataframe_check(error=N_("the evidence (as_of) cannot be dated before the announcement"))
    def evidence_after_announcement(cls, df: pd.DataFrame) -> pd.Series:
        return df["as_of"] >= df["announced"]

    @pa.dataframe_check(error=N_("no_public_record needs the search in the note: 'Searched on YYYY-MM-DD …'"))
    def no_record_has_search(cls, df: pd.DataFrame) -> pd.Series:
        searched = df["note"].fillna("").str.contains(SEARCH_RECORD_PATTERN, regex=True)
        return (df["outcome"] != "no_public_record") | searched

    @pa.dataframe_check(error=N_("exactly one row per announcement_id must be preferred"))
    def one_preferred(cls, df: pd.DataFrame) -> pd.Series:
        return one_preferred_per(df, ["announcement_id"])

    class Config:
        strict = True
        coerce = True
        unique = ["announcement_id", "source_id"]
