"""``make serve``: N replicas of the app behind nginx on one port until Ctrl-C.

python -m deploy.serve --replicas 3 --port 8500
"""

import argparse
import signal
import sys
import time

from deploy.cluster import Cluster, DeployError

CHECK_SECONDS = 1.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """``--replicas`` (default 3) and ``--port`` (default 8500), both positive integers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=3, help="number of streamlit replicas (default 3)")
    parser.add_argument("--port", type=int, default=8500, help="port nginx listens on (default 8500)")
    args = parser.parse_args(argv)
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")
    if not 0 < args.port < 65536:
        parser.error("--port must be 1–65535")
    return args


def main(argv: list[str] | None = None) -> int:
    """Start the cluster, print where it listens and each process, and stop it all on Ctrl-C or
    SIGTERM; exit 1 if nginx or a replica fails to start or nginx dies."""
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    cluster = Cluster(args.replicas, args.port)
    try:
        cluster.start()
    except (DeployError, ValueError) as error:
        print(f"serve: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    try:
        print(f"nginx pid {cluster.nginx.pid}: {cluster.url} (config and logs in {cluster.run_dir})", flush=True)
        for index, replica in enumerate(cluster.replicas):
            print(f"replica {index} pid {replica.process.pid}: {replica.url}", flush=True)
        print("Ctrl-C stops everything.", flush=True)
        reported = set()
        while cluster.nginx.poll() is None:
            problem = cluster.problem()
            if problem and problem not in reported:
                # nginx skips a dead replica; its sessions reconnect to a live one.
                print(f"serve: {problem}; the others keep serving", file=sys.stderr, flush=True)
                reported.add(problem)
            time.sleep(CHECK_SECONDS)
        print(f"serve: {cluster.problem()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        cluster.stop()
        print("serve: stopped nginx and every replica", flush=True)


if __name__ == "__main__":
    sys.exit(main())
