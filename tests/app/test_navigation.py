"""The one registry of pages: app.py's navigation, every page's title and the Overview's links follow it."""

import gc
import re
from pathlib import Path

from components.ui import heap, navigation
from tests.app.app_pages import open_app_page

ROOT = Path(__file__).resolve().parents[2]


def test_the_registry_lists_every_page_file_once():
    files = sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "pages").glob("*.py"))
    assert sorted(entry.script for entry in navigation.PAGES) == files
    assert len({entry.url_path for entry in navigation.PAGES}) == len(navigation.PAGES)
    assert navigation.PAGES[0].url_path == ""  # the home page


def test_every_page_takes_its_title_from_its_own_registry_entry():
    for entry in navigation.PAGES:
        source = (ROOT / entry.script).read_text(encoding="utf-8")
        assert re.findall(r'navigation\.page\("(\w+)"\)', source) == [entry.key], entry.script


def test_app_navigates_to_every_registered_page_under_its_title():
    for entry in navigation.PAGES:
        at = open_app_page(entry.script)
        assert at.title[0].value == entry.title


def test_the_overview_links_to_every_other_page_in_navigation_order():
    at = open_app_page("pages/overview.py")
    links = [element.proto.page for element in at.get("page_link")]
    # The Scorecard's small visual on the first screen has its own link; "Explore" lists every page.
    assert links[0] == "scorecard"
    assert links[1:] == [entry.url_path for entry in navigation.PAGES[1:]]


def test_a_run_that_imports_modules_freezes_the_heap(monkeypatch):
    monkeypatch.setattr(heap, "_modules_at_last_freeze", 0)
    try:
        open_app_page("pages/overview.py")
        assert heap._modules_at_last_freeze > 0 and gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
