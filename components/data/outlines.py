"""Country outlines for the offline map (``data/outlines.geojson``), checked like the curated tables: every
problem named with its feature, and every feature's ``source_id`` in sources.csv."""

import json
import math
from pathlib import Path

from components.data import paths
from components.data.loader import DataError, decode_utf8, read_table
from components.i18n import _


def load_outlines(data_dir: Path | None = None) -> list[dict]:
    """Country outlines for the offline map (``outlines.geojson``): one feature per country.

    Each feature must be a (Multi)Polygon with WGS84 coordinates and a ``source_id`` in sources.csv.
    """
    folder = Path(data_dir) if data_dir else paths.data_dir()
    file_name = "data/outlines.geojson"
    try:
        collection = json.loads(decode_utf8((folder / "outlines.geojson").read_bytes(), file_name))
    except FileNotFoundError:
        raise DataError(file_name, [_("file not found")]) from None
    except json.JSONDecodeError as error:
        raise DataError(
            file_name, [_("line {n}: not valid JSON ({reason})").format(n=error.lineno, reason=error.msg)]
        ) from None
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list):
        raise DataError(file_name, [_("is not a GeoJSON FeatureCollection")])
    known_sources = set(read_table("sources", data_dir)["source_id"])
    problems = [
        problem
        for number, feature in enumerate(features, start=1)
        for problem in _outline_problems(number, feature, known_sources)
    ]
    if problems:
        raise DataError(file_name, problems)
    return features


def _is_point(point) -> bool:
    return (
        isinstance(point, list)
        and len(point) >= 2
        and all(isinstance(part, int | float) and not isinstance(part, bool) for part in point[:2])
        and all(math.isfinite(part) for part in point[:2])
    )


def _outline_problems(number: int, feature, known_sources: set) -> list[str]:
    """What is wrong with one outlines feature, whatever shape the JSON has (empty when it is usable)."""
    if not isinstance(feature, dict):
        return [_("feature {n}: is not a GeoJSON Feature object").format(n=number)]
    properties = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
    geometry = feature.get("geometry") if isinstance(feature.get("geometry"), dict) else {}
    where = _("feature {n} ({name})").format(n=number, name=properties.get("name", _("unnamed")))
    problems = []
    if properties.get("source_id") not in known_sources:
        problems.append(
            _("{where}: source_id {source!r} is not in sources.csv").format(
                where=where, source=properties.get("source_id")
            )
        )
    polygons = geometry.get("coordinates")
    if geometry.get("type") == "Polygon":
        polygons = [polygons]
    elif geometry.get("type") != "MultiPolygon":
        return [*problems, _("{where}: geometry must be a Polygon or MultiPolygon").format(where=where)]
    rings = (
        [ring for polygon in polygons if isinstance(polygon, list) for ring in polygon]
        if isinstance(polygons, list)
        else []
    )
    well_formed = (
        isinstance(polygons, list)
        and all(isinstance(polygon, list) for polygon in polygons)
        and all(isinstance(ring, list) and ring and all(_is_point(point) for point in ring) for ring in rings)
    )
    if not well_formed:
        return [
            *problems,
            _("{where}: coordinates must be lists of rings of [longitude, latitude] number pairs").format(where=where),
        ]
    points = [point for ring in rings for point in ring]
    if not all(-180 <= point[0] <= 180 and -90 <= point[1] <= 90 for point in points):
        problems.append(_("{where}: a coordinate lies outside longitude ±180 / latitude ±90").format(where=where))
    return problems
