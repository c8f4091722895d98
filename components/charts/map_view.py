"""The map's first view: Web Mercator arithmetic, the zoom that fits a set of points in the drawn map,
the view that keeps the routes large, and where a point lands on screen at a view."""

import math
from collections.abc import Sequence

import pandas as pd
import pydeck as pdk

from components.analysis import geo

MAP_WIDTH_PIXELS = 900
MAP_HEIGHT_PIXELS = 640
TILE_SIZE_PIXELS = 512
MAX_ZOOM = 9.0


def initial_view(latitudes: Sequence[float], longitudes: Sequence[float]) -> pdk.ViewState:
    """A view centred on the points' bounding box at the zoom that fits it in the map."""
    if len(latitudes) == 0:
        return pdk.ViewState(latitude=40.0, longitude=130.0, zoom=4.0)
    south, north = min(latitudes), max(latitudes)
    west, east = min(longitudes), max(longitudes)
    lon_span = max(east - west, 0.5)
    mercator_span = max(mercator_y(south) - mercator_y(north), 1e-3)
    zoom_for_width = math.log2(MAP_WIDTH_PIXELS * 360 / (TILE_SIZE_PIXELS * lon_span * 1.2))
    zoom_for_height = math.log2(MAP_HEIGHT_PIXELS / (TILE_SIZE_PIXELS * mercator_span * 1.2))
    zoom = round(min(zoom_for_width, zoom_for_height, MAX_ZOOM), 2)
    centre_latitude = _latitude_ofmercator_y((mercator_y(south) + mercator_y(north)) / 2)
    return pdk.ViewState(latitude=round(centre_latitude, 4), longitude=round((west + east) / 2, 4), zoom=zoom)


def fit_view(lines: pd.DataFrame, sites: pd.DataFrame) -> pdk.ViewState:
    """The initial view that fits every vertex of ``lines`` and every point of ``sites``."""
    latitudes = [lat for path in lines["path"] for _, lat in path] + list(sites["lat"])
    longitudes = [lon for path in lines["path"] for lon, _ in path] + list(sites["lon"])
    return initial_view(latitudes, longitudes)


# Web Mercator stops here (the world is square); the poles themselves lie at infinity.
MERCATOR_MAX_LATITUDE = 85.0511287798066


def mercator_y(latitude: float) -> float:
    """Web-Mercator y of a latitude as a share of the world height (0 at the top, 1 at the bottom);
    latitudes beyond ±85.05° (the poles included) map to the edge."""
    phi = math.radians(min(max(latitude, -MERCATOR_MAX_LATITUDE), MERCATOR_MAX_LATITUDE))
    return (1 - math.log(math.tan(math.pi / 4 + phi / 2)) / math.pi) / 2


def _latitude_ofmercator_y(share: float) -> float:
    return math.degrees(2 * math.atan(math.exp(math.pi * (1 - 2 * share))) - math.pi / 2)


# A site this far from every route vertex does not widen the first view (it is listed under the map).
FOCUS_DISTANCE_KM = 300.0


def screen_point(lon: float, lat: float, view: pdk.ViewState) -> tuple[float, float]:
    """Pixels from the view centre of ``lon, lat`` in deck.gl's Web Mercator at the view's zoom."""
    world = TILE_SIZE_PIXELS * 2**view.zoom
    x = (lon - view.longitude) / 360 * world
    y = (mercator_y(lat) - mercator_y(view.latitude)) * world
    return x, y


def focus_view(lines: pd.DataFrame, sites: pd.DataFrame) -> tuple[pdk.ViewState, pd.DataFrame]:
    """The first view: every route vertex and every site within ``FOCUS_DISTANCE_KM`` of one, so the
    routes fill the map; also the sites left outside it. With no routes, every site counts."""
    vertices = [(lat, lon) for path in lines["path"] for lon, lat in path]
    if not vertices:
        return fit_view(lines, sites), sites.iloc[0:0]
    near = [
        min(geo.great_circle_km(lat, lon, *vertex) for vertex in vertices) <= FOCUS_DISTANCE_KM
        for lat, lon in zip(sites["lat"], sites["lon"], strict=True)
    ]
    near = pd.Series(near, index=sites.index, dtype=bool)
    return fit_view(lines, sites[near]), sites[~near]


def first_view(
    all_lines: pd.DataFrame, all_sites: pd.DataFrame, lines: pd.DataFrame, sites: pd.DataFrame, project: str | None
) -> tuple[pdk.ViewState, pd.DataFrame]:
    """The map's first view and the sites left outside it: with a ``project`` chosen and drawn (its
    ``lines`` and ``sites``), fitted to that project alone; else ``focus_view`` of everything, the same
    view whatever the filters, so a filter never moves the map."""
    if project and not (lines.empty and sites.empty):
        return fit_view(lines, sites), sites.iloc[0:0]
    return focus_view(all_lines, all_sites)
