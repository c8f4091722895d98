"""The Trade page's named scenarios: read from the link (``?scenario=Fast:40``), compared in a table, and
added, renamed, changed and removed in an editor below the chart. The link is the one record of them:
every change rewrites it, so the permalink and "Cite this view" carry them."""

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.analysis import briefing, formats, scenarios, trade
from components.analysis.scenarios import Scenario
from components.analysis.trade_paths import GrowthArgumentError
from components.i18n import _
from components.ui import downloads, links, table_view
from components.ui.markdown import escape_markdown

LINK_KEY = "scenario"
PROBLEM_KEY = "scenario_problem"
# Every widget of a scenario row has a key with this prefix; a change clears them, so each row starts again
# from the link's values.
ROW_PREFIX = "scenario_row_"
# The editor's expander; its rows are built only while it is open. Its dozen widgets took about 55 ms of
# the browser's rendering on every growth-slider move (Trade 211 -> 156 ms settled, bench/run.py).
EDITOR_KEY = "scenario_editor"


@dataclass(frozen=True)
class ScenarioContext:
    """What the editor's buttons compute from: the names taken by the chart's own series, the years a
    scenario can start from, the target's required rate (``None`` when there is none), the slider's rate,
    and the rows and flow the observed pace is read from."""

    reserved: tuple[str, ...]
    years: tuple[int, ...]
    required_pct: float | None
    slider_pct: float
    baseline_year: int
    chosen: pd.DataFrame
    flow: str


def reserved_names() -> tuple[str, ...]:
    """Names of the chart's own series, which a named scenario may not take, in English and as shown."""
    names = [trade.SCENARIO_PATH, trade.TARGET_PATH, trade.TARGET_LINE, trade.BASELINE_POINT]
    names += [*trade.FLOW_LABELS.values(), *(label for _r, _p, label in trade.COMPARATORS.values())]
    return tuple(dict.fromkeys([*names, *map(_, names)]))


def linked(notices=None) -> list[Scenario]:
    """The named scenarios in the link; a value that cannot be one gets a notice in ``notices`` and is
    dropped, the rest stay."""
    return links.repeated_link_values(
        LINK_KEY,
        lambda values: scenarios.parse_link_values(values, reserved_names()),
        scenarios.link_value,
        notices,
    )


def _save(kept: list[Scenario]) -> None:
    links.set_link_values(LINK_KEY, [scenarios.link_value(scenario) for scenario in kept])
    for key in [key for key in st.session_state if str(key).startswith(ROW_PREFIX)]:
        del st.session_state[key]


def _refuse(problem: str) -> None:
    st.session_state[PROBLEM_KEY] = problem


def _add(scenario: Scenario, context: ScenarioContext) -> None:
    """Add ``scenario`` at the end, unless the page has ``MAX_SCENARIOS`` or its name or rate is refused."""
    kept = linked()
    if len(kept) >= scenarios.MAX_SCENARIOS:
        return _refuse(
            _("The page draws at most {n} named scenarios; remove one first.").format(n=scenarios.MAX_SCENARIOS)
        )
    name = scenarios.clean_name(scenario.name)
    problem = scenarios.rate_problem(scenario.rate_pct) or scenarios.name_problem(
        name, [*context.reserved, *(other.name for other in kept)]
    )
    if problem:
        return _refuse(problem)
    _save([*kept, Scenario(name, round(scenario.rate_pct, scenarios.RATE_DECIMALS), scenario.start_year)])


def _add_typed(context: ScenarioContext) -> None:
    state = st.session_state
    _add(Scenario(state.get("scenario_new_name", ""), state["scenario_new_rate"], state["scenario_new_start"]), context)


def _add_required(context: ScenarioContext) -> None:
    _add(Scenario(_("Required rate"), context.required_pct), context)


def _add_observed(context: ScenarioContext) -> None:
    first, last = st.session_state["scenario_pace_from"], st.session_state["scenario_pace_to"]
    try:
        rate = scenarios.observed_rate_pct(context.chosen, context.flow, first, last)
    except GrowthArgumentError as error:
        return _refuse(_("Cannot compute the pace {first}–{last}: {why}.").format(first=first, last=last, why=error))
    _add(Scenario(_("Pace {first}–{last}").format(first=first, last=last), rate), context)


def _save_slider(context: ScenarioContext) -> None:
    _add(Scenario(st.session_state.get("scenario_slider_name", ""), context.slider_pct), context)


def _change(index: int, context: ScenarioContext) -> None:
    """Take row ``index``'s edited name, rate and start year; a refused name leaves the row as it was."""
    kept = linked()
    if index >= len(kept):
        return
    state = st.session_state
    name = scenarios.clean_name(state.get(f"{ROW_PREFIX}name_{index}", kept[index].name))
    others = [other.name for position, other in enumerate(kept) if position != index]
    problem = scenarios.name_problem(name, [*context.reserved, *others])
    if problem:
        _refuse(problem)
        name = kept[index].name
    rate = state.get(f"{ROW_PREFIX}rate_{index}", kept[index].rate_pct)
    start = state.get(f"{ROW_PREFIX}start_{index}", kept[index].start_year)
    kept[index] = Scenario(name, round(rate, scenarios.RATE_DECIMALS), start)
    _save(kept)


def _remove(index: int) -> None:
    kept = linked()
    _save([scenario for position, scenario in enumerate(kept) if position != index])


def _start_words(context: ScenarioContext):
    """How the start-year boxes word their options: the baseline (``None``) names its year."""
    return lambda year: _("baseline ({year})").format(year=context.baseline_year) if year is None else str(year)


def _row(index: int, scenario: Scenario, context: ScenarioContext) -> None:
    """One scenario's name, rate and start year, each changed in place, and its remove button."""
    row = st.container(horizontal=True, gap="small", vertical_alignment="bottom")
    number = index + 1
    row.text_input(
        _("Name of scenario {n}").format(n=number), scenario.name, max_chars=scenarios.MAX_NAME_CHARACTERS,
        key=f"{ROW_PREFIX}name_{index}", on_change=_change, args=(index, context), width=260,
    )  # fmt: skip
    row.number_input(
        _("Rate, % a year"), *scenarios.RATE_RANGE_PCT, value=float(scenario.rate_pct), step=0.1, format="%.2f",
        key=f"{ROW_PREFIX}rate_{index}", on_change=_change, args=(index, context), width=150,
    )  # fmt: skip
    options = [None, *sorted({*context.years, *([scenario.start_year] if scenario.start_year else [])})]
    row.selectbox(
        _("From"), options, index=options.index(scenario.start_year), format_func=_start_words(context),
        key=f"{ROW_PREFIX}start_{index}", on_change=_change, args=(index, context), width=150,
        placeholder=_("Choose a year"),
    )  # fmt: skip
    row.button(
        _("Remove"), key=f"{ROW_PREFIX}remove_{index}", on_click=_remove, args=(index,), icon=":material/delete:"
    )


def _new_row(context: ScenarioContext, full: bool) -> None:
    row = st.container(horizontal=True, gap="small", vertical_alignment="bottom")
    row.text_input(
        _("New scenario's name"), key="scenario_new_name", max_chars=scenarios.MAX_NAME_CHARACTERS, width=260
    )
    row.number_input(
        _("Rate, % a year"), *scenarios.RATE_RANGE_PCT, value=10.0, step=0.1, format="%.2f",
        key="scenario_new_rate", width=150,
    )  # fmt: skip
    row.selectbox(
        _("From"),
        [None, *context.years],
        format_func=_start_words(context),
        key="scenario_new_start",
        width=150,
        placeholder=_("Choose a year"),
    )
    row.button(_("Add scenario"), key="scenario_add", on_click=_add_typed, args=(context,), disabled=full,
               icon=":material/add:")  # fmt: skip


def _ready_made_rows(context: ScenarioContext, full: bool) -> None:
    """The rows computed from the data, one click each: the required rate, the observed pace between two
    years, and the slider's rate under a name."""
    row = st.container(horizontal=True, gap="small", vertical_alignment="bottom")
    required = formats.percent(context.required_pct, 2) if context.required_pct is not None else formats.MISSING
    row.button(
        _("Add the rate the target required ({rate})").format(rate=required), key="scenario_add_required",
        on_click=_add_required, args=(context,), disabled=full or context.required_pct is None,
    )  # fmt: skip
    years = list(context.years)
    if len(years) >= 2:
        first, last = pace_years(years, context.baseline_year)
        row.selectbox(
            _("Observed pace from"),
            years[:-1],
            index=years.index(first),
            key="scenario_pace_from",
            width=150,
            placeholder=_("Choose a year"),
        )
        row.selectbox(
            _("to"),
            years[1:],
            index=years.index(last) - 1,
            key="scenario_pace_to",
            width=110,
            placeholder=_("Choose a year"),
        )
        row.button(_("Add the observed pace"), key="scenario_add_observed", on_click=_add_observed, args=(context,),
                   disabled=full)  # fmt: skip
    row = st.container(horizontal=True, gap="small", vertical_alignment="bottom")
    row.text_input(_("Name for the slider's rate"), key="scenario_slider_name", width=260,
                   max_chars=scenarios.MAX_NAME_CHARACTERS)  # fmt: skip
    row.button(
        _("Save the slider's rate ({rate}) as a scenario").format(rate=formats.percent(context.slider_pct, 1)),
        key="scenario_save_slider", on_click=_save_slider, args=(context,), disabled=full,
    )  # fmt: skip


def pace_years(years: list[int], baseline_year: int) -> tuple[int, int]:
    """The observed pace's default years among ``years`` (two or more, in order): the last year with data
    before the baseline to the baseline year (2011–2013 for a 2013 baseline when 2012 has no figure), or
    the first two years when the baseline is the first or has no figure."""
    if baseline_year in years[1:]:
        return years[years.index(baseline_year) - 1], baseline_year
    return years[0], years[1]


def editor(kept: list[Scenario], context: ScenarioContext) -> None:
    """The expander in which analysts add, rename, change and remove named scenarios, its rows built only
    while it is open (a closed one costs a slider move nothing; text typed and not yet added goes when it
    closes)."""
    panel = st.expander(
        _("Named scenarios: add, rename or remove"),
        icon=":material/stacked_line_chart:",
        key=EDITOR_KEY,
        on_change="rerun",
    )
    if not panel.open:
        return
    with panel:
        problem = st.session_state.pop(PROBLEM_KEY, None)
        if problem:
            st.warning(escape_markdown(problem), icon=":material/error:")
        st.caption(
            _(
                "Up to {n} constant growth rates, each from the baseline year or a year of its own; the link "
                "keeps them. The ready-made rows are computed from the data on screen."
            ).format(n=scenarios.MAX_SCENARIOS)
        )
        for index, scenario in enumerate(kept):
            _row(index, scenario, context)
        full = len(kept) >= scenarios.MAX_SCENARIOS
        _new_row(context, full)
        _ready_made_rows(context, full)


def comparison(table: pd.DataFrame) -> briefing.ExtraTable:
    """The comparison table, one row per scenario, and its CSV; nothing when there is no scenario. Returns
    the table as the briefing prints it (``brief_table``), worked out once for both."""
    people = scenarios.table_for_people(table)
    if not table.empty:
        st.subheader(_("Scenarios compared"))
        table_view.show_table(people, human_labels=False, width="stretch", key="scenario_table")
        downloads.csv_download(table, "nea-trade-scenarios.csv", label=_("Download the scenario table (CSV)"),
                               key="trade_scenarios_csv")  # fmt: skip
    return brief_table(table, people)


def brief_table(table: pd.DataFrame, people: pd.DataFrame | None = None) -> briefing.ExtraTable:
    """The scenarios' comparison as the briefing prints it: the table the page shows, in words (``people``,
    ``scenarios.table_for_people`` of ``table``, when the caller has it)."""
    return briefing.ExtraTable(_("Growth scenarios"), scenarios.table_for_people(table) if people is None else people)
