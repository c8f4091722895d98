"""Every page answers on its first screen: at 1400×900 the title, a line of words and the top of the main
visual show without scrolling; at 900 px wide no metric, label or select value is cut off."""

import pytest
from playwright.sync_api import Page

from harness.app import open_page
from harness.first_screen import FIRST_SCREEN, NARROW_WINDOW, PAGES

# How much of the main visual must show above the fold (all of it when it is shorter).
VISIBLE_PIXELS = 200
# The first block of words after the title that reads as a sentence, not a label.
ANSWER_MIN_CHARACTERS = 40


CASES = [
    pytest.param("", id="overview"),
    pytest.param("trade", id="trade"),
    pytest.param("debt", id="debt"),
    pytest.param("map", id="map"),
    pytest.param("timeline", id="timeline"),
    pytest.param("data", id="data"),
]


@pytest.fixture
def window(browser, request):
    """A page in a browser window of the size given by the test's ``size`` parameter."""
    context = browser.new_context(viewport=request.param)
    yield context.new_page()
    context.close()


def first_answer_top(page: Page) -> float | None:
    """Top edge (page pixels) of the first paragraph of at least ``ANSWER_MIN_CHARACTERS`` after the title."""
    return page.evaluate(
        """(minimum) => {
            const main = document.querySelector("[data-testid='stMain']");
            const title = main.querySelector("h1");
            const titleBottom = title.getBoundingClientRect().bottom;
            for (const block of main.querySelectorAll("[data-testid='stMarkdown'] p, [data-testid='stCaptionContainer']")) {
                const box = block.getBoundingClientRect();
                if (box.top >= titleBottom && box.height > 0 && block.innerText.trim().length >= minimum) {
                    return box.top + window.scrollY;
                }
            }
            return null;
        }""",
        ANSWER_MIN_CHARACTERS,
    )


@pytest.mark.parametrize("window", [FIRST_SCREEN], indirect=True, ids=["1400x900"])
@pytest.mark.parametrize("path", CASES)
def test_title_answer_and_main_visual_are_on_the_first_screen(window: Page, app_url, path):
    page = open_page(window, f"{app_url}/{path}")
    _, visual_selector = PAGES[path]
    page.locator(visual_selector).first.wait_for(state="visible", timeout=30000)
    page.wait_for_timeout(500)  # charts settle their height after the first frame
    fold = FIRST_SCREEN["height"]
    assert page.evaluate("window.scrollY") == 0

    title = page.locator("[data-testid='stMain'] h1").first.bounding_box()
    assert title["y"] + title["height"] <= fold, "the title is below the first screen"

    answer_top = first_answer_top(page)
    assert answer_top is not None, "no line of words follows the title"
    assert answer_top < fold - 20, f"the answer starts at {answer_top:.0f} px"

    visual = page.locator(visual_selector).first.bounding_box()
    needed = min(VISIBLE_PIXELS, visual["height"])
    assert visual["height"] > 0
    assert visual["y"] + needed <= fold, (
        f"the main visual starts at {visual['y']:.0f} px; less than {needed:.0f} px of it shows in {fold} px"
    )


TRUNCATION_CHECK = """() => {
    const selectors = [
        "[data-testid='stMetric']", "[data-testid='stSelectbox']", "[data-testid='stMultiSelect']",
        "[data-testid='stWidgetLabel']", "[data-testid='stRadio']", "[data-testid='stButtonGroup']",
        "[data-testid='stSlider']",
    ];
    const cut = [];
    for (const element of document.querySelectorAll(selectors.join(","))) {
        for (const node of [element, ...element.querySelectorAll("*")]) {
            const style = getComputedStyle(node);
            const hidesOverflow = style.textOverflow === "ellipsis" || style.overflowX === "hidden";
            const text = node.innerText ? node.innerText.trim() : "";
            if (hidesOverflow && text && node.clientWidth > 0 && node.scrollWidth > node.clientWidth + 1) {
                cut.push(text.slice(0, 60));
            }
        }
    }
    return cut;
}"""


@pytest.mark.parametrize("window", [NARROW_WINDOW], indirect=True, ids=["900wide"])
@pytest.mark.parametrize("path", CASES)
def test_nothing_is_cut_off_in_a_900_px_window(window: Page, app_url, path):
    page = open_page(window, f"{app_url}/{path}")
    page.wait_for_timeout(500)
    assert page.evaluate(TRUNCATION_CHECK) == []
