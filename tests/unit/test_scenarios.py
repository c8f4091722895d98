"""Named scenarios (components/analysis/scenarios.py): the arithmetic with worked numbers, and the link form."""

import math

import pandas as pd
import pytest

from components.analysis import scenarios
from components.analysis.scenarios import Scenario
from components.analysis.trade_paths import GrowthArgumentError, required_growth_rate

# A made-up turnover series: 81 in 2011, 100 in 2013 (the baseline), 200 in 2015, 500 in 2022; no 2012 or 2014.
CHOSEN = pd.DataFrame(
    {
        "year": [2011, 2013, 2015, 2022, 2013],
        "flow": ["total", "total", "total", "total", "export"],
        "value_usd_m": [81.0, 100.0, 200.0, 500.0, 60.0],
        "source_id": ["s-2011", "s-2013", "s-2015", "s-2022", "s-2013x"],
    }
)
TARGET, TARGET_YEAR, BASELINE = 1000.0, 2020, 2013


def table(*items: Scenario, horizon: int = scenarios.HORIZON_YEAR) -> pd.DataFrame:
    return scenarios.scenario_table(list(items), CHOSEN, "total", BASELINE, TARGET, TARGET_YEAR, horizon)


def test_a_faster_rate_crosses_in_the_target_year_and_overshoots():
    # 100 × 1.4^7 = 1,054.14 in 2020 (105.4 % of 1,000); 1.4^6 = 7.53 < 10 ≤ 1.4^7 = 10.54, so 2020.
    row = table(Scenario("Fast", 40.0)).iloc[0]
    assert row["start_year"] == 2013 and row["start_value_usd_m"] == 100.0
    assert row["value_at_target_year_usd_m"] == pytest.approx(1054.135, abs=0.001)
    assert row["share_of_target_pct"] == pytest.approx(105.41, abs=0.01)
    assert row["crossing_year"] == 2020 and row["reaches_target"] == "2020"


def test_a_slower_rate_crosses_years_later():
    # 100 × 1.1^7 = 194.87; ln 10 / ln 1.1 = 24.16, so 25 years on: 2038.
    row = table(Scenario("Slow", 10.0)).iloc[0]
    assert row["value_at_target_year_usd_m"] == pytest.approx(194.872, abs=0.001)
    assert row["share_of_target_pct"] == pytest.approx(19.49, abs=0.01)
    assert row["crossing_year"] == 2038 and row["reaches_target"] == "2038"


@pytest.mark.parametrize("rate", [-5.0, 0.0, 1.0])
def test_a_path_that_never_gets_there_reads_not_by_2100(rate):
    # -5 %: 100 × 0.95^7 = 69.83 and falling; 0 %: flat; 1 %: ln 10 / ln 1.01 = 231.4 years, after 2100.
    row = table(Scenario("Never", rate)).iloc[0]
    assert row["value_at_target_year_usd_m"] == pytest.approx(100 * (1 + rate / 100) ** 7)
    assert pd.isna(row["crossing_year"]) and row["reaches_target"] == "not by 2100"


def test_a_negative_rate_shrinks_the_path():
    paths = scenarios.scenario_paths([Scenario("Falling", -5.0)], CHOSEN, "total", BASELINE, TARGET_YEAR, 2024)
    assert paths["year"].tolist() == list(range(2013, 2021))
    assert paths["value_usd_m"].iloc[-1] == pytest.approx(69.834, abs=0.001)
    assert paths["value_usd_m"].is_monotonic_decreasing


def test_a_start_year_after_the_baseline_starts_from_that_years_figure():
    # 200 in 2015 at 20 %: 200 × 1.2^5 = 497.66 in 2020; ln 5 / ln 1.2 = 8.83, so 9 years on: 2024.
    row = table(Scenario("From 2015", 20.0, 2015)).iloc[0]
    assert row["start_year"] == 2015 and row["start_value_usd_m"] == 200.0
    assert row["value_at_target_year_usd_m"] == pytest.approx(497.664, abs=0.001)
    assert row["crossing_year"] == 2024
    paths = scenarios.scenario_paths([Scenario("From 2015", 20.0, 2015)], CHOSEN, "total", BASELINE, TARGET_YEAR, 2024)
    assert paths["year"].tolist() == list(range(2015, 2021))
    assert set(paths["source_id"]) == {"s-2015"} and set(paths["role"]) == {scenarios.ROLE}


def test_a_start_after_the_target_year_has_no_value_then_and_is_drawn_to_the_last_year_shown():
    # 500 in 2022 at 50 %: 750 in 2023, 1,125 in 2024.
    row = table(Scenario("Surge", 50.0, 2022)).iloc[0]
    assert pd.isna(row["value_at_target_year_usd_m"]) and pd.isna(row["share_of_target_pct"])
    assert row["crossing_year"] == 2024
    paths = scenarios.scenario_paths([Scenario("Surge", 50.0, 2022)], CHOSEN, "total", BASELINE, TARGET_YEAR, 2025)
    assert paths["year"].tolist() == [2022, 2023, 2024, 2025]


def test_a_start_year_without_a_figure_says_so_and_is_not_drawn():
    row = table(Scenario("Gap", 10.0, 2014)).iloc[0]
    assert row["reaches_target"] == "no figure for 2014" and pd.isna(row["value_at_target_year_usd_m"])
    assert scenarios.scenario_paths([Scenario("Gap", 10.0, 2014)], CHOSEN, "total", BASELINE, 2020, 2024).empty


def test_the_table_keeps_the_order_and_a_shorter_horizon():
    shown = table(Scenario("Slow", 10.0), Scenario("Fast", 40.0), horizon=2030)
    assert shown["scenario"].tolist() == ["Slow", "Fast"]
    assert shown["reaches_target"].tolist() == ["not by 2030", "2020"]
    assert list(shown.columns) == scenarios.TABLE_COLUMNS


def test_the_observed_rate_is_the_compound_rate_between_two_years_of_data():
    # 81 → 100 over two years: (100 / 81)^(1/2) − 1 = 1.11111 − 1 = 11.11 % a year.
    assert scenarios.observed_rate_pct(CHOSEN, "total", 2011, 2013) == 11.11
    # 100 → 500 over nine years: 5^(1/9) − 1 = 19.58 %.
    assert scenarios.observed_rate_pct(CHOSEN, "total", 2013, 2022) == 19.58
    with pytest.raises(GrowthArgumentError, match="2012"):
        scenarios.observed_rate_pct(CHOSEN, "total", 2012, 2013)
    with pytest.raises(GrowthArgumentError):
        scenarios.observed_rate_pct(CHOSEN, "total", 2013, 2011)


def test_the_required_rate_is_rounded_up_so_its_path_reaches_the_target_in_the_target_year():
    # 10^(1/7) − 1 = 38.9495 %: rounded up to 38.95, never down to a rate that arrives a year late.
    assert scenarios.rounded_up_pct(required_growth_rate(100, 2013, 1000, 2020)) == 38.95
    for baseline, years in [(112.7, 7), (104.0, 7), (33.3, 3), (999.0, 1), (87.1, 12)]:
        rate = scenarios.rounded_up_pct(required_growth_rate(baseline, 2000, 1000, 2000 + years))
        row = scenarios.scenario_row(
            Scenario("r", rate), 2000, pd.Series({"year": 2000, "value_usd_m": baseline}), 1000, 2000 + years, 2100
        )
        assert row["crossing_year"] == 2000 + years, (baseline, years, rate)


def test_usable_years_have_a_figure_above_zero():
    assert scenarios.usable_years(CHOSEN, "total") == [2011, 2013, 2015, 2022]
    assert scenarios.usable_years(CHOSEN, "import") == []


# ---- The link ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Pace 2011-2013:14.5", Scenario("Pace 2011-2013", 14.5)),
        ("Fast:40", Scenario("Fast", 40.0)),
        ("Surge:50:2023", Scenario("Surge", 50.0, 2023)),
        ("Plan: fast:40", Scenario("Plan: fast", 40.0)),
        ("Down:-5.126", Scenario("Down", -5.13)),
        ("Pct:12.5%", Scenario("Pct", 12.5)),
        ("  Two   spaces \u200b\n:3", Scenario("Two spaces", 3.0)),
        ("<script>alert(1)</script>:5", Scenario("<script>alert(1)</script>", 5.0)),
    ],
)
def test_link_values_that_name_a_scenario(value, expected):
    assert scenarios.parse_link_value(value) == (expected, None)


@pytest.mark.parametrize(
    "value",
    [
        "bad",
        "",
        ":5",
        "A:",
        "A:abc",
        "A:nan",
        "A:inf",
        "A:-inf",
        "A:1e9",
        "A:-100",
        "A:1000.5",
        "A:10:1800",
        "A:10:20.5",
        "A:10:x2015",
        "\u200b:5",
        "x" * 41 + ":5",
    ],
)
def test_link_values_that_cannot_be_a_scenario_say_why(value):
    scenario, problem = scenarios.parse_link_value(value)
    assert scenario is None and problem


def test_a_link_keeps_the_good_values_and_drops_the_rest_with_a_notice_each():
    values = ["Fast:40", "fast:3", "Target path (required rate):5", "bad", "Slow:10", "C:1", "D:2", "E:3"]
    kept, problems = scenarios.parse_link_values(values, reserved=["Target path (required rate)"])
    assert [scenario.name for scenario in kept] == ["Fast", "Slow", "C", "D"]
    assert len(problems) == 4
    assert "scenario=fast:3" in problems[0] and "Fast" in problems[0]
    assert "scenario=Target path (required rate):5" in problems[1]
    assert "scenario=bad" in problems[2]
    assert "scenario=E:3" in problems[3] and "at most 4" in problems[3]


def test_a_scenario_writes_the_link_value_it_is_read_from():
    for scenario in [Scenario("Pace 2011-2013", 14.5), Scenario("Surge", 50.0, 2023), Scenario("a:b", -0.44)]:
        assert scenarios.parse_link_value(scenarios.link_value(scenario)) == (scenario, None)
    assert scenarios.link_value(Scenario("Fast", 40.0)) == "Fast:40"


def test_names_and_rates_are_checked_alike_in_the_editor():
    assert scenarios.name_problem("") and scenarios.name_problem("x" * 41)
    assert scenarios.name_problem("FAST", ["Fast"]) and not scenarios.name_problem("Fast 2", ["Fast"])
    assert scenarios.rate_problem(math.nan) and scenarios.rate_problem(1001) and not scenarios.rate_problem(-99)


def test_people_read_the_table_in_words_and_the_citation_in_one_line():
    shown = table(Scenario("Fast", 40.0), Scenario("Surge", 50.0, 2022), Scenario("Never", -5.0))
    people = scenarios.table_for_people(shown)
    assert people.columns.tolist() == [
        "Scenario", "Rate a year", "From", "In 2020", "Share of the target", "Reaches the target"
    ]  # fmt: skip
    assert people.iloc[0].tolist() == ["Fast", "40.0%", "2013 ($100.0M)", "$1,054.1M", "105%", "2020"]
    assert people.iloc[1].tolist() == ["Surge", "50.0%", "2022 ($500.0M)", "–", "–", "2024"]
    assert people.iloc[2].tolist()[-1] == "not by 2100" and people.iloc[2].tolist()[1] == "−5.0%"
    words = scenarios.with_table_words("view", shown)
    assert words.startswith("view; named scenarios: Fast: 40.0% a year from 2013, $1,054.1M in 2020 (105% of the")
    assert "Surge: 50.0% a year from 2022, reaches the target: 2024" in words
    assert scenarios.with_table_words("view", shown.iloc[0:0]) == "view"


def test_an_empty_table_reads_without_a_missing_year():
    people = scenarios.table_for_people(table())
    assert people.empty and "In the target year" in people.columns and "None" not in " ".join(people.columns)


def test_a_name_that_reads_as_a_formula_is_neutralised_in_the_csv():
    from components.data import export

    csv_text = export.to_csv_bytes(table(Scenario("=HYPERLINK(1)", 5.0), Scenario("@SUM", 1.0))).decode()
    assert '"\'=HYPERLINK(1)"' in csv_text and '"\'@SUM"' in csv_text
