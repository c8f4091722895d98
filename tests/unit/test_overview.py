"""Overview headlines are computed from the tables, name their agencies and cite their sources."""

import pandas as pd
import pytest

from components import overview


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


def test_debt_written_off_is_share_of_original():
    debt = pd.DataFrame(
        {
            "agreement_id": ["rus-prk-soviet-debt-2012"],
            "original_usd_m": [10960.0],
            "written_off_share": [0.9],
            "remaining_usd_m": [1090.0],
            "source_id": ["r"],
            "preferred": [True],
        }
    )
    headline = overview.debt_headline(debt)
    assert headline.value == "$9.86B"
    assert headline.context == "90% of $10.96B; $1.09B to be repaid"
