"""Browser test of the Debt page: the discount slider, the chart it redraws, the URL it writes, and the
schedule CSV."""

import csv
import io
import re

from playwright.sync_api import Locator, expect

from components.analysis import debt, debt_schedule
from components.charts import debt_chart
from components.data import loader
from harness.app import open_page, rerun_after
from harness.first_screen import CHART
from tests.e2e.conftest import stamped
from tests.hostile_data import PAYLOADS, VISIBLE_MARKERS


def metric_value(page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def money(text: str) -> float:
    return float(text.strip().removeprefix("$").removesuffix("M").replace(",", ""))


def chart(page) -> Locator:
    return page.locator(CHART)


# The words of a chart text plotly drew on several lines (one <tspan class="line"> each), a space between lines.
LINES_TEXT = """(element) => {
    const lines = element.querySelectorAll("tspan.line");
    return lines.length ? Array.from(lines, (line) => line.textContent).join(" ") : element.textContent;
}"""


def lines_text(locator: Locator) -> str:
    return locator.evaluate(LINES_TEXT)


def title_text(page) -> str:
    return lines_text(chart(page).locator(".gtitle").first)


def chart_hover(page) -> dict[str, str]:
    """Hover the middle of the schedule's plot area; return the unified hover's lines: the due date
    under ``"date"`` and each series' value by its name."""
    plot_area = chart(page).locator(".nsewdrag").first
    plot_area.scroll_into_view_if_needed()
    box = plot_area.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.4, box["y"] + box["height"] * 0.5)
    page.mouse.move(box["x"] + box["width"] * 0.4 + 2, box["y"] + box["height"] * 0.5)
    hover = chart(page).locator(".hoverlayer .legend")
    expect(hover).to_be_visible()
    date, *lines = hover.locator("text").all_text_contents()
    return {"date": date, **dict(line.rsplit(": ", 1) for line in lines)}


def test_discount_slider_moves_the_present_value_and_the_csv_adds_up(page, app_url):
    debt_table = loader.load("debt")
    terms = debt.preferred_terms(debt_table, debt_table["agreement_id"].iloc[0])
    valuation = debt.valuation_date(terms)
    open_page(page, f"{app_url}/debt")
    present_value = metric_value(page, "Present value of repayments")
    before = present_value.inner_text()
    expect(chart(page).locator(".gtitle")).to_be_visible()
    assert title_text(page) == debt_chart.schedule_title(valuation, 0.05)
    for series in ("Balance owed (nominal)", "Cumulative repaid (present value)"):
        expect(chart(page).locator(".legend .legendtext").filter(has_text=series)).to_have_count(1)
    hover = chart_hover(page)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", hover["date"])
    repaid_nominal = hover["Cumulative repaid (nominal)"]
    repaid_present_value = hover["Cumulative repaid (present value)"]
    assert re.fullmatch(r"\$[\d,]+\.\dM", repaid_present_value)
    assert money(repaid_present_value) < money(repaid_nominal)

    slider = page.get_by_test_id("stSlider").filter(has_text="Discount rate").get_by_role("slider")
    slider.focus()
    with rerun_after(page):
        slider.press("ArrowRight")
    expect(present_value).not_to_have_text(before)
    assert money(present_value.inner_text()) < money(before)
    expect(page).to_have_url(re.compile(r"[?&]rate=5\.5"))
    expect(page.get_by_test_id("stException")).to_have_count(0)
    new_title = debt_chart.schedule_title(valuation, 0.055)
    page.wait_for_function(f"(title) => ({LINES_TEXT})(document.querySelector('.gtitle')) === title", arg=new_title)
    hover = chart_hover(page)
    assert hover["Cumulative repaid (nominal)"] == repaid_nominal
    assert money(hover["Cumulative repaid (present value)"]) < money(repaid_present_value)

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the schedule as CSV").click()
    download = download_info.value
    assert download.suggested_filename == stamped("nea-debt-schedule.csv")
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    remaining_cents = debt_schedule.to_cents(debt.remaining_after_write_off(terms, terms.written_off_share))
    assert sum(debt_schedule.to_cents(float(row["payment_usd_m"])) for row in rows) == remaining_cents
    assert float(rows[-1]["balance_usd_m"]) == 0
    nominal_shown = money(metric_value(page, "Nominal repayments").inner_text())
    assert abs(sum(float(row["payment_usd_m"]) for row in rows) - nominal_shown) <= 0.5
    discounted = sum(float(row["payment_present_value_usd_m"]) for row in rows)
    assert abs(discounted - money(present_value.inner_text())) <= 0.5


def test_a_bad_link_value_falls_back_with_a_notice(page, app_url):
    open_page(page, f"{app_url}/debt?rate=lots")
    expect(page.get_by_test_id("stAlert").filter(has_text="rate=lots")).to_be_visible()
    expect(page.get_by_test_id("stSlider").filter(has_text="Discount rate")).to_contain_text("5.0%")


def test_the_camera_button_saves_a_png_named_after_the_view(page, app_url):
    open_page(page, f"{app_url}/debt?rate=12.5")
    expect(chart(page).locator(".gtitle")).to_be_visible()
    assert "12.5% a year" in title_text(page)
    chart(page).hover()
    with page.expect_download() as download_info:
        chart(page).locator(".modebar-btn[data-title='Download plot as a PNG']").click()
    download = download_info.value
    assert download.suggested_filename == stamped("nea-debt-schedule-discount-12p5pct.png")
    assert download.path().read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_with_planted_markup_in_the_data_the_chart_shows_it_as_text(page, hostile_url):
    # The source line under the chart names the sources' agencies, planted with markup in this copy.
    page.add_init_script("window.__xss = 0")
    open_page(page, f"{hostile_url}/debt")
    expect(page.get_by_test_id("stMain")).to_contain_text(VISIBLE_MARKERS[0])
    source_line = lines_text(chart(page).locator(".annotation-text").first)
    assert source_line.startswith("Sources:")
    # Whichever agencies come first, their planted markup reads as typed.
    assert any(payload in source_line for payload in PAYLOADS), source_line
    assert "&lt;" not in source_line and "&amp;" not in source_line
    hover = chart_hover(page)
    assert "Balance owed (nominal)" in hover
    assert chart(page).locator("svg img, svg script, svg a, svg b, svg foreignObject").count() == 0
    assert page.evaluate("window.__xss") == 0


def test_in_a_half_screen_window_the_whole_title_shows_inside_the_chart(browser, app_url):
    """At 900 px wide the chart is about 440 px: the title breaks into lines instead of running past the
    chart's edge, and keeps every word (rate and valuation date included)."""
    debt_table = loader.load("debt")
    valuation = debt.valuation_date(debt.preferred_terms(debt_table, debt_table["agreement_id"].iloc[0]))
    context = browser.new_context(viewport={"width": 900, "height": 900})
    try:
        page = context.new_page()
        open_page(page, f"{app_url}/debt?rate=12.5")
        title = chart(page).locator(".gtitle")
        expect(title).to_be_visible(timeout=60000)
        assert title_text(page) == debt_chart.schedule_title(valuation, 0.125)
        assert title.locator("tspan.line").count() >= 2
        svg, box = chart(page).locator(".main-svg").first.bounding_box(), title.bounding_box()
        assert svg["x"] <= box["x"] and box["x"] + box["width"] <= svg["x"] + svg["width"], (box, svg)
        top = chart(page).bounding_box()["y"]
        assert top + 200 <= 900, f"the chart starts at {top:.0f} px"
    finally:
        context.close()


def test_the_assumptions_fold_away_and_a_link_still_sets_them(page, app_url):
    """Share, term and first instalment sit in a closed expander under the discount rate; a link's value
    still apply, and unfolded, the controls show them."""
    open_page(page, f"{app_url}/debt?share=80")
    expect(page.get_by_test_id("stMain")).to_contain_text("At face value 80% of the")
    share = page.get_by_test_id("stSlider").filter(has_text="Share written off")
    expect(share).to_be_hidden()
    expect(page.get_by_test_id("stSlider").filter(has_text="Discount rate")).to_be_visible()
    page.get_by_test_id("stExpander").filter(has_text="Assumptions").locator("summary").click()
    expect(share).to_be_visible()
    expect(share).to_contain_text("80.0%")
    expect(page).to_have_url(re.compile(r"[?&]share=80"))
