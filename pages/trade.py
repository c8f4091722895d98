"""Trade: Russia–DPRK trade against the announced target, the path it required, and other growth paths."""

import pandas as pd
import streamlit as st

from components.analysis import briefing, formats, plotted_words, scenarios, trade, trade_paths, uploads, view_words
from components.charts import trade_figure
from components.i18n import _, language
from components.ui import (
    chart_view,
    downloads,
    footer,
    links,
    loading,
    markdown,
    navigation,
    scenario_panel,
    table_view,
    trade_controls,
    trade_view,
    uploads_panel,
)

navigation.require_navigation()

PAGE_TITLE = _(navigation.page("trade").title)
st.title(PAGE_TITLE)
# Filled once the controls below are read: the answer sits under the title, above them.
answer_slot = st.empty()
tables = loading.load_tables("trade", "targets", "events", "sources")
upload = uploads_panel.sidebar_uploader("trade")
# The session's uploaded file joins as non-preferred rows citing the file; curated data stays unchanged.
tables["trade"], tables["sources"] = uploads.with_upload(tables["trade"], tables["sources"], upload, ("RUS", "PRK"))
basics = trade_view.page_basics(tables, upload)  # once per data version while no file is uploaded
rows, target = basics.rows, basics.target
if target is None or rows.empty:
    st.error(
        _("The data has no Russia–DPRK trade rows or no preferred row for target '{id}'.").format(id=trade.TARGET_ID)
    )
    st.stop()

years, source_options = basics.years, basics.source_options
notices = links.check_query_params(trade_controls.link_checks(years, source_options))
scenario_panel.linked(notices)  # a bad scenario in the link is reported here, once, and dropped
view = trade_controls.control_row(rows, years, target, source_options, notices)
flow, baseline_year, target_value, target_year = view.flow, view.baseline_year, view.target_value, view.target_year
alternatives = view.alternatives[~uploads.is_upload(view.alternatives["source_id"])]
answer_words = trade.answer(view.chosen, flow, target_value, target_year)
answer_slot.markdown(markdown.escape_markdown(answer_words))
if view.baseline_notice and not links.in_link("baseline"):
    st.info(markdown.escape_markdown(view.baseline_notice), icon=":material/info:")

baseline = trade.flow_value(view.chosen, flow, baseline_year)
problem, required_rate, path = None, None, None
if baseline is None or baseline["value_usd_m"] <= 0:
    problem = _("The data has no {flow} figure above zero for {year}; choose another baseline year or flow.").format(
        flow=_(trade.FLOW_LABELS[flow]).lower(), year=baseline_year
    )
else:
    try:
        required_rate = trade_paths.required_growth_rate(
            baseline["value_usd_m"], baseline_year, target_value, target_year
        )
        path = trade_paths.target_path(baseline, target_value, target_year, target["source_id"])
    except trade_paths.GrowthArgumentError as error:
        problem = _("Cannot compute the target path: {error}.").format(error=error)
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
    basics.estimates,
    language(),
)


# A move of the growth slider, or a change to the named scenarios, reruns only this part.
@st.fragment
def scenario_view() -> None:
    """Growth slider, chart, metrics, scenario table and editor, plotted table and export."""
    growth = trade_controls.growth_slider(default_growth, growth_reset)
    named = scenario_panel.linked()
    named_paths = scenarios.scenario_paths(named, view.chosen, flow, baseline_year, target_year, view.years_shown[1])
    named_paths = named_paths[named_paths["year"].between(*view.years_shown)]
    table, scenario = pd.concat([base_table, named_paths], ignore_index=True), base_table.iloc[0:0]
    if path is not None:
        scenario = trade.scenario_rows(path, growth / 100)
        scenario = scenario[scenario["year"].between(*view.years_shown)]
        table = pd.concat([base_table, scenario, named_paths], ignore_index=True)
    first_year, last_year = view.years_shown
    shown_figure, key_figures = trade_figure.scenario_spec(figure, scenario, named_paths, scenarios.rates(named)), []
    chart_view.plotly_chart(
        shown_figure,
        key="trade_chart",
        file_stem="nea-trade-russia-dprk",
        alt=_(
            "Russia–DPRK trade {first}–{last} in USD million against the {target} target, with the target path, "
            "your scenario path, {n} named scenarios and events along the top."
        ).format(first=first_year, last=last_year, target=formats.money(target_value, 0, billions=False), n=len(named)),
    )
    if path is not None:
        key_figures = trade.scenario_metrics(view.chosen, flow, path, growth / 100, scenarios.HORIZON_YEAR)
        trade_view.metric_row(key_figures)
        trade_view.baseline_caption(flow, baseline_year, path, baseline, target)
    compared = trade_view.compared_scenarios(
        named, growth if path is not None else None, view, baseline_year, target_value, target_year
    )
    st.caption(_(trade_view.CHART_NOTE))
    # In the fragment: the citation names the growth rate and the scenarios, and the link carries them.
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
    words = scenarios.with_table_words(words, compared[compared["scenario"].isin([item.name for item in named])])
    shown_source_ids = [*table["source_id"], target["source_id"], *chart_events["source_id"]]
    footer.end_embedded_view(PAGE_TITLE, words, shown_source_ids, tables["sources"])
    compared_brief = scenario_panel.comparison(compared)  # as the page shows it and the briefing prints it
    scenario_panel.editor(named, trade_view.scenario_context(view, flow, baseline_year, required_rate, growth))
    st.subheader(_("Plotted series"))
    table_view.show_table(plotted_words.readable(table, tables["sources"]), width="stretch")
    downloads.csv_download(table, "nea-trade-series.csv", label=_("Download CSV"), key="trade_csv")
    uploads_panel.what_is_traded(upload, "trade")
    brief = briefing.BriefContent(answer_words, shown_figure, key_figures, [compared_brief])
    footer.page_footer(PAGE_TITLE, words, shown_source_ids, tables["sources"], brief=brief)


scenario_view()
