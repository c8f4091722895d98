"""Data: every curated table, filterable, with a formula-safe CSV export, its dictionary and sources."""

import streamlit as st

from components.analysis import briefing, formats, table_filters, view_words
from components.data import dictionary, paths, schema
from components.i18n import _, ngettext
from components.ui import controls, downloads, footer, links, loading, markdown, navigation, table_view, uploads_panel

navigation.require_navigation()

PAGE_TITLE = _(navigation.page("data").title)
DEFAULT_TABLE = "trade"
st.title(PAGE_TITLE)
st.caption(
    _(
        "The curated tables behind every chart. Filter a table, then download exactly the rows you see. "
        "Every row cites a source in sources.csv; where sources disagree, each keeps its own row and "
        "*preferred* marks the one the charts use by default."
    )
)

table_names = list(schema.TABLE_NAMES)
checked_table = links.linked_choice("table", table_names, DEFAULT_TABLE)
checked_filters = table_filters.filters_for(loading.load_tables(checked_table, as_stored=True)[checked_table])
links.check_query_params(
    {"table": links.choice_param(table_names)} | controls.filter_param_validators(checked_filters, checked_table)
)
table_name = st.selectbox(
    _("Table"),
    table_names,
    index=table_names.index(DEFAULT_TABLE),
    key="table",
    bind="query-params",
    placeholder=_("Choose a table"),
    help=_("Each curated file, by its name in the data package"),
)
# The files as stored, in English: the Data page is the curated data itself, as exported.
tables = loading.load_tables(table_name, "sources", as_stored=True)
table, sources = tables[table_name], tables["sources"]
# The citation and the footer are our words: they name the agencies in the reader's language.
cited_sources = loading.load_tables("sources")["sources"]
st.markdown(
    _("*One row is:* {description}").format(
        description=markdown.escape_markdown(_(schema.table_description(table_name)))
    )
)

filters = table_filters.filters_for(table)
# Closed, so the table is on the first screen; a link that sets filters opens it.
filters_in_link = links.in_link(prefix=f"{table_name}.")
with st.expander(_("Filters"), expanded=filters_in_link, icon=":material/filter_alt:"):
    selections = controls.filter_widgets(filters, key_prefix=table_name)
shown = table_filters.apply_filters(table, selections)
applied = table_filters.applied_filters(filters, selections)
view = view_words.data_table(table_name, len(shown), len(table), applied)
view_citation = footer.current_view_citation(PAGE_TITLE, view, shown["source_id"], cited_sources)

rows_words = ngettext("{shown} of {n} row", "{shown} of {n} rows", len(table))
st.markdown(f"**{rows_words.format(shown=formats.number(len(shown)), n=formats.number(len(table)))}**")
table_view.show_table(shown, human_labels=False, width="stretch")
with st.container(horizontal=True):
    downloads.csv_download(
        shown, f"nea-{table_name}-filtered.csv", label=_("Download these rows as CSV"), key="download"
    )
    downloads.filtered_package_download(table_name, shown, len(table), applied, view_citation)
    downloads.datapackage_download()

tab_dictionary, tab_sources, tab_curation, tab_upload = st.tabs(
    [_("Data dictionary"), _("Sources"), _("How figures were curated"), _("Your file")]
)
with tab_dictionary:
    table_view.show_table(dictionary.data_dictionary(table_name), human_labels=False, width="stretch")
with tab_sources:
    table_view.show_table(
        sources,
        human_labels=False,
        width="stretch",
        column_config={"url": st.column_config.LinkColumn()},
    )
with tab_curation:
    readme = paths.readme_path()
    st.markdown(readme.read_text(encoding="utf-8") if readme.exists() else _("data/README.md is missing."))
with tab_upload:
    uploads_panel.data_page_section()

brief = briefing.BriefContent(
    _("{shown} of {total} rows of {table}").format(shown=len(shown), total=len(table), table=table_name),
    key_figures=[(_("Filters"), "; ".join(f"{key}: {value}" for key, value in applied.items()))] if applied else [],
    tables=[briefing.ExtraTable(table_name, shown, as_stored=True)],
)
footer.page_footer(PAGE_TITLE, view, shown["source_id"], cited_sources, prepared=view_citation, brief=brief)
