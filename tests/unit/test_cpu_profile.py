"""Self time of a CDP CPU profile by script (harness/cpu_profile.py, used by bench/js_profile.py)."""

import pytest

from harness import cpu_profile as cp

ORIGIN = "http://127.0.0.1:8620"


def frame(name: str, url: str = "", line: int = 0) -> dict:
    return {"functionName": name, "url": url, "lineNumber": line, "columnNumber": 0, "scriptId": "1"}


def profile_of(nodes: list[tuple[int, dict, list[int]]], samples: list[int], deltas: list[int], end: int) -> dict:
    return {
        "nodes": [{"id": node_id, "callFrame": call, "children": children} for node_id, call, children in nodes],
        "startTime": 0,
        "endTime": end,
        "samples": samples,
        "timeDeltas": deltas,
    }


@pytest.mark.parametrize(
    ("url", "bucket"),
    [
        (f"{ORIGIN}/app/static/{cp.STATIC_PLOTLY}", cp.PLOTLY),
        (f"{ORIGIN}/static/js/PlotlyChart.D9Z0_fxz.js", cp.PLOTLY),
        (f"{ORIGIN}/static/js/index.DormvYxC.js", cp.STREAMLIT_MAIN),
        (f"{ORIGIN}/static/js/index.esm.CnlgfcEa.js", cp.STREAMLIT_CHUNKS),
        (f"{ORIGIN}/static/js/BidiComponent.CE4SdmW3.js", cp.STREAMLIT_CHUNKS),
        ("st-bidi-nea_live_chart-12ab.js", cp.LIVE_CHART),
        (f"{ORIGIN}/app/static/{cp.STATIC_MODULE}?v=3f9a1c2b7d01", cp.LIVE_CHART),
        (f"blob:{ORIGIN}/4f1c-99", cp.LIVE_CHART),
        ("https://example.org/other.js", cp.OTHER),
    ],
)
def test_scripts_fall_in_their_buckets(url, bucket):
    assert cp.bucket_of_url(url) == bucket


def test_each_sample_counts_until_the_next_and_builtins_count_for_their_caller():
    plotly = f"{ORIGIN}/app/static/{cp.STATIC_PLOTLY}"
    main = f"{ORIGIN}/static/js/index.DormvYxC.js"
    nodes = [
        (1, frame(cp.ROOT), [2, 3, 4, 5, 7]),
        (2, frame(cp.IDLE), []),
        (3, frame(cp.PROGRAM), []),
        (4, frame(cp.GARBAGE), []),
        (5, frame("react", plotly), [6]),
        (6, frame("JSON.parse"), []),  # a built-in: no URL, counted for plotly's react
        (7, frame("render", main), []),
    ]
    # Samples at 0, 1000, 3000, 6000, 10000, 15000 µs; the profile ends at 21000 µs.
    profile = profile_of(nodes, [2, 3, 4, 5, 6, 7], [0, 1000, 2000, 3000, 4000, 5000], end=21_000)
    totals = cp.self_time_by_bucket(profile)
    assert totals[cp.NATIVE] == pytest.approx(2.0)
    assert totals[cp.GC] == pytest.approx(3.0)
    assert totals[cp.PLOTLY] == pytest.approx(4.0 + 5.0)
    assert totals[cp.STREAMLIT_MAIN] == pytest.approx(6.0)
    assert totals["script"] == pytest.approx(3.0 + 9.0 + 6.0)  # idle (1 ms) is nobody's
    assert totals["busy"] == pytest.approx(totals["script"] + 2.0)
    functions = cp.self_time_by_function(profile)
    assert functions[(cp.PLOTLY, "react → JSON.parse", f"{cp.STATIC_PLOTLY}:1")] == pytest.approx(5.0)
    assert functions[(cp.PLOTLY, "react", f"{cp.STATIC_PLOTLY}:1")] == pytest.approx(4.0)


def test_an_empty_profile_has_no_time():
    totals = cp.self_time_by_bucket(profile_of([(1, frame(cp.ROOT), [])], [], [], end=0))
    assert totals["busy"] == 0
