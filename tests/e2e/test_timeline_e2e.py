"""Timeline in a real browser: the chart draws, filters and the years slider narrow it, a click selects an
event, hovers show planted text literally, the CSV is the table."""

import csv
import io
import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import open_page, streamlit_server, wait_for_app
from tests.hostile_data import VISIBLE_MARKERS

SOURCES_CSV = """source_id,title,publisher,published,url,agency,note
article,The article,Journal,2014-08-01,https://example.org/article,the article,
tass,TASS report,TASS,,https://example.org/tass,TASS,
"""
EVENTS_CSV = """event_id,start,end,date_precision,title,category,actors,location,description,source_id,preferred
ulan_ude,2011-08-24,,day,Medvedev meets Kim Jong Il,summit,RUS;PRK,Ulan-Ude,Summit at Sosnovy Bor,tass,true
crimea_sanctions,2014-03-01,,month,Sanctions after Crimea,sanctions,USA;RUS,,Western sanctions,tass,true
galushka_visit,2014-03-24,2014-03-28,day,Galushka visit <b>bold</b>,visit,RUS;PRK,Rason,=1+1 protocol,tass,true
galushka_visit,2014-03-01,,month,Galushka visit <b>bold</b>,visit,RUS;PRK,Rason,Article's dating,article,false
duma_writeoff,2014-04-18,,day,Duma ratifies write-off,legislation,RUS,Moscow,90% written off,tass,true
xi_seoul,2014-07-03,2014-07-04,day,Xi visits Seoul,visit,CHN;KOR,Seoul,,tass,true
"""


@pytest.fixture(scope="module")
def timeline_url(tmp_path_factory):
    """The app on its own server, reading a small events table with one event dated two ways."""
    folder = tmp_path_factory.mktemp("timeline_data")
    (folder / "sources.csv").write_text(SOURCES_CSV, encoding="utf-8")
    (folder / "events.csv").write_text(EVENTS_CSV, encoding="utf-8")
    with streamlit_server(env_extra={"NEA_DATA_DIR": str(folder)}) as url:
        yield f"{url}/timeline"


def table_grid(page):
    return page.get_by_test_id("stDataFrame").locator("[role='grid']")


def table_row_count(page) -> int:
    return int(table_grid(page).get_attribute("aria-rowcount")) - 1  # the header row counts


def chart(page: Page) -> Locator:
    return page.get_by_test_id("stVegaLiteChart")


def row_labels(page: Page) -> Locator:
    """The category names along the chart's y axis."""
    return chart(page).locator("svg g.role-axis[aria-label^='Y-axis'] .role-axis-label text")


def event_marks(page: Page, title: str | None = None) -> Locator:
    """The chart's diamonds (single days and other sources' datings), those of ``title`` when given.

    Vega labels each mark for screen readers with its tooltip fields, "Event: <title>" among them.
    """
    event = f"Event: {title};" if title else "Event: "
    return chart(page).locator(f"svg path[aria-roledescription='point'][aria-label*='{event}']")


def test_chart_renders_and_category_filter_narrows_it(page, timeline_url):
    open_page(page, timeline_url)
    expect(chart(page).locator("svg").first).to_be_visible()
    expect(chart(page).locator("svg .role-legend-label text")).to_have_count(4)
    expect(chart(page).locator("svg .role-legend")).to_contain_text("light, dashed outline")
    assert table_row_count(page) == 6
    expect(row_labels(page)).to_have_text(["visit", "summit", "legislation", "sanctions"])

    page.get_by_test_id("stMultiSelect").filter(has_text="Categories").click()
    page.get_by_role("option", name="visit", exact=True).click()
    page.keyboard.press("Escape")
    wait_for_app(page)

    expect(page).to_have_url(re.compile(r"category=visit"))
    expect(row_labels(page)).to_have_text(["visit"])
    expect(table_grid(page)).to_have_attribute("aria-rowcount", "4")  # header + 3 rows


def test_years_slider_swaps_the_rows_into_the_same_drawing(page, timeline_url):
    open_page(page, timeline_url)
    expect(row_labels(page)).to_contain_text(["summit"])
    expect(event_marks(page, "Medvedev meets Kim Jong Il")).to_have_count(1)
    # Marks the chart's drawing: a slider move must swap the chart's rows, not embed a new chart.
    chart(page).locator("svg").first.evaluate("svg => { svg.dataset.drawnFirst = 'yes' }")

    start = page.get_by_test_id("stSlider").filter(has_text="Years").get_by_role("slider").first
    start.focus()
    start.press("ArrowRight")
    wait_for_app(page)

    expect(page).to_have_url(re.compile(r"years=2012"))
    expect(event_marks(page, "Medvedev meets Kim Jong Il")).to_have_count(0)
    expect(row_labels(page)).to_have_text(["visit", "legislation", "sanctions"])
    expect(table_grid(page)).to_have_attribute("aria-rowcount", "6")  # header + 5 rows
    expect(chart(page).locator("svg[data-drawn-first='yes']")).to_have_count(1)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_csv_download_matches_the_filtered_table(page, timeline_url):
    open_page(page, f"{timeline_url}?category=visit")
    shown_rows = table_row_count(page)
    with page.expect_download() as download_info:
        page.get_by_test_id("stDownloadButton").filter(has_text="Download CSV").locator("button").click()
    download = download_info.value
    assert re.fullmatch(r"nea-timeline-events-[0-9a-f]{10}\.csv", download.suggested_filename)
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    assert len(rows) == shown_rows == 3
    assert [(row["event_id"], row["dating"]) for row in rows] == [
        ("galushka_visit", "article's dating"),
        ("galushka_visit", "preferred"),
        ("xi_seoul", "preferred"),
    ]
    assert rows[0]["title"] == "Galushka visit <b>bold</b>"


def test_clicking_a_mark_shows_the_event_and_puts_it_in_the_url(page, timeline_url):
    open_page(page, timeline_url)
    duma = event_marks(page, "Duma ratifies write-off")
    expect(duma).to_have_count(1)
    assert duma.get_attribute("stroke-width") == "1"
    duma.click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"event=duma_writeoff"))
    expect(page.get_by_text("90% written off")).to_be_visible()
    expect(page.get_by_text("TASS report (tass)", exact=False).first).to_be_visible()
    # The chosen event is outlined in the chart.
    expect(event_marks(page, "Duma ratifies write-off")).to_have_attribute("stroke-width", "3")

    # Another click picks another event.
    event_marks(page, "Galushka visit <b>bold</b>").first.click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"event=galushka_visit"))
    expect(page.get_by_text("=1+1 protocol")).to_be_visible()


def test_a_click_counts_again_after_the_select_box_chose_another_event(page, timeline_url):
    open_page(page, timeline_url)
    for _ in range(2):
        event_marks(page, "Duma ratifies write-off").click()
        wait_for_app(page)
        expect(page).to_have_url(re.compile(r"event=duma_writeoff"))
        page.get_by_test_id("stSelectbox").filter(has_text="Event details").click()
        page.keyboard.type("Xi visits Seoul")
        page.keyboard.press("Enter")
        wait_for_app(page)
        expect(page).to_have_url(re.compile(r"event=xi_seoul"))


def test_hover_shows_the_event_as_plain_text(page, timeline_url):
    open_page(page, f"{timeline_url}?category=visit")
    event_marks(page, "Galushka visit <b>bold</b>").first.hover(force=True)
    tooltip = page.locator("#vg-tooltip-element")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("Galushka visit <b>bold</b>")
    expect(tooltip).to_contain_text("Mar 2014 (month precision)")
    expect(tooltip).to_contain_text("article's dating")
    expect(tooltip).to_contain_text("RUS, PRK")
    expect(tooltip.locator("b")).to_have_count(0)
    # The other source's dating is labelled on the chart, quotes as typed.
    expect(chart(page).locator("svg .role-mark text").filter(has_text="article's dating")).to_have_count(1)


def test_planted_markup_shows_literally_in_the_chart_and_runs_none_of_it(page, hostile_url):
    dialogs: list[str] = []
    page.add_init_script("window.__xss = 0")
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_page(page, f"{hostile_url}/timeline")
    marks = event_marks(page)
    expect(marks.first).to_be_attached()
    tooltip = page.locator("#vg-tooltip-element")
    seen = []
    for index in range(min(8, marks.count())):
        marks.nth(index).hover(force=True)
        expect(tooltip).to_be_visible()
        seen.append(tooltip.inner_text())
        if any(marker in text for marker in VISIBLE_MARKERS for text in seen):
            break
    assert any(marker in text for marker in VISIBLE_MARKERS for text in seen), seen
    assert not any("&lt;" in text or "&quot;" in text or "&amp;" in text for text in seen), seen
    expect(tooltip.locator("img, script, b")).to_have_count(0)
    expect(chart(page).locator("svg img, svg script, svg foreignObject")).to_have_count(0)
    assert page.locator("img[src='x']").count() == 0
    page.wait_for_timeout(200)  # an onerror handler would fire after the failed image load
    assert page.evaluate("window.__xss") == 0
    assert dialogs == []
    wait_for_app(page)
