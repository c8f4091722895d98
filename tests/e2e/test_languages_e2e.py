"""Every page in Korean and Russian (the longest) in Chromium: the first screen still answers at
1400×900, nothing is cut off at 900 px wide, axe finds no violation in Korean, the page says its language
(``<html lang>``), and the map draws its labels in Hangul."""

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from components.charts import map_labels
from components.i18n import _, using
from components.ui import navigation
from harness.app import open_page, wait_for_layout
from harness.first_screen import FIRST_SCREEN, NARROW_WINDOW, PAGES
from tests.e2e.conftest import ANSWER_MIN_CHARACTERS, FIRST_SCREEN_FACTS
from tests.e2e.test_accessibility_e2e import violations
from tests.e2e.test_first_screen_e2e import CHECKED, TRUNCATION_CHECK, VISIBLE_PIXELS

pytestmark = pytest.mark.e2e
GLYPH_PIXELS = """([family, glyphs]) => glyphs.map((glyph) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 32;
    const context = canvas.getContext("2d");
    context.font = `24px ${family}`;
    context.fillText(glyph, 2, 26);
    return Array.from(context.getImageData(0, 0, 32, 32).data).join(",");
})"""
TITLES = {entry.url_path: entry.title for entry in navigation.PAGES}


def link(app_url: str, path: str, lang: str) -> str:
    return f"{app_url}/{path}?lang={lang}"


@pytest.fixture(scope="module", params=[(lang, path) for lang in ("ko", "ru") for path in PAGES])
def localized_screen(request, browser, app_url) -> Iterator[tuple[str, str, Page, dict]]:
    """Each page opened once per language at 1400×900, measured before any check touched it."""
    lang, path = request.param
    context = browser.new_context(viewport=FIRST_SCREEN)
    page = context.new_page()
    try:
        open_page(page, link(app_url, path, lang))
        visual = PAGES[path][1]
        page.locator(visual).first.wait_for(state="visible", timeout=30000)
        wait_for_layout(page, visual)
        facts = page.evaluate(FIRST_SCREEN_FACTS, ANSWER_MIN_CHARACTERS)
        facts["visual"] = page.locator(visual).first.bounding_box()
        yield lang, path, page, facts
    finally:
        context.close()


def test_the_first_screen_answers_in_korean_and_russian_and_korean_passes_axe(localized_screen, axe_source):
    lang, path, page, facts = localized_screen
    fold = FIRST_SCREEN["height"]
    with using(lang):
        title = _(TITLES[path])
    assert page.locator("[data-testid='stMain'] h1").first.inner_text().strip() == title
    assert page.evaluate("document.documentElement.lang") == lang
    assert facts["scrollY"] == 0 and facts["titleBottom"] <= fold
    assert facts["answerTop"] is not None and facts["answerTop"] < fold - 20, f"{lang} /{path}: no answer on screen"
    visual = facts["visual"]
    assert visual["y"] + min(VISIBLE_PIXELS, visual["height"]) <= fold, f"{lang} /{path}: the main visual is too low"
    assert not page.locator('[data-testid="stException"]').count()
    if lang == "ko":  # axe on every page in Korean, after the first-screen facts were read
        found = violations(page, axe_source)
        assert found == [], json.dumps(found, indent=1, ensure_ascii=False)


@pytest.fixture(scope="module")
def axe_source():
    from tests.e2e.test_accessibility_e2e import AXE_SCRIPT

    if not AXE_SCRIPT.exists():
        pytest.fail("node_modules/axe-core/axe.min.js is missing: run `make axe` (npm ci) first")
    return AXE_SCRIPT.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", list(PAGES), ids=[name for name, _ in PAGES.values()])
def test_nothing_is_cut_off_in_russian_at_900_px(browser, app_url, path):
    context = browser.new_context(viewport=NARROW_WINDOW)
    try:
        page = open_page(context.new_page(), link(app_url, path, "ru"))
        wait_for_layout(page, "[data-testid='stMain']")
        found = page.evaluate(TRUNCATION_CHECK, CHECKED)
        assert sum(found["matched"].values()) > 0
        assert found["cut"] == [], found["cut"]
    finally:
        context.close()


def test_the_map_draws_its_labels_in_hangul(browser, app_url):
    """The label layer's text reaches the browser in Hangul, and Chromium has a font that draws it."""
    context = browser.new_context(viewport=FIRST_SCREEN)
    frames: list[bytes] = []
    try:
        page = context.new_page()
        page.on("websocket", lambda socket: socket.on("framereceived", lambda payload: frames.append(payload)))
        open_page(page, link(app_url, "map", "ko"))
        page.get_by_test_id("stDeckGlJsonChart").wait_for(state="visible", timeout=30000)
        wait_for_layout(page, "[data-testid='stDeckGlJsonChart']")
        text = b"".join(frame if isinstance(frame, bytes) else frame.encode() for frame in frames).decode(
            "utf-8", errors="ignore"
        )
        assert '"TextLayer"' in text or "TextLayer" in text
        # The deck's JSON reaches the browser with non-ASCII escaped (\\uXXXX).
        assert "나진" in text or json.dumps("나진")[1:-1] in text, "no Hangul place name in the map's labels"
        # A glyph drawn the same as a private-use code point is the "missing glyph" box (tofu).
        drawn = page.evaluate(GLYPH_PIXELS, [map_labels.FONT_FAMILY, ["나", "진", "\ue000"]])
        assert drawn[0] != drawn[2] and drawn[1] != drawn[2], "Hangul draws as boxes: install fonts-noto-cjk"
    finally:
        context.close()
