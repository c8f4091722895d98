"""The live plotly chart: a Streamlit Components v2 component that draws a figure with ``Plotly.newPlot`` at
first mount and ``Plotly.react`` on every later update (components/ui/live_chart.js).

``st.plotly_chart`` (Streamlit 1.67) derives its element id from the whole figure, so every slider move
unmounts the chart and draws it from nothing: zoom, pan and legend clicks are lost. A keyed v2 component
keeps its identity across reruns, and ``layout.uirevision`` keeps what the reader did.

Streamlit sends a component's inline JS with every rerun, for every chart, so the inline JS is only a loader
(components/ui/live_chart_loader.js, under 1 KB): the chart's code, live_chart.js, and plotly.js's basic bundle
(scatter, bar and pie traces, the version the plotly package writes figures for) are served by Streamlit from
``static/`` (``tools/static_files.py`` puts them there) and loaded once per browser tab. The module's URL
carries its content hash (``?v=``), so a browser never runs a cached copy of another version.
"""

import hashlib
import json
import zlib
from pathlib import Path

import streamlit as st
from plotly.utils import PlotlyJSONEncoder

from components.charts import chart_style
from components.i18n import _

COMPONENT_NAME = "nea_live_chart"
STATIC_SCRIPT = "plotly-basic.min.js"  # plotly.js's basic bundle; tools/static_files.py puts it in static/
MODULE_FILE = "live_chart.js"  # the chart's code, beside this file; tools/static_files.py copies it to static/
MODULE_VERSION = hashlib.blake2b(Path(__file__).with_name(MODULE_FILE).read_bytes(), digest_size=6).hexdigest()
DEFAULT_HEIGHT = 450  # plotly's own default, when a figure sets none
# zlib's level 3: within a tenth of the default level's size (the Timeline's 32 KB → 7.5 KB) at half its time.
COMPRESSION_LEVEL = 3


def compact_script(source: str) -> str:
    """``source`` (JavaScript) without its comment lines, blank lines and indentation: Streamlit sends a
    component's inline JS with every rerun, so what only a reader needs is left in the file."""
    lines = (line.strip() for line in source.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


_JS = compact_script(Path(__file__).with_name("live_chart_loader.js").read_text(encoding="utf-8"))
_CSS = """
.nea-live-chart { width: 100%; }
.nea-live-chart-plot { width: 100%; }
.nea-live-chart-message { margin: 0.5rem 0; padding: 0.75rem 1rem; border-radius: 0.5rem;
  background: var(--st-secondary-background-color, #f0f2f6); color: var(--st-text-color, #16181f); }
"""

_component = st.components.v2.component(COMPONENT_NAME, css=_CSS, js=_JS, isolate_styles=False)


def view_revision(key: str, layout: dict) -> str:
    """The chart's ``uirevision``: the same while the chart shows the same thing, so zoom, pan and legend
    entries clicked off survive a slider move; new when the title, an axis title or an axis type changes
    (another flow, another source, a log scale), which starts the reader's view afresh on purpose."""
    parts = [key, _text(layout.get("title"))]
    for name in sorted(k for k in layout if k.startswith(("xaxis", "yaxis"))):
        axis = layout.get(name) or {}
        parts += [name, _text(axis.get("title")), str(axis.get("type", ""))]
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=6).hexdigest()


def _text(title) -> str:
    """The words of a plotly title given as a string or as ``{"text": …}``."""
    if isinstance(title, dict):
        return str(title.get("text") or "")
    return str(title or "")


def figure_json(figure, key: str) -> tuple[str, int]:
    """``figure`` (a ``go.Figure`` or its dict) as compact plotly JSON with ``layout.uirevision`` set from
    :func:`view_revision` unless the figure sets its own, and the height to draw it at. Not
    ``plotly.io.to_json``: it writes every ``<``, ``>`` and ``/`` (the hovers' ``<br>``) as six-byte escapes
    for pages that inline it in HTML, and every letter outside ASCII as another; this JSON goes to
    ``JSON.parse`` only."""
    spec = figure.to_plotly_json() if hasattr(figure, "to_plotly_json") else dict(figure)
    layout = dict(spec.get("layout") or {})
    layout.setdefault("uirevision", view_revision(key, layout))
    height = int(layout.get("height") or DEFAULT_HEIGHT)
    compact = {"data": spec.get("data") or [], "layout": layout}
    return json.dumps(compact, cls=PlotlyJSONEncoder, separators=(",", ":"), ensure_ascii=False), height


def payload(figure, *, key: str, file_name: str, alt: str, clicks: bool, plotly_src: str, module_src: str) -> dict:
    """Everything the component's JS receives for one drawing (JSON only, so a test can read it)."""
    spec, height = figure_json(figure, key)
    return {
        "figure": spec,
        "height": height,
        "file_name": file_name,
        "png_scale": chart_style.PNG_SCALE,
        "alt": alt,
        "clicks": clicks,
        "plotly_src": plotly_src,
        "module_src": module_src,
        "revision": hashlib.blake2b(spec.encode(), digest_size=6).hexdigest(),
        "camera_title": _("Download plot as a PNG"),
        "failed_text": _("The chart could not be drawn. The table below holds the same figures."),
    }


def encode(data: dict) -> bytes:
    """``payload``'s dict as the bytes the component gets: UTF-8 JSON with the figure's JSON inside as it
    is, compressed (zlib; the browser's ``DecompressionStream("deflate")`` opens it). Given a dict,
    Streamlit would send ASCII JSON with the figure's JSON as a string in it (every quote escaped again,
    every Cyrillic, Hangul or kana letter six bytes), uncompressed: a figure repeats its hover fields and
    colours mark by mark, about 30 KB a rerun for the Timeline."""
    rest = json.dumps({key: value for key, value in data.items() if key != "figure"}, ensure_ascii=False)
    text = '{"figure":' + data["figure"] + ("," + rest[1:] if rest != "{}" else "}")
    return zlib.compress(text.encode("utf-8"), COMPRESSION_LEVEL)


def static_url(file_name: str = STATIC_SCRIPT) -> str:
    """Where Streamlit serves ``static/<file_name>``, under the server's base path if it has one."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static/{file_name}" if base else f"/app/static/{file_name}"


def module_url() -> str:
    """Where the browser imports the chart's code from: :func:`static_url` with the file's content hash."""
    return f"{static_url(MODULE_FILE)}?v={MODULE_VERSION}"


def live_chart(figure, *, key: str, file_name: str, alt: str, on_select=None):
    """Draw ``figure`` with the live component under ``key`` (its identity across reruns). The camera
    button saves ``<file_name>.png`` at 2×; with ``on_select``, a click on a mark calls it, and
    ``st.session_state[key]["selection"]["points"]`` holds the clicked points (each with its
    ``customdata``), as ``st.plotly_chart``'s selection does."""
    data = payload(
        figure,
        key=key,
        file_name=file_name,
        alt=alt,
        clicks=on_select is not None,
        plotly_src=static_url(),
        module_src=module_url(),
    )
    callbacks = {"on_selection_change": on_select} if on_select is not None else {}
    return _component(key=key, data=encode(data), width="stretch", height="content", **callbacks)
