"""Browser test of the Trade page: the growth slider, the URL it writes, deep links and the CSV."""

import csv
import io
import re

from playwright.sync_api import expect

from components.analysis import trade
from components.data import loader
from harness.app import open_page, rerun_after
from harness.first_screen import CHART
from tests.e2e.conftest import stamped

VIEW_SETTINGS = "Change this view"


def metric_value(page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def target_row():
    return trade.target_row(loader.load("targets"))


def test_growth_slider_changes_the_scenario_and_writes_the_url(page, app_url):
    open_page(page, f"{app_url}/trade")
    drawing = page.locator(CHART).locator(".scatterlayer").first
    expect(drawing).to_be_visible()
    scenario = metric_value(page, f"Scenario in {target_row()['target_year']}")
    before, drawn_before = scenario.inner_text(), drawing.inner_html()
    slider = page.get_by_test_id("stSlider").filter(has_text="Scenario growth rate").get_by_role("slider")
    slider.focus()
    with rerun_after(page):
        slider.press("ArrowRight")
    expect(scenario).not_to_have_text(before)
    page.wait_for_function("(before) => document.querySelector('.scatterlayer').innerHTML !== before", arg=drawn_before)
    expect(page).to_have_url(re.compile(r"[?&]growth=\d+\.\d"))
    expect(page.get_by_test_id("stException")).to_have_count(0)


def open_view_settings(page):
    """Unfold the expander that holds the view's settings (flow, source, baseline, target, comparators, years)."""
    page.get_by_test_id("stExpander").filter(has_text=VIEW_SETTINGS).locator("summary").click()
    expect(page.get_by_role("combobox", name="Flow compared with the target")).to_be_visible()


def test_a_link_with_parameters_reopens_the_same_view(page, app_url):
    open_page(page, f"{app_url}/trade?flow=export&growth=12.5&target_year=2025&log=true&compare=China-DPRK")
    expect(page.get_by_test_id("stSlider").filter(has_text="Scenario growth rate")).to_contain_text("12.5%")
    open_view_settings(page)
    expect(page.get_by_role("combobox", name="Flow compared with the target")).to_have_value("Exports")
    expect(page.get_by_role("switch", name="Log scale")).to_be_checked()
    expect(page.get_by_test_id("stMultiSelect").filter(has_text="Comparators")).to_contain_text("China–DPRK trade")
    expect(metric_value(page, "Scenario in 2025")).to_be_visible()
    legend = page.locator(CHART).locator(".legendtext")
    expect(legend.filter(has_text="China–DPRK")).to_have_count(1)
    expect(page.locator(CHART).locator(".y2title")).to_contain_text("Comparators")
    expect(page.get_by_test_id("stAlert")).to_have_count(0)


def test_a_bad_link_shows_a_notice_and_the_csv_holds_the_scenario_on_screen(page, app_url):
    open_page(page, f"{app_url}/trade?growth=lots&baseline=%3Cb%3E1%3C%2Fb%3E")
    expect(page.get_by_test_id("stAlert").filter(has_text="growth=lots")).to_have_count(1)
    expect(page.get_by_test_id("stAlert").filter(has_text="baseline=<b>1</b>")).to_have_count(1)
    target_year = int(target_row()["target_year"])
    shown = metric_value(page, f"Scenario in {target_year}").inner_text()
    with page.expect_download() as download_info:
        page.get_by_test_id("stDownloadButton").filter(has_text="Download CSV").locator("button").click()
    download = download_info.value
    assert download.suggested_filename == stamped("nea-trade-series.csv")
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    assert {row["series"] for row in rows} >= {trade.FLOW_LABELS["total"], trade.TARGET_PATH, trade.SCENARIO_PATH}
    scenario = {int(row["year"]): float(row["value_usd_m"]) for row in rows if row["series"] == trade.SCENARIO_PATH}
    assert f"${scenario[target_year]:,.1f}M" == shown


def hidden_traces(page) -> list[str]:
    """Names of the traces a legend click has hidden (plotly marks them ``legendonly``)."""
    return page.evaluate(
        "() => document.querySelector('.js-plotly-plot')._fullData"
        ".filter(trace => trace.visible === 'legendonly').map(trace => trace.name)"
    )


def test_a_legend_click_hides_a_series_and_the_camera_saves_a_named_png(page, app_url):
    open_page(page, f"{app_url}/trade")
    chart = page.locator(CHART)
    entry = chart.locator(".legend .traces").filter(has_text=trade.TARGET_PATH)
    expect(entry).to_have_count(1)
    assert hidden_traces(page) == []
    entry.locator(".legendtoggle").click()
    page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot')._fullData.some(t => t.visible === 'legendonly')"
    )
    assert hidden_traces(page) == [trade.TARGET_PATH]
    chart.hover()
    with page.expect_download() as download_info:
        chart.locator(".modebar-btn[data-title*='Download plot']").click()
    assert download_info.value.suggested_filename == stamped("nea-trade-russia-dprk") + ".png"


def test_scenarios_from_a_link_are_drawn_with_their_names_at_their_ends(page, app_url):
    open_page(page, f"{app_url}/trade?scenario=Pace%202011-2013:14.5&scenario=Fast:40&scenario=%3Cb%3Ex%3C%2Fb%3E:5")
    chart = page.locator(CHART)
    for name in ("Pace 2011-2013", "Fast", "<b>x</b>"):
        # The label at the line's end and the legend entry show the name as typed, markup included.
        expect(chart.locator(".annotation-text").filter(has_text=name)).to_be_visible(timeout=30000)
        expect(chart.locator(".legendtext").filter(has_text=name)).to_have_count(1)
    expect(chart.locator(".annotation-text b")).to_have_count(0)
    dashes = page.evaluate(
        "() => document.querySelector('.js-plotly-plot')._fullData"
        ".filter(t => ['Pace 2011-2013', 'Fast'].includes(t.name)).map(t => t.line.dash)"
    )
    assert len(set(dashes)) == 2
    expect(page.get_by_test_id("stAlert")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"scenario=Fast(%3A|:)40"))


def test_the_view_settings_fold_away_so_the_chart_starts_on_a_half_screens_first_screen(browser, app_url):
    """At 900×900 (the dashboard beside the analyst's document) the settings sit in a closed expander: the
    growth slider and at least 300 px of the chart show without scrolling; unfolded, a setting still
    changes the chart and the link."""
    context = browser.new_context(viewport={"width": 900, "height": 900})
    try:
        page = context.new_page()
        open_page(page, f"{app_url}/trade")
        chart = page.locator(CHART).first
        expect(chart.locator(".scatterlayer").first).to_be_visible(timeout=60000)
        expect(page.get_by_role("combobox", name="Flow compared with the target")).to_be_hidden()
        expect(page.get_by_test_id("stSlider").filter(has_text="Scenario growth rate")).to_be_in_viewport()
        top = chart.bounding_box()["y"]
        assert top + 300 <= 900, f"the chart starts at {top:.0f} px"
        open_view_settings(page)
        title = chart.locator(".gtitle")
        before = title.text_content()
        # The keyboard, not a click: the switch sits in the expander that just unfolded, and a click could
        # land while it still moved (one fresh-clone run saw no rerun after the click).
        page.get_by_role("switch", name="Log scale").focus()
        with rerun_after(page):
            page.keyboard.press("Space")
        expect(page).to_have_url(re.compile(r"[?&]log=true"))
        expect(page.locator(CHART).first.locator(".ytick").first).to_be_visible()
        page.wait_for_function(
            "() => document.querySelector('.js-plotly-plot')._fullLayout.yaxis.type === 'log'", timeout=30000
        )
        assert title.text_content() == before  # the same chart, now on a log scale
    finally:
        context.close()
