"""outcomes.csv against the 2014 article: every announcement the article makes has an outcome row, and
every outcome rests on a source dated after the announcement. The announcements are listed here from
the article itself (N. Dorjsuren, 2014), with a phrase of its own words for each."""

import re
import shutil

import pandas as pd
import pytest

from components.data import paths
from components.data.loader import DataError, load

# announcement_id → words of the article that announce it (point 1–4, the sections after them, the
# footnotes and the Conclusion's principles), in the article's order.
ARTICLE_ANNOUNCEMENTS = {
    "trade-target-1bn-2020": "bilateral trade volume to reach USD 1 billion by 2020",
    "rouble-settlement": "financial settlements and payments related to commercial activities in Russian Rubles",
    "debt-write-off-90pct": "wrote off 90% of $10 billion DPRK's debt",
    "debt-remainder-repayment-20y": "repaid in equal installments every six months during the next 20 years",
    "debt-proceeds-pipeline-railway": "spent to build a gas pipeline and railroad through North Korea to South Korea",
    "amur-dprk-trade-agreement": "Amur Region Governor signed an agreement on trade and economic cooperation",
    "fire-extinguishers-aid": "50 fire extinguishers as a humanitarian aid",
    "free-economic-zones": "North Korea revealed the information about its economic free zones",
    "visa-facilitation-russian-business": "with visa facilitation",
    "mobile-internet-access-russian-business": "such as cell phones and internet within the territory of the DPRK",
    "russian-mineral-exploration": "Russian companies were allowed to make a mineral exploration",
    "tu204-aircraft-for-gold-mine": "take TU-204 airplane from Russia",
    "pyoktong-gold-mine-jv": "would co-operate a gold mine that is located in Pyoktong County",
    "east-pyongyang-power-station": "restructuring of the Thermal Power Station in east Pyongyang",
    "copper-anthracite-mining": "copper and anthracite mining exploitations",
    "kim-chaek-coking-coal": "the initial coal import will be 50,000 tons a month",
    "kaesong-russian-companies": "get involved in the Kaesong Industrial Park",
    "taif-fuel-station-chain": "build a fuelling station chain in the territory of North Korea",
    "dancheon-company-list": "complete the list of companies, by October 1, 2014",
    "dancheon-joint-mining-decision": "get a result before the end of this year",
    "igc-special-mechanism": "develop and implement a special mechanism that supports their intergovernmental projects",
    "first-rouble-payment": "their first transaction in ruble is expected to start from June",
    "russian-investors-only": "dedicated for only the Russian investors",
    "khasan-rajin-rail-and-port": "Freight Terminal Construction in Rajin port with the length of 54km",
    "tkr-tsr-rail-connection": "connection between North - South Korea Railway and Trans - Siberian Railway",
    "rus-dprk-rok-gas-pipeline": "a gas that will be delivered into South Korea from Russia through North Korea",
    "korail-trilateral-training-centre": "build a trilateral training center between Russia, DPRK and South Korea",
    "rzd-west-siberia-rajin-link": "will carry out connection of Rajin port of North Korea from the West Siberia",
    "principle-equal-relations-both-koreas": "To maintain the relationship with North and South Korea equally",
    "principle-rok-japan-investment-industry": "based on the investments of the ROK and Japan",
    "principle-open-economy-intl-orgs": "To support DPRK to settle a policy ruling for an open economy",
    "principle-denuclearisation": "To persuade North Korea to be free of nuclear weapons.",
    "principle-multilateral-mechanism": "develop a multilateral mechanism on Northeast Asian security and economy",
}


@pytest.fixture(scope="module")
def outcomes() -> pd.DataFrame:
    return load("outcomes")


@pytest.fixture(scope="module")
def sources() -> pd.DataFrame:
    return load("sources")


def words(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip()


@pytest.mark.parametrize(("announcement_id", "phrase"), ARTICLE_ANNOUNCEMENTS.items())
def test_every_announcement_of_the_article_has_an_outcome_quoting_it(outcomes, announcement_id, phrase):
    rows = outcomes[outcomes["announcement_id"] == announcement_id]
    assert not rows.empty, f"no outcome row for {announcement_id}"
    assert rows["preferred"].sum() == 1
    assert all(words(phrase) in words(quote) for quote in rows["article_quote"]), rows["article_quote"].tolist()


def test_no_outcome_row_is_for_an_announcement_the_article_does_not_make(outcomes):
    assert set(outcomes["announcement_id"]) == set(ARTICLE_ANNOUNCEMENTS)


def test_every_outcome_cites_a_source_dated_after_the_announcement(outcomes, sources):
    published = dict(zip(sources["source_id"], sources["published"], strict=True))
    for row in outcomes.itertuples(index=False):
        assert row.source_id != "article", row.announcement_id
        # An undated page counts from the date of the fact it reports (as_of), which the loader keeps
        # on or after the announcement.
        dated = published[row.source_id] if pd.notna(published[row.source_id]) else row.as_of
        assert dated >= row.announced, (row.announcement_id, row.source_id, dated, row.announced)
        assert row.as_of >= row.announced


def test_no_public_record_rows_say_what_was_searched_and_when(outcomes):
    silent = outcomes[outcomes["outcome"] == "no_public_record"]
    assert len(silent) > 0
    for note in silent["note"]:
        assert re.search(r"Searched on \d{4}-\d{2}-\d{2} .*'.+'", note), note


def test_deadlines_are_the_articles(outcomes):
    with_deadline = outcomes[outcomes["deadline"].notna()].set_index("announcement_id")
    assert set(with_deadline.index) == {
        "trade-target-1bn-2020",
        "first-rouble-payment",
        "dancheon-company-list",
        "dancheon-joint-mining-decision",
    }
    assert with_deadline.loc["dancheon-company-list", "deadline"] == pd.Timestamp("2014-10-01")
    assert with_deadline.loc["trade-target-1bn-2020", "deadline_precision"] == "year"
    assert "overdue" not in [column.lower() for column in outcomes.columns]  # computed, never stored


def test_the_timeline_keeps_the_plan_and_dates_the_first_rouble_settlement_as_the_scorecard_does(outcomes):
    """June 2014 was announced (the article's text, Reuters' 'this month'); the settlements came in
    October (RIA Novosti). The Timeline dates the settlement to October by default, keeps the plan with
    its sources, and dates it to June only as the article's dating, from its abstract's own words."""
    events = load("events")
    outcome = outcomes.set_index("announcement_id").loc["first-rouble-payment"]
    happened = events[events["event_id"] == outcome["event_id"]]
    default = happened[happened["preferred"]].iloc[0]
    assert default["source_id"] == outcome["source_id"]
    assert pd.Timestamp(default["start"]).to_period("M") == pd.Timestamp(outcome["as_of"]).to_period("M")
    plan = events[events["event_id"] == "ruble-settlement-plan-2014"]
    assert set(plan["source_id"]) == {"reuters-2014-06", "article"}
    assert set(plan["start"]) == {pd.Timestamp("2014-06-01")} and all("announced" in title for title in plan["title"])
    rouble = events["title"].str.contains("rouble|ruble", case=False)
    for row in events[rouble & (events["start"] < pd.Timestamp("2014-10-01"))].itertuples(index=False):
        if row.event_id != "ruble-settlement-plan-2014":  # a June settlement: only the article's own words
            assert not row.preferred and row.source_id == "article", row
            assert "ロシア・ルーブルでの貿易を始めた" in row.description, row


@pytest.fixture
def outcomes_copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(paths.DEFAULT_DATA_DIR, folder)
    return folder


def edit_outcomes(folder, old: str, new: str) -> str:
    path = folder / "outcomes.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load("outcomes", folder)
    return str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (",no_public_record,2014-10-20,day,", ",vanished,2014-10-20,day,", "vanished"),
        (
            "Searched on 2026-12-04 (search tool, corpus pages): 'North Korea debt",
            "We looked: 'North Korea debt",
            "Searched on",
        ),
        (",2021-02-19,day,", ",2013-02-19,day,", "cannot be dated before the announcement"),
        (",2020-01-01,year,by 2020,", ",2020-01-01,,by 2020,", "deadline_precision"),
        (",ruble-settlements,", ",no-such-project,", "not in projects.csv"),
        (",m24-2023-05,", ",no-such-source,", "not in sources.csv"),
        (",ria-2015-09,,,pyoktong-gold-mine,,false,", ",ria-2015-09,,,pyoktong-gold-mine,,true,", "exactly one row"),
        (",2014-06-01,month,the 6th", ",2014-06-05,month,the 6th", "first day"),
    ],
)
def test_the_loader_refuses_a_broken_outcome_row(outcomes_copy, old, new, message):
    assert message in edit_outcomes(outcomes_copy, old, new)
