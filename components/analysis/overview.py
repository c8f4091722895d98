"""Headline figures for the Overview page, each computed from the curated tables with its sources."""

from dataclasses import dataclass, field

import pandas as pd

from components.analysis import debt as debtlib
from components.analysis import debt_schedule, formats
from components.analysis import trade as tradelib
from components.analysis.sources import agency_of
from components.analysis.trade_paths import required_growth_rate
from components.data.vocabularies import country_name, vocabulary_label
from components.i18n import _, ngettext

RUSSIA_DPRK = {"reporter": "RUS", "partner": "PRK"}
MAIN_TARGET_ID = "rus-prk-trade-2020"
RAIL_PROJECT_ID = "khasan-rajin-rail"


@dataclass(frozen=True)
class Headline:
    """One metric card: label, formatted value, one line of context and the sources behind it."""

    label: str
    value: str
    context: str
    source_ids: list[str] = field(default_factory=list)


def preferred_trade(trade: pd.DataFrame, flow: str = "total") -> pd.DataFrame:
    """Preferred Russia–DPRK rows of one flow, one per year, sorted by year."""
    rows = trade[
        (trade["reporter"] == RUSSIA_DPRK["reporter"])
        & (trade["partner"] == RUSSIA_DPRK["partner"])
        & (trade["flow"] == flow)
        & trade["preferred"]
    ]
    return rows.sort_values("year").reset_index(drop=True)


def main_target(targets: pd.DataFrame) -> pd.Series:
    """The preferred row of the $1B-by-2020 Russia–DPRK trade target, with the baseline year its
    sources state (``trade.target_row``: the same rule as the Trade page)."""
    target = tradelib.target_row(targets, MAIN_TARGET_ID)
    if target is None:
        raise LookupError(_("targets.csv has no preferred row for {target}").format(target=MAIN_TARGET_ID))
    return target


def _agency(sources: pd.DataFrame, source_id: str) -> str:
    agency = agency_of([source_id], sources).iloc[0]
    return source_id if pd.isna(agency) else str(agency)


def is_estimate(row: pd.Series) -> bool:
    """True when a trade row is flagged as someone's estimate (the ``estimate`` column; absent = no)."""
    value = row.get("estimate")
    return bool(value) if value is not None and not pd.isna(value) else False


def _growth_words(baseline: pd.Series, others: pd.DataFrame, baseline_year: int, sources: pd.DataFrame) -> str:
    """The growth on the year before as each source states it; when they differ, the words say so rather
    than letting one rate stand for the record."""
    stated = [(baseline["growth_pct_stated"], baseline["source_id"])]
    stated += list(zip(others["growth_pct_stated"], others["source_id"], strict=True))
    stated = [(rate, source_id) for rate, source_id in stated if pd.notna(rate)]
    year = baseline_year - 1
    if not stated:
        return _("Growth on {year} not stated.").format(year=year)
    parts = ", ".join(
        _("{rate} ({agency})").format(rate=formats.percent(rate, 1, signed=True), agency=_agency(sources, source_id))
        for rate, source_id in stated
    )
    if len({round(rate, 1) for rate, _source in stated}) == 1:
        return _("Growth on {year}: {rates}.").format(year=year, rates=parts)
    return _("Sources disagree on growth over {year}: {rates}.").format(year=year, rates=parts)


def data_as_of_words(as_of) -> str:
    """``Data as of 4 Dec 2024: the newest dated fact in the tables.`` (or says there is no date)."""
    if as_of is None:
        return _("The data carry no dated fact.")
    return _("Data as of {date}: the newest dated fact in the tables.").format(date=formats.day_date(as_of))


def trade_headlines(trade: pd.DataFrame, targets: pd.DataFrame, sources: pd.DataFrame) -> list[Headline]:
    """Baseline trade, the target, the growth it required and the outcome against it.

    Each value's context names the agency whose statistic it is, since the series mixes agencies.
    """
    target = main_target(targets)
    totals = preferred_trade(trade)
    # The Trade page's rule: the stated baseline year, or the nearest year with a figure, saying so.
    baseline_year, missing = tradelib.usable_baseline(tradelib.default_baseline_year(target, totals), totals)
    baseline_rows = totals[totals["year"] == baseline_year]
    headlines = []
    if baseline_rows.empty:
        headlines.append(
            Headline(
                _("Russia–DPRK trade at the baseline"),
                _("no figure"),
                _("{missing} The growth the target required is not computed.").format(missing=missing),
                [target["source_id"]],
            )
        )
    else:
        baseline = baseline_rows.iloc[0]
        headlines.append(_baseline_headline(trade, baseline, baseline_year, missing, sources))
        headlines.append(_required_growth_headline(baseline, baseline_year, target))
    headlines.insert(
        1,
        Headline(
            _("Target for {year}").format(year=int(target["target_year"])),
            formats.money(target["target_usd_m"]),
            _("agreed {date} ({parties})").format(
                date=formats.day_date(target["agreed"]),
                parties="–".join(country_name(code) for code in target["parties"].split(";")),
            ),
            [target["source_id"]],
        ),
    )
    return headlines + _outcome_headlines(totals, target, sources)


def _baseline_headline(
    trade: pd.DataFrame, baseline: pd.Series, baseline_year: int, missing: str | None, sources: pd.DataFrame
) -> Headline:
    """The preferred baseline figure, with the growth its sources state and the other sources' totals."""
    others = trade[
        (trade["reporter"] == "RUS")
        & (trade["partner"] == "PRK")
        & (trade["flow"] == "total")
        & (trade["year"] == baseline_year)
        & ~trade["preferred"]
    ]
    context = _growth_words(baseline, others, baseline_year, sources)
    if pd.isna(baseline["growth_pct_stated"]):  # otherwise the growth words name the agency
        context = _("{agency}. {growth}").format(agency=_agency(sources, baseline["source_id"]), growth=context)
    alternatives = "; ".join(
        _("{value} ({agency})").format(value=formats.money(row.value_usd_m), agency=_agency(sources, row.source_id))
        for row in others.itertuples()
    )
    if alternatives:
        context = _("{context} Other totals: {alternatives}.").format(context=context, alternatives=alternatives)
    context = f"{missing} {context}" if missing else context
    return Headline(
        _("Russia–DPRK trade, {year}").format(year=baseline_year),
        formats.money(baseline["value_usd_m"]),
        context,
        [baseline["source_id"], *others["source_id"]],
    )


def _required_growth_headline(baseline: pd.Series, baseline_year: int, target: pd.Series) -> Headline:
    """The yearly growth that takes the baseline figure to the target in the target year."""
    years = int(target["target_year"]) - baseline_year
    rate = required_growth_rate(
        float(baseline["value_usd_m"]), baseline_year, float(target["target_usd_m"]), int(target["target_year"])
    )
    context = ngettext(
        "{baseline} in {baseline_year} → {target} in {target_year}: ×{multiple} in {n} year",
        "{baseline} in {baseline_year} → {target} in {target_year}: ×{multiple} in {n} years",
        years,
    ).format(
        baseline=formats.money(baseline["value_usd_m"]),
        baseline_year=baseline_year,
        target=formats.money(target["target_usd_m"]),
        target_year=int(target["target_year"]),
        multiple=formats.number(target["target_usd_m"] / baseline["value_usd_m"], 1),
        n=years,
    )
    return Headline(
        _("Growth the target required"),
        _("{rate} a year").format(rate=formats.percent(rate * 100, 1)),
        context,
        [baseline["source_id"], target["source_id"]],
    )


def _outcome_headlines(totals: pd.DataFrame, target: pd.Series, sources: pd.DataFrame) -> list[Headline]:
    """The figure for the target year and, when a later year is sourced, the latest one (marked when it
    is an estimate), each as a share of the target."""
    headlines = []
    outcome = totals[totals["year"] == int(target["target_year"])]
    if not outcome.empty:
        row = outcome.iloc[0]
        headlines.append(
            Headline(
                _("Actual in {year}, the target year").format(year=int(row["year"])),
                formats.money(row["value_usd_m"]),
                _("{share} of the target ({agency})").format(
                    share=formats.percent(100 * row["value_usd_m"] / target["target_usd_m"], 1),
                    agency=_agency(sources, row["source_id"]),
                ),
                [row["source_id"], target["source_id"]],
            )
        )
    if not totals.empty and int(totals.iloc[-1]["year"]) != int(target["target_year"]):
        latest = totals.iloc[-1]
        headlines.append(_latest_headline(latest, target, sources))
    return headlines


def _latest_headline(latest: pd.Series, target: pd.Series, sources: pd.DataFrame) -> Headline:
    """The latest sourced year as a share of the target, marked when the figure is an estimate."""
    year, value = int(latest["year"]), formats.money(latest["value_usd_m"])
    words = {
        "share": formats.percent(100 * latest["value_usd_m"] / target["target_usd_m"], 1),
        "target": formats.money(target["target_usd_m"]),
        "agency": _agency(sources, latest["source_id"]),
    }
    if is_estimate(latest):
        return Headline(
            _("Latest year, {year} (estimate)").format(year=year),
            _("≈ {value}").format(value=value),
            _("An estimate, not customs or official data: {share} of the {target} target ({agency})").format(**words),
            [latest["source_id"]],
        )
    return Headline(
        _("Latest year sourced, {year}").format(year=year),
        value,
        _("{share} of the {target} target ({agency})").format(**words),
        [latest["source_id"]],
    )


def headlines(
    trade: pd.DataFrame, targets: pd.DataFrame, sources: pd.DataFrame, debt: pd.DataFrame, projects: pd.DataFrame
) -> list[Headline]:
    """The Overview's cards in order: ``trade_headlines``, ``debt_headline`` and ``rail_headline``."""
    return [*trade_headlines(trade, targets, sources), debt_headline(debt), rail_headline(projects)]


def debt_headline(debt: pd.DataFrame) -> Headline:
    """Soviet-era debt written off under the preferred terms of the default agreement (the Debt page's
    rule, ``debt.default_agreement_id``); an original amount no source states reads "not stated"."""
    try:
        terms = debtlib.preferred_terms(debt, debtlib.default_agreement_id(debt))
    except debt_schedule.DebtTermsError as error:
        raise LookupError(str(error)) from None
    share = terms.written_off_share
    original = terms.original_usd_m
    written_off = None if original is None else original * share
    of_what = formats.money(original) if original is not None else _("an original debt no source states")
    share_words = formats.percent(share * 100, 0)
    if terms.remaining_usd_m is not None:
        context = _("{share} of {original}; {remaining} to be repaid").format(
            share=share_words, original=of_what, remaining=formats.money(terms.remaining_usd_m)
        )
    else:
        context = _("{share} of {original}").format(share=share_words, original=of_what)
    return Headline(
        _("Soviet-era debt written off"),
        formats.money(written_off),
        context,
        [terms.source_id, *([terms.original_source_id] if terms.original_source_id else [])],
    )


def rail_headline(projects: pd.DataFrame) -> Headline:
    """The Khasan–Rajin line: stated length, status and cost."""
    rows = projects[(projects["project_id"] == RAIL_PROJECT_ID) & projects["preferred"]]
    if rows.empty:
        raise LookupError(_("projects.csv has no preferred row for {project}").format(project=RAIL_PROJECT_ID))
    row = rows.iloc[0]
    length = formats.length_km(row["length_km"])
    context = vocabulary_label(row["status"]).lower()
    if pd.notna(row["cost_usd_m"]):
        context = _("{status}; cost {cost}").format(status=context, cost=formats.money(row["cost_usd_m"]))
    return Headline(_("Khasan–Rajin railway"), length, context, [row["source_id"]])
