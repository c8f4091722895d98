"""Ratios to the bare page, PASS/FAIL against the targets, the printed table and the JSON file."""

import json
from datetime import datetime
from pathlib import Path

from harness.stats import ratio

RESULTS_DIR = Path(__file__).resolve().parent / "results"

# Targets are against the bare plotly page (the floor of the card's stack), measured in the same run.
PLOTLY_RATIOS = "ratios_plotly"
# The third baseline: the bare plotly page drawn by the live component (bench/bare_live_page.py).
LIVE_RATIOS = "ratios_live"
SLIDER_MEDIAN_MAX_RATIO = 2.0  # issue #24
SLIDER_P95_MAX_RATIO = 2.0
FIRST_RENDER_MAX_RATIO = 1.3
RERUN_MAX_BYTES = 60 * 1024
SESSIONS_RSS_MAX_RATIO = 1.3
FIRST_RENDER_TARGET = f"first render ≤ {FIRST_RENDER_MAX_RATIO}× bare plotly"
SLIDER_MEDIAN_TARGET = f"slider median ≤ {SLIDER_MEDIAN_MAX_RATIO}× bare plotly"
SLIDER_P95_TARGET = f"slider p95 ≤ {SLIDER_P95_MAX_RATIO}× bare plotly"
RERUN_BYTES_TARGET = f"≤ {RERUN_MAX_BYTES // 1024} KB per rerun"
ALL_PAGE_TARGETS = (FIRST_RENDER_TARGET, SLIDER_MEDIAN_TARGET, SLIDER_P95_TARGET, RERUN_BYTES_TARGET)


def add_ratios(page: dict, bare: dict, key: str = "ratios") -> None:
    """Add ``key`` (``ratios``) to a page result: each figure divided by ``bare``'s figure from this run."""
    slider, bare_slider = page.get("slider") or {}, bare.get("slider") or {}
    page[key] = {
        "first_render": ratio(page.get("first_render_ms_median"), bare.get("first_render_ms_median")),
        "first_load_bytes": ratio(page.get("first_load_bytes_median"), bare.get("first_load_bytes_median")),
        "settled_median": ratio(slider.get("settled_ms_median"), bare_slider.get("settled_ms_median")),
        "settled_p95": ratio(slider.get("settled_ms_p95"), bare_slider.get("settled_ms_p95")),
        "bytes_per_rerun": ratio(
            slider.get("bytes_per_rerun_uncached_median"), bare_slider.get("bytes_per_rerun_uncached_median")
        ),
        "rss": ratio(page.get("rss_mb"), bare.get("rss_mb")),
    }


def evaluate_targets(pages: list[dict], memory: dict | None) -> list[dict]:
    """One verdict per target and page: ``{"target", "page", "verdict": PASS|FAIL|n/a, "detail"}``."""
    verdicts = []
    for page in pages:
        if page.get("skipped") or page.get("baseline"):
            continue
        ratios = page.get(PLOTLY_RATIOS) or page.get("ratios", {})
        slider = page.get("slider") or {}
        if page.get("error"):
            detail = page["error"][:100]
            verdicts.extend(
                {"target": target, "page": page["path"], "verdict": "n/a", "detail": detail}
                for target in ALL_PAGE_TARGETS
            )
            continue
        verdicts.append(ratio_verdict(FIRST_RENDER_TARGET, page, ratios.get("first_render"), FIRST_RENDER_MAX_RATIO))
        if not slider.get("found"):
            note = page.get("error") or slider.get("note") or "slider not measured"
            for target in ALL_PAGE_TARGETS[1:]:
                verdicts.append({"target": target, "page": page["path"], "verdict": "n/a", "detail": note})
            continue
        verdicts.append(
            ratio_verdict(SLIDER_MEDIAN_TARGET, page, ratios.get("settled_median"), SLIDER_MEDIAN_MAX_RATIO)
        )
        verdicts.append(ratio_verdict(SLIDER_P95_TARGET, page, ratios.get("settled_p95"), SLIDER_P95_MAX_RATIO))
        largest = slider.get("bytes_per_rerun_uncached_max")
        verdicts.append(
            {
                "target": RERUN_BYTES_TARGET,
                "page": page["path"],
                "verdict": "n/a" if largest is None else ("PASS" if largest <= RERUN_MAX_BYTES else "FAIL"),
                "detail": "no settled rerun"
                if largest is None
                else f"largest rerun {largest / 1024:.1f} KB (uncached)",
            }
        )
    if memory is not None:
        verdicts.append(
            ratio_verdict(
                f"RSS({memory['sessions']} sessions) ≤ 1.3 × RSS(5)", {"path": "app"}, memory.get("ratio"), 1.3
            )
        )
    return verdicts


def ratio_verdict(target: str, page: dict, value: float | None, limit: float) -> dict:
    """PASS when ``value`` ≤ ``limit``, FAIL above it, n/a when it could not be measured."""
    if value is None:
        return {"target": target, "page": page["path"], "verdict": "n/a", "detail": page.get("error") or "not measured"}
    verdict = "PASS" if value <= limit else "FAIL"
    return {"target": target, "page": page["path"], "verdict": verdict, "detail": f"{value:.2f}× (limit {limit}×)"}


def format_number(value: float | None, digits: int = 0) -> str:
    """A number for the table, or a dash when missing."""
    return "–" if value is None else f"{value:,.{digits}f}"


def format_ratio(value: float | None) -> str:
    """A ratio for the table as ``(1.23×)``, or empty when missing."""
    return "" if value is None else f"({value:.2f}×)"


def page_rows(pages: list[dict]) -> list[list[str]]:
    """The table's rows: one per page, figures with their ratio to the bare page."""
    rows = []
    for page in pages:
        ratios = page.get("ratios", {})
        plotly_ratios = page.get(PLOTLY_RATIOS, {})
        live_ratios = page.get(LIVE_RATIOS, {})
        slider = page.get("slider") or {}
        kilobytes = page.get("first_load_bytes_median")
        rerun_sent = slider.get("bytes_per_rerun_median")
        rerun_median = slider.get("bytes_per_rerun_uncached_median")
        rerun_max = slider.get("bytes_per_rerun_uncached_max")
        note = page.get("skipped") or page.get("error") or slider.get("note") or ""
        if slider.get("found"):
            extras = [f"{slider['failed_moves']} failed moves" if slider.get("failed_moves") else ""]
            extras.append(f"{slider['multi_run_moves']} moves ran twice" if slider.get("multi_run_moves") else "")
            extras.append(f"slider '{slider.get('label', '')}'")
            note = "; ".join(part for part in [note, *extras] if part)
        rows.append(
            [
                page["label"],
                f"{format_number(page.get('first_render_ms_median'))} {format_ratio(ratios.get('first_render'))}",
                format_number(page.get("idle_ms_median")),
                format_number(None if page.get("static_bytes_median") is None else page["static_bytes_median"] / 1024),
                f"{format_number(None if kilobytes is None else kilobytes / 1024, 1)} "
                f"{format_ratio(ratios.get('first_load_bytes'))}",
                f"{format_number(slider.get('settled_ms_median'))} {format_ratio(ratios.get('settled_median'))}",
                f"{format_number(slider.get('settled_ms_p95'))} {format_ratio(ratios.get('settled_p95'))}",
                f"{format_number(None if rerun_sent is None else rerun_sent / 1024, 1)}"
                f" / {format_number(None if rerun_median is None else rerun_median / 1024, 1)}"
                f" / {format_number(None if rerun_max is None else rerun_max / 1024, 1)}"
                f" {format_ratio(ratios.get('bytes_per_rerun'))}",
                f"{format_number(page.get('rss_mb'))} {format_ratio(ratios.get('rss'))}",
                " ".join(
                    format_ratio(plotly_ratios.get(name)) or "–"
                    for name in ("first_render", "settled_median", "settled_p95", "bytes_per_rerun")
                ),
                " ".join(
                    format_ratio(live_ratios.get(name)) or "–"
                    for name in ("first_render", "settled_median", "settled_p95", "bytes_per_rerun")
                ),
                note[:90],
            ]
        )
    return rows


def render_table(header: list[str], rows: list[list[str]]) -> str:
    """A plain-text table with columns padded to their widest cell."""
    widths = [max(len(str(row[column])) for row in [header, *rows]) for column in range(len(header))]
    lines = [" | ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    rule = "-+-".join("-" * width for width in widths)
    head = " | ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True))
    return "\n".join([head, rule, *lines])


def render_report(results: dict) -> str:
    """The whole human-readable report: page table, memory, load test and target verdicts."""
    header = [
        "page",
        "first render ms",
        "idle ms",
        "HTTP KB",
        "ws first load KB",
        "slider→settled median ms",
        "p95 ms",
        "ws KB/rerun sent / uncached med / max",
        "server RSS MB",
        "vs bare plotly: first / median / p95 / KB",
        "vs bare live chart: first / median / p95 / KB",
        "notes",
    ]
    legend = (
        "first render: navigation start → stApp notRunning, no skeleton (median of new contexts);"
        " idle: next animation frame 200 ms later (chart drawing done); HTTP KB: JS/CSS/fonts fetched;"
        " ws: websocket bytes server → client; KB/rerun: median sent, and median and largest counting cached"
        " messages (ref_hash) at full size; (×) = ratio to the bare page (st.line_chart); the 'vs bare plotly'"
        " column gives first render, slider median, p95 and KB/rerun as ratios to the bare plotly page, and"
        " 'vs bare live chart' the same against the bare page drawn by the live component"
    )
    parts = [legend, render_table(header, page_rows(results["pages"]))]
    parts.append(render_bytes_by_kind(results["pages"]))
    memory = results.get("memory")
    if memory:
        checkpoints = memory["checkpoints"]
        parts.append(
            f"\nMemory, {memory['sessions']} sequential sessions over {', '.join(memory['paths'])}"
            f" ({memory['seconds']:.0f} s): RSS "
            + ", ".join(
                f"after {count}: {format_number(values['rss_mb'])} MB (active_sessions {values['active_sessions']})"
                for count, values in checkpoints.items()
            )
            + f"; ratio {format_number(memory.get('ratio'), 2)}"
            + (f"; {len(memory['failures'])} sessions failed" if memory["failures"] else "")
        )
    load = results.get("load")
    if load:
        parts.append(render_load(load))
    parts.append("\nTargets (reported, not asserted):")
    for verdict in results["targets"]:
        parts.append(f"  {verdict['verdict']:<4}  {verdict['page']:<10} {verdict['target']:<34} {verdict['detail']}")
    return "\n".join(parts)


def render_bytes_by_kind(pages: list[dict], shown: int = 5) -> str:
    """Where the websocket bytes go: the largest frame kinds on first load and per rerun, per page."""
    lines = ["\nWebsocket KB by what the frame carries (first load | per rerun, cached messages at full size):"]
    for page in pages:
        first_load = page.get("first_load_bytes_by_kind") or {}
        per_rerun = (page.get("slider") or {}).get("bytes_per_rerun_uncached_by_kind") or {}
        if not first_load and not per_rerun:
            continue
        lines.append(f"  {page['label']}: {describe_kinds(first_load, shown)} | {describe_kinds(per_rerun, shown)}")
    lines.append("Largest HTTP resources on first load (KB):")
    for page in pages:
        if page.get("largest_resources"):
            resources = ", ".join(f"{name} {size:,}" for name, size in page["largest_resources"])
            lines.append(f"  {page['label']}: {resources}")
    return "\n".join(lines)


def describe_kinds(kinds: dict[str, float], shown: int) -> str:
    """``vega_lite_chart 41.2, dataframe 12.0, …`` for the ``shown`` largest kinds."""
    if not kinds:
        return "–"
    items = [f"{kind.removeprefix('delta:')} {size / 1024:.1f}" for kind, size in list(kinds.items())[:shown]]
    rest = sum(list(kinds.values())[shown:])
    return ", ".join(items) + (f", other {rest / 1024:.1f}" if rest else "")


def render_load(load: dict) -> str:
    """The load-test paragraph: sessions, p95, errors and leakage."""
    lines = [
        f"\nLoad test: {load['sessions']} concurrent sessions × {load['moves_per_session']} slider moves"
        f" ({load['seconds']:.0f} s){' on ' + load['server'] if load.get('server') else ''}:"
        f" {load['moves_settled']} moves settled, median {format_number(load['settled_ms_median'])} ms,"
        f" p95 {format_number(load['settled_ms_p95'])} ms; errors {len(load['errors'])};"
        f" cross-session leaks {len(load['leaks'])}"
    ]
    single_user = [value for value in (load.get("single_user_p95_ms") or {}).values() if value]
    if single_user and load["settled_ms_p95"]:
        factor = load["settled_ms_p95"] / max(single_user)
        lines.append(f"  p95 under load ÷ worst single-user p95 of the same pages: {factor:.2f}×")
    for session in load["per_session"]:
        lines.append(
            f"  session {session['worker']}: {session['url']} — {len(session['settled_ms'])} settled,"
            f" final value {session.get('final_value')} (set {session.get('expected_final_value')})"
            + (f"; errors: {'; '.join(session['errors'])[:160]}" if session["errors"] else "")
        )
    for leak in load["leaks"][:10]:
        lines.append(f"  LEAK {leak}")
    return "\n".join(lines)


def write_results(results: dict) -> Path:
    """Write the results as JSON to ``bench/results/<timestamp>.json`` and return the path."""
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{datetime.now().strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2, default=str))
    return path
