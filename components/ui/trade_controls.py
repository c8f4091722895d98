"""The Trade page's controls: one wrapping row of fixed-width widgets bound to the URL, and the growth
scenario's default, which follows the target path's required rate."""

import functools
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.analysis import scenarios, trade, trade_paths
from components.i18n import _
from components.ui import controls, links

GROWTH_RANGE = (-30.0, 100.0)
TARGET_VALUE_RANGE = (1.0, 100_000.0)
TARGET_YEAR_RANGE = (1950, 2100)
# The 1990 USSR–DPRK figure ($2.2B) would flatten everything after it; the default view starts in 2000.
DEFAULT_FIRST_YEAR = 2000


@dataclass(frozen=True)
class TradeView:
    """What the analyst chose, and the rows it selects: the line's rows (``chosen``), the other sources'
    (``alternatives``), and a note when the target's baseline year had to move."""

    source: str
    flow: str
    baseline_year: int
    target_value: float
    target_year: int
    compare: list[str]
    years_shown: tuple[int, int]
    log_scale: bool
    chosen: pd.DataFrame
    alternatives: pd.DataFrame
    baseline_notice: str | None

    @functools.cached_property
    def usable_years(self) -> tuple[int, ...]:
        """``scenarios.usable_years`` of ``chosen`` and ``flow``: worked out once per view (a full run), not
        on every move of the growth slider."""
        return tuple(scenarios.usable_years(self.chosen, self.flow))


# Words older links held for a choice (the English label the widget used to write), read as its id.
FLOW_ALIASES = {words: flow for flow, words in trade.FLOW_WORDS.items()}
SOURCE_ALIASES = {trade.PREFERRED_WORDS: trade.PREFERRED_CHOICE}


def link_checks(years: list[int], source_options: dict[str, str]) -> dict:
    """The link parameters the Trade page takes, each checked as its widget would take it; ``source_options``
    are the source choice's ids (``preferred`` and the agencies), each with its words."""
    return {
        "source": links.choice_param([*source_options, *SOURCE_ALIASES]),
        "flow": links.choice_param([*trade.FLOW_WORDS, *FLOW_ALIASES]),
        "baseline": links.choice_param(years),
        "target": links.number_param(*TARGET_VALUE_RANGE),
        "target_year": links.number_param(*TARGET_YEAR_RANGE, whole=True),
        "growth": links.slider_param(*GROWTH_RANGE, GROWTH_RANGE[0]),
        "compare": links.choice_param(trade.COMPARATORS, multiple=True),
        "log": links.bool_param(),
        "years": links.CHECKED_BY_WIDGET,  # its upper end follows the target year
        "scenario": links.CHECKED_BY_WIDGET,  # each value on its own: ui.scenario_panel.linked
    }


def _source_and_flow(row, source_options: dict[str, str]) -> tuple[str, str]:
    """The source and flow boxes: the link holds their ids (``preferred``, ``export``; an agency as
    sources.csv writes it), the boxes show words in the reader's language (``source_options``' values)."""
    source_words = {option: _(trade.PREFERRED_WORDS) if option == trade.PREFERRED_CHOICE else words
                    for option, words in source_options.items()}  # fmt: skip
    source = links.url_options(
        row, "selectbox", _("Source for disputed years"), source_words, param="source", key="trade_source",
        default=trade.PREFERRED_CHOICE, aliases=SOURCE_ALIASES, width=220, placeholder=_("Choose a source"),
        help=_("Where sources disagree for a year, whose figure the line shows; other years show the preferred row."),
    )  # fmt: skip
    flow = links.url_options(
        row, "selectbox", _("Flow compared with the target"),
        {flow: _(words) for flow, words in trade.FLOW_WORDS.items()}, param="flow", key="trade_flow",
        default="total", aliases=FLOW_ALIASES, width=200, placeholder=_("Choose a flow"),
    )  # fmt: skip
    return source, flow


def control_row(
    rows: pd.DataFrame, years: list[int], target: pd.Series, source_options: dict[str, str], notices
) -> TradeView:
    """Draw the row in a closed expander (it wraps onto more rows in a narrow window instead of cutting
    values off) and return the choice; ``years`` are those ``rows`` cover, in order. The baseline year's
    default follows the source and flow chosen before it."""
    # Folded on every screen: eight widgets wrap onto three or four rows in a half-screen window and two at
    # full width, and the chart, the growth slider and the answer come first (the chart's title, legend and
    # axes say what is chosen).
    label = _("Change this view: flow, source, baseline, target, comparators, years")
    panel = controls.view_controls(label, folded=True)
    row = panel.container(horizontal=True, gap="small", vertical_alignment="bottom")
    source, flow = _source_and_flow(row, source_options)
    chosen, alternatives = trade.choose_rows(rows, source)
    default_baseline, notice = trade.usable_baseline(trade.default_baseline_year(target, chosen, flow), chosen, flow)
    baseline_year = row.selectbox(
        _("Baseline year"), years, index=years.index(default_baseline) if default_baseline in years else 0,
        key="baseline", bind="query-params", width=120, placeholder=_("Choose a year"),
    )  # fmt: skip
    target_value = row.number_input(
        _("Target (USD million)"), *TARGET_VALUE_RANGE, value=float(target["target_usd_m"]), step=50.0,
        key="target", bind="query-params", width=170,
    )  # fmt: skip
    target_year = row.number_input(
        _("Target year"), *TARGET_YEAR_RANGE, value=int(target["target_year"]), step=1,
        key="target_year", bind="query-params", width=130,
    )  # fmt: skip
    compare = links.url_options(
        row, "multiselect", _("Comparators (right axis)"),
        {key: _(trade.COMPARATOR_NAMES[key]) for key in trade.COMPARATORS}, param="compare", key="trade_compare",
        default=[], width=260, placeholder=_("Add a comparison"),
    )  # fmt: skip
    first_shown = min((year for year in years if year >= DEFAULT_FIRST_YEAR), default=years[0])
    last_selectable = max(years[-1], int(target_year))
    years_shown = links.url_slider(
        row, _("Years shown"), years[0], last_selectable, (first_shown, last_selectable),
        key="years", notices=notices, width=260,
        help=_("The chart and the table below cover these years; widen the range for the earlier figures."),
    )  # fmt: skip
    log_scale = row.toggle(_("Log scale"), key="log", bind="query-params", width="content")
    return TradeView(
        source, flow, baseline_year, target_value, int(target_year), compare, tuple(years_shown), log_scale,
        chosen, alternatives, notice,
    )  # fmt: skip


def growth_default(required_rate: float | None, view: TradeView) -> tuple[float, bool]:
    """The growth slider's default (the required rate, within the slider's range) and whether it was reset
    in this run: the scenario returns to the required rate whenever what that rate depends on changes.
    Setting the bound value here also keeps the URL in step with what is shown."""
    default = trade_paths.clamp_percent(required_rate, *GROWTH_RANGE)
    settings = (view.source, view.flow, view.baseline_year, view.target_value, view.target_year)
    reset = st.session_state.get("trade_path_settings", settings) != settings
    if reset:
        st.session_state["growth"] = default
    st.session_state["trade_path_settings"] = settings
    return default, reset


def growth_slider(default: float, reset: bool) -> float:
    """The scenario's growth rate in percent a year, bound to the URL."""
    return st.slider(
        _("Scenario growth rate (% a year)"),
        *GROWTH_RANGE,
        # Not value= in the run that set the state above: Streamlit warns (with a stack trace) when both do.
        value=None if reset else default,
        step=0.1,
        format="%.1f%%",
        key="growth",
        bind="query-params",
        help=_(
            "Starts at the required rate (rounded to 0.1 %); returns to it when baseline, target, flow or "
            "source change."
        ),
    )
