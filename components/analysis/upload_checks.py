"""The checks on an upload's long table: values, years, duplicate keys, whole years of months and the
dashboard's countries, then the trade schema itself. Each refuses with an ``UploadError`` naming line and
column, or sets rows aside with a note."""

import re

import numpy as np
import pandas as pd
import pandera.pandas as pa

from components.analysis.upload_errors import UploadError
from components.analysis.upload_formats import TOTAL_CODE
from components.data.loader import listed_problems, schema_problems
from components.data.schema import Trade
from components.data.vocabularies import COUNTRY_CODES
from components.i18n import _, ngettext

YEAR_RANGE = (1900, 2100)
MONTHS = frozenset(range(1, 13))
KEY = ["year", "reporter", "partner", "flow", "code"]


def rows_phrase(count) -> str:
    """``1 row``, ``2 rows``: a count of rows in words for the notes."""
    return ngettext("{n} row", "{n} rows", int(count)).format(n=int(count))


def checked_values(long: pd.DataFrame, row_word: str, decimal_comma: bool) -> pd.Series:
    """The value column as numbers in USD million; ``UploadError`` naming each bad cell."""
    text = long["value_text"]
    if decimal_comma:
        text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    numbers = pd.to_numeric(text.str.replace("\u00a0", "", regex=False), errors="coerce")
    column = long["value_column"].iloc[0]
    problems = []
    lowered = long["value_text"].str.lower()
    blank = long["value_text"] == ""
    named_nan = lowered.isin({"nan", "na", "n/a", "null", "none", "-nan"})
    not_number = numbers.isna() & ~blank & ~named_nan
    for line, value in zip(long.loc[not_number, "line"], long.loc[not_number, "value_text"], strict=True):
        hint = _(" (a formula; save values, not formulas)") if value.startswith("=") else ""
        problems.append(
            _("{row_word} {line}, column '{column}': {value} is not a number{hint}.").format(
                row_word=row_word, line=line, column=column, value=repr(value), hint=hint
            )
        )
    for line in long.loc[blank | named_nan, "line"]:
        problems.append(
            _("{row_word} {line}, column '{column}': the value is empty or NaN; give a number.").format(
                row_word=row_word, line=line, column=column
            )
        )
    infinite = np.isinf(numbers)
    for line in long.loc[infinite, "line"]:
        problems.append(
            _("{row_word} {line}, column '{column}': the value is infinite.").format(
                row_word=row_word, line=line, column=column
            )
        )
    negative = numbers < 0
    for line, value in zip(long.loc[negative, "line"], long.loc[negative, "value_text"], strict=True):
        problems.append(
            _("{row_word} {line}, column '{column}': {value} is negative; trade values cannot be.").format(
                row_word=row_word, line=line, column=column, value=value
            )
        )
    if problems:
        raise UploadError(listed_problems(sorted(problems, key=_line_order)))
    return numbers * long["scale"]


def _line_order(problem: str) -> int:
    match = re.search(r"\d+", problem)
    return int(match[0]) if match else 0


def uses_decimal_comma(values: pd.Series) -> bool:
    """True when the values use a comma as decimal mark (``1,5``) and none a point (``1.5``)."""
    commas = values.str.fullmatch(r"-?[\d.]*\d,\d+")
    points = values.str.fullmatch(r"-?\d+\.\d+")
    return bool(commas.any()) and not bool(points.any())


def checked_years(long: pd.DataFrame, row_word: str, column: str) -> pd.Series:
    """The year column as integers; ``UploadError`` naming each cell that is not a year in ``YEAR_RANGE``."""
    years = pd.to_numeric(long["year"], errors="coerce")
    problems = []
    bad = years.isna() | (years % 1 != 0)
    for line, value in zip(long.loc[bad, "line"], long.loc[bad, "year"], strict=True):
        problems.append(
            _("{row_word} {line}, column '{column}': {value} is not a year.").format(
                row_word=row_word, line=line, column=column, value=repr(value)
            )
        )
    outside = ~bad & ~years.between(*YEAR_RANGE)
    for line, value in zip(long.loc[outside, "line"], long.loc[outside, "year"], strict=True):
        low, high = YEAR_RANGE
        problems.append(
            _("{row_word} {line}, column '{column}': year {value} is outside {low}–{high}.").format(
                row_word=row_word, line=line, column=column, value=value, low=low, high=high
            )
        )
    if problems:
        raise UploadError(listed_problems(sorted(problems, key=_line_order)))
    return years.astype(int)


def refuse_duplicates(long: pd.DataFrame, row_word: str) -> None:
    """``UploadError`` naming the lines of each key (year or month, pair, flow, commodity) given twice."""
    key = [*KEY, "month"]
    repeated = long[long.duplicated(key, keep=False)]
    if repeated.empty:
        return
    problems = []
    for values, group in repeated.groupby(key, dropna=False, sort=False):
        year, reporter, partner, flow, code, month = values
        when = f"{year}" if pd.isna(month) else f"{year}-{int(month):02d}"
        lines = ", ".join(str(line) for line in group["line"])
        problems.append(
            _(
                "Duplicate key: {rows_word} {lines} all give {when}, {reporter}→{partner}, {flow}, {code}; "
                "keep one row per year (or month), reporter, partner, flow and commodity."
            ).format(
                rows_word=_("sheet rows") if row_word == _("Sheet row") else _("lines"),
                lines=lines,
                when=when,
                reporter=reporter,
                partner=partner,
                flow=flow,
                code=code,
            )
        )
    raise UploadError(listed_problems(problems))


def annual_rows(long: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """Annual rows as they are; monthly rows summed into a year where all twelve months are present."""
    long = long[[*KEY, "month", "value_usd_m", "line", "note"]]
    monthly = long["month"].notna()
    annual = long[~monthly]
    if not monthly.any():
        return annual
    months = long[monthly]
    grouped = months.groupby(KEY, sort=True).agg(
        value_usd_m=("value_usd_m", "sum"),
        line=("line", "min"),
        note=("note", "first"),
        months=("month", lambda values: frozenset(int(value) for value in values)),
    )
    complete = grouped["months"].map(lambda present: present >= MONTHS)
    for (year, reporter, partner, flow, code), row in grouped[~complete].iterrows():
        missing = ", ".join(str(month) for month in sorted(MONTHS - row["months"]))
        notes.append(
            _(
                "{year} {reporter}→{partner} {flow} ({code}): months {missing} are missing, so the year is left "
                "out (monthly rows are summed only when all twelve are present)."
            ).format(year=year, reporter=reporter, partner=partner, flow=flow, code=code, missing=missing)
        )
    summed = grouped[complete].drop(columns="months").reset_index()
    summed["month"] = np.nan
    overlap = summed.merge(annual[KEY], on=KEY)
    if not overlap.empty:
        first = overlap.iloc[0]
        raise UploadError(
            [
                _(
                    "The file gives both annual and monthly rows for {year} {reporter}→{partner} {flow} ({code}); "
                    "keep one or the other."
                ).format(
                    year=first["year"],
                    reporter=first["reporter"],
                    partner=first["partner"],
                    flow=first["flow"],
                    code=first["code"],
                )
            ]
        )
    return pd.concat([annual, summed[annual.columns]], ignore_index=True)


def keep_dashboard_pairs(long: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """Rows between two of the dashboard's countries (the others noted as left out); ``UploadError`` when none."""
    known = long["reporter"].isin(COUNTRY_CODES) & long["partner"].isin(COUNTRY_CODES)
    if known.all():
        return long
    others = sorted((set(long.loc[~known, "reporter"]) | set(long.loc[~known, "partner"])) - set(COUNTRY_CODES))
    if not known.any():
        raise UploadError(
            [
                _("No row is between two of the dashboard's countries ({countries}); the file names {named}.").format(
                    countries=", ".join(COUNTRY_CODES), named=", ".join(repr(code) for code in others[:10])
                )
            ]
        )
    notes.append(
        _("{rows} with other countries or areas ({others}) were left out: the dashboard covers {countries}.").format(
            rows=rows_phrase((~known).sum()), others=", ".join(others[:10]), countries=", ".join(COUNTRY_CODES)
        )
    )
    return long[known]


def validated_trade(annual: pd.DataFrame, source_id: str, row_word: str) -> pd.DataFrame:
    """The file's TOTAL rows as trade-schema rows, checked by the curated data's own schema."""
    totals = annual[annual["code"] == TOTAL_CODE]
    trade = pd.DataFrame(
        {
            "year": totals["year"].astype(int),
            "reporter": totals["reporter"],
            "partner": totals["partner"],
            "flow": totals["flow"],
            "value_usd_m": totals["value_usd_m"].astype(float),
            "growth_pct_stated": np.nan,
            "source_id": source_id,
            "preferred": True,
            "note": totals["note"].replace("", np.nan),
            # An uploaded figure is the file's own; the dashboard does not call it an estimate.
            "estimate": pd.array([False] * len(totals), dtype="boolean"),
            # Nor a stated nil: a zero in the file is the file's own figure.
            "stated_nil": pd.array([False] * len(totals), dtype="boolean"),
        }
    )
    # The index becomes the file line less two, so the schema's "line N" names the file's own line.
    trade.index = pd.Index(totals["line"].astype(int) - 2)
    try:
        validated = Trade.validate(trade, lazy=True)
    except pa.errors.SchemaErrors as errors:
        problems = [problem.replace("line ", f"{row_word.lower()} ", 1) for problem in schema_problems(errors)]
        raise UploadError(listed_problems(problems)) from None
    return validated.sort_values(["reporter", "partner", "flow", "year"]).reset_index(drop=True)
