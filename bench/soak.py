"""Soak: a bounded load for a fixed time on the replicated deployment, to catch growing memory.

``python -m bench.soak`` (``make bench-soak``): 2 replicas behind nginx; a warm-up round, then rounds of
``--sessions`` websocket sessions (harness/ws_load.py), each moving the Trade page's growth slider
``--moves`` times, one round after another for ``--minutes``. Sessions open and close every round, as
analysts come and go. Printed: rounds, moves, errors, and each replica's RSS after the warm-up and at the
end, with the ratio (target: at most 1.1, with 0 errors). Written to bench/results/soak.json.
"""

import argparse
import json
import secrets
import shutil
import time
from pathlib import Path

from bench.process import rss_megabytes
from deploy.cluster import Cluster, free_port
from harness.ws_load import run_ws_load

RESULTS = Path(__file__).resolve().parent / "results" / "soak.json"
PATH = "/trade"
SLIDER_LABEL = "Scenario growth"
RSS_TARGET_RATIO = 1.1


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10, help="how long the load runs (default 10)")
    parser.add_argument("--sessions", type=int, default=5, help="concurrent sessions per round (default 5)")
    parser.add_argument("--moves", type=int, default=20, help="slider moves per session and round (default 20)")
    parser.add_argument("--replicas", type=int, default=2, help="replicas behind nginx (default 2)")
    return parser.parse_args(argv)


def replica_rss(cluster: Cluster) -> list[float]:
    """Each replica's resident memory in MB."""
    return [rss_megabytes(replica.process.pid) or 0.0 for replica in cluster.replicas]


def soak(minutes: float, sessions: int, moves: int, replicas: int) -> dict:
    """Run the soak and return its figures."""
    with Cluster(replicas, free_port(), secret=secrets.token_hex(32)) as cluster:
        try:
            url = cluster.url + PATH
            warm = run_ws_load(url, SLIDER_LABEL, sessions, moves)
            after_warm_up = replica_rss(cluster)
            rounds, total_moves, errors = 0, 0, list(warm.errors)
            deadline = time.monotonic() + minutes * 60
            while time.monotonic() < deadline:
                result = run_ws_load(url, SLIDER_LABEL, sessions, moves)
                rounds, total_moves = rounds + 1, total_moves + result.moves
                errors += result.errors
            at_end = replica_rss(cluster)
        finally:
            shutil.rmtree(cluster.run_dir, ignore_errors=True)
    ratios = [end / warm if warm else None for warm, end in zip(after_warm_up, at_end, strict=True)]
    return {
        "minutes": minutes,
        "replicas": replicas,
        "sessions": sessions,
        "rounds": rounds,
        "moves": total_moves,
        "errors": errors,
        "rss_after_warm_up_mb": after_warm_up,
        "rss_at_end_mb": at_end,
        "rss_ratio": ratios,
    }


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    figures = soak(args.minutes, args.sessions, args.moves, args.replicas)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2))
    print(
        f"{figures['minutes']:g} min, {figures['replicas']} replicas, {figures['sessions']} sessions per round: "
        f"{figures['rounds']} rounds, {figures['moves']} moves, {len(figures['errors'])} errors"
    )
    for index, (warm, end, ratio) in enumerate(
        zip(figures["rss_after_warm_up_mb"], figures["rss_at_end_mb"], figures["rss_ratio"], strict=True)
    ):
        verdict = "ok" if ratio is not None and ratio <= RSS_TARGET_RATIO else "OVER"
        print(f"replica {index}: RSS {warm:.0f} MB after warm-up → {end:.0f} MB at the end ({ratio:.2f}×, {verdict})")
    if figures["errors"]:
        print("errors:", *figures["errors"][:10], sep="\n  ")


if __name__ == "__main__":
    main()
