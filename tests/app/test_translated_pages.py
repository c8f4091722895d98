"""The pages in the reader's language: each opens in every language with no exception, and the Map's
filters show their words translated while the link keeps the English ones."""

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
