"""Overview headlines are computed from the tables, name their agencies and cite their sources."""

import pandas as pd
import pytest

from components.analysis import overview


def trade_rows(rows):
    columns = ["year", "reporter", "partner", "flow", "value_usd_m", "growth_pct_stated", "source_id", "preferred"]
    return pd.DataFrame(rows, columns=columns)


@pytest.fixture
def tables():
    trade = trade_rows(
        [
            (2013, "RUS", "PRK", "total", 100.0, 50.0, "ru", True),
            (2013, "RUS", "PRK", "total", 90.0, None, "kotra", False),
            (2020, "RUS", "PRK", "total", 40.0, None, "ru", True),
            (2023, "RUS", "PRK", "total", 30.0, None, "ru", True),
            (2023, "CHN", "PRK", "total", 2000.0, None, "gac", True),
        ]
    )
    targets = pd.DataFrame(
        {
            "target_id": ["rus-prk-trade-2020", "rus-prk-trade-2020"],
            "agreed": pd.to_datetime(["2014-03-28", "2014-03-24"]),
            "parties": ["RUS;PRK", "RUS;PRK"],
            "baseline_year": pd.array([None, 2013], dtype="Int64"),
            "target_year": [2020, 2020],
            "target_usd_m": [1000.0, 1000.0],
            "source_id": ["protocol", "article"],
            "preferred": [True, False],
        }
    )
    sources = pd.DataFrame(
        {"source_id": ["ru", "kotra", "protocol", "article"], "agency": ["Russian customs", "KOTRA", "gov", "art"]}
    )
    return trade, targets, sources


def by_label(headlines):
    return {headline.label: headline for headline in headlines}


def test_baseline_year_comes_from_another_source_when_the_preferred_is_silent(tables):
    _, targets, _ = tables
    assert overview.main_target(targets)["baseline_year"] == 2013


def test_required_growth_turns_the_baseline_into_the_target(tables):
    headlines = by_label(overview.trade_headlines(*tables))
    assert headlines["Growth the target required"].value == f"{(1000 / 100) ** (1 / 7) - 1:.1%} a year"


def test_baseline_card_names_agencies_and_alternatives(tables):
    card = by_label(overview.trade_headlines(*tables))["Russia–DPRK trade, 2013"]
    assert card.value == "$100.0M"
    assert card.context == "Growth on 2012: +50.0% (Russian customs). Other totals: $90.0M (KOTRA)."
    assert card.source_ids == ["ru", "kotra"]


def test_baseline_card_shows_disagreeing_growth_rates_side_by_side(tables):
    trade, targets, sources = tables
    trade.loc[1, "growth_pct_stated"] = 37.3
    card = by_label(overview.trade_headlines(trade, targets, sources))["Russia–DPRK trade, 2013"]
    assert "Sources disagree on growth over 2012: +50.0% (Russian customs), +37.3% (KOTRA)." in card.context


def test_baseline_card_says_when_no_source_states_growth(tables):
    trade, targets, sources = tables
    trade["growth_pct_stated"] = None
    card = by_label(overview.trade_headlines(trade, targets, sources))["Russia–DPRK trade, 2013"]
    assert card.context.startswith("Russian customs. Growth on 2012 not stated.")


def test_latest_year_flagged_as_estimate_is_labelled_so(tables):
    trade, targets, sources = tables
    trade["estimate"] = pd.array([None, None, None, True, None], dtype="boolean")
    card = by_label(overview.trade_headlines(trade, targets, sources))["Latest year, 2023 (estimate)"]
    assert card.value == "≈ $30.0M"
    assert card.context.startswith("An estimate, not customs or official data: ")


def test_data_as_of_words():
    assert overview.data_as_of_words(pd.Timestamp("2024-12-04").date()) == (
        "Data as of 4 Dec 2024: the newest dated fact in the tables."
    )
    assert overview.data_as_of_words(None) == "The data carry no dated fact."


def test_outcome_and_latest_year_against_the_target(tables):
    headlines = by_label(overview.trade_headlines(*tables))
    assert headlines["Actual in 2020, the target year"].context == "4.0% of the target (Russian customs)"
    assert headlines["Latest year sourced, 2023"].value == "$30.0M"


def test_missing_preferred_target_is_reported(tables):
    trade, targets, sources = tables
    with pytest.raises(LookupError, match="no preferred row"):
        overview.trade_headlines(trade, targets.assign(preferred=False), sources)


def _debt(original: list[float | None], preferred: list[bool], agreement: str = "rus-prk-soviet-debt-2012"):
    count = len(original)
    return pd.DataFrame(
        {
            "agreement_id": [agreement] * count,
            "creditor": "RUS",
            "debtor": "PRK",
            "original_usd_m": [float("nan") if value is None else value for value in original],
            "written_off_share": 0.9,
            "remaining_usd_m": 1090.0,
            "installments": pd.array([pd.NA] * count, dtype="Int64"),
            "interval_months": pd.array([6] * count, dtype="Int64"),
            "term_years": 20.0,
            "interest_rate": float("nan"),
            "settlement_currency": None,
            "use_of_proceeds": None,
            "signed": pd.Timestamp("2012-09-17"),
            "ratified": pd.Timestamp("2014-04-18"),
            "source_id": [f"s{number}" for number in range(count)],
            "preferred": preferred,
        }
    )


def test_debt_written_off_is_share_of_original():
    headline = overview.debt_headline(_debt([10960.0], [True]))
    assert headline.value == "$9.86B"  # 10,960 × 0.9 = 9,864
    assert headline.context == "90% of $10.96B; $1.09B to be repaid"


def test_a_missing_original_is_taken_from_another_source_and_cited():
    headline = overview.debt_headline(_debt([None, 10000.0], [True, False]))
    assert headline.value == "$9.00B"
    assert headline.source_ids == ["s0", "s1"]


def test_an_original_no_source_states_reads_not_stated_never_nan():
    headline = overview.debt_headline(_debt([None, None], [True, False]))
    assert headline.value == "not stated"
    assert "nan" not in headline.context.lower()
    assert headline.context == "90% of an original debt no source states; $1.09B to be repaid"


def test_the_overview_and_the_debt_page_pick_the_same_agreement():
    table = pd.concat([_debt([500.0], [True], agreement="a-first-in-file"), _debt([10960.0], [True])])
    assert overview.debt_headline(table).value == "$9.86B"


def test_without_any_russia_dprk_turnover_the_baseline_card_says_what_is_missing(tables):
    trade, targets, sources = tables
    headlines = by_label(overview.trade_headlines(trade[trade["reporter"] != "RUS"], targets, sources))
    card = headlines["Russia–DPRK trade at the baseline"]
    assert card.value == "no figure"
    assert "no trade turnover figure above zero for any year" in card.context
    assert "Target for 2020" in headlines and "Growth the target required" not in headlines


def test_a_baseline_year_without_a_figure_uses_the_nearest_and_says_so(tables):
    trade, targets, sources = tables
    targets = targets.assign(baseline_year=pd.array([2015, 2015], dtype="Int64"))
    headlines = by_label(overview.trade_headlines(trade, targets, sources))
    card = headlines["Russia–DPRK trade, 2013"]  # 2013 is 2 years from 2015, 2020 is 5
    assert card.value == "$100.0M"
    assert card.context.startswith("The target's baseline year 2015 has no trade turnover figure above zero")
    assert headlines["Growth the target required"].value == "38.9% a year"  # (1000 / 100) ** (1/7) − 1 = 0.3895


def test_the_target_names_its_parties_as_countries(tables):
    # targets.csv keeps ISO3 codes (RUS;PRK); the card names the countries in the reader's language.
    assert by_label(overview.trade_headlines(*tables))["Target for 2020"].context == "agreed 28 Mar 2014 (Russia–DPRK)"
