"""How the dashboard words money, lengths, sources, dates and missing values: one implementation of each,
used by every page.

Every wording follows the reader's language (``components.i18n``), with Babel's locale data: money in
the units each language's readers use (``docs/i18n.md``), decimal marks, month names.

Plain text only (no Markdown escaping here: ``ui`` escapes what it puts on the page).
"""

import math
from collections.abc import Iterable, Mapping

import pandas as pd
from babel.dates import format_skeleton
from babel.numbers import format_decimal

from components.i18n import N_, _, language

# A value no source states, in words (``Cost: not stated``); show it with ``not_stated()``.
NOT_STATED = N_("not stated")
# A missing value in a table cell or a chart's tooltip (Streamlit's own placeholder is the word "None").
MISSING = "–"
# English keeps the dashboard's own day-month-year order; other languages use their CLDR pattern.
_ENGLISH_DATES = {"day": "%-d %b %Y", "month": "%b %Y", "year": "%Y"}
_SKELETONS = {"day": "yMMMd", "month": "yMMM", "year": "y"}
# Money in 만/억 (Korean) and 万/億 (Japanese): 10,000 and 100,000,000.
_MYRIAD_UNITS = {"ko": ("만", "억", " 달러"), "ja": ("万", "億", "ドル")}


def not_stated() -> str:
    """``not stated`` in the reader's language."""
    return _(NOT_STATED)


def number(value, decimals: int = 0) -> str:
    """A number with the reader's grouping and decimal mark: ``1,234.5`` / ``1 234,5``."""
    if is_missing(value) or not math.isfinite(float(value)):
        return MISSING
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(float(value), format=pattern, locale=language())


def percent(value_pct, decimals: int = 1, signed: bool = False) -> str:
    """A percentage given in percent (``14.5`` → ``14.5%``; ``ru`` ``14,5 %``); ``signed`` adds ``+``."""
    if is_missing(value_pct) or not math.isfinite(float(value_pct)):
        return MISSING
    text = number(abs(float(value_pct)), decimals)
    sign = "−" if float(value_pct) < 0 and text.strip("0.,") else ("+" if signed else "")
    return f"{sign}{text}\u00a0%" if language() == "ru" else f"{sign}{text}%"


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
        return not_stated()
    value = float(value_usd_m)
    code = language()
    if code in _MYRIAD_UNITS:
        return _myriad_money(value, decimals, *_MYRIAD_UNITS[code])
    if code == "ru":
        if billions and abs(value) >= 1000:
            return f"${number(value / 1000, decimals + 1)}\u00a0млрд"
        return f"${number(value, decimals)}\u00a0млн"
    if billions and abs(value) >= 1000:
        return f"${value / 1000:,.{decimals + 1}f}B"
    return f"${value:,.{decimals}f}M"


def _myriad_money(value_usd_m: float, decimals: int, man: str, eok: str, dollars: str) -> str:
    """USD million in 만/억 (万/億): 112.7 → ``1억 1,270만 달러``; rounded to the same precision as
    ``decimals`` of a million (one decimal of a million is 10만)."""
    step = 10 ** max(0, 2 - decimals)
    in_man = round(value_usd_m * 100 / step) * step
    sign, in_man = ("−" if in_man < 0 else ""), abs(in_man)
    eoks, rest = divmod(int(in_man), 10_000)
    gap = " " if dollars.startswith(" ") else ""
    parts = ([f"{format_decimal(eoks, locale=language())}{eok}"] if eoks else []) + (
        [f"{format_decimal(rest, locale=language())}{man}"] if rest or not eoks else []
    )
    return sign + gap.join(parts) + dollars


def length_km(value_km) -> str:
    """A length as text: ``1,100 km`` (``1 100 км``, ``1,100km``…); a missing one reads ``not stated``."""
    if is_missing(value_km):
        return not_stated()
    unit = {"ru": "\u00a0км", "ja": "km"}.get(language(), " km")
    return number(value_km) + unit


def _date_text(value, precision: str) -> str:
    stamp = pd.Timestamp(value)
    precision = precision if precision in _SKELETONS else "day"
    if language() == "en":
        return stamp.strftime(_ENGLISH_DATES[precision])
    return format_skeleton(_SKELETONS[precision], stamp.date(), locale=language())


def day_date(value) -> str:
    """A date to the day as the reader's language words it: ``3 Sep 2014``, ``2014년 9월 3일``,
    ``3 сент. 2014 г.``, ``2014年9月3日``."""
    return _date_text(value, "day")


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
    text = _date_text(start, precision)
    if not is_missing(end):
        end_text = _date_text(end, precision)
        if end_text != text:
            text = f"{text} – {end_text}"
    return text
