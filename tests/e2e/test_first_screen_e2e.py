"""Every page answers on its first screen: at 1400×900 the title, a line of words and the top of the main
visual show without scrolling; at 900 px wide no metric, label or select value is cut off."""

import pytest
from playwright.sync_api import Page

from harness.app import open_page, wait_for_layout
from harness.first_screen import FIRST_SCREEN, NARROW_WINDOW, PAGES
from tests.e2e.conftest import Screen

# How much of the main visual must show above the fold (all of it when it is shorter).
VISIBLE_PIXELS = 200


CASES = [pytest.param(path, id=name) for path, (name, _) in PAGES.items()]


@pytest.fixture
def window(browser, request):
    """A page in a browser window of the size given by the test's ``size`` parameter."""
    context = browser.new_context(viewport=request.param)
    yield context.new_page()
    context.close()


def test_title_answer_and_main_visual_are_on_the_first_screen(screen: Screen):
    """``screen``: the page opened once at 1400×900 (conftest), measured before any other check touched it."""
    facts = screen.facts
    fold = FIRST_SCREEN["height"]
    assert facts["scrollY"] == 0
    assert facts["titleBottom"] <= fold, "the title is below the first screen"

    assert facts["answerTop"] is not None, "no line of words follows the title"
    assert facts["answerTop"] < fold - 20, f"the answer starts at {facts['answerTop']:.0f} px"

    visual = facts["visual"]
    needed = min(VISIBLE_PIXELS, visual["height"])
    assert visual["height"] > 0
    assert visual["y"] + needed <= fold, (
        f"the main visual starts at {visual['y']:.0f} px; less than {needed:.0f} px of it shows in {fold} px"
    )


# The test ids whose text the 900 px check reads, and the ones each page has: a selector that stopped
# matching (a renamed test id, a widget gone) fails the check instead of leaving nothing to look at.
CHECKED = ["stMetric", "stSelectbox", "stMultiSelect", "stWidgetLabel", "stRadio", "stButtonGroup", "stSlider"]
CHECKED_ON = {
    "": ["stMetric"],
    "scorecard": ["stWidgetLabel", "stButtonGroup"],
    "trade": ["stMetric", "stSelectbox", "stMultiSelect", "stWidgetLabel", "stSlider"],
    "debt": ["stMetric", "stWidgetLabel", "stButtonGroup", "stSlider"],
    "map": ["stWidgetLabel", "stRadio", "stButtonGroup"],
    "timeline": ["stSelectbox", "stMultiSelect", "stWidgetLabel", "stSlider"],
    "data": ["stSelectbox", "stMultiSelect", "stWidgetLabel", "stSlider"],
}
TRUNCATION_CHECK = """(testIds) => {
    const selectors = testIds.map((testId) => `[data-testid='${testId}']`);
    const cut = [];
    const matched = Object.fromEntries(testIds.map((testId, index) => [testId, document.querySelectorAll(selectors[index]).length]));
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
    return { matched, cut };
}"""


@pytest.mark.parametrize("window", [NARROW_WINDOW], indirect=True, ids=["900wide"])
@pytest.mark.parametrize("path", CASES)
def test_nothing_is_cut_off_in_a_900_px_window(window: Page, app_url, path):
    page = open_page(window, f"{app_url}/{path}")
    wait_for_layout(page, "[data-testid='stMain']")
    found = page.evaluate(TRUNCATION_CHECK, CHECKED)
    # A check that matched nothing would pass on any page: each page's own widgets must have been looked at.
    missing = [test_id for test_id in CHECKED_ON[path] if not found["matched"][test_id]]
    assert not missing, f"the check found no {missing} on /{path}: {found['matched']}"
    assert found["cut"] == []


def test_every_checked_test_id_is_expected_on_some_page():
    assert sorted({test_id for test_ids in CHECKED_ON.values() for test_id in test_ids}) == sorted(CHECKED)
    assert set(CHECKED_ON) == set(PAGES)
