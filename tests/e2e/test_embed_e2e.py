"""Each chart page embedded in another site's page (an ``<iframe>`` with ``?embed=true``): the chart is
drawn, with no error, its source line and a link back to the full view, and nothing of the full page."""

import functools
import html
import http.server
import threading
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import FrameLocator, Page, expect

from harness.server import free_port
from tests.e2e.conftest import streamlit_server

CHART_PAGES = ["trade", "debt", "map", "timeline"]
# Either drawing survives the move of the charts from Vega-Lite to plotly.
CHART = "[data-testid='neaLiveChart'], [data-testid='stPlotlyChart'], [data-testid='stDeckGlJsonChart']"
LOAD_TIMEOUT = 180_000


def embedding_page(app_url: str) -> str:
    """A team's page with one iframe per chart page, as docs/embedding.md tells them to write it."""
    frames = "\n".join(
        f'<h2>{name}</h2><iframe id="{name}" title="NEA {name}" src="{html.escape(app_url)}/{name}?embed=true" '
        'width="1200" height="800" style="border:0"></iframe>'
        for name in CHART_PAGES
    )
    return f"<!doctype html><html><head><title>Team page</title></head><body>{frames}</body></html>"


@pytest.fixture(scope="module")
def fresh_app_url():
    """A server of its own, so that the four frames are the first sessions it ever serves."""
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="module")
def team_page_url(fresh_app_url, tmp_path_factory):
    """The embedding page, served over HTTP from ``localhost`` while the app answers on ``127.0.0.1``: another
    site, as a real embedding would be."""
    app_url = fresh_app_url
    folder = tmp_path_factory.mktemp("team_page")
    (folder / "index.html").write_text(embedding_page(app_url), encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


def wait_for_frame(frame: FrameLocator) -> None:
    """The embedded app has drawn its page title and finished its run."""
    frame.locator("[data-testid='stMain'] h1").first.wait_for(state="attached", timeout=LOAD_TIMEOUT)
    frame.locator("[data-testid='stApp'][data-test-script-state='notRunning']").wait_for(
        state="attached", timeout=LOAD_TIMEOUT
    )


def test_every_chart_page_works_inside_an_iframe_even_as_a_fresh_servers_first_sessions(
    page: Page, team_page_url, fresh_app_url
):
    # Four sessions that start together on a fresh server must all get the app's own (hidden) navigation.
    page.goto(team_page_url)
    for name in CHART_PAGES:
        frame = page.frame_locator(f"iframe#{name}")
        wait_for_frame(frame)
        expect(frame.locator(CHART).first).to_be_visible(timeout=LOAD_TIMEOUT)
        expect(frame.get_by_test_id("stException")).to_have_count(0)
        expect(frame.get_by_test_id("stSidebarNav")).to_have_count(0)
        expect(frame.get_by_test_id("stSidebar")).to_have_count(0)  # no page list, language or "Your own data"
        # The chart, its source line and the way back; the tables, exports and citation stay on the full page.
        expect(frame.get_by_text("Sources:", exact=False).first).to_be_visible()
        expect(frame.get_by_text("Cite this view")).to_have_count(0)
        visible_tables = frame.locator("[data-testid='stDataFrame']:visible")
        expect(visible_tables).to_have_count(1 if name == "map" else 0)  # the map's legend is a table
        link = frame.get_by_role("link", name="Open the full view in the NEA Cooperation Dashboard")
        expect(link).to_be_visible()
        target = urlsplit(link.get_attribute("href"))
        assert f"{target.scheme}://{target.netloc}" == fresh_app_url
        assert target.path == f"/{name}" and "embed" not in target.query
        assert link.get_attribute("target") == "_blank"


def test_an_embedded_view_keeps_its_settings_and_links_back_to_them(page: Page, app_url):
    page.goto(f"{app_url}/trade?embed=true&growth=12.5&log=true")
    wait_for_frame(page.main_frame)
    expect(page.locator(CHART).first).to_be_visible(timeout=LOAD_TIMEOUT)
    link = page.get_by_role("link", name="Open the full view in the NEA Cooperation Dashboard")
    target = urlsplit(link.get_attribute("href"))
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{app_url}/trade"
    assert sorted(parse_qsl(target.query)) == [("growth", "12.5"), ("log", "true")]
    # The controls are folded away, not gone: the view can still be changed in the frame.
    page.get_by_text("Change this view").click()
    expect(page.get_by_text("Baseline year", exact=True)).to_be_visible()
