"""The Trade page's rules pinned with numbers worked out by hand: the default baseline year, the target
row, the scenario metrics and the growth slider's starting value."""

import math

import pandas as pd
import pytest

from components.analysis import trade, trade_paths


def _chosen(rows: list[tuple[int, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [year for year, _, _ in rows],
            "flow": [flow for _, flow, _ in rows],
            "value_usd_m": [value for _, _, value in rows],
            "source_id": "s",
            "agency": "Agency",
        }
    )


def _targets(baselines: list[float | None], preferred: list[bool], target_id: str = trade.TARGET_ID) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "target_id": target_id,
            "agreed": pd.Timestamp("2014-03-28"),
            "baseline_year": baselines,
            "target_year": 2020,
            "target_usd_m": 1000.0,
            "source_id": [f"s{number}" for number in range(len(baselines))],
            "preferred": preferred,
        }
    )


# ---- target_row --------------------------------------------------------------------------------


def test_target_row_takes_the_preferred_row_and_the_baseline_its_other_sources_state():
    target = trade.target_row(_targets([None, 2013, 2013, 2012], [True, False, False, False]))
    assert target["source_id"] == "s0"
    assert target["baseline_year"] == 2013  # two sources say 2013, one 2012


def test_target_row_breaks_a_tie_between_stated_years_with_the_earlier():
    assert trade.target_row(_targets([None, 2013, 2012], [True, False, False]))["baseline_year"] == 2012


def test_target_row_keeps_the_preferred_rows_own_baseline():
    assert trade.target_row(_targets([2011, 2013, 2013], [True, False, False]))["baseline_year"] == 2011


def test_target_row_is_none_without_a_preferred_row_of_that_target():
    assert trade.target_row(_targets([2013], [False])) is None
    assert trade.target_row(_targets([2013], [True], target_id="other")) is None


def test_target_row_leaves_the_baseline_missing_when_no_source_states_one():
    assert pd.isna(trade.target_row(_targets([None, None], [True, False]))["baseline_year"])


# ---- default_baseline_year and usable_baseline -------------------------------------------------

CHOSEN = _chosen([(2011, "total", 113.7), (2013, "total", 112.7), (2014, "total", 92.3), (2011, "export", 99.2)])


def test_a_stated_baseline_year_is_the_default_even_without_data():
    target = trade.target_row(_targets([2012], [True]))
    assert trade.default_baseline_year(target, CHOSEN) == 2012


def test_without_a_stated_year_the_default_is_the_latest_year_before_the_agreement():
    target = trade.target_row(_targets([None], [True]))  # agreed 28 March 2014
    assert trade.default_baseline_year(target, CHOSEN, "total") == 2013
    assert trade.default_baseline_year(target, CHOSEN, "export") == 2011
    assert trade.default_baseline_year(target, CHOSEN, "import") is None


def test_a_baseline_year_with_a_figure_is_used_as_it_is():
    assert trade.usable_baseline(2013, CHOSEN) == (2013, None)


def test_a_baseline_year_without_a_figure_falls_to_the_nearest_and_says_so():
    year, notice = trade.usable_baseline(2012, CHOSEN)
    assert year == 2011  # 2011 and 2013 are both one year away: the earlier
    assert "baseline year 2012 has no trade turnover figure" in notice and "2011" in notice
    assert trade.usable_baseline(2016, CHOSEN)[0] == 2014


def test_a_zero_figure_is_not_a_baseline():
    chosen = _chosen([(2013, "total", 0.0), (2015, "total", 84.0)])
    assert trade.usable_baseline(2013, chosen)[0] == 2015


def test_no_figure_at_all_gives_no_baseline_and_a_notice():
    year, notice = trade.usable_baseline(2013, CHOSEN, "import")
    assert year is None and "no russian imports from the dprk figure" in notice


# ---- clamp_percent -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        (0.36603, 36.6),
        (0.12345, 12.3),
        (0.00049, 0.0),
        (-0.1234, -12.3),
        (1.5, 100.0),
        (-0.5, -30.0),
        (None, 0.0),
        (math.nan, 0.0),
        (math.inf, 0.0),
    ],
)
def test_clamp_percent(rate, expected):
    assert trade_paths.clamp_percent(rate, -30.0, 100.0) == expected


# ---- scenario_metrics --------------------------------------------------------------------------


def _path() -> trade_paths.TradePath:
    # 100 in 2013 to 200 in 2016: ×2 in 3 years, 2 ** (1/3) = 1.259921, so 26.0 % a year.
    return trade_paths.TradePath(2013, 100.0, "s", "Agency", 2016, 200.0, "t", 2 ** (1 / 3) - 1, 2016)


def test_scenario_metrics_with_worked_numbers():
    chosen = _chosen([(2013, "total", 100.0), (2014, "total", 120.0), (2016, "total", 150.0)])
    metrics = trade.scenario_metrics(chosen, "total", _path(), 0.10, 2100)
    assert metrics == [
        ("Required growth a year", "26.0%"),
        ("Scenario in 2016", "$133.1M"),  # 100 × 1.1³ = 133.1
        ("Scenario reaches target", "2021"),  # 1.1ⁿ ≥ 2 first at n = 8 (1.1⁷ = 1.949, 1.1⁸ = 2.144)
        ("Actual as % of target, 2016", "75.0%"),  # 150 / 200
        ("Achieved 2013–2016, a year", "14.5%"),  # 1.5 ** (1/3) = 1.1447
    ]


def test_scenario_metrics_when_the_scenario_never_gets_there_and_there_is_no_later_data():
    chosen = _chosen([(2013, "total", 100.0)])
    metrics = dict(trade.scenario_metrics(chosen, "total", _path(), 0.10, 2020))
    assert metrics["Scenario reaches target"] == "never (by 2020)"
    assert metrics["Actual as % of target, 2016"] == "no data"
    assert metrics["Achieved growth a year"] == "no later data"


def test_target_path_from_a_chosen_row():
    row = pd.Series({"year": 2013, "value_usd_m": 112.7, "source_id": "reuters", "agency": "Russian official"})
    path = trade_paths.target_path(row, 1000, 2020, "nknews")
    assert path.rate == pytest.approx(0.36596, abs=5e-5)  # (1000 / 112.7) ** (1/7) − 1 = e^(2.18302 / 7) − 1
    assert (path.baseline_year, path.end_year, path.target_source_id) == (2013, 2020, "nknews")
    with pytest.raises(trade_paths.GrowthArgumentError):
        trade_paths.target_path(row, 1000, 2013, "nknews")
