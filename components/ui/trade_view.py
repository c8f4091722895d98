"""The Trade page's chart and what explains it: the cached figure without the scenario, the scenario's
metrics, and the captions."""

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.analysis import citation, formats, scenarios, trade, uploads
from components.analysis.sources import agency_names
from components.charts import trade_chart, trade_figure
from components.i18n import N_, _
from components.ui import loading, scenario_panel
from components.ui import metrics as ui_metrics
from components.ui.markdown import escape_markdown

CHART_NOTE = N_(
    "One figure per year: where sources disagree the line takes the preferred row (or the agency chosen above), "
    "so it combines agencies year by year; a tall black tick marks each year a line changes agency (hover it for "
    "the agencies), and each line keeps one agency wherever that agency gives a figure. Hover a point for its agency "
    "and source. Faint open circles are the other sources' figures. Years no source gives are gaps, not zeros; a "
    "crossed ring at zero is a nil the source states. Dotted comparators use the right axis. "
    "Markers along the top are visits, summits, agreements and sanctions. A ringed point is a figure its source "
    "gives as an estimate, not customs data. Trade figures for 2023–2025 exclude military transfers. Click a "
    "legend entry to hide a series; the camera button in the chart's toolbar saves it as a PNG."
)


@dataclass(frozen=True)
class TradeBasics:
    """What the Trade page derives from the trade, sources and targets tables (``basics``): the
    Russia–DPRK rows with their agency, the preferred target, the years the rows cover, the source choices
    and the ``(year, source_id)`` of estimates."""

    rows: pd.DataFrame
    target: pd.Series | None
    years: list[int]
    source_options: dict[str, str]
    estimates: tuple[tuple[int, str], ...]


def basics(trade_table: pd.DataFrame, sources: pd.DataFrame, targets: pd.DataFrame) -> TradeBasics:
    """``TradeBasics`` of the tables: plain Python (``page_basics`` caches it)."""
    rows = trade.pair_rows(trade_table, sources, "RUS", "PRK")
    return TradeBasics(
        rows,
        trade.target_row(targets),
        sorted(int(year) for year in rows["year"].unique()),
        source_options(rows, sources),
        trade.estimate_keys(rows),
    )


def source_options(rows: pd.DataFrame, sources: pd.DataFrame) -> dict[str, str]:
    """The source choice's ids (``preferred``, then each disputed agency as sources.csv writes it, which the
    link holds), each with its words in the reader's language (``preferred`` is worded by the box)."""
    names = agency_names(sources)
    return {trade.PREFERRED_CHOICE: trade.PREFERRED_CHOICE} | {
        agency: names.get(agency, agency) for agency in trade.disputed_agencies(rows)
    }


def page_basics(tables: dict[str, pd.DataFrame], upload) -> TradeBasics:
    """``basics`` of the page's tables: once per data version and language while no file is uploaded (the
    tables are then the curated ones), on every run with one."""
    frames = (tables["trade"], tables["sources"], tables["targets"])
    if upload is None:
        return loading.per_data_version(basics, *frames)
    return basics(*frames)


def base_figure(
    table, events, sources, log_scale, first_year, last_year, heavy_series, has_scenario, title, estimates, language
):
    """The figure without the scenario path: the same for every position of the growth slider, so a move
    neither rebuilds it nor hashes its inputs. ``language`` (``components.i18n.language()``) keys the cache:
    the figure's words are in it. ``events`` (the curated events of these years) and ``sources`` are not
    hashed: the data version and the uploaded file's source rows stand for them."""
    uploaded = sources[uploads.is_upload(sources["source_id"])].astype(str).to_numpy()
    data_key = (loading.current_content_hash(), tuple(map(tuple, uploaded)))
    return _base_figure(
        table, events, sources, log_scale, first_year, last_year, heavy_series, has_scenario, title, estimates,
        language, data_key,
    )  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=32)
def _base_figure(
    table, _events, _sources, log_scale, first_year, last_year, heavy_series, has_scenario, title, estimates, language,
    data_key,
):  # fmt: skip
    events, sources = _events, _sources
    note = citation.sources_line([*table["source_id"], *trade_chart.event_rows(events, sources)["source_id"]], sources)
    return trade_figure.base_figure(
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


def chart_title(flow: str, years: tuple[int, int], target_value: float, target_year: int) -> str:
    """The chart's title; it leaves the growth rate out, so one figure serves every slider position."""
    return _("Russia–DPRK {flow}, {first}–{last}, USD million: {target} target by {year}").format(
        flow=_(trade.FLOW_LABELS[flow]).lower(),
        first=years[0],
        last=years[1],
        target=formats.money(target_value, 0, billions=False),
        year=target_year,
    )


def metric_row(metrics: list[tuple[str, str]]) -> None:
    """The scenario's metrics as fixed-width cards in a wrapping row."""
    row = ui_metrics.metric_row()
    for label, value in metrics:
        ui_metrics.metric(row, label, value)


def _agency_words(row: pd.Series) -> str:
    """A trade row's agency in the reader's language (``trade.pair_rows``' ``agency_words``), else as it is."""
    words = row.get("agency_words")
    return words if isinstance(words, str) else str(row["agency"])


def baseline_caption(flow: str, baseline_year: int, path, baseline: pd.Series, target: pd.Series) -> None:
    """Where both paths start and end, and how the default baseline year is chosen."""
    st.caption(
        escape_markdown(
            _(
                "Baseline: {flow} in {year}, {value} as reported by {agency} ({source}): the figure the chart "
                "shows for that year. Target: {target} by {target_year} ({target_source}). Both paths compound "
                "from the baseline. The default baseline year is the target's stated one (or, when its "
                "preferred source states none, the one its other sources state) or, when none does, the latest "
                "year with data before the target was agreed."
            ).format(
                flow=_(trade.FLOW_LABELS[flow]),
                year=baseline_year,
                value=formats.money(path.baseline_value, billions=False),
                agency=_agency_words(baseline),
                source=baseline["source_id"],
                target=formats.money(path.target_value, 0, billions=False),
                target_year=path.target_year,
                target_source=target["source_id"],
            )
        )
    )


def compared_scenarios(named, growth_pct, view, baseline_year: int, target_value: float, target_year: int):
    """``scenarios.scenario_table`` of the slider's scenario (first, when ``growth_pct`` is given) and the
    ``named`` ones, for the flow and rows on screen."""
    slider = [scenarios.Scenario(_(trade.SCENARIO_PATH), growth_pct)] if growth_pct is not None else []
    return scenarios.scenario_table([*slider, *named], view.chosen, view.flow, baseline_year, target_value, target_year)


def scenario_context(view, flow: str, baseline_year: int, required_rate: float | None, growth_pct: float):
    """What the scenario editor's buttons compute from (``scenario_panel.ScenarioContext``)."""
    return scenario_panel.ScenarioContext(
        reserved=scenario_panel.reserved_names(),
        years=view.usable_years if flow == view.flow else tuple(scenarios.usable_years(view.chosen, flow)),
        required_pct=None if required_rate is None else scenarios.rounded_up_pct(required_rate),
        slider_pct=float(growth_pct),
        baseline_year=int(baseline_year),
        chosen=view.chosen,
        flow=flow,
    )
