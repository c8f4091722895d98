"""Example: the question this page answers, in one line (this docstring is the page's summary).

Copy this file to ``pages/<key>.py``, add a ``PageEntry`` for it to ``components/ui/navigation.PAGES``, and
follow CONTRIBUTING.md's checklist. As it stands it passes the page tests (tests/app/test_page_template.py).
"""

import streamlit as st

from components.analysis import briefing, formats, timeline
from components.i18n import _, ngettext
from components.ui import downloads, footer, links, loading, markdown, navigation, table_view

# 1. Every page goes through app.py's navigation first, then takes its title from the registry.
navigation.require_navigation()
PAGE_TITLE = _(navigation.page("example").title)
st.title(PAGE_TITLE)

# 2. Load what the page shows (cached, a broken file gets an error box and stops this page only).
tables = loading.load_tables("events", "sources")
events, sources = timeline.preferred_events(tables["events"]), tables["sources"]

# 3. Check the link's parameters before drawing the widgets bound to them, with the widget's own bounds.
first_year, last_year = timeline.year_bounds(events)
last_year = max(last_year, first_year + 1)
links.check_query_params({"years": links.slider_param(first_year, last_year, (first_year, last_year))})
years = st.slider(_("Years"), first_year, last_year, (first_year, last_year), key="years", bind="query-params")

# 4. Compute with plain functions from components/analysis; the answer in one line under the title.
shown = events[events["start"].dt.year.between(*years)]
answer = ngettext("{n} event between {first} and {last}.", "{n} events between {first} and {last}.", len(shown))
st.markdown(markdown.escape_markdown(answer.format(n=formats.number(len(shown)), first=years[0], last=years[1])))

# 5. The main visual (a chart through ui.chart_view, a table through ui.table_view), then its export.
table = shown[["event_id", "start", "title", "source_id"]]
table_view.show_table(table, key="example_table")
downloads.csv_download(table, "nea-example.csv", key="example_csv")
latest = formats.event_date(shown["start"].max(), "day") if len(shown) else _("none")
st.caption(_("Latest event shown: {date}.").format(date=latest))

# 6. Close with the footer: sources of what is on screen, the data version, "Cite this view" and "Briefing
#    (PDF)", which carries the answer, the chart (``figure=``), key figures and tables given in ``brief``.
brief = briefing.BriefContent(answer, tables=[briefing.ExtraTable(_("Events shown"), table)])
view = _("events {first}–{last}").format(first=years[0], last=years[1])
footer.page_footer(PAGE_TITLE, view, table["source_id"], sources, brief=brief)
