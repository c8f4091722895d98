"""Browser test of the Debt page: the discount slider, the URL it writes, and the schedule CSV."""

import csv
import io
import re

from playwright.sync_api import expect

from components import data, debt
from tests.e2e.conftest import open_page, wait_for_app


def metric_value(page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def money(text: str) -> float:
    return float(text.strip().removeprefix("$").removesuffix("M").replace(",", ""))


def test_discount_slider_moves_the_present_value_and_the_csv_adds_up(page, app_url):
    open_page(page, f"{app_url}/debt")
    present_value = metric_value(page, "Present value of repayments")
    before = present_value.inner_text()

    slider = page.get_by_test_id("stSlider").filter(has_text="Discount rate").get_by_role("slider")
    slider.focus()
    slider.press("ArrowRight")
    wait_for_app(page)
    expect(present_value).not_to_have_text(before)
    assert money(present_value.inner_text()) < money(before)
    expect(page).to_have_url(re.compile(r"[?&]rate=5\.5"))
    expect(page.get_by_test_id("stException")).to_have_count(0)

    with page.expect_download() as download_info:
        page.get_by_test_id("stDownloadButton").filter(has_text="schedule").locator("button").click()
    download = download_info.value
    assert download.suggested_filename == "nea-debt-schedule.csv"
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    debt_table = data.load("debt")
    terms = debt.preferred_terms(debt_table, debt_table["agreement_id"].iloc[0])
    remaining_cents = debt.to_cents(debt.remaining_after_write_off(terms, terms.written_off_share))
    assert sum(debt.to_cents(float(row["payment_usd_m"])) for row in rows) == remaining_cents
    assert float(rows[-1]["balance_usd_m"]) == 0
    nominal_shown = money(metric_value(page, "Nominal repayments").inner_text())
    assert abs(sum(float(row["payment_usd_m"]) for row in rows) - nominal_shown) <= 0.5
    discounted = sum(float(row["payment_present_value_usd_m"]) for row in rows)
    assert abs(discounted - money(present_value.inner_text())) <= 0.5


def test_a_bad_link_value_falls_back_with_a_notice(page, app_url):
    open_page(page, f"{app_url}/debt?rate=lots")
    expect(page.get_by_test_id("stAlert").filter(has_text="rate=lots")).to_be_visible()
    expect(page.get_by_test_id("stSlider").filter(has_text="Discount rate")).to_contain_text("5.0%")
