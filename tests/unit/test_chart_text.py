"""Text from data in plotly labels: no tag can form, quotes stay as typed."""

from components.chart_text import chart_text


def test_markup_is_neutralised():
    assert chart_text('<img src=x onerror="alert(1)">') == '&lt;img src=x onerror="alert(1)"&gt;'


def test_ampersands_and_non_strings():
    assert chart_text("R&D") == "R&amp;D"
    assert chart_text(2014) == "2014"
