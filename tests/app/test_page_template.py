"""The page template in docs/ works as it stands: registered as a page, it opens, answers and cites."""

from pathlib import Path

import pytest

from components.ui import navigation
from tests.app.app_pages import open_app_page

TEMPLATE = Path(__file__).resolve().parents[2] / "docs" / "page_template.py"


@pytest.fixture
def registered_template(monkeypatch):
    # url_path is the file's name: AppTest.switch_page finds a page by its file name before the first run.
    entry = navigation.PageEntry(
        "example", "docs/page_template.py", "Example", "page_template", ":material/star:", "Example page", "An example"
    )
    monkeypatch.setattr(navigation, "PAGES", (*navigation.PAGES, entry))
    monkeypatch.setattr(navigation, "PAGE_BY_KEY", {**navigation.PAGE_BY_KEY, "example": entry})
    return entry


def test_the_page_template_opens_answers_and_cites(registered_template):
    at = open_app_page("docs/page_template.py", footer_open=True)
    assert at.title[0].value == "Example page"
    assert any(" events between " in block.value for block in at.markdown)
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) > 0
    assert "Example page" in at.code[0].value  # the citation names the page


def test_the_page_template_narrows_its_table_from_the_link(registered_template):
    everything = open_app_page("docs/page_template.py")
    narrowed = open_app_page("docs/page_template.py", {"years": ["2014", "2014"]})
    assert 0 < len(narrowed.dataframe[0].value) < len(everything.dataframe[0].value)
