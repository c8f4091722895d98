"""The Debt page's parts: the what-if controls, the metric row and the terms as every source states them."""

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.analysis import debt, debt_schedule, formats
from components.ui import controls, metrics
from components.ui.markdown import escape_markdown


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
    term_labels: dict[str, str],
    valuation: dt.date,
    first_default: dt.date,
    first_latest: dt.date,
) -> WhatIf:
    """Four controls bound to the URL in one row (folded away when embedded): rate, share, term, first date."""
    panel = controls.view_controls("What if: rate, share, term, first instalment")
    rate_column, share_column, term_column, first_column = panel.columns([1, 1, 1.2, 1])
    discount_percent = rate_column.slider(
        "Discount rate (% a year)", 0.0, 20.0, debt_schedule.DEFAULT_DISCOUNT_RATE * 100, 0.5,
        format="%.1f%%", key="rate", bind="query-params",
        help="An annual effective rate; 0% shows the nominal repayments. The default is an assumption.",
    )  # fmt: skip
    share_percent = share_column.slider(
        "Share written off (%)", 0.0, 100.0, round(terms.written_off_share * 100, 4), 0.5,
        format="%.1f%%", key="share", bind="query-params", help="The default is the preferred source's share.",
    )  # fmt: skip
    term_key = term_column.segmented_control(
        "Repayment term (sources differ)",
        list(term_labels),
        default=next(iter(term_labels)),
        required=True,
        key="term",
        bind="query-params",
    )
    # Not a format_func: a bound widget writes its formatted label into the URL, so the sources go here.
    term_column.caption(escape_markdown(" · ".join(term_labels.values())))
    if len(term_labels) == 1:
        term_column.caption("debt.csv states only this term; a source giving another would add a choice here.")
    first_payment = first_column.date_input(
        "Assumption: first instalment on", value=first_default, min_value=valuation, max_value=first_latest,
        key="first", bind="query-params", format="YYYY-MM-DD",
        help="No source states the first due date. The default is one instalment interval after ratification.",
    )  # fmt: skip
    first_column.caption(
        f"An assumption, not data: default {first_default:%Y-%m-%d}, one interval after the ratification date."
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
        ("Nominal repayments", formats.money(nominal, 0, billions=False), None, "auto"),
        (
            "Present value of repayments",
            formats.money(present, 0, billions=False),
            f"{present / nominal - 1:+.0%} vs nominal" if nominal else None,
            "auto",
        ),
        (
            "Effective forgiveness (present value)",
            f"{forgiveness:.1%}" if forgiveness is not None else "not computed",
            f"{(forgiveness - nominal_forgiveness) * 100:+.1f} pts vs nominal"
            if forgiveness is not None
            else "no source states the original debt",
            "off",
        ),
        (
            "Instalments",
            f"{count}",
            f"of {formats.money(schedule['payment_usd_m'].iloc[0], 2, billions=False)} each",
            "off",
        ),
    ]
    row, wide = metrics.metric_row(), {"border": True, "width": metrics.PHRASE_METRIC_WIDTH}
    for label, value, delta, arrow in cards:
        metrics.metric(row, label, value, delta=delta, delta_color="off", delta_arrow=arrow, **wide)
    return [(label, f"{value} ({delta})" if delta else value) for label, value, delta, _arrow in cards]


def terms_section(
    card: pd.DataFrame, events_shown: pd.DataFrame, agreement_rows: pd.DataFrame, use_of_proceeds, sources
) -> None:
    """The terms as every source states them, the dates and the sources' own words: below the chart."""
    with controls.view_controls("Terms, with every source's value", border=True):
        st.subheader("Terms, with every source's value")
        # A static table wraps long values instead of cutting them off; its cells are Markdown, so escaped.
        st.table(debt.card_display(card).map(escape_markdown), hide_index=True)
        st.markdown("**Dates as each source gives them**")
        dates = events_shown[["event", "date", "source"]].copy()
        dates["shown by default"] = ["✓" if flag else "" for flag in events_shown["shown_by_default"]]
        st.table(dates.map(escape_markdown), hide_index=True)
        with st.expander("What each source says"):
            for row in agreement_rows.dropna(subset=["note"]).itertuples():
                label = formats.source_label(row.source_id, sources)
                st.markdown(f"**{escape_markdown(label)}:** {escape_markdown(row.note)}")
        if use_of_proceeds:
            st.markdown(f"**Use of repayments:** {escape_markdown(use_of_proceeds)}")
        st.page_link("pages/map.py", label="See the projects repayments may fund on the Map", icon=":material/map:")
