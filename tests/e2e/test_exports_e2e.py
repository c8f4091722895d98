"""Every page's CSV export, downloaded in a real browser and read back with the csv module: no cell can
start a spreadsheet formula, numbers stay numbers, and planted formulas arrive neutralised."""

import csv
import io
import math
import re

import pandas as pd
from playwright.sync_api import Page, expect

from components.data import loader, schema
from components.data.export import FORMULA_LEADERS, NEUTRALISING_PREFIX
from harness.app import open_page
from harness.first_screen import CHART
from tests.hostile_data import PAYLOADS

PLANTED_FORMULA = next(payload for payload in PAYLOADS if payload.startswith("="))
# Pages with an export and what they are opened with; the Overview has no table to export.
EXPORTING_PAGES = ["trade", "debt", "map", "timeline", "data"]
# Debt and Timeline are plotly charts: their toolbar's camera button names the PNG (tests/e2e/test_debt_e2e.py,
# test_timeline_e2e.py).
# The camera button's file per chart page at its default view (debt: 5% discount; timeline: 2008 on).
CHART_PNGS = {
    "trade": re.compile(r"nea-trade-russia-dprk\.png"),
    "debt": re.compile(r"nea-debt-schedule-discount-5pct\.png"),
    "timeline": re.compile(r"nea-timeline-2008-20\d\d\.png"),
}
STAMP = re.compile(r"-[0-9a-f]{10}(?=\.\w+$)")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NUMERIC_COLUMN = re.compile(
    r"^(year|instalment|lat|lon|seq|installments|years_from_valuation|discount_factor)$"
    r"|_(usd_m|km|rows|pct_stated|share|years|months)$"
)


def download_every_export(page: Page) -> dict[str, list[dict[str, str]]]:
    """Click each CSV download button on the open page; return each file's rows by file name without
    the data hash every export name carries."""
    # Only the buttons on screen: a folded panel (the scenario editor) keeps its own export hidden.
    buttons = page.get_by_test_id("stDownloadButton").filter(has_text="CSV").locator("button:visible")
    expect(buttons.first).to_be_visible()
    files = {}
    for index in range(buttons.count()):
        with page.expect_download() as download_info:
            buttons.nth(index).click()
        download = download_info.value
        text = download.path().read_text(encoding="utf-8")
        assert STAMP.search(download.suggested_filename), download.suggested_filename
        files[STAMP.sub("", download.suggested_filename)] = list(csv.DictReader(io.StringIO(text)))
    return files


def looks_like_formula(cell: str) -> bool:
    return cell.startswith(FORMULA_LEADERS) or cell.lstrip(" ").startswith(FORMULA_LEADERS)


def assert_spreadsheet_safe(file_name: str, rows: list[dict[str, str]]) -> None:
    """No text cell can start a formula; every cell of a numeric column is empty or a finite number."""
    assert rows, f"{file_name} is empty"
    for line, row in enumerate(rows, start=2):
        for column, cell in row.items():
            assert not looks_like_formula(column), f"{file_name}: header {column!r}"
            if NUMERIC_COLUMN.search(column):
                assert cell == "" or math.isfinite(float(cell)), f"{file_name} line {line}, {column}: {cell!r}"
            else:
                assert not looks_like_formula(cell), f"{file_name} line {line}, {column}: {cell[:60]!r}"


def test_every_page_exports_a_spreadsheet_safe_csv_with_numbers_intact(page: Page, app_url):
    for path in EXPORTING_PAGES:
        open_page(page, f"{app_url}/{path}")
        files = download_every_export(page)
        assert files, f"/{path} has no export"
        for file_name, rows in files.items():
            assert file_name.startswith("nea-") and file_name.endswith(".csv")
            assert_spreadsheet_safe(file_name, rows)


def test_every_chart_downloads_as_a_named_png(page: Page, app_url):
    for path, file_name in CHART_PNGS.items():
        open_page(page, f"{app_url}/{path}")
        chart = page.locator(CHART).first
        chart.hover()
        with page.expect_download() as download_info:
            chart.locator(".modebar-btn[data-title='Download plot as a PNG']").click()
        download = download_info.value
        # The name is the view's, with the data version before the extension.
        assert file_name.fullmatch(STAMP.sub("", download.suggested_filename)), download.suggested_filename
        assert STAMP.search(download.suggested_filename), download.suggested_filename
        assert download.path().read_bytes().startswith(PNG_SIGNATURE), f"/{path}: not a PNG"


def expected_cell(value) -> str:
    """What the export must write for one loaded value: text as typed, formulas with the prefix."""
    if isinstance(value, str):
        return NEUTRALISING_PREFIX + value if looks_like_formula(value) else value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    return "" if pd.isna(value) else value


def test_every_planted_table_round_trips_through_the_data_page_export(page: Page, hostile_url, hostile_dir):
    for name in schema.TABLE_NAMES:
        table = loader.load(name, hostile_dir)
        open_page(page, f"{hostile_url}/data?table={name}")
        rows = download_every_export(page)[f"nea-{name}-filtered.csv"]
        assert_spreadsheet_safe(name, rows)
        assert len(rows) == len(table)
        assert list(rows[0]) == list(table.columns)
        for line, (row, (_, loaded)) in enumerate(zip(rows, table.iterrows(), strict=True), start=2):
            for column, value in loaded.items():
                wanted = expected_cell(value)
                if isinstance(wanted, str):
                    assert row[column] == wanted, f"{name} line {line}, {column}"
                else:
                    assert float(row[column]) == float(wanted), f"{name} line {line}, {column}"
        text_columns = [
            column for column in table.columns if table[column].dtype == object or table[column].dtype == "str"
        ]
        if any(table[column].eq(PLANTED_FORMULA).any() for column in text_columns):
            assert any(NEUTRALISING_PREFIX + PLANTED_FORMULA in row.values() for row in rows), name


def test_chart_pages_neutralise_planted_formulas_in_their_exports(page: Page, hostile_url):
    neutralised = {}
    for path in ("trade", "map", "timeline"):
        open_page(page, f"{hostile_url}/{path}")
        for file_name, rows in download_every_export(page).items():
            assert_spreadsheet_safe(file_name, rows)
            cells = [cell for row in rows for cell in row.values()]
            assert PLANTED_FORMULA not in cells
            neutralised[file_name] = cells.count(NEUTRALISING_PREFIX + PLANTED_FORMULA)
    assert neutralised["nea-map-features.csv"] > 0
    assert neutralised["nea-timeline-events.csv"] > 0
