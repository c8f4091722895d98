"""Named growth scenarios on the Trade page: up to four constant annual growth rates, each from the baseline
year or its own start year, their link form (``?scenario=Fast:40:2015``), the two ready-made rows computed
from the data, and the comparison table (also what a briefing prints).

Plain functions; rates here are percent a year (14.5 = 14.5 %/yr), as the URL and the page show them; the
arithmetic is ``trade_paths``'s. Names are plain text: whoever shows one escapes it for its medium.
"""

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from components.analysis import formats
from components.analysis.trade_paths import (
    GrowthArgumentError,
    achieved_growth_rate,
    crossing_year,
    projected_path,
    share_of_target,
    value_at,
)
from components.i18n import _

MAX_SCENARIOS = 4
# A rate outside this range is a typo or an attack, not an argument about trade: -99 % a year leaves 1 %
# of the value after one year; 1,000 % multiplies it by 11 each year.
RATE_RANGE_PCT = (-99.0, 1000.0)
START_YEAR_RANGE = (1950, 2100)
MAX_NAME_CHARACTERS = 40
HORIZON_YEAR = 2100
# Rates are kept to two decimals in the link and the table: enough to tell 14.45 from 14.5 % a year.
RATE_DECIMALS = 2
COMPUTED = "computed"
ROLE = "named_scenario"

TABLE_COLUMNS = [
    "scenario",
    "rate_pct",
    "start_year",
    "start_value_usd_m",
    "target_year",
    "value_at_target_year_usd_m",
    "share_of_target_pct",
    "crossing_year",
    "reaches_target",
]

_SPACES = re.compile(r"\s+")
_INVISIBLE = re.compile(r"[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_WHOLE = re.compile(r"-?\d{1,4}")


@dataclass(frozen=True)
class Scenario:
    """One named scenario: a constant rate in percent a year from ``start_year`` (``None``: the baseline)."""

    name: str
    rate_pct: float
    start_year: int | None = None


def clean_name(text: str) -> str:
    """``text`` as a scenario name: control and invisible characters removed, runs of white space one
    space, no space at either end. Markup stays as typed: it is shown as text everywhere."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", str(text))).strip()


def name_problem(name: str, taken: Iterable[str] = ()) -> str | None:
    """Why ``name`` (already ``clean_name``'d) cannot name a scenario, or ``None``: empty, too long, or the
    name of another scenario or series in ``taken`` (compared without regard to case)."""
    if not name:
        return _("A scenario needs a name.")
    if len(name) > MAX_NAME_CHARACTERS:
        return _("A scenario name has at most {n} characters.").format(n=MAX_NAME_CHARACTERS)
    same = next((other for other in taken if other.casefold() == name.casefold()), None)
    if same is not None:
        return _("“{name}” already names another scenario or series on the chart.").format(name=same)
    return None


def rate_problem(rate_pct: float) -> str | None:
    """Why ``rate_pct`` cannot be a scenario's rate (not finite, or outside ``RATE_RANGE_PCT``), or ``None``."""
    low, high = RATE_RANGE_PCT
    if not isinstance(rate_pct, int | float) or not math.isfinite(rate_pct) or not low <= rate_pct <= high:
        return _("A scenario's rate must be a number from {low} to {high} a year.").format(
            low=formats.percent(low, 0), high=formats.percent(high, 0)
        )
    return None


def link_value(scenario: Scenario) -> str:
    """The scenario as one ``scenario=`` link value: ``name:rate`` or ``name:rate:start_year``."""
    rate = f"{round(scenario.rate_pct, RATE_DECIMALS):g}"
    start = f":{scenario.start_year}" if scenario.start_year is not None else ""
    return f"{scenario.name}:{rate}{start}"


def _number(text: str) -> float | None:
    try:
        number = float(text.strip().removesuffix("%"))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def parse_link_value(value: str) -> tuple[Scenario | None, str | None]:
    """One ``scenario=`` link value read as ``name:rate[:start_year]`` (the name may itself hold ``:``; it is
    read from the right), or ``None`` and why not."""
    parts = str(value).rsplit(":", 2)
    start_year = None
    if len(parts) == 3 and _number(parts[1]) is not None:
        if not _WHOLE.fullmatch(parts[2].strip()):
            return None, _("its start year is not a whole year")
        name, rate_text, start_year = parts[0], parts[1], int(parts[2])
    elif len(parts) >= 2:
        name, rate_text = ":".join(parts[:-1]), parts[-1]
    else:
        return None, _("it is not name:rate, e.g. Fast:40")
    rate = _number(rate_text)
    if rate is None:
        return None, _("its rate is not a finite number")
    problem = rate_problem(rate)
    if problem is None and start_year is not None and not START_YEAR_RANGE[0] <= start_year <= START_YEAR_RANGE[1]:
        problem = _("its start year is not between {first} and {last}").format(
            first=START_YEAR_RANGE[0], last=START_YEAR_RANGE[1]
        )
    problem = problem or name_problem(clean_name(name))
    if problem:
        return None, problem
    return Scenario(clean_name(name), round(rate, RATE_DECIMALS), start_year), None


def parse_link_values(values: Sequence[str], reserved: Iterable[str] = ()) -> tuple[list[Scenario], list[str]]:
    """The scenarios of a link's repeated ``scenario=`` values, in order, and a notice for each value
    dropped: unreadable, a bad rate or start year, a name taken (by an earlier scenario or by a series in
    ``reserved``), or one more than ``MAX_SCENARIOS``. The notices quote the value as given (plain text)."""
    kept: list[Scenario] = []
    problems = []
    reserved = list(reserved)
    for value in values:
        scenario, problem = parse_link_value(value)
        if scenario is not None:
            problem = name_problem(scenario.name, [*reserved, *(other.name for other in kept)])
        if problem is None and len(kept) >= MAX_SCENARIOS:
            problem = _("the page draws at most {n} named scenarios").format(n=MAX_SCENARIOS)
        if problem:
            problems.append(
                _("Link parameter 'scenario={value}' was dropped: {why}").format(value=value, why=problem.rstrip("."))
            )
        else:
            kept.append(scenario)
    return kept, problems


# ---- Rows computed from the data --------------------------------------------------------------------


def usable_years(chosen: pd.DataFrame, flow: str) -> list[int]:
    """Years with a ``flow`` figure above zero in ``chosen``: where a scenario can start."""
    rows = chosen[(chosen["flow"] == flow) & (chosen["value_usd_m"] > 0)]
    return sorted(int(year) for year in rows["year"].unique())


def _figure(chosen: pd.DataFrame, flow: str, year: int) -> pd.Series | None:
    rows = chosen[(chosen["flow"] == flow) & (chosen["year"] == int(year)) & (chosen["value_usd_m"] > 0)]
    return None if rows.empty else rows.iloc[0]


def rounded_up_pct(rate: float) -> float:
    """A rate given as a fraction (0.36596), in percent rounded up to ``RATE_DECIMALS`` (36.6): the rate the
    target required, rounded so its path does reach the target in the target year."""
    scale = 10**RATE_DECIMALS
    # The inner round keeps 36.6 from becoming 36.61 through a product like 3660.0000000001.
    return math.ceil(round(rate * 100 * scale, 6)) / scale


def observed_rate_pct(chosen: pd.DataFrame, flow: str, first_year: int, last_year: int) -> float:
    """The compound annual rate the data shows for ``flow`` from ``first_year`` to ``last_year``, in percent a
    year rounded to ``RATE_DECIMALS``; raises ``GrowthArgumentError`` when either year lacks a figure above
    zero or the years are not in order."""
    first, last = _figure(chosen, flow, first_year), _figure(chosen, flow, last_year)
    missing = [year for year, row in ((first_year, first), (last_year, last)) if row is None]
    if missing:
        raise GrowthArgumentError(_("the data has no figure above zero for {year}").format(year=missing[0]))
    rate = achieved_growth_rate(first["value_usd_m"], int(first_year), last["value_usd_m"], int(last_year))
    return round(rate * 100, RATE_DECIMALS)


# ---- The comparison table and the paths -------------------------------------------------------------


def _start(scenario: Scenario, chosen: pd.DataFrame, flow: str, baseline_year: int) -> pd.Series | None:
    return _figure(chosen, flow, scenario.start_year if scenario.start_year is not None else baseline_year)


def reaches_words(crossing: int | None, horizon_year: int = HORIZON_YEAR) -> str:
    """The table's "reaches the target" cell: the year, or ``not by 2100``."""
    return str(crossing) if crossing is not None else _("not by {year}").format(year=horizon_year)


def scenario_row(
    scenario: Scenario,
    start_year: int,
    start: pd.Series | None,
    target_value: float,
    target_year: int,
    horizon_year: int,
) -> dict:
    """One row of ``scenario_table`` for ``scenario`` starting in ``start_year`` from the trade row ``start``
    (``None`` when the data has no figure for that year: every computed cell is then missing)."""
    row = dict.fromkeys(TABLE_COLUMNS)
    row.update(scenario=scenario.name, rate_pct=scenario.rate_pct, start_year=int(start_year))
    row["target_year"] = int(target_year)
    if start is None:
        row["reaches_target"] = _("no figure for {year}").format(year=int(start_year))
        return row
    year, value, rate = int(start["year"]), float(start["value_usd_m"]), scenario.rate_pct / 100
    at_target = value_at(value, year, rate, target_year) if year <= int(target_year) else None
    crossing = crossing_year(value, year, rate, target_value, horizon_year)
    row.update(
        start_year=year,
        start_value_usd_m=value,
        value_at_target_year_usd_m=at_target,
        share_of_target_pct=None if at_target is None else share_of_target(at_target, target_value) * 100,
        crossing_year=crossing,
        reaches_target=reaches_words(crossing, horizon_year),
    )
    return row


def scenario_table(
    scenarios: Sequence[Scenario],
    chosen: pd.DataFrame,
    flow: str,
    baseline_year: int,
    target_value: float,
    target_year: int,
    horizon_year: int = HORIZON_YEAR,
) -> pd.DataFrame:
    """One row per scenario, in order (``TABLE_COLUMNS``): its name, rate (percent a year), start year and the
    ``flow`` figure it starts from (the chosen row of that year in ``chosen``; the baseline year's when it
    has no start year of its own), its value in ``target_year`` (missing when it starts later), that value as
    a percentage of ``target_value``, the first year it reaches the target (missing when not by
    ``horizon_year``) and that year in words (``2027``, ``not by 2100``)."""
    rows = []
    for scenario in scenarios:
        start_year = scenario.start_year if scenario.start_year is not None else int(baseline_year)
        start = _figure(chosen, flow, start_year)
        rows.append(scenario_row(scenario, start_year, start, target_value, target_year, horizon_year))
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    for column in ("start_year", "target_year", "crossing_year"):
        table[column] = table[column].astype("Int64")
    for column in ("rate_pct", "start_value_usd_m", "value_at_target_year_usd_m", "share_of_target_pct"):
        table[column] = table[column].astype(float)
    return table


def scenario_paths(
    scenarios: Sequence[Scenario], chosen: pd.DataFrame, flow: str, baseline_year: int, target_year: int, last_year: int
) -> pd.DataFrame:
    """Each scenario's path as ``trade.plotted_table`` rows (``series`` its name, ``role`` ``named_scenario``,
    citing the figure it starts from): to ``target_year`` when it starts before it, else to ``last_year`` (at
    least one year on). Scenarios whose start year has no figure are left out."""
    parts = []
    for scenario in scenarios:
        start = _start(scenario, chosen, flow, baseline_year)
        if start is None:
            continue
        year = int(start["year"])
        end = int(target_year) if year < int(target_year) else max(int(last_year), year + 1)
        path = projected_path(float(start["value_usd_m"]), year, scenario.rate_pct / 100, end)
        parts.append(path.assign(series=scenario.name, source_id=str(start["source_id"]), agency=COMPUTED, role=ROLE))
    columns = ["year", "series", "value_usd_m", "source_id", "agency", "role"]
    return pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)


def table_for_people(table: pd.DataFrame) -> pd.DataFrame:
    """``scenario_table`` as the page and a briefing show it: every cell words in the reader's language
    (money, percentages), headers in words, a missing value ``–``."""
    target_year = int(table["target_year"].iloc[0]) if len(table) else None
    headers = {
        "scenario": _("Scenario"),
        "rate": _("Rate a year"),
        "start": _("From"),
        "at_target": _("In {year}").format(year=target_year) if target_year else _("In the target year"),
        "share": _("Share of the target"),
        "reaches": _("Reaches the target"),
    }
    shown = pd.DataFrame(
        {
            headers["scenario"]: table["scenario"].astype(str),
            headers["rate"]: [formats.percent(rate, 1) for rate in table["rate_pct"]],
            headers["start"]: [_start_words(row) for row in table.itertuples()],
            headers["at_target"]: [_money_or_dash(value) for value in table["value_at_target_year_usd_m"]],
            headers["share"]: [formats.percent(share, 0) for share in table["share_of_target_pct"]],
            headers["reaches"]: table["reaches_target"].astype(str),
        }
    )
    return shown


def _money_or_dash(value) -> str:
    return formats.MISSING if formats.is_missing(value) else formats.money(value, billions=False)


def _start_words(row) -> str:
    if formats.is_missing(row.start_year):
        return formats.MISSING
    if formats.is_missing(row.start_value_usd_m):
        return str(row.start_year)
    return _("{year} ({value})").format(year=row.start_year, value=formats.money(row.start_value_usd_m, billions=False))


def table_words(table: pd.DataFrame) -> str:
    """The table in one line for a citation: ``Fast: 40.0% a year from 2013, $1,201.3M in 2020 (120% of the
    target), reaches the target: 2020; …``; empty for an empty table."""
    parts = []
    for row in table.itertuples():
        words = {
            "name": row.scenario,
            "rate": formats.percent(row.rate_pct, 1),
            "start": formats.MISSING if formats.is_missing(row.start_year) else row.start_year,
            "reaches": row.reaches_target,
        }
        if formats.is_missing(row.value_at_target_year_usd_m):
            parts.append(_("{name}: {rate} a year from {start}, reaches the target: {reaches}").format(**words))
            continue
        parts.append(
            _(
                "{name}: {rate} a year from {start}, {value} in {year} ({share} of the target), "
                "reaches the target: {reaches}"
            ).format(
                **words,
                value=formats.money(row.value_at_target_year_usd_m, billions=False),
                year=row.target_year,
                share=formats.percent(row.share_of_target_pct, 0),
            )
        )
    return "; ".join(parts)


def with_table_words(view_words: str, table: pd.DataFrame) -> str:
    """A view's words (``view_words.trade``) followed by its named scenarios' ``table_words``, if any."""
    if table.empty:
        return view_words
    return _("{view}; named scenarios: {scenarios}").format(view=view_words, scenarios=table_words(table))


def rates(named: Sequence[Scenario]) -> dict[str, float]:
    """Each named scenario's rate in % a year, by name (the chart labels each line with it)."""
    return {item.name: item.rate_pct for item in named}
