"""CSV export that spreadsheets cannot execute: formula-leading text cells are neutralised."""

import csv

import pandas as pd

# OWASP CSV injection: a cell a spreadsheet may read as a formula or a control sequence.
FORMULA_LEADERS = ("=", "+", "-", "@", "\t", "\r", "\n")
NEUTRALISING_PREFIX = "'"


def neutralise_cell(text: str) -> str:
    """Prefix ``text`` with ``'`` when it (or its first non-space character) could start a formula."""
    if text.startswith(FORMULA_LEADERS) or text.lstrip(" ").startswith(FORMULA_LEADERS):
        return NEUTRALISING_PREFIX + text
    return text


def _export_column(column: pd.Series) -> pd.Series:
    if pd.api.types.is_bool_dtype(column) or pd.api.types.is_numeric_dtype(column):
        return column
    if pd.api.types.is_datetime64_any_dtype(column):
        return column.dt.strftime("%Y-%m-%d")
    return column.map(lambda value: neutralise_cell(str(value)) if isinstance(value, str) else value)


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with text cells neutralised and dates as ``YYYY-MM-DD``; numbers untouched."""
    return frame.apply(_export_column) if len(frame.columns) else frame.copy()


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV of ``frame`` (every field quoted) that is safe to open in a spreadsheet."""
    exported = safe_frame(frame)
    column_names = [neutralise_cell(str(name)) for name in exported.columns]
    return exported.to_csv(index=False, header=column_names, quoting=csv.QUOTE_ALL, lineterminator="\n").encode("utf-8")
