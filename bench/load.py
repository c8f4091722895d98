"""A small load test: concurrent browser sessions, each in its own process, moving sliders on the app."""

import contextlib
import multiprocessing
import queue
import threading
import time
from multiprocessing.synchronize import Barrier

from playwright.sync_api import sync_playwright

from bench.browser import (
    WebSocketBytes,
    first_slider,
    install_move_observer,
    load_page,
    move_slider,
    new_context,
    page_problem,
)
from bench.measure import GIVE_UP_AFTER_FAILED_MOVES
from harness.browser import launch_browser, read_slider
from harness.stats import median, percentile

START_TIMEOUT_SECONDS = 120
WORKER_TIMEOUT_SECONDS = 300


def run_load_test(base_url: str, paths: list[str], sessions: int, moves: int) -> dict:
    """Run ``sessions`` processes at once; session ``i`` moves the first slider of ``paths[i % len]``.

    The Playwright sync API cannot be shared between threads, so every session is a separate
    process with its own Chromium. The sessions wait at a barrier after their first render so the
    slider moves overlap. Reports errors (timeouts, ``stException``), the p95 settle time over all
    moves, and any session whose slider showed a value it did not set (cross-session leakage).
    """
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(sessions)
    results_queue = spawn.Queue()
    workers = [
        spawn.Process(
            target=session_worker,
            args=(index, base_url + paths[index % len(paths)], moves, barrier, results_queue),
            daemon=True,
        )
        for index in range(sessions)
    ]
    started = time.monotonic()
    for worker in workers:
        worker.start()
    results = collect_results(results_queue, workers)
    for worker in workers:
        worker.join(timeout=10)
        if worker.is_alive():
            worker.terminate()
    settled = [ms for result in results for ms in result["settled_ms"]]
    return {
        "sessions": sessions,
        "moves_per_session": moves,
        "per_session": results,
        "settled_ms_median": median(settled),
        "settled_ms_p95": percentile(settled, 0.95),
        "moves_settled": len(settled),
        "errors": [error for result in results for error in result["errors"]],
        "leaks": [leak for result in results for leak in result["leaks"]],
        "seconds": time.monotonic() - started,
    }


def collect_results(results_queue, workers: list) -> list[dict]:
    """One result per worker; a worker that dies or hangs becomes a result with an error."""
    results = []
    deadline = time.monotonic() + WORKER_TIMEOUT_SECONDS
    while len(results) < len(workers) and time.monotonic() < deadline:
        try:
            results.append(results_queue.get(timeout=1))
        except queue.Empty:
            if not any(worker.is_alive() for worker in workers):
                break
    reported = {result["worker"] for result in results}
    for index in range(len(workers)):
        if index not in reported:
            results.append(empty_result(index, "") | {"errors": ["worker died or timed out without a result"]})
    return sorted(results, key=lambda result: result["worker"])


def empty_result(worker_index: int, url: str) -> dict:
    """The result record of one load-test session before it has done anything."""
    return {"worker": worker_index, "url": url, "settled_ms": [], "errors": [], "leaks": [], "final_value": None}


def session_worker(worker_index: int, url: str, moves: int, barrier: Barrier, results_queue) -> None:
    """One simulated user (runs in a child process): load ``url``, then move its first slider ``moves`` times.

    Before every press and after every settled rerun the slider's value is read back from the DOM;
    it must be the value this session set, whatever the other sessions do meanwhile.
    """
    result = empty_result(worker_index, url)
    arrived = False
    try:
        with sync_playwright() as playwright:
            browser = launch_browser(playwright)
            page = new_context(browser).new_page()
            websocket_bytes = WebSocketBytes().attach(page)
            render = load_page(page, url, websocket_bytes)
            slider = first_slider(page) if render.ms is not None else None
            if render.error or slider is None:
                result["errors"].append(render.error or "no slider on the page")
                barrier.abort()
                return
            install_move_observer(page)
            arrived = True
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=START_TIMEOUT_SECONDS)
            drive_slider(page, moves, websocket_bytes, result)
            browser.close()
    except Exception as error:  # noqa: BLE001 - every failure is part of the load-test result
        result["errors"].append(f"{type(error).__name__}: {error}".splitlines()[0])
        if not arrived:
            barrier.abort()
    finally:
        results_queue.put(result)


def drive_slider(page, moves: int, websocket_bytes: WebSocketBytes, result: dict) -> None:
    """Move the first slider ``moves`` times, recording settle times, errors and foreign values."""
    expected = read_slider(first_slider(page))["value"]
    failures_in_a_row = 0
    for move_index in range(moves):
        slider = first_slider(page)
        if slider is None:
            result["errors"].append(f"move {move_index}: the slider disappeared")
            return
        shown = read_slider(slider)["value"]
        if shown != expected:
            leak = {"move": move_index, "when": "before press", "expected": expected, "shown": shown}
            result["leaks"].append({"url": result["url"]} | leak)
        move = move_slider(page, slider, move_index, websocket_bytes)
        if move.error:
            result["errors"].append(f"move {move_index}: {move.error}")
            failures_in_a_row += 1
            if failures_in_a_row == GIVE_UP_AFTER_FAILED_MOVES:
                result["errors"].append(f"gave up after {GIVE_UP_AFTER_FAILED_MOVES} failed moves in a row")
                return
        else:
            failures_in_a_row = 0
            result["settled_ms"].append(move.settled_ms)
        expected = move.value_after_press
        if move.value_after_settle is not None and move.value_after_settle != expected:
            leak = {"move": move_index, "when": "after rerun", "expected": expected, "shown": move.value_after_settle}
            result["leaks"].append({"url": result["url"]} | leak)
            expected = move.value_after_settle
        problem = page_problem(page)
        if problem:
            result["errors"].append(f"move {move_index}: {problem}")
    slider = first_slider(page)
    result["final_value"] = read_slider(slider)["value"] if slider else None
    result["expected_final_value"] = expected
