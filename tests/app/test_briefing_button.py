"""The "Briefing (PDF)" button closes every page, beside "Cite this view", and its PDF is the view on screen."""

import re

import pytest

from components.charts import briefing_pdf, chart_image, chart_style
from components.data import paths
from components.ui import navigation
from harness.briefing import kept_briefings
from tests.app.app_pages import open_app_page
from tests.hostile_data import plant
from tests.pdf_tools import pdf_fonts, pdf_info, pdf_text

PAGE_FILES = [entry.script for entry in navigation.PAGES]


@pytest.fixture
def built_briefings(chart_renderer):
    """The PDF builders the pages hand their briefing buttons, in order (the button calls one on click)."""
    with kept_briefings() as builders:
        yield builders


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_offers_a_briefing(page):
    at = open_app_page(page)
    buttons = [button for button in at.get("download_button") if button.proto.label == "Briefing (PDF)"]
    assert len(buttons) == 1
    assert buttons[0].proto.help.startswith("A4, one or two pages")


def test_the_trade_briefing_is_the_view_on_screen(built_briefings):
    at = open_app_page("pages/trade.py", {"growth": "20"})
    answer = at.markdown[0].value
    pdf = built_briefings[-1]()
    text = pdf_text(pdf)
    assert " ".join(answer.replace("\\", "").split()) in text
    assert "/trade?growth=20" in text
    version = re.search(r"Data version ([0-9a-f]+ \(facts to [0-9-]+\))", text)
    assert version and version.group(1) in " ".join(caption.value.replace("\\", "") for caption in at.caption)
    for metric in at.metric:
        assert f"{metric.label}: {metric.value}" in text
    assert pdf_info(pdf)["Pages"] in ("1", "2")
    assert {font["emb"] for font in pdf_fonts(pdf)} == {"yes"}


def test_the_trade_briefing_carries_every_named_scenario_as_typed(built_briefings):
    names = ["Pace 2011-2013", "<b>Fast</b>", "**Surge** 2023"]
    values = [f"{names[0]}:14.5", f"{names[1]}:40", f"{names[2]}:50:2023"]
    at = open_app_page("pages/trade.py", {"scenario": values})
    assert not at.exception
    text = " ".join(pdf_text(built_briefings[-1]()).split())
    assert "Growth scenarios" in text
    for name in names:
        assert name in text
    assert "scenario=Pace%202011-2013%3A14.5" in text  # the permalink keeps them, in the order given
    assert text.index(names[0]) < text.index(names[1]) < text.index(names[2])


def test_planted_markup_in_event_titles_is_printed_as_typed(tmp_path, monkeypatch, built_briefings):
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(plant(tmp_path / "data")))
    open_app_page("pages/timeline.py")
    text = pdf_text(built_briefings[-1]())
    for payload in ("<script>window.__xss=1</script>", "{{7*7}} ${7*7} <b>bold</b>", '=HYPERLINK("http://127.0.0.1/x"'):
        assert payload in text


def test_missing_fonts_are_named_instead_of_a_button(monkeypatch):
    monkeypatch.setitem(chart_style.BRIEFING_FONT_FILES, "latin", "/nowhere/DejaVuSans.ttf")
    at = open_app_page("pages/debt.py")
    assert not [button for button in at.get("download_button") if button.proto.label == "Briefing (PDF)"]
    captions = [caption.value.replace("\\", "") for caption in at.caption]
    notes = [caption for caption in captions if "Briefing (PDF) unavailable" in caption]
    assert len(notes) == 1 and "/nowhere/DejaVuSans.ttf" in notes[0] and "make fonts" in notes[0]


def test_a_missing_chromium_leaves_a_briefing_without_the_chart(monkeypatch, built_briefings):
    monkeypatch.setenv(chart_image.CHROMIUM_ENV, "/nowhere/chromium")
    at = open_app_page("pages/debt.py")
    (button,) = [button for button in at.get("download_button") if button.proto.label == "Briefing (PDF)"]
    assert "Without the chart" in button.proto.help and "/nowhere/chromium" in button.proto.help
    text = pdf_text(built_briefings[-1]())
    assert "The chart is not in this briefing: this server lacks Chromium at /nowhere/chromium" in text
    assert briefing_pdf.missing_fonts() == []


def test_a_korean_timeline_briefing_lists_the_events_as_the_page_shows_them(built_briefings):
    at = open_app_page("pages/timeline.py", {"lang": "ko"})
    text = " ".join(pdf_text(built_briefings[-1]()).split())
    shown = at.dataframe[0].value  # the events table on screen: categories and actors in Korean words
    for column in shown.columns[3:5]:  # category, actors
        assert shown[column].iloc[0] in text
    assert "RUS;PRK" not in text and " visit " not in text
