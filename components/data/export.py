"""CSV export that spreadsheets cannot execute: formula-leading text cells are neutralised."""

import csv
import unicodedata

import pandas as pd

# OWASP CSV injection: a cell a spreadsheet may read as a formula or a control sequence.
FORMULA_LEADERS = ("=", "+", "-", "@", "\t", "\r", "\n")
NEUTRALISING_PREFIX = "'"
# Characters a reader does not see before the first visible one; white space is every ``str.isspace``
# character (ASCII space, no-break U+00A0, ideographic U+3000 …).
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def formula_risk(text: str) -> bool:
    """True when ``text`` could start a formula: a control character among its leading blanks, or a first
    visible character that is, or (NFKC) folds to, ``= + - @``: some spreadsheets read the full-width
    ``＝ ＋ － ＠`` as their ASCII forms."""
    for character in text:
        if character in FORMULA_LEADERS:
            return True
        if character.isspace() or character in _INVISIBLE:
            continue
        return unicodedata.normalize("NFKC", character).startswith(FORMULA_LEADERS)
    return False


def neutralise_cell(text: str) -> str:
    """Prefix ``text`` with ``'`` when it could start a formula (see ``formula_risk``)."""
    return NEUTRALISING_PREFIX + text if formula_risk(text) else text


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
