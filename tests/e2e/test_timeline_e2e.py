"""Timeline in a real browser: the plotly chart draws, filters and the years slider narrow it, a click on a
mark selects an event (in the URL), hovers show planted text literally, the camera button names its PNG after
the view, the CSV keeps the ids."""

import csv
import io
import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, expect

from harness.app import open_page, rerun_after, wait_for_app
from harness.first_screen import CHART
from tests.e2e.conftest import stamped, streamlit_server
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
        yield f"{url}/timeline", folder


def table_grid(page):
    return page.get_by_test_id("stDataFrame").locator("[role='grid']")


def table_row_count(page) -> int:
    return int(table_grid(page).get_attribute("aria-rowcount")) - 1  # the header row counts


def chart(page: Page) -> Locator:
    return page.locator(CHART)


def row_labels(page: Page) -> Locator:
    """The category names along the chart's y axis."""
    return chart(page).locator(".yaxislayer-above .ytick text")


def marks(page: Page) -> Locator:
    """Every drawn mark: bars, diamonds and other sources' hollow diamonds."""
    return chart(page).locator(".barlayer .point path, .scatterlayer .points path")


def hover_text(page: Page, mark: Locator) -> str:
    """Move the mouse onto ``mark`` (plotly hovers from the pointer's position); return the hover's text."""
    box = mark.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x - 3, y)
    page.mouse.move(x, y)
    label = chart(page).locator(".hoverlayer .hovertext")
    try:
        label.first.wait_for(state="attached", timeout=1500)
    except PlaywrightError:
        return ""
    return "\n".join(label.all_text_contents())


def find_mark(page: Page, title: str, attempts: int = 3) -> Locator:
    """The first mark whose hover names ``title``; looked for again after a pause if the chart was still
    being redrawn (a rerun remounts it) when the pointer passed."""
    seen: list[str] = []
    for _ in range(attempts):
        wait_for_app(page)
        for index in range(marks(page).count()):
            mark = marks(page).nth(index)
            text = hover_text(page, mark)
            if title in text:
                return mark
            seen.append(text.split("\n")[0])
        page.mouse.move(0, 0)
        page.wait_for_timeout(1000)
    raise AssertionError(f"no mark of {title!r}; hovers seen: {seen}")


# A click on a mark starts a run within a second or two; a click that fell on a redraw starts none.
CLICK_RERUN_MS = 10_000


def click_mark(page: Page, title: str, attempts: int = 3) -> None:
    """Click the mark of ``title`` where plotly's own hover names that event: the hover is read again
    with the pointer on the mark, and the click goes to that same spot, so a redraw between finding the
    mark and clicking it cannot send the click to a neighbour."""
    problems = []
    for _ in range(attempts):
        if title in hover_text(page, find_mark(page, title)):
            try:
                with rerun_after(page, timeout=CLICK_RERUN_MS):
                    page.mouse.down()
                    page.mouse.up()
                return
            except AssertionError as error:  # the click fell on a redraw and selected nothing: find it again
                problems.append(str(error))
    raise AssertionError(f"plotly never named {title!r} under the pointer, or the click started no run: {problems}")


def test_chart_renders_and_category_filter_narrows_it(page, timeline_url):
    url, _ = timeline_url
    open_page(page, url)
    expect(chart(page).locator(".main-svg").first).to_be_visible()
    expect(chart(page).locator(".legend .legendtext")).to_have_count(4)
    expect(chart(page).locator(".legend")).to_contain_text("light hatched bar")
    assert table_row_count(page) == 6
    expect(row_labels(page)).to_have_count(4)
    assert sorted(row_labels(page).evaluate_all("ticks => ticks.map(t => t.textContent)")) == [
        "Legislation",
        "Sanctions",
        "Summit",
        "Visit",
    ]

    page.get_by_test_id("stMultiSelect").filter(has_text="Categories").click()
    with rerun_after(page):
        page.get_by_role("option", name="Visit", exact=True).click()
        page.keyboard.press("Escape")

    expect(page).to_have_url(re.compile(r"category=visit"))
    expect(row_labels(page)).to_have_text(["Visit"])
    expect(table_grid(page)).to_have_attribute("aria-rowcount", "4")  # header + 3 rows


def test_years_slider_narrows_the_chart_and_the_url_keeps_it(page, timeline_url):
    url, _ = timeline_url
    open_page(page, url)
    expect(row_labels(page)).to_contain_text(["Summit"])
    start = page.get_by_test_id("stSlider").filter(has_text="Years").get_by_role("slider").first
    start.focus()
    with rerun_after(page):
        start.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"years=2012"))
    expect(row_labels(page)).to_have_count(3)
    assert sorted(row_labels(page).evaluate_all("ticks => ticks.map(t => t.textContent)")) == [
        "Legislation",
        "Sanctions",
        "Visit",
    ]
    expect(table_grid(page)).to_have_attribute("aria-rowcount", "6")  # header + 5 rows
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_csv_download_keeps_the_ids_of_the_filtered_table(page, timeline_url):
    url, _ = timeline_url
    open_page(page, f"{url}?category=visit")
    shown_rows = table_row_count(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download CSV", exact=True).click()
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
    url, _ = timeline_url
    open_page(page, url)
    click_mark(page, "Duma ratifies write-off")
    expect(page).to_have_url(re.compile(r"event=duma_writeoff"))
    expect(page.get_by_text("90% written off")).to_be_visible()
    expect(page.get_by_text("TASS report (tass)", exact=False).first).to_be_visible()

    # Another click picks another event.
    click_mark(page, "Galushka visit <b>bold</b>")
    expect(page).to_have_url(re.compile(r"event=galushka_visit"))
    expect(page.get_by_text("=1+1 protocol")).to_be_visible()


def test_a_click_counts_again_after_the_select_box_chose_another_event(page, timeline_url):
    url, _ = timeline_url
    open_page(page, url)
    for _ in range(2):
        click_mark(page, "Duma ratifies write-off")
        expect(page).to_have_url(re.compile(r"event=duma_writeoff"))
        page.get_by_test_id("stSelectbox").filter(has_text="Event details").click()
        page.keyboard.type("Xi visits Seoul")
        with rerun_after(page):
            page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"event=xi_seoul"))


def test_hover_shows_the_event_as_plain_text(page, timeline_url):
    url, _ = timeline_url
    open_page(page, f"{url}?category=visit")
    # The live chart draws after the script run (plotly.js loads once per browser session).
    marks(page).first.wait_for(state="visible", timeout=30000)
    texts = [hover_text(page, marks(page).nth(index)) for index in range(marks(page).count())]
    article = next((text for text in texts if "article's dating" in text), None)
    assert article is not None, texts
    assert "Galushka visit <b>bold</b>" in article
    assert "Mar 2014 (month precision)" in article
    assert "Russia, DPRK" in article
    expect(chart(page).locator(".hoverlayer b")).to_have_count(0)


def test_the_camera_button_saves_a_png_named_after_the_view(page, timeline_url):
    url, folder = timeline_url
    open_page(page, f"{url}?category=visit")
    chart(page).hover()
    with page.expect_download() as download_info:
        chart(page).locator(".modebar-btn[data-title='Download plot as a PNG']").click()
    download = download_info.value
    assert download.suggested_filename == stamped("nea-timeline-2011-2014-visit.png", folder)
    assert download.path().read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_planted_markup_shows_literally_in_the_chart_and_runs_none_of_it(page, hostile_url):
    dialogs: list[str] = []
    page.add_init_script("window.__xss = 0")
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_page(page, f"{hostile_url}/timeline")
    expect(marks(page).first).to_be_attached()
    seen = []
    for index in range(min(20, marks(page).count())):
        seen.append(hover_text(page, marks(page).nth(index)))
        if any(marker in text for marker in VISIBLE_MARKERS for text in seen):
            break
    assert any(marker in text for marker in VISIBLE_MARKERS for text in seen), seen
    assert not any("&lt;" in text or "&quot;" in text or "&amp;" in text for text in seen), seen
    expect(chart(page).locator("svg img, svg script, svg b, svg foreignObject")).to_have_count(0)
    assert page.locator("img[src='x']").count() == 0
    page.wait_for_timeout(200)  # an onerror handler would fire after the failed image load
    assert page.evaluate("window.__xss") == 0
    assert dialogs == []
    wait_for_app(page)
