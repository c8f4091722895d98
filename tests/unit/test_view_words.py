"""Each page's view in words, as its citation names it."""

from datetime import date

import pandas as pd
import pytest

from components.analysis import table_filters, view_words
from components.i18n import translate


def test_trade_words_name_flow_years_target_and_scenario():
    words = view_words.trade("total", (2000, 2024), 1000.0, 2020, growth_percent=20.0)
    assert words == "Russia–DPRK trade turnover 2000–2024, target $1,000M by 2020, scenario 20.0% a year"


def test_trade_words_add_every_setting_that_changes_the_chart():
    words = view_words.trade(
        "export", (2010, 2010), 2500.0, 2030, 2013, None, "KOTRA", ["China-DPRK", "Inter-Korean"], True
    )
    assert words == (
        "Russian exports to the DPRK 2010, target $2,500M by 2030 from the 2013 baseline, disputed years from KOTRA, "
        "compared with China–DPRK trade and Inter-Korean trade, log scale"
    )


FAKE = {
    "ko": {"China–DPRK trade": "북중 교역", "Inter-Korean trade": "남북 교역", "compared with {items} and {last}":
           "{items} 및 {last}와 비교", "Rail": "철도", "Proposed": "제안", "Route lines": "노선", "Light": "밝게",
           "layer: {items}": "레이어: {items}", "basemap {basemap}": "배경 지도 {basemap}", "Summit": "정상회담",
           "Russia": "러시아", "DPRK": "북한", "actors: {actors}": "행위자: {actors}"},
}  # fmt: skip


@pytest.fixture
def fake_korean(monkeypatch):
    real = translate._catalog
    monkeypatch.setattr(translate, "_catalog", lambda code: (FAKE[code], lambda n: 0) if code in FAKE else real(code))


def test_trade_words_name_the_comparators_in_the_readers_language(fake_korean):
    with translate.using("ko"):
        words = view_words.trade("total", (2000, 2024), 1000.0, 2020, comparators=["China-DPRK", "Inter-Korean"])
    assert words.endswith("북중 교역 및 남북 교역와 비교") and "China" not in words


def test_debt_words():
    words = view_words.debt(90.0, "20 years (Reuters)", 5.0, date(2014, 11, 5))
    assert words == (
        "Soviet-era debt settlement, 90.0% written off, repayment term 20 years (Reuters), discounted at 5.0% a "
        "year, first instalment assumed 2014-11-05"
    )


def test_selection_words_name_only_a_narrowed_choice_in_the_given_order():
    assert view_words.selection_words(["b", "a"], ["a", "b"], "status") == "every status"
    assert view_words.selection_words([], ["a", "b"], "status") == "no status"
    assert view_words.selection_words(["c", "a"], ["a", "b", "c"], "status") == "status: a, c"


def test_map_words():
    words = view_words.map_view(["Route lines"], ["Route lines", "Project sites"], ["Proposed"], ["Proposed"],
                                ["Rail", "Pipeline"], ["Rail", "Pipeline", "Port"], "none")  # fmt: skip
    assert words == "routes and project sites, layer: Route lines, every status, category: Rail, Pipeline, basemap off"


def test_timeline_words_treat_an_empty_filter_as_all():
    assert view_words.timeline((2008, 2025), [], []) == "events 2008–2025, every actor, every category"
    assert view_words.timeline((1990, 2000), ["RUS", "PRK"], ["summit"], "Visit (2000-07-19)") == (
        "events 1990–2000, actors: Russia, DPRK, categories: summit, selected: Visit (2000-07-19)"
    )


def test_map_and_timeline_words_name_the_choices_in_the_readers_language(fake_korean):
    with translate.using("ko"):
        map_words = view_words.map_view(["Route lines"], ["Route lines", "Project sites"], ["Proposed"],
                                        ["Proposed"], ["Rail"], ["Rail", "Port"], "light")  # fmt: skip
        timeline_words = view_words.timeline((1990, 2000), [], ["summit"])
    assert "레이어: 노선" in map_words and "철도" in map_words and map_words.endswith("배경 지도 밝게")
    assert "정상회담" in timeline_words and "summit" not in timeline_words


def test_data_words_with_and_without_filters():
    assert view_words.data_table("trade", 101, 101, {}) == "table trade.csv, 101 of 101 rows"
    assert view_words.data_table("trade", 3, 101, {"year": "2000 to 2005", "flow": "total"}) == (
        "table trade.csv, 3 of 101 rows, filtered by year: 2000 to 2005; flow: total"
    )


def test_applied_filters_list_only_narrowed_filters():
    frame = pd.DataFrame(
        {
            "year": [2000, 2005, 2010],
            "flow": ["total", "export", "import"],
            "preferred": [True, False, True],
            "published": pd.to_datetime(["2014-01-01", "2015-01-01", "2016-01-01"]),
        }
    )
    specs = table_filters.filters_for(frame)
    everything = {"year": (2000, 2010), "flow": ["export", "import", "total"], "preferred": [True, False],
                  "published": (pd.Timestamp("2014-01-01"), pd.Timestamp("2016-01-01"))}  # fmt: skip
    assert table_filters.applied_filters(specs, everything) == {}
    narrowed = everything | {
        "year": (2000, 2005),
        "flow": ["total", "export"],
        "preferred": [True],
        "published": (date(2014, 6, 1), date(2016, 1, 1)),
    }
    assert table_filters.applied_filters(specs, narrowed) == {
        "year": "2000 to 2005",
        "flow": "export, total",
        "preferred": "true",
        "published": "2014-06-01 to 2016-01-01",
    }
    assert table_filters.applied_filters(specs, everything | {"flow": []}) == {"flow": "none"}


def test_timeline_words_name_the_actors_in_the_readers_language(fake_korean):
    with translate.using("ko"):
        words = view_words.timeline((1990, 2000), ["RUS", "PRK"], [])
    assert "행위자: 러시아, 북한" in words and "RUS" not in words
