"""Growth arithmetic of the Trade page: the required-rate path to the announced target, the rate it needs,
a scenario's path at a chosen rate, the year a path reaches the target and the rate achieved so far.

Plain functions on numbers; rates are fractions per year (0.366 = 36.6 %/yr), money is USD million.
"""

import math
from dataclasses import dataclass

import pandas as pd

from components.i18n import N_, _

# A path value within this relative distance of the target counts as reaching it: the required-rate
# path lands on the target only up to floating-point rounding (999.9999999999 for 1000).
REACH_TOLERANCE = 1e-9


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
        raise GrowthArgumentError(
            _("{name} must be a number, got {value}").format(name=_(name), value=repr(value))
        ) from None
    if not math.isfinite(number):
        raise GrowthArgumentError(
            _("{name} must be a finite number, got {value}").format(name=_(name), value=repr(value))
        )
    return number


def _check_positive(name: str, value: float) -> float:
    number = _check_finite(name, value)
    if number <= 0:
        raise GrowthArgumentError(
            _("{name} must be greater than zero, got {value}").format(name=_(name), value=repr(value))
        )
    return number


def _check_years(start_year: int, end_year: int, start_name: str, end_name: str) -> int:
    if int(end_year) <= int(start_year):
        raise GrowthArgumentError(
            _("{end_name} ({end_year}) must be after {start_name} ({start_year})").format(
                end_name=_(end_name), end_year=end_year, start_name=_(start_name), start_year=start_year
            )
        )
    return int(end_year) - int(start_year)


def _check_rate(rate: float) -> float:
    number = _check_finite(N_("growth rate"), rate)
    if number < -1:
        raise GrowthArgumentError(
            _("growth rate cannot be below -100 % a year, got {rate}").format(rate=f"{number:.1%}")
        )
    return number


def required_growth_rate(baseline_value: float, baseline_year: int, target_value: float, target_year: int) -> float:
    """The compound annual growth rate that takes ``baseline_value`` to ``target_value`` by ``target_year``."""
    baseline = _check_positive(N_("baseline value"), baseline_value)
    target = _check_positive(N_("target value"), target_value)
    years = _check_years(baseline_year, target_year, N_("baseline year"), N_("target year"))
    return (target / baseline) ** (1 / years) - 1


def clamp_percent(rate: float | None, low: float, high: float) -> float:
    """``rate`` as a percentage rounded to 0.1 and kept within ``[low, high]``; 0 when there is none."""
    if rate is None or not math.isfinite(rate):
        return 0.0
    return min(max(round(rate * 100, 1), low), high)


def value_at(baseline_value: float, baseline_year: int, rate: float, year: int) -> float:
    """The value a path growing at ``rate`` from the baseline has in ``year`` (any year, before or after)."""
    baseline = _check_positive(N_("baseline value"), baseline_value)
    growth = _check_rate(rate)
    return baseline * (1 + growth) ** (int(year) - int(baseline_year))


def projected_path(baseline_value: float, baseline_year: int, rate: float, end_year: int) -> pd.DataFrame:
    """Columns ``year`` and ``value_usd_m`` for every year from the baseline to ``end_year``, growing at ``rate``."""
    _check_positive(N_("baseline value"), baseline_value)
    _check_rate(rate)
    _check_years(baseline_year, end_year, N_("baseline year"), N_("end year"))
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
    baseline = _check_positive(N_("baseline value"), baseline_value)
    target = _check_positive(N_("target value"), target_value)
    growth = _check_rate(rate)
    if reaches(baseline, target):
        year = int(baseline_year)
    elif 1 + growth <= 1:
        return None
    else:
        # log(1 + growth) of the rounded factor, the one value_at raises to a power: log1p(growth)
        # would disagree with the path by a wide margin for rates near machine precision.
        estimate = math.ceil(math.log(target / baseline) / math.log(1 + growth))
        year = _first_year_reaching(baseline, int(baseline_year), growth, target, int(baseline_year) + max(estimate, 1))
    if last_year is not None and year > int(last_year):
        return None
    return year


def _first_year_reaching(baseline: float, baseline_year: int, growth: float, target: float, guess: int) -> int:
    """The first year after ``baseline_year`` whose path value reaches ``target``, settled with the path's own
    values around the closed form's ``guess``. Rounding can put the guess a year off, and for rates near
    machine precision (a crossing some 10^15 years away) millions of years off: so the bounds widen by
    doubling steps and the year is found by bisection, never by counting years one at a time."""

    def reached(year: int) -> bool:
        return reaches(value_at(baseline, baseline_year, growth, year), target)

    high, step = guess, 1
    while not reached(high):
        high, step = high + step, step * 2
    low, step = max(baseline_year, high - 1), 1
    while low > baseline_year and reached(low):
        low, step = max(baseline_year, low - step), step * 2
    # Now the baseline year or a year that does not reach lies at ``low``, and ``high`` reaches.
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if reached(middle) else (middle, high)
    return high


def achieved_growth_rate(start_value: float, start_year: int, end_value: float, end_year: int) -> float:
    """The compound annual growth rate actually achieved between two years' values."""
    start = _check_positive(N_("start value"), start_value)
    end = _check_finite(N_("end value"), end_value)
    if end < 0:
        raise GrowthArgumentError(_("end value cannot be negative, got {value}").format(value=repr(end_value)))
    years = _check_years(start_year, end_year, N_("start year"), N_("end year"))
    return (end / start) ** (1 / years) - 1


def share_of_target(actual_value: float, target_value: float) -> float:
    """``actual_value`` as a fraction of ``target_value`` (0.043 = 4.3 %)."""
    actual = _check_finite(N_("actual value"), actual_value)
    if actual < 0:
        raise GrowthArgumentError(_("actual value cannot be negative, got {value}").format(value=repr(actual_value)))
    return actual / _check_positive(N_("target value"), target_value)
