"""The one style every plotly figure shares: colours, fonts, margins, the hover format, the title and
source line drawn into the figure, the hover's money, and the toolbar config.

Builders pass these values into the one layout they build. A named template is not applied: plotly
validates a whole template each time one is assigned (12–33 ms a figure), which every slider rerun
would pay.
"""

import functools
import html
import unicodedata

from components.analysis import formats
from components.analysis.scorecard import OUTCOME_MAP_STATUS
from components.data.vocabularies import EVENT_CATEGORIES

# Okabe–Ito: a palette that stays distinguishable with the common colour-vision deficiencies. Charts
# double colour with dash or marker shape, so no series is told apart by colour alone.
PALETTE = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "orange": "#E69F00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#6B7280",
}
TEXT_COLOUR = "#1F2937"
# Secondary text (source line, axis titles) keeps a contrast above 4.5:1 on white (WCAG AA).
MUTED_TEXT_COLOUR = "#4B5563"
GRID_COLOUR = "#E5E9F0"
BACKGROUND = "#FFFFFF"
FONT_FAMILY = '"Source Sans", "Source Sans Pro", "Helvetica Neue", Arial, sans-serif'
FONT = {"family": FONT_FAMILY, "size": 13, "color": TEXT_COLOUR}
# Room for the title above, the source line below and the axis labels beside the plot area. plotly's
# automargin (kept on every axis as a safety net) widens a margin its labels outgrow and then draws
# the whole chart a second time; a figure is redrawn from nothing on every slider move, so margins
# that already fit the usual labels halve its drawing time (about 120 → 60 ms for Trade, measured).
MONEY_AXIS_MARGIN = 68  # a rotated axis title and tick labels up to "10,000" in 13 px Source Sans
MARGIN = {"l": MONEY_AXIS_MARGIN, "r": 8, "t": 56, "b": 72}
# Estimated advance of 13 px Source Sans characters, for a margin that fits category labels; "wide" is a
# Hangul, kana or Han character (drawn in the system's CJK font, about one em wide).
# Cyrillic lower case runs about a tenth wider than Latin in the chart font: Russian source lines ran 7–12 px
# past a 440 px chart in the browser with the Latin width.
_CHARACTER_PX = {"digit": 7.0, "upper": 8.0, "narrow": 3.5, "other": 6.0, "cyrillic": 6.6, "wide": 13.5}
_FONT_PX = 13
# A chart in a half-screen window (about 900 px wide, the sidebar open) is about 440 px wide: titles and
# source lines break into lines that fit it, in every language (plotly draws a title on one line and cuts it
# off at the chart's edge). Each added line of the title or the source line gets room of its own.
TEXT_WIDTH_PX = 420
TITLE_FONT_PX = 16
TITLE_LINE_PX = 22
SOURCE_FONT_PX = 11
SOURCE_LINE_PX = 14
SUBTITLE_LINE_PX = 16  # a source line drawn as the title's subtitle
MULTILINE_TITLE_SHIFT_PX = 11
# Punctuation that may not start a line (a break never goes before it, as in Japanese typesetting).
_NO_LINE_START = set("、。，．・：；！？）」』】〕〉》ー々～,.;:!?)]}%")
_AXIS_TITLE_PX = 32  # the rotated axis title, its standoff and the gap to the tick labels
# The title (and a subtitle under it) hangs from the chart's top edge, not from the middle of the top
# margin: a legend or an events strip above the plot then never reaches up into it, at any width.
TITLE_PLACE = {
    "x": 0,
    "xanchor": "left",
    "y": 1,
    "yref": "container",
    "yanchor": "top",
    "pad": {"t": 10},
    "font": {"size": 16},
}
PNG_SCALE = 2
# The briefing (PDF) embeds subsets of these fonts, found by path (Debian's fonts-dejavu-core and
# fonts-noto-cjk, installed by `make fonts`): DejaVu Sans for Latin, Greek and Cyrillic, and Noto Sans CJK
# for Hangul, Kana and Han, which DejaVu lacks. Noto's collection holds one face per region.
BRIEFING_FONT_FILES = {
    "latin": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "latin_bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "cjk": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
}
BRIEFING_CJK_FACE = {"ja": 0, "ko": 1, "zh": 2}  # the face in the .ttc whose Han glyphs suit the language
BRIEFING_CHART_PIXELS = (900, 500)  # CSS pixels; rendered at PNG_SCALE, 180 mm wide on the page

AXIS = {
    "gridcolor": GRID_COLOUR,
    "linecolor": GRID_COLOUR,
    "zerolinecolor": GRID_COLOUR,
    "automargin": True,
    "ticks": "",
    "title": {"font": {"color": MUTED_TEXT_COLOUR}},
}


# The Trade chart's named scenarios, in the order they are added: each its own colour and dash, so none is
# told apart by colour alone. Paul Tol's muted dark tones, every one at least 4.5:1 on white, so the label
# written at a line's end in its colour stays legible (WCAG AA).
SCENARIO_STYLES = (
    {"color": "#332288", "dash": "longdash"},
    {"color": "#882255", "dash": "dashdot"},
    {"color": "#117733", "dash": "longdashdot"},
    {"color": "#AA4499", "dash": "6px,3px,2px,3px,2px,3px"},
)
LABEL_BACKGROUND_RGBA = "rgba(255,255,255,0.85)"


def plain_text(value) -> str:
    """``value`` as text plotly shows literally: plotly renders a subset of HTML in labels and hovers,
    so ``<``, ``>`` and ``&`` become entities and no tag can form; quotes stay as typed, because
    plotly does not decode ``&quot;``."""
    return html.escape(str(value), quote=False)


def _is_wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in ("W", "F")


# Charts measure the same titles, source lines, legend entries and labels on every slider move, letter by
# letter: the widths and line breaks are kept per text (plain numbers and tuples of text, safe to share).
def text_width_px(text: str, font_px: float = _FONT_PX) -> float:
    """Rough width of ``text`` at ``font_px`` (the chart's 13 px font by default): generous, since too wide
    a margin only costs a few pixels and too narrow a one costs plotly a second drawing."""
    return _text_width(str(text), font_px)


@functools.lru_cache(maxsize=4096)
def _text_width(text: str, font_px: float) -> float:
    width = 0.0
    for character in text:
        if _is_wide(character):
            width += _CHARACTER_PX["wide"]
        elif character.isdigit():
            width += _CHARACTER_PX["digit"]
        elif character.isupper() or character in "mw":
            width += _CHARACTER_PX["upper"]
        elif character in ".,:;'il| ":
            width += _CHARACTER_PX["narrow"]
        elif "\u0400" <= character <= "\u04ff":
            width += _CHARACTER_PX["cyrillic"]
        else:
            width += _CHARACTER_PX["other"]
    return width * font_px / _FONT_PX


def _pieces(text: str) -> list[tuple[bool, str]]:
    """``text`` as the pieces a line may break between, each with whether a space comes before it: words,
    and single CJK characters (Japanese and Chinese write no spaces), with punctuation kept on the piece
    before it."""
    pieces: list[tuple[bool, str]] = []
    space = False
    for character in str(text):
        if character.isspace():
            space = bool(pieces)
            continue
        joined = (
            pieces
            and not space
            and (character in _NO_LINE_START or not (_is_wide(character) or _is_wide(pieces[-1][1][-1])))
        )
        if joined:
            pieces[-1] = (pieces[-1][0], pieces[-1][1] + character)
        else:
            pieces.append((space, character))
        space = False
    return pieces


def wrapped_lines(text: str, width_px: float = TEXT_WIDTH_PX, font_px: float = TITLE_FONT_PX) -> list[str]:
    """``text`` broken into lines no wider than ``width_px`` at ``font_px`` (by ``text_width_px``): at
    spaces, or between two CJK characters; a word wider than a line keeps a line of its own."""
    return list(_wrapped(str(text), width_px, font_px))


@functools.lru_cache(maxsize=1024)
def _wrapped(text: str, width_px: float, font_px: float) -> tuple[str, ...]:
    lines: list[str] = []
    current = ""
    for space, piece in _pieces(text):
        candidate = f"{current}{' ' if space and current else ''}{piece}"
        if current and text_width_px(candidate, font_px) > width_px:
            lines.append(current)
            current = piece
        else:
            current = candidate
    return (*lines, current)


def _lines_text(lines: list[str]) -> str:
    """Lines as plotly text: each escaped (``plain_text``), then joined with plotly's line break."""
    return "<br>".join(plain_text(line) for line in lines)


def label_margin(labels, with_title: bool = True) -> int:
    """A side margin that fits the widest of ``labels`` (tick labels of a category axis) and, with
    ``with_title``, the axis title beside them."""
    widest = max((text_width_px(label) for label in labels), default=0.0)
    return int(widest + (_AXIS_TITLE_PX if with_title else 8) + 0.999)


def source_annotation(text: str, margin: dict = MARGIN) -> dict:
    """A source line under the plot, part of the figure so a downloaded PNG carries it: broken into lines
    that fit a half-screen chart, and placed by the chart's ``margin`` at its left edge, under the title,
    with its last line 8 px above the chart's bottom edge."""
    return {
        "text": _lines_text(wrapped_lines(text, TEXT_WIDTH_PX, SOURCE_FONT_PX)),
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": 0,
        "xshift": -margin.get("l", MARGIN["l"]),
        "yshift": -margin["b"] + 8,
        "xanchor": "left",
        "yanchor": "bottom",
        "showarrow": False,
        "align": "left",
        "font": {"size": 11, "color": MUTED_TEXT_COLOUR},
    }


def number_separators() -> str:
    """plotly's ``separators`` (decimal mark, then thousands) for the reader's language, read off
    ``formats.number`` so axes and hovers group digits as the page does: ``.,`` in English, ``, `` in Russian."""
    text = formats.number(1234.5, 1)
    return text[-2] + text[1]


def money_hover_texts(values_usd_m) -> list[str]:
    """Each amount (USD million) as a hover shows it: ``formats.money`` to a tenth of a million, in the
    reader's language (``$112.7M``, ``1억 1,270만 달러``, ``$112,7 млн``); a missing one the dash. A trace
    carries these in its customdata: plotly's own ``%{y:,.1f}`` can only write the English style."""
    return [
        formats.MISSING if formats.is_missing(value) else formats.money(float(value), 1, billions=False)
        for value in values_usd_m
    ]


def layout(*, title: str, source_note: str, source_under_title: bool = False, **extra) -> dict:
    """The shared layout values with ``title`` above the plot and ``source_note`` under it (or, with
    ``source_under_title``, under the title: where a legend below the plot grows into more rows in a narrow
    chart), each broken into lines that fit a half-screen chart (``wrapped_lines``); ``extra`` layout keys
    win, and ``xaxis``/``yaxis`` given in ``extra`` are merged over the shared axis style. Every line of the
    title beyond the first, and of the source line beyond the first (under the plot) or every one (under
    the title), widens the top or bottom margin (``margin`` in ``extra`` or the shared one) and, when
    ``height`` is given, the chart, so the plot keeps its size."""
    title_lines = wrapped_lines(title, TEXT_WIDTH_PX, TITLE_FONT_PX)
    source_lines = wrapped_lines(source_note, TEXT_WIDTH_PX, SOURCE_FONT_PX)
    more_top, more_bottom = TITLE_LINE_PX * (len(title_lines) - 1), SOURCE_LINE_PX * (len(source_lines) - 1)
    title_place = dict(TITLE_PLACE)
    if len(title_lines) > 1:
        # plotly.js hangs a title of two or more lines 11 px higher than one of a single line, whatever the
        # count, which cut the first line's ascenders off at the chart's top edge (measured in Chromium).
        title_place["pad"] = {"t": TITLE_PLACE["pad"]["t"] + MULTILINE_TITLE_SHIFT_PX}
        more_top += MULTILINE_TITLE_SHIFT_PX
    if source_under_title:
        more_top, more_bottom = more_top + SUBTITLE_LINE_PX * len(source_lines), 0
    margin = dict(extra.pop("margin", MARGIN))
    margin["t"], margin["b"] = margin.get("t", MARGIN["t"]) + more_top, margin.get("b", MARGIN["b"]) + more_bottom
    source = source_annotation(source_note, margin)
    styled = {
        "title": {"text": _lines_text(title_lines), **title_place},
        "font": FONT,
        "separators": number_separators(),
        "paper_bgcolor": BACKGROUND,
        "plot_bgcolor": BACKGROUND,
        "margin": margin,
        "hoverlabel": {"align": "left", "font": {"family": FONT_FAMILY}},
        "annotations": [*([] if source_under_title else [source]), *extra.pop("annotations", [])],
    }
    if source_under_title:
        styled["title"]["subtitle"] = {"text": source["text"], "font": source["font"]}
    styled.update(extra)
    if "height" in extra:
        styled["height"] = extra["height"] + more_top + more_bottom
    for axis in ("xaxis", "yaxis"):
        styled[axis] = {**AXIS, **extra.get(axis, {})}
    return styled


def chart_config(file_stem: str) -> dict:
    """The plotly toolbar config: no logo, and a camera button that saves ``<file_stem>.png`` at 2×."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": file_stem, "scale": PNG_SCALE},
    }


# ---- The map (pydeck colours are RGB(A) lists) -------------------------------------------------
# A project's status; the legend draws the same colours, so it needs no HTML.
STATUS_COLOURS = {
    "operational": (67, 160, 71),
    "under_construction": (30, 136, 229),
    "agreed": (142, 36, 170),
    "proposed": (251, 140, 0),
    "stalled": (229, 57, 53),
    "cancelled": (97, 97, 97),
}
DASH_PATTERN = (6, 4)
PLACE_COLOR = (255, 255, 255)
LAND_COLOR = (236, 236, 230, 255)
BORDER_COLOR = (150, 150, 150, 255)
OUTLINE_COLOR = (33, 33, 33)
LABEL_COLOR = (33, 33, 33)
LABEL_BACKGROUND = (255, 255, 255, 170)


# ---- The timeline: one colour per event category (Paul Tol's muted scheme, colour-blind safe; 'aid' takes
# Tol's vibrant orange, the muted scheme having no eleventh colour) ---------
CATEGORY_COLOURS = dict(
    zip(
        EVENT_CATEGORIES,
        [
            "#88ccee",
            "#cc6677",
            "#b8a640",
            "#117733",
            "#332288",
            "#aa4499",
            "#44aa99",
            "#999933",
            "#ee7733",
            "#882255",
            "#661100",
        ],
        strict=True,
    )
)


# ---- The Scorecard: one colour per outcome ---------------------------------------------------------
# An outcome that means what a Map status means (scorecard.OUTCOME_MAP_STATUS) takes that status's colour.


def rgb_hex(rgb) -> str:
    """An RGB tuple as a CSS colour: ``(67, 160, 71)`` → ``#43A047``."""
    return "#{:02X}{:02X}{:02X}".format(*rgb[:3])


OUTCOME_COLOURS = {
    **{outcome: rgb_hex(STATUS_COLOURS[status]) for outcome, status in OUTCOME_MAP_STATUS.items()},
    "partly_delivered": "#9CCC65",
    "superseded": "#8D6E63",
    "no_public_record": "#BDBDBD",
}
