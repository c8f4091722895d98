"""Tables as the reader sees them: human column headers and values, lists joined, missing values left to
the page's placeholder (an en dash), never the word "None". Exports keep the raw frame with its ids.
"""

from collections.abc import Mapping

import pandas as pd

from components.data.vocabularies import PROJECT_STATUSES

# Coded values with a human label; codes not listed are shown as they are.
VALUE_LABELS: dict[str, dict[str, str]] = {
    "status": {status: status.replace("_", " ").capitalize() for status in PROJECT_STATUSES},
    "feature": {"route": "Route", "site": "Site"},
}
# Columns whose codes read well capitalised (rail → Rail, export → Export).
CAPITALISED_COLUMNS = ("category", "flow", "date_precision")

COLUMN_LABELS = {
    "name": "Name",
    "feature": "Feature",
    "category": "Category",
    "status": "Status",
    "geometry": "Geometry",
    "source_id": "Source id",
    "source_ids": "Source ids",
    "other_source_rows": "Other source rows",
    "stated_length_km": "Stated length (km)",
    "computed_length_km": "Computed length (km)",
    "cost_usd_m": "Cost (USD m)",
    "value_usd_m": "Value (USD m)",
    "date_precision": "Date precision",
}

_UNIT_SUFFIXES = (("_usd_m", " (USD m)"), ("_km", " (km)"), ("_pct", " (%)"))


def column_label(column: str) -> str:
    """A column's header for the page: its entry in ``COLUMN_LABELS``, else the name spelled out
    (``baseline_usd_m`` → ``Baseline (USD m)``)."""
    if column in COLUMN_LABELS:
        return COLUMN_LABELS[column]
    words, suffix = str(column), ""
    for ending, unit in _UNIT_SUFFIXES:
        if words.endswith(ending) and words != ending:
            words, suffix = words[: -len(ending)], unit
            break
    words = words.replace("_", " ").strip()
    return (words[:1].upper() + words[1:] + suffix) if words else str(column)


def _readable(value, labels: Mapping[str, str] | None, capitalise: bool):
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value if item is not None and not _is_missing(item))
        return value or pd.NA
    if _is_missing(value):
        return pd.NA
    if isinstance(value, str) and labels is not None:
        return labels.get(value, value)
    if isinstance(value, str) and capitalise:
        return value[:1].upper() + value[1:]
    return value


def _is_missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def display_frame(
    frame: pd.DataFrame, value_labels: Mapping[str, Mapping[str, str]] | None = None, codes: bool = False
) -> pd.DataFrame:
    """A copy of ``frame`` to show: coded values replaced by their labels (``VALUE_LABELS`` and
    ``value_labels``; with ``codes``, left as they are), list cells joined with ``; ``, and every
    missing value (``None``, ``NaN``, an empty list) a real missing value, which the page draws as
    ``formats.MISSING``.

    Numeric and date columns keep their type, so the table still sorts them as numbers and dates.
    """
    labels = {} if codes else {**VALUE_LABELS, **(value_labels or {})}
    shown = frame.copy()
    for column in shown.columns:
        if not (pd.api.types.is_object_dtype(shown[column]) or pd.api.types.is_string_dtype(shown[column])):
            continue
        column_labels = labels.get(column)
        capitalise = column in CAPITALISED_COLUMNS and not codes
        shown[column] = shown[column].map(lambda value, cl=column_labels, cap=capitalise: _readable(value, cl, cap))
    return shown


def column_headers(frame: pd.DataFrame) -> dict[str, str]:
    """``{column: header}`` for every column of ``frame``, for ``st.column_config``."""
    return {column: column_label(column) for column in frame.columns}
