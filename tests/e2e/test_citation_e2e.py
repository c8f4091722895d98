"""In a real browser: "Cite this view" follows the controls, its link reopens the view, its copy button
copies it, and the Data page's packages download as zips named by the data version."""

import io
import json
import re
import zipfile
from urllib.parse import parse_qsl, urlsplit

from playwright.sync_api import Page, expect

from components.data import data_version, paths, schema
from harness.app import open_page, rerun_after

VERSION = data_version.content_hash(paths.DEFAULT_DATA_DIR)


def open_citation(page: Page) -> str:
    """Open the "Cite this view" popover; return the plain-text citation."""
    page.get_by_role("button", name="Cite this view").click()
    plain = page.get_by_test_id("stPopoverBody").get_by_test_id("stCode").first
    expect(plain).to_be_visible()
    return plain.inner_text()


def test_the_citation_follows_the_slider_and_its_link_reopens_the_view(page: Page, app_url):
    open_page(page, f"{app_url}/trade")
    slider = page.get_by_test_id("stSlider").filter(has_text="Scenario growth").get_by_role("slider")
    slider.focus()
    with rerun_after(page):
        for _ in range(3):
            page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"[?&]growth="))
    growth = dict(parse_qsl(urlsplit(page.url).query))["growth"]
    open_citation(page)
    # The popover follows the last rerun the key presses started.
    plain = page.get_by_test_id("stPopoverBody").get_by_test_id("stCode").first
    expect(plain).to_contain_text(f"trade?growth={growth} ", timeout=30_000)
    citation = plain.inner_text()
    assert f"scenario {float(growth):.1f}% a year" in citation
    assert f"Data version {VERSION} (facts to " in citation
    link = re.search(r" (http\S+) \(accessed \d{4}-\d{2}-\d{2}\)\.$", citation)[1]
    assert link == f"{app_url}/trade?growth={growth}"

    open_page(page, link)
    expect(page.get_by_test_id("stSlider").filter(has_text="Scenario growth")).to_contain_text(f"{float(growth):.1f}%")


def test_the_copy_button_copies_the_citation(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
    page = context.new_page()
    try:
        open_page(page, f"{app_url}/map?status=Proposed")
        citation = open_citation(page)
        code = page.get_by_test_id("stPopoverBody").get_by_test_id("stCode").first
        code.hover()
        code.get_by_role("button", name="Copy to clipboard").click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == citation
        assert "status: Proposed" in copied and f"{app_url}/map?status=Proposed" in copied
    finally:
        context.close()


def test_the_sources_footnote_opens_to_every_source_with_its_link(page: Page, app_url):
    open_page(page, f"{app_url}/debt")
    # The footer's line, not the chart's source line, which words its sources the same way.
    summary = page.locator("[data-testid='stMain'] p").filter(has_text=re.compile(r"^Sources: \d+ sources?;"))
    count = int(re.search(r"(\d+) sources?", summary.inner_text())[1])
    page.get_by_text(f"All {count} sources, with links").click()
    items = page.get_by_test_id("stExpanderDetails").locator("ol > li")
    expect(items).to_have_count(count)
    assert items.locator("a[href^='http']").count() >= 1


def test_the_data_page_downloads_the_whole_package_and_a_filtered_one(page: Page, app_url):
    open_page(page, f"{app_url}/data?table=trade&trade.flow=export")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download all the data (Frictionless Data Package, zip)").click()
    download = download_info.value
    assert download.suggested_filename == f"nea-data-package-{VERSION}.zip"
    with zipfile.ZipFile(io.BytesIO(download.path().read_bytes())) as archive:
        names = set(archive.namelist())
        descriptor = json.loads(archive.read("datapackage.json"))
    assert {f"data/{name}.csv" for name in schema.TABLE_NAMES} <= names
    assert descriptor["dataVersion"]["contentHash"] == VERSION
    assert descriptor["homepage"] == f"{app_url}/data"

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download these rows as a data package (zip)").click()
    download = download_info.value
    assert download.suggested_filename == f"nea-trade-filtered-{VERSION}.zip"
    with zipfile.ZipFile(io.BytesIO(download.path().read_bytes())) as archive:
        descriptor = json.loads(archive.read("datapackage.json"))
        rows = archive.read(f"nea-trade-filtered-{VERSION}.csv").decode("utf-8").splitlines()
    assert descriptor["filters"]["applied"] == {"flow": "export"}
    # trade is the default table, so the link leaves it out, as the address bar does.
    assert f"{app_url}/data?trade.flow=export (accessed" in descriptor["citation"]
    assert len(rows) - 1 == descriptor["filters"]["rows"] > 0
