"""Benchmark every dashboard page against a bare Streamlit page started in the same run.

Usage: ``make bench`` or ``.venv/bin/python bench/run.py [--pages trade,debt] [--moves 10] [--sessions 50]``.
Prints a table and the target verdicts, and writes the full results to ``bench/results/<timestamp>.json``.
"""

import argparse
import os
import platform
import subprocess
import sys
import time
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import streamlit  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from bench.load import run_load_test  # noqa: E402
from bench.measure import measure_page, pool_measurements  # noqa: E402
from bench.memory import measure_sessions  # noqa: E402
from bench.process import log_tail, rss_megabytes  # noqa: E402
from bench.report import LIVE_RATIOS, PLOTLY_RATIOS, add_ratios, evaluate_targets, render_report, write_results  # noqa: E402
from components.ui import navigation  # noqa: E402
from harness.browser import launch_browser  # noqa: E402
from harness.server import ROOT, Server, streamlit_server  # noqa: E402

BARE_PAGE = Path(__file__).resolve().parent / "bare_page.py"
BARE_PLOTLY_PAGE = Path(__file__).resolve().parent / "bare_plotly_page.py"
BARE_LIVE_PAGE = Path(__file__).resolve().parent / "bare_live_page.py"
# URL path → page file, from the page registry that app.py reads.
APP_PAGES = {f"/{entry.url_path}": entry.script for entry in navigation.PAGES}


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line: how many moves, renders and sessions, and which pages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=10, help="measured slider moves per page (default 10)")
    parser.add_argument(
        "--renders", type=int, default=2, help="warm first renders per page, after one cold load (default 2)"
    )
    parser.add_argument(
        "--sessions", type=int, default=50, help="sequential sessions for the memory test, 0 to skip (default 50)"
    )
    parser.add_argument(
        "--load-sessions", type=int, default=5, help="concurrent sessions in the load test, 0 to skip (default 5)"
    )
    parser.add_argument("--load-moves", type=int, default=20, help="slider moves per load-test session (default 20)")
    parser.add_argument("--pages", default="", help="comma-separated subset, e.g. 'trade,debt' or '/,/map'")
    parser.add_argument("--app", type=Path, default=ROOT / "app.py", help="the app script (default app.py)")
    return parser.parse_args(argv)


def selected_paths(pages_argument: str) -> list[str]:
    """The URL paths to measure, from ``--pages`` (names with or without a slash; 'overview' means /)."""
    if not pages_argument:
        return list(APP_PAGES)
    paths = []
    for name in pages_argument.split(","):
        name = name.strip().strip("/")
        path = "/" if name in ("", "overview") else f"/{name}"
        if path not in APP_PAGES:
            raise SystemExit(f"unknown page {name!r}; choose from {', '.join(APP_PAGES)}")
        paths.append(path)
    return paths


def measure_app_pages(browser, server: Server, app_script: Path, paths: list[str], arguments) -> list[dict]:
    """Measure each selected page; a page whose file does not exist yet is recorded as skipped."""
    results = []
    for path in paths:
        page_file = app_script.parent / APP_PAGES[path]
        if not page_file.exists():
            results.append({"path": path, "label": path, "skipped": f"{APP_PAGES[path]} does not exist yet"})
            print(f"  {path}: skipped, {APP_PAGES[path]} does not exist yet", flush=True)
            continue
        started = time.monotonic()
        result = measure_page(browser, server, path, arguments.renders, arguments.moves)
        result["label"] = path
        if result["error"]:
            result["server_log_tail"] = log_tail(server)
        print(f"  {path}: {time.monotonic() - started:.0f} s{' — ' + result['error'] if result['error'] else ''}")
        results.append(result)
    return results


def single_user_p95(page: dict) -> float | None:
    """The page's slider p95 from the single-user measurement, to compare with the load test."""
    return (page.get("slider") or {}).get("settled_ms_p95")


def run_metadata(arguments, browser_version: str) -> dict:
    """What the numbers depend on: versions, machine, load and arguments."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "started": datetime.now().isoformat(timespec="seconds"),
        "git_commit": commit,
        "streamlit": streamlit.__version__,
        "chromium": browser_version,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg(),
        "arguments": {key: str(value) for key, value in vars(arguments).items()},
    }


def main(argv: list[str] | None = None) -> int:
    """Run the whole benchmark, print the report and write the JSON results."""
    arguments = parse_arguments(argv)
    paths = selected_paths(arguments.pages)
    started = time.monotonic()
    results: dict = {}
    with ExitStack() as stack, sync_playwright() as playwright:
        print("Starting the bare page and the app …", flush=True)
        bare_server = stack.enter_context(streamlit_server(BARE_PAGE, "bare"))
        bare_plotly_server = stack.enter_context(streamlit_server(BARE_PLOTLY_PAGE, "bare-plotly"))
        bare_live_server = stack.enter_context(streamlit_server(BARE_LIVE_PAGE, "bare-live"))
        try:
            app_server = stack.enter_context(streamlit_server(arguments.app, "app"))
        except RuntimeError as error:
            app_server = None
            results["app_start_error"] = str(error)
            print(f"The app did not start; its pages are reported as failed.\n{error}", flush=True)
        results["server_rss_at_start_mb"] = {
            "bare": rss_megabytes(bare_server.pid),
            "bare_plotly": rss_megabytes(bare_plotly_server.pid),
            "bare_live": rss_megabytes(bare_live_server.pid),
            "app": rss_megabytes(app_server.pid) if app_server else None,
        }
        browser = launch_browser(playwright)
        results["meta"] = run_metadata(arguments, browser.version)

        print("Bare page, first round …", flush=True)
        bare_first = measure_page(browser, bare_server, "/", arguments.renders, arguments.moves)
        print("Bare plotly page, first round …", flush=True)
        plotly_first = measure_page(browser, bare_plotly_server, "/", arguments.renders, arguments.moves)
        print("Bare live-chart page, first round …", flush=True)
        live_first = measure_page(browser, bare_live_server, "/", arguments.renders, arguments.moves)
        print("App pages …", flush=True)
        if app_server:
            pages = measure_app_pages(browser, app_server, arguments.app, paths, arguments)
        else:
            pages = [{"path": path, "label": path, "error": "the app did not start"} for path in paths]
        print("Bare page, second round …", flush=True)
        bare_second = measure_page(browser, bare_server, "/", arguments.renders, arguments.moves, cold_load=False)
        print("Bare plotly page, second round …", flush=True)
        plotly_second = measure_page(
            browser, bare_plotly_server, "/", arguments.renders, arguments.moves, cold_load=False
        )
        print("Bare live-chart page, second round …", flush=True)
        live_second = measure_page(browser, bare_live_server, "/", arguments.renders, arguments.moves, cold_load=False)
        bare = pool_measurements(bare_first, bare_second) | {"label": "bare page", "path": "bare", "baseline": True}
        bare_plotly = pool_measurements(plotly_first, plotly_second) | {
            "label": "bare plotly page",
            "path": "bare-plotly",
            "baseline": True,
        }
        bare_live = pool_measurements(live_first, live_second) | {
            "label": "bare live-chart page",
            "path": "bare-live",
            "baseline": True,
        }
        for page in [bare, bare_plotly, bare_live, *pages]:
            if not page.get("skipped"):
                add_ratios(page, bare)
                add_ratios(page, bare_plotly, key=PLOTLY_RATIOS)
                add_ratios(page, bare_live, key=LIVE_RATIOS)
        results["bare"] = bare
        results["bare_plotly"] = bare_plotly
        results["bare_live"] = bare_live
        results["pages"] = [bare, bare_plotly, bare_live, *pages]

        loaded = [page["path"] for page in pages if not page.get("skipped") and not page.get("error")]
        if arguments.sessions > 0 and app_server:
            print(f"Memory: {arguments.sessions} sequential sessions …", flush=True)
            results["memory"] = measure_sessions(browser, app_server, loaded or ["/"], arguments.sessions)
        browser.close()

        if arguments.load_sessions > 0:
            with_slider = [page["path"] for page in pages if single_user_p95(page) is not None]
            target_server = app_server if with_slider and app_server else bare_server
            load_paths = with_slider or ["/"]
            print(f"Load test: {arguments.load_sessions} concurrent sessions on {target_server.name} …", flush=True)
            load = run_load_test(target_server.url, load_paths, arguments.load_sessions, arguments.load_moves)
            load["server"] = "app" if with_slider else "bare page (no app page has a slider)"
            load["single_user_p95_ms"] = {page["path"]: single_user_p95(page) for page in pages}
            results["load"] = load
            results["server_rss_after_load_mb"] = rss_megabytes(target_server.pid)

    results["targets"] = evaluate_targets(results["pages"], results.get("memory"))
    results["meta"]["seconds"] = time.monotonic() - started
    results["meta"]["load_average_at_end"] = os.getloadavg()
    print()
    load_average = results["meta"]["load_average_at_start"][0]
    if load_average > (os.cpu_count() or 1):
        print(f"Note: load average {load_average:.1f} on {os.cpu_count()} CPUs at start; absolute times are inflated.")
    print(render_report(results))
    path = write_results(results)
    print(f"\nFull run {results['meta']['seconds']:.0f} s; results written to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
