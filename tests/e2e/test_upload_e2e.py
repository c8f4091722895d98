"""Uploads in a real browser through Playwright's set_input_files: every accepted format, every bad input's
message, formulas and HTML kept harmless, and two sessions at once that never see each other's file."""

import csv
import io

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from components.data import paths
from harness import hostile_uploads
from harness.app import open_page, rerun_after
from harness.first_screen import CHART

SAMPLES = paths.ROOT / "data" / "samples"
FIXTURES = paths.ROOT / "tests" / "unit" / "upload_fixtures"
HEADER = "year,reporter,partner,flow,value_usd_m,growth_pct_stated,source_id,preferred,note\n"
ROW = "2019,RUS,PRK,export,{value},,x,true,{note}\n"


def xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(HEADER.strip().split(","))
    book.active.append([2019, "RUS", "PRK", "export", 44.9, None, "x", "true", "from a workbook"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def open_uploader(page: Page, url: str) -> Page:
    open_page(page, f"{url}/trade")
    sidebar = page.get_by_test_id("stSidebar")
    expander = sidebar.get_by_test_id("stExpander")
    if not expander.locator("input[type='file']").count() or not expander.locator("input[type='file']").is_visible():
        expander.get_by_text("Your own data").click()
    return page


def upload(page: Page, name: str, content: bytes, mime: str = "text/csv") -> None:
    with rerun_after(page):
        page.get_by_test_id("stSidebar").locator("input[type='file']").set_input_files(
            files=[{"name": name, "mimeType": mime, "buffer": content}]
        )
    expect(page.get_by_test_id("stException")).to_have_count(0)


def legend(page: Page):
    """The Trade chart's plotly legend (SVG text), where each of the file's series is named."""
    return page.locator(CHART).locator(".legend").first


def sidebar(page: Page):
    return page.get_by_test_id("stSidebar")


@pytest.fixture
def uploader_page(page, app_url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield open_uploader(page, app_url)
    assert not dialogs, f"a script ran: {dialogs}"


def test_each_accepted_format_becomes_a_series_on_the_trade_chart(uploader_page):
    page = uploader_page
    files = [(path.name, path.read_bytes()) for path in sorted(SAMPLES.glob("format-example-*"))]
    files.append(("workbook.xlsx", xlsx_bytes()))
    for name, content in files:
        upload(page, name, content)
        expect(sidebar(page).get_by_text("Showing your file")).to_contain_text(name)
        expect(legend(page)).to_contain_text(f"your file: {name}")
    expect(sidebar(page).get_by_text("format example built from curated rows")).to_have_count(0)


BAD_INPUTS = [
    ("empty.csv", b"", "The file is empty"),
    ("report.pdf", b"%PDF-1.4 not a table", "not a CSV or .xlsx"),
    ("renamed.xlsx", b"year,flow\n", "not a readable Excel workbook"),
    ("columns.csv", b"Year,Reporter ISO,Partner ISO\n2019,RUS,PRK\n", "Missing columns for legacy UN Comtrade"),
    ("text.csv", (HEADER + ROW.format(value="lots", note="")).encode(), "column 'value_usd_m': 'lots' is not a number"),
    ("negative.csv", (HEADER + ROW.format(value="-5", note="")).encode(), "is negative"),
    ("nan.csv", (HEADER + ROW.format(value="NaN", note="")).encode(), "empty or NaN"),
    ("infinite.csv", (HEADER + ROW.format(value="inf", note="")).encode(), "infinite"),
    ("duplicate.csv", (HEADER + ROW.format(value="1", note="") * 2).encode(), "Duplicate key: lines 2, 3"),
    ("year.csv", (HEADER + ROW.format(value="1", note="").replace("2019", "1850")).encode(), "outside 1900–2100"),
    ("comma.csv", (HEADER + ROW.format(value="44,9", note="")).encode(), "Line 2 has 10 fields"),
]


def test_each_bad_input_gets_its_own_message_and_the_page_keeps_working(uploader_page):
    page = uploader_page
    upload(page, "good.csv", (HEADER + ROW.format(value="44.9", note="")).encode())
    for name, content, words in BAD_INPUTS:
        upload(page, name, content)
        error = sidebar(page).get_by_test_id("stAlertContentError")
        expect(error).to_contain_text(f"{name} was not loaded", timeout=20_000)
        expect(error).to_contain_text(words)
        # Nothing lost: the earlier file is still shown, on the sidebar and on the chart.
        expect(sidebar(page).get_by_text("Showing your file")).to_contain_text("good.csv")
        expect(legend(page)).to_contain_text("your file: good.csv")


ENCODED = [
    ("bom.csv", b"\xef\xbb\xbf" + (HEADER + ROW.format(value="1", note="Café")).encode(), "byte-order mark"),
    ("utf16.csv", (HEADER + ROW.format(value="1", note="Café")).encode("utf-16"), "UTF-16"),
    ("latin1.csv", (HEADER + ROW.format(value="1", note="Café")).encode("latin-1"), "Latin-1"),
    ("semicolon.csv", (HEADER.replace(",", ";") + "2019;RUS;PRK;export;44,9;;x;true;\n").encode(), "decimal mark"),
]


def test_other_encodings_and_separators_are_read_and_said(uploader_page):
    page = uploader_page
    for name, content, words in ENCODED:
        upload(page, name, content)
        expect(sidebar(page).get_by_text("Showing your file")).to_contain_text(name)
        expect(sidebar(page)).to_contain_text(words)


def test_over_the_limit_is_refused_by_the_stated_limit(uploader_page, tmp_path):
    page = uploader_page
    expect(sidebar(page)).to_contain_text("up to 25 MB")
    huge = tmp_path / "huge.csv"
    huge.write_bytes(b"x" * (25 * 1024 * 1024 + 10))
    # A path, not a buffer: the browser reads the file itself instead of 25 MB crossing the protocol.
    sidebar(page).locator("input[type='file']").set_input_files(huge, timeout=120_000)
    # Streamlit refuses it in the browser against server.maxUploadSize, the limit the page states (no rerun).
    expect(sidebar(page).get_by_role("alert")).to_contain_text("File must be 25.0MB or smaller")
    expect(sidebar(page).get_by_text("Showing your file")).to_have_count(0)


def test_html_stays_text_and_formulas_are_neutralised_in_the_export(page, app_url):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_page(page, f"{app_url}/data")
    page.get_by_role("tab", name="Your file").click()
    name = "<img src=x onerror=alert(1)>.csv"
    content = (HEADER + ROW.format(value="1", note='"=HYPERLINK(""http://evil"",""x"")"')).encode()
    with rerun_after(page):
        page.locator("[data-testid='stMain'] input[type='file']").set_input_files(
            files=[{"name": name, "mimeType": "text/csv", "buffer": content}]
        )
    expect(page.get_by_text("Showing your file")).to_contain_text("<img src=x onerror=alert(1)>")
    assert page.locator("img[src='x']").count() == 0
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download your file's rows as CSV").click()
    rows = list(csv.DictReader(io.StringIO(download_info.value.path().read_text(encoding="utf-8"))))
    assert rows[0]["note"].startswith("'=HYPERLINK")
    assert rows[0]["source_id"] == f"upload:{name}"
    assert not dialogs


def test_two_sessions_at_once_never_see_each_others_file(browser, app_url):
    first_context = browser.new_context(viewport={"width": 1400, "height": 1000})
    second_context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        first = open_uploader(first_context.new_page(), app_url)
        second = open_uploader(second_context.new_page(), app_url)
        upload(first, "first-session.csv", (HEADER + ROW.format(value="44.9", note="")).encode())
        expect(legend(first)).to_contain_text("your file: first-session.csv")
        # The other session reruns (reload) and still has no file.
        second.reload()
        open_uploader(second, app_url)
        expect(sidebar(second)).to_contain_text("No file loaded")
        expect(legend(second)).not_to_contain_text("first-session.csv")
        upload(second, "second-session.csv", (HEADER + ROW.format(value="3", note="")).encode())
        expect(legend(second)).to_contain_text("your file: second-session.csv")
        expect(legend(second)).not_to_contain_text("first-session.csv")
        with rerun_after(first):
            first.get_by_test_id("stSidebar").get_by_role("button", name="Try the example").click()
        expect(legend(first)).not_to_contain_text("second-session.csv")
        # Remove my file clears only this session's file.
        with rerun_after(second):
            second.get_by_role("button", name="Remove my file").click()
        expect(sidebar(second)).to_contain_text("No file loaded")
        expect(sidebar(first).get_by_text("Showing your file")).to_contain_text("format-example")
    finally:
        first_context.close()
        second_context.close()


@pytest.mark.parametrize("name", ["many-rows.csv", "bomb.xlsx", "many-columns.csv", "many-sheets.xlsx"])
def test_a_hostile_upload_is_refused_while_another_session_keeps_moving_its_slider(browser, app_url, name):
    content = hostile_uploads.HOSTILE[name]()
    uploading = browser.new_context(viewport={"width": 1400, "height": 1000})
    other = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        first = open_uploader(uploading.new_page(), app_url)
        second = other.new_page()
        open_page(second, f"{app_url}/trade")
        slider = second.get_by_test_id("stSlider").filter(has_text="Scenario growth rate")
        before = slider.inner_text()
        # The upload starts (the browser sends the file, the server reads and refuses it) while the other
        # analyst moves the slider: that session's run finishes and shows the new value.
        first.get_by_test_id("stSidebar").locator("input[type='file']").set_input_files(
            files=[{"name": name, "mimeType": "application/octet-stream", "buffer": content}]
        )
        for _ in range(3):
            with rerun_after(second):
                slider.get_by_role("slider").press("ArrowRight")
        expect(slider).not_to_have_text(before)
        expect(second.get_by_test_id("stException")).to_have_count(0)
        error = sidebar(first).get_by_test_id("stAlertContentError")
        expect(error).to_contain_text(f"{name} was not loaded", timeout=30_000)
        expect(error).to_contain_text("the limit is")
        expect(first.get_by_test_id("stException")).to_have_count(0)
    finally:
        uploading.close()
        other.close()
