"""Measure one page: first render in new contexts, slider reruns, websocket bytes and server memory."""

from playwright.sync_api import Browser

from bench.browser import (
    WebSocketBytes,
    first_slider,
    install_move_observer,
    load_page,
    move_slider,
    new_context,
    page_problem,
)
from bench.frames import bytes_by_kind, sent_frames, uncached_frames
from bench.process import rss_megabytes
from harness.browser import read_slider
from harness.server import Server
from harness.stats import median, percentile

WARM_UP_MOVES = 1
# A slider inside a form, or a page stuck in a run, would otherwise cost the move timeout every move.
GIVE_UP_AFTER_FAILED_MOVES = 2
# Per-load samples kept for every page; each also gets a ``<key>_median``.
SAMPLE_KEYS = ("first_render_ms", "first_load_bytes", "script_done_ms", "idle_ms", "static_bytes")


def measure_page(browser: Browser, server: Server, path: str, renders: int, moves: int, cold_load: bool = True) -> dict:
    """Load ``path`` in new contexts, then move its first slider ``moves`` times in the last one.

    With ``cold_load`` the first load (the server's first run of this page: imports, data loading,
    empty caches) is recorded as ``first_render_cold_ms`` and not counted; then ``renders`` loads,
    each in a new context, give the first-render samples. Returns a plain dict (it goes into the
    JSON results): first-render samples and bytes, slider settle times and bytes per rerun, the
    server's RSS afterwards, and ``error`` when the page did not load or showed an exception.
    Nothing here raises for a broken page.
    """
    url = server.url + path
    result: dict = {"path": path, "url": url, "error": None} | {key: [] for key in SAMPLE_KEYS}
    loads = renders + 1 if cold_load else renders
    context = None
    try:
        for load_index in range(loads):
            if context is not None:
                context.close()
            context = new_context(browser)
            page = context.new_page()
            websocket_bytes = WebSocketBytes().attach(page)
            render = load_page(page, url, websocket_bytes)
            if render.error:
                result["error"] = render.error
            if render.ms is None:
                break
            if cold_load and load_index == 0:
                result["first_render_cold_ms"] = render.ms
                continue
            samples = (render.ms, render.bytes_received, render.script_done_ms, render.idle_ms, render.static_bytes)
            for key, sample in zip(SAMPLE_KEYS, samples, strict=True):
                if sample is not None:
                    result[key].append(sample)
            result["largest_resources"] = render.largest_resources
            result["first_load_bytes_by_kind"] = bytes_by_kind(sent_frames(websocket_bytes.payloads))
            if load_index == loads - 1 and not render.error:
                result["slider"] = measure_slider(page, websocket_bytes, moves)
    except Exception as error:  # noqa: BLE001 - report the page as failed and go on with the others
        result["error"] = f"{type(error).__name__}: {error}".splitlines()[0]
    finally:
        if context is not None:
            context.close()
    for key in SAMPLE_KEYS:
        result[f"{key}_median"] = median(result[key])
    result["rss_mb"] = rss_megabytes(server.pid)
    return result


def measure_slider(page, websocket_bytes: WebSocketBytes, moves: int) -> dict:
    """Move the page's first slider ``WARM_UP_MOVES + moves`` times; summarise all but the warm-up."""
    slider = first_slider(page)
    if slider is None:
        return {"found": False, "note": "no slider on this page"}
    start = read_slider(slider)
    install_move_observer(page)
    records = []
    for move_index in range(WARM_UP_MOVES + moves):
        slider = first_slider(page)
        if slider is None:
            records.append({"error": "the slider disappeared"})
            break
        move = move_slider(page, slider, move_index, websocket_bytes)
        records.append(vars(move) | {"warm_up": move_index < WARM_UP_MOVES})
        if move.error == "the slider value does not change on arrow keys":
            break
        recent = records[-GIVE_UP_AFTER_FAILED_MOVES:]
        if len(recent) == GIVE_UP_AFTER_FAILED_MOVES and all(record.get("error") for record in recent):
            records.append({"error": f"gave up after {GIVE_UP_AFTER_FAILED_MOVES} failed moves in a row"})
            break
    sent = sent_frames(websocket_bytes.payloads)
    uncached = uncached_frames(websocket_bytes.payloads)
    for record in records:
        if record.get("settled_ms") is not None:
            record["bytes_uncached"] = sum(size for _, size in uncached[slice(*record["frames"])])
    settled_moves = [record for record in records if not record.get("warm_up") and record.get("settled_ms")]
    rerun_sent = [frame for record in settled_moves for frame in sent[slice(*record["frames"])]]
    rerun_uncached = [frame for record in settled_moves for frame in uncached[slice(*record["frames"])]]
    return {
        "found": True,
        "label": start["label"],
        "start_value": start["value"],
        "moves": records,
        "problem_after_moves": page_problem(page),
        "bytes_per_rerun_by_kind": bytes_by_kind(rerun_sent, divide_by=len(settled_moves)),
        "bytes_per_rerun_uncached_by_kind": bytes_by_kind(rerun_uncached, divide_by=len(settled_moves)),
    } | summarise_moves(records)


def summarise_moves(records: list[dict]) -> dict:
    """Median and p95 settle time, bytes per rerun and failure counts over the non-warm-up moves."""
    measured = [record for record in records if not record.get("warm_up")]
    settled_moves = [record for record in measured if record.get("settled_ms") is not None]
    settled = [record["settled_ms"] for record in settled_moves]
    bytes_per_rerun = [record["bytes_received"] for record in settled_moves]
    uncached = [record["bytes_uncached"] for record in settled_moves if "bytes_uncached" in record]
    return {
        "settled_ms_median": median(settled),
        "settled_ms_p95": percentile(settled, 0.95),
        "last_message_ms_median": median([record["last_message_ms"] for record in settled_moves]),
        "bytes_per_rerun_median": median(bytes_per_rerun),
        "bytes_per_rerun_max": max(bytes_per_rerun) if bytes_per_rerun else None,
        "bytes_per_rerun_uncached_median": median(uncached),
        "bytes_per_rerun_uncached_max": max(uncached) if uncached else None,
        "settled_moves": len(settled),
        "failed_moves": sum(1 for record in measured if record.get("error")),
        "multi_run_moves": sum(1 for record in measured if record.get("runs", 0) > 1),
        "batched_moves": sum(1 for record in measured if record.get("batched")),
    }


def pool_measurements(first: dict, second: dict) -> dict:
    """Combine two measurements of the same page (the bare page before and after the app pages).

    Samples are concatenated and the summaries recomputed; RSS is the later reading.
    """
    pooled = dict(second)
    pooled["error"] = first.get("error") or second.get("error")
    pooled["first_render_cold_ms"] = first.get("first_render_cold_ms")
    for key in SAMPLE_KEYS:
        pooled[key] = first[key] + second[key]
        pooled[f"{key}_median"] = median(pooled[key])
    sliders = [measurement.get("slider") for measurement in (first, second)]
    found = [slider for slider in sliders if slider and slider.get("found")]
    if found:
        records = [record for slider in found for record in slider["moves"]]
        pooled["slider"] = dict(found[-1]) | {"moves": records} | summarise_moves(records)
    pooled["measured_in_rounds"] = 2
    return pooled
