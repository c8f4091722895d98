"""Map: the rail and pipeline routes and the project sites, coloured by status, drawn from local geometry."""

import streamlit as st

from components.analysis import briefing, formats, geo, indicators, map_answer
from components.charts import map_deck, map_view
from components.i18n import _, language, ngettext
from components.ui import downloads, footer, indicators_view, loading, map_filters, markdown, navigation, table_view

navigation.require_navigation()

PAGE_TITLE = _(navigation.page("map").title)
MAP_HEIGHT_PIXELS = 560  # with the title and the answer line, the whole map fits a 900 px high window
st.title(PAGE_TITLE)


# Eight: one data version in all four languages, and the next version while it replaces the first.
@st.cache_data(show_spinner=False, max_entries=8)
def map_features(projects, routes, sources, language_code: str):
    """Route lines, project sites, one row per project and the projects without a location: the same for
    every filter setting, and about 200 ms of work, so computed once per data version and language (their
    hover texts are worded in it: ``language_code`` keys the cache)."""
    lines = geo.route_lines(routes, projects, sources)
    sites = geo.project_sites(projects, sources)
    return lines, sites, geo.preferred_projects(projects), geo.unlocated_projects(projects, lines)


tables = loading.load_tables("sources", "projects", "routes")
outlines = loading.load_outlines()
sources = tables["sources"]
all_lines, all_sites, every_project, all_unlocated = map_features(
    tables["projects"], tables["routes"], sources, language()
)
choice = map_filters.map_filters(every_project)
layers, statuses, categories, project = choice.layers, choice.statuses, choice.categories, choice.project

lines = geo.filter_features(all_lines, statuses, categories, project)
sites = geo.filter_features(all_sites, statuses, categories, project)
places = geo.route_places(lines, tables["routes"], sources)
view, outside_view = map_view.first_view(all_lines, all_sites, lines, sites, project)
deck = map_deck.build_deck(lines, sites, places, layers=layers, basemap=choice.basemap, view=view, outlines=outlines)

if project:
    chosen = every_project[every_project["project_id"] == project].iloc[0]
    answer = map_answer.project_answer(chosen, statuses, categories, lines, sites)
else:
    answer = map_answer.routes_answer(lines)
answer_words = answer or _("No route matches the chosen statuses and categories.")
st.markdown(markdown.escape_markdown(answer_words))
map_column, legend_column = st.columns([3, 1])
with map_column:
    if not layers:
        st.info(_("No layer is selected: choose at least one under Layers."), icon=":material/layers_clear:")
    st.pydeck_chart(
        deck,
        height=MAP_HEIGHT_PIXELS,
        key="map",
        alt=_("Map of routes and project sites. {answer} The table under the map lists every feature drawn.").format(
            answer=answer
        ),
    )
with legend_column:
    table_view.show_table(
        map_deck.legend_table(),
        human_labels=False,
        column_config={
            "symbol": st.column_config.ImageColumn(_("Legend"), width="small"),
            "meaning": st.column_config.TextColumn(""),
        },
        key="legend",
    )
    st.caption(
        _(
            "Dashed lines: agreed, proposed, stalled or cancelled, or schematic (places from sources, the path "
            "between them not). Hover a line or dot for its figures and for "
            "the names left unlabelled where labels would overlap."
        )
    )
    shown_outside = outside_view[outside_view["name"].isin(sites["name"])]
    if not shown_outside.empty:
        names = markdown.escape_markdown("; ".join(dict.fromkeys(shown_outside["name"])))
        st.caption(_("Outside the first view (zoom out): {names}").format(names=names))

st.subheader(_("Khasan–Rajin line: cargo carried, year by year"))
cargo_source_ids = indicators_view.show_indicators(
    loading.load_optional_table("indicators"),
    sources,
    indicators.RAILWAY_CARGO,
    title=_("Cargo on the Khasan–Rajin line (tonnes a year)"),
    key="map-cargo",
)
shown_source_ids = [*lines["source_ids"].explode(), *sites["source_ids"].explode(), *places["source_ids"].explode()]
shown_source_ids += cargo_source_ids
if "outlines" in layers:
    shown_source_ids += [feature["properties"]["source_id"] for feature in outlines]
view = choice.words
footer.end_embedded_view(PAGE_TITLE, view, shown_source_ids, sources)

table = geo.shown_table(lines, sites)
st.subheader(
    ngettext("What the map shows ({n} feature)", "What the map shows ({n} features)", len(table)).format(
        n=formats.number(len(table))
    )
)
st.caption(
    _(
        "Route lines join the places each source names, in order; where no source gives the path between them "
        "the line is schematic: drawn dashed, and the table says so. A computed length adds the distance along "
        "the track where a source gives km posts, and the great-circle leg between vertices elsewhere, so it "
        "understates a real track or pipe that bends between places with no km post."
    )
)
if table.empty and not project:  # with a project chosen, the answer above says why nothing is drawn
    st.info(_("No route or site matches the chosen statuses and categories."), icon=":material/filter_alt_off:")
table_view.show_table(
    table,
    column_config={
        "stated_length_km": st.column_config.NumberColumn(_("Stated length (km)"), format="%.0f"),
        "computed_length_km": st.column_config.NumberColumn(_("Computed length (km)"), format="%.0f"),
        "cost_usd_m": st.column_config.NumberColumn(_("Cost (USD m)"), format="%.0f"),
        "other_source_rows": st.column_config.NumberColumn(_("Other source rows")),
        "schematic": st.column_config.CheckboxColumn(
            _("Schematic line"), help=_("No source gives the path: the line joins sourced places in order")
        ),
    },
    key="features",
)
downloads.csv_download(table, "nea-map-features.csv", key="map_csv")

unlocated = geo.filter_features(all_unlocated, statuses, categories, project)
with st.expander(
    _("Projects with no location in the data ({n}): not on the map").format(n=len(unlocated)),
    expanded=bool(project) and not unlocated.empty,
):
    table_view.show_table(unlocated.drop(columns="project_id"), key="unlocated")

brief = briefing.BriefContent(
    answer_words,
    chart_note=_("The map itself is not in the briefing (the link below opens it); the table lists what it draws."),
    tables=[briefing.ExtraTable(_("What the map shows"), table)],
)
footer.page_footer(PAGE_TITLE, view, shown_source_ids, sources, brief=brief)
