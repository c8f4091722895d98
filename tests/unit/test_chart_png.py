"""Server-drawn PNGs of the Vega-Lite charts (components/chart_png.py)."""

import struct

import pandas as pd
import pytest

from components import chart_png

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _spec() -> dict:
    rows = pd.DataFrame(
        {
            "date": ["2013-07-02", "2014-07-02", "2015-07-02"],
            "value": [112.7, None, 84.0],
            "when": pd.to_datetime(["2013-01-01", "2014-01-01", "2015-01-01"]),
        }
    )
    return {
        "datasets": {"rows": rows, "already": [{"date": "2013-07-02", "value": 1.0}]},
        "layer": [
            {
                "data": {"name": "rows"},
                "mark": "line",
                "encoding": {
                    "x": {"field": "date", "type": "temporal"},
                    "y": {"field": "value", "type": "quantitative"},
                },
            }
        ],
        "config": {"view": {"stroke": None}},
    }


def _sources() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source_id": ["kotra-2015", "ru-customs"],
            "publisher": ["KOTRA", "<b>Russian customs</b>"],
            "published": pd.to_datetime(["2015-06-01", None]),
        }
    )


def test_image_spec_carries_records_title_sources_and_keeps_the_chart():
    spec = _spec()
    image = chart_png.image_spec(spec, "Trade, USD million", "Sources: KOTRA")
    rows = image["datasets"]["rows"]
    assert rows[1]["value"] is None  # a gap stays a gap, not a zero
    assert rows[0]["when"].startswith("2013-01-01")
    assert image["datasets"]["already"] == spec["datasets"]["already"]
    assert image["title"]["text"] == "Trade, USD million" and image["title"]["subtitle"] == ["Sources: KOTRA"]
    assert image["layer"] == spec["layer"] and image["width"] == chart_png.IMAGE_WIDTH
    assert image["config"]["view"] == {"stroke": None} and image["config"]["font"] == chart_png.FONT
    assert isinstance(spec["datasets"]["rows"], pd.DataFrame)  # the page's spec is not changed


def test_long_source_lines_wrap_under_the_title():
    note = "Sources: " + "; ".join(f"Publisher {index}, 2014-01-01 (source-{index})" for index in range(20))
    subtitle = chart_png.image_spec(_spec(), "t", note)["title"]["subtitle"]
    assert len(subtitle) > 1 and all(len(line) <= chart_png.SOURCE_LINE_WIDTH for line in subtitle)
    assert " ".join(subtitle) == note


def test_sources_text_is_plain_and_in_order_of_first_mention():
    text = chart_png.sources_text(["ru-customs", "kotra-2015", "ru-customs", "unknown", None], _sources())
    assert text == "Sources: <b>Russian customs</b> (ru-customs); KOTRA, 2015-06-01 (kotra-2015)"
    assert chart_png.sources_text([], _sources()) == "Sources: none"


def test_png_bytes_is_a_png_of_the_requested_width():
    png = chart_png.png_bytes(_spec(), "Trade", "Sources: KOTRA")
    assert png.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", png[16:24])
    assert width >= chart_png.IMAGE_WIDTH * chart_png.SCALE and height > 200


def test_a_spec_that_asks_for_remote_data_is_refused_not_fetched():
    spec = _spec() | {"datasets": {}, "data": {"url": "http://127.0.0.1:9/secret.csv"}}
    spec["layer"][0]["data"] = {"url": "http://127.0.0.1:9/secret.csv"}
    with pytest.raises(ValueError, match="url not allowed"):
        chart_png.png_bytes(spec, "t")
