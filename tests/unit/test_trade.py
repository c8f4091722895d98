"""Growth arithmetic, source choice and the plotted rows (components/trade.py)."""

import math
import time

import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from components.analysis import trade, trade_paths

BASELINES = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)
TARGETS = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)
RATES = st.floats(min_value=-0.99, max_value=3.0, allow_nan=False, allow_infinity=False)
YEARS = st.integers(min_value=1950, max_value=2060)
SPANS = st.integers(min_value=1, max_value=40)


# ---- Arithmetic --------------------------------------------------------------------------------


def test_required_rate_for_the_2014_target_is_about_36_6_percent():
    rate = trade_paths.required_growth_rate(112.7, 2013, 1000, 2020)
    assert rate == pytest.approx(0.36596, abs=1e-5)


def test_projected_path_starts_at_baseline_and_compounds():
    path = trade_paths.projected_path(100, 2010, 0.1, 2013)
    assert list(path["year"]) == [2010, 2011, 2012, 2013]
    assert list(path["value_usd_m"]) == pytest.approx([100, 110, 121, 133.1])


def test_crossing_year_is_none_when_the_path_does_not_grow():
    assert trade_paths.crossing_year(100, 2013, 0.0, 1000) is None
    assert trade_paths.crossing_year(100, 2013, -0.2, 1000) is None


def test_crossing_year_is_the_baseline_year_when_already_at_target():
    assert trade_paths.crossing_year(1200, 2013, -0.5, 1000) == 2013


def test_crossing_year_respects_the_last_year():
    assert trade_paths.crossing_year(100, 2013, 0.001, 1000) > 2100
    assert trade_paths.crossing_year(100, 2013, 0.001, 1000, last_year=2100) is None


def test_a_rate_at_machine_precision_crosses_in_its_own_year_at_once():
    """1 + 2.2e-16 is the smallest factor above 1: the crossing lies some 3×10^15 years on, where the closed
    form is off by far more than a year; the year is still the path's own first year at the target."""
    began = time.perf_counter()
    year = trade_paths.crossing_year(1.0, 1950, 2.2e-16, 2.0)
    assert time.perf_counter() - began < 0.05
    assert trade_paths.reaches(trade_paths.value_at(1.0, 1950, 2.2e-16, year), 2.0)
    assert not trade_paths.reaches(trade_paths.value_at(1.0, 1950, 2.2e-16, year - 1), 2.0)
    assert trade_paths.crossing_year(1.0, 1950, 2.2e-16, 2.0, last_year=2100) is None


def test_achieved_rate_and_share_of_target():
    assert trade_paths.achieved_growth_rate(100, 2010, 121, 2012) == pytest.approx(0.1)
    assert trade_paths.achieved_growth_rate(100, 2010, 0, 2012) == -1
    assert trade_paths.share_of_target(42.74, 1000) == pytest.approx(0.04274)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: trade_paths.required_growth_rate(0, 2013, 1000, 2020), "baseline value must be greater than zero"),
        (lambda: trade_paths.required_growth_rate(-5, 2013, 1000, 2020), "baseline value must be greater than zero"),
        (lambda: trade_paths.required_growth_rate(112, 2013, 1000, 2013), "target year (2013) must be after"),
        (lambda: trade_paths.required_growth_rate(112, 2013, 1000, 2010), "target year (2010) must be after"),
        (lambda: trade_paths.required_growth_rate(112, 2013, float("nan"), 2020), "must be a finite number"),
        (lambda: trade_paths.projected_path(112, 2013, float("inf"), 2020), "growth rate must be a finite number"),
        (lambda: trade_paths.projected_path(112, 2013, float("nan"), 2020), "growth rate must be a finite number"),
        (lambda: trade_paths.projected_path(112, 2013, -1.5, 2020), "below -100"),
        (lambda: trade_paths.crossing_year(0, 2013, 0.1, 1000), "baseline value must be greater than zero"),
        (lambda: trade_paths.achieved_growth_rate(0, 2013, 50, 2020), "start value must be greater than zero"),
        (lambda: trade_paths.achieved_growth_rate(10, 2020, 50, 2020), "end year (2020) must be after"),
        (lambda: trade_paths.share_of_target(50, 0), "target value must be greater than zero"),
        (lambda: trade_paths.required_growth_rate("abc", 2013, 1000, 2020), "must be a number"),
    ],
)
def test_bad_arguments_raise_a_clear_error(call, message):
    with pytest.raises(trade_paths.GrowthArgumentError) as raised:
        call()
    assert message in str(raised.value)


# Targets from a thousandth to ten thousand times the baseline: beyond that a one-year drop needs a
# rate so close to -100 % that 1 + rate itself loses the digits that would land the path on the target.
RATIOS = st.floats(min_value=1e-3, max_value=1e4, allow_nan=False, allow_infinity=False)


@given(baseline=BASELINES, ratio=RATIOS, baseline_year=YEARS, span=SPANS)
def test_required_rate_path_hits_the_target_at_the_target_year(baseline, ratio, baseline_year, span):
    target = baseline * ratio
    target_year = baseline_year + span
    rate = trade_paths.required_growth_rate(baseline, baseline_year, target, target_year)
    path = trade_paths.projected_path(baseline, baseline_year, rate, target_year)
    assert path["year"].iloc[-1] == target_year
    assert math.isclose(path["value_usd_m"].iloc[-1], target, rel_tol=1e-9)
    if baseline < target * (1 - 1e-6):
        assert trade_paths.crossing_year(baseline, baseline_year, rate, target) == target_year


@given(baseline=BASELINES, target=TARGETS, year=YEARS, low=RATES, high=RATES)
def test_a_higher_rate_never_reaches_the_target_later(baseline, target, year, low, high):
    low, high = sorted((low, high))
    low_year = trade_paths.crossing_year(baseline, year, low, target)
    high_year = trade_paths.crossing_year(baseline, year, high, target)
    if low_year is not None:
        assert high_year is not None
        assert high_year <= low_year


def compounded(baseline: float, rate: float, years: int) -> list[float]:
    """The path's value in each year from the baseline on, compounded one year at a time in a plain loop."""
    values = [baseline]
    for _ in range(years):
        values.append(values[-1] * (1 + rate))
    return values


@given(baseline=BASELINES, target=TARGETS, year=YEARS, rate=RATES, span=SPANS)
def test_crossing_year_is_the_first_year_the_compounded_value_reaches_the_target(baseline, target, year, rate, span):
    # An oracle of its own: a loop, not projected_path or reaches, which crossing_year itself uses.
    # "Reaches" allows a billionth short of the target for rounding; a loop value within 1e-12 of that
    # threshold could round either way, and such a draw is left out.
    threshold = target * (1 - 1e-9)
    values = compounded(baseline, rate, span)
    assume(all(abs(value - threshold) > 1e-12 * threshold for value in values))
    reached = [year + offset for offset, value in enumerate(values) if value >= threshold]
    crossing = trade_paths.crossing_year(baseline, year, rate, target, last_year=year + span)
    assert crossing == (reached[0] if reached else None)
    path = trade_paths.projected_path(baseline, year, rate, year + span)
    assert list(path["year"]) == list(range(year, year + span + 1))
    assert list(path["value_usd_m"]) == pytest.approx(values, rel=1e-12)
    if crossing is not None and rate >= 0:
        # Once reached with a non-negative rate, the path stays at or above the target.
        assert all(value >= threshold for value in values[crossing - year :])


@given(start=BASELINES, end=st.floats(min_value=0, max_value=1e6), year=YEARS, span=SPANS)
def test_achieved_rate_reproduces_the_end_value(start, end, year, span):
    rate = trade_paths.achieved_growth_rate(start, year, end, year + span)
    assert trade_paths.value_at(start, year, rate, year + span) == pytest.approx(end, rel=1e-9, abs=1e-9)


# ---- Data selection ----------------------------------------------------------------------------


def _sources() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source_id": ["ru-customs", "kotra", "cn-customs", "mou"],
            "agency": ["Russian customs", "KOTRA", "China customs", "ROK Unification Ministry"],
        }
    )


def _trade_rows() -> pd.DataFrame:
    rows = [
        # year, reporter, partner, flow, value, source, preferred
        (2011, "RUS", "PRK", "total", 113.7, "ru-customs", True),
        (2013, "RUS", "PRK", "total", 112.7, "ru-customs", True),
        (2013, "RUS", "PRK", "total", 104.0, "kotra", False),
        (2013, "RUS", "PRK", "export", 103.4, "ru-customs", True),
        (2013, "RUS", "PRK", "import", 9.3, "ru-customs", True),
        (2014, "RUS", "PRK", "total", 92.34, "kotra", True),
        (2020, "RUS", "PRK", "total", 42.74, "ru-customs", True),
        (2013, "CHN", "PRK", "total", 6540.0, "cn-customs", True),
        (2014, "CHN", "PRK", "total", 6390.0, "cn-customs", True),
        (2013, "KOR", "PRK", "total", 1140.0, "mou", True),
    ]
    columns = ["year", "reporter", "partner", "flow", "value_usd_m", "source_id", "preferred"]
    return pd.DataFrame(rows, columns=columns)


def test_choose_rows_defaults_to_the_preferred_rows():
    rows = trade.pair_rows(_trade_rows(), _sources(), "RUS", "PRK")
    chosen, alternatives = trade.choose_rows(rows)
    totals = chosen[chosen["flow"] == "total"].set_index("year")["value_usd_m"]
    assert totals.to_dict() == {2011: 113.7, 2013: 112.7, 2014: 92.34, 2020: 42.74}
    assert list(alternatives["source_id"]) == ["kotra"]


def test_choose_rows_takes_the_chosen_agency_where_it_reports_and_preferred_elsewhere():
    rows = trade.pair_rows(_trade_rows(), _sources(), "RUS", "PRK")
    chosen, alternatives = trade.choose_rows(rows, "KOTRA")
    totals = chosen[chosen["flow"] == "total"].set_index("year")
    assert totals.loc[2013, "value_usd_m"] == 104.0
    assert totals.loc[2013, "agency"] == "KOTRA"
    assert totals.loc[2011, "agency"] == "Russian customs"
    assert list(alternatives["value_usd_m"]) == [112.7]
    assert len(chosen) + len(alternatives) == len(rows)


def test_disputed_agencies_lists_agencies_of_years_with_several_sources():
    rows = trade.pair_rows(_trade_rows(), _sources(), "RUS", "PRK")
    assert trade.disputed_agencies(rows) == ["KOTRA", "Russian customs"]


def _target() -> trade_paths.TradePath:
    return trade_paths.TradePath(
        baseline_year=2013,
        baseline_value=112.7,
        baseline_source_id="ru-customs",
        baseline_agency="Russian customs",
        target_year=2020,
        target_value=1000.0,
        target_source_id="ru-customs",
        rate=trade_paths.required_growth_rate(112.7, 2013, 1000, 2020),
        end_year=2020,
    )


def _table(rate: float = 0.2, comparators=("China-DPRK",)) -> pd.DataFrame:
    rows = trade.pair_rows(_trade_rows(), _sources(), "RUS", "PRK")
    chosen, alternatives = trade.choose_rows(rows)
    comparator_rows = {
        key: trade.choose_rows(trade.pair_rows(_trade_rows(), _sources(), *trade.COMPARATORS[key][:2]))[0]
        for key in comparators
    }
    return trade.plotted_table(chosen, alternatives, comparator_rows, _target(), rate)


def test_plotted_table_holds_every_series_with_its_source():
    table = _table()
    assert list(table.columns) == trade.TABLE_COLUMNS
    series = set(table["series"])
    assert {
        trade.FLOW_LABELS["total"],
        f"{trade.FLOW_LABELS['total']} — other sources",
        trade.BASELINE_POINT,
        trade.TARGET_LINE,
        trade.TARGET_PATH,
        trade.SCENARIO_PATH,
        trade.COMPARATORS["China-DPRK"][2],
    } <= series
    scenario = table[table["series"] == trade.SCENARIO_PATH]
    assert scenario["year"].tolist() == list(range(2013, 2021))
    assert scenario["value_usd_m"].iloc[-1] == pytest.approx(112.7 * 1.2**7)
    assert set(scenario["agency"]) == {trade.COMPUTED}
    assert not table["source_id"].eq("").any()
