"""Debt: the settlement's terms with their sources, the repayment schedule, and its present value."""

import streamlit as st

from components.analysis import briefing, citation, debt, debt_schedule, view_words
from components.charts import debt_chart
from components.i18n import _
from components.ui import chart_view, debt_view, downloads, footer, links, loading, markdown, navigation, table_view

navigation.require_navigation()

PAGE_TITLE = _(navigation.page("debt").title)
st.title(PAGE_TITLE)
tables = loading.load_tables("sources", "debt", "events")
sources, debt_table = tables["sources"], tables["debt"]
try:
    # Derived from the curated tables alone: worked out once per data version and language.
    basics = loading.per_data_version(debt_view.basics, debt_table, sources)
except debt_schedule.DebtTermsError as error:
    st.error(
        _("debt.csv cannot give a schedule: {error}").format(error=markdown.escape_markdown(error)),
        icon=":material/error:",
    )
    st.stop()
agreement_id, terms, term_choices = basics.agreement_id, basics.terms, basics.term_choices
valuation, first_default, first_latest = basics.valuation, basics.first_default, basics.first_latest
if term_choices.empty:
    st.error(
        _("No source in debt.csv states the repayment term, so no schedule can be drawn."), icon=":material/error:"
    )
    st.stop()
term_labels = dict(zip(term_choices["key"], term_choices["label"], strict=True))

links.check_query_params(
    {
        "rate": links.slider_param(0.0, 20.0, debt_schedule.DEFAULT_DISCOUNT_RATE * 100),
        "share": links.slider_param(0.0, 100.0, terms.written_off_share * 100),
        "term": links.choice_param(term_labels),
        "first": links.date_param(valuation, first_latest),
    }
)

# The terms section and the ids it cites: worked out once per data version and language.
terms_shown = loading.per_data_version(
    debt_view.terms_shown, debt_table, sources, tables["events"], args=(agreement_id,)
)
shown_source_ids = list(terms_shown.source_ids)


# A what-if control reruns only this part, not the loading and the checks above.
@st.fragment
def what_if() -> None:
    """Discount rate, write-off share, term and first payment; the schedule, metrics, chart and table."""
    answer = st.empty()
    chosen = debt_view.what_if_controls(terms, term_choices, valuation, first_default, first_latest)
    try:
        chosen_term = term_choices[term_choices["key"] == chosen.term_key].iloc[0]
        count, interval_months = debt.installment_plan(terms, float(chosen_term["term_years"]))
        remaining = debt.remaining_after_write_off(terms, chosen.share_percent / 100)
        schedule = debt_schedule.repayment_schedule(
            remaining, count, interval_months, chosen.first_payment, chosen.discount_percent / 100, valuation
        )
    except debt_schedule.DebtTermsError as error:
        st.error(
            _("These terms cannot give a schedule: {error}").format(error=markdown.escape_markdown(error)),
            icon=":material/error:",
        )
        st.stop()

    nominal, present = float(schedule["payment_usd_m"].sum()), debt_schedule.present_value(schedule)
    answer_words = debt.answer_text(
        terms.original_usd_m, chosen.share_percent, nominal, present, chosen.discount_percent
    )
    answer.markdown(markdown.escape_markdown(answer_words))
    source_ids = [terms.source_id, *chosen_term["source_ids"]]
    rate = chosen.discount_percent / 100
    figure = debt_chart.schedule_spec(schedule, valuation, rate, citation.sources_line(source_ids, sources))
    chart_view.plotly_chart(
        figure,
        key="debt_chart",
        file_stem=debt_chart.schedule_file_stem(rate),
        alt=_(
            "Step lines of the balance still owed and the cumulative amount repaid at each instalment's due date, "
            "in USD million, nominal (solid) and discounted to the signing date (dashed)."
        ),
    )
    key_figures = debt_view.metric_row(schedule, terms, count, nominal, present)
    if terms.interest_rate:
        st.warning(_("The source states interest on the remainder; this schedule models the principal only."))

    view = view_words.debt(
        chosen.share_percent, term_labels[chosen.term_key], chosen.discount_percent, chosen.first_payment
    )
    footer.end_embedded_view(PAGE_TITLE, view, shown_source_ids, sources)
    # Headers in the reader's words; the CSV below keeps the data's own column names.
    table_view.show_table(
        schedule,
        width="stretch",
        column_config={"due_date": st.column_config.DateColumn(_("Due date"), format="YYYY-MM-DD")},
    )
    downloads.csv_download(
        schedule, "nea-debt-schedule.csv", label=_("Download the schedule as CSV"), key="download_schedule"
    )
    st.caption(debt_schedule.method_note(valuation))
    debt_view.terms_section(terms_shown, terms.use_of_proceeds)
    brief = briefing.BriefContent(answer_words, figure, key_figures, [briefing.ExtraTable(_("Schedule"), schedule)])
    footer.page_footer(PAGE_TITLE, view, shown_source_ids, sources, brief=brief)


what_if()
