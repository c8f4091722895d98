"""Map labels: at the first view no printed label overlaps another or a dot; the rest stay in hover."""

import itertools

import pandas as pd
import pydeck as pdk
import pytest

from components.analysis import geo
from components.charts import map_deck, map_labels, map_view
from components.charts.map_labels import Box
from components.data import loader

VIEW = pdk.ViewState(latitude=40.0, longitude=129.0, zoom=5.0)


def site(name: str, lon: float, lat: float) -> dict:
    return {"name": name, "position": [lon, lat]}


def test_boxes_overlap_only_when_they_share_area():
    box = Box(0, 0, 10, 10)
    assert box.overlaps(Box(5, 5, 15, 15))
    assert not box.overlaps(Box(10, 0, 20, 10))  # touching edges
    assert not box.overlaps(Box(0, 11, 10, 20))


def test_text_box_grows_with_the_text_and_sits_right_of_the_dot():
    short, long = map_labels.text_box("Rajin", 0, 0), map_labels.text_box("Rajin port terminal (pier 3)", 0, 0)
    assert long.right - long.left > short.right - short.left
    assert short.left > 0 and short.top < 0 < short.bottom
    two_lines = map_labels.text_box("Rajin\nKhasan", 0, 0)
    assert two_lines.bottom - two_lines.top > short.bottom - short.top


def test_screen_point_is_the_view_centre_at_the_view_centre():
    assert map_view.screen_point(VIEW.longitude, VIEW.latitude, VIEW) == pytest.approx((0, 0))
    x, y = map_view.screen_point(VIEW.longitude + 1, VIEW.latitude + 1, VIEW)
    assert x > 0 and y < 0  # east is right, north is up


def test_labels_close_together_take_both_sides_then_are_left_out():
    places = [site("Khasan", 130.64, 42.43), site("Tumangang", 130.61, 42.42), site("Rajin", 130.62, 42.425)]
    kept = map_labels.place_labels([], places, VIEW)
    assert [(label.text, label.side) for label in kept] == [("Khasan", "right"), ("Tumangang", "left")]


def test_a_label_that_would_leave_the_map_goes_left_or_is_left_out():
    edge = VIEW.longitude + 300 / (map_view.TILE_SIZE_PIXELS * 2**VIEW.zoom) * 360  # 300 px right of the centre
    kept = map_labels.place_labels([], [site("Vladivostok", edge, VIEW.latitude)], VIEW, area=(680, 560))
    assert [label.side for label in kept] == ["left"]
    assert map_labels.place_labels([], [site("Vladivostok", edge, VIEW.latitude)], VIEW, area=(100, 100)) == []


def test_labels_far_apart_are_all_kept():
    places = [site("Vladivostok", 131.88, 43.12), site("Wonsan", 127.44, 39.15), site("Seoul", 126.98, 37.57)]
    kept = map_labels.place_labels([], places, VIEW)
    assert [label.text for label in kept] == ["Vladivostok", "Wonsan", "Seoul"]


def test_a_place_names_its_spot_and_a_spot_of_sites_shows_its_shortest_name():
    sites = [
        site("Rajin port terminal (pier 3)", 130.39, 42.34),
        site("Russian companies in the Kaesong Industrial Park", 126.55, 37.967),
        site("Kaesong Industrial Region", 126.55, 37.967),
    ]
    candidates = map_labels.label_candidates(sites, [site("Rajin", 130.39, 42.34)])
    assert [text for text, _ in candidates] == ["Rajin", "Kaesong Industrial Region +1"]


def test_a_label_never_covers_another_dot():
    sites = [site("A long project name here", 129.0, 40.0), site("B", 129.4, 40.0)]
    kept = map_labels.place_labels(sites, [], VIEW)
    assert [(label.text, label.side) for label in kept] == [("B", "right"), ("A long project name here", "left")]


def test_route_ends_are_labelled_before_stops():
    lines = pd.DataFrame({"path": [[[130.64, 42.43], [130.61, 42.42], [130.39, 42.34]]]})
    places = [site("Khasan", 130.64, 42.43), site("Tumangang", 130.61, 42.42), site("Rajin", 130.39, 42.34)]
    marked = map_labels.mark_route_ends(places, lines)
    assert [record["end"] for record in marked] == [True, False, True]
    assert [text for text, _ in map_labels.label_candidates([], marked)] == ["Khasan", "Rajin", "Tumangang"]


@pytest.fixture(scope="module")
def curated_layers():
    tables = {name: loader.load(name) for name in ("projects", "routes", "sources")}
    lines = geo.route_lines(tables["routes"], tables["projects"], tables["sources"])
    sites = geo.project_sites(tables["projects"], tables["sources"])
    places = geo.route_places(lines, tables["routes"], tables["sources"])
    return lines, sites, places


def test_curated_map_labels_overlap_nothing_at_the_first_view(curated_layers):
    lines, sites, places = curated_layers
    view, _ = map_view.focus_view(lines, sites)
    deck = map_deck.build_deck(lines, sites, places, view=view)
    (text_layer,) = [layer for layer in deck.layers if layer.id == "labels"]
    site_records = [
        {"name": n, "position": [lon, lat]}
        for n, lon, lat in zip(sites["name"], sites["lon"], sites["lat"], strict=True)
    ]
    place_records = [
        {"name": n, "position": [lon, lat]}
        for n, lon, lat in zip(places["place"], places["lon"], places["lat"], strict=True)
    ]
    place_records = map_labels.mark_route_ends(place_records, lines)
    kept = map_labels.place_labels(site_records, place_records, view)
    assert map_labels.label_records(kept) == text_layer.data
    assert len(kept) >= 3
    assert {"Khasan station", "Rajin station"} <= {label.text for label in kept}  # the line's two ends are named
    for first, second in itertools.combinations(kept, 2):
        assert not first.box.overlaps(second.box), (first.text, second.text)
    for label in kept:
        for record, radius in [(r, map_labels.SITE_RADIUS_PIXELS) for r in site_records] + [
            (r, map_labels.PLACE_RADIUS_PIXELS) for r in place_records
        ]:
            spot = (round(record["position"][0], 3), round(record["position"][1], 3))
            if spot != label.position:
                dot = map_labels.dot_box(*map_view.screen_point(*record["position"], view), radius)
                assert not label.box.overlaps(dot), (label.text, record["name"])


def test_first_view_fits_the_routes_and_lists_far_sites(curated_layers):
    lines, sites, _ = curated_layers
    far = pd.DataFrame({"name": ["Far away"], "lat": [55.0], "lon": [100.0]})
    view, outside = map_view.focus_view(lines, pd.concat([sites[["name", "lat", "lon"]], far], ignore_index=True))
    assert list(outside["name"])[-1] == "Far away"
    assert "Far away" not in set(sites["name"])
    assert view.zoom > map_view.fit_view(lines, pd.concat([sites, far], ignore_index=True)).zoom
    for path in lines["path"]:
        for lon, lat in path:
            x, y = map_view.screen_point(lon, lat, view)
            assert abs(x) <= map_view.MAP_WIDTH_PIXELS / 2 and abs(y) <= map_view.MAP_HEIGHT_PIXELS / 2


def test_with_no_routes_the_first_view_shows_every_site_and_fills_the_map_with_them():
    lines = pd.DataFrame(columns=["path"])
    sites = pd.DataFrame({"name": ["a", "b"], "lat": [40.0, 50.0], "lon": [125.0, 127.0]})
    view, outside = map_view.focus_view(lines, sites)
    assert outside.empty
    points = [map_view.screen_point(lon, lat, view) for lat, lon in zip(sites["lat"], sites["lon"], strict=True)]
    for x, y in points:
        assert abs(x) <= map_view.MAP_WIDTH_PIXELS / 2 and abs(y) <= map_view.MAP_HEIGHT_PIXELS / 2, (x, y)
    # 10° of latitude is the longer side: the two sites stand more than half the map's height apart.
    (_, north_y), (_, south_y) = sorted(points, key=lambda point: point[1])
    assert south_y - north_y > map_view.MAP_HEIGHT_PIXELS / 2


def test_full_width_labels_get_wider_boxes_than_the_same_count_of_latin_letters():
    latin = map_labels.text_box("Rajin", 0, 0)
    hangul = map_labels.text_box("나진역나진", 0, 0)
    assert hangul.right - hangul.left > (latin.right - latin.left) * 1.5
    assert map_labels.text_width_em("나진") == 2 * map_labels.WIDE_CHARACTER_WIDTH_EM
    assert map_labels.text_width_em("Раджин") == pytest.approx(6 * map_labels.CHARACTER_WIDTH_EM)
