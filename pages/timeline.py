"""Timeline: every dated event, filterable by actor, category and years; details and source of one event."""

import streamlit as st

from components.analysis import briefing, citation, timeline, view_words
from components.charts import timeline_chart
from components.i18n import _
from components.ui import chart_view, downloads, footer, links, loading, markdown, navigation, table_view, timeline_view

navigation.require_navigation()

PAGE_TITLE = _(navigation.page("timeline").title)
st.title(PAGE_TITLE)

tables = loading.load_tables("events", "sources")
sources = tables["sources"]
# Derived from the curated tables alone: worked out once per data version and language.
basics = loading.per_data_version(timeline_view.basics, tables["events"], sources)
events, actors, categories, choices = basics.events, basics.actors, basics.categories, basics.choices
first_year, last_year = basics.first_year, max(basics.last_year, basics.first_year + 1)  # two distinct ends
marks = loading.per_data_version(timeline_chart.mark_rows, events)  # the chart's rows of every event
table_cells, display_cells = loading.per_data_version(timeline_view.table_cells, tables["events"], sources)
story_years = timeline.default_years(first_year, last_year)

links.check_query_params(
    {
        "actor": links.choice_param(actors, multiple=True),
        "category": links.choice_param(categories, multiple=True),
        "years": links.slider_param(first_year, last_year, (first_year, last_year)),
        "event": links.choice_param(choices),
    }
)


def chart_key() -> str:
    """The chart's widget key: new after each choice in the select box, so the chart's own selection starts
    empty and a click on the event it picked before counts again."""
    return f"timeline_chart_{st.session_state.get('event_choice_round', 0)}"


def pick_event_from_chart() -> None:
    """A click on the chart selects that event in the select box (and so in the URL)."""
    event_id = timeline_chart.selected_event_id(st.session_state.get(chart_key()))
    if event_id in choices:
        st.session_state["event"] = event_id


def count_choice_from_select_box() -> None:
    """Start a new choice round, so a click on the event the chart picked last counts again."""
    st.session_state["event_choice_round"] = st.session_state.get("event_choice_round", 0) + 1


# A filter, a chart click or an event choice reruns only this part, not the loading and labelling above.
@st.fragment
def filtered_timeline() -> None:
    """Filters, chart, the selected event's details, the table, its export and the sources."""
    answer = st.empty()
    chosen_actors, chosen_categories, chosen_years = timeline_view.filter_row(
        actors, categories, (first_year, last_year), story_years
    )

    # Read before the chart, which outlines the chosen event.
    chosen_event = links.url_choice_value("event", choices)
    shown = timeline.filter_events(events, chosen_actors, chosen_categories, chosen_years)
    table = timeline.events_table(shown, table_cells)
    answer.markdown(markdown.escape_markdown(answer_words := timeline.summary(shown, chosen_years)))
    if shown.empty:
        st.info(
            _("No event matches these filters. Clear a filter or widen the years."), icon=":material/filter_alt_off:"
        )
    else:
        figure = timeline_chart.timeline_spec(
            shown,
            chosen_years,
            title=timeline.chart_title(shown, chosen_actors, chosen_categories, chosen_years),
            source_note=citation.sources_line(shown["source_id"], sources),
            chosen_event_id=chosen_event,
            marks=marks,
        )
        chart_view.plotly_chart(
            figure,
            key=chart_key(),
            file_stem=timeline.file_stem(chosen_years, chosen_actors, chosen_categories),
            alt=_("Timeline of the events shown, one row per category; the table below lists them."),
            on_select=pick_event_from_chart,
            selection_mode="points",
        )
        timeline_view.chart_caption(shown["event_id"].nunique(), len(shown))

    shown_source_ids = list(table["source_id"])
    view = view_words.timeline(chosen_years, chosen_actors, chosen_categories, choices.get(chosen_event))
    footer.end_embedded_view(PAGE_TITLE, view, shown_source_ids, sources)

    selected = links.url_choice(
        st,
        _("Event details"),
        choices,
        key="event",
        on_change=count_choice_from_select_box,
        placeholder=_("Choose an event, or click one in the chart"),
    )
    if selected:
        timeline_view.event_details(events, selected, sources)

    st.subheader(_("Events shown"))
    displayed = timeline.events_display(shown, sources, display_cells)
    table_view.show_table(displayed, human_labels=False, key="timeline_table")
    downloads.csv_download(table, "nea-timeline-events.csv", key="timeline_csv")

    selected_sources = list(timeline.event_rows(events, selected)["source_id"]) if selected else []
    events_table = briefing.ExtraTable(_("Events shown"), displayed)  # as on screen, in the reader's words
    brief = briefing.BriefContent(answer_words, None if shown.empty else figure, tables=[events_table])
    footer.page_footer(PAGE_TITLE, view, shown_source_ids + selected_sources, sources, brief=brief)


filtered_timeline()
