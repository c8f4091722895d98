"""Soak: a bounded load for a fixed time on the replicated deployment, to catch growing memory.

``python -m bench.soak`` (``make bench-soak``): 2 replicas behind nginx; rounds of ``--sessions`` websocket
sessions (harness/ws_load.py), each moving the Trade page's growth slider ``--moves`` times, one round after
another. Sessions open and close every round, as analysts come and go.

A closed session is kept by Streamlit for ``server.disconnectedSessionTTL`` seconds (120 by default), in
case its browser reconnects. So the warm-up runs rounds for that long plus one round: after it, the
replicas hold as many closed sessions as they will at any later point of the load, and what grows after
that is growth, not sessions waiting to expire. Then the load runs for ``--minutes``. Each replica's RSS is
sampled after every round. Printed: rounds, moves, errors, each replica's RSS after the warm-up, its highest
and its value at the end, with the ratio of end to warm-up (target: at most 1.1, with 0 errors), and the
RSS once the last sessions have expired. Written to bench/results/soak.json.
"""

import argparse
import json
import secrets
import shutil
import time
from pathlib import Path

from streamlit import config

from bench.process import rss_megabytes
from deploy.cluster import Cluster, free_port
from harness.ws_load import run_ws_load

RESULTS = Path(__file__).resolve().parent / "results" / "soak.json"
PATH = "/trade"
SLIDER_LABEL = "Scenario growth"
RSS_TARGET_RATIO = 1.1


def session_ttl_s() -> float:
    """How long Streamlit keeps a closed session, as the replicas are configured (.streamlit/config.toml)."""
    return float(config.get_option("server.disconnectedSessionTTL"))


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
    ttl = session_ttl_s()
    with Cluster(replicas, free_port(), secret=secrets.token_hex(32)) as cluster:
        try:
            url = cluster.url + PATH
            errors, warm_up_rounds = [], 0
            warm_up_end = time.monotonic() + ttl
            while True:
                errors += run_ws_load(url, SLIDER_LABEL, sessions, moves).errors
                warm_up_rounds += 1
                if time.monotonic() >= warm_up_end:
                    break
            after_warm_up = replica_rss(cluster)
            rounds, total_moves, samples = 0, 0, []
            deadline = time.monotonic() + minutes * 60
            while time.monotonic() < deadline:
                result = run_ws_load(url, SLIDER_LABEL, sessions, moves)
                rounds, total_moves = rounds + 1, total_moves + result.moves
                errors += result.errors
                samples.append(replica_rss(cluster))
            at_end = replica_rss(cluster)
            time.sleep(ttl + 15)  # Streamlit drops expired sessions on its next sweep after the TTL
            after_expiry = replica_rss(cluster)
        finally:
            shutil.rmtree(cluster.run_dir, ignore_errors=True)
    ratios = [end / warm if warm else None for warm, end in zip(after_warm_up, at_end, strict=True)]
    return {
        "minutes": minutes,
        "replicas": replicas,
        "sessions": sessions,
        "session_ttl_s": ttl,
        "warm_up_rounds": warm_up_rounds,
        "rounds": rounds,
        "moves": total_moves,
        "errors": errors,
        "rss_after_warm_up_mb": after_warm_up,
        "rss_highest_mb": [max(column) for column in zip(*samples, strict=True)] if samples else at_end,
        "rss_at_end_mb": at_end,
        "rss_ratio": ratios,
        "rss_after_expiry_mb": after_expiry,
        "rss_per_round_mb": samples,
    }


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    figures = soak(args.minutes, args.sessions, args.moves, args.replicas)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2))
    print(
        f"{figures['minutes']:g} min, {figures['replicas']} replicas, {figures['sessions']} sessions per round: "
        f"{figures['rounds']} rounds, {figures['moves']} moves, {len(figures['errors'])} errors "
        f"(after {figures['warm_up_rounds']} warm-up rounds over the {figures['session_ttl_s']:g} s session TTL)"
    )
    for index, (warm, high, end, ratio, expired) in enumerate(
        zip(
            figures["rss_after_warm_up_mb"],
            figures["rss_highest_mb"],
            figures["rss_at_end_mb"],
            figures["rss_ratio"],
            figures["rss_after_expiry_mb"],
            strict=True,
        )
    ):
        verdict = "ok" if ratio is not None and ratio <= RSS_TARGET_RATIO else "OVER"
        print(
            f"replica {index}: RSS {warm:.0f} MB after warm-up, highest {high:.0f}, {end:.0f} MB at the end "
            f"({ratio:.2f}×, {verdict}); {expired:.0f} MB once the last sessions expired"
        )
    if figures["errors"]:
        print("errors:", *figures["errors"][:10], sep="\n  ")


if __name__ == "__main__":
    main()
