"""How the dashboard words money, lengths, sources, dates and missing values: one implementation of each,
used by every page.

Plain text only (no Markdown escaping here: ``ui`` escapes what it puts on the page).
"""

import math
from collections.abc import Iterable, Mapping

import pandas as pd

# A value no source states, in words (``Cost: not stated``).
NOT_STATED = "not stated"
# A missing value in a table cell or a chart's tooltip (Streamlit's own placeholder is the word "None").
MISSING = "–"
_DATE_PATTERNS = {"day": "%-d %b %Y", "month": "%b %Y", "year": "%Y"}


def is_missing(value) -> bool:
    """True for ``None``, NaN, NaT and ``pd.NA``; strings are never missing."""
    if value is None:
        return True
    if isinstance(value, str):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def money(value_usd_m, decimals: int = 1, billions: bool = True) -> str:
    """An amount in USD million as text: ``$112.7M``; from $1,000M on, ``$1.00B`` (one more decimal in
    billions, so both read to the same order of precision) unless ``billions`` is false. A missing or
    non-finite amount reads ``not stated``, never ``$nanM``."""
    if is_missing(value_usd_m) or not math.isfinite(float(value_usd_m)):
        return NOT_STATED
    value = float(value_usd_m)
    if billions and abs(value) >= 1000:
        return f"${value / 1000:,.{decimals + 1}f}B"
    return f"${value:,.{decimals}f}M"


def length_km(value_km) -> str:
    """A length as text: ``1,100 km``; a missing one reads ``not stated``."""
    return NOT_STATED if is_missing(value_km) else f"{float(value_km):,.0f} km"


def day_date(value) -> str:
    """A date to the day as the dashboard words it: ``3 Sep 2014`` (no leading zero)."""
    return pd.Timestamp(value).strftime(_DATE_PATTERNS["day"])


def source_label_of(row: Mapping, with_title: bool = False) -> str:
    """A source row (``publisher``, ``published``, ``title``) as ``publisher, YYYY-MM-DD`` (no date when it
    has none); ``with_title`` gives ``title (publisher, YYYY-MM-DD)``."""
    published = row.get("published")
    label = str(row["publisher"]) + ("" if is_missing(published) else f", {pd.Timestamp(published):%Y-%m-%d}")
    return f"{row['title']} ({label})" if with_title else label


def source_label(source_id: str, sources: pd.DataFrame, with_title: bool = False) -> str:
    """``source_label_of`` for one id of ``sources``; an id not in the table is shown as itself."""
    match = sources[sources["source_id"] == source_id]
    return str(source_id) if match.empty else source_label_of(match.iloc[0], with_title)


def source_labels(source_ids: Iterable[str], sources: pd.DataFrame, with_title: bool = False) -> str:
    """``source_label`` of each distinct id, first mention first, joined by ``; ``."""
    return "; ".join(source_label(source_id, sources, with_title) for source_id in dict.fromkeys(source_ids))


def event_date(start, precision: str, end=None) -> str:
    """An event's date with no more precision than its source gives: ``18 Mar 2014``, ``Mar 2014`` or
    ``2014``; a range reads ``start – end`` (both at that precision) when the end differs."""
    pattern = _DATE_PATTERNS.get(precision, _DATE_PATTERNS["day"])
    text = pd.Timestamp(start).strftime(pattern)
    if not is_missing(end):
        end_text = pd.Timestamp(end).strftime(pattern)
        if end_text != text:
            text = f"{text} – {end_text}"
    return text
