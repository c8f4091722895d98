"""One project chosen on the Map (``?project=<project_id>``): which features stay, the view fitted to
them, the answer naming the project, its words in the citation, and which projects the Map can draw."""

import pandas as pd
import pytest

from components.analysis import geo, map_answer, view_words
from components.charts import map_view
from tests.unit.test_geo import PROJECTS, ROUTES, SOURCES

EVERY_STATUS = list(geo.STATUS_LABELS)
EVERY_CATEGORY = ["rail", "pipeline", "energy", "other"]


@pytest.fixture
def lines() -> pd.DataFrame:
    return geo.route_lines(ROUTES, PROJECTS, SOURCES)


@pytest.fixture
def sites() -> pd.DataFrame:
    return geo.project_sites(PROJECTS, SOURCES)


def preferred(project_id: str) -> pd.Series:
    chosen = geo.preferred_projects(PROJECTS)
    return chosen[chosen["project_id"] == project_id].iloc[0]


def test_a_chosen_project_keeps_only_its_own_route_and_site(lines, sites):
    assert list(geo.filter_features(lines, EVERY_STATUS, EVERY_CATEGORY, "rail")["route_id"]) == ["rail-line"]
    assert list(geo.filter_features(sites, EVERY_STATUS, EVERY_CATEGORY, "rail")["name"]) == ["Border railway"]
    assert geo.filter_features(sites, EVERY_STATUS, EVERY_CATEGORY, "pipe").empty  # a route, no site
    # No project chosen: every feature the filters keep.
    assert len(geo.filter_features(lines, EVERY_STATUS, EVERY_CATEGORY, None)) == 2
    # The filters still apply: a chosen project they leave out draws nothing.
    assert geo.filter_features(lines, ["stalled"], EVERY_CATEGORY, "rail").empty


def test_project_choices_are_one_per_project_by_name():
    assert geo.project_choices(geo.preferred_projects(PROJECTS)) == {
        "rail": "Border railway",
        "zone": "Free zones",
        "pipe": "Gas pipeline",
        "plant": "Power station",
    }


def test_located_projects_have_a_site_or_a_route():
    assert geo.located_project_ids(PROJECTS, ROUTES) == {"rail", "pipe", "plant"}


def test_the_first_view_fits_the_chosen_project_and_otherwise_everything(lines, sites):
    plant_sites = geo.filter_features(sites, EVERY_STATUS, EVERY_CATEGORY, "plant")
    plant_lines = geo.filter_features(lines, EVERY_STATUS, EVERY_CATEGORY, "plant")
    view, outside = map_view.first_view(lines, sites, plant_lines, plant_sites, "plant")
    assert (view.latitude, view.longitude) == pytest.approx((39.0, 125.7), abs=0.01)
    assert view.zoom == map_view.MAX_ZOOM and outside.empty
    default_view, _ = map_view.focus_view(lines, sites)
    # No project, or one with nothing to draw: the view of everything, whatever the filters.
    for chosen in (None, "zone"):
        view, _ = map_view.first_view(lines, sites, lines.iloc[0:0], sites.iloc[0:0], chosen)
        assert (view.latitude, view.longitude, view.zoom) == (
            default_view.latitude,
            default_view.longitude,
            default_view.zoom,
        )
    rail_view, _ = map_view.first_view(
        lines, sites, lines[lines["project_id"] == "rail"], sites[sites["project_id"] == "rail"], "rail"
    )
    assert rail_view.zoom > default_view.zoom


def test_the_answer_names_the_project_or_says_why_it_is_not_drawn(lines, sites):
    rail_lines, rail_sites = lines[lines["project_id"] == "rail"], sites[sites["project_id"] == "rail"]
    answer = map_answer.project_answer(preferred("rail"), EVERY_STATUS, EVERY_CATEGORY, rail_lines, rail_sites)
    assert answer == "One project, alone and fitted to the view: Border railway (rail, operational)."
    hidden = map_answer.project_answer(
        preferred("rail"), ["proposed"], EVERY_CATEGORY, rail_lines.iloc[0:0], sites.iloc[0:0]
    )
    assert hidden.startswith("Border railway (rail, operational) is left out by the chosen statuses and categories")
    nowhere = map_answer.project_answer(
        preferred("zone"), EVERY_STATUS, EVERY_CATEGORY, lines.iloc[0:0], sites.iloc[0:0]
    )
    assert nowhere.startswith("Free zones (other, proposed) has no location in the data")


def test_the_citation_names_the_chosen_project():
    every = ["Route lines"], ["Route lines"], ["Proposed"], ["Proposed"], ["Rail"], ["Rail"], "none"
    assert view_words.map_view(*every, "Border railway") == (
        "routes and project sites, project: Border railway, every layer, every status, every category, basemap off"
    )
    assert "project" not in view_words.map_view(*every).replace("project sites", "")
