"""Debt: the settlement's terms with their sources, the repayment schedule, and its present value."""

import streamlit as st

from components.analysis import citation, debt, formats, view_words
from components.charts import debt_chart
from components.ui import (
    chart_view,
    controls,
    downloads,
    footer,
    links,
    loading,
    markdown,
    metrics,
    navigation,
    table_view,
)

navigation.require_navigation()

PAGE_TITLE = "Soviet-era debt: what was really forgiven?"
st.title(PAGE_TITLE)
tables = loading.load_tables("sources", "debt", "events")
sources, debt_table = tables["sources"], tables["debt"]
try:
    agreement_id = debt.default_agreement_id(debt_table)
    terms = debt.preferred_terms(debt_table, agreement_id)
    term_choices = debt.term_choices(debt_table, agreement_id, sources)
    valuation = debt.valuation_date(terms)
    first_default, first_latest = debt.default_first_payment(terms), debt.latest_first_payment(terms)
except debt.DebtTermsError as error:
    st.error(f"debt.csv cannot give a schedule: {markdown.escape_markdown(error)}", icon=":material/error:")
    st.stop()
if term_choices.empty:
    st.error("No source in debt.csv states the repayment term, so no schedule can be drawn.", icon=":material/error:")
    st.stop()
term_labels = dict(zip(term_choices["key"], term_choices["label"], strict=True))

links.check_query_params(
    {
        "rate": links.slider_param(0.0, 20.0, debt.DEFAULT_DISCOUNT_RATE * 100),
        "share": links.slider_param(0.0, 100.0, terms.written_off_share * 100),
        "term": links.choice_param(term_labels),
        "first": links.date_param(valuation, first_latest),
    }
)

card = debt.terms_card(debt_table, agreement_id, sources)
events_shown = debt.debt_events(tables["events"], sources)


def terms_section() -> None:
    """The terms as every source states them, the dates and the sources' own words: below the chart."""
    with controls.view_controls("Terms, with every source's value", border=True):
        st.subheader("Terms, with every source's value")
        # A static table wraps long values instead of cutting them off; its cells are Markdown, so escaped.
        st.table(debt.card_display(card).map(markdown.escape_markdown), hide_index=True)
        st.markdown("**Dates as each source gives them**")
        dates = events_shown[["event", "date", "source"]].copy()
        dates["shown by default"] = ["✓" if flag else "" for flag in events_shown["shown_by_default"]]
        st.table(dates.map(markdown.escape_markdown), hide_index=True)
        with st.expander("What each source says"):
            for row in debt.agreement_rows(debt_table, agreement_id).dropna(subset=["note"]).itertuples():
                st.markdown(
                    f"**{markdown.escape_markdown(formats.source_label(row.source_id, sources))}:** "
                    f"{markdown.escape_markdown(row.note)}"
                )
        if terms.use_of_proceeds:
            st.markdown(f"**Use of repayments:** {markdown.escape_markdown(terms.use_of_proceeds)}")
        st.page_link("pages/map.py", label="See the projects repayments may fund on the Map", icon=":material/map:")


# A what-if control reruns only this part, not the loading and the checks above.
@st.fragment
def what_if() -> None:
    """Discount rate, write-off share, term and first payment; the schedule, metrics, chart and table."""
    answer = st.empty()
    panel = controls.view_controls("What if: rate, share, term, first instalment")
    rate_column, share_column, term_column, first_column = panel.columns([1, 1, 1.2, 1])
    discount_percent = rate_column.slider(
        "Discount rate (% a year)",
        0.0,
        20.0,
        debt.DEFAULT_DISCOUNT_RATE * 100,
        0.5,
        format="%.1f%%",
        key="rate",
        bind="query-params",
        help="An annual effective rate; 0% shows the nominal repayments. The default is an assumption.",
    )
    share_percent = share_column.slider(
        "Share written off (%)",
        0.0,
        100.0,
        round(terms.written_off_share * 100, 4),
        0.5,
        format="%.1f%%",
        key="share",
        bind="query-params",
        help="The default is the preferred source's share.",
    )
    term_key = term_column.segmented_control(
        "Repayment term (sources differ)",
        list(term_labels),
        default=term_choices["key"].iloc[0],
        required=True,
        key="term",
        bind="query-params",
    )
    # Not a format_func: a bound widget writes its formatted label into the URL, so the sources go here.
    term_column.caption(markdown.escape_markdown(" · ".join(term_labels.values())))
    if len(term_labels) == 1:
        term_column.caption("debt.csv states only this term; a source giving another would add a choice here.")
    first_payment = first_column.date_input(
        "Assumption: first instalment on",
        value=first_default,
        min_value=valuation,
        max_value=first_latest,
        key="first",
        bind="query-params",
        format="YYYY-MM-DD",
        help="No source states the first due date. The default is one instalment interval after ratification.",
    )
    first_column.caption(
        f"An assumption, not data: default {first_default:%Y-%m-%d}, one interval after the ratification date."
    )

    try:
        chosen_term = term_choices[term_choices["key"] == term_key].iloc[0]
        count, interval_months = debt.installment_plan(terms, float(chosen_term["term_years"]))
        remaining = debt.remaining_after_write_off(terms, share_percent / 100)
        schedule = debt.repayment_schedule(
            remaining, count, interval_months, first_payment, discount_percent / 100, valuation
        )
        forgiveness = debt.forgiveness_if_known(terms, debt.present_value(schedule))
    except debt.DebtTermsError as error:
        st.error(f"These terms cannot give a schedule: {markdown.escape_markdown(error)}", icon=":material/error:")
        st.stop()

    nominal, present = float(schedule["payment_usd_m"].sum()), debt.present_value(schedule)
    nominal_forgiveness = debt.forgiveness_if_known(terms, nominal)
    answer.markdown(
        markdown.escape_markdown(
            debt.answer_text(terms.original_usd_m, share_percent, nominal, present, discount_percent)
        )
    )
    source_ids = [terms.source_id, *chosen_term["source_ids"]]
    chart_view.plotly_chart(
        debt_chart.schedule_figure(
            schedule,
            valuation,
            discount_percent / 100,
            citation.sources_line(source_ids, sources),
        ),
        key="debt_chart",
        file_stem=debt_chart.schedule_file_stem(discount_percent / 100),
        alt="Step lines of the balance still owed and the cumulative amount repaid at each instalment's due date, "
        "in USD million, nominal (solid) and discounted to the signing date (dashed).",
    )
    metric_row = metrics.metric_row()
    wide = {"border": True, "width": metrics.PHRASE_METRIC_WIDTH}
    metrics.metric(metric_row, "Nominal repayments", formats.money(nominal, 0, billions=False), **wide)
    metrics.metric(
        metric_row,
        "Present value of repayments",
        formats.money(present, 0, billions=False),
        delta=f"{present / nominal - 1:+.0%} vs nominal" if nominal else None,
        delta_color="off",
        **wide,
    )
    metrics.metric(
        metric_row,
        "Effective forgiveness (present value)",
        f"{forgiveness:.1%}" if forgiveness is not None else "not computed",
        delta=f"{(forgiveness - nominal_forgiveness) * 100:+.1f} pts vs nominal"
        if forgiveness is not None
        else "no source states the original debt",
        delta_color="off",
        delta_arrow="off",
        **wide,
    )
    metrics.metric(
        metric_row,
        "Instalments",
        f"{count}",
        delta=f"of {formats.money(schedule['payment_usd_m'].iloc[0], 2, billions=False)} each",
        delta_color="off",
        delta_arrow="off",
        **wide,
    )
    if terms.interest_rate:
        st.warning("The source states interest on the remainder; this schedule models the principal only.")

    view = view_words.debt(share_percent, term_labels[term_key], discount_percent, first_payment)
    shown_source_ids = [*card.explode("source_ids")["source_ids"], *events_shown["source_id"]]
    footer.end_embedded_view(PAGE_TITLE, view, shown_source_ids, sources)
    table_view.show_table(
        schedule,
        human_labels=False,
        width="stretch",
        column_config={"due_date": st.column_config.DateColumn("due date", format="YYYY-MM-DD")},
    )
    downloads.csv_download(
        schedule, "nea-debt-schedule.csv", label="Download the schedule as CSV", key="download_schedule"
    )
    st.caption(debt.method_note(valuation))
    terms_section()
    footer.page_footer(PAGE_TITLE, view, shown_source_ids, sources)


what_if()
