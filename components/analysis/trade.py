"""Russia–DPRK trade against the announced target: growth arithmetic, source choice and the plotted rows.

Plain functions on numbers and on the ``trade``, ``sources`` and ``targets`` DataFrames (see
``components.data.schema``); no Streamlit here. Rates are fractions per year (0.366 = 36.6 %/yr); money is
USD million.
"""

import math
from dataclasses import dataclass

import pandas as pd

from components.analysis import formats
from components.analysis.sources import agency_of

TARGET_ID = "rus-prk-trade-2020"
# Widget options are the words shown and written into the URL (a bound widget stores its label there).
PREFERRED_CHOICE = "Preferred (default)"
FLOW_CHOICES = {"Turnover": "total", "Exports": "export", "Imports": "import"}
FLOW_LABELS = {
    "total": "Trade turnover",
    "export": "Russian exports to the DPRK",
    "import": "Russian imports from the DPRK",
}
COMPARATORS = {
    "China-DPRK": ("CHN", "PRK", "China–DPRK trade (right axis)"),
    "Inter-Korean": ("KOR", "PRK", "Inter-Korean trade (right axis)"),
}
EVENT_CATEGORIES = ("visit", "summit", "agreement", "sanctions")
TARGET_PATH = "Target path (required rate)"
SCENARIO_PATH = "Scenario path (your rate)"
TARGET_LINE = "Target"
BASELINE_POINT = "Baseline"
COMPUTED = "computed"
# A path value within this relative distance of the target counts as reaching it: the required-rate
# path lands on the target only up to floating-point rounding (999.9999999999 for 1000).
REACH_TOLERANCE = 1e-9

TABLE_COLUMNS = ["year", "series", "value_usd_m", "source_id", "agency", "role"]


@dataclass(frozen=True)
class TradePath:
    """The required-rate path the Trade page draws: where it starts (the baseline figure and its source),
    the target it must reach, the rate that takes it there and the last year drawn."""

    baseline_year: int
    baseline_value: float
    baseline_source_id: str
    baseline_agency: str
    target_year: int
    target_value: float
    target_source_id: str
    rate: float
    end_year: int


def target_path(baseline: pd.Series, target_value: float, target_year: int, target_source_id: str) -> TradePath:
    """The path from a chosen trade row (``year``, ``value_usd_m``, ``source_id``, ``agency``) to the
    target, ending in the target year; raises ``GrowthArgumentError`` when no rate can get there."""
    year, value = int(baseline["year"]), float(baseline["value_usd_m"])
    rate = required_growth_rate(value, year, target_value, target_year)
    return TradePath(
        baseline_year=year,
        baseline_value=value,
        baseline_source_id=str(baseline["source_id"]),
        baseline_agency=str(baseline["agency"]),
        target_year=int(target_year),
        target_value=float(target_value),
        target_source_id=str(target_source_id),
        rate=rate,
        end_year=int(target_year),
    )


class GrowthArgumentError(ValueError):
    """An argument that makes the growth arithmetic meaningless (non-positive baseline, bad years, NaN)."""


def _check_finite(name: str, value: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise GrowthArgumentError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(number):
        raise GrowthArgumentError(f"{name} must be a finite number, got {value!r}")
    return number


def _check_positive(name: str, value: float) -> float:
    number = _check_finite(name, value)
    if number <= 0:
        raise GrowthArgumentError(f"{name} must be greater than zero, got {value!r}")
    return number


def _check_years(start_year: int, end_year: int, start_name: str, end_name: str) -> int:
    if int(end_year) <= int(start_year):
        raise GrowthArgumentError(f"{end_name} ({end_year}) must be after {start_name} ({start_year})")
    return int(end_year) - int(start_year)


def _check_rate(rate: float) -> float:
    number = _check_finite("growth rate", rate)
    if number < -1:
        raise GrowthArgumentError(f"growth rate cannot be below -100 % a year, got {number:.1%}")
    return number


def required_growth_rate(baseline_value: float, baseline_year: int, target_value: float, target_year: int) -> float:
    """The compound annual growth rate that takes ``baseline_value`` to ``target_value`` by ``target_year``."""
    baseline = _check_positive("baseline value", baseline_value)
    target = _check_positive("target value", target_value)
    years = _check_years(baseline_year, target_year, "baseline year", "target year")
    return (target / baseline) ** (1 / years) - 1


def clamp_percent(rate: float | None, low: float, high: float) -> float:
    """``rate`` as a percentage rounded to 0.1 and kept within ``[low, high]``; 0 when there is none."""
    if rate is None or not math.isfinite(rate):
        return 0.0
    return min(max(round(rate * 100, 1), low), high)


def value_at(baseline_value: float, baseline_year: int, rate: float, year: int) -> float:
    """The value a path growing at ``rate`` from the baseline has in ``year`` (any year, before or after)."""
    baseline = _check_positive("baseline value", baseline_value)
    growth = _check_rate(rate)
    return baseline * (1 + growth) ** (int(year) - int(baseline_year))


def projected_path(baseline_value: float, baseline_year: int, rate: float, end_year: int) -> pd.DataFrame:
    """Columns ``year`` and ``value_usd_m`` for every year from the baseline to ``end_year``, growing at ``rate``."""
    _check_positive("baseline value", baseline_value)
    _check_rate(rate)
    _check_years(baseline_year, end_year, "baseline year", "end year")
    years = list(range(int(baseline_year), int(end_year) + 1))
    values = [value_at(baseline_value, baseline_year, rate, year) for year in years]
    return pd.DataFrame({"year": years, "value_usd_m": values})


def reaches(value: float, target_value: float) -> bool:
    """True when ``value`` is at or above ``target_value`` (within floating-point rounding)."""
    return value >= target_value * (1 - REACH_TOLERANCE)


def crossing_year(
    baseline_value: float, baseline_year: int, rate: float, target_value: float, last_year: int | None = None
) -> int | None:
    """The first year from the baseline on in which the path reaches ``target_value``; ``None`` if it never
    does (or not by ``last_year`` when given). Agrees with ``projected_path`` year by year.
    """
    baseline = _check_positive("baseline value", baseline_value)
    target = _check_positive("target value", target_value)
    growth = _check_rate(rate)
    if reaches(baseline, target):
        year = int(baseline_year)
    elif 1 + growth <= 1:
        return None
    else:
        # log(1 + growth) of the rounded factor, the one value_at raises to a power: log1p(growth)
        # would disagree with the path by a wide margin for rates near machine precision.
        estimate = math.ceil(math.log(target / baseline) / math.log(1 + growth))
        year = int(baseline_year) + max(estimate, 1)
        # The closed form can be one year off through rounding; settle it with the path's own values.
        while year - 1 > int(baseline_year) and reaches(value_at(baseline, baseline_year, growth, year - 1), target):
            year -= 1
        while not reaches(value_at(baseline, baseline_year, growth, year), target):
            year += 1
    if last_year is not None and year > int(last_year):
        return None
    return year


def achieved_growth_rate(start_value: float, start_year: int, end_value: float, end_year: int) -> float:
    """The compound annual growth rate actually achieved between two years' values."""
    start = _check_positive("start value", start_value)
    end = _check_finite("end value", end_value)
    if end < 0:
        raise GrowthArgumentError(f"end value cannot be negative, got {end_value!r}")
    years = _check_years(start_year, end_year, "start year", "end year")
    return (end / start) ** (1 / years) - 1


def share_of_target(actual_value: float, target_value: float) -> float:
    """``actual_value`` as a fraction of ``target_value`` (0.043 = 4.3 %)."""
    actual = _check_finite("actual value", actual_value)
    if actual < 0:
        raise GrowthArgumentError(f"actual value cannot be negative, got {actual_value!r}")
    return actual / _check_positive("target value", target_value)


def scenario_metrics(
    chosen: pd.DataFrame, flow: str, path: TradePath, scenario_rate: float, horizon_year: int
) -> list[tuple[str, str]]:
    """Label and text of each headline metric: required rate, scenario value at the target year, the
    year the scenario reaches the target, actual as a share of the target, achieved rate to the latest year.
    """
    base_year, base_value = path.baseline_year, path.baseline_value
    target_year, target_value = path.target_year, path.target_value
    scenario_value = value_at(base_value, base_year, scenario_rate, target_year)
    crossing = crossing_year(base_value, base_year, scenario_rate, target_value, horizon_year)
    actual = flow_value(chosen, flow, target_year)
    share = "no data" if actual is None else f"{share_of_target(actual['value_usd_m'], target_value):.1%}"
    latest = latest_row(chosen, flow)
    if latest is None or latest["year"] <= base_year:
        achieved_label, achieved = "Achieved growth a year", "no later data"
    else:
        rate = achieved_growth_rate(base_value, base_year, latest["value_usd_m"], latest["year"])
        achieved_label, achieved = f"Achieved {base_year}–{latest['year']}, a year", f"{rate:.1%}"
    return [
        ("Required growth a year", f"{path.rate:.1%}"),
        (f"Scenario in {target_year}", formats.money(scenario_value, billions=False)),
        ("Scenario reaches target", str(crossing) if crossing else f"never (by {horizon_year})"),
        (f"Actual as % of target, {target_year}", share),
        (achieved_label, achieved),
    ]


# ---- Data: which rows are shown -----------------------------------------------------------------

_TRADE_KEY = ["year", "reporter", "partner", "flow"]


def pair_rows(trade: pd.DataFrame, sources: pd.DataFrame, reporter: str, partner: str) -> pd.DataFrame:
    """Every row of one reporter–partner pair, with the source's ``agency`` attached."""
    rows = trade[(trade["reporter"] == reporter) & (trade["partner"] == partner)]
    rows = rows.assign(agency=agency_of(rows["source_id"], sources))
    return rows.sort_values(_TRADE_KEY).reset_index(drop=True)


def estimate_keys(rows: pd.DataFrame) -> tuple[tuple[int, str], ...]:
    """``(year, source_id)`` of every row its source gives as someone's estimate, not customs or official
    data (the ``estimate`` column; a table without it has none)."""
    if "estimate" not in rows.columns:
        return ()
    flagged = rows[rows["estimate"].fillna(False).astype(bool)]
    return tuple(sorted(zip(flagged["year"].astype(int), flagged["source_id"].astype(str), strict=True)))


def disputed_agencies(rows: pd.DataFrame) -> list[str]:
    """Agencies that give a figure for a year and flow that another source also gives, sorted."""
    counts = rows.groupby(_TRADE_KEY)["source_id"].transform("count")
    return sorted(rows.loc[counts > 1, "agency"].dropna().unique())


def choose_rows(rows: pd.DataFrame, agency: str = PREFERRED_CHOICE) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split ``rows`` into the one row shown per year and flow, and the alternatives.

    With ``agency`` set to an agency name, that agency's figure is shown wherever it has one and the
    preferred row elsewhere; with ``"preferred"`` the preferred rows are shown.
    """
    ranked = rows.assign(
        _rank_agency=(rows["agency"] != agency).astype(int),
        _rank_preferred=(~rows["preferred"].astype(bool)).astype(int),
    )
    ranked = ranked.sort_values([*_TRADE_KEY, "_rank_agency", "_rank_preferred", "source_id"])
    first = ~ranked.duplicated(_TRADE_KEY, keep="first")
    ranked = ranked.drop(columns=["_rank_agency", "_rank_preferred"])
    return ranked[first].reset_index(drop=True), ranked[~first].reset_index(drop=True)


def flow_value(chosen: pd.DataFrame, flow: str, year: int) -> pd.Series | None:
    """The chosen row of ``flow`` in ``year`` (value, source, agency), or ``None`` if the data has none."""
    match = chosen[(chosen["flow"] == flow) & (chosen["year"] == int(year))]
    return None if match.empty else match.iloc[0]


def latest_row(chosen: pd.DataFrame, flow: str) -> pd.Series | None:
    """The chosen row of ``flow`` in the latest year the data covers, or ``None``."""
    of_flow = chosen[chosen["flow"] == flow]
    return None if of_flow.empty else of_flow.sort_values("year").iloc[-1]


def comparator_rows(trade: pd.DataFrame, sources: pd.DataFrame, key: str) -> pd.DataFrame:
    """The preferred yearly totals of one comparator pair (a key of ``COMPARATORS``)."""
    reporter, partner, _ = COMPARATORS[key]
    rows = pair_rows(trade, sources, reporter, partner)
    return rows[(rows["flow"] == "total") & rows["preferred"].astype(bool)].reset_index(drop=True)


def target_row(targets: pd.DataFrame, target_id: str = TARGET_ID) -> pd.Series | None:
    """The preferred row of one announced target, or ``None`` when the data has no such target.

    Where the preferred source states no baseline year, ``baseline_year`` is the one the target's other
    sources state most often (the earliest of equally common ones), so every page starts from one year.
    """
    rows = targets[targets["target_id"] == target_id]
    preferred = rows[rows["preferred"].astype(bool)]
    if preferred.empty:
        return None
    target = preferred.iloc[0].copy()
    if pd.isna(target["baseline_year"]):
        stated = rows["baseline_year"].dropna()
        if not stated.empty:
            target["baseline_year"] = int(stated.mode().min())
    return target


def default_baseline_year(target: pd.Series, chosen: pd.DataFrame, flow: str = "total") -> int | None:
    """The default baseline year, the one rule every page uses: the target's stated baseline year (see
    ``target_row``); when no source states one, the latest year with a ``flow`` figure before the year
    the target was agreed; ``None`` when there is neither. The year may have no ``flow`` figure: see
    ``usable_baseline``."""
    if pd.notna(target["baseline_year"]):
        return int(target["baseline_year"])
    earlier = chosen[(chosen["flow"] == flow) & (chosen["year"] < pd.Timestamp(target["agreed"]).year)]
    return None if earlier.empty else int(earlier["year"].max())


def usable_baseline(year: int | None, chosen: pd.DataFrame, flow: str = "total") -> tuple[int | None, str | None]:
    """``year`` when ``chosen`` has a ``flow`` figure above zero for it; otherwise the nearest year that
    has one (the earlier of two equally near) and a sentence saying what is missing, or ``None`` and
    that sentence when the flow has no usable figure at all."""
    usable = chosen[(chosen["flow"] == flow) & (chosen["value_usd_m"] > 0)]
    years = sorted(int(value) for value in usable["year"].unique())
    if year is not None and int(year) in years:
        return int(year), None
    what = f"{FLOW_LABELS[flow].lower()} figure above zero"
    if not years:
        return None, f"The data has no {what} for any year, so there is no baseline."
    if year is None:
        return years[0], f"The target states no baseline year; {years[0]}, the first year with a {what}, is used."
    nearest = min(years, key=lambda candidate: (abs(candidate - int(year)), candidate))
    return nearest, (
        f"The target's baseline year {int(year)} has no {what} in the data; "
        f"{nearest}, the nearest year with one, is used instead."
    )


# ---- The plotted series as one long table -------------------------------------------------------


def _series_rows(frame: pd.DataFrame, series: str, role: str, source_id: str = "", agency: str = "") -> pd.DataFrame:
    rows = pd.DataFrame({"year": frame["year"].astype(int), "series": series, "value_usd_m": frame["value_usd_m"]})
    rows["source_id"] = frame["source_id"].to_numpy() if "source_id" in frame else source_id
    rows["agency"] = frame["agency"].to_numpy() if "agency" in frame else agency
    rows["role"] = role
    return rows


def chart_events(events: pd.DataFrame, first_year: int, last_year: int) -> pd.DataFrame:
    """Preferred events of the categories the Trade chart marks, within its years."""
    shown = events[events["preferred"].astype(bool) & events["category"].isin(EVENT_CATEGORIES)]
    return shown[shown["start"].dt.year.between(int(first_year), int(last_year))]


def plotted_table(
    chosen: pd.DataFrame,
    alternatives: pd.DataFrame,
    comparators: dict[str, pd.DataFrame],
    target: TradePath | None = None,
    scenario_rate: float | None = None,
) -> pd.DataFrame:
    """Every plotted point as rows of ``year, series, value_usd_m, source_id, agency, role``.

    With a ``target`` path, its baseline point, target point and required-rate path; with a
    ``scenario_rate`` too, the scenario path. Computed series name their agency ``"computed"`` and cite
    the figure they start from.
    """
    parts = []
    for flow, label in FLOW_LABELS.items():
        parts.append(_series_rows(chosen[chosen["flow"] == flow], label, "actual"))
        parts.append(
            _series_rows(alternatives[alternatives["flow"] == flow], f"{label} — other sources", "alternative")
        )
    for key, rows in comparators.items():
        parts.append(_series_rows(rows, COMPARATORS[key][2], "comparator"))
    if target is not None:
        baseline = pd.DataFrame({"year": [target.baseline_year], "value_usd_m": [target.baseline_value]})
        parts.append(
            _series_rows(baseline, BASELINE_POINT, "baseline", target.baseline_source_id, target.baseline_agency)
        )
        target_point = pd.DataFrame({"year": [target.target_year], "value_usd_m": [target.target_value]})
        parts.append(_series_rows(target_point, TARGET_LINE, "target", target.target_source_id, "announced target"))
        path = projected_path(target.baseline_value, target.baseline_year, target.rate, target.end_year)
        parts.append(_series_rows(path, TARGET_PATH, "target_path", target.baseline_source_id, COMPUTED))
        if scenario_rate is not None:
            parts.append(scenario_rows(target, scenario_rate))
    parts = [part for part in parts if not part.empty]
    if not parts:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    return pd.concat(parts, ignore_index=True)[TABLE_COLUMNS]


def scenario_rows(target: TradePath, rate: float) -> pd.DataFrame:
    """The scenario path from ``target``'s baseline at ``rate`` a year, as ``plotted_table`` rows."""
    path = projected_path(target.baseline_value, target.baseline_year, rate, target.end_year)
    return _series_rows(path, SCENARIO_PATH, "scenario", target.baseline_source_id, COMPUTED)[TABLE_COLUMNS]


def answer(chosen: pd.DataFrame, flow: str, target_value: float, target_year: int) -> str:
    """The page's answer in one sentence: the chosen ``flow`` figure for ``target_year`` (or, when the
    data has none, the latest one) as a share of the target."""
    label = FLOW_LABELS[flow]
    goal = f"the {formats.money(target_value, 0, billions=False)} target for {int(target_year)}"
    row = flow_value(chosen, flow, target_year)
    if row is not None:
        share = share_of_target(row["value_usd_m"], target_value)
        value = formats.money(row["value_usd_m"], billions=False)
        return f"{label} was {value} in {int(target_year)}: {share:.0%} of {goal}."
    row = latest_row(chosen, flow)
    if row is None:
        return f"The data has no {label.lower()} figure to compare with {goal}."
    share = share_of_target(row["value_usd_m"], target_value)
    return (
        f"The data has no {label.lower()} figure for {int(target_year)}; the latest, "
        f"{formats.money(row['value_usd_m'], billions=False)} in {int(row['year'])}, is {share:.0%} of {goal}."
    )
