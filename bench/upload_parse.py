"""Parse time of an uploaded file: 10k, 100k and 200k rows, each accepted format, from bytes to checked rows;
then files at the caps (components/data/paths.py) and the hostile files, each in a fresh process, with
its peak memory.

``.venv/bin/python bench/upload_parse.py [--rows 10000,100000,200000] [--repeat 3] [--caps-only]`` prints the
median seconds of ``uploads.read_upload`` per format and size, and the ratio to parsing the same bytes with a
bare ``pandas.read_csv`` in the same run (absolute times move with the load of a shared machine).
Target: 200,000 rows within 5 s. Then, for each file at the caps and each hostile file, the seconds,
the growth of the process's peak resident size over its size before (the file's bytes already held)
and what the reader said. The rows are synthetic (Comtrade layouts over many years, chapters and pairs of
the dashboard's countries): a measure of speed and memory, never data. Asserts nothing.
"""

import argparse
import io
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from components.analysis import upload_formats, uploads  # noqa: E402
from components.data import paths  # noqa: E402
from components.data.vocabularies import COUNTRY_CODES  # noqa: E402
from harness import hostile_uploads  # noqa: E402

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


def legacy_annual_csv(rows: int) -> bytes:
    """A legacy Comtrade annual export of ``rows`` distinct chapter rows: every row survives into the
    read file, so this is the largest read form a file at the row cap can leave in memory."""
    pairs = list(itertools.permutations(COUNTRY_CODES, 2))
    keys = itertools.islice(itertools.product(range(1900, 2101), pairs, ("X", "M"), CHAPTERS[1:]), rows)
    records = [
        {
            "Year": year,
            "Period": year,
            "Trade Flow": "Export" if flow == "X" else "Import",
            "Reporter ISO": reporter,
            "Partner ISO": partner,
            "Commodity Code": chapter,
            "Commodity": "synthetic",
            "Trade Value (US$)": 1000 + index,
        }
        for index, (year, (reporter, partner), flow, chapter) in enumerate(keys)
    ]
    return pd.DataFrame(records).reindex(columns=upload_formats.LEGACY_COLUMNS).to_csv(index=False).encode()


def xlsx_at_cells(cells: int) -> bytes:
    """The Comtrade Plus layout as an ``.xlsx`` of ``cells`` cells (47 columns a row)."""
    import openpyxl

    frame = pd.read_csv(io.BytesIO(comtrade_plus_csv(cells // len(upload_formats.PLUS_COLUMNS) - 1)), dtype=str)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append([None if pd.isna(value) else value for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def at_the_caps() -> dict[str, bytes]:
    """Files just within the caps: the cell cap as a legacy annual export (35 columns, every row kept in
    the read file) and as a Comtrade Plus monthly export (47 columns), and the .xlsx cell cap."""
    plus_rows = paths.MAX_UPLOAD_CELLS // len(upload_formats.PLUS_COLUMNS) - 1
    legacy_rows = min(paths.MAX_UPLOAD_ROWS, paths.MAX_UPLOAD_CELLS // len(upload_formats.LEGACY_COLUMNS) - 1)
    return {
        f"legacy-annual-{legacy_rows}-rows.csv": legacy_annual_csv(legacy_rows),
        f"plus-monthly-{plus_rows}-rows.csv": comtrade_plus_csv(plus_rows),
        f"plus-{paths.MAX_XLSX_CELLS}-cells.xlsx": xlsx_at_cells(paths.MAX_XLSX_CELLS),
    }


def memory_table() -> None:
    """Seconds and peak memory of files at the caps and of the hostile files, each in a fresh process."""
    print(f"\n{'file':<34}{'MB':>6}{'seconds':>9}{'peak growth MB':>16}  outcome")
    files = at_the_caps() | {name: build() for name, build in hostile_uploads.HOSTILE.items()}
    with tempfile.TemporaryDirectory() as folder:
        for name, raw in files.items():
            result = hostile_uploads.measure_read(name, raw, Path(folder))
            outcome = result["problems"][0] if result["problems"] else "read"
            size = len(raw) / 2**20
            print(f"{name:<34}{size:>6.1f}{result['seconds']:>9.2f}{result['growth_mb']:>16.0f}  {outcome}")


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
    parser.add_argument("--caps-only", action="store_true", help="only the files at the caps and the hostile ones")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    if not args.caps_only:
        speed_table(args)
    memory_table()


def speed_table(args) -> None:
    """Median seconds per format and size against a bare pandas.read_csv."""
    sizes = [int(size) for size in args.rows.split(",")]
    builders = {"comtrade-plus": comtrade_plus_csv, "legacy": legacy_csv}
    print(f"target: 200,000 rows ≤ {TARGET_SECONDS} s")
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
