"""Each page's view in words, for its citation: what is shown and with which settings.

Words name only what differs from "everything" where a page filters (``every status``), so a
citation stays short for the default view and exact for a narrowed one. Every phrase is one
translatable string; a view's phrases are joined with commas.
"""

from collections.abc import Iterable, Mapping
from datetime import date

from components.analysis import formats
from components.analysis.geo import BASEMAP_WORDS
from components.analysis.trade import COMPARATOR_NAMES
from components.data.vocabularies import country_names, vocabulary_label
from components.i18n import N_, _, ngettext

# Show it with ``_(OVERVIEW)``.
OVERVIEW = N_(
    "headline figures on Russia–DPRK trade and its 2020 target, the Soviet-era debt write-off "
    "and the Khasan–Rajin railway"
)

_FLOW_WORDS = {
    "total": N_("Russia–DPRK trade turnover"),
    "export": N_("Russian exports to the DPRK"),
    "import": N_("Russian imports from the DPRK"),
}

# What a filter chose, per filter: everything, nothing, or the list.
_SELECTION_WORDS = {
    "layer": (N_("every layer"), N_("no layer"), N_("layer: {items}")),
    "status": (N_("every status"), N_("no status"), N_("status: {items}")),
    "category": (N_("every category"), N_("no category"), N_("category: {items}")),
}


def selection_words(chosen: Iterable, every: Iterable, noun: str, name=str) -> str:
    """``every status`` when nothing is left out, ``no status`` when nothing is chosen, else the list, each
    item as ``name`` words it; ``noun`` is ``layer``, ``status`` or ``category``."""
    every_words, no_words, some_words = _SELECTION_WORDS[noun]
    chosen, every = [str(item) for item in chosen], [str(item) for item in every]
    if set(every) <= set(chosen):
        return _(every_words)
    if not chosen:
        return _(no_words)
    return _(some_words).format(items=", ".join(name(item) for item in every if item in chosen))


def _year_span(first: int, last: int) -> str:
    return f"{first}" if first == last else f"{first}–{last}"


def _compared_words(comparators: list[str]) -> str:
    # A comparator's key (``China-DPRK``) is the link's id; the words name it in the reader's language.
    items = [_(COMPARATOR_NAMES[key]) if key in COMPARATOR_NAMES else key for key in comparators]
    if len(items) == 1:
        return _("compared with {item}").format(item=items[0])
    return _("compared with {items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


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
    flow_words = _(_FLOW_WORDS[flow]) if flow in _FLOW_WORDS else flow
    parts = [_("{flow} {years}").format(flow=flow_words, years=_year_span(*years))]
    target = formats.money(target_value, 0, billions=False)
    if baseline_year is not None:
        parts.append(
            _("target {target} by {year} from the {baseline} baseline").format(
                target=target, year=int(target_year), baseline=baseline_year
            )
        )
    else:
        parts.append(_("target {target} by {year}").format(target=target, year=int(target_year)))
    if growth_percent is not None:
        parts.append(_("scenario {rate} a year").format(rate=formats.percent(growth_percent, 1)))
    if source:
        parts.append(_("disputed years from {source}").format(source=source))
    comparators = list(comparators)
    if comparators:
        parts.append(_compared_words(comparators))
    if log_scale:
        parts.append(_("log scale"))
    return ", ".join(parts)


def debt(share_percent: float, term_label: str, discount_percent: float, first_payment: date) -> str:
    """e.g. ``Soviet-era debt: 90.0% written off, 20 years (Reuters), discounted at 5.0% a year, …``."""
    return _(
        "Soviet-era debt settlement, {share} written off, repayment term {term}, discounted at {rate} a year, "
        "first instalment assumed {date}"
    ).format(
        share=formats.percent(share_percent, 1),
        term=term_label,
        rate=formats.percent(discount_percent, 1),
        date=f"{first_payment:%Y-%m-%d}",
    )


def map_view(
    layers: Iterable[str],
    every_layer: Iterable[str],
    statuses: Iterable[str],
    every_status: Iterable[str],
    categories: Iterable[str],
    every_category: Iterable[str],
    basemap: str,
    project_name: str | None = None,
) -> str:
    """e.g. ``routes and project sites, every layer, status: Proposed, every category, basemap off``; with
    one project chosen, ``routes and project sites, project: Khasan–Rajin railway, every layer, …``. The
    choices are the filters' English words (the link's values), named here in the reader's language."""
    project = [_("project: {name}").format(name=project_name)] if project_name else []
    return ", ".join(
        [
            _("routes and project sites"),
            *project,
            selection_words(layers, every_layer, "layer", _),
            selection_words(statuses, every_status, "status", _),
            selection_words(categories, every_category, "category", _),
            _("basemap {basemap}").format(basemap=_(BASEMAP_WORDS.get(basemap, basemap)).lower()),
        ]
    )


def timeline(
    years: tuple[int, int],
    actors: Iterable[str],
    categories: Iterable[str],
    selected_title: str | None = None,
) -> str:
    """e.g. ``events 2008–2025, actors: Russia, DPRK, every category, selected: …`` (an empty filter is all;
    ``actors`` are ISO3 codes, named in the reader's language)."""
    actors, categories = list(actors), list(categories)
    parts = [_("events {years}").format(years=_year_span(*years))]
    parts.append(_("actors: {actors}").format(actors=country_names(actors)) if actors else _("every actor"))
    named = ", ".join(vocabulary_label(category).lower() for category in categories)
    parts.append(_("categories: {categories}").format(categories=named) if categories else _("every category"))
    if selected_title:
        parts.append(_("selected: {title}").format(title=selected_title))
    return ", ".join(parts)


def data_table(table_name: str, shown_rows: int, total_rows: int, applied_filters: Mapping[str, str]) -> str:
    """e.g. ``table trade.csv, 12 of 101 rows, filtered by year 2000–2005; flow: total``."""
    words = ngettext(
        "table {table}.csv, {shown} of {total} row", "table {table}.csv, {shown} of {total} rows", total_rows
    ).format(table=table_name, shown=shown_rows, total=total_rows)
    if applied_filters:
        filters = "; ".join(
            _("{column}: {value}").format(column=column, value=value) for column, value in applied_filters.items()
        )
        words = _("{words}, filtered by {filters}").format(words=words, filters=filters)
    return words
