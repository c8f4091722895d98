"""Tables as the reader sees them: human column headers and values, lists joined, missing values left to
the page's placeholder (an en dash), never the word "None". Exports keep the raw frame with its ids.
"""

from collections.abc import Mapping

import pandas as pd

from components.data.vocabularies import PROJECT_STATUSES, vocabulary_label
from components.i18n import N_, _

# Coded values with a human label (shown with ``_``); codes not listed are shown as they are.
VALUE_LABELS: dict[str, dict[str, str]] = {
    "feature": {"route": N_("Route"), "site": N_("Site")},
}
# Columns of a closed list (``vocabularies``), shown by ``vocabulary_label`` (rail → Rail, export → Export);
# a status that is not in its list is shown as it is.
VOCABULARY_COLUMNS = {"status": PROJECT_STATUSES, "category": True, "flow": True, "date_precision": True}

# Headers in English, shown with ``_`` (``column_label``).
COLUMN_LABELS = {
    "name": N_("Name"),
    "feature": N_("Feature"),
    "category": N_("Category"),
    "status": N_("Status"),
    "geometry": N_("Geometry"),
    "source_id": N_("Source id"),
    "source_ids": N_("Source ids"),
    "other_source_rows": N_("Other source rows"),
    "stated_length_km": N_("Stated length (km)"),
    "computed_length_km": N_("Computed length (km)"),
    "cost_usd_m": N_("Cost (USD m)"),
    "value_usd_m": N_("Value (USD m)"),
    "date_precision": N_("Date precision"),
    "place": N_("Place"),
    "route_names": N_("Route names"),
    "source": N_("Source"),
    "series": N_("Series"),
    "agency": N_("Agency"),
    "role": N_("Role"),
    "reading": N_("Reading"),
    "year": N_("Year"),
    "figure": N_("Figure"),
    "quote": N_("Quote"),
    "note": N_("Note"),
    # The Debt page's repayment schedule (``debt_schedule.SCHEDULE_COLUMNS``).
    "instalment": N_("Instalment"),
    "payment_usd_m": N_("Payment (USD m)"),
    "repaid_usd_m": N_("Repaid (USD m)"),
    "balance_usd_m": N_("Balance (USD m)"),
    "years_from_valuation": N_("Years from valuation"),
    "discount_factor": N_("Discount factor"),
    "payment_present_value_usd_m": N_("Payment present value (USD m)"),
    "repaid_present_value_usd_m": N_("Repaid present value (USD m)"),
    "balance_present_value_usd_m": N_("Balance present value (USD m)"),
    "due_date": N_("Due date"),
    # The Map's table of what it draws (``geo.shown_table``).
    "schematic": N_("Schematic line"),
}

_UNIT_SUFFIXES = (("_usd_m", N_("{name} (USD m)")), ("_km", N_("{name} (km)")), ("_pct", N_("{name} (%)")))


def column_label(column: str) -> str:
    """A column's header for the page in the reader's language: its entry in ``COLUMN_LABELS``, else the
    name spelled out (``baseline_usd_m`` → ``Baseline (USD m)``)."""
    if column in COLUMN_LABELS:
        return _(COLUMN_LABELS[column])
    words, template = str(column), "{name}"
    for ending, unit in _UNIT_SUFFIXES:
        if words.endswith(ending) and words != ending:
            words, template = words[: -len(ending)], _(unit)
            break
    words = words.replace("_", " ").strip()
    return template.format(name=words[:1].upper() + words[1:]) if words else str(column)


def _readable(value, labels: Mapping[str, str] | None, vocabulary: bool | tuple):
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value if item is not None and not _is_missing(item))
        return value or pd.NA
    if _is_missing(value):
        return pd.NA
    if isinstance(value, str) and labels is not None:
        return _(labels[value]) if value in labels else value
    if isinstance(value, str) and vocabulary:
        return vocabulary_label(value) if vocabulary is True or value in vocabulary else value
    return value


def _is_missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def display_frame(
    frame: pd.DataFrame, value_labels: Mapping[str, Mapping[str, str]] | None = None, codes: bool = False
) -> pd.DataFrame:
    """A copy of ``frame`` to show: coded values replaced by their labels in the reader's language
    (``VALUE_LABELS``, ``value_labels`` and ``vocabulary_label`` for ``VOCABULARY_COLUMNS``; with ``codes``,
    left as they are), list cells joined with ``; ``, and every
    missing value (``None``, ``NaN``, an empty list) a real missing value, which the page draws as
    ``formats.MISSING``.

    Numeric and date columns keep their type, so the table still sorts them as numbers and dates.
    """
    labels = {} if codes else {**VALUE_LABELS, **(value_labels or {})}
    shown = frame.copy()
    for column in shown.columns:
        if not (pd.api.types.is_object_dtype(shown[column]) or pd.api.types.is_string_dtype(shown[column])):
            continue
        column_labels, vocabulary = labels.get(column), False if codes else VOCABULARY_COLUMNS.get(column, False)
        text = isinstance(shown[column].dtype, pd.StringDtype) and shown[column].notna().any()
        if text and not column_labels and not vocabulary:
            continue  # text, nothing to label: ``_readable`` would give every cell and the dtype back as they are
        shown[column] = shown[column].map(_column_readable(column_labels, vocabulary))
    return shown


def _column_readable(labels: Mapping[str, str] | None, vocabulary: bool | tuple):
    """``_readable`` for one column's cells, each distinct text worked out once: a column repeats its codes
    and words row after row, and every rerun of a page shows its tables afresh."""
    done: dict[str, object] = {}

    def readable(value):
        if type(value) is not str:  # numbers, lists, missing values: as they are, each time
            return _readable(value, labels, vocabulary)
        if value not in done:
            done[value] = _readable(value, labels, vocabulary)
        return done[value]

    return readable


def column_headers(frame: pd.DataFrame) -> dict[str, str]:
    """``{column: header}`` for every column of ``frame``, for ``st.column_config``."""
    return {column: column_label(column) for column in frame.columns}
