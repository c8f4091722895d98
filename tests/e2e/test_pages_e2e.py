"""Every page opens in a real browser without an exception; the Data page exports what it shows."""

import csv
import io
import re

from playwright.sync_api import expect

from components.ui import navigation
from harness.app import open_page, rerun_after
from tests.e2e.conftest import Screen, stamped, streamlit_server


def test_page_opens_without_exception(screen: Screen):
    """``screen``: each page opened once (conftest), shared with the first-screen and accessibility checks."""
    expect(screen.page.get_by_test_id("stHeading").first).to_be_visible()
    expect(screen.page.get_by_test_id("stException")).to_have_count(0)


def test_navigation_reaches_every_page(page, app_url):
    open_page(page, app_url)
    for entry in navigation.PAGES[1:]:
        with rerun_after(page):
            page.get_by_test_id("stSidebarNav").get_by_role("link", name=entry.nav_title, exact=True).click()
        expect(page).to_have_url(re.compile(f"/{entry.url_path}"))
        expect(page.get_by_role("heading", name=entry.title, level=1)).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)


def test_filtered_csv_download_matches_the_table(page, app_url):
    open_page(page, f"{app_url}/data?table=trade&trade.flow=export")
    counter = page.get_by_text(re.compile(r"^\d+ of \d+ rows$"))
    expect(counter).to_be_visible()
    shown_rows = int(counter.inner_text().split(" of ")[0])
    with page.expect_download() as download_info:
        page.get_by_test_id("stDownloadButton").filter(has_text="Download these rows as CSV").locator("button").click()
    download = download_info.value
    assert download.suggested_filename == stamped("nea-trade-filtered.csv")
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    assert len(rows) == shown_rows > 0
    assert {row["flow"] for row in rows} == {"export"}


def test_deep_link_as_first_request_goes_through_the_app_navigation(page):
    # A fresh server whose first request is a deep link must still use app.py's navigation and
    # page config, not Streamlit's legacy pages/ mode (which would list "app", "trade", …).
    with streamlit_server() as fresh_url:
        open_page(page, f"{fresh_url}/trade?growth=20")
        navigation = page.get_by_test_id("stSidebarNav")
        expect(navigation.get_by_role("link", name="Overview", exact=True)).to_be_visible()
        expect(navigation.get_by_role("link", name="app", exact=True)).to_have_count(0)
        growth = page.get_by_test_id("stSlider").filter(has_text="Scenario growth rate")
        expect(growth).to_contain_text("20.0%")
