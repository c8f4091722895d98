"""Load test through nginx against 1, 2 and 3 replicas: ``python -m bench.replicas`` (``make bench-replicas``).

For each replica count, through a fresh cluster: one warm-up session on every replica directly, then
two load tests through nginx on the Trade page's growth slider.
- **Chromium** (bench/load.py): one user alone (the single-user p95), then ``--sessions`` at once,
  each moving the slider ``--moves`` times; the time to a settled page, drawing included. On a 2-core
  machine the browsers take most of the CPU, so the replicas' CPU share is reported beside it.
- **Websocket** (bench/ws_load.py): sessions that speak Streamlit's protocol without a browser, one
  alone and then each of ``--ws-sessions`` at once; the time from sending a move to the end of its run.
  This measures the servers, so it is the test that shows what more replicas buy.
Reported per count: median and p95, p95 against the single session's, errors, the replicas' CPU per
move and share of the machine's busy CPU, RSS of each replica before and after the browser test.
Written to bench/results/replicas.json; printed as two tables.
"""

import argparse
import json
import os
import secrets
import shutil
import time
from pathlib import Path

from bench.load import run_load_test
from bench.process import active_sessions, cpu_seconds, machine_busy_seconds, rss_megabytes
from deploy.cluster import Cluster, free_port
from harness.stats import ratio
from harness.ws_load import run_ws_load

RESULTS = Path(__file__).resolve().parent / "results" / "replicas.json"
PATH = "/trade"
SLIDER_LABEL = "Scenario growth"
WARM_UP_MOVES = 3
# The bench's slider target (bench/README.md): p95 at most 2.5 times the reference p95.
P95_TARGET_RATIO = 2.5


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", default="1,2,3", help="replica counts to measure (default 1,2,3)")
    parser.add_argument("--sessions", type=int, default=5, help="concurrent sessions (default 5)")
    parser.add_argument("--moves", type=int, default=20, help="slider moves per session (default 20)")
    parser.add_argument(
        "--ws-sessions",
        default="5,10",
        help="concurrent websocket sessions for the browserless load test, comma-separated (default 5,10; '' skips it)",
    )
    parser.add_argument("--no-browsers", action="store_true", help="skip the Chromium load test")
    return parser.parse_args(argv)


def replica_snapshot(cluster: Cluster) -> list[dict]:
    """RSS in MB and the active-session gauge of every replica now."""
    return [
        {
            "replica": replica.name,
            "rss_mb": rss_megabytes(replica.process.pid),
            "sessions": active_sessions(replica.url),
        }
        for replica in cluster.replicas
    ]


def replicas_cpu(cluster: Cluster) -> float:
    """CPU seconds used so far by all the cluster's replicas together."""
    return sum(cpu_seconds(replica.process.pid) or 0.0 for replica in cluster.replicas)


def cpu_during(cluster: Cluster, run):
    """``run()``'s result, the replicas' CPU seconds during it and the machine's busy CPU seconds."""
    server_before, busy_before = replicas_cpu(cluster), machine_busy_seconds()
    result = run()
    return result, replicas_cpu(cluster) - server_before, machine_busy_seconds() - busy_before


def browser_load(cluster: Cluster, sessions: int, moves: int) -> dict:
    """Chromium sessions through nginx: the single-user p95, then ``sessions`` at once (bench/load.py)."""
    single = run_load_test(cluster.url, [PATH], 1, moves)
    load, server_cpu, busy = cpu_during(cluster, lambda: run_load_test(cluster.url, [PATH], sessions, moves))
    single_p95 = single["settled_ms_p95"]
    return {
        "single_user_p95_ms": single_p95,
        "single_user_errors": single["errors"],
        "load_median_ms": load["settled_ms_median"],
        "load_p95_ms": load["settled_ms_p95"],
        "p95_ratio": ratio(load["settled_ms_p95"], single_p95),
        "moves_settled": load["moves_settled"],
        "errors": load["errors"],
        "leaks": load["leaks"],
        # Where the CPU went: the replicas, or the Chromium sessions (and nginx) on the same cores.
        # Per move it includes each session's first render.
        "server_cpu_s": server_cpu,
        "machine_busy_cpu_s": busy,
        "server_cpu_share": server_cpu / busy if busy else None,
        "server_cpu_ms_per_move": 1000 * server_cpu / load["moves_settled"] if load["moves_settled"] else None,
        "seconds": load["seconds"],
    }


def websocket_load(cluster: Cluster, session_counts: list[int], moves: int) -> dict:
    """Browserless sessions through nginx (bench/ws_load.py): one alone, then each count at once."""
    url = cluster.url + PATH
    single = run_ws_load(url, SLIDER_LABEL, 1, moves)
    rows = []
    for count in session_counts:
        load, server_cpu, busy = cpu_during(cluster, lambda count=count: run_ws_load(url, SLIDER_LABEL, count, moves))
        rows.append(
            {
                "sessions": count,
                "move_ms_median": load.move_ms_median,
                "move_ms_p95": load.move_ms_p95,
                "p95_ratio": ratio(load.move_ms_p95, single.move_ms_p95),
                "moves": load.moves,
                "moves_per_second": load.moves / load.seconds if load.seconds else None,
                "errors": load.errors,
                "server_cpu_s": server_cpu,
                "server_cpu_share": server_cpu / busy if busy else None,
                "server_cpu_ms_per_move": 1000 * server_cpu / load.moves if load.moves else None,
            }
        )
    return {
        "single_move_ms_median": single.move_ms_median,
        "single_move_ms_p95": single.move_ms_p95,
        "single_errors": single.errors,
        "loads": rows,
    }


def measure(replicas: int, sessions: int, moves: int, ws_sessions: list[int], browsers: bool = True) -> dict:
    """One replica count through a fresh cluster: warm-up, then the browser and websocket load tests."""
    with Cluster(replicas, free_port(), secret=secrets.token_hex(32), debug_replica_names=True) as cluster:
        try:
            for replica in cluster.replicas:
                run_load_test(replica.url, [PATH], 1, WARM_UP_MOVES)
            before = replica_snapshot(cluster)
            browser = browser_load(cluster, sessions, moves) if browsers else None
            after = replica_snapshot(cluster)
            websocket = websocket_load(cluster, ws_sessions, moves) if ws_sessions else None
        finally:
            shutil.rmtree(cluster.run_dir, ignore_errors=True)
    return {
        "replicas": replicas,
        "browser": browser,
        "websocket": websocket,
        "replicas_before": before,
        "replicas_after": after,
    }


def _ms(value) -> str:
    return f"{value:,.0f}" if value else "n/a"


def print_tables(rows: list[dict]) -> None:
    """The browser table and the websocket table, one row per replica count (and session count)."""
    if any(row["browser"] for row in rows):
        print("\nChromium sessions (bench/load.py): settle time per move, browser drawing included")
        print(
            "| replicas | single-user p95 ms | load median ms | load p95 ms | p95 / single | errors "
            "| replica CPU ms per move | replicas' share of busy CPU | RSS per replica MB (sessions) |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        browser = row["browser"]
        if not browser:
            continue
        memory = ", ".join(
            f"{entry['rss_mb']:.0f} ({entry['sessions']})" for entry in row["replicas_after"] if entry["rss_mb"]
        )
        ratio = f"{browser['p95_ratio']:.2f}" if browser["p95_ratio"] else "n/a"
        print(
            f"| {row['replicas']} | {_ms(browser['single_user_p95_ms'])} | {_ms(browser['load_median_ms'])} | "
            f"{_ms(browser['load_p95_ms'])} | {ratio} | {len(browser['errors'])} | "
            f"{_ms(browser['server_cpu_ms_per_move'])} | {browser['server_cpu_share'] or 0:.0%} | {memory} |"
        )
    if any(row["websocket"] for row in rows):
        print("\nWebsocket sessions (bench/ws_load.py): send → script_finished per move, no browser")
        print(
            "| replicas | sessions | single-session p95 ms | load median ms | load p95 ms | p95 / single "
            "| moves per second | errors | replica CPU ms per move | replicas' share of busy CPU |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        websocket = row["websocket"]
        if not websocket:
            continue
        for load in websocket["loads"]:
            ratio = f"{load['p95_ratio']:.2f}" if load["p95_ratio"] else "n/a"
            print(
                f"| {row['replicas']} | {load['sessions']} | {_ms(websocket['single_move_ms_p95'])} | "
                f"{_ms(load['move_ms_median'])} | {_ms(load['move_ms_p95'])} | {ratio} | "
                f"{load['moves_per_second'] or 0:.1f} | {len(load['errors'])} | "
                f"{_ms(load['server_cpu_ms_per_move'])} | {load['server_cpu_share'] or 0:.0%} |"
            )


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    counts = [int(count) for count in args.replicas.split(",")]
    rows = []
    started = time.monotonic()
    ws_sessions = [int(count) for count in args.ws_sessions.split(",") if count.strip()]
    for count in counts:
        print(f"{count} replica(s): {args.sessions} sessions × {args.moves} moves through nginx …", flush=True)
        rows.append(measure(count, args.sessions, args.moves, ws_sessions, browsers=not args.no_browsers))
    result = {
        "sessions": args.sessions,
        "websocket_sessions": ws_sessions,
        "moves": args.moves,
        "path": PATH,
        "cpu_count": os.cpu_count(),
        "load_average_at_end": os.getloadavg(),
        "p95_target_ratio": P95_TARGET_RATIO,
        "seconds": time.monotonic() - started,
        "rows": rows,
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2))
    print_tables(rows)
    print(f"Written to {RESULTS}")


if __name__ == "__main__":
    main()
