"""plotly's JavaScript per slider move, before and after the live chart: a CDP CPU profile of each move.

Usage: ``make bench-js`` or ``.venv/bin/python bench/js_profile.py [--pages trade,debt,timeline] [--moves 20]
[--modes before,after] [--top 12] [--port 8620]``.

For each mode the app is started on its own (``before``: ``NEA_LIVE_CHARTS=0``, every chart drawn by
``st.plotly_chart``, which remounts it and runs ``Plotly.newPlot`` on every move; ``after``: the live chart,
``Plotly.react`` in place). Each page is opened in a new headless Chromium context and its main slider is
moved as ``bench/run.py`` moves it (ArrowRight and ArrowLeft in turn, each move waited on until the rerun
has settled), after ``--warm-up`` moves that are not counted. Chromium's sampling profiler
(``Profiler.start`` / ``Profiler.stop`` over the DevTools protocol, every ``--sampling-us`` µs) runs from
just before each key press until the rerun has settled and the chart has had ``DRAW_GRACE_MS`` more to
finish drawing. Each move's main-thread self time is split by script (harness/cpu_profile.py): plotly.js
(``/app/static/plotly-basic.min.js``, or the ``PlotlyChart`` chunk in which Streamlit bundles its own), the live
chart's component JS, Streamlit's main bundle, its other chunks, other JS (Playwright's own polling lands
there), garbage collection, and the renderer's own work outside JavaScript (style, layout, paint: V8's
"(program)"). The table gives medians per move; medians of parts do not add up to the median total.
"settled" is bench/run.py's slider time (key press → rerun settled), the median wall time of a move.

Asserts nothing. Writes everything (each move's buckets, the top functions) to
``bench/results/js-profile-<timestamp>.json``.
"""

import argparse
import json
import os
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.browser import (  # noqa: E402
    NEXT_FRAME,
    WebSocketBytes,
    first_slider,
    install_move_observer,
    load_page,
    move_slider,
    new_context,
)
from bench.run import selected_paths  # noqa: E402
from components.ui.chart_view import LIVE_SETTING  # noqa: E402
from harness import cpu_profile  # noqa: E402
from harness.browser import launch_browser  # noqa: E402
from harness.server import ROOT, Server, streamlit_server  # noqa: E402
from harness.stats import median  # noqa: E402

RESULTS_DIR = ROOT / "bench" / "results"
# The live chart draws after the rerun's last message (it unpacks the figure, then Plotly.react, then two
# frames later it measures its text); the profile runs this much past "settled" so that drawing is in it.
DRAW_GRACE_MS = 300
CHART_TIMEOUT_MS = 60_000
MODES = {"before": {LIVE_SETTING: "0"}, "after": {LIVE_SETTING: "1"}}
MODE_WORDS = {"before": "st.plotly_chart", "after": "live chart"}
COLUMNS = (*cpu_profile.SCRIPT_BUCKETS, "script", cpu_profile.NATIVE)
SHORT = {
    cpu_profile.PLOTLY: "plotly",
    cpu_profile.LIVE_CHART: "live JS",
    cpu_profile.STREAMLIT_MAIN: "st main",
    cpu_profile.STREAMLIT_CHUNKS: "st chunks",
    cpu_profile.OTHER: "other",
    cpu_profile.GC: "GC",
    "script": "script",
    cpu_profile.NATIVE: "outside JS",
}
# Any plotly chart has drawn: plotly puts .main-svg in the div it draws into, on either path.
CHART_DRAWN = "document.querySelector('.js-plotly-plot .main-svg') !== null"


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line: pages, modes, moves, sampling interval, ports."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="trade,debt,timeline", help="comma-separated (default trade,debt,timeline)")
    parser.add_argument("--modes", default="before,after", help="before (st.plotly_chart), after (live chart)")
    parser.add_argument("--moves", type=int, default=20, help="profiled slider moves per page (default 20)")
    parser.add_argument("--warm-up", type=int, default=2, help="moves before the profiled ones (default 2)")
    parser.add_argument("--sampling-us", type=int, default=100, help="profiler sampling interval (default 100 µs)")
    parser.add_argument("--top", type=int, default=10, help="print the N functions with most self time (default 10)")
    parser.add_argument("--port", type=int, default=None, help="first server port (default: free ports)")
    parser.add_argument("--app", type=Path, default=ROOT / "app.py", help="the app script (default app.py)")
    return parser.parse_args(argv)


def profile_moves(page, moves: int, warm_up: int, sampling_us: int) -> list[dict]:
    """Move the page's main slider ``warm_up + moves`` times and profile each of the last ``moves``: per move
    its settled time, its buckets (ms) and its functions' self time (ms)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": sampling_us})
    websocket_bytes = WebSocketBytes().attach(page)
    install_move_observer(page)
    records = []
    for move_index in range(warm_up + moves):
        slider = first_slider(page)
        if slider is None:
            return records + [{"error": "no slider on this page"}]
        profiled = move_index >= warm_up
        if profiled:
            cdp.send("Profiler.start")
        move = move_slider(page, slider, move_index, websocket_bytes)
        page.wait_for_timeout(DRAW_GRACE_MS)
        page.evaluate(NEXT_FRAME)
        if not profiled:
            continue
        profile = cdp.send("Profiler.stop")["profile"]
        records.append(
            {
                "settled_ms": move.settled_ms,
                "runs": move.runs,
                "error": move.error,
                "buckets": cpu_profile.self_time_by_bucket(profile),
                "functions": cpu_profile.self_time_by_function(profile),
            }
        )
    cdp.send("Profiler.disable")
    cdp.detach()
    return records


def profile_page(browser, server: Server, path: str, arguments) -> dict:
    """Open ``path`` in a new context, wait for its chart, and profile its slider moves."""
    context = new_context(browser)
    try:
        page = context.new_page()
        render = load_page(page, server.url + path, WebSocketBytes().attach(page))
        if render.error:
            return {"path": path, "error": render.error}
        page.wait_for_function(CHART_DRAWN, timeout=CHART_TIMEOUT_MS)
        records = profile_moves(page, arguments.moves, arguments.warm_up, arguments.sampling_us)
    except Exception as error:  # noqa: BLE001 - a broken page is a result to report, not a crash
        return {"path": path, "error": f"{type(error).__name__}: {error}".splitlines()[0]}
    finally:
        context.close()
    return {"path": path, "error": None} | summarise(records)


def summarise(records: list[dict]) -> dict:
    """Medians per move of each bucket and of the settled time, and every function's mean self time per move."""
    good = [record for record in records if record.get("buckets") and not record.get("error")]
    functions: dict[tuple, float] = defaultdict(float)
    for record in good:
        for key, ms in record["functions"].items():
            functions[key] += ms / len(good)
    top = sorted(functions.items(), key=lambda item: -item[1])
    return {
        "moves": len(good),
        "failed_moves": len(records) - len(good),
        "settled_ms_median": median([record["settled_ms"] for record in good]),
        "median_ms": {column: median([record["buckets"][column] for record in good]) for column in COLUMNS},
        "mean_ms": {
            column: sum(r["buckets"][column] for r in good) / len(good) if good else None for column in COLUMNS
        },
        "top_functions": [{"bucket": b, "function": f, "where": w, "ms_per_move": ms} for (b, f, w), ms in top[:40]],
        "per_move": [{"settled_ms": r["settled_ms"], "runs": r["runs"], **r["buckets"]} for r in good],
    }


def run_mode(browser, mode: str, port: int | None, arguments) -> list[dict]:
    """Start the app with ``mode``'s setting and profile every page on it."""
    print(f"Starting the app ({mode}: {MODE_WORDS[mode]}) …", flush=True)
    with streamlit_server(arguments.app, f"js-{mode}", env_extra=MODES[mode], port=port) as server:
        results = []
        for path in selected_paths(arguments.pages):
            result = profile_page(browser, server, path, arguments) | {"mode": mode}
            print(f"  {path}: {result.get('error') or str(result['moves']) + ' moves'}", flush=True)
            results.append(result)
    return results


def cell(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def render_table(results: list[dict]) -> str:
    """A Markdown table: one row per page and mode, median ms per move for each bucket."""
    header = ["page", "mode", *(SHORT[column] for column in COLUMNS), "settled", "moves"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for result in sorted(results, key=lambda r: (r["path"], list(MODES).index(r["mode"]))):
        if result.get("error"):
            lines.append(f"| {result['path']} | {result['mode']} | {result['error']} |")
            continue
        values = [cell(result["median_ms"][column]) for column in COLUMNS]
        row = [
            result["path"],
            MODE_WORDS[result["mode"]],
            *values,
            cell(result["settled_ms_median"]),
            str(result["moves"]),
        ]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def render_top(results: list[dict], count: int) -> str:
    """The ``count`` functions with most self time per move (mean), for each page and mode."""
    blocks = []
    for result in results:
        if result.get("error") or count <= 0:
            continue
        blocks.append(f"\n{result['path']}, {MODE_WORDS[result['mode']]}: mean ms per move")
        for entry in result["top_functions"][:count]:
            blocks.append(
                f"  {entry['ms_per_move']:7.1f}  {entry['bucket']:<24} {entry['function']}  ({entry['where']})"
            )
    return "\n".join(blocks)


def main(argv: list[str] | None = None) -> int:
    """Profile every page in every mode, print the tables and write the JSON results."""
    arguments = parse_arguments(argv)
    modes = [mode.strip() for mode in arguments.modes.split(",") if mode.strip()]
    unknown = [mode for mode in modes if mode not in MODES]
    if unknown:
        raise SystemExit(f"unknown mode {unknown[0]!r}; choose from {', '.join(MODES)}")
    selected_paths(arguments.pages)  # an unknown page stops here, before any server starts
    results = []
    with sync_playwright() as playwright:
        browser = launch_browser(playwright)
        for index, mode in enumerate(modes):
            port = arguments.port + index if arguments.port else None
            results += run_mode(browser, mode, port, arguments)
        version = browser.version
        browser.close()
    load = os.getloadavg()
    print(
        f"\nMain-thread self time per slider move, median ms ({arguments.moves} moves, sampled every "
        f"{arguments.sampling_us} µs; Chromium {version}; load average {load[0]:.1f} at the end)\n"
    )
    print(render_table(results))
    print(render_top(results, arguments.top))
    RESULTS_DIR.mkdir(exist_ok=True)
    out = RESULTS_DIR / f"js-profile-{datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    meta = {"arguments": {key: str(value) for key, value in vars(arguments).items()}, "chromium": version}
    out.write_text(json.dumps({"meta": meta, "results": results}, indent=2, default=str))
    print(f"\nResults written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
