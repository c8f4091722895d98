"""In a real browser: the "Briefing (PDF)" button downloads the view on screen as an A4 PDF of one or two
pages, with the answer, the full permalink, the data version and the chart at twice its pixels."""

import re

from playwright.sync_api import Page

from components.data import data_version, paths
from harness.app import open_page
from tests.pdf_tools import pdf_fonts, pdf_images, pdf_info, pdf_text

VERSION = data_version.content_hash(paths.DEFAULT_DATA_DIR)
# The first briefing of a server also starts the renderer's Chromium (the tests turn the warm-up off).
DOWNLOAD_TIMEOUT_MS = 180_000


def test_the_trade_briefing_downloads_the_view_on_screen(page: Page, app_url):
    open_page(page, f"{app_url}/trade?growth=20", timeout=DOWNLOAD_TIMEOUT_MS)
    answer = page.get_by_test_id("stMarkdown").first.inner_text()
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as download_info:
        page.get_by_role("button", name="Briefing (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"nea-briefing-trade-{VERSION}.pdf"
    pdf = download.path().read_bytes()
    text = pdf_text(pdf)
    assert " ".join(answer.split()) in text
    assert f"{app_url}/trade?growth=20" in text
    assert re.search(rf"Data version {VERSION}( \(facts to [0-9-]+\))?", text)
    info = pdf_info(pdf)
    assert info["Pages"] in ("1", "2") and info["Page size"].endswith("(A4)")
    assert {font["emb"] for font in pdf_fonts(pdf)} == {"yes"}
    ((width, height),) = pdf_images(pdf)
    assert width >= 2 * 900
