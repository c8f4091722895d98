"""AppTest checks of the Map page: the filters and layer choices change the features in the deck JSON,
the URL holds the view, and broken or hostile data never gives a traceback."""

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.analysis import geo
from components.data import loader, paths
from tests.app.app_pages import open_app_page
from tests.app.test_page_footer import citations, permalink_of

PAGE = "pages/map.py"
PLANTED_NAME = "<img src=x onerror=alert(1)>"

SOURCES_CSV = """source_id,title,publisher,published,url,agency,note
article,The article,Journal,2014-08-01,https://example.org/article,the article,
wiki,Coordinates,Wikipedia,,https://example.org/wiki,Wikipedia,
gem,Pipeline tracker,GEM,,https://example.org/gem,GEM,
"""
PROJECTS_CSV = """project_id,name,category,status,countries,lat,lon,location_source_id,length_km,capacity,capacity_unit,cost_usd_m,partners,announced,description,source_id,preferred
rail,Khasan–Rajin railway,rail,operational,RUS;PRK,42.34,130.39,wiki,54,,,250,RZD,,Rebuilt line,article,true
rail,Khasan–Rajin railway,rail,under_construction,RUS;PRK,42.34,130.39,wiki,52,,,,RZD,,Older report,gem,false
pipe,Gas pipeline,pipeline,proposed,RUS;PRK;KOR,,,,1100,10,bcm/yr,3500,Gazprom,,Endpoints only,article,true
plant,Power station,energy,stalled,PRK,38.97,125.69,wiki,,,,,,,Offer,article,true
mine,Gold mine,mining,agreed,RUS;PRK,,,,,,,,,,No coordinates,article,true
"""
ROUTES_CSV = """route_id,project_id,seq,place,lat,lon,source_id
rail-line,rail,1,Khasan,42.43,130.64,wiki
rail-line,rail,2,Tumangang,42.42,130.61,wiki
rail-line,rail,3,Rajin,42.34,130.39,wiki
pipe-line,pipe,1,Vladivostok,43.115,131.885,wiki
pipe-line,pipe,2,Seoul,37.5665,126.978,gem
"""


@pytest.fixture
def curated_map(tmp_path, monkeypatch) -> Path:
    """A small sources/projects/routes set with one route per line style; the app reads it."""
    folder = tmp_path / "data"
    folder.mkdir()
    for name, text in (("sources", SOURCES_CSV), ("projects", PROJECTS_CSV), ("routes", ROUTES_CSV)):
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    outlines = json.loads((paths.DEFAULT_DATA_DIR / "outlines.geojson").read_text(encoding="utf-8"))
    for feature in outlines["features"]:
        feature["properties"]["source_id"] = "wiki"  # a source this small set has
    (folder / "outlines.geojson").write_text(json.dumps(outlines), encoding="utf-8")
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(folder))
    return folder


def open_map(query: dict[str, str | list[str]] | None = None) -> AppTest:
    return open_app_page(PAGE, query)


def deck_spec(app: AppTest) -> dict:
    return json.loads(app.get("deck_gl_json_chart")[0].proto.json)


def table_with_column(app: AppTest, column: str):
    """The one dataframe on the page that has ``column`` (AppTest cannot look dataframes up by key)."""
    (frame,) = [element.value for element in app.dataframe if column in element.value.columns]
    return frame


def shown_table(app: AppTest):
    return table_with_column(app, "feature")


def feature_names(app: AppTest) -> dict[str, list[str]]:
    """Names drawn in each deck layer, by layer id."""
    return {
        layer["id"]: sorted(feature.get("name", feature.get("text")) for feature in layer["data"])
        for layer in deck_spec(app)["layers"]
        if layer["id"] != "outlines"
    }


def test_default_view_draws_every_route_site_and_place_with_no_basemap(curated_map):
    app = open_map()
    names = feature_names(app)
    assert names["routes-solid"] == ["Khasan–Rajin railway"]
    assert names["routes-dashed"] == ["Gas pipeline"]
    assert names["sites"] == ["Khasan–Rajin railway", "Power station"]
    assert names["places"] == ["Khasan", "Rajin", "Seoul", "Tumangang", "Vladivostok"]
    spec = deck_spec(app)
    assert "mapProvider" not in spec and "http" not in spec["mapStyle"]
    assert json.loads(app.get("deck_gl_json_chart")[0].proto.tooltip) == {"text": "{hover_text}"}


def test_table_lists_what_is_drawn_with_stated_and_computed_length(curated_map):
    table = shown_table(open_map())
    assert sorted(zip(table["feature"], table["name"], strict=True)) == [
        ("Route", "Gas pipeline"),
        ("Route", "Khasan–Rajin railway"),
        ("Site", "Khasan–Rajin railway"),
        ("Site", "Power station"),
    ]
    pipe = table[table["name"] == "Gas pipeline"].iloc[0]
    assert pipe["stated_length_km"] == 1100
    assert pipe["computed_length_km"] == pytest.approx(748, abs=5)
    rail = table[(table["feature"] == "Route")].set_index("name").loc["Khasan–Rajin railway"]
    assert rail["other_source_rows"] == 1


def test_status_filter_in_the_url_removes_the_proposed_route(curated_map):
    app = open_map({"status": ["Operational", "Stalled", "Agreed"]})
    names = feature_names(app)
    assert names["routes-dashed"] == []
    assert names["routes-solid"] == ["Khasan–Rajin railway"]
    assert "Vladivostok" not in names["places"]
    assert "Gas pipeline" not in set(shown_table(app)["name"])


def test_clicking_status_and_category_pills_changes_the_deck(curated_map):
    app = open_map()
    app.button_group(key="map_status").set_value(["Proposed", "Stalled"]).run()
    assert feature_names(app)["routes-solid"] == []
    assert feature_names(app)["sites"] == ["Power station"]
    app.button_group(key="map_category").set_value(["Pipeline"]).run()
    names = feature_names(app)
    assert names["routes-dashed"] == ["Gas pipeline"]
    assert names["sites"] == []
    assert list(shown_table(app)["name"]) == ["Gas pipeline"]


def test_layer_choice_keeps_only_the_chosen_layers(curated_map):
    app = open_map({"layers": ["Route lines"]})
    assert [layer["id"] for layer in deck_spec(app)["layers"]] == ["routes-solid", "routes-dashed"]
    app.button_group(key="map_layers").set_value(["Project sites", "Text labels"]).run()
    assert feature_names(app) == {
        "sites": ["Khasan–Rajin railway", "Power station"],
        "labels": ["Khasan–Rajin railway", "Power station"],
    }


def test_basemap_in_the_url_selects_a_carto_style(curated_map):
    app = open_map({"basemap": "dark"})
    assert app.radio(key="map_basemap").value == "dark"
    assert "dark-matter" in deck_spec(app)["mapStyle"]


def test_projects_without_location_are_listed_not_hidden(curated_map):
    app = open_map()
    assert list(table_with_column(app, "meaning")["meaning"])[0] == "Operational"
    unlocated = table_with_column(app, "source_id")
    assert list(unlocated["name"]) == ["Gold mine"]


def test_bad_link_values_give_a_notice_and_the_default_view(curated_map):
    app = open_map({"status": ["Exploded"], "basemap": "satellite", "zoom": "9"})
    warnings = " ".join(warning.value for warning in app.warning)
    assert "status=Exploded" in warnings and "basemap=satellite" in warnings and "'zoom'" in warnings
    assert feature_names(app)["routes-dashed"] == ["Gas pipeline"]
    assert "http" not in deck_spec(app)["mapStyle"]


def test_emptied_status_link_shows_no_features_without_a_warning(curated_map):
    app = open_map({"status": ""})
    assert not app.warning
    assert all(names == [] for names in feature_names(app).values())
    assert shown_table(app).empty


def test_planted_markup_in_a_name_stays_literal_text_in_the_deck(curated_map):
    projects = (curated_map / "projects.csv").read_text(encoding="utf-8")
    (curated_map / "projects.csv").write_text(projects.replace("Power station", PLANTED_NAME), encoding="utf-8")
    app = open_map()
    (sites_layer,) = [layer for layer in deck_spec(app)["layers"] if layer["id"] == "sites"]
    site = next(site for site in sites_layer["data"] if site["name"] == PLANTED_NAME)
    assert site["hover_text"].startswith(PLANTED_NAME + "\n")
    assert PLANTED_NAME in set(shown_table(app)["name"])


def test_route_with_one_vertex_shows_an_error_box_not_a_traceback(curated_map):
    routes = (curated_map / "routes.csv").read_text(encoding="utf-8")
    (curated_map / "routes.csv").write_text(routes.replace("pipe-line,pipe,2,", "pipe-stub,pipe,2,"), encoding="utf-8")
    app = open_map()
    assert "only one vertex" in app.error[0].value
    assert not app.get("deck_gl_json_chart")


def test_real_data_draws_every_route_and_located_project():
    routes, projects, sources = loader.load("routes"), loader.load("projects"), loader.load("sources")
    app = open_map()
    names = feature_names(app)
    drawn_routes = names["routes-solid"] + names["routes-dashed"]
    assert len(drawn_routes) == routes["route_id"].nunique()
    assert len(names["sites"]) == len(geo.project_sites(projects, sources))
    assert len(shown_table(app)) == len(drawn_routes) + len(names["sites"])


def test_country_outlines_draw_under_the_routes_and_can_be_turned_off(curated_map):
    layers = deck_spec(open_map())["layers"]
    assert layers[0]["id"] == "outlines"
    assert {feature["properties"]["iso3"] for feature in layers[0]["data"]["features"]} >= {"PRK", "KOR", "RUS"}
    without = deck_spec(open_map({"layers": ["Route lines", "Project sites"]}))["layers"]
    assert "outlines" not in [layer["id"] for layer in without]


def test_missing_outlines_file_is_reported_and_the_map_still_draws(curated_map):
    (curated_map / "outlines.geojson").unlink()
    app = open_map()
    assert any("outlines.geojson" in error.value.replace("\\", "") for error in app.error)
    assert "routes-solid" in [layer["id"] for layer in deck_spec(app)["layers"]]


def test_a_route_marked_schematic_is_dashed_and_says_so_in_the_table(curated_map):
    routes = ROUTES_CSV.replace("source_id\n", "source_id,schematic\n", 1)
    routes = "\n".join(
        line + (",true" if line.startswith("rail-line") else ",false") if index else line
        for index, line in enumerate(routes.strip().split("\n"))
    )
    (curated_map / "routes.csv").write_text(routes + "\n", encoding="utf-8")
    app = open_map()
    names = feature_names(app)
    assert names["routes-solid"] == []
    assert names["routes-dashed"] == ["Gas pipeline", "Khasan–Rajin railway"]
    table = shown_table(app)
    rail = table[(table["feature"] == "Route") & (table["name"] == "Khasan–Rajin railway")].iloc[0]
    assert bool(rail["schematic"]) and "schematic" in rail["geometry"]


def test_tables_show_missing_values_as_an_en_dash_and_statuses_in_words(curated_map):
    app = open_map()
    features = [element for element in app.dataframe if "feature" in element.value.columns][0]
    assert features.proto.placeholder == "–"
    table = features.value
    assert set(table["status"]) == {"Operational", "Proposed", "Stalled"}
    power = table[table["name"] == "Power station"].iloc[0]
    assert pd.isna(power["cost_usd_m"]) and pd.isna(power["computed_length_km"])
    unlocated = [element for element in app.dataframe if "source_id" in element.value.columns][0]
    assert unlocated.proto.placeholder == "–"
    assert list(unlocated.value["status"]) == ["Agreed"]


def test_the_railways_cargo_is_charted_beside_the_map_with_its_gaps():
    from tests.app.app_pages import sent_charts

    app = open_app_page(PAGE)
    (cargo,) = [chart for chart in sent_charts(app) if chart.file_name.startswith("nea-map-cargo")]
    line = next(trace for trace in cargo.figure["data"] if trace["name"] == "Cargo carried on the Khasan–Rajin line")
    assert line["x"][0] == 2014 and line["y"][:3] == [260000.0, 1200000.0, 1600000.0]
    assert line["y"][3:5] == [None, None]  # 2017 and 2018: no source, a break in the line
    assert "Khasan–Rajin line: cargo carried, year by year" in [header.value for header in app.subheader]
    captions = " ".join(caption.value for caption in app.caption)
    assert "more than 50,000 tonnes in 2019" in captions
    assert app.get("deck_gl_json_chart")


def test_a_missing_indicators_file_is_named_and_the_map_still_draws(curated_map):
    app = open_map()
    assert any("data/indicators.csv" in error.value.replace("\\", "") for error in app.error)
    assert deck_spec(app)["layers"]


# ---- One project chosen by the link (?project=<project_id>, the Scorecard's Map links) -------------


def answer_line(app: AppTest) -> str:
    return app.main.markdown[0].value.replace("\\", "")


def test_a_project_link_shows_that_project_alone_fitted_and_named(curated_map):
    default_view = deck_spec(open_map())["initialViewState"]
    app = open_map({"project": "rail"})
    assert not app.warning
    assert app.selectbox(key="project").value == "rail"
    names = feature_names(app)
    assert names["routes-solid"] == ["Khasan–Rajin railway"] and names["routes-dashed"] == []
    assert names["sites"] == ["Khasan–Rajin railway"]
    assert names["places"] == ["Khasan", "Rajin", "Tumangang"]
    assert set(shown_table(app)["name"]) == {"Khasan–Rajin railway"}
    assert answer_line(app) == "One project, alone and fitted to the view: Khasan–Rajin railway (rail, operational)."
    view = deck_spec(app)["initialViewState"]
    assert 42.2 < view["latitude"] < 42.5 and 130.3 < view["longitude"] < 130.7
    assert view["zoom"] > default_view["zoom"] + 2


def test_the_sidebar_button_clears_the_project_and_the_link(curated_map):
    app = open_map({"project": "rail"})
    (clear,) = [button for button in app.button if button.label == "Show every project"]
    clear.click().run()
    assert app.selectbox(key="project").value is None
    assert "project" not in app.query_params
    assert feature_names(app)["routes-dashed"] == ["Gas pipeline"]
    assert not [button for button in app.button if button.label == "Show every project"]


def test_an_unknown_project_gets_a_notice_and_the_default_view(curated_map):
    default = feature_names(open_map())
    app = open_map({"project": "no-such-project"})
    warnings = " ".join(warning.value for warning in app.warning).replace("\\", "")
    assert "'project=no-such-project' is not a valid value" in warnings
    assert app.selectbox(key="project").value is None
    assert feature_names(app) == default
    assert "project" not in app.query_params


def test_a_project_with_no_location_says_so_and_is_listed(curated_map):
    app = open_map({"project": "mine"})
    assert answer_line(app).startswith("Gold mine (mining, agreed) has no location in the data")
    assert all(names == [] for names in feature_names(app).values())
    assert list(table_with_column(app, "source_id")["name"]) == ["Gold mine"]
    assert not app.info  # the answer says why nothing is drawn


def test_a_project_the_filters_leave_out_says_so(curated_map):
    app = open_map({"project": "rail", "status": "Proposed"})
    assert "is left out by the chosen statuses and categories" in answer_line(app)
    assert all(names == [] for names in feature_names(app).values())


def test_the_citation_names_the_project_and_its_permalink_selects_it(curated_map):
    app = open_app_page(PAGE, {"project": "pipe"}, footer_open=True)
    plain = citations(app)["plain"]
    assert "routes and project sites, project: Gas pipeline, every layer" in plain
    assert permalink_of(plain) == "/map?project=pipe"
