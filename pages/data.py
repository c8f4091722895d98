"""Data: every curated table, filterable, with a formula-safe CSV export, its dictionary and sources."""

import streamlit as st

from components import paths, schema, table_filters, ui

ui.require_navigation()

st.title("Data")
st.caption(
    "The curated tables behind every chart. Filter a table, then download exactly the rows you see. "
    "Every row cites a source in sources.csv; where sources disagree, each keeps its own row and "
    "`preferred` marks the one the charts use by default."
)

table_names = list(paths.TABLE_NAMES)
requested = st.query_params.get("table")
checked_table = requested if requested in table_names else "trade"
checked_filters = table_filters.filters_for(ui.load_tables(checked_table)[checked_table])
ui.check_query_params(
    {"table": ui.choice_param(table_names)} | ui.filter_param_validators(checked_filters, checked_table)
)
table_name = st.selectbox("Table", table_names, index=1, key="table", bind="query-params")
tables = ui.load_tables(table_name, "sources")
table, sources = tables[table_name], tables["sources"]
st.markdown(f"*One row is:* {ui.escape_markdown(schema.table_description(table_name))}")

with st.expander("Filters", expanded=True):
    selections = ui.filter_widgets(table_filters.filters_for(table), key_prefix=table_name)
shown = table_filters.apply_filters(table, selections)

st.markdown(f"**{len(shown)} of {len(table)} rows**")
st.dataframe(shown, hide_index=True, width="stretch")
ui.csv_download(shown, f"nea-{table_name}-filtered.csv", label="Download these rows as CSV", key="download")
ui.sources_footnote(shown["source_id"], sources)

tab_dictionary, tab_sources, tab_curation = st.tabs(["Data dictionary", "Sources", "How figures were curated"])
with tab_dictionary:
    st.dataframe(schema.data_dictionary(table_name), hide_index=True, width="stretch")
with tab_sources:
    st.dataframe(
        sources,
        hide_index=True,
        width="stretch",
        column_config={"url": st.column_config.LinkColumn("url")},
    )
with tab_curation:
    readme = paths.DEFAULT_DATA_DIR / "README.md"
    st.markdown(readme.read_text(encoding="utf-8") if readme.exists() else "data/README.md is missing.")
