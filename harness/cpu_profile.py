"""Self time of a Chrome DevTools Protocol CPU profile (``Profiler.stop``'s ``profile``), by script.

The profile is a call tree (``nodes``, each with a ``callFrame`` and ``children``) and a list of samples
(``samples``: the leaf node's id; ``timeDeltas``: microseconds since the sample before). A sample's time is
the gap to the next sample, as DevTools counts it. A sample in a function without a script URL (a
built-in such as ``JSON.parse``, or a DOM call such as ``getBoundingClientRect`` that forces a layout) is
counted for the nearest caller that has one: that script asked for the work.
"""

import re
from collections import defaultdict
from pathlib import PurePosixPath
from urllib.parse import urlparse

from tools import static_files

# V8's pseudo-frames: the renderer's own work outside JavaScript, the collector, and nothing to do.
PROGRAM, GARBAGE, IDLE, ROOT = "(program)", "(garbage collector)", "(idle)", "(root)"

PLOTLY = "plotly.js"
LIVE_CHART = "live chart JS"
STREAMLIT_MAIN = "Streamlit main bundle"
STREAMLIT_CHUNKS = "Streamlit other chunks"
OTHER = "other JS"
GC = "garbage collection"
NATIVE = "renderer outside JS"
# Buckets in report order; those before GC are JavaScript, and with GC make the script time.
SCRIPT_BUCKETS = (PLOTLY, LIVE_CHART, STREAMLIT_MAIN, STREAMLIT_CHUNKS, OTHER, GC)
BUCKETS = (*SCRIPT_BUCKETS, NATIVE)

STATIC_PLOTLY = static_files.PLOTLY_FILE  # the live chart's bundle at /app/static/ (components/ui/live_chart.py)
STATIC_MODULE = static_files.MODULE_FILE  # the live chart's code at /app/static/, imported by its inline loader
STREAMLIT_PLOTLY_CHUNK = re.compile(r"^PlotlyChart\.[\w-]+\.js$")  # st.plotly_chart's chunk, plotly.js inside
STREAMLIT_MAIN_BUNDLE = re.compile(r"^index\.[\w-]+\.js$")
# A Components v2 script: a blob: URL, named ``st-bidi-<component>-<hash>.js`` by its sourceURL comment.
COMPONENT_SCRIPT = "st-bidi-"


def bucket_of_url(url: str) -> str:
    """The bucket of a script URL (never empty: see :func:`self_time_by_url`)."""
    name = PurePosixPath(urlparse(url).path).name
    if name == STATIC_PLOTLY or STREAMLIT_PLOTLY_CHUNK.match(name):
        return PLOTLY
    if name == STATIC_MODULE or name.startswith(COMPONENT_SCRIPT) or url.startswith("blob:"):
        return LIVE_CHART
    if "/static/js/" in url:
        return STREAMLIT_MAIN if STREAMLIT_MAIN_BUNDLE.match(name) else STREAMLIT_CHUNKS
    return OTHER


def sample_durations(profile: dict) -> list[tuple[int, float]]:
    """``(node id, milliseconds)`` for every sample: the time until the next sample (the last one runs to
    ``endTime``)."""
    samples = profile.get("samples") or []
    deltas = profile.get("timeDeltas") or []
    if not samples:
        return []
    stamps, now = [], profile.get("startTime", 0)
    for delta in deltas:
        now += delta
        stamps.append(now)
    ends = stamps[1:] + [max(profile.get("endTime", stamps[-1]), stamps[-1])]
    return [(node, max(0, end - start) / 1000) for node, start, end in zip(samples, stamps, ends, strict=False)]


def attributed_frames(profile: dict) -> dict[int, dict]:
    """Each node id → the call frame its samples are counted for: its own, or for a frame without a URL
    the nearest caller's with one. V8's pseudo-frames stay themselves."""
    nodes = {node["id"]: node for node in profile.get("nodes") or []}
    parent = {child: node_id for node_id, node in nodes.items() for child in node.get("children") or []}
    attributed: dict[int, dict] = {}
    for node_id, node in nodes.items():
        frame, current = node["callFrame"], node_id
        if frame.get("functionName") in (PROGRAM, GARBAGE, IDLE, ROOT):
            attributed[node_id] = frame
            continue
        while not nodes[current]["callFrame"].get("url") and current in parent:
            current = parent[current]
        url_frame = nodes[current]["callFrame"]
        attributed[node_id] = url_frame if url_frame.get("url") else frame
    return attributed


def bucket_of_frame(frame: dict) -> str | None:
    """The bucket of a call frame; None for idle time, which is nobody's."""
    name = frame.get("functionName")
    if name == IDLE:
        return None
    if name == PROGRAM:
        return NATIVE
    if name == GARBAGE:
        return GC
    return bucket_of_url(frame["url"]) if frame.get("url") else OTHER


def self_time_by_bucket(profile: dict) -> dict[str, float]:
    """Milliseconds of self time per bucket (every bucket present, idle left out), with ``script`` (the
    JavaScript buckets and the collector) and ``busy`` (script and the renderer's own work)."""
    frames = attributed_frames(profile)
    totals = dict.fromkeys(BUCKETS, 0.0)
    for node_id, ms in sample_durations(profile):
        bucket = bucket_of_frame(frames[node_id]) if node_id in frames else OTHER
        if bucket is not None:
            totals[bucket] += ms
    totals["script"] = sum(totals[bucket] for bucket in SCRIPT_BUCKETS)
    totals["busy"] = totals["script"] + totals[NATIVE]
    return totals


def self_time_by_function(profile: dict) -> dict[tuple[str, str, str], float]:
    """Milliseconds of self time per ``(bucket, function name, file:line)``, frames attributed as in
    :func:`attributed_frames` (``JSON.parse`` called from plotly counts as the plotly function that called
    it); idle left out. For finding what costs time inside a bucket."""
    frames = attributed_frames(profile)
    nodes = {node["id"]: node["callFrame"] for node in profile.get("nodes") or []}
    totals: dict[tuple[str, str, str], float] = defaultdict(float)
    for node_id, ms in sample_durations(profile):
        frame = frames.get(node_id, {})
        bucket = bucket_of_frame(frame)
        if bucket is None:
            continue
        own = nodes.get(node_id, {})
        name = frame.get("functionName") or "(anonymous)"
        if own is not frame and own.get("functionName"):
            name = f"{name} → {own['functionName']}"
        where = f"{PurePosixPath(urlparse(frame.get('url', '')).path).name}:{frame.get('lineNumber', -1) + 1}"
        totals[(bucket, name, where)] += ms
    return dict(totals)
