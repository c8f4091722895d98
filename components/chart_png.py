"""PNG images of the dashboard's Vega-Lite charts, drawn on the server with the title and sources on them.

Streamlit's own "Download as PNG" names every file ``<date>T<time>_chart.png`` and cannot be told
otherwise; analysts paste these images into reports, so ours carry a file name that says what the
chart is, and the chart's title and sources printed on the image. vl-convert renders Vega-Lite
without a browser or network and bundles its font (Liberation Sans).
"""

import json
import textwrap
from collections.abc import Iterable

import pandas as pd
import vl_convert

IMAGE_WIDTH = 1000
SCALE = 2
FONT = "Liberation Sans"
# Characters per line of the sources printed under the title.
SOURCE_LINE_WIDTH = 170


def sources_text(source_ids: Iterable[str], sources: pd.DataFrame) -> str:
    """ "Sources: publisher, date (id); …" in plain text for the ids given, first mention first."""
    by_id = sources.set_index("source_id")
    parts = []
    for source_id in dict.fromkeys(source_id for source_id in source_ids if isinstance(source_id, str)):
        if source_id not in by_id.index:
            continue
        row = by_id.loc[source_id]
        date = f", {row['published']:%Y-%m-%d}" if pd.notna(row["published"]) else ""
        parts.append(f"{row['publisher']}{date} ({source_id})")
    return "Sources: " + ("; ".join(parts) if parts else "none")


def _records(frame: pd.DataFrame) -> list[dict]:
    # JSON round trip: NaN becomes null (a gap) and timestamps ISO strings Vega parses as dates.
    return json.loads(frame.to_json(orient="records", date_format="iso"))


def image_spec(spec: dict, title: str, note: str = "") -> dict:
    """``spec`` made self-contained for rendering: DataFrame datasets as records, a fixed width, a white
    background, ``title`` above the chart and ``note`` (e.g. ``sources_text``) wrapped under it.
    """
    datasets = {
        name: _records(rows) if isinstance(rows, pd.DataFrame) else rows for name, rows in spec["datasets"].items()
    }
    config = spec.get("config", {})
    return spec | {
        "datasets": datasets,
        "width": IMAGE_WIDTH,
        "background": "white",
        "padding": 12,
        "title": {
            "text": title,
            "subtitle": textwrap.wrap(note, SOURCE_LINE_WIDTH) if note else [],
            "anchor": "start",
            "fontSize": 16,
            "subtitleFontSize": 11,
            "subtitleColor": "#555555",
            "offset": 12,
        },
        "config": config | {"font": FONT},
    }


def png_bytes(spec: dict, title: str, note: str = "") -> bytes:
    """The chart of ``spec`` as a PNG (``IMAGE_WIDTH`` px wide at ``SCALE``×) under ``title`` and ``note``."""
    # No base URL is allowed: the charts carry their data, and rendering must never fetch anything.
    return vl_convert.vegalite_to_png(image_spec(spec, title, note), scale=SCALE, allowed_base_urls=[])
