"""The briefing PDF as poppler-utils reads it: text selectable, every font embedded, A4, one or two pages,
data text printed as typed, Korean, Russian and Japanese set in glyphs, the chart at twice its pixels."""

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest

from components.analysis import briefing, citation
from components.charts import briefing_pdf, chart_image, chart_style
from components.data.data_version import DataVersion
from components.i18n import using
from tests.pdf_tools import pdf_fonts, pdf_images, pdf_info, pdf_text

PLANTED = ("<b>x</b>", "**x**", '=HYPERLINK("http://127.0.0.1/x","cell")', "<script>window.__xss=1</script>")
SOURCES = pd.DataFrame(
    {
        "source_id": [f"s{number}" for number in range(30)],
        "title": [f"{PLANTED[number % 4]} report {number}" for number in range(30)],
        "publisher": ["TASS", *["KOTRA"] * 29],
        "published": pd.to_datetime(["2014-02-01", *[None] * 29]),
        "url": [f"https://sources.example/{number}" for number in range(30)],
        "agency": ["Russian customs", *[f"Agency {number}" for number in range(1, 30)]],
    }
)
PERMALINK = "https://nea.example/trade?growth=20.0&scenario=Pace%202011-2013%3A14.5"
SCENARIOS = pd.DataFrame(
    {
        "scenario": ["Pace 2011–2013", "**Fast**", "<b>Slow</b>"],
        "rate_pct": [14.5, 40.0, -3.0],
        "value_at_target_usd_m": [512.3, 1890.0, 80.1],
        "crossing_year": [2031, 2019, None],
    }
)


def make_citation(words="Russia–DPRK trade turnover 2000–2024", source_count=3):
    return citation.view_citation(
        "Russia–DPRK trade against the announced target",
        words,
        PERMALINK,
        date(2026, 12, 4),
        DataVersion("3f9a1c2b7d", date(2025, 11, 19)),
        [f"s{number}" for number in range(source_count)],
        SOURCES,
    )


def build(content, view_citation=None, png=None, language="en"):
    sections = briefing.sections(view_citation or make_citation(), content, chart_drawable=png is not None)
    return briefing_pdf.build_pdf(sections, png, language, "Trade")


TRADE = briefing.BriefContent(
    "Russia–DPRK trade reached $34.2M in 2020: 3.4% of the $1,000M target.",
    key_figures=[("Required growth a year", "45.2%"), ("Scenario reaches target", "2031")],
    tables=[briefing.ExtraTable("Growth scenarios", SCENARIOS)],
)


@pytest.fixture(scope="module")
def chart_png(chart_renderer):
    figure = go.Figure(go.Scatter(x=list(range(2000, 2025)), y=[value * value for value in range(25)]))
    figure.update_layout(title="Russia–DPRK trade", width=900, height=500)
    return chart_image.figure_png(figure, *chart_style.BRIEFING_CHART_PIXELS, chart_style.PNG_SCALE)


def test_the_text_carries_the_answer_figures_scenarios_permalink_and_version():
    text = pdf_text(build(TRADE))
    assert "Russia–DPRK trade reached $34.2M in 2020: 3.4% of the $1,000M target." in text
    assert "Required growth a year: 45.2%" in text and "Scenario reaches target: 2031" in text
    for name in ("Growth scenarios", "Pace 2011–2013", "**Fast**", "<b>Slow</b>"):
        assert name in text
    assert PERMALINK in text
    assert "Data version 3f9a1c2b7d (facts to 2025-11-19)" in text
    assert "Accessed: 2026-12-04" in text
    assert "Cite this view" in text and "Sources of what is shown" in text


def test_every_font_is_embedded_as_a_unicode_subset():
    fonts = pdf_fonts(build(TRADE, make_citation("한국어 Русский 日本語")))
    assert {font["emb"] for font in fonts} == {"yes"} and {font["uni"] for font in fonts} == {"yes"}
    names = " ".join(font["name"] for font in fonts)
    assert "DejaVuSans" in names and "NotoSansCJK" in names


def test_korean_russian_and_japanese_are_text_not_boxes():
    words = "Торговля России и КНДР · 러시아-북한 무역 · ロシアと北朝鮮の貿易"
    with using("ko"):
        pdf = build(briefing.BriefContent(words, key_figures=[("목표", "10억 달러")]), make_citation(words))
    text = pdf_text(pdf)
    assert words in text and "목표: 10억 달러" in text


def test_an_english_briefing_embeds_no_cjk_font():
    fonts = pdf_fonts(build(TRADE))
    assert all("CJK" not in font["name"] for font in fonts)


@pytest.mark.parametrize("planted", PLANTED)
def test_markup_in_data_is_printed_as_typed(planted):
    content = briefing.BriefContent(
        f"Answer {planted}",
        key_figures=[(planted, planted)],
        tables=[briefing.ExtraTable("Events shown", pd.DataFrame({"title": [planted]}))],
    )
    text = pdf_text(build(content, make_citation(f"view {planted}")))
    assert f"Answer {planted}" in text and f"{planted}: {planted}" in text and f"view {planted}" in text


def test_a4_portrait_one_page_for_a_short_view():
    info = pdf_info(build(TRADE))
    assert info["Pages"] == "1"
    assert info["Page size"] == "595.28 x 841.89 pts (A4)"


def test_the_longest_view_stays_within_two_pages(chart_png):
    long_text = "L" + "o" * 600 + "ng"
    content = briefing.BriefContent(
        long_text,
        object(),
        key_figures=[(f"Figure {number}", long_text[:80]) for number in range(20)],
        tables=[
            briefing.ExtraTable("Growth scenarios", pd.concat([SCENARIOS] * 10)),
            briefing.ExtraTable("Events shown", pd.DataFrame({"title": [long_text] * 40, "note": [long_text] * 40})),
        ],
    )
    info = pdf_info(build(content, make_citation(long_text, source_count=30), png=chart_png))
    assert info["Pages"] in ("1", "2")


def test_the_chart_is_a_raster_at_twice_its_pixels(chart_png):
    pdf = build(briefing.BriefContent("A", object()), png=chart_png)
    assert pdf_images(pdf) == [(1800, 1000)]


def test_missing_fonts_are_named(monkeypatch):
    monkeypatch.setitem(chart_style.BRIEFING_FONT_FILES, "cjk", "/nowhere/NotoSansCJK-Regular.ttc")
    (words,) = briefing_pdf.missing_fonts()
    assert "/nowhere/NotoSansCJK-Regular.ttc" in words and "make fonts" in words


def test_a_missing_chromium_is_named(monkeypatch):
    monkeypatch.setenv(chart_image.CHROMIUM_ENV, "/nowhere/chromium")
    assert chart_image.missing_parts() == ["Chromium at /nowhere/chromium (make chromium installs it)"]


def test_the_fonts_and_chromium_are_installed_here():
    assert briefing_pdf.missing_fonts() == [] and chart_image.missing_parts() == []
