"""Geometry, joins and the pydeck deck built by components/geo.py, on small hand-made tables."""

import base64
import json
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.analysis import formats, geo
from components.charts import chart_style, map_deck, map_view
from tests.data import route_checks


def path_length_km(vertices):
    """Sum of the great-circle legs along ``(lat, lon)`` vertices (the map's straight line)."""
    return sum(geo.leg_lengths_km(vertices))


SOURCES = pd.DataFrame(
    {
        "source_id": ["article", "wiki", "other"],
        "title": ["The 2014 article", "Place coordinates", "A second report"],
        "publisher": ["NEA journal", "Wikipedia", "Newswire"],
    }
)

PLANTED_NAME = "<img src=x onerror=alert(1)>"


def make_projects(rows: list[dict]) -> pd.DataFrame:
    defaults = {
        "category": "rail",
        "status": "operational",
        "countries": "RUS;PRK",
        "lat": float("nan"),
        "lon": float("nan"),
        "location_source_id": None,
        "length_km": float("nan"),
        "cost_usd_m": float("nan"),
        "source_id": "article",
        "preferred": True,
    }
    return pd.DataFrame([{**defaults, **row} for row in rows])


PROJECTS = make_projects(
    [
        {"project_id": "rail", "name": "Border railway", "length_km": 54.0, "cost_usd_m": 250.0, "lat": 42.3, "lon": 130.4,
         "location_source_id": "wiki"},
        {"project_id": "rail", "name": "Border railway (old)", "status": "under_construction", "source_id": "other",
         "preferred": False},
        {"project_id": "pipe", "name": "Gas pipeline", "category": "pipeline", "status": "proposed", "length_km": 1100.0,
         "cost_usd_m": 3500.0},
        {"project_id": "plant", "name": "Power station", "category": "energy", "status": "stalled", "lat": 39.0,
         "lon": 125.7, "location_source_id": "article"},
        {"project_id": "zone", "name": "Free zones", "category": "other", "status": "proposed"},
    ]
)  # fmt: skip

ROUTES = pd.DataFrame(
    [
        # Deliberately out of seq order: the line must follow seq, not file order.
        ("rail-line", "rail", 3, "Rajin", 42.34, 130.39, "wiki"),
        ("rail-line", "rail", 1, "Khasan", 42.43, 130.64, "wiki"),
        ("rail-line", "rail", 2, "Tumangang", 42.42, 130.61, "wiki"),
        ("pipe-line", "pipe", 1, "Vladivostok", 43.115, 131.885, "wiki"),
        ("pipe-line", "pipe", 2, "Seoul", 37.5665, 126.978, "other"),
    ],
    columns=["route_id", "project_id", "seq", "place", "lat", "lon", "source_id"],
)


@pytest.fixture
def lines() -> pd.DataFrame:
    return geo.route_lines(ROUTES, PROJECTS, SOURCES)


@pytest.fixture
def sites() -> pd.DataFrame:
    return geo.project_sites(PROJECTS, SOURCES)


def deck_json(deck) -> dict:
    return json.loads(deck.to_json())


def layers_by_id(deck) -> dict:
    return {layer["id"]: layer for layer in deck_json(deck)["layers"]}


# ---- Great-circle geometry ---------------------------------------------------------------------


def test_one_degree_of_meridian_is_111_195_km():
    assert geo.great_circle_km(0, 0, 1, 0) == pytest.approx(111.195, abs=0.001)


def test_quarter_of_the_equator_is_a_quarter_circumference():
    assert geo.great_circle_km(0, 0, 0, 90) == pytest.approx(math.pi * geo.EARTH_RADIUS_KM / 2, rel=1e-12)


def test_vladivostok_to_seoul_matches_the_published_distance():
    # Published great-circle distance Vladivostok–Seoul is about 748 km.
    assert geo.great_circle_km(43.115, 131.885, 37.5665, 126.978) == pytest.approx(748, abs=5)


def test_path_length_sums_the_legs_in_order():
    there_and_back = [(0, 0), (1, 0), (0, 0)]
    assert path_length_km(there_and_back) == pytest.approx(2 * 111.195, abs=0.002)


@pytest.mark.parametrize("vertices", [[], [(42.3, 130.4)]])
def test_path_with_fewer_than_two_vertices_is_rejected(vertices):
    with pytest.raises(ValueError, match="at least two vertices"):
        path_length_km(vertices)


coordinates = st.tuples(st.floats(-89, 89), st.floats(-179, 179))


@settings(deadline=None, max_examples=60)
@given(st.lists(coordinates, min_size=2, max_size=8))
def test_path_length_is_the_same_reversed_and_never_shorter_than_its_chord(vertices):
    length = path_length_km(vertices)
    assert path_length_km(vertices[::-1]) == pytest.approx(length, rel=1e-9, abs=1e-6)
    chord = geo.great_circle_km(*vertices[0], *vertices[-1])
    assert length >= chord - 1e-6
    assert length <= (len(vertices) - 1) * math.pi * geo.EARTH_RADIUS_KM + 1e-6


# ---- Joining routes and projects ---------------------------------------------------------------


def test_route_vertices_follow_seq_not_file_order(lines):
    rail = lines.set_index("route_id").loc["rail-line"]
    assert rail["places"] == "Khasan – Tumangang – Rajin"
    assert rail["path"] == [[130.64, 42.43], [130.61, 42.42], [130.39, 42.34]]
    expected = path_length_km([(42.43, 130.64), (42.42, 130.61), (42.34, 130.39)])
    assert rail["computed_length_km"] == pytest.approx(expected, abs=0.05)


def test_sourced_track_distance_replaces_the_straight_leg_it_covers():
    # Rajin's row says the track from Tumangang is 52.1 km; Khasan–Tumangang stays the straight leg.
    measured = ROUTES.assign(track_km=[52.1, None, None, None, None], track_source_id=["other", None, None, None, None])
    length, drawn, track_legs = geo.route_length_km(measured[measured["route_id"] == "rail-line"])
    khasan_tumangang = geo.great_circle_km(42.43, 130.64, 42.42, 130.61)
    assert length == pytest.approx(khasan_tumangang + 52.1)
    assert drawn == pytest.approx(path_length_km([(42.43, 130.64), (42.42, 130.61), (42.34, 130.39)]))
    assert track_legs == 1
    rail = geo.route_lines(measured, PROJECTS, SOURCES).set_index("route_id").loc["rail-line"]
    assert rail["computed_length_km"] == pytest.approx(khasan_tumangang + 52.1, abs=0.05)
    assert rail["drawn_length_km"] == pytest.approx(drawn, abs=0.05)
    assert "km posts on 1 of 2 legs" in rail["alignment"] and f"as drawn is {drawn:,.0f} km" in rail["alignment"]
    assert rail["source_ids"][-1] == "other"  # the track distance's source is cited with the line


def test_without_track_distances_the_length_is_the_drawn_length(lines):
    rail = lines.set_index("route_id").loc["rail-line"]
    assert rail["computed_length_km"] == rail["drawn_length_km"]
    assert "km posts" not in rail["alignment"]


def test_route_takes_name_status_length_and_cost_from_the_preferred_project_row(lines):
    rail = lines.set_index("route_id").loc["rail-line"]
    assert (rail["name"], rail["status"], rail["stated_length_km"], rail["cost_usd_m"]) == (
        "Border railway",
        "operational",
        54.0,
        250.0,
    )
    assert rail["other_source_rows"] == 1


def test_route_cites_the_project_source_and_every_vertex_source(lines):
    pipe = lines.set_index("route_id").loc["pipe-line"]
    assert pipe["source_ids"] == ["article", "wiki", "other"]
    assert "The 2014 article (NEA journal)" in pipe["source"]
    assert "A second report (Newswire)" in pipe["source"]


def test_two_vertex_route_is_described_as_schematic(lines):
    by_route = lines.set_index("route_id")
    assert by_route.loc["pipe-line", "alignment"].startswith("endpoints only")
    assert not by_route.loc["rail-line", "alignment"].startswith("endpoints only")


def test_route_with_one_vertex_is_rejected():
    one_vertex = ROUTES[ROUTES["route_id"] != "pipe-line"].iloc[:1]
    with pytest.raises(ValueError, match="'rail-line' has 1 vertex"):
        geo.route_lines(one_vertex, PROJECTS, SOURCES)


def test_route_with_a_repeated_seq_is_rejected():
    repeated = ROUTES.copy()
    repeated.loc[repeated["place"] == "Tumangang", "seq"] = 1
    with pytest.raises(ValueError, match="repeats a seq"):
        geo.route_lines(repeated, PROJECTS, SOURCES)


def test_route_of_an_unknown_project_is_rejected():
    orphan = ROUTES.assign(project_id=ROUTES["project_id"].replace("pipe", "missing"))
    with pytest.raises(ValueError, match="'missing'"):
        geo.route_lines(orphan, PROJECTS, SOURCES)


def test_sites_are_preferred_rows_with_coordinates_citing_the_source_of_the_coordinates(sites):
    assert list(sites["name"]) == ["Border railway", "Power station"]
    assert list(sites["source_ids"]) == [["article", "wiki"], ["article"]]
    assert list(sites["source"]) == [
        "The 2014 article (NEA journal); Place coordinates (Wikipedia)",
        "The 2014 article (NEA journal)",
    ]


def test_places_are_the_named_vertices_of_the_shown_lines(lines):
    places = geo.route_places(lines[lines["route_id"] == "pipe-line"], ROUTES, SOURCES)
    assert list(places["place"]) == ["Vladivostok", "Seoul"]
    assert list(places["source"]) == ["Place coordinates (Wikipedia)", "A second report (Newswire)"]


def test_filter_keeps_rows_matching_both_status_and_category(lines, sites):
    assert list(geo.filter_features(lines, ["proposed"], ["pipeline", "rail"])["route_id"]) == ["pipe-line"]
    assert geo.filter_features(lines, ["proposed"], ["rail"]).empty
    assert list(geo.filter_features(sites, ["stalled", "operational"], ["energy"])["name"]) == ["Power station"]


def test_shown_table_puts_stated_beside_computed_length(lines, sites):
    table = geo.shown_table(lines, sites)
    assert list(table["feature"]) == ["route", "route", "site", "site"]
    pipe = table[table["name"] == "Gas pipeline"].iloc[0]
    assert pipe["stated_length_km"] == 1100.0
    assert pipe["computed_length_km"] == pytest.approx(748, abs=5)
    assert pipe["source_ids"] == "article; wiki; other"
    assert table[table["feature"] == "site"]["computed_length_km"].isna().all()


def test_shown_table_of_nothing_is_empty_with_its_columns(lines, sites):
    table = geo.shown_table(lines.iloc[0:0], sites.iloc[0:0])
    assert table.empty
    assert {"name", "stated_length_km", "computed_length_km", "cost_usd_m", "source_ids"} <= set(table.columns)


def test_unlocated_projects_are_those_with_neither_site_nor_route(lines):
    assert list(geo.unlocated_projects(PROJECTS, lines)["name"]) == ["Free zones"]


# ---- The deck ----------------------------------------------------------------------------------


def test_deck_has_solid_and_dashed_route_layers_points_and_labels(lines, sites):
    places = geo.route_places(lines, ROUTES, SOURCES)
    layers = layers_by_id(map_deck.build_deck(lines, sites, places))
    assert {name: layer["@@type"] for name, layer in layers.items()} == {
        "routes-solid": "PathLayer",
        "routes-dashed": "PathLayer",
        "places": "ScatterplotLayer",
        "sites": "ScatterplotLayer",
        "labels": "TextLayer",
    }
    assert [feature["name"] for feature in layers["routes-solid"]["data"]] == ["Border railway"]
    assert [feature["name"] for feature in layers["routes-dashed"]["data"]] == ["Gas pipeline"]
    assert layers["routes-dashed"]["extensions"] == [{"@@type": "PathStyleExtension", "dash": True}]
    assert "extensions" not in layers["routes-solid"]
    assert len(layers["places"]["data"]) == 5
    assert layers["labels"]["characterSet"] == "auto"


def test_routes_and_sites_are_coloured_by_status(lines, sites):
    layers = layers_by_id(map_deck.build_deck(lines, sites, geo.route_places(lines, ROUTES, SOURCES)))
    assert layers["routes-dashed"]["data"][0]["color"][:3] == list(chart_style.STATUS_COLOURS["proposed"])
    colours = {site["name"]: site["color"][:3] for site in layers["sites"]["data"]}
    assert colours["Power station"] == list(chart_style.STATUS_COLOURS["stalled"])


def test_pixel_units_are_literals_not_data_accessors(lines, sites):
    layers = layers_by_id(map_deck.build_deck(lines, sites, geo.route_places(lines, ROUTES, SOURCES)))
    assert layers["routes-solid"]["widthUnits"] == "pixels"
    assert layers["sites"]["radiusUnits"] == "pixels"


def test_only_chosen_layers_are_built(lines, sites):
    places = geo.route_places(lines, ROUTES, SOURCES)
    assert set(layers_by_id(map_deck.build_deck(lines, sites, places, layers=["sites"]))) == {"sites"}
    assert set(layers_by_id(map_deck.build_deck(lines, sites, places, layers=["routes", "labels"]))) == {
        "routes-solid",
        "routes-dashed",
        "labels",
    }


def test_labels_name_each_spot_once_in_a_proportional_font(lines):
    sites = geo.project_sites(PROJECTS.assign(lat=PROJECTS["lat"].replace(42.3, 42.34), lon=130.39), SOURCES)
    labels = layers_by_id(map_deck.build_deck(lines, sites, geo.route_places(lines, ROUTES, SOURCES)))["labels"]
    texts = [label["text"] for label in labels["data"]]
    assert "Vladivostok" in texts
    assert "Border railway" not in texts  # Rajin, a place on the route, names that spot; the site is in hover
    assert len({tuple(label["position"]) for label in labels["data"]}) == len(texts)
    assert "mono" not in labels["fontFamily"].lower() and labels["fontFamily"].endswith("sans-serif")


def test_no_basemap_sets_no_provider_so_nothing_is_fetched(lines, sites):
    spec = deck_json(map_deck.build_deck(lines, sites, geo.route_places(lines, ROUTES, SOURCES), basemap="none"))
    assert "mapProvider" not in spec
    assert "http" not in spec["mapStyle"]


@pytest.mark.parametrize(("basemap", "style"), [("light", "positron"), ("dark", "dark-matter")])
def test_light_and_dark_basemaps_use_carto_styles(lines, sites, basemap, style):
    spec = deck_json(map_deck.build_deck(lines, sites, geo.route_places(lines, ROUTES, SOURCES), basemap=basemap))
    assert spec["mapProvider"] == "carto"
    assert style in spec["mapStyle"]


def test_unknown_basemap_is_rejected(lines, sites):
    with pytest.raises(ValueError, match="basemap"):
        map_deck.build_deck(lines, sites, geo.route_places(lines, ROUTES, SOURCES), basemap="satellite")


def test_tooltip_is_plain_text_with_name_status_lengths_cost_and_source(lines, sites):
    deck = map_deck.build_deck(lines, sites, geo.route_places(lines, ROUTES, SOURCES))
    assert deck._tooltip == {"text": "{hover_text}"}
    hover = layers_by_id(deck)["routes-dashed"]["data"][0]["hover_text"].split("\n")
    assert hover[0] == "Gas pipeline (schematic line)"  # endpoints only: the path is not known
    assert "Proposed" in hover[1]
    assert "Stated length: 1,100 km" in hover
    assert any(line.startswith("Computed length: 74") and "endpoints only" in line for line in hover)
    assert "Cost: $3.5B" in hover
    assert hover[-1].startswith("Source: The 2014 article (NEA journal)")


def test_markup_in_a_name_is_kept_as_literal_text_for_the_text_tooltip():
    planted = PROJECTS.assign(name=PROJECTS["name"].replace("Power station", PLANTED_NAME))
    sites = geo.project_sites(planted, SOURCES)
    lines = geo.route_lines(ROUTES, planted, SOURCES)
    site_data = layers_by_id(map_deck.build_deck(lines, sites, geo.route_places(lines, ROUTES, SOURCES)))["sites"][
        "data"
    ]
    planted_site = next(site for site in site_data if site["name"] == PLANTED_NAME)
    assert planted_site["hover_text"].startswith(PLANTED_NAME + "\n")


def test_initial_view_fits_every_point_in_the_map():
    latitudes, longitudes = [37.5, 43.6, 50.25], [126.6, 131.9, 127.5]
    view = map_view.initial_view(latitudes, longitudes)
    world = map_view.TILE_SIZE_PIXELS * 2**view.zoom
    centre_x = (view.longitude + 180) / 360 * world
    centre_y = map_view.mercator_y(view.latitude) * world
    for lat, lon in zip(latitudes, longitudes, strict=True):
        assert abs((lon + 180) / 360 * world - centre_x) <= map_view.MAP_WIDTH_PIXELS / 2
        assert abs(map_view.mercator_y(lat) * world - centre_y) <= map_view.MAP_HEIGHT_PIXELS / 2


def test_initial_view_of_nothing_is_north_east_asia():
    view = map_view.initial_view([], [])
    assert (view.latitude, view.longitude) == (40.0, 130.0)


def test_legend_has_a_symbol_per_status_and_per_line_and_point_style():
    legend = map_deck.legend_table()
    assert list(legend["meaning"][: len(geo.STATUS_LABELS)]) == list(geo.STATUS_LABELS.values())
    assert len(legend) == len(geo.STATUS_LABELS) + 4
    dashed = legend[legend["meaning"].str.startswith("Dashed")]["symbol"].iloc[0]
    svg = base64.b64decode(dashed.removeprefix("data:image/svg+xml;base64,")).decode()
    assert "stroke-dasharray" in svg
    proposed_colour = "rgb({},{},{})".format(*chart_style.STATUS_COLOURS["proposed"])
    proposed_symbol = legend[legend["meaning"] == "Proposed"]["symbol"].iloc[0]
    assert proposed_colour in base64.b64decode(proposed_symbol.split(",", 1)[1]).decode()


@pytest.mark.parametrize(
    ("value", "text"), [(1100.0, "1,100 km"), (float("nan"), "not stated")]
)  # fmt: skip
def test_format_length(value, text):
    assert formats.length_km(value) == text


@pytest.mark.parametrize(("value", "text"), [(250.0, "$250M"), (3500.0, "$3.5B"), (float("nan"), "not stated")])
def test_format_cost(value, text):
    assert formats.money(value, 0) == text


def test_preferred_row_borrows_an_undisputed_figure_from_its_other_sources():
    projects = pd.DataFrame(
        {
            "project_id": ["pipe", "pipe", "pipe", "rail", "rail"],
            "length_km": [None, 1100.0, 1100.0, None, None],
            "cost_usd_m": [None, 3500.0, 2500.0, 54.0, None],
            "source_id": ["current", "plan-a", "plan-b", "rail-a", "rail-b"],
            "preferred": [True, False, False, False, True],
        }
    )
    chosen = geo.preferred_projects(projects).set_index("project_id")
    assert chosen.at["pipe", "length_km"] == 1100.0
    assert pd.isna(chosen.at["pipe", "cost_usd_m"])  # 3,500 vs 2,500: disputed, not borrowed
    assert chosen.at["pipe", "figure_source_ids"] == ["plan-a", "plan-b"]
    assert chosen.at["rail", "cost_usd_m"] == 54.0
    assert chosen.at["rail", "figure_source_ids"] == ["rail-a"]


# A 2×2 degree square of land with a 0.5-degree lake in the middle, as an outline feature.
SQUARE = [[[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0], [0.0, 0.0]]]
LAKE = [[0.75, 0.75], [1.25, 0.75], [1.25, 1.25], [0.75, 1.25], [0.75, 0.75]]
ISLAND = {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [SQUARE[0], LAKE]}}
FAR_ISLAND = {
    "type": "Feature",
    "properties": {},
    "geometry": {"type": "MultiPolygon", "coordinates": [[[[10.0, 0.0], [12.0, 0.0], [12.0, 2.0], [10.0, 0.0]]]]},
}


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [(0.5, 0.5, True), (1.0, 1.0, False), (0.5, 5.0, False), (0.5, 11.5, True), (1.5, 10.2, False)],
)
def test_on_land_reads_polygons_holes_and_multipolygons(lat, lon, expected):
    assert route_checks.on_land(lat, lon, [ISLAND, FAR_ISLAND]) is expected


def test_water_share_of_a_leg_on_land_is_zero_and_of_a_leg_across_the_sea_is_most():
    assert route_checks.water_share((0.2, 0.2), (0.2, 1.8), [ISLAND]) == 0
    across = route_checks.water_share((0.5, 1.0), (0.5, 11.0), [ISLAND, FAR_ISLAND])
    assert 0.7 < across < 0.9  # 1 of 10 degrees on each island: 80% sea


def test_water_share_needs_two_samples():
    with pytest.raises(ValueError):
        route_checks.water_share((0, 0), (1, 1), [ISLAND], samples=1)


def test_wet_segments_names_only_the_legs_mostly_over_water():
    routes = pd.DataFrame(
        [
            ("r", "p", 1, "West", 0.5, 0.5, "wiki"),
            ("r", "p", 2, "East of west", 0.5, 1.5, "wiki"),
            ("r", "p", 3, "Far island", 0.5, 11.0, "wiki"),
        ],
        columns=["route_id", "project_id", "seq", "place", "lat", "lon", "source_id"],
    )
    wet = route_checks.wet_segments(routes, [ISLAND, FAR_ISLAND])
    assert wet[["from", "to"]].values.tolist() == [["East of west", "Far island"]]
    assert wet["water_share"].iloc[0] > 0.5


def test_a_route_flagged_schematic_is_dashed_and_labelled_even_when_operational():
    flagged = ROUTES.assign(schematic=ROUTES["route_id"] == "rail-line")
    lines = geo.route_lines(flagged, PROJECTS, SOURCES)
    rail = lines.set_index("route_id").loc["rail-line"]
    assert rail["schematic"] and rail["alignment"].startswith("schematic")
    deck = layers_by_id(
        map_deck.build_deck(lines, geo.project_sites(PROJECTS, SOURCES), geo.route_places(lines, flagged, SOURCES))
    )
    assert [record["name"] for record in deck["routes-solid"]["data"]] == []
    dashed = {record["name"]: record["hover_text"] for record in deck["routes-dashed"]["data"]}
    assert dashed["Border railway"].startswith("Border railway (schematic line)\n")
    table = geo.shown_table(lines, geo.project_sites(PROJECTS, SOURCES))
    assert table.loc[table["feature"] == "route", "schematic"].all()
    assert not table.loc[table["feature"] == "site", "schematic"].any()


def test_a_route_without_the_schematic_column_is_schematic_only_with_two_vertices():
    lines = geo.route_lines(ROUTES, PROJECTS, SOURCES).set_index("route_id")
    assert not lines.loc["rail-line", "schematic"]
    assert lines.loc["pipe-line", "schematic"]


@pytest.mark.parametrize(("latitude", "share"), [(-90, 1.0), (90, 0.0), (-85.0511287798066, 1.0), (0, 0.5)])
def test_mercator_y_is_finite_to_the_poles(latitude, share):
    assert map_view.mercator_y(latitude) == pytest.approx(share, abs=1e-9)


def test_a_view_that_reaches_the_south_pole_still_fits_both_points_at_a_zoom_within_bounds():
    view = map_view.initial_view([-90.0, 40.0], [120.0, 130.0])
    assert math.isfinite(view.zoom) and math.isfinite(view.latitude)
    # The pole maps to the bottom edge of the world (Mercator y 1), 40°N to about 0.38 of its height:
    # the two span about 0.62 of the world, so it must be shown at most 640 px high, zoom under 1.
    assert 0 <= view.zoom <= 1 < map_view.MAX_ZOOM
    for lat, lon in [(-90.0, 120.0), (40.0, 130.0)]:
        x, y = map_view.screen_point(lon, lat, view)
        assert abs(x) <= map_view.MAP_WIDTH_PIXELS / 2 and abs(y) <= map_view.MAP_HEIGHT_PIXELS / 2, (lat, x, y)
