"""The ``trade.csv`` model, in a module of its own: one annual flow as one source reports it, and the rule
that a zero is a stated nil (flagged and quoted), never a placeholder for a year no source gives."""

from typing import Optional

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from components.data.fields import money_field, one_preferred_per
from components.data.vocabularies import COUNTRY_CODES, FLOWS
from components.i18n import N_

# A note quotes its source when it holds a passage between quotation marks.
QUOTE_PATTERN = r"[\"“«「'‘].{3,}[\"”»」'’]"
# An analyst's own file (components/analysis/uploads.py) is read as it is: its zeros are the file's.
UPLOAD_PREFIX = "upload:"


def keeps_stated_nil_rule(df: pd.DataFrame) -> pd.Series:
    """True on each row that keeps the stated-nil rule: a zero value needs ``stated_nil`` true and a quoted
    note, and ``stated_nil`` true needs a zero value. Rows citing an upload are exempt."""
    flags = df["stated_nil"] if "stated_nil" in df.columns else pd.Series(False, index=df.index)
    flags = flags.fillna(False).astype(bool)
    zero = df["value_usd_m"] == 0
    quoted = df["note"].fillna("").astype(str).str.contains(QUOTE_PATTERN, regex=True)
    upload = df["source_id"].astype(str).str.startswith(UPLOAD_PREFIX)
    return upload | (zero == flags) & (~flags | quoted)


class Trade(pa.DataFrameModel):
    __doc__ = N_("One annual trade flow as one source reports it.")

    year: Series[int] = pa.Field(ge=1945, le=2100, description=N_("Calendar year"))
    reporter: Series[str] = pa.Field(isin=COUNTRY_CODES, description=N_("Side the flow is seen from (ISO3)"))
    partner: Series[str] = pa.Field(isin=COUNTRY_CODES, description=N_("Partner country (ISO3)"))
    flow: Series[str] = pa.Field(isin=FLOWS, description=N_("export / import from the reporter's side, or total"))
    value_usd_m: Series[float] = money_field(N_("Value of the flow in the year; 0 only for a stated nil"))
    growth_pct_stated: Series[float] = pa.Field(
        nullable=True,
        ge=-100,
        description=N_("Year-on-year growth as the source states it (not computed)"),
        metadata={"unit": "percent"},
    )
    source_id: Series[str] = pa.Field(
        description=N_("Source of the figure (sources.csv)"), metadata={"references": "sources.source_id"}
    )
    preferred: Series[bool] = pa.Field(
        description=N_("The row the dashboard shows by default for this year, pair and flow")
    )
    note: Series[str] = pa.Field(nullable=True, description=N_("Quote or caveat"))
    # Optional so that a trade.csv without the column still loads (empty = not an estimate).
    estimate: Optional[Series[pd.BooleanDtype]] = pa.Field(  # noqa: UP045 (pandera reads Optional)
        nullable=True,
        description=N_("true when the source gives the figure as someone's estimate, not customs or official data"),
    )
    stated_nil: Optional[Series[pd.BooleanDtype]] = pa.Field(  # noqa: UP045 (pandera reads Optional)
        nullable=True,
        description=N_(
            "true when the source states the flow was nil: the value is 0 and the note quotes the "
            "source; a zero without it is refused (a year no source gives is left out, never stored as 0)"
        ),
    )

    @pa.dataframe_check(error=N_("reporter and partner must differ"))
    def distinct_partners(cls, df: pd.DataFrame) -> pd.Series:
        return df["reporter"] != df["partner"]

    @pa.dataframe_check(error=N_("exactly one row per year, reporter, partner and flow must be preferred"))
    def one_preferred(cls, df: pd.DataFrame) -> pd.Series:
        return one_preferred_per(df, ["year", "reporter", "partner", "flow"])

    @pa.dataframe_check(
        error=N_("a zero value needs stated_nil=true and a note quoting the source; stated_nil=true needs a zero value")
    )
    def zero_is_a_stated_nil(cls, df: pd.DataFrame) -> pd.Series:
        return keeps_stated_nil_rule(df)

    class Config:
        strict = True
        coerce = True
        unique = ["year", "reporter", "partner", "flow", "source_id"]
