"""Debt settlements as ``debt.csv`` states them: the preferred terms, the term choices and instalment plan,
the valuation and first-payment dates, the terms card, the debt events and the page's answer in words.

Plain Python on DataFrames (no Streamlit). The terms come from ``debt.csv``; nothing about a deal is
written here. The schedule and its present value are in ``debt_schedule``.
"""

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

from components.analysis import formats
from components.analysis.debt_schedule import MONTHS_PER_YEAR, DebtTermsError, effective_forgiveness, installment_count
from components.i18n import N_, _, ngettext

# The agreement both the Overview and the Debt page show when debt.csv holds it (see default_agreement_id).
DEFAULT_AGREEMENT_ID = "rus-prk-soviet-debt-2012"
# The first-payment input stops this many years after the valuation date.
LATEST_FIRST_PAYMENT_YEARS = 20


@dataclass(frozen=True)
class SettlementTerms:
    """The terms of one settlement as its preferred source states them (``None`` where not stated)."""

    agreement_id: str
    creditor: str
    debtor: str
    original_usd_m: float | None
    written_off_share: float
    remaining_usd_m: float | None
    installments: int | None
    interval_months: int | None
    term_years: float | None
    interest_rate: float | None
    settlement_currency: str | None
    use_of_proceeds: str | None
    signed: dt.date | None
    ratified: dt.date | None
    source_id: str
    # Where the preferred row states no original amount, another source's (see preferred_terms).
    original_source_id: str | None = None


def _stated(value):
    """``None`` for a missing cell, the value otherwise."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value


def _as_date(value) -> dt.date | None:
    value = _stated(value)
    return pd.Timestamp(value).date() if value is not None else None


def agreement_rows(debt: pd.DataFrame, agreement_id: str) -> pd.DataFrame:
    """Every source's row for ``agreement_id``, the preferred one first; raises when there is none."""
    rows = debt[debt["agreement_id"] == agreement_id]
    if rows.empty:
        raise DebtTermsError(_("debt.csv has no rows for agreement {agreement!r}").format(agreement=agreement_id))
    return rows.sort_values("preferred", ascending=False, kind="stable")


def default_agreement_id(debt: pd.DataFrame) -> str:
    """The agreement every page shows: ``DEFAULT_AGREEMENT_ID`` when ``debt.csv`` has it, else the first
    agreement id in alphabetical order (never the file's row order)."""
    ids = sorted(debt["agreement_id"].dropna().unique())
    if not ids:
        raise DebtTermsError(_("debt.csv has no agreement"))
    return DEFAULT_AGREEMENT_ID if DEFAULT_AGREEMENT_ID in ids else ids[0]


def preferred_terms(debt: pd.DataFrame, agreement_id: str) -> SettlementTerms:
    """The terms of ``agreement_id`` from its preferred row in ``debt.csv``.

    Missing original amount: the preferred row's, else the first other source's that states one (its
    id in ``original_source_id``), else ``None``: nothing is derived from the remainder and the share,
    which sources round separately.
    """
    rows = agreement_rows(debt, agreement_id)
    preferred = rows[rows["preferred"]]
    if len(preferred) != 1:
        raise DebtTermsError(
            _("agreement {agreement!r} needs exactly one preferred row, found {n}").format(
                agreement=agreement_id, n=len(preferred)
            )
        )
    row = preferred.iloc[0]
    original, original_source = _stated(row["original_usd_m"]), None
    if original is None:
        stating = rows.dropna(subset=["original_usd_m"])
        if not stating.empty:
            original, original_source = stating.iloc[0]["original_usd_m"], stating.iloc[0]["source_id"]
    installments = _stated(row["installments"])
    interval = _stated(row["interval_months"])
    return SettlementTerms(
        agreement_id=agreement_id,
        creditor=row["creditor"],
        debtor=row["debtor"],
        original_usd_m=float(original) if original is not None else None,
        written_off_share=float(row["written_off_share"]),
        remaining_usd_m=_stated(row["remaining_usd_m"]),
        installments=int(installments) if installments is not None else None,
        interval_months=int(interval) if interval is not None else None,
        term_years=_stated(row["term_years"]),
        interest_rate=_stated(row["interest_rate"]),
        settlement_currency=_stated(row["settlement_currency"]),
        use_of_proceeds=_stated(row["use_of_proceeds"]),
        signed=_as_date(row["signed"]),
        ratified=_as_date(row["ratified"]),
        source_id=row["source_id"],
        original_source_id=original_source,
    )


def term_key(term_years: float) -> str:
    """A term as the URL value of the term switch (``20 years``, ``12.5 years``): English in every language."""
    return f"{term_years:g} years"


def years_words(years: float) -> str:
    """A length in years in the reader's language: ``20 years``, ``12.5 years``, ``1 year``."""
    number = formats.number(years, 0 if float(years).is_integer() else 1)
    return ngettext("{years} year", "{years} years", int(years) if float(years).is_integer() else 2).format(
        years=number
    )


def term_choices(debt: pd.DataFrame, agreement_id: str, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct stated term: ``key`` (for the URL), ``term_years``, ``label`` naming its
    sources, ``source_ids`` and ``preferred`` (the preferred row's term); the preferred term first,
    then by length."""
    rows = agreement_rows(debt, agreement_id).dropna(subset=["term_years"])
    choices = []
    for term_years, group in rows.groupby("term_years", sort=True):
        labels = [formats.source_label(source_id, sources) for source_id in group["source_id"]]
        choices.append(
            {
                "key": term_key(term_years),
                "term_years": float(term_years),
                "label": _("{term} ({sources})").format(term=years_words(term_years), sources="; ".join(labels)),
                "source_ids": list(group["source_id"]),
                "preferred": bool(group["preferred"].any()),
            }
        )
    frame = pd.DataFrame(choices, columns=["key", "term_years", "label", "source_ids", "preferred"])
    return frame.sort_values(["preferred", "term_years"], ascending=[False, True], kind="stable").reset_index(drop=True)


def remaining_after_write_off(terms: SettlementTerms, written_off_share: float) -> float:
    """Debt left to repay (USD million) when ``written_off_share`` of the original is written off.

    At the source's own share its stated remainder is used, since sources round the original and
    the remainder separately; any other share is applied to the original debt.
    """
    if not (math.isfinite(written_off_share) and 0 <= written_off_share <= 1):
        raise DebtTermsError(
            _("the written-off share must be between 0 and 1, not {share}").format(share=written_off_share)
        )
    if terms.remaining_usd_m is not None and math.isclose(written_off_share, terms.written_off_share, abs_tol=1e-9):
        return float(terms.remaining_usd_m)
    if terms.original_usd_m is None:
        raise DebtTermsError(
            _(
                "no source states the original debt, so only the stated share ({share}, with its stated "
                "remainder) can be modelled"
            ).format(share=formats.percent(terms.written_off_share * 100, 0))
        )
    return terms.original_usd_m * (1 - written_off_share)


def installment_plan(terms: SettlementTerms, term_years: float) -> tuple[int, int]:
    """The number of instalments and the months between them for a ``term_years`` term.

    The preferred source's own term uses its stated instalment count when it gives one: with a stated
    interval the two must agree (else ``DebtTermsError`` naming both), without one the interval is the
    term divided by the count. Any other term, or no stated count: ``installment_count`` of the term
    and the stated interval.
    """
    own_term = terms.term_years is not None and math.isclose(term_years, terms.term_years)
    if terms.installments is None or not own_term:
        return installment_count(term_years, terms.interval_months), terms.interval_months
    if terms.installments < 1:
        raise DebtTermsError(
            _("the stated number of instalments must be at least 1, not {n}").format(n=terms.installments)
        )
    if terms.interval_months is not None:
        computed = installment_count(term_years, terms.interval_months)
        if computed != terms.installments:
            raise DebtTermsError(
                _(
                    "the source states {stated} instalments, but a {years}-year term at one every {months} months "
                    "gives {computed}"
                ).format(
                    stated=terms.installments, years=f"{term_years:g}", months=terms.interval_months, computed=computed
                )
            )
        return terms.installments, terms.interval_months
    months = term_years * MONTHS_PER_YEAR / terms.installments
    if abs(months - round(months)) > 1e-9:
        raise DebtTermsError(
            _("{n} instalments do not divide a {years}-year term into whole months").format(
                n=terms.installments, years=f"{term_years:g}"
            )
        )
    return terms.installments, int(round(months))


def forgiveness_if_known(terms: SettlementTerms, present_value_usd_m: float) -> float | None:
    """``effective_forgiveness`` against the original debt, or ``None`` when no source states it."""
    if terms.original_usd_m is None:
        return None
    return effective_forgiveness(terms.original_usd_m, present_value_usd_m)


def valuation_date(terms: SettlementTerms) -> dt.date:
    """The date repayments are discounted to: the signing date (the ratification date if unsigned)."""
    date = terms.signed or terms.ratified
    if date is None:
        raise DebtTermsError(
            _("agreement {agreement!r} has neither a signing nor a ratification date").format(
                agreement=terms.agreement_id
            )
        )
    return date


def default_first_payment(terms: SettlementTerms) -> dt.date:
    """An assumed first due date (no source states one): one interval after ratification (else signing)."""
    base = terms.ratified or valuation_date(terms)
    months = terms.interval_months or MONTHS_PER_YEAR
    return (pd.Timestamp(base) + pd.DateOffset(months=months)).date()


def latest_first_payment(terms: SettlementTerms) -> dt.date:
    """The latest first-payment date the page offers."""
    return (pd.Timestamp(valuation_date(terms)) + pd.DateOffset(years=LATEST_FIRST_PAYMENT_YEARS)).date()


# ---- The terms card ---------------------------------------------------------------------------


def _months_words(months) -> str:
    return ngettext("{n} month", "{n} months", int(months)).format(n=int(months))


def _interest_words(rate: float) -> str:
    if rate == 0:
        return _("interest-free ({rate})").format(rate=formats.percent(0, 0))
    return _("{rate} a year").format(rate=formats.percent(rate * 100, 2))


# Each term's name (shown with ``_``), its debt.csv column and how its value reads.
_CARD_FIELDS = [
    (N_("Original debt"), "original_usd_m", lambda value: formats.money(value, 0, billions=False)),
    (N_("Written off"), "written_off_share", lambda value: formats.percent(value * 100, 0)),
    (N_("Remaining debt (stated)"), "remaining_usd_m", lambda value: formats.money(value, 0, billions=False)),
    (N_("Instalments (stated)"), "installments", lambda value: formats.number(int(value))),
    (N_("Interval between instalments"), "interval_months", _months_words),
    (N_("Repayment term"), "term_years", years_words),
    (N_("Interest"), "interest_rate", _interest_words),
    (N_("Settlement currency"), "settlement_currency", str),
    (N_("Use of repayments"), "use_of_proceeds", str),
    (N_("Signed"), "signed", lambda value: f"{value:%Y-%m-%d}"),
    (N_("Ratified"), "ratified", lambda value: f"{value:%Y-%m-%d}"),
]


def terms_card(debt: pd.DataFrame, agreement_id: str, sources: pd.DataFrame) -> pd.DataFrame:
    """Every stated value of each term with the sources that give it: columns ``term``, ``value``,
    ``sources``, ``source_ids`` and ``shown_by_default`` (the preferred row's value)."""
    rows = agreement_rows(debt, agreement_id)
    card = []
    for term, column, formatter in _CARD_FIELDS:
        values: dict[str, dict] = {}
        for row in rows.itertuples(index=False):
            value = _stated(getattr(row, column))
            if value is None:
                continue
            entry = values.setdefault(formatter(value), {"source_ids": [], "preferred": False})
            entry["source_ids"].append(row.source_id)
            entry["preferred"] = entry["preferred"] or bool(row.preferred)
        for text, entry in values.items():
            card.append(
                {
                    "term": _(term),
                    "value": text,
                    "sources": "; ".join(formats.source_label(source_id, sources) for source_id in entry["source_ids"]),
                    "source_ids": entry["source_ids"],
                    "shown_by_default": entry["preferred"],
                }
            )
    return pd.DataFrame(card, columns=["term", "value", "sources", "source_ids", "shown_by_default"])


def debt_events(events: pd.DataFrame, sources: pd.DataFrame, keyword: str = "debt") -> pd.DataFrame:
    """Events whose id, title or description mentions ``keyword``, every source's dating, by date:
    columns ``event``, ``date``, ``source``, ``source_id``, ``shown_by_default``, ``start``."""
    text = events["event_id"] + " " + events["title"] + " " + events["description"].fillna("")
    matching = events[text.str.contains(keyword, case=False, regex=False)].sort_values(["start", "event_id"])
    return pd.DataFrame(
        {
            "event": matching["title"],
            "date": [
                formats.event_date(row.start, row.date_precision, row.end) for row in matching.itertuples(index=False)
            ],
            "source": [formats.source_label(source_id, sources) for source_id in matching["source_id"]],
            "source_id": matching["source_id"],
            "shown_by_default": matching["preferred"],
            "start": matching["start"],
        }
    ).reset_index(drop=True)


def answer_text(
    original_usd_m: float | None,
    share_percent: float,
    nominal_usd_m: float,
    present_value_usd_m: float,
    discount_percent: float,
) -> str:
    """The page's answer in one line of plain text: the share written off at face value against the share
    forgiven once the repayments are discounted (not computed when no source states the original debt)."""
    words = {
        "share": formats.percent(share_percent, 0 if float(share_percent).is_integer() else 1),
        "remaining": formats.money(nominal_usd_m, 0, billions=False),
        "rate": formats.percent(discount_percent, 1),
        "present_value": formats.money(present_value_usd_m, 0, billions=False),
    }
    if formats.is_missing(original_usd_m):
        return _(
            "{share} of the debt was written off, leaving {remaining} to repay; counting time value at {rate} a "
            "year, those repayments are worth {present_value}. No source states the original debt, so the share "
            "forgiven in present value is not computed."
        ).format(**words)
    present_share = effective_forgiveness(original_usd_m, present_value_usd_m)
    return _(
        "At face value {share} of the {original} debt was written off, leaving {remaining} to repay; counting "
        "time value at {rate} a year, those repayments are worth {present_value}, so {forgiven} was forgiven in "
        "present value."
    ).format(
        original=formats.money(original_usd_m, 0, billions=False),
        forgiven=formats.percent(present_share * 100, 1),
        **words,
    )


def card_display(card: pd.DataFrame) -> pd.DataFrame:
    """The terms card as the page shows it: term, value, sources and a tick on the value shown by default
    (the ids stay out; a missing value would be an en dash)."""
    shown = card[["term", "value", "sources"]].fillna(formats.MISSING).copy()
    shown["shown by default"] = ["✓" if flag else "" for flag in card["shown_by_default"]]
    return shown
