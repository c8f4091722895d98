"""Load test through nginx against 1, 2 and 3 replicas: ``python -m bench.replicas`` (``make bench-replicas``).

For each replica count: one warm-up session on every replica directly, one user alone through nginx
(the single-user p95), then ``--sessions`` concurrent sessions through nginx moving the Trade page's
growth slider ``--moves`` times each (bench/load.py). Reported per count: median and p95 settle time,
p95 against the single-user p95, errors, RSS of each replica before and after, and the sessions each
replica held. Written to bench/results/replicas.json; printed as a table.
"""

import argparse
import json
import os
import secrets
import shutil
import time
from pathlib import Path

from bench.load import run_load_test
from bench.server import active_sessions, cpu_seconds, machine_busy_seconds, rss_megabytes
from deploy.cluster import Cluster, free_port

RESULTS = Path(__file__).resolve().parent / "results" / "replicas.json"
PATH = "/trade"
WARM_UP_MOVES = 3
# The bench's slider target (bench/README.md): p95 at most 2.5 times the reference p95.
P95_TARGET_RATIO = 2.5


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", default="1,2,3", help="replica counts to measure (default 1,2,3)")
    parser.add_argument("--sessions", type=int, default=5, help="concurrent sessions (default 5)")
    parser.add_argument("--moves", type=int, default=20, help="slider moves per session (default 20)")
    return parser.parse_args(argv)


def replica_snapshot(cluster: Cluster) -> list[dict]:
    """RSS in MB and the active-session gauge of every replica now."""
    return [
        {
            "replica": replica.address,
            "rss_mb": rss_megabytes(replica.process.pid),
            "sessions": active_sessions(replica.url),
        }
        for replica in cluster.replicas
    ]


def replicas_cpu(cluster: Cluster) -> float:
    """CPU seconds used so far by all the cluster's replicas together."""
    return sum(cpu_seconds(replica.process.pid) or 0.0 for replica in cluster.replicas)


def measure(replicas: int, sessions: int, moves: int) -> dict:
    """One replica count: warm-up, single user and the load test, all through a fresh cluster."""
    with Cluster(replicas, free_port(), secret=secrets.token_hex(32)) as cluster:
        try:
            for replica in cluster.replicas:
                run_load_test(replica.url, [PATH], 1, WARM_UP_MOVES)
            before = replica_snapshot(cluster)
            single = run_load_test(cluster.url, [PATH], 1, moves)
            server_before, busy_before = replicas_cpu(cluster), machine_busy_seconds()
            load = run_load_test(cluster.url, [PATH], sessions, moves)
            server_cpu, busy = replicas_cpu(cluster) - server_before, machine_busy_seconds() - busy_before
            after = replica_snapshot(cluster)
        finally:
            shutil.rmtree(cluster.run_dir, ignore_errors=True)
    single_p95 = single["settled_ms_p95"]
    return {
        "replicas": replicas,
        "single_user_p95_ms": single_p95,
        "single_user_errors": single["errors"],
        "load_median_ms": load["settled_ms_median"],
        "load_p95_ms": load["settled_ms_p95"],
        "p95_ratio": load["settled_ms_p95"] / single_p95 if single_p95 and load["settled_ms_p95"] else None,
        "moves_settled": load["moves_settled"],
        "errors": load["errors"],
        "leaks": load["leaks"],
        # Where the machine's CPU went during the load test: the replicas, or the 5 Chromium sessions
        # (and nginx) that share the same 2 cores. Per move it includes each session's first render.
        "server_cpu_s": server_cpu,
        "machine_busy_cpu_s": busy,
        "server_cpu_share": server_cpu / busy if busy else None,
        "server_cpu_ms_per_move": 1000 * server_cpu / load["moves_settled"] if load["moves_settled"] else None,
        "replicas_before": before,
        "replicas_after": after,
        "seconds": load["seconds"],
    }


def print_table(rows: list[dict]) -> None:
    print(
        "| replicas | single-user p95 ms | load median ms | load p95 ms | p95 / single | errors "
        + "| server CPU ms per move | server share of busy CPU | RSS per replica MB (sessions) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        memory = ", ".join(
            f"{entry['rss_mb']:.0f} ({entry['sessions']})" for entry in row["replicas_after"] if entry["rss_mb"]
        )
        ratio = f"{row['p95_ratio']:.2f}" if row["p95_ratio"] else "n/a"
        print(
            f"| {row['replicas']} | {row['single_user_p95_ms'] or 0:.0f} | {row['load_median_ms'] or 0:.0f} | "
            f"{row['load_p95_ms'] or 0:.0f} | {ratio} | {len(row['errors'])} | "
            f"{row['server_cpu_ms_per_move'] or 0:.0f} | {row['server_cpu_share'] or 0:.0%} | {memory} |"
        )


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    counts = [int(count) for count in args.replicas.split(",")]
    rows = []
    started = time.monotonic()
    for count in counts:
        print(f"{count} replica(s): {args.sessions} sessions × {args.moves} moves through nginx …", flush=True)
        rows.append(measure(count, args.sessions, args.moves))
    result = {
        "sessions": args.sessions,
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
    print_table(rows)
    print(f"Written to {RESULTS}")


if __name__ == "__main__":
    main()
