"""``make serve``: N replicas of the app behind nginx on one port until Ctrl-C.

python -m deploy.serve --replicas 3 --port 8500
"""

import argparse
import signal
import sys
import tempfile
import time
from pathlib import Path

from deploy import tls
from deploy.cluster import Cluster, DeployError
from deploy.tls import TlsError

CHECK_SECONDS = 1.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """``--replicas`` (default 3) and ``--port`` (default 8500), both positive integers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=3, help="number of streamlit replicas (default 3)")
    parser.add_argument("--port", type=int, default=8500, help="port nginx listens on (default 8500)")
    parser.add_argument("--tls", action="store_true", help="serve HTTPS (self-signed unless --cert/--key)")
    parser.add_argument("--cert", help="PEM certificate for --tls")
    parser.add_argument("--key", help="PEM private key for --tls")
    parser.add_argument("--http-port", type=int, help="with --tls: plain HTTP port that redirects to HTTPS")
    args = parser.parse_args(argv)
    if bool(args.cert) != bool(args.key):
        parser.error("--cert and --key go together")
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")
    if not 0 < args.port < 65536:
        parser.error("--port must be 1–65535")
    return args


def tls_of(args: argparse.Namespace):
    """The TLS files ``args`` ask for: none, the given pair, or a new self-signed one."""
    if not args.tls:
        return None
    if args.cert:
        return tls.given(args.cert, args.key, args.http_port)
    folder = Path(tempfile.mkdtemp(prefix="nea-tls-"))
    print(f"serve: self-signed certificate for local use in {folder}", flush=True)
    return tls.self_signed(folder, args.http_port)


def main(argv: list[str] | None = None) -> int:
    """Start the cluster, print where it listens and each process, and stop it all on Ctrl-C or
    SIGTERM; exit 1 if nginx or a replica fails to start or nginx dies."""
    args = parse_args(argv)
    # Python turns SIGINT into KeyboardInterrupt only when it did not start with SIGINT ignored, and a shell
    # starts its background jobs (`make serve &`, a CI runner's steps) with SIGINT ignored: Ctrl-C and
    # SIGINT then did nothing. Both always stop everything.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    try:
        cluster = Cluster(args.replicas, args.port, tls=tls_of(args))
        cluster.start()
    except (DeployError, TlsError, ValueError) as error:
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
