"""The live chart loads plotly.js's basic bundle (tools/static_files.py), which draws scatter, bar and pie
traces only: every chart a page sends, the uploaded file's chapters chart included, keeps to them."""

from pathlib import Path

import pytest

from components.ui import navigation
from tests.app.app_pages import open_app_page, sent_charts
from tools import static_files

FIXTURES = Path(__file__).parents[1] / "unit" / "upload_fixtures"


def trace_types(figure: dict) -> set[str]:
    """Each trace's type as plotly.js reads it: a trace without one is a scatter."""
    return {trace.get("type", "scatter") for trace in figure.get("data", [])}


@pytest.mark.parametrize("page", [entry.script for entry in navigation.PAGES])
def test_every_chart_of_every_page_is_drawn_by_the_basic_bundle(page):
    charts = sent_charts(open_app_page(page))
    for chart in charts:
        assert trace_types(chart.figure) <= static_files.BUNDLE_TRACE_TYPES, (page, chart.file_name)


def test_the_pages_send_charts_to_check_and_the_uploaded_chapters_chart_keeps_to_the_bundle():
    assert sum(len(sent_charts(open_app_page(entry.script))) for entry in navigation.PAGES) >= 5
    at = open_app_page("pages/data.py")
    (uploader,) = at.file_uploader
    uploader.upload("plus.csv", (FIXTURES / "comtrade_plus_chapters.csv").read_bytes(), "text/csv").run()
    (chart,) = sent_charts(at)
    assert trace_types(chart.figure) == {"bar"}
