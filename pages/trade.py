"""Trade: Russia–DPRK trade against the announced target, the path it required, and other growth paths."""

import pandas as pd
import streamlit as st

from components.analysis import agency_series, formats, trade, trade_paths, uploads, view_words
from components.charts import trade_figure
from components.i18n import _
from components.ui import (
    chart_view,
    downloads,
    footer,
    links,
    loading,
    markdown,
    navigation,
    table_view,
    trade_controls,
    trade_view,
    uploads_panel,
)

navigation.require_navigation()

SCENARIO_HORIZON = 2100
PAGE_TITLE = _(navigation.page("trade").title)
st.title(PAGE_TITLE)
# Filled once the controls below are read: the answer sits under the title, above them.
answer_slot = st.empty()
tables = loading.load_tables("trade", "targets", "events", "sources")
upload = uploads_panel.sidebar_uploader("trade")
# The session's uploaded file joins as non-preferred rows citing the file; curated data stays unchanged.
tables["trade"], tables["sources"] = uploads.with_upload(tables["trade"], tables["sources"], upload, ("RUS", "PRK"))
rows = trade.pair_rows(tables["trade"], tables["sources"], "RUS", "PRK")
target = trade.target_row(tables["targets"])
if target is None or rows.empty:
    st.error(f"The data has no Russia–DPRK trade rows or no preferred row for target '{trade.TARGET_ID}'.")
    st.stop()

years = sorted(int(year) for year in rows["year"].unique())
source_options = [trade.PREFERRED_CHOICE, *trade.disputed_agencies(rows)]
notices = links.check_query_params(trade_controls.link_checks(years, source_options))
view = trade_controls.control_row(rows, years, target, source_options, notices)
flow, baseline_year, target_value, target_year = view.flow, view.baseline_year, view.target_value, view.target_year
alternatives = view.alternatives[~uploads.is_upload(view.alternatives["source_id"])]
answer_slot.markdown(markdown.escape_markdown(trade.answer(view.chosen, flow, target_value, target_year)))
if view.baseline_notice and not links.in_link("baseline"):
    st.info(markdown.escape_markdown(view.baseline_notice), icon=":material/info:")

baseline = trade.flow_value(view.chosen, flow, baseline_year)
problem, required_rate, path = None, None, None
if baseline is None or baseline["value_usd_m"] <= 0:
    problem = (
        f"The data has no {trade.FLOW_LABELS[flow].lower()} figure above zero for {baseline_year}; "
        "choose another baseline year or flow."
    )
else:
    try:
        required_rate = trade_paths.required_growth_rate(
            baseline["value_usd_m"], baseline_year, target_value, target_year
        )
        path = trade_paths.target_path(baseline, target_value, target_year, target["source_id"])
    except trade_paths.GrowthArgumentError as error:
        problem = f"Cannot compute the target path: {error}."
if problem:
    st.warning(markdown.escape_markdown(problem), icon=":material/warning:")
default_growth, growth_reset = trade_controls.growth_default(required_rate, view)

comparators = {key: trade.comparator_rows(tables["trade"], tables["sources"], key) for key in view.compare}
base_table = trade.plotted_table(view.chosen, alternatives, comparators, path)
base_table = pd.concat([base_table, uploads.series_rows(rows, trade.FLOW_LABELS)], ignore_index=True)
base_table = base_table[base_table["year"].between(*view.years_shown)]
# The events marked on the chart depend on the years shown, not on the growth rate.
chart_events = trade.chart_events(tables["events"], *view.years_shown)
# Built out here, not in the fragment, so a slider move neither rebuilds it nor hashes its inputs.
figure = trade_view.base_figure(
    base_table,
    chart_events,
    tables["sources"],
    view.log_scale,
    *view.years_shown,
    trade.FLOW_LABELS[flow],
    path is not None,
    trade_view.chart_title(flow, view.years_shown, target_value, target_year),
    trade.estimate_keys(rows),
)


# A move of the growth slider reruns only this part: the chart's other series are built above.
@st.fragment
def scenario_view() -> None:
    """Growth slider, chart, metrics, plotted table and export for the settings chosen above."""
    growth = trade_controls.growth_slider(default_growth, growth_reset)
    table, scenario = base_table, base_table.iloc[0:0]
    if path is not None:
        scenario = trade.scenario_rows(path, growth / 100)
        scenario = scenario[scenario["year"].between(*view.years_shown)]
        table = pd.concat([base_table, scenario], ignore_index=True)
    first_year, last_year = view.years_shown
    chart_view.plotly_chart(
        trade_figure.with_scenario(figure, scenario),
        key="trade_chart",
        file_stem="nea-trade-russia-dprk",
        alt=f"Russia–DPRK trade {first_year}–{last_year} in USD million against the "
        f"{formats.money(target_value, 0, billions=False)} target, with the target path, your scenario path and "
        "events along the top.",
    )
    if path is not None:
        trade_view.metric_row(trade.scenario_metrics(view.chosen, flow, path, growth / 100, SCENARIO_HORIZON))
        trade_view.baseline_caption(flow, baseline_year, path, baseline, target)
    st.caption(trade_view.CHART_NOTE)
    # In the fragment: the citation names the growth rate and the link carries it.
    words = view_words.trade(
        flow,
        view.years_shown,
        target_value,
        target_year,
        baseline_year,
        growth if path is not None else None,
        view.source if view.source != trade.PREFERRED_CHOICE else None,
        view.compare,
        view.log_scale,
    )
    shown_source_ids = [*table["source_id"], target["source_id"], *chart_events["source_id"]]
    footer.end_embedded_view(PAGE_TITLE, words, shown_source_ids, tables["sources"])
    st.subheader("Plotted series")
    table_view.show_table(agency_series.with_nil_words(table), human_labels=False, width="stretch")
    downloads.csv_download(table, "nea-trade-series.csv", key="trade_csv")
    uploads_panel.what_is_traded(upload, "trade")
    footer.page_footer(PAGE_TITLE, words, shown_source_ids, tables["sources"])


scenario_view()
