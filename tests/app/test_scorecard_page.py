"""The Scorecard page: the answer, the visual and the table on opening; filters in the link; links that
the Trade, Debt, Map and Timeline pages accept; bad link values get a notice, never a traceback."""

from urllib.parse import parse_qsl

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.data.loader import load
from tests.app.app_pages import APP, open_app_page, sent_charts

PAGE = "pages/scorecard.py"


@pytest.fixture(scope="module")
def outcomes() -> pd.DataFrame:
    return load("outcomes")


@pytest.fixture(scope="module")
def opened() -> AppTest:
    """The page as it opens, in English with no link parameters, run once for the tests that only read it
    (a test that clicks or sets a widget opens its own)."""
    return open_app_page(PAGE)


def open_linked_page(page: str, params: dict) -> AppTest:
    """Like ``open_app_page``, with more time: the Map's first run builds its geometry."""
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert not at.exception
    return at


def answer_text(at) -> str:
    return at.markdown[0].value.replace("\\", "")


def test_page_opens_with_the_answer_the_visual_and_every_reading(outcomes, opened):
    at = opened
    announcements = outcomes["announcement_id"].nunique()
    default = outcomes[outcomes["preferred"]]
    stalled = int((default["outcome"] == "stalled").sum())
    assert answer_text(at).startswith(f"Of {announcements} announcements made in 2014, ")
    assert f" {stalled} stalled," in answer_text(at)
    assert len(sent_charts(at)) == 3  # the outcomes, then the workers' and the visitors' indicators
    table = at.dataframe[0].value
    assert len(table) == len(outcomes)
    assert table["default"].sum() == announcements
    assert "Overdue" in set(table["deadline_status"])
    assert [button.proto.label for button in at.get("download_button")] == [
        "Download CSV",
        "Download these figures (CSV)",
        "Download these figures (CSV)",
        "Briefing (PDF)",
    ]
    assert not at.warning


def test_the_map_note_explains_status_against_outcome(opened):
    at = opened
    note = " ".join(caption.value for caption in at.caption)
    assert "A project's status on the Map is what its preferred source reported" in note


def test_outcome_filter_from_the_link_narrows_the_table_and_states_the_count(outcomes):
    at = open_app_page(PAGE, {"outcome": "stalled", "category": "mining"})
    table = at.dataframe[0].value
    default = outcomes[outcomes["preferred"]]
    expected = default[(default["outcome"] == "stalled") & (default["category"] == "mining")]
    assert len(table) == len(expected) > 0
    assert set(table.loc[table["default"], "outcome"]) == {"Stalled"}
    assert any(f"Of the {len(expected)} announcements shown" in block.value for block in at.markdown)
    assert at.button_group(key="outcome").value == ["stalled"]


def test_choosing_an_outcome_writes_its_id_to_the_link_and_clearing_removes_it():
    at = open_app_page(PAGE)
    at.button_group(key="outcome").set_value(["no_public_record"]).run()
    assert at.query_params["outcome"] == ["no_public_record"] or at.query_params["outcome"] == "no_public_record"
    assert set(at.dataframe[0].value.query("default")["outcome"]) == {"No public record since"}
    at.button_group(key="outcome").set_value([]).run()
    assert "outcome" not in at.query_params


def test_a_disputed_announcement_shows_both_readings_and_marks_the_default():
    at = open_app_page(PAGE, {"category": "mining"})
    table = at.dataframe[0].value
    pyoktong = table[table["announcement"].str.contains("Pyoktong")]
    assert pyoktong["default"].tolist() == [True, False]
    assert pyoktong["outcome"].tolist() == ["No public record since", "Under way"]


@pytest.mark.parametrize(
    "query",
    [{"outcome": "kept"}, {"category": ["mining", "<b>x</b>"]}, {"colour": "red"}],
)
def test_bad_link_values_get_a_notice_and_the_default_view(query, outcomes):
    at = open_app_page(PAGE, query)
    assert len(at.warning) == 1
    assert "<b>" not in at.warning[0].value
    assert len(at.dataframe[0].value) == len(outcomes)
    for key in ("outcome", "category"):
        assert key not in at.query_params


def test_no_match_says_so():
    at = open_app_page(PAGE, {"outcome": "partly_delivered", "category": "principle"})
    assert [info.value for info in at.info] == ["No announcement matches these filters. Clear a filter to see more."]


def test_every_link_opens_its_page_preset_without_a_notice(opened):
    table = opened.dataframe[0].value
    targets = set(table["link"].dropna()) | set(table["timeline"].dropna())
    assert {link.split("?")[0] for link in targets} == {"trade", "debt", "map", "timeline"}
    for link in sorted(targets):
        path, _, query = link.partition("?")
        params: dict[str, list[str]] = {}
        for key, value in parse_qsl(query):
            params.setdefault(key, []).append(value)
        page = open_linked_page(f"pages/{path}.py", params)
        assert not page.warning, (link, [warning.value for warning in page.warning])
        if path == "map":  # the project is chosen, and the answer names it, drawn alone or not locatable
            assert page.selectbox(key="project").value == params["project"][0], link
            answer = page.main.markdown[0].value.replace("\\", "")
            assert "One project, alone and fitted to the view: " in answer or "has no location in the data" in answer
        if path == "timeline":  # the event is chosen
            assert page.selectbox(key="event").value == params["event"][0], link


def test_map_links_select_the_project_and_a_project_the_map_cannot_draw_links_to_its_event(outcomes, opened):
    at = opened
    links_by_title = dict(zip(at.dataframe[0].value["announcement"], at.dataframe[0].value["link"], strict=True))
    title = outcomes.set_index("announcement_id")["title"]
    assert links_by_title[title["khasan-rajin-rail-and-port"]] == "map?project=khasan-rajin-rail"
    assert links_by_title[title["rus-dprk-rok-gas-pipeline"]] == "map?project=rus-prk-kor-gas-pipeline"
    # Visa facilitation has no location on the Map: its link opens the commission session on the Timeline.
    assert links_by_title[title["visa-facilitation-russian-business"]] == "timeline?event=igc-6th-session-2014"


def test_the_trade_link_presets_the_target():
    page = open_app_page("pages/trade.py", {"target": "1000.0", "target_year": "2020"})
    inputs = {number.label: number.value for number in page.number_input}
    assert inputs["Target (USD million)"] == 1000.0 and inputs["Target year"] == 2020


def test_the_overview_shows_the_outcome_visual_small_with_a_link_to_the_scorecard():
    at = open_app_page("pages/overview.py")
    assert len(sent_charts(at)) == 1
    assert at.get("page_link")[0].proto.page == "scorecard"


def test_workers_and_visitors_are_charted_year_by_year_with_gaps_as_gaps(opened):
    indicators = load("indicators")
    at = opened
    charts = {chart.file_name.rsplit("-", 1)[0]: chart for chart in sent_charts(at)}
    workers = charts["nea-workers"].figure["data"]
    visitors = charts["nea-visitors"].figure["data"]
    workers_line = next(trace for trace in workers if trace["name"] == "DPRK workers in Russia")
    default = indicators[(indicators["indicator_id"] == "dprk_workers_in_russia") & indicators["preferred"]]
    assert [value for value in workers_line["y"] if value is not None] == default.sort_values("year")["value"].tolist()
    assert None in workers_line["y"]  # 2019: no count of workers, drawn as a break, not zero
    assert any(trace["name"] == "Tourist trips by Russian citizens to the DPRK" for trace in visitors)
    captions = " ".join(caption.value.replace("\\", "") for caption in at.caption)
    assert "Trips by Russian citizens to the DPRK: 9,985 trips in 2025" in captions
    tables = [frame.value for frame in at.dataframe if "quote" in frame.value.columns]
    assert len(tables) == 2 and all(table["quote"].notna().all() for table in tables)


def test_a_broken_indicators_file_is_named_and_the_scorecard_still_draws(data_copy):
    (data_copy / "indicators.csv").write_text("indicator_id,year\nx,1\n", encoding="utf-8")
    at = open_app_page(PAGE)
    errors = " ".join(error.value.replace("\\", "") for error in at.error)
    assert "data/indicators.csv cannot be used" in errors and "missing column" in errors
    assert len(sent_charts(at)) == 1  # the outcomes chart; the indicators' charts are left out
    assert len(at.dataframe[0].value) > 0


def test_the_links_name_their_page_in_words_and_keep_the_readers_language(opened):
    # English: the page's navigation title beside a link that is exactly as before (no ?lang= in the link).
    table = opened.dataframe[0].value
    pages = {"trade": "Trade", "debt": "Debt", "map": "Map", "timeline": "Timeline"}
    named = dict(zip(table["link"].dropna(), table.loc[table["link"].notna(), "shown_on"], strict=True))
    assert {link: pages[link.split("?")[0]] for link in named} == named
    assert not any("lang=" in link for link in [*table["link"].dropna(), *table["timeline"].dropna()])
    # Korean: the titles in Korean (the catalog's navigation titles), never the page's slug; links keep ?lang=ko.
    table = open_app_page(PAGE, {"lang": "ko"}).dataframe[0].value
    assert set(table["shown_on"].dropna()) == {"교역", "채무", "지도", "연표"}
    links = [*table["link"].dropna(), *table["timeline"].dropna()]
    assert links and all(dict(parse_qsl(link.partition("?")[2]))["lang"] == "ko" for link in links)
    assert "map?project=khasan-rajin-rail&lang=ko" in links


EVIDENCE_ID = "mobile-internet-access-russian-business"


def _evidence(outcomes: pd.DataFrame) -> tuple[str, str]:
    """The English evidence of ``EVIDENCE_ID``: our words, then the quote from the source."""
    english = outcomes.loc[outcomes["announcement_id"] == EVIDENCE_ID, "evidence"].iloc[0]
    return english, english[english.index('"') :]


@pytest.mark.parametrize(
    ("code", "ours"),
    [
        ("ko", "3개월 뒤에도 갈루시카는 이를 합의되었으나 아직 이행되지 않은 사항으로 꼽았다: "),
        ("ru", "Три месяца спустя Галушка всё ещё называл это согласованным, но не выполненным: "),
        ("ja", "3か月後もガルシカは、合意済みだが未実施の事項としてこれを挙げていた："),
    ],
    ids=["ko", "ru", "ja"],
)
def test_the_evidence_shows_our_words_in_the_readers_language_and_the_quote_verbatim(outcomes, code, ours):
    # outcomes.csv's evidence is our words around a quote: ours are translated (data/translations/<lang>.csv),
    # the quote stays in its source's language, as stored.
    english, quote = _evidence(outcomes)
    evidence = list(open_app_page(PAGE, {"lang": code}).dataframe[0].value["evidence"])
    assert [text for text in evidence if quote in text] == [ours + quote]
    assert english not in evidence
    assert not any(text.startswith(("Nearest later record", "Three months later")) for text in evidence)


def test_the_english_evidence_is_as_stored(outcomes, opened):
    english, _quote = _evidence(outcomes)
    assert english.startswith("Three months later Galushka still listed it as agreed but not yet carried out: ")
    table = opened.dataframe[0].value
    assert english in set(table["evidence"])
    assert set(table["evidence"]) == set(outcomes["evidence"])


@pytest.mark.parametrize(
    ("code", "stated"), [("en", "by 2020"), ("ko", "2020년까지"), ("ru", "к 2020 году"), ("ja", "2020年までに")]
)
def test_the_stated_deadline_is_in_the_readers_language(code, stated):
    # deadline_stated is our wording of the source's deadline, translated like the rest of our text.
    table = open_app_page(PAGE, {"lang": code}).dataframe[0].value
    assert stated in set(table["deadline"].dropna())
    if code != "en":
        assert "by 2020" not in set(table["deadline"].dropna())
