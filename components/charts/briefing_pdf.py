"""The briefing (PDF) of one view, drawn with fpdf2: A4 portrait, one or two pages, text selectable, the
fonts embedded as subsets, the chart as a PNG at twice its on-screen pixels.

``analysis/briefing`` decides what the briefing says; this module only draws its sections. Text is set
with fpdf2's plain cells (``markdown=False``): whatever the data holds, ``**x**`` or ``<b>x</b>``, is
printed as typed.
"""

import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from components.analysis.briefing import Section, shorter
from components.analysis.citation import PUBLISHER
from components.charts import chart_style
from components.i18n import _

if TYPE_CHECKING:
    from fpdf import FPDF

# fpdf2 (with fontTools and Pillow) is imported only when a briefing is built: importing it takes about a
# second, which every page's first run would otherwise pay for a button it may never see clicked.

MARGIN_MM = 15
CHART_MAX_HEIGHT_MM = 115
MAX_PAGES, MAX_SHORTENINGS = 2, 3
TEXT_FAMILY, CJK_FAMILY = "briefing", "briefing-cjk"
_SIZES = {"title": 16, "answer": 11.5, "heading": 11, "text": 9.5, "figures": 10, "list": 8, "small": 8, "table": 8}
_MUTED = (75, 85, 99)
_TEXT = (31, 41, 55)
# Hangul, Kana, Han and the CJK punctuation and compatibility blocks: the characters DejaVu has no glyph for.
_CJK_START = 0x2E80


def missing_fonts() -> list[str]:
    """The font files the briefing needs and this machine lacks, in words; empty when all are there."""
    missing = [path for path in chart_style.BRIEFING_FONT_FILES.values() if not Path(path).is_file()]
    if not missing:
        return []
    return [_("the fonts {paths} (make fonts installs them)").format(paths=", ".join(missing))]


def needs_cjk(texts: Sequence[str]) -> bool:
    """True when any text has a Hangul, Kana or Han character (DejaVu Sans has none of them)."""
    return any(ord(character) >= _CJK_START for text in texts for character in text)


def section_texts(sections: Sequence[Section]) -> list[str]:
    """Every string the sections print."""
    texts = []
    for section in sections:
        texts += [section.heading, *section.lines, *(cell for row in section.rows for cell in row)]
    return texts


def new_document(cjk: bool, language: str) -> "FPDF":
    """An A4 portrait document with DejaVu Sans, and Noto Sans CJK as the fallback for what DejaVu lacks
    (loaded only when the text needs it: parsing a face of the collection costs about half a second)."""
    from fpdf import FPDF

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(True, margin=MARGIN_MM)
    fonts = chart_style.BRIEFING_FONT_FILES
    pdf.add_font(TEXT_FAMILY, "", fonts["latin"])
    pdf.add_font(TEXT_FAMILY, "B", fonts["latin_bold"])
    if cjk:
        face = chart_style.BRIEFING_CJK_FACE.get(language, 0)
        # One weight only: each face of the collection costs about half a second to parse and subset, so
        # bold CJK text is set in the regular weight (the briefing's 3 s budget).
        pdf.add_font(CJK_FAMILY, "", fonts["cjk"], collection_font_number=face)
        pdf.set_fallback_fonts([CJK_FAMILY], exact_match=False)
    pdf.set_creator(PUBLISHER)
    pdf.set_text_color(*_TEXT)
    return pdf


def write_lines(pdf: "FPDF", lines: Sequence[str], size: float, bold: bool = False, muted: bool = False) -> None:
    """Plain-text paragraphs, wrapped to the page width."""
    pdf.set_font(TEXT_FAMILY, "B" if bold else "", size)
    pdf.set_text_color(*(_MUTED if muted else _TEXT))
    for line in lines:
        pdf.multi_cell(0, size * 0.45, line, new_x="LMARGIN", new_y="NEXT", markdown=False, align="L")
    pdf.set_text_color(*_TEXT)


def write_heading(pdf: "FPDF", heading: str) -> None:
    """A section heading with a little space above it."""
    if heading:
        pdf.ln(2.5)
        write_lines(pdf, [heading], _SIZES["heading"], bold=True)
        pdf.ln(0.8)


def write_table(pdf: "FPDF", rows: Sequence[Sequence[str]]) -> None:
    """A bordered table, its first row as the header; cells are plain text."""
    from fpdf.fonts import FontFace

    pdf.set_font(TEXT_FAMILY, "", _SIZES["table"])
    heading_style = FontFace(emphasis="BOLD", fill_color=(229, 233, 240))
    with pdf.table(
        line_height=_SIZES["table"] * 0.5,
        headings_style=heading_style,
        markdown=False,
        first_row_as_headings=True,
        text_align="LEFT",
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        for row in rows:
            table.row(list(row))


def draw_chart(pdf: "FPDF", png: bytes) -> None:
    """The chart image across the text width, keeping its proportions."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        width_px, height_px = image.size
    width_mm = pdf.epw
    height_mm = width_mm * height_px / width_px
    if height_mm > CHART_MAX_HEIGHT_MM:  # a tall chart (many timeline rows) is narrowed, never cut
        width_mm, height_mm = width_mm * CHART_MAX_HEIGHT_MM / height_mm, CHART_MAX_HEIGHT_MM
    pdf.ln(1.5)
    pdf.image(io.BytesIO(png), x=pdf.l_margin, w=width_mm, h=height_mm)
    pdf.ln(1.5)


def draw_section(pdf: "FPDF", section: Section, chart_png: bytes | None) -> None:
    """One section, as its ``kind`` says."""
    kind = section.kind
    write_heading(pdf, section.heading if kind != "title" else "")
    if kind == "title":
        write_lines(pdf, [section.heading], _SIZES["title"], bold=True)
        write_lines(pdf, section.lines, _SIZES["text"], muted=True)
    elif kind == "answer":
        pdf.ln(2)
        write_lines(pdf, section.lines, _SIZES["answer"], bold=True)
    elif kind == "chart" and chart_png:
        draw_chart(pdf, chart_png)
    elif kind == "table":
        write_table(pdf, section.rows)
    elif kind in ("small", "list"):
        write_lines(pdf, section.lines, _SIZES[kind], muted=kind == "small")
    else:
        write_lines(pdf, section.lines, _SIZES.get(kind, _SIZES["text"]))


def draw(sections: Sequence[Section], chart_png: bytes | None, language: str, title: str) -> "FPDF":
    """The document with every section drawn, not yet written out."""
    pdf = new_document(needs_cjk(section_texts(sections)), language)
    pdf.set_title(title)
    pdf.set_lang(language)
    pdf.add_page()
    for section in sections:
        draw_section(pdf, section, chart_png)
    return pdf


def build_pdf(sections: Sequence[Section], chart_png: bytes | None, language: str = "en", title: str = "") -> bytes:
    """The briefing as PDF bytes: each section in order, the chart from ``chart_png`` where its section is.
    Past two pages (very long tables or source lists), its lists and tables are halved until it fits."""
    pdf = draw(sections, chart_png, language, title)
    for _attempt in range(MAX_SHORTENINGS):
        if pdf.pages_count <= MAX_PAGES:
            break
        sections = shorter(list(sections))
        pdf = draw(sections, chart_png, language, title)
    return bytes(pdf.output())
