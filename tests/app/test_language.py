"""The reader's language: from the link, kept for the session, with a notice for a code we don't offer."""

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
