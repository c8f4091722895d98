"""Hostile data in a real browser: every page and its chart hovers show planted markup as
text and run none of it (each payload would set ``window.__xss`` or open a dialog if it ran)."""

import re

import pytest
from playwright.sync_api import Page, expect

from components.data import loader, schema
from components.ui import navigation
from harness.app import open_page
from harness.first_screen import CHART
from tests.hostile_data import PAYLOADS, VISIBLE_MARKERS

# Every page of the registry; the Data page on sources.csv, whose every column is free text.
PAGES = [entry.url_path + ("?table=sources" if entry.key == "data" else "") for entry in navigation.PAGES]


@pytest.fixture(scope="module")
def hostile_tables(hostile_dir) -> dict:
    return {name: loader.load(name, hostile_dir) for name in schema.TABLE_NAMES}


@pytest.fixture
def watched(page: Page) -> tuple[Page, list[str]]:
    """The page with ``window.__xss = 0`` before any script, and a record of every dialog opened."""
    dialogs: list[str] = []
    page.add_init_script("window.__xss = 0")
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return page, dialogs


def assert_nothing_ran(page: Page, dialogs: list[str]) -> None:
    page.wait_for_timeout(200)  # an onerror handler fires after the failed image load
    assert page.evaluate("window.__xss") == 0
    assert dialogs == []
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0
    planted_scripts = "[...document.querySelectorAll('script')].some(s => s.textContent.includes('__xss'))"
    assert page.evaluate(planted_scripts) is False


def shown_text(page: Page) -> str:
    """The text of the main area as rendered (tables draw on a canvas, so their cells are not in it)."""
    return page.get_by_test_id("stMain").inner_text()


def test_every_page_shows_planted_markup_as_text_and_runs_none_of_it(watched, hostile_url):
    page, dialogs = watched
    for path in PAGES:
        open_page(page, f"{hostile_url}/{path}")
        expect(page.get_by_test_id("stHeading").first).to_be_visible()
        assert not page.get_by_test_id("stAlertContentError").count(), f"/{path} shows a data error"
        # The footnote's full, linked list of sources opens on a click; open it so its text is checked too.
        page.get_by_text(re.compile(r"^All \d+ sources?, with links$")).click()
        expect(page.get_by_test_id("stExpanderDetails").locator("ol > li").first).to_be_visible()
        shown = shown_text(page)
        assert any(marker in shown for marker in VISIBLE_MARKERS), (
            f"/{path} shows no planted text literally: {shown[:3000]!r}"
        )
        assert_nothing_ran(page, dialogs)


def test_event_details_card_shows_every_planted_field_literally(watched, hostile_url, hostile_tables):
    page, dialogs = watched
    events = hostile_tables["events"]
    event = events[events["preferred"] & events["title"].isin(VISIBLE_MARKERS)].iloc[0]
    open_page(page, f"{hostile_url}/timeline?event={event['event_id']}")
    expect(page.get_by_test_id("stMarkdownContainer").filter(has_text=event["title"]).first).to_be_visible()
    shown = shown_text(page)
    fields = [event[field] for field in ("title", "location", "description") if isinstance(event[field], str)]
    assert len(fields) >= 2
    for value in fields:
        assert value in shown, f"{value[:80]!r} is not shown literally"
    assert_nothing_ran(page, dialogs)


def hover_across_plotly(page: Page, steps: int = 24) -> list[str]:
    """Move the pointer across the first plotly chart's plot area; return the hover label texts seen."""
    chart = page.locator(CHART).first
    area = chart.locator(".nsewdrag").first
    expect(area).to_be_visible()
    box = area.bounding_box()
    seen = []
    for step in range(steps):
        page.mouse.move(box["x"] + box["width"] * (step + 0.5) / steps, box["y"] + box["height"] * 0.5)
        page.wait_for_timeout(150)
        # SVG text has no innerText; its textContent is what the label shows.
        seen.append(" ".join(chart.locator(".hoverlayer").evaluate_all("layers => layers.map(l => l.textContent)")))
    return [text for text in seen if text.strip()]


def test_trade_chart_hover_shows_planted_text_literally(watched, hostile_url):
    page, dialogs = watched
    open_page(page, f"{hostile_url}/trade")
    labels = hover_across_plotly(page)
    assert labels, "no hover label appeared"
    assert any(any(payload in text for payload in PAYLOADS) for text in labels), labels
    assert page.locator(CHART).locator(".hoverlayer img, .hoverlayer script, .hoverlayer a").count() == 0
    assert not any(entity in text for text in labels for entity in ("&quot;", "&amp;", "&lt;")), labels
    assert_nothing_ran(page, dialogs)


def test_scorecard_chart_hover_shows_planted_titles_literally(watched, hostile_url):
    page, dialogs = watched
    open_page(page, f"{hostile_url}/scorecard")
    labels = hover_across_plotly(page, steps=34)
    assert labels, "no hover label appeared"
    assert any(any(payload in text for payload in PAYLOADS) for text in labels), labels
    assert (
        page.get_by_test_id("stPlotlyChart").locator(".hoverlayer img, .hoverlayer script, .hoverlayer a").count() == 0
    )
    assert not any(entity in text for text in labels for entity in ("&quot;", "&amp;", "&lt;")), labels
    assert_nothing_ran(page, dialogs)
