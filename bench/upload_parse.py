"""Parse time of an uploaded file: 10k, 100k and 200k rows, each accepted format, from bytes to checked rows.

``.venv/bin/python bench/upload_parse.py [--rows 10000,100000,200000] [--repeat 3]`` prints the median
seconds of ``uploads.read_upload`` per format and size, and the ratio to parsing the same bytes with a
bare ``pandas.read_csv`` in the same run (absolute times move with the load of a shared machine).
Target: 200,000 rows within 5 s. The rows are synthetic (a monthly Comtrade layout over many years,
chapters and pairs of the dashboard's countries): a measure of speed, never data. Asserts nothing.
"""

import argparse
import io
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from components.analysis import upload_formats, uploads  # noqa: E402
from components.data.vocabularies import COUNTRY_CODES  # noqa: E402

TARGET_SECONDS = 5.0
CHAPTERS = ["TOTAL", *(f"{chapter:02d}" for chapter in range(1, 98) if chapter != 77)]


def _keys(rows: int):
    pairs = [(a, b) for a, b in itertools.permutations(COUNTRY_CODES, 2)]
    combos = itertools.product(range(1990, 2101), pairs, ("X", "M"), CHAPTERS, range(1, 13))
    return itertools.islice(combos, rows)


def comtrade_plus_csv(rows: int) -> bytes:
    """A Comtrade Plus monthly export of ``rows`` rows (every year complete in twelve months)."""
    records = [
        {
            "typeCode": "C",
            "freqCode": "M",
            "refYear": year,
            "refMonth": month,
            "period": f"{year}{month:02d}",
            "reporterISO": reporter,
            "flowCode": flow,
            "partnerISO": partner,
            "partner2Code": 0,
            "cmdCode": chapter,
            "cmdDesc": "synthetic",
            "customsCode": "C00",
            "motCode": 0,
            "primaryValue": 1000 + month,
        }
        for year, (reporter, partner), flow, chapter, month in _keys(rows)
    ]
    frame = pd.DataFrame(records).reindex(columns=upload_formats.PLUS_COLUMNS)
    return frame.to_csv(index=False).encode()


def legacy_csv(rows: int) -> bytes:
    """A legacy Comtrade monthly export of ``rows`` rows."""
    records = [
        {
            "Year": year,
            "Period": f"{year}{month:02d}",
            "Trade Flow": "Export" if flow == "X" else "Import",
            "Reporter ISO": reporter,
            "Partner ISO": partner,
            "Commodity Code": chapter,
            "Commodity": "synthetic",
            "Trade Value (US$)": 1000 + month,
        }
        for year, (reporter, partner), flow, chapter, month in _keys(rows)
    ]
    return pd.DataFrame(records).reindex(columns=upload_formats.LEGACY_COLUMNS).to_csv(index=False).encode()


def _median_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="10000,100000,200000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(size) for size in args.rows.split(",")]
    builders = {"comtrade-plus": comtrade_plus_csv, "legacy": legacy_csv}
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; target: 200,000 rows ≤ {TARGET_SECONDS} s")
    print(f"{'format':<15}{'rows':>9}{'MB':>7}{'read_upload s':>15}{'bare read_csv s':>17}{'ratio':>8}  target")
    for (label, build), rows in itertools.product(builders.items(), sizes):
        raw = build(rows)
        name = f"bench-{label}.csv"
        seconds = _median_seconds(lambda raw=raw, name=name: uploads.read_upload(name, raw), args.repeat)
        bare = _median_seconds(lambda raw=raw: pd.read_csv(io.BytesIO(raw)), args.repeat)
        verdict = ("PASS" if seconds <= TARGET_SECONDS else "FAIL") if rows >= 200_000 else ""
        size = len(raw) / 2**20
        print(f"{label:<15}{rows:>9}{size:>7.1f}{seconds:>15.2f}{bare:>17.2f}{seconds / bare:>8.1f}  {verdict}")


if __name__ == "__main__":
    main()
