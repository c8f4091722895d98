"""Which names the map prints at its first view: labels are placed in screen pixels at the view's zoom
(``map_view``) and a label that would overlap one already placed (or a dot) is left out; its name
stays in the dot's hover text.

deck.gl's TextLayer draws every label it is given, overlapping or not, so the choice is made here
from estimated text boxes; tests check the boxes directly.
"""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk

from components.charts.map_view import screen_point

# Noto Sans CJK (Debian's fonts-noto-cjk, `make fonts`) draws Hangul, kana and kanji; DejaVu Cyrillic.
FONT_FAMILY = (
    '"Source Sans 3", "Source Sans Pro", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", '
    '"Noto Sans CJK KR", "Noto Sans CJK JP", sans-serif'
)
FONT_SIZE_PIXELS = 13
# Wider than the average glyph of a proportional sans (about 0.5 em), so estimated boxes over-cover.
CHARACTER_WIDTH_EM = 0.6
# Hangul, kana and kanji are full-width: one em each.
WIDE_CHARACTER_WIDTH_EM = 1.0
LINE_HEIGHT_EM = 1.25
LABEL_GAP_PIXELS = 10  # from the dot's centre to the text, right (or left) of the dot, vertically centred
# The map's drawn size at a 1400 px window (the page draws it 560 px high in a three-quarter column); a
# label reaching past its edge would be cut off, so it is tried on the dot's other side or left out.
MAP_AREA_PIXELS = (680, 560)
LABEL_PADDING_PIXELS = 3  # background padding plus a gap between labels
SITE_RADIUS_PIXELS = 8
PLACE_RADIUS_PIXELS = 4


@dataclass(frozen=True)
class Box:
    """An axis-aligned screen rectangle in pixels, x to the right and y down from the view centre."""

    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: "Box") -> bool:
        """True when the two rectangles share any area (touching edges do not count)."""
        across = self.left < other.right and other.left < self.right
        return across and self.top < other.bottom and other.top < self.bottom


@dataclass(frozen=True)
class Label:
    """A label to draw: its text, its dot ``[lon, lat]``, the side of the dot it sits on (``right`` or
    ``left``) and the screen box it takes at the view."""

    text: str
    position: tuple[float, float]
    box: Box
    side: str = "right"


def text_box(text: str, x: float, y: float, side: str = "right", font_size: float = FONT_SIZE_PIXELS) -> Box:
    """The estimated box of ``text`` drawn on ``side`` of the point ``x, y``, vertically centred, padded."""
    lines = text.split("\n")
    width = max(text_width_em(line) for line in lines) * font_size
    height = len(lines) * font_size * LINE_HEIGHT_EM
    left = x + LABEL_GAP_PIXELS if side == "right" else x - LABEL_GAP_PIXELS - width
    top = y - height / 2
    pad = LABEL_PADDING_PIXELS
    return Box(left - pad, top - pad, left + width + pad, top + height + pad)


def text_width_em(line: str) -> float:
    """The estimated width of one line in em: full-width (East Asian) characters count a whole em."""
    return sum(
        WIDE_CHARACTER_WIDTH_EM if unicodedata.east_asian_width(character) in "WF" else CHARACTER_WIDTH_EM
        for character in line
    )


def dot_box(x: float, y: float, radius: float) -> Box:
    """The square around a dot of ``radius`` pixels centred on ``x, y``."""
    return Box(x - radius, y - radius, x + radius, y + radius)


def _spot(position: Sequence[float]) -> tuple[float, float]:
    return round(float(position[0]), 3), round(float(position[1]), 3)


def mark_route_ends(place_records: list[dict], lines: pd.DataFrame) -> list[dict]:
    """Copies of ``place_records`` with ``end`` true for a place at the first or last vertex of a line."""
    ends = {_spot(path[index]) for path in lines["path"] if len(path) for index in (0, -1)}
    return [{**record, "end": _spot(record["position"]) in ends} for record in place_records]


def label_candidates(site_records: list[dict], place_records: list[dict]) -> list[tuple[str, tuple[float, float]]]:
    """One candidate text per spot, most useful first: a place on a route (a city or station) names its
    spot, a route's end (``record["end"]``) before its stops; a spot with only project sites shows the
    shortest site name, ``+N`` for the others there."""
    place_names: dict[tuple[float, float], str] = {}
    for record in sorted(place_records, key=lambda record: not record.get("end", False)):
        place_names.setdefault(_spot(record["position"]), str(record["name"]))
    site_names: dict[tuple[float, float], list[str]] = {}
    for record in site_records:
        names = site_names.setdefault(_spot(record["position"]), [])
        if record["name"] not in names:
            names.append(str(record["name"]))
    candidates = list(place_names.items())
    site_only = [(spot, names) for spot, names in site_names.items() if spot not in place_names]
    for spot, names in sorted(site_only, key=lambda item: min(len(name) for name in item[1])):
        shortest = min(names, key=len)
        text = shortest if len(names) == 1 else f"{shortest} +{len(names) - 1}"
        candidates.append((spot, text))
    return [(text, spot) for spot, text in candidates]


def _inside(box: Box, area: tuple[float, float]) -> bool:
    half_width, half_height = area[0] / 2, area[1] / 2
    return box.left >= -half_width and box.right <= half_width and box.top >= -half_height and box.bottom <= half_height


def place_labels(
    site_records: list[dict],
    place_records: list[dict],
    view: pdk.ViewState,
    area: tuple[float, float] = MAP_AREA_PIXELS,
) -> list[Label]:
    """The labels to draw at ``view``: candidates in order, each right of its dot or else left of it,
    kept only where its box stays inside the ``area`` (pixels, centred on the view) and overlaps neither
    a label already kept nor a dot other than its own. A dot outside the area gets no label."""
    dots = [
        (_spot(record["position"]), dot_box(*screen_point(*record["position"], view), radius))
        for records, radius in ((site_records, SITE_RADIUS_PIXELS), (place_records, PLACE_RADIUS_PIXELS))
        for record in records
    ]
    kept: list[Label] = []
    for text, spot in label_candidates(site_records, place_records):
        x, y = screen_point(*spot, view)
        for side in ("right", "left"):
            box = text_box(text, x, y, side)
            if not _inside(box, area) or any(box.overlaps(label.box) for label in kept):
                continue
            if any(box.overlaps(dot) for dot_spot, dot in dots if dot_spot != spot):
                continue
            kept.append(Label(text, spot, box, side))
            break
    return kept


def label_records(labels: list[Label]) -> list[dict]:
    """The TextLayer's data: text, ``[lon, lat]``, text anchor and pixel offset per kept label."""
    return [
        {
            "text": label.text,
            "position": list(label.position),
            "anchor": "start" if label.side == "right" else "end",
            "offset": [LABEL_GAP_PIXELS if label.side == "right" else -LABEL_GAP_PIXELS, 0],
        }
        for label in labels
    ]
