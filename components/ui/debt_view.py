"""The Debt page's parts: the what-if controls, the metric row and the terms as every source states them."""

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.analysis import debt, debt_schedule, formats
from components.i18n import N_, _
from components.ui import controls, embed, links, metrics
from components.ui.markdown import escape_markdown

ASSUMPTIONS_LABEL = N_("Assumptions: share written off, repayment term, first instalment")
ASSUMPTION_WIDTH = 260  # px: the term's two choices and a full date fit, and the three wrap in a narrow window


@dataclass(frozen=True)
class DebtBasics:
    """What the Debt page derives from the curated tables alone (``basics``): the agreement, its preferred
    terms, the term choices, the valuation date and the first instalment's default and latest dates."""

    agreement_id: str
    terms: debt.SettlementTerms
    term_choices: pd.DataFrame
    valuation: dt.date
    first_default: dt.date
    first_latest: dt.date


def basics(debt_table: pd.DataFrame, sources: pd.DataFrame) -> DebtBasics:
    """``DebtBasics`` of the curated tables; raises ``debt_schedule.DebtTermsError`` as its parts do. Plain
    Python, cached by the page with ``loading.per_data_version``."""
    agreement_id = debt.default_agreement_id(debt_table)
    terms = debt.preferred_terms(debt_table, agreement_id)
    return DebtBasics(
        agreement_id,
        terms,
        debt.term_choices(debt_table, agreement_id, sources),
        debt.valuation_date(terms),
        debt.default_first_payment(terms),
        debt.latest_first_payment(terms),
    )


def terms_tables(
    debt_table: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame, agreement_id: str
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The terms card, the debt events and the agreement's rows (``debt.terms_card``, ``debt.debt_events``,
    ``debt.agreement_rows``): plain Python, cached by the page with ``loading.per_data_version``."""
    card = debt.terms_card(debt_table, agreement_id, sources)
    return card, debt.debt_events(events, sources), debt.agreement_rows(debt_table, agreement_id)


@dataclass(frozen=True)
class WhatIf:
    """The analyst's assumptions: discount rate and share written off in percent, the term's key, and the
    assumed date of the first instalment."""

    discount_percent: float
    share_percent: float
    term_key: str
    first_payment: dt.date


def what_if_controls(
    terms: debt.SettlementTerms,
    term_choices: pd.DataFrame,
    valuation: dt.date,
    first_default: dt.date,
    first_latest: dt.date,
) -> WhatIf:
    """Four controls bound to the URL: the discount rate in view, and the share, term and first date (with
    the sources and the assumption under them) in a closed expander beside it, so the chart starts on a
    half-screen window's first screen; all four folded away when embedded."""
    panel = controls.view_controls(_("What if: rate, share, term, first instalment"))
    discount_percent = panel.slider(
        _("Discount rate (% a year)"), 0.0, 20.0, debt_schedule.DEFAULT_DISCOUNT_RATE * 100, 0.5,
        format="%.1f%%", key="rate", bind="query-params",
        help=_("An annual effective rate; 0% shows the nominal repayments. The default is an assumption."),
    )  # fmt: skip
    # An expander cannot hold another: embedded, the three sit in the panel's own expander.
    folded = panel if embed.is_embedded() else controls.view_controls(_(ASSUMPTIONS_LABEL), folded=True)
    row = folded.container(horizontal=True, gap="medium", vertical_alignment="top")
    share_percent = row.container(width=ASSUMPTION_WIDTH).slider(
        _("Share written off (%)"), 0.0, 100.0, round(terms.written_off_share * 100, 4), 0.5,
        format="%.1f%%", key="share", bind="query-params", help=_("The default is the preferred source's share."),
    )  # fmt: skip
    term_column = row.container(width=ASSUMPTION_WIDTH)
    # The link keeps the term's key (``?term=20 years``) in every language; the switch shows it in words and
    # the sources go under it.
    term_labels = dict(zip(term_choices["key"], term_choices["label"], strict=True))
    term_words = {row.key: debt.years_words(row.term_years) for row in term_choices.itertuples(index=False)}
    term_key = links.url_options(
        term_column, "segmented_control", _("Repayment term (sources differ)"), term_words,
        param="term", key="debt_term", default=next(iter(term_labels)), required=True,
        help=_("Each choice is one source's repayment term; the sources are named under the choice."),
    )  # fmt: skip
    term_column.caption(escape_markdown(" · ".join(term_labels.values())))
    if len(term_labels) == 1:
        term_column.caption(_("debt.csv states only this term; a source giving another would add a choice here."))
    first_column = row.container(width=ASSUMPTION_WIDTH)
    first_payment = first_column.date_input(
        _("Assumption: first instalment on"), value=first_default, min_value=valuation, max_value=first_latest,
        key="first", bind="query-params", format="YYYY-MM-DD",
        help=_("No source states the first due date. The default is one instalment interval after ratification."),
    )  # fmt: skip
    first_column.caption(
        _("An assumption, not data: default {date}, one interval after the ratification date.").format(
            date=escape_markdown(formats.day_date(first_default))
        )
    )
    return WhatIf(discount_percent, share_percent, term_key, first_payment)


def metric_row(
    schedule: pd.DataFrame, terms: debt.SettlementTerms, count: int, nominal: float, present: float
) -> list[tuple[str, str]]:
    """Nominal and present value of the repayments (``nominal`` and ``present``, computed once by the page),
    the effective forgiveness in both, and the instalments; fixed-width cards that wrap onto more rows in
    a narrow window instead of cutting their values. Returns each card as ``(label, value and note)``, the
    briefing's key figures."""
    forgiveness, nominal_forgiveness = (
        debt.forgiveness_if_known(terms, present),
        debt.forgiveness_if_known(terms, nominal),
    )
    # (label, value, delta, arrow): the present value keeps its arrow, the others are notes, not changes.
    cards = [
        (_("Nominal repayments"), formats.money(nominal, 0, billions=False), None, "auto"),
        (
            _("Present value of repayments"),
            formats.money(present, 0, billions=False),
            _("{change} vs nominal").format(change=formats.percent((present / nominal - 1) * 100, 0, signed=True))
            if nominal
            else None,
            "auto",
        ),
        (
            _("Effective forgiveness (present value)"),
            formats.percent(forgiveness * 100) if forgiveness is not None else _("not computed"),
            _("{points} pts vs nominal").format(points=_signed_number((forgiveness - nominal_forgiveness) * 100, 1))
            if forgiveness is not None
            else _("no source states the original debt"),
            "off",
        ),
        (
            _("Instalments"),
            formats.number(count),
            _("of {amount} each").format(amount=formats.money(schedule["payment_usd_m"].iloc[0], 2, billions=False)),
            "off",
        ),
    ]
    row, wide = metrics.metric_row(), {"border": True, "width": metrics.PHRASE_METRIC_WIDTH}
    for label, value, delta, arrow in cards:
        metrics.metric(row, label, value, delta=delta, delta_color="off", delta_arrow=arrow, **wide)
    return [(label, f"{value} ({delta})" if delta else value) for label, value, delta, _arrow in cards]


@dataclass(frozen=True)
class TermsShown:
    """The terms section's two tables (escaped, headers in the reader's words) and each source's own words
    as Markdown lines: what ``terms_section`` shows, worked out by ``terms_shown``; and the ids of the
    sources they cite, once per mention."""

    card: pd.DataFrame
    dates: pd.DataFrame
    notes: tuple[str, ...]
    source_ids: tuple[str, ...]


def terms_shown(debt_table: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame, agreement_id: str) -> TermsShown:
    """The terms as every source states them, the dates and the sources' own words, ready to show: plain
    Python on the curated tables alone, cached by the page with ``loading.per_data_version`` (in the
    reader's language), so a what-if move does not redo it."""
    card, events_shown, agreement_rows = terms_tables(debt_table, sources, events, agreement_id)
    # A static table wraps long values instead of cutting them off; its cells are Markdown, so escaped.
    card_headers = {
        "term": _("term"),
        "value": _("value"),
        "sources": _("sources"),
        "shown by default": _("shown by default"),
    }
    card_table = debt.card_display(card).map(escape_markdown).rename(columns=card_headers)
    headers = {"event": _("event"), "date": _("date"), "source": _("source")}
    dates = events_shown[list(headers)].rename(columns=headers)
    dates[_("shown by default")] = ["✓" if flag else "" for flag in events_shown["shown_by_default"]]
    notes = tuple(
        f"**{escape_markdown(formats.source_label(row.source_id, sources))}:** {escape_markdown(row.note)}"
        for row in agreement_rows.dropna(subset=["note"]).itertuples()
    )
    source_ids = (*card.explode("source_ids")["source_ids"], *events_shown["source_id"])
    return TermsShown(card_table, dates.map(escape_markdown), notes, source_ids)


def terms_section(shown: TermsShown, use_of_proceeds) -> None:
    """The terms as every source states them, the dates and the sources' own words (``terms_shown``):
    below the chart."""
    with controls.view_controls(_("Terms, with every source's value"), border=True):
        st.subheader(_("Terms, with every source's value"))
        st.table(shown.card, hide_index=True)
        st.markdown("**{}**".format(_("Dates as each source gives them")))
        st.table(shown.dates, hide_index=True)
        with st.expander(_("What each source says")):
            for line in shown.notes:
                st.markdown(line)
        if use_of_proceeds:
            st.markdown(_("**Use of repayments:** {text}").format(text=escape_markdown(use_of_proceeds)))
        st.page_link("pages/map.py", label=_("See the projects repayments may fund on the Map"), icon=":material/map:")


def _signed_number(value: float, decimals: int) -> str:
    """``value`` with the reader's decimal mark and an explicit sign: ``+1.5``, ``−0.3``."""
    text = formats.number(abs(value), decimals)
    return ("−" if value < 0 and text.strip("0.,") else "+") + text
