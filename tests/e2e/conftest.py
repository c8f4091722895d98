"""Browser fixtures: a real `streamlit run` on a free port, driven by headless system Chromium."""

import math
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, sync_playwright

from components.charts import map_view
from components.data import data_version, paths
from deploy import cluster as deploy_cluster
from harness.app import open_page, record_reruns, wait_for_layout
from harness.browser import launch_browser
from harness.first_screen import FIRST_SCREEN, PAGES
from harness.server import ROOT
from harness.server import streamlit_server as run_streamlit
from tests.hostile_data import plant


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@contextmanager
def streamlit_server(script: Path = ROOT / "app.py", env_extra: dict | None = None):
    """Start ``streamlit run`` on a free port (harness.server); yield its base URL."""
    with run_streamlit(script, "e2e", env_extra) as server:
        yield server.url


@pytest.fixture(scope="session")
def app_url():
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory) -> Path:
    """A copy of data/ with attack strings in every free-text column (tests/hostile_data.py)."""
    return plant(tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture(scope="session")
def hostile_url(hostile_dir):
    """One server for the whole browser run that reads the planted data."""
    with streamlit_server(env_extra={paths.DATA_DIR_ENV: str(hostile_dir)}) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    record_reruns(page)
    yield page
    context.close()


# The first block of words after the title that reads as a sentence, not a label.
ANSWER_MIN_CHARACTERS = 40
FIRST_SCREEN_FACTS = """(minimum) => {
    const main = document.querySelector("[data-testid='stMain']");
    const title = main.querySelector("h1");
    const titleBottom = title.getBoundingClientRect().bottom;
    let answerTop = null;
    for (const block of main.querySelectorAll("[data-testid='stMarkdown'] p, [data-testid='stCaptionContainer']")) {
        const box = block.getBoundingClientRect();
        if (box.top >= titleBottom && box.height > 0 && block.innerText.trim().length >= minimum) {
            answerTop = box.top + window.scrollY;
            break;
        }
    }
    return { scrollY: window.scrollY, titleBottom, answerTop };
}"""


@dataclass
class Screen:
    """One page of the app opened in a 1400×900 window, shared by the checks that only read it (first
    screen, axe, text alternatives, no exception). ``facts`` are measured as soon as the page has settled,
    before any check has touched it: scroll position, title bottom, top of the first sentence, and the
    main visual's box (``PAGES``)."""

    path: str
    page: Page
    facts: dict


@pytest.fixture(scope="package", params=list(PAGES), ids=[name for name, _ in PAGES.values()])
def screen(request, browser, app_url) -> Iterator[Screen]:
    """Each page opened once (pytest groups the tests that use it by page, so one is open at a time)."""
    path = request.param
    context = browser.new_context(viewport=FIRST_SCREEN)
    page = context.new_page()
    try:
        open_page(page, f"{app_url}/{path}")
        visual_selector = PAGES[path][1]
        page.locator(visual_selector).first.wait_for(state="visible", timeout=30000)
        wait_for_layout(page, visual_selector)  # charts settle their height after the first frame
        facts = page.evaluate(FIRST_SCREEN_FACTS, ANSWER_MIN_CHARACTERS)
        facts["visual"] = page.locator(visual_selector).first.bounding_box()
        yield Screen(path, page, facts)
    finally:
        context.close()


def stamped(file_name: str, folder: Path = paths.DEFAULT_DATA_DIR) -> str:
    """The name an export of ``file_name`` gets from the app serving ``folder``: the data hash added."""
    return data_version.stamped_file_name(file_name, data_version.content_hash(folder))


def hover_map_point(page: Page, lat: float, lon: float, view) -> Locator:
    """Move the mouse onto ``lat, lon`` of the deck drawn with ``view``; return the tooltip locator."""
    chart = page.get_by_test_id("stDeckGlJsonChart")
    # Long planted text above the map can push it below the window, where the mouse cannot reach.
    chart.scroll_into_view_if_needed()
    wait_for_layout(page, "[data-testid='stDeckGlJsonChart']")  # the box the mouse aims at, after the scroll
    box = chart.bounding_box()
    world = map_view.TILE_SIZE_PIXELS * 2**view.zoom
    x = box["x"] + box["width"] / 2 + (lon - view.longitude) / 360 * world
    y = box["y"] + box["height"] / 2 + (map_view.mercator_y(lat) - map_view.mercator_y(view.latitude)) * world
    assert math.isfinite(x) and math.isfinite(y)
    page.mouse.move(x - 3, y - 3)
    page.mouse.move(x, y)
    return page.locator(".deck-tooltip")


@pytest.fixture(scope="session")
def nginx_binary() -> str:
    """nginx, installed with ``make nginx`` (Debian's package) when this machine lacks it; a failed
    install fails the tests, it never skips them."""
    try:
        return deploy_cluster.find_nginx()
    except deploy_cluster.DeployError:
        subprocess.run(["make", "nginx"], cwd=ROOT, check=True)
        return deploy_cluster.find_nginx()
