"""The pages in the reader's language: each opens in every language with no exception, and the Map's
filters show their words translated while the link keeps the English ones."""

import json

import pytest

from components.i18n import LANGUAGES, translate
from tests.app.app_pages import open_app_page

PAGES = ["pages/overview.py", "pages/debt.py", "pages/map.py", "pages/timeline.py", "pages/data.py"]
# A stand-in catalog, so the test does not depend on the translators' progress.
FAKE_KOREAN = {"Off": "끔", "Light": "밝게", "Proposed": "제안", "Basemap": "배경 지도", "Status": "상태"}


@pytest.mark.parametrize("code", [code for code in LANGUAGES if code != "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_in_every_language(page, code):
    at = open_app_page(page, {"lang": code})
    assert at.title and not at.warning and not at.error


@pytest.fixture
def fake_korean(monkeypatch):
    real = translate._catalog
    monkeypatch.setattr(translate, "_catalog", lambda code: (FAKE_KOREAN, lambda n: 0) if code == "ko" else real(code))


def test_map_filters_show_translated_words_and_keep_english_links(fake_korean):
    at = open_app_page("pages/map.py", {"lang": "ko", "status": ["Proposed"], "basemap": "light"})
    basemap = at.sidebar.radio(key="map_basemap")
    assert basemap.label == "배경 지도" and basemap.value == "light"
    assert "밝게" in basemap.options and "끔" in basemap.options
    assert at.button_group(key="map_status").value == ["Proposed"]
    assert not at.warning

    at.button_group(key="map_status").set_value([]).run()
    assert at.query_params["status"] in ("", [""])
    at.sidebar.radio(key="map_basemap").set_value("none").run()
    assert "basemap" not in at.query_params
    at.button_group(key="map_status").set_value(["Proposed"]).run()
    assert at.query_params["status"] in ("Proposed", ["Proposed"])


def _map_text(at) -> str:
    """Everything the Map sends as words: the deck (its tooltips) and the tables."""
    decks = [json.loads(deck.proto.json) for deck in at.get("deck_gl_json_chart")]
    tables = [frame.value.to_string() for frame in at.dataframe]
    return json.dumps(decks, ensure_ascii=False) + "\n".join(tables)


@pytest.mark.parametrize(
    ("code", "note"),
    [("ru", "Станции Хасан и Туманган"), ("ko", "하산역과 두만강역은"), ("ja", "ハサン駅と豆満江駅は")],
)
def test_the_map_shows_the_routes_leg_notes_in_the_readers_language(code, note):
    # routes.csv's leg_note is our own text: data/translations/<lang>.csv keys it khasan-rajin.2.
    text = _map_text(open_app_page("pages/map.py", {"lang": code}))
    assert note in text
    assert "only seems to cross China" not in text and "clips China's coarse" not in text


@pytest.fixture
def fake_korean_choices(monkeypatch):
    words = {("{years} year", "{years} years"): ("{years}년",), "Visit": "방문", "Summit": "정상회담"}
    real = translate._catalog
    monkeypatch.setattr(translate, "_catalog", lambda code: (words, lambda n: 0) if code == "ko" else real(code))


def test_the_debt_term_switch_shows_words_and_the_link_keeps_the_key(fake_korean_choices):
    at = open_app_page("pages/debt.py", {"lang": "ko"})
    switch = at.segmented_control(key="debt_term")
    assert switch.value == "20 years" and switch.options[0] == "20년"
    assert not at.warning


def test_the_timeline_categories_show_words_and_the_link_keeps_the_value(fake_korean_choices):
    at = open_app_page("pages/timeline.py", {"lang": "ko", "category": "visit"})
    box = at.multiselect(key="timeline_category")
    assert box.value == ["visit"] and "방문" in box.options and "visit" not in box.options
    assert not at.warning
    at.multiselect(key="timeline_category").select("summit").run()
    assert at.query_params["category"] == ["visit", "summit"] or at.query_params["category"] == ["summit", "visit"]


def _page_words(at) -> str:
    """The page's Markdown and static tables as the reader sees them, Markdown escapes removed."""
    texts = [element.value for element in at.markdown] + [table.value.to_string() for table in at.table]
    return "\n".join(texts).replace("\\", "")


def test_the_debt_page_shows_our_words_in_korean_and_keeps_the_sources_quotes():
    # debt.csv's use_of_proceeds and note are our words around quotes: data/translations/ko.csv keys them
    # by agreement_id with the row's source_id; the quotes stay in English, our translation marked after.
    text = _page_words(open_app_page("pages/debt.py", {"lang": "ko"}))
    assert "북한 내 공동 사업, 계획 중인 한국행 가스관과 철도 포함(가능한 용처)" in text  # the preferred row's
    assert "북한을 거쳐 한국으로 가는 가스관과 철도" in text  # the article's, in the terms card
    assert "mutual projects in the DPRK" not in text and "gas pipeline and railroad through" not in text
    assert "기본 행: 공식 수치. 'total debt stood at $10.96 billion as of Sept. 17, 2012'(번역:" in text
    assert "Preferred: official figures" not in text and "The original amount is not stated" not in text


@pytest.mark.parametrize(
    ("page", "code", "note"),
    [
        ("pages/map.py", "ja", "ロシア鉄道がハサン経由で北朝鮮へ運んだ貨物のうちの石炭。"),
        ("pages/scorecard.py", "ru", "Округлённая оценка посла Мацегоры, названная в декабре 2018 г."),
    ],
)
def test_the_indicator_tables_show_our_notes_in_the_readers_language(page, code, note):
    # indicators.csv's note is our own text: data/translations/<lang>.csv keys it indicator_id.year.
    notes = {
        value
        for frame in open_app_page(page, {"lang": code}).dataframe
        if "note" in frame.value.columns
        for value in frame.value["note"].dropna()
    }
    assert note in notes
    assert not [text for text in notes if "Russian Railways" in text or "Ambassador Matsegora" in text]
