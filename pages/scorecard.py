"""Scorecard: every announcement of the 2014 article, what came of it, the evidence, its date and source."""

import datetime as dt

import streamlit as st

from components.analysis import briefing, citation, indicators, scorecard, scorecard_table
from components.charts import scorecard_chart
from components.i18n import _
from components.ui import (
    chart_view,
    downloads,
    footer,
    indicators_view,
    links,
    loading,
    markdown,
    navigation,
    scorecard_view,
)

navigation.require_navigation()

PAGE_TITLE = _(navigation.page("scorecard").title)
st.title(PAGE_TITLE)

tables = loading.load_tables("outcomes", "sources", "targets", "projects", "routes")
outcomes, sources = tables["outcomes"], tables["sources"]
today = dt.date.today()
links.check_query_params(scorecard_view.link_checks())

answer_words = scorecard.answer(outcomes, today)
st.markdown(markdown.escape_markdown(answer_words))
default_source_ids = list(scorecard.preferred_outcomes(outcomes)["source_id"])
figure = scorecard_chart.outcome_figure(
    outcomes,
    title=_("Every announcement of 2014, one block each, by what came of it"),
    source_note=citation.sources_line(default_source_ids, sources),
)
chart_view.plotly_chart(
    figure, key="scorecard_chart", file_stem="nea-scorecard-outcomes", alt=scorecard_chart.alt_text(outcomes)
)
differ, tied = scorecard_table.map_differences(outcomes, tables["projects"])
st.caption(markdown.escape_markdown(scorecard_view.map_note(differ, tied)))
footer.end_embedded_view(PAGE_TITLE, scorecard.view_words([], []), default_source_ids, sources)

categories, chosen = scorecard_view.filter_row(outcomes)
shown = scorecard.filter_outcomes(outcomes, categories, chosen)
filtered = bool(categories or chosen)
if filtered:
    filtered_words = scorecard.answer(shown, today, filtered=True)
    st.markdown(markdown.escape_markdown(filtered_words))
    answer_words = " ".join([answer_words, filtered_words])  # two whole sentences, both in the briefing
if shown.empty:
    st.info(_("No announcement matches these filters. Clear a filter to see more."), icon=":material/filter_alt_off:")
table, export = loading.per_data_version(
    scorecard_view.view_tables, shown, sources, tables["targets"], tables["projects"], tables["routes"],
    args=(today, tuple(categories), tuple(chosen), links.link_language()),
)  # fmt: skip
scorecard_view.show_scorecard_table(table)
st.caption(
    _(
        "One row per source's reading; where sources disagree, both rows are shown and the default one is "
        "ticked and counted. Deadlines are the article's; 'Overdue' is computed from today's date. Links open "
        "the Trade page preset to the target, the Debt page, the Map showing the project alone, or the "
        "Timeline at the event (also for a project the Map cannot draw, having no location)."
    )
)
downloads.csv_download(
    export, f"{scorecard.file_stem(categories, chosen)}.csv", label=_("Download CSV"), key="scorecard_csv"
)

st.subheader(_("How the links performed: DPRK workers in Russia, Russian visitors to the DPRK"))
indicator_table = loading.load_optional_table("indicators")
worker_source_ids = indicators_view.show_indicators(
    indicator_table, sources, indicators.WORKERS, title=_("DPRK citizens in Russia (persons)"), key="workers"
)
visitor_source_ids = indicators_view.show_indicators(
    indicator_table, sources, indicators.VISITORS, title=_("Russian trips to the DPRK"), key="visitors"
)
page_source_ids = [*shown["source_id"], *worker_source_ids, *visitor_source_ids]
brief = briefing.BriefContent(
    answer_words,
    figure,
    tables=[briefing.ExtraTable(_("Announcements and what came of them"), table, scorecard_view.column_headers())],
)
footer.page_footer(PAGE_TITLE, scorecard.view_words(categories, chosen), page_source_ids, sources, brief=brief)
