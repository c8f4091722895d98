"""Whether the drawn route legs cross the sea: a data-test helper that checks routes.csv against the
country outlines (the app draws the legs; it never asks)."""

from collections.abc import Iterable, Sequence

import pandas as pd


def _point_in_ring(lon: float, lat: float, ring: Sequence[Sequence[float]]) -> bool:
    """Even-odd ray casting on a closed ``[lon, lat]`` ring (planar; fine at country-outline scale)."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def on_land(lat: float, lon: float, outlines: Iterable[dict]) -> bool:
    """True when the point lies inside any Polygon or MultiPolygon feature of ``outlines`` (holes count
    as water)."""
    for feature in outlines:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for polygon in polygons:
            if _point_in_ring(lon, lat, polygon[0]) and not any(_point_in_ring(lon, lat, hole) for hole in polygon[1:]):
                return True
    return False


def water_share(
    start: tuple[float, float], end: tuple[float, float], outlines: Sequence[dict], samples: int = 40
) -> float:
    """Share (0–1) of evenly spaced points along the straight ``(lat, lon)`` segment that fall outside
    every outline: how much of a drawn leg crosses the sea at the outlines' resolution."""
    if samples < 2:
        raise ValueError("a segment needs at least two sample points")
    wet = 0
    for step in range(samples):
        share = step / (samples - 1)
        lat = start[0] + (end[0] - start[0]) * share
        lon = start[1] + (end[1] - start[1]) * share
        wet += not on_land(lat, lon, outlines)
    return wet / samples


def wet_segments(routes: pd.DataFrame, outlines: Sequence[dict], threshold: float = 0.5) -> pd.DataFrame:
    """Route legs whose water share exceeds ``threshold``: ``route_id``, ``from``, ``to``, ``water_share``."""
    rows = []
    for route_id, vertices in routes.sort_values(["route_id", "seq"]).groupby("route_id", sort=True):
        points = list(zip(vertices["lat"], vertices["lon"], vertices["place"], strict=True))
        for (lat1, lon1, place1), (lat2, lon2, place2) in zip(points, points[1:], strict=False):
            share = water_share((lat1, lon1), (lat2, lon2), outlines)
            if share > threshold:
                rows.append({"route_id": route_id, "from": place1, "to": place2, "water_share": round(share, 2)})
    return pd.DataFrame(rows, columns=["route_id", "from", "to", "water_share"])


def country_at(lat: float, lon: float, outlines: Iterable[dict]) -> str | None:
    """The ``iso3`` of the outline the point lies in, or ``None`` at sea."""
    for feature in outlines:
        if on_land(lat, lon, [feature]):
            return feature["properties"].get("iso3")
    return None


def third_country_share(
    start: tuple[float, float],
    end: tuple[float, float],
    countries: set[str],
    outlines: Sequence[dict],
    samples: int = 40,
) -> tuple[float, set[str]]:
    """Share (0–1) of evenly spaced points along the straight ``(lat, lon)`` leg that fall in a country
    outside ``countries`` (the route's own), and which countries those are."""
    third, names = 0, set()
    for step in range(samples):
        share = step / (samples - 1)
        country = country_at(start[0] + (end[0] - start[0]) * share, start[1] + (end[1] - start[1]) * share, outlines)
        if country is not None and country not in countries:
            third += 1
            names.add(country)
    return third / samples, names


def third_country_legs(
    routes: pd.DataFrame, projects: pd.DataFrame, outlines: Sequence[dict], threshold: float = 0.0
) -> pd.DataFrame:
    """Route legs of which more than ``threshold`` runs through a country that is not one of the route's
    project's ``countries``: ``route_id``, ``from``, ``to``, ``share``, ``third``, ``schematic``."""
    countries = {
        project_id: set(str(text).split(";"))
        for project_id, text in zip(projects["project_id"], projects["countries"], strict=True)
    }
    rows = []
    for route_id, vertices in routes.sort_values(["route_id", "seq"]).groupby("route_id", sort=True):
        own = countries.get(vertices["project_id"].iloc[0], set())
        schematic = bool(vertices["schematic"].fillna(False).astype(bool).any()) if "schematic" in vertices else False
        points = list(zip(vertices["lat"], vertices["lon"], vertices["place"], strict=True))
        for (lat1, lon1, place1), (lat2, lon2, place2) in zip(points, points[1:], strict=False):
            share, third = third_country_share((lat1, lon1), (lat2, lon2), own, outlines)
            if share > threshold:
                rows.append(
                    {
                        "route_id": route_id,
                        "from": place1,
                        "to": place2,
                        "share": round(share, 2),
                        "third": ";".join(sorted(third)),
                        "schematic": schematic,
                    }
                )
    return pd.DataFrame(rows, columns=["route_id", "from", "to", "share", "third", "schematic"])
