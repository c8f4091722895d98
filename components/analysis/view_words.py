"""Each page's view in words, for its citation: what is shown and with which settings.

Words name only what differs from "everything" where a page filters (``every status``), so a
citation stays short for the default view and exact for a narrowed one.
"""

from collections.abc import Iterable, Mapping
from datetime import date

from components.analysis import formats

OVERVIEW = (
    "headline figures on Russia–DPRK trade and its 2020 target, the Soviet-era debt write-off "
    "and the Khasan–Rajin railway"
)

_FLOW_WORDS = {
    "total": "Russia–DPRK trade turnover",
    "export": "Russian exports to the DPRK",
    "import": "Russian imports from the DPRK",
}


def selection_words(chosen: Iterable, every: Iterable, noun: str) -> str:
    """``every status`` when nothing is left out, ``no status`` when nothing is chosen, else the list."""
    chosen, every = [str(item) for item in chosen], [str(item) for item in every]
    if set(every) <= set(chosen):
        return f"every {noun}"
    if not chosen:
        return f"no {noun}"
    return f"{noun}: " + ", ".join(item for item in every if item in chosen)


def _year_span(first: int, last: int) -> str:
    return f"{first}" if first == last else f"{first}–{last}"


def trade(
    flow: str,
    years: tuple[int, int],
    target_value: float,
    target_year: int,
    baseline_year: int | None = None,
    growth_percent: float | None = None,
    source: str | None = None,
    comparators: Iterable[str] = (),
    log_scale: bool = False,
) -> str:
    """e.g. ``Russia–DPRK trade turnover 2000–2024, target $1,000M by 2020, scenario 20.0% a year``."""
    parts = [f"{_FLOW_WORDS.get(flow, flow)} {_year_span(*years)}"]
    baseline = f" from the {baseline_year} baseline" if baseline_year is not None else ""
    parts.append(f"target {formats.money(target_value, 0, billions=False)} by {int(target_year)}{baseline}")
    if growth_percent is not None:
        parts.append(f"scenario {growth_percent:.1f}% a year")
    if source:
        parts.append(f"disputed years from {source}")
    comparators = list(comparators)
    if comparators:
        parts.append("compared with " + " and ".join(f"{name} trade" for name in comparators))
    if log_scale:
        parts.append("log scale")
    return ", ".join(parts)


def debt(share_percent: float, term_label: str, discount_percent: float, first_payment: date) -> str:
    """e.g. ``Soviet-era debt: 90.0% written off, 20 years (Reuters), discounted at 5.0% a year, …``."""
    return (
        f"Soviet-era debt settlement, {share_percent:.1f}% written off, repayment term {term_label}, "
        f"discounted at {discount_percent:.1f}% a year, first instalment assumed {first_payment:%Y-%m-%d}"
    )


def map_view(
    layers: Iterable[str],
    every_layer: Iterable[str],
    statuses: Iterable[str],
    every_status: Iterable[str],
    categories: Iterable[str],
    every_category: Iterable[str],
    basemap: str,
) -> str:
    """e.g. ``routes and project sites: every layer, status: Proposed, every category, basemap none``."""
    return ", ".join(
        [
            "routes and project sites",
            selection_words(layers, every_layer, "layer"),
            selection_words(statuses, every_status, "status"),
            selection_words(categories, every_category, "category"),
            f"basemap {basemap}",
        ]
    )


def timeline(
    years: tuple[int, int],
    actors: Iterable[str],
    categories: Iterable[str],
    selected_title: str | None = None,
) -> str:
    """e.g. ``events 2008–2025, actors: RUS, PRK, every category, selected: …`` (an empty filter is all)."""
    actors, categories = list(actors), list(categories)
    parts = [f"events {_year_span(*years)}"]
    parts.append("actors: " + ", ".join(actors) if actors else "every actor")
    parts.append("categories: " + ", ".join(categories) if categories else "every category")
    if selected_title:
        parts.append(f"selected: {selected_title}")
    return ", ".join(parts)


def data_table(table_name: str, shown_rows: int, total_rows: int, applied_filters: Mapping[str, str]) -> str:
    """e.g. ``table trade.csv, 12 of 101 rows, filtered by year 2000–2005; flow: total``."""
    words = f"table {table_name}.csv, {shown_rows} of {total_rows} rows"
    if applied_filters:
        words += ", filtered by " + "; ".join(f"{column}: {value}" for column, value in applied_filters.items())
    return words
