"""Which columns of a table can be filtered, and how: the logic behind the Data page's filters."""

from dataclasses import dataclass

import pandas as pd

from components.i18n import _

# A text column with more distinct values, or longer values, than these is free text (titles,
# notes, descriptions), not a category worth a multiselect.
MAX_CATEGORIES = 40
MAX_CATEGORY_LENGTH = 40


@dataclass(frozen=True)
class ColumnFilter:
    """One filterable column: its kind (``category``, ``number``, ``date``, ``flag``) and its domain."""

    column: str
    kind: str
    options: tuple = ()
    low: float | pd.Timestamp | None = None
    high: float | pd.Timestamp | None = None


def filters_for(frame: pd.DataFrame) -> list[ColumnFilter]:
    """The filters a table offers, in column order; free-text and constant columns get none."""
    filters = []
    for column in frame.columns:
        values = frame[column].dropna()
        if values.empty:
            continue
        if pd.api.types.is_bool_dtype(frame[column]):
            filters.append(ColumnFilter(column, "flag", options=(True, False)))
        elif pd.api.types.is_datetime64_any_dtype(frame[column]):
            if values.min() < values.max():
                filters.append(ColumnFilter(column, "date", low=values.min(), high=values.max()))
        elif pd.api.types.is_numeric_dtype(frame[column]):
            if values.min() < values.max():
                filters.append(ColumnFilter(column, "number", low=float(values.min()), high=float(values.max())))
        else:
            distinct = sorted(values.astype(str).unique())
            short = max(len(value) for value in distinct) <= MAX_CATEGORY_LENGTH
            if 1 < len(distinct) <= MAX_CATEGORIES and short:
                filters.append(ColumnFilter(column, "category", options=tuple(distinct)))
    return filters


def apply_filters(frame: pd.DataFrame, selections: dict[str, object]) -> pd.DataFrame:
    """Rows of ``frame`` that satisfy every selection.

    A selection is a list of allowed values (category, flag) or a ``(low, high)`` pair (number,
    date), inclusive. Rows with an empty cell pass a filter only while it is left at its full
    extent, so narrowing a filter never keeps unknown values silently.
    """
    keep = pd.Series(True, index=frame.index)
    by_column = {spec.column: spec for spec in filters_for(frame)}
    for column, selection in selections.items():
        spec = by_column.get(column)
        if spec is None or selection is None:
            continue
        values = frame[column]
        if spec.kind in ("category", "flag"):
            allowed = {str(value) for value in selection}
            if allowed >= {str(option) for option in spec.options}:
                continue  # everything selected: keep empty cells too
            keep &= values.astype(str).isin(allowed) & values.notna()
        else:
            low, high = selection
            if spec.kind == "date":
                low, high = pd.Timestamp(low), pd.Timestamp(high)
            full_range = low <= spec.low and high >= spec.high
            in_range = values.between(low, high)
            keep &= in_range | (values.isna() & full_range)
    return frame[keep]


def applied_filters(specs: list[ColumnFilter], selections: dict[str, object]) -> dict[str, str]:
    """``{column: words}`` for each filter narrowed from its full extent, e.g. ``{"year": "2000–2005"}``.

    Filters left at everything are not listed: they keep every row, empty cells included.
    """
    applied = {}
    for spec in specs:
        selection = selections.get(spec.column)
        if selection is None:
            continue
        if spec.kind in ("category", "flag"):
            chosen = {str(value) for value in selection}
            if chosen >= {str(option) for option in spec.options}:
                continue
            kept = [str(option).lower() if spec.kind == "flag" else str(option) for option in spec.options]
            words = ", ".join(word for word, option in zip(kept, spec.options, strict=True) if str(option) in chosen)
            applied[spec.column] = words or _("none")
        else:
            low, high = selection
            if spec.kind == "date":
                low, high = pd.Timestamp(low), pd.Timestamp(high)
                if low <= spec.low and high >= spec.high:
                    continue
                applied[spec.column] = _("{low} to {high}").format(low=f"{low:%Y-%m-%d}", high=f"{high:%Y-%m-%d}")
            else:
                if low <= spec.low and high >= spec.high:
                    continue
                applied[spec.column] = _("{low} to {high}").format(low=f"{low:g}", high=f"{high:g}")
    return applied
