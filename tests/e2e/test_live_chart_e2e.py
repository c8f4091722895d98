"""The live plotly chart in a real browser (components/ui/live_chart.py): the reader's zoom and hidden legend
entries survive a slider move, the camera button names the PNG after the current view, two charts on a page
keep to themselves, plotly.js and the chart's module come once from /app/static/ and nothing else is served from
there, and a module that does not load leaves a plain message."""

import re
import struct
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from components.analysis import trade
from components.charts import debt_chart
from components.ui import live_chart
from harness.app import open_page, rerun_after, wait_for_layout
from harness.browser import read_slider
from harness.first_screen import CHART
from tests.e2e.conftest import streamlit_server

LIVE = "[data-testid='neaLiveChart']"
SLOW_MS = 90_000  # a fresh context loads plotly.js (4.8 MB) and draws: slow on a busy shared machine
TWO_CHARTS_APP = Path(__file__).resolve().parent / "apps" / "two_live_charts.py"
# The plotly div of the n-th live chart on the page, for page.evaluate.
GRAPH = "(index) => document.querySelectorAll(\"[data-testid='neaLiveChart'] .js-plotly-plot\")[index]"


def graph_value(page: Page, expression: str, index: int = 0):
    """``expression`` evaluated with ``gd`` bound to the n-th live chart's plotly div."""
    return page.evaluate(f"(index) => {{ const gd = ({GRAPH})(index); return {expression}; }}", index)


def revision(page: Page, index: int = 0) -> str:
    return graph_value(page, "gd.dataset.revision", index)


def wait_for_redraw(page: Page, before: str, index: int = 0) -> None:
    """Wait until the n-th chart has drawn an update other than the one tagged ``before``."""
    page.wait_for_function(
        f"([index, before]) => {{ const gd = ({GRAPH})(index); return gd && gd.dataset.revision !== before; }}",
        arg=[index, before],
    )


def drag_zoom(page: Page, start, end, index: int = 0) -> None:
    """Zoom the n-th chart's x axis from ``start`` to ``end`` (data values) with a mouse drag, as a reader does."""
    box = graph_value(
        page,
        """(() => { const xa = gd._fullLayout.xaxis, size = gd._fullLayout._size, r = gd.getBoundingClientRect();
           return { left: r.left + size.l, top: r.top + size.t, height: size.h,
                    a: xa.d2p(ARG0), b: xa.d2p(ARG1) }; })()""".replace("ARG0", repr(start)).replace("ARG1", repr(end)),
        index,
    )
    y = box["top"] + box["height"] / 2
    page.mouse.move(box["left"] + box["a"], y)
    page.mouse.down()
    page.mouse.move(box["left"] + (box["a"] + box["b"]) / 2, y, steps=4)
    page.mouse.move(box["left"] + box["b"], y, steps=4)
    page.mouse.up()


def x_range(page: Page, index: int = 0) -> list:
    return graph_value(page, "gd._fullLayout.xaxis.range.slice()", index)


def year_of(value) -> float:
    """A date-axis end (``"2013-01-01 12:00"``) or a number as a fractional year."""
    if isinstance(value, int | float):
        return float(value)
    year, month = re.match(r"(\d{4})-(\d{2})", value).groups()
    return int(year) + (int(month) - 1) / 12


def growth_slider(page: Page):
    return page.get_by_test_id("stSlider").filter(has_text="Scenario growth rate").get_by_role("slider")


def move_growth(page: Page) -> None:
    """Move the growth slider one step; wait for the run and for the chart's redraw."""
    before = revision(page)
    slider = growth_slider(page)
    slider.focus()
    with rerun_after(page):
        slider.press("ArrowRight")
    wait_for_redraw(page, before)


def scenario_y(page: Page) -> list:
    return graph_value(page, f"gd.data.filter(t => t.name === {trade.SCENARIO_PATH!r}).map(t => Array.from(t.y))")


def open_trade(page: Page, app_url: str) -> None:
    open_page(page, f"{app_url}/trade", timeout=SLOW_MS)
    expect(page.locator(LIVE).locator(".main-svg").first).to_be_visible(timeout=SLOW_MS)


def test_a_zoom_survives_the_growth_slider_and_the_scenario_redraws(page, app_url):
    open_trade(page, app_url)
    axis_type = graph_value(page, "gd._fullLayout.xaxis.type")
    start, end = ("2013-01-01", "2020-12-31") if axis_type == "date" else (2013, 2020)
    drag_zoom(page, start, end)
    page.wait_for_function(f"() => ({GRAPH})(0)._fullLayout.xaxis.autorange === false")
    zoomed = x_range(page)
    assert abs(year_of(zoomed[0]) - 2013) < 0.5 and abs(year_of(zoomed[1]) - 2021) < 0.5, zoomed
    scenario_before = scenario_y(page)
    assert scenario_before, "the page draws a scenario path"

    move_growth(page)

    assert x_range(page) == zoomed
    assert scenario_y(page) != scenario_before


def test_a_legend_entry_clicked_off_stays_off_after_the_slider(page, app_url):
    open_trade(page, app_url)
    entry = page.locator(LIVE).locator(".legend .traces").filter(has_text=trade.TARGET_PATH).first
    entry.click()
    hidden = f"gd._fullData.filter(t => t.visible === 'legendonly').map(t => t.name).includes({trade.TARGET_PATH!r})"
    page.wait_for_function(f"() => {{ const gd = ({GRAPH})(0); return {hidden}; }}")

    move_growth(page)
    move_growth(page)

    assert graph_value(page, hidden)


def png_width(path: str) -> int:
    with open(path, "rb") as file:
        header = file.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", header[16:20])[0]


def test_the_camera_button_names_the_png_after_the_view_at_twice_the_size(page, app_url):
    open_page(page, f"{app_url}/debt", timeout=SLOW_MS)
    chart = page.locator(LIVE).first
    expect(chart.locator(".main-svg").first).to_be_visible(timeout=SLOW_MS)
    slider = page.get_by_test_id("stSlider").filter(has_text="Discount rate").get_by_role("slider")
    before = revision(page)
    slider.focus()
    with rerun_after(page):
        slider.press("ArrowRight")
    wait_for_redraw(page, before)
    shown_rate = read_slider(slider)["value"]
    chart.hover()
    with page.expect_download() as download_info:
        chart.locator(".modebar-btn[data-title='Download plot as a PNG']").click()
    download = download_info.value
    stem = debt_chart.schedule_file_stem(shown_rate / 100)
    assert stem != debt_chart.schedule_file_stem(0.05), "the view changed before the download"
    assert re.fullmatch(rf"{stem}-[0-9a-f]+\.png", download.suggested_filename)
    assert png_width(download.path()) == 2 * graph_value(page, "gd._fullLayout.width")


def test_two_live_charts_on_one_page_keep_to_themselves(page):
    with streamlit_server(TWO_CHARTS_APP) as url:
        open_page(page, url)
        expect(page.locator(LIVE)).to_have_count(2)
        page.wait_for_function(f"() => ({GRAPH})(1) && ({GRAPH})(1)._fullLayout")
        drag_zoom(page, 2005, 2015, index=0)
        page.wait_for_function(f"() => ({GRAPH})(0)._fullLayout.xaxis.autorange === false")
        zoomed, first_revision = x_range(page, 0), revision(page, 0)
        second_before = graph_value(page, "Array.from(gd.data[0].y)", 1)

        slider = page.get_by_test_id("stSlider").filter(has_text="Second factor").get_by_role("slider")
        second_revision = revision(page, 1)
        slider.focus()
        with rerun_after(page):
            slider.press("ArrowRight")
        wait_for_redraw(page, second_revision, index=1)

        assert graph_value(page, "Array.from(gd.data[0].y)", 1) != second_before
        assert revision(page, 0) == first_revision, "the first chart was not redrawn"
        assert x_range(page, 0) == zoomed
        assert graph_value(page, "gd._fullLayout.xaxis.autorange", 1) is True, "the second chart was not zoomed"


def test_plotly_js_and_the_module_load_once_from_static_and_never_with_streamlits_own_bundle(page, app_url):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_trade(page, app_url)
    move_growth(page)
    for title in ("Debt", "Timeline"):
        with rerun_after(page):
            page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
        expect(page.locator(LIVE).locator(".main-svg").first).to_be_visible(timeout=SLOW_MS)
    assert [url for url in requests if "/app/static/" in url] == [
        f"{app_url}{live_chart.module_url()}",
        f"{app_url}/app/static/{live_chart.STATIC_SCRIPT}",
    ]
    assert not [url for url in requests if re.search(r"/static/js/PlotlyChart\.[^/]*\.js$", url)]
    assert page.locator(CHART).count() == page.locator(LIVE).count()


def test_a_module_that_does_not_load_leaves_a_plain_message_and_the_table(page, app_url):
    page.route(re.compile(r"/app/static/live_chart\.js"), lambda route: route.abort())
    open_page(page, f"{app_url}/debt", timeout=SLOW_MS)
    chart = page.locator(LIVE).first
    expect(chart.get_by_role("status")).to_have_text(re.compile("could not be drawn"), timeout=SLOW_MS)
    expect(chart).to_have_attribute("role", "figure")
    expect(chart).to_have_attribute("aria-label", re.compile(r"\w"))
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stTable").or_(page.get_by_test_id("stDataFrame")).first).to_be_visible()

    page.unroute(re.compile(r"/app/static/live_chart\.js"))
    slider = page.get_by_test_id("stSlider").filter(has_text="Discount rate").get_by_role("slider")
    slider.focus()
    with rerun_after(page):
        slider.press("ArrowRight")
    # A later rerun loads the module and draws in the message's place.
    expect(page.locator(LIVE).locator(".main-svg").first).to_be_visible(timeout=SLOW_MS)
    expect(page.locator(LIVE)).to_have_count(1)
    expect(page.locator(LIVE).get_by_text(re.compile("could not be drawn"))).to_be_hidden()


@pytest.mark.parametrize(
    "path",
    [
        "app/static/../app.py",
        "app/static/%2e%2e/app.py",
        "app/static/..%2fapp.py",
        "app/static/%2e%2e%2f.streamlit%2fconfig.toml",
        "app/static/",
        "app/static/.",
        "app/app.py",
        "app/static/tools/static_files.py",
    ],
)
def test_static_serving_serves_nothing_outside_the_static_folder(app_url, path):
    """Refused, or answered with the app's own page (Streamlit's page routing), never with a file's text."""
    try:
        with urllib.request.urlopen(f"{app_url}/{path}", timeout=10) as response:  # noqa: S310 (our test server)
            body = response.read()
    except urllib.error.HTTPError as refused:
        assert refused.code in {400, 403, 404}
        return
    assert b"st.navigation" not in body and b"enableStaticServing" not in body and b"put_in_place" not in body
    assert b"<html" in body.lower()  # Streamlit's index page


def test_static_serving_serves_plotly_js_and_the_charts_module(app_url):
    with urllib.request.urlopen(f"{app_url}/app/static/{live_chart.STATIC_SCRIPT}", timeout=10) as response:  # noqa: S310
        assert response.status == 200
        assert b"plotly.js (basic - minified) v" in response.read(200)
    with urllib.request.urlopen(f"{app_url}{live_chart.module_url()}", timeout=10) as response:  # noqa: S310
        assert response.status == 200
        assert "javascript" in response.headers["Content-Type"]  # a module must come as JavaScript
        assert b"Plotly.react" in response.read()


# The chart's own text, each with the class plotly gives it; tick labels and marks only count against them.
CHART_TEXT_BOXES = """() => Array.from(document.querySelectorAll("[data-testid='neaLiveChart']")).map((chart) => {
  const boxes = [];
  const add = (kind, element) => {
    const r = element.getBoundingClientRect();
    if (r.width && r.height) boxes.push({ kind, text: element.textContent.slice(0, 50), l: r.left, t: r.top, r: r.right, b: r.bottom });
  };
  chart.querySelectorAll(".main-svg").forEach((e, index) => index === 0 && add("chart", e));
  chart.querySelectorAll(".infolayer .gtitle").forEach((e) => add("title", e));
  chart.querySelectorAll(".infolayer .gtitle-subtitle").forEach((e) => add("source line", e));
  chart.querySelectorAll(".annotation").forEach((e) => add("source line", e));
  chart.querySelectorAll(".xtitle, .ytitle, .y2title").forEach((e) => add("axis title", e));
  chart.querySelectorAll(".infolayer .legend").forEach((e) => add("legend", e));
  chart.querySelectorAll(".points path").forEach((e) => add("mark", e));
  return boxes;
})"""
TEXT_KINDS = {"title", "source line", "axis title", "legend"}


def overlaps(boxes: list[dict]) -> list[str]:
    """Pairs of chart text (or a text and a mark) whose boxes intersect by more than a pixel."""
    found = []
    boxes = [box for box in boxes if box["kind"] != "chart"]
    for index, first in enumerate(boxes):
        if first["kind"] not in TEXT_KINDS:
            continue
        for second in boxes[index + 1 :] + [box for box in boxes[:index] if box["kind"] not in TEXT_KINDS]:
            if second["kind"] == "mark" and first["kind"] in {"legend", "axis title"}:
                continue  # a legend's sample marks and data near an axis title are drawn by plotly on purpose
            if (
                min(first["r"], second["r"]) - max(first["l"], second["l"]) > 1
                and min(first["b"], second["b"]) - max(first["t"], second["t"]) > 1
            ):
                found.append(f"{first['kind']} {first['text']!r} × {second['kind']} {second['text']!r}")
    return found


def clipped(boxes: list[dict]) -> list[str]:
    """Chart text that runs past the chart's left or right edge (plotly cuts it off there: a title it
    draws on one line, in a narrow chart)."""
    (chart,) = [box for box in boxes if box["kind"] == "chart"]
    return [
        f"{box['kind']} {box['text']!r} ({box['l']:.0f}–{box['r']:.0f} px, the chart {chart['l']:.0f}–{chart['r']:.0f})"
        for box in boxes
        if box["kind"] in TEXT_KINDS and (box["l"] < chart["l"] - 1 or box["r"] > chart["r"] + 1)
    ]


CHART_PAGES = ["trade", "debt", "timeline", "scorecard"]
# Every page in English at both widths; in the other languages at half a screen, where long words run out
# of room first (Russian runs about 30% longer than English; Japanese breaks between characters).
TEXT_CASES = [(path, width, "en") for path in CHART_PAGES for width in (900, 1400)]
TEXT_CASES += [(path, 900, language) for path in CHART_PAGES for language in ("ru", "ko", "ja")]


@pytest.mark.parametrize(("path", "width", "language"), TEXT_CASES)
def test_no_chart_text_overlaps_another_or_runs_past_the_chart(browser, app_url, path, width, language):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        query = "" if language == "en" else f"?lang={language}"
        open_page(page, f"{app_url}/{path}{query}", timeout=SLOW_MS)
        expect(page.locator(LIVE).locator(".main-svg").first).to_be_visible(timeout=SLOW_MS)
        page.wait_for_function(f"() => ({GRAPH})(0) && ({GRAPH})(0).dataset.revision")
        wait_for_layout(page, LIVE)
        charts = page.evaluate(CHART_TEXT_BOXES)
        assert charts and all(any(box["kind"] == "title" for box in boxes) for boxes in charts)
        assert [overlaps(boxes) for boxes in charts] == [[] for _ in charts]
        assert [clipped(boxes) for boxes in charts] == [[] for _ in charts]
        if width == 900:  # the half-screen window: the chart starts on the first screen, with room to read
            top = page.locator(LIVE).first.bounding_box()["y"]
            assert top + 200 <= 900, f"the chart starts at {top:.0f} px"
    finally:
        context.close()


def test_the_clipping_check_finds_text_past_the_charts_edge():
    chart = {"kind": "chart", "text": "", "l": 0, "t": 0, "r": 440, "b": 400}
    title = {"kind": "title", "text": "Repayment schedule", "l": 10, "t": 10, "r": 470, "b": 30}
    assert clipped([chart, title]) == ["title 'Repayment schedule' (10–470 px, the chart 0–440)"]
    assert clipped([chart, {**title, "r": 430}]) == []
    assert overlaps([chart, {**title, "r": 430}]) == []
