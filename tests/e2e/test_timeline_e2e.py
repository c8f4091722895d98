"""Timeline in a real browser: the chart draws, a filter narrows it, a click selects an event, the CSV is the table."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import open_page, streamlit_server, wait_for_app

SOURCES_CSV = """source_id,title,publisher,published,url,agency,note
article,The article,Journal,2014-08-01,https://example.org/article,the article,
tass,TASS report,TASS,,https://example.org/tass,TASS,
"""
EVENTS_CSV = """event_id,start,end,date_precision,title,category,actors,location,description,source_id,preferred
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


def test_chart_renders_and_category_filter_narrows_it(page, timeline_url):
    open_page(page, timeline_url)
    chart = page.get_by_test_id("stPlotlyChart")
    expect(chart.locator(".main-svg").first).to_be_visible()
    expect(chart.locator(".legendtext")).to_have_count(4)
    assert table_row_count(page) == 5
    expect(chart.locator(".ytick")).to_have_count(3)

    page.get_by_test_id("stMultiSelect").filter(has_text="Categories").click()
    page.get_by_role("option", name="visit", exact=True).click()
    page.keyboard.press("Escape")
    wait_for_app(page)

    expect(page).to_have_url(re.compile(r"category=visit"))
    expect(chart.locator(".ytick")).to_have_count(1)
    expect(table_grid(page)).to_have_attribute("aria-rowcount", "4")  # header + 3 rows


def test_csv_download_matches_the_filtered_table(page, timeline_url):
    open_page(page, f"{timeline_url}?category=visit")
    shown_rows = table_row_count(page)
    with page.expect_download() as download_info:
        page.get_by_test_id("stDownloadButton").locator("button").click()
    download = download_info.value
    assert download.suggested_filename == "nea-timeline-events.csv"
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    assert len(rows) == shown_rows == 3
    assert [(row["event_id"], row["dating"]) for row in rows] == [
        ("galushka_visit", "article's dating"),
        ("galushka_visit", "preferred"),
        ("xi_seoul", "preferred"),
    ]
    assert rows[0]["title"] == "Galushka visit <b>bold</b>"


def test_clicking_a_mark_shows_the_event_and_puts_it_in_the_url(page, timeline_url):
    open_page(page, f"{timeline_url}?category=legislation")
    point = page.get_by_test_id("stPlotlyChart").locator(".scatterlayer .trace .points path").first
    point.click(force=True)
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"event=duma_writeoff"))
    expect(page.get_by_text("90% written off")).to_be_visible()
    expect(page.get_by_text("TASS report (tass)", exact=False).first).to_be_visible()
