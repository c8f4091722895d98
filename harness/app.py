"""Wait for the app in a browser page: opened and settled."""

from playwright.sync_api import Page, expect


def wait_for_app(page: Page, timeout: int = 30000) -> None:
    """Wait until the script has finished its run (Streamlit's own e2e recipe)."""
    page.wait_for_timeout(250)
    page.locator("[data-testid='stApp'][data-test-connection-state='CONNECTED']").wait_for(
        state="attached", timeout=timeout
    )
    page.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
        state="attached", timeout=timeout
    )
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=timeout)


def open_page(page: Page, url: str) -> Page:
    """Go to ``url`` and wait for the app to settle; fail if an exception box is shown."""
    page.goto(url)
    page.get_by_test_id("stAppViewContainer").wait_for(state="attached", timeout=30000)
    wait_for_app(page)
    # On a fresh server the first request runs twice (ui.require_navigation reruns it through app.py) and
    # the first run draws nothing; every page starts with its title, so wait for that run's end too.
    page.locator("[data-testid='stMain'] h1").first.wait_for(state="attached", timeout=60000)
    wait_for_app(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    return page
