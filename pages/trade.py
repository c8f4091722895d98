"""Trade: Russia–DPRK trade against the announced target, the path it required, and other growth paths."""

import pandas as pd
import streamlit as st

from components import trade, trade_chart, ui, uploads, uploads_panel, view_words

ui.require_navigation()

SCENARIO_HORIZON = 2100
GROWTH_RANGE = (-30.0, 100.0)
TARGET_VALUE_RANGE = (1.0, 100_000.0)
TARGET_YEAR_RANGE = (1950, 2100)
DEFAULT_FIRST_YEAR = 2000

PAGE_TITLE = "Russia–DPRK trade against the announced target"
st.title(PAGE_TITLE)
tables = ui.load_tables("trade", "targets", "events", "sources")
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


ui.check_query_params(
    {
        "source": ui.choice_param(source_options),
        "flow": ui.choice_param(trade.FLOW_CHOICES),
        "baseline": ui.choice_param(years),
        "target": ui.number_param(*TARGET_VALUE_RANGE),
        "target_year": whole_year,
        "growth": ui.number_param(*GROWTH_RANGE),
        "compare": ui.choice_param(trade.COMPARATORS, multiple=True),
        "log": ui.bool_param(),
        "years": ui.number_param(years[0], years[-1]),
    }
)

controls = ui.view_controls()
settings = controls.columns(5)
source = settings[0].selectbox(
    "Source for disputed years",
    source_options,
    key="source",
    bind="query-params",
    help="Where sources disagree for a year, whose figure the line shows; other years show the preferred row.",
)
flow = trade.FLOW_CHOICES[
    settings[1].selectbox("Flow compared with the target", list(trade.FLOW_CHOICES), key="flow", bind="query-params")
]
chosen, alternatives = trade.choose_rows(rows, source)
alternatives = alternatives[~uploads.is_upload(alternatives["source_id"])]
default_baseline = trade.default_baseline_year(target, chosen, flow) or years[0]
baseline_year = settings[2].selectbox(
    "Baseline year", years, index=years.index(default_baseline), key="baseline", bind="query-params"
)
target_value = settings[3].number_input(
    "Target (USD million)",
    *TARGET_VALUE_RANGE,
    value=float(target["target_usd_m"]),
    step=50.0,
    key="target",
    bind="query-params",
)
target_year = settings[4].number_input(
    "Target year", *TARGET_YEAR_RANGE, value=int(target["target_year"]), step=1, key="target_year", bind="query-params"
)

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
if st.session_state.get("trade_path_settings", path_settings) != path_settings:
    st.session_state["growth"] = default_growth
st.session_state["trade_path_settings"] = path_settings


options = controls.columns([2, 1, 3])
compare = options[0].multiselect(
    "Comparators (right axis)", list(trade.COMPARATORS), key="compare", bind="query-params"
)
log_scale = options[1].toggle("Log scale", key="log", bind="query-params")
# The 1990 USSR–DPRK figure ($2.2B) would flatten everything after it; the default view starts in 2000.
first_shown = min((year for year in years if year >= DEFAULT_FIRST_YEAR), default=years[0])
last_year = max(years[-1], int(target_year))
years_shown = options[2].slider(
    "Years shown", years[0], last_year, (first_shown, last_year), key="years", bind="query-params",
    help="The chart and the table below cover these years; widen the range for the earlier figures.",
)  # fmt: skip

path = None
if problem:
    st.warning(ui.escape_markdown(problem), icon=":material/warning:")
else:
    path = {
        "baseline_year": baseline_year,
        "baseline_value": float(baseline["value_usd_m"]),
        "baseline_source_id": baseline["source_id"],
        "baseline_agency": baseline["agency"],
        "target_year": int(target_year),
        "target_value": float(target_value),
        "target_source_id": target["source_id"],
        "rate": required_rate,
        "end_year": int(target_year),
    }
comparators = {key: trade.comparator_rows(tables["trade"], tables["sources"], key) for key in compare}
base_table = trade.plotted_table(chosen, alternatives, comparators, path)
base_table = pd.concat([base_table, uploads.series_rows(rows, trade.FLOW_LABELS)], ignore_index=True)
base_table = base_table[base_table["year"].between(*years_shown)]
# The events marked on the chart depend on the years shown, not on the growth rate.
chart_events = trade.chart_events(tables["events"], *years_shown)


@st.cache_data(show_spinner=False, max_entries=32)
def base_chart(table, events, log_scale, first_year, last_year, heavy_series, has_scenario):
    """The chart without the scenario path: the same for every position of the growth slider."""
    return trade_chart.base_chart_spec(
        table,
        events,
        trade.series_colours() | uploads.colours_of(table),
        log_scale=log_scale,
        first_year=first_year,
        last_year=last_year,
        heavy_series=heavy_series,
        scenario_series=[trade.SCENARIO_PATH] if has_scenario else [],
    )


# A move of the growth slider reruns only this part: the chart's other series come from the cache.
@st.fragment
def scenario_view() -> None:
    """Growth slider, metrics, chart, plotted table and export for the settings chosen above."""
    growth = st.slider(
        "Scenario growth rate (% a year)",
        *GROWTH_RANGE,
        value=default_growth,
        step=0.1,
        format="%.1f%%",
        key="growth",
        bind="query-params",
        help="Starts at the required rate (rounded to 0.1 %); returns to it when baseline, target, flow or "
        "source change.",
    )
    table, scenario = base_table, base_table.iloc[0:0]
    if path is not None:
        metrics = trade.scenario_metrics(chosen, flow, path, growth / 100, SCENARIO_HORIZON)
        for column, (label, value) in zip(st.columns(len(metrics)), metrics, strict=True):
            column.metric(label, value)
        st.caption(
            ui.escape_markdown(
                f"Baseline: {trade.FLOW_LABELS[flow]} in {baseline_year}, ${path['baseline_value']:,.1f}M as "
                f"reported by {baseline['agency']} ({baseline['source_id']}): the figure the chart shows for that "
                f"year. Target: ${target_value:,.0f}M by {target_year} ({target['source_id']}). Both paths compound "
                "from the baseline. The default baseline year is the target's stated one or, when it states none, "
                "the latest year with data before the target was agreed."
            )
        )
        scenario = trade.scenario_rows(path, growth / 100)
        scenario = scenario[scenario["year"].between(*years_shown)]
        table = pd.concat([base_table, scenario], ignore_index=True)
    first_year, last_year = years_shown
    heavy_series = trade.FLOW_LABELS[flow]
    chart = base_chart(base_table, chart_events, log_scale, first_year, last_year, heavy_series, path is not None)
    spec = trade_chart.with_scenario(chart, scenario)
    scenario_words = f", scenario {growth:.1f}% a year" if path is not None else ""
    ui.vega_chart(
        spec,
        key="trade_chart",
        file_stem="nea-trade-russia-dprk",
        alt=f"Russia–DPRK trade {first_year}–{last_year} in USD million against the ${target_value:,.0f}M target, "
        "with the target path, your scenario path and events along the top.",
        title=f"Russia–DPRK {trade.FLOW_LABELS[flow].lower()}, {first_year}–{last_year}, USD million: "
        f"${target_value:,.0f}M target by {target_year}{scenario_words}",
        source_ids=[*table["source_id"], *chart_events["source_id"]],
        sources=tables["sources"],
    )
    st.caption(
        "One figure per year: where sources disagree the line takes the preferred row (or the agency chosen above), "
        "so it combines agencies year by year; hover a point for its agency and source. Faint open circles are the "
        "other sources' figures. Years no source gives are gaps, not zeros. Dotted comparators use the right axis. "
        "Markers along the top are visits, summits, agreements and sanctions."
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
    ui.end_embedded_view(PAGE_TITLE, view, shown_source_ids, tables["sources"])
    st.subheader("Plotted series")
    st.dataframe(table, hide_index=True, width="stretch")
    ui.csv_download(table, "nea-trade-series.csv", key="trade_csv")
    uploads_panel.what_is_traded(upload, "trade")
    ui.page_footer(PAGE_TITLE, view, shown_source_ids, tables["sources"])


scenario_view()
