"""The reader's language: from the link, kept for the session, with a notice for a code we don't offer."""

import json

import pytest

from components.i18n import LANGUAGES, using
from components.ui import navigation
from tests.app.app_pages import open_app_page


@pytest.mark.parametrize("code", [code for code in LANGUAGES if code != "en"])
def test_lang_in_the_link_words_the_page_and_its_navigation(code):
    at = open_app_page("pages/trade.py", {"lang": code})
    with using(code):
        from components.i18n import _

        assert at.title[0].value == _(navigation.page("trade").title) != navigation.page("trade").title
    assert at.sidebar.selectbox[0].value == code
    assert not at.warning


def test_an_unknown_language_gets_a_notice_and_english():
    at = open_app_page("pages/debt.py", {"lang": "xx"})
    assert at.title[0].value == navigation.page("debt").title
    assert any("lang=xx" in warning.value for warning in at.warning)


def test_the_switcher_changes_the_language_and_the_link():
    at = open_app_page("pages/overview.py")
    at.sidebar.selectbox[0].set_value("ru").run()
    assert not at.exception
    assert at.query_params["lang"] in ("ru", ["ru"])
    assert at.title[0].value == "Экономическое сотрудничество России, КНДР и Республики Корея"


def test_the_map_and_timeline_show_our_text_and_places_in_the_readers_language():
    def labels(at) -> list[str]:
        deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
        return [row["text"] for layer in deck["layers"] if layer["@@type"] == "TextLayer" for row in layer["data"]]

    korean = labels(open_app_page("pages/map.py", {"lang": "ko"}))
    assert "나진역" in korean and "Rajin station" not in korean
    english = labels(open_app_page("pages/map.py"))
    assert "Rajin station" in english and "나진역" not in english
    timeline = open_app_page("pages/timeline.py", {"lang": "ko"})
    assert any("나진" in str(value) for frame in timeline.dataframe for value in frame.value.to_numpy().ravel())


def test_the_data_page_shows_the_files_as_stored_in_every_language():
    at = open_app_page("pages/data.py", {"lang": "ko", "table": "events"})
    frame = at.dataframe[0].value
    assert frame["title"].str.contains("Agreement").any()
