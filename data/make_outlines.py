"""Rebuild ``data/outlines.geojson``: country outlines of Northeast Asia for the offline map.

Source: Natural Earth "Admin 0 – Countries" at 1:110m (public domain), as shipped inside the
geopandas 0.14.4 wheel (``geopandas/datasets/naturalearth_lowres``). Polygons are clipped to the
map's region and rounded to 0.01°. Run once by hand, not by the app or the tests:

    pip download --no-deps geopandas==0.14.4 pyshp==3.1.6   # then unzip both
    PYTHONPATH=<pyshp dir> python data/make_outlines.py <dir holding naturalearth_lowres.shp>
"""

import json
import sys
from pathlib import Path

import shapefile  # pyshp

COUNTRIES = ("RUS", "PRK", "KOR", "CHN", "JPN", "MNG")
WEST, SOUTH, EAST, NORTH = 110.0, 30.0, 150.0, 56.0
SOURCE_ID = "natural-earth-110m"


def _clip(ring, inside, intersect):
    """One Sutherland–Hodgman pass of ``ring`` against one edge of the clip rectangle."""
    clipped = []
    for index, current in enumerate(ring):
        previous = ring[index - 1]
        if inside(current):
            if not inside(previous):
                clipped.append(intersect(previous, current))
            clipped.append(current)
        elif inside(previous):
            clipped.append(intersect(previous, current))
    return clipped


def _at_x(x):
    return lambda a, b: (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))


def _at_y(y):
    return lambda a, b: (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)


def clip_ring(ring):
    """``ring`` (list of lon, lat) clipped to the map rectangle; empty when wholly outside."""
    for inside, intersect in (
        (lambda p: p[0] >= WEST, _at_x(WEST)),
        (lambda p: p[0] <= EAST, _at_x(EAST)),
        (lambda p: p[1] >= SOUTH, _at_y(SOUTH)),
        (lambda p: p[1] <= NORTH, _at_y(NORTH)),
    ):
        ring = _clip(ring, inside, intersect) if ring else ring
    return [[round(lon, 2), round(lat, 2)] for lon, lat in ring]


def main(folder: Path) -> None:
    reader = shapefile.Reader(str(folder / "naturalearth_lowres.shp"))
    fields = [field[0] for field in reader.fields[1:]]
    features = []
    for record, shape in zip(reader.records(), reader.shapes(), strict=True):
        attributes = dict(zip(fields, record, strict=True))
        if attributes["iso_a3"] not in COUNTRIES:
            continue
        starts = [*shape.parts, len(shape.points)]
        rings = [clip_ring(shape.points[start:end]) for start, end in zip(starts, starts[1:], strict=False)]
        polygons = [[ring] for ring in rings if len(ring) >= 4]
        if polygons:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"iso3": attributes["iso_a3"], "name": attributes["name"], "source_id": SOURCE_ID},
                    "geometry": {"type": "MultiPolygon", "coordinates": polygons},
                }
            )
    output = Path(__file__).resolve().parent / "outlines.geojson"
    output.write_text(json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")) + "\n")
    print(f"{output}: {len(features)} countries, {output.stat().st_size} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
