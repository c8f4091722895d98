"""Trade: Russia–DPRK trade against the announced target, the path it required, and other growth paths."""

import pandas as pd
import streamlit as st

from components.analysis import citation, formats, trade, uploads, view_words
from components.charts import trade_chart
from components.ui import (
    chart_view,
    controls,
    downloads,
    footer,
    links,
    loading,
    markdown,
    navigation,
    table_view,
    uploads_panel,
)
from components.ui import metrics as ui_metrics

navigation.require_navigation()

SCENARIO_HORIZON = 2100
GROWTH_RANGE = (-30.0, 100.0)
TARGET_VALUE_RANGE = (1.0, 100_000.0)
TARGET_YEAR_RANGE = (1950, 2100)
DEFAULT_FIRST_YEAR = 2000

PAGE_TITLE = "Russia–DPRK trade against the announced target"
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


def whole_year(values: list[str]) -> bool:
    return len(values) == 1 and values[0].isdigit() and TARGET_YEAR_RANGE[0] <= int(values[0]) <= TARGET_YEAR_RANGE[1]


notices = links.check_query_params(
    {
        "source": links.choice_param(source_options),
        "flow": links.choice_param(trade.FLOW_CHOICES),
        "baseline": links.choice_param(years),
        "target": links.number_param(*TARGET_VALUE_RANGE),
        "target_year": whole_year,
        "growth": links.slider_param(*GROWTH_RANGE, GROWTH_RANGE[0]),
        "compare": links.choice_param(trade.COMPARATORS, multiple=True),
        "log": links.bool_param(),
        "years": links.CHECKED_BY_WIDGET,  # its upper end follows the target year
    }
)

# One wrapping row of fixed-width controls: they flow onto more rows in a narrow window instead of
# squeezing their values until they are cut off.
controls = controls.view_controls().container(horizontal=True, gap="small", vertical_alignment="bottom")
source = controls.selectbox(
    "Source for disputed years",
    source_options,
    key="source",
    bind="query-params",
    width=220,
    help="Where sources disagree for a year, whose figure the line shows; other years show the preferred row.",
)
flow = trade.FLOW_CHOICES[
    controls.selectbox(
        "Flow compared with the target", list(trade.FLOW_CHOICES), key="flow", bind="query-params", width=200
    )
]
chosen, alternatives = trade.choose_rows(rows, source)
alternatives = alternatives[~uploads.is_upload(alternatives["source_id"])]
default_baseline, baseline_notice = trade.usable_baseline(
    trade.default_baseline_year(target, chosen, flow), chosen, flow
)
baseline_year = controls.selectbox(
    "Baseline year",
    years,
    index=years.index(default_baseline) if default_baseline in years else 0,
    key="baseline",
    bind="query-params",
    width=120,
)
target_value = controls.number_input(
    "Target (USD million)",
    *TARGET_VALUE_RANGE,
    value=float(target["target_usd_m"]),
    step=50.0,
    key="target",
    bind="query-params",
    width=170,
)
target_year = controls.number_input(
    "Target year",
    *TARGET_YEAR_RANGE,
    value=int(target["target_year"]),
    step=1,
    key="target_year",
    bind="query-params",
    width=130,
)
target_text = formats.money(target_value, 0, billions=False)
answer_slot.markdown(markdown.escape_markdown(trade.answer(chosen, flow, target_value, int(target_year))))
if baseline_notice and "baseline" not in st.query_params:
    st.info(markdown.escape_markdown(baseline_notice), icon=":material/info:")

baseline = trade.flow_value(chosen, flow, baseline_year)
problem, required_rate = None, None
if baseline is None or baseline["value_usd_m"] <= 0:
    problem = (
        f"The data has no {trade.FLOW_LABELS[flow].lower()} figure above zero for {baseline_year}; "
        "choose another baseline year or flow."
    )
else:
    try:
        required_rate = trade.required_growth_rate(baseline["value_usd_m"], baseline_year, target_value, target_year)
    except trade.GrowthArgumentError as error:
        problem = f"Cannot compute the target path: {error}."

# The scenario starts at the required rate and returns to it whenever what the rate depends on changes;
# setting the bound value here also keeps the URL in step with what is shown.
default_growth = trade.clamp_percent(required_rate, *GROWTH_RANGE)
path_settings = (source, flow, baseline_year, target_value, target_year)
growth_reset = st.session_state.get("trade_path_settings", path_settings) != path_settings
if growth_reset:
    st.session_state["growth"] = default_growth
st.session_state["trade_path_settings"] = path_settings


compare = controls.multiselect(
    "Comparators (right axis)", list(trade.COMPARATORS), key="compare", bind="query-params", width=260
)
# The 1990 USSR–DPRK figure ($2.2B) would flatten everything after it; the default view starts in 2000.
first_shown = min((year for year in years if year >= DEFAULT_FIRST_YEAR), default=years[0])
last_selectable = max(years[-1], int(target_year))
years_shown = links.url_slider(
    controls, "Years shown", years[0], last_selectable, (first_shown, last_selectable),
    key="years", notices=notices, width=260,
    help="The chart and the table below cover these years; widen the range for the earlier figures.",
)  # fmt: skip
log_scale = controls.toggle("Log scale", key="log", bind="query-params", width="content")

path = None
if problem:
    st.warning(markdown.escape_markdown(problem), icon=":material/warning:")
else:
    path = trade.target_path(baseline, target_value, target_year, target["source_id"])
comparators = {key: trade.comparator_rows(tables["trade"], tables["sources"], key) for key in compare}
base_table = trade.plotted_table(chosen, alternatives, comparators, path)
base_table = pd.concat([base_table, uploads.series_rows(rows, trade.FLOW_LABELS)], ignore_index=True)
base_table = base_table[base_table["year"].between(*years_shown)]
# The events marked on the chart depend on the years shown, not on the growth rate.
chart_events = trade.chart_events(tables["events"], *years_shown)


@st.cache_data(show_spinner=False, max_entries=32)
def base_figure(table, events, sources, log_scale, first_year, last_year, heavy_series, has_scenario, title, estimates):
    """The figure without the scenario path: the same for every position of the growth slider."""
    note = citation.sources_line([*table["source_id"], *trade_chart.event_rows(events, sources)["source_id"]], sources)
    return trade_chart.base_figure(
        table,
        events,
        sources,
        log_scale=log_scale,
        first_year=first_year,
        last_year=last_year,
        title=title,
        source_note=note,
        heavy_series=heavy_series,
        scenario_series=[trade.SCENARIO_PATH] if has_scenario else [],
        estimates=estimates,
    )


first_year, last_year = years_shown
# The title leaves the growth rate out, so this figure serves every slider position. It is built out
# here, not in the fragment, so a slider move neither rebuilds it nor hashes its inputs for the cache.
figure = base_figure(
    base_table,
    chart_events,
    tables["sources"],
    log_scale,
    first_year,
    last_year,
    trade.FLOW_LABELS[flow],
    path is not None,
    f"Russia–DPRK {trade.FLOW_LABELS[flow].lower()}, {first_year}–{last_year}, USD million: "
    f"{target_text} target by {target_year}",
    trade.estimate_keys(rows),
)


# A move of the growth slider reruns only this part: the chart's other series are built above.
@st.fragment
def scenario_view() -> None:
    """Growth slider, chart, metrics, plotted table and export for the settings chosen above."""
    growth = st.slider(
        "Scenario growth rate (% a year)",
        *GROWTH_RANGE,
        # Not value= in the run that set the state above: Streamlit warns (with a stack trace) when both do.
        value=None if growth_reset else default_growth,
        step=0.1,
        format="%.1f%%",
        key="growth",
        bind="query-params",
        help="Starts at the required rate (rounded to 0.1 %); returns to it when baseline, target, flow or "
        "source change.",
    )
    table, scenario = base_table, base_table.iloc[0:0]
    if path is not None:
        scenario = trade.scenario_rows(path, growth / 100)
        scenario = scenario[scenario["year"].between(*years_shown)]
        table = pd.concat([base_table, scenario], ignore_index=True)
    chart_view.plotly_chart(
        trade_chart.with_scenario(figure, scenario),
        key="trade_chart",
        file_stem="nea-trade-russia-dprk",
        alt=f"Russia–DPRK trade {first_year}–{last_year} in USD million against the {target_text} target, "
        "with the target path, your scenario path and events along the top.",
    )
    if path is not None:
        metrics = trade.scenario_metrics(chosen, flow, path, growth / 100, SCENARIO_HORIZON)
        row = ui_metrics.metric_row()
        for label, value in metrics:
            ui_metrics.metric(row, label, value)
        st.caption(
            markdown.escape_markdown(
                f"Baseline: {trade.FLOW_LABELS[flow]} in {baseline_year}, "
                f"{formats.money(path.baseline_value, billions=False)} as "
                f"reported by {baseline['agency']} ({baseline['source_id']}): the figure the chart shows for that "
                f"year. Target: {target_text} by {target_year} ({target['source_id']}). Both paths compound "
                "from the baseline. The default baseline year is the target's stated one (or, when its preferred "
                "source states none, the one its other sources state) or, when none does, the latest year with data "
                "before the target was agreed."
            )
        )
    st.caption(
        "One figure per year: where sources disagree the line takes the preferred row (or the agency chosen above), "
        "so it combines agencies year by year; hover a point for its agency and source. Faint open circles are the "
        "other sources' figures. Years no source gives are gaps, not zeros. Dotted comparators use the right axis. "
        "Markers along the top are visits, summits, agreements and sanctions. A ringed point is a figure its source "
        "gives as an estimate, not customs data. Trade figures for 2023–2025 exclude military transfers. Click a "
        "legend entry to hide a series; the camera button in the chart's toolbar saves it as a PNG."
    )
    # In the fragment: the citation names the growth rate and the link carries it.
    view = view_words.trade(
        flow,
        years_shown,
        target_value,
        target_year,
        baseline_year,
        growth if path is not None else None,
        source if source != trade.PREFERRED_CHOICE else None,
        compare,
        log_scale,
    )
    shown_source_ids = [*table["source_id"], target["source_id"], *chart_events["source_id"]]
    footer.end_embedded_view(PAGE_TITLE, view, shown_source_ids, tables["sources"])
    st.subheader("Plotted series")
    table_view.show_table(table, human_labels=False, width="stretch")
    downloads.csv_download(table, "nea-trade-series.csv", key="trade_csv")
    uploads_panel.what_is_traded(upload, "trade")
    footer.page_footer(PAGE_TITLE, view, shown_source_ids, tables["sources"])


scenario_view()
