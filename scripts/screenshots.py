"""Screenshots of every page at 1400×900 from a live `streamlit run`, for the README: `make screenshots`
writes docs/screenshots/<page>.png (system Chromium through Playwright, as the browser tests use)."""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from harness.app import record_reruns, wait_for_app
from harness.browser import launch_browser
from harness.first_screen import FIRST_SCREEN, PAGES
from harness.server import ROOT, streamlit_server

SETTLE_MS = 1500  # deck.gl and the charts draw on the frames after the script ends
# Generous: software WebGL on a busy machine can hold the page for a long time before it connects.
TIMEOUT_MS = 180_000


def take_screenshots(folder: Path) -> list[Path]:
    """Start the app, open each page in a 1400×900 window, save ``<folder>/<page>.png``; return the files."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with streamlit_server(ROOT / "app.py", "screenshots") as server, sync_playwright() as playwright:
        browser = launch_browser(playwright)
        try:
            for path, (name, visual_selector) in PAGES.items():
                context = browser.new_context(viewport=FIRST_SCREEN)
                page = context.new_page()
                record_reruns(page)
                page.goto(f"{server.url}/{path}", timeout=TIMEOUT_MS)
                page.locator("[data-testid='stMain'] h1").first.wait_for(state="attached", timeout=TIMEOUT_MS)
                wait_for_app(page, timeout=TIMEOUT_MS)
                page.locator(visual_selector).first.wait_for(state="visible", timeout=TIMEOUT_MS)
                page.wait_for_timeout(SETTLE_MS)
                target = folder / f"{name}.png"
                page.screenshot(path=str(target))
                written.append(target)
                context.close()
        finally:
            browser.close()
    return written


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    for file in take_screenshots(out):
        print(file)
