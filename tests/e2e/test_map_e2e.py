"""Browser checks of the Map page: the deck draws its layers offline (no basemap, and an unreachable
one), a status filter removes a route from the picture, a project link draws that project alone until
the sidebar clears it, and a planted name in a tooltip stays text."""

import io
import re
import shutil
from pathlib import Path

import numpy
import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from components.analysis import geo
from components.charts import chart_style, map_view
from components.data import loader, paths
from harness.app import open_page, rerun_after
from tests.e2e.conftest import hover_map_point, stamped, streamlit_server

PLANTED_NAME = "<img src=x onerror=window.__xss=1;alert(1)>"
COLOUR_TOLERANCE = 40


def colour_pixels(page: Page, rgb: tuple[int, int, int]) -> int:
    """Pixels of the drawn map within ``COLOUR_TOLERANCE`` of ``rgb`` (each channel)."""
    image = Image.open(io.BytesIO(page.get_by_test_id("stDeckGlJsonChart").screenshot())).convert("RGB")
    pixels = numpy.asarray(image, dtype=numpy.int16)
    return int((numpy.abs(pixels - numpy.array(rgb)) <= COLOUR_TOLERANCE).all(axis=-1).sum())


# Counts deck.gl's WebGL draw calls on its canvas, so a test can wait for a draw that follows an action.
DRAW_COUNTER = """(() => {
  window.__deckDraws = 0;
  window.__deckDrawnAt = 0;
  for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype]) {
    for (const name of ["drawArrays", "drawElements", "drawArraysInstanced", "drawElementsInstanced", "drawRangeElements"]) {
      const native = proto[name];
      if (!native) continue;
      proto[name] = function (...args) {
        if (this.canvas && this.canvas.id === "deckgl-overlay") {
          window.__deckDraws += 1;
          window.__deckDrawnAt = performance.now();
        }
        return native.apply(this, args);
      };
    }
  }
})();"""
# deck.gl draws a frame's layers in a burst of calls; this long without one means the picture is finished.
DRAW_QUIET_MS = 300


@pytest.fixture
def page(page: Page) -> Page:
    """The conftest's page, counting deck.gl's draws from the start of every document."""
    page.add_init_script(DRAW_COUNTER)
    return page


def deck_draws(page: Page) -> int:
    return page.evaluate("window.__deckDraws")


def wait_for_map(page: Page, draws_before: int = 0) -> None:
    """Wait until deck.gl has drawn after ``draws_before`` draw calls and then drawn nothing for a while."""
    chart = page.get_by_test_id("stDeckGlJsonChart")
    expect(chart.locator("canvas").first).to_be_visible(timeout=15000)
    page.wait_for_function(
        "([before, quietMs]) => window.__deckDraws > before && performance.now() - window.__deckDrawnAt >= quietMs",
        arg=[draws_before, DRAW_QUIET_MS],
        timeout=15000,
    )


@pytest.fixture(scope="module")
def curated() -> dict:
    """The real tables, loaded once for this module."""
    return {name: loader.load(name) for name in ("projects", "routes", "sources")}


@pytest.fixture(scope="module")
def route_colours(curated) -> dict[str, tuple[int, int, int]]:
    """The colour of each status that has a route line in the real data."""
    lines = geo.route_lines(curated["routes"], curated["projects"], curated["sources"])
    return {status: chart_style.STATUS_COLOURS[status] for status in lines["status"]}


def test_layers_draw_offline_with_no_basemap_and_with_an_unreachable_one(page: Page, app_url, route_colours):
    outside_requests = []
    page.on("request", lambda request: outside_requests.append(request.url) if "127.0.0.1" not in request.url else None)
    open_page(page, f"{app_url}/map")
    wait_for_map(page)
    expect(page.get_by_test_id("stDeckGlJsonChart").locator("canvas")).to_have_count(1)
    for status, colour in route_colours.items():
        assert colour_pixels(page, colour) > 50, f"no {status} line drawn"
    assert outside_requests == []

    draws = deck_draws(page)
    with rerun_after(page):
        page.get_by_test_id("stRadio").get_by_text("light").click()
    expect(page).to_have_url(re.compile(r"basemap=light"))
    expect(page.get_by_test_id("stDeckGlJsonChart").locator(".mapboxgl-canvas")).to_have_count(1)
    wait_for_map(page, draws)
    assert any("cartocdn" in url for url in outside_requests)
    for status, colour in route_colours.items():
        assert colour_pixels(page, colour) > 50, f"no {status} line drawn over the unreachable basemap"


def test_status_filter_removes_a_route_and_the_csv_follows(page: Page, app_url, route_colours):
    statuses = route_colours
    status = "stalled" if "stalled" in statuses else sorted(statuses)[0]
    label = geo.STATUS_LABELS[status]
    open_page(page, f"{app_url}/map")
    wait_for_map(page)
    assert colour_pixels(page, statuses[status]) > 50

    draws = deck_draws(page)
    with rerun_after(page):
        page.get_by_test_id("stButtonGroup").get_by_role("button", name=label, exact=True).click()
    expect(page).to_have_url(re.compile(r"status="))
    wait_for_map(page, draws)
    assert colour_pixels(page, statuses[status]) == 0

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download CSV", exact=True).click()
    exported = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert download_info.value.suggested_filename == stamped("nea-map-features.csv")
    assert f'"{status}"' not in exported
    assert '"route"' in exported


def test_a_project_link_draws_that_project_alone_and_the_sidebar_clears_it(page: Page, app_url, curated):
    lines = geo.route_lines(curated["routes"], curated["projects"], curated["sources"])
    project = "khasan-rajin-rail"
    own = lines.loc[lines["project_id"] == project, "status"].iloc[0]
    others = {chart_style.STATUS_COLOURS[status] for status in lines["status"] if status != own}
    assert others, "another route's colour shows the rest are hidden"
    open_page(page, f"{app_url}/map?project={project}")
    wait_for_map(page)
    assert colour_pixels(page, chart_style.STATUS_COLOURS[own]) > 50
    assert all(colour_pixels(page, colour) == 0 for colour in others)

    draws = deck_draws(page)
    with rerun_after(page):
        page.get_by_test_id("stSidebar").get_by_role("button", name="Show every project").click()
    expect(page).not_to_have_url(re.compile(r"project="))
    wait_for_map(page, draws)
    assert any(colour_pixels(page, colour) > 50 for colour in others)


@pytest.fixture
def planted_data(tmp_path, curated) -> Path:
    """A copy of data/ where the most isolated project site in the first view carries markup in its name."""
    target = tmp_path / "data"
    shutil.copytree(paths.DEFAULT_DATA_DIR, target)
    all_sites = geo.project_sites(curated["projects"], curated["sources"])
    lines = geo.route_lines(curated["routes"], curated["projects"], curated["sources"])
    _, outside = map_view.focus_view(lines, all_sites)
    sites = all_sites.drop(outside.index).reset_index(drop=True)
    points = [(lat, lon) for lat, lon in zip(sites["lat"], sites["lon"], strict=True)]
    points += [tuple(reversed(vertex)) for path in lines["path"] for vertex in path]

    def nearest_other_km(index: int) -> float:
        lat, lon = sites["lat"][index], sites["lon"][index]
        return min(geo.great_circle_km(lat, lon, *other) for other in points if other != (lat, lon))

    isolated = max(range(len(sites)), key=nearest_other_km)
    projects_csv = target / "projects.csv"
    text = projects_csv.read_text(encoding="utf-8")
    projects_csv.write_text(text.replace(sites["name"][isolated], PLANTED_NAME), encoding="utf-8")
    return target


def test_tooltip_shows_planted_markup_as_text_and_runs_nothing(page: Page, planted_data):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tables = {name: loader.load(name, planted_data) for name in ("projects", "routes", "sources")}
    sites = geo.project_sites(tables["projects"], tables["sources"])
    lines = geo.route_lines(tables["routes"], tables["projects"], tables["sources"])
    planted = sites[sites["name"] == PLANTED_NAME].iloc[0]
    view, _ = map_view.focus_view(lines, sites)
    with streamlit_server(env_extra={paths.DATA_DIR_ENV: str(planted_data)}) as url:
        open_page(page, f"{url}/map?layers=Project+sites")
        wait_for_map(page)
        tooltip = hover_map_point(page, planted["lat"], planted["lon"], view)
        expect(tooltip).to_contain_text(PLANTED_NAME, timeout=10000)
        expect(tooltip.locator("img, script, a")).to_have_count(0)
        page.wait_for_timeout(300)
        assert page.evaluate("window.__xss") is None
        assert dialogs == []
