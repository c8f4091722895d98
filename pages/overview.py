"""Overview: the headline figures, each computed from the curated data with its source."""

import streamlit as st

from components.analysis import briefing, citation, overview, scorecard, view_words
from components.charts import scorecard_chart
from components.data import data_version
from components.i18n import _
from components.ui import chart_view, footer, links, loading, markdown, metrics, navigation

navigation.require_navigation()

PAGE_TITLE = _(navigation.page("overview").title)
st.title(PAGE_TITLE)
INTRO = _(
    "In 2014, under Western sanctions after Crimea, Russia turned to the DPRK: it wrote off 90% of the "
    "Soviet-era debt, agreed to settle trade in roubles and set a target of $1 billion of bilateral trade "
    "by 2020. The projects meant to carry that trade — the Khasan–Rajin railway, a gas pipeline to South "
    "Korea, mines and a power station — depended on Seoul and on sanctions. This dashboard sets each "
    "announced figure against what the public record shows happened, with every number's source."
)
st.markdown(INTRO)
links.check_query_params({})
tables = loading.load_tables("sources", "trade", "targets", "debt", "projects", "events", "outcomes")
st.caption(overview.data_as_of_words(data_version.newest_fact_date(tables)))

# The Scorecard's visual, small: what came of each announcement, with a link to the whole table.
outcome_sources = list(scorecard.preferred_outcomes(tables["outcomes"])["source_id"])
chart_view.plotly_chart(
    scorecard_chart.outcome_figure(
        tables["outcomes"],
        title=_("What came of the 2014 announcements"),
        source_note=citation.sources_line(outcome_sources, tables["sources"]),
        small=True,
    ),
    key="overview_outcomes",
    file_stem="nea-overview-outcomes",
    alt=scorecard_chart.alt_text(tables["outcomes"]),
)
scorecard_page = navigation.PAGE_BY_KEY["scorecard"]
st.page_link(scorecard_page.script, label=_(scorecard_page.link_label), icon=scorecard_page.icon)

# Derived from the curated tables alone: worked out once per data version and language.
headlines = loading.per_data_version(
    overview.headlines, *(tables[name] for name in ("trade", "targets", "sources", "debt", "projects"))
)
with metrics.metric_row():
    for headline in headlines:
        with st.container(border=True, width=metrics.METRIC_WIDTH):
            st.metric(headline.label, headline.value)
            st.caption(markdown.escape_markdown(headline.context))
            # Small, not a caption: links in faded caption text fall below WCAG AA contrast.
            st.markdown(f":small[{markdown.source_line(headline.source_ids, tables['sources'], compact=True)}]")

st.subheader(_("Explore"))
navigation.page_links()

footer.page_footer(
    PAGE_TITLE,
    _(view_words.OVERVIEW),
    [source_id for headline in headlines for source_id in headline.source_ids] + outcome_sources,
    tables["sources"],
    brief=briefing.BriefContent(
        INTRO, key_figures=[(headline.label, f"{headline.value} ({headline.context})") for headline in headlines]
    ),
)
