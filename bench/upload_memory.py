"""What one uploaded file really costs a replica, in one process: the budget's charge against the Python
memory the read file holds (tracemalloc) and the resident size it adds (RSS), for a CSV and an ``.xlsx``
at the caps.

``.venv/bin/python bench/upload_memory.py [--rows N] [--xlsx-cells N]`` reads each file once to warm
the process (imports, regexes, the language's catalog), then again with tracemalloc running, and keeps
the result. It prints, per file: the charge (``upload_budget.charge``), tracemalloc's growth while the
read file is held (everything the read allocated and still holds: frames, strings, notes), tracemalloc's
peak during the read, and the RSS growth (before and after giving freed heap back to the system).
Asserts nothing; ``tests/unit/test_upload_budget.py`` checks the charge against tracemalloc on a
smaller file.
"""

import argparse
import gc
import sys
import time
import tracemalloc
from pathlib import Path

import pyarrow

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.process import rss_megabytes  # noqa: E402
from bench.upload_parse import comtrade_plus_csv, legacy_annual_csv, xlsx_at_cells  # noqa: E402
from components.analysis import upload_budget, upload_formats, uploads  # noqa: E402
from components.data import paths  # noqa: E402

MB = 2**20


def text_size(upload) -> float:
    """What the read file would hold with its chapter rows' text as text, as before they were categories."""
    text = upload.chapters.astype(dict.fromkeys(upload.chapters.select_dtypes("category").columns, "str"))
    deep = int(upload.chapters.memory_usage(deep=True).sum())
    return upload_budget.charge(upload) - deep + int(text.memory_usage(deep=True).sum())


def held_by_read(name: str, raw: bytes) -> dict:
    """Read ``raw`` with tracemalloc on and keep the result: the charge, the traced growth while the
    result is held and the peak, the RSS growth, the seconds. The bytes themselves are allocated before
    tracing starts, so they are not in the growth (Streamlit's copy is dropped once read)."""
    import os

    gc.collect()
    upload_budget.give_back_freed_memory()
    rss_before = rss_megabytes(os.getpid())
    arrow_before = pyarrow.total_allocated_bytes()
    tracemalloc.start()
    traced_before = tracemalloc.get_traced_memory()[0]
    began = time.perf_counter()
    upload = uploads.read_upload(name, raw)
    seconds = time.perf_counter() - began
    gc.collect()
    traced_held, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    arrow_held = pyarrow.total_allocated_bytes() - arrow_before
    rss_held = rss_megabytes(os.getpid())
    upload_budget.give_back_freed_memory()
    rss_trimmed = rss_megabytes(os.getpid())
    result = {
        "charged_mb": upload_budget.charge(upload) / MB,
        "text_mb": text_size(upload) / MB,
        "traced_held_mb": (traced_held - traced_before + arrow_held) / MB,
        "arrow_held_mb": arrow_held / MB,
        "traced_peak_mb": (traced_peak - traced_before) / MB,
        "rss_growth_mb": rss_held - rss_before,
        "rss_growth_trimmed_mb": rss_trimmed - rss_before,
        "seconds_traced": seconds,
        "rows": (len(upload.trade), len(upload.chapters)),
    }
    del upload
    gc.collect()
    upload_budget.give_back_freed_memory()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    legacy_rows = min(paths.MAX_UPLOAD_ROWS, paths.MAX_UPLOAD_CELLS // len(upload_formats.LEGACY_COLUMNS) - 1)
    parser.add_argument("--rows", type=int, default=legacy_rows, help="rows of the legacy annual CSV")
    parser.add_argument("--xlsx-cells", type=int, default=paths.MAX_XLSX_CELLS)
    args = parser.parse_args()
    plus_rows = paths.MAX_UPLOAD_CELLS // len(upload_formats.PLUS_COLUMNS) - 1
    files = {
        f"legacy-annual-{args.rows}-rows.csv": (legacy_annual_csv(args.rows), legacy_annual_csv(2000)),
        f"plus-monthly-{plus_rows}-rows.csv": (comtrade_plus_csv(plus_rows), comtrade_plus_csv(2000)),
        f"plus-{args.xlsx_cells}-cells.xlsx": (xlsx_at_cells(args.xlsx_cells), xlsx_at_cells(20_000)),
    }
    print(
        f"{'file':<34}{'MB':>6}{'rows kept':>14}{'charged':>9}{'as text':>9}{'held':>7}{'arrow':>7}{'ratio':>7}"
        f"{'peak':>7}{'RSS':>7}{'trimmed':>9}"
    )
    for name, (raw, warm) in files.items():
        uploads.read_upload(name, warm)
        result = held_by_read(name, raw)
        ratio = result["charged_mb"] / max(result["traced_held_mb"], 1e-9)
        kept = "{:,}+{:,}".format(*result["rows"])
        print(
            f"{name:<34}{len(raw) / MB:>6.1f}{kept:>14}{result['charged_mb']:>9.1f}{result['text_mb']:>9.1f}"
            f"{result['traced_held_mb']:>7.1f}{result['arrow_held_mb']:>7.1f}{ratio:>7.2f}"
            f"{result['traced_peak_mb']:>7.0f}{result['rss_growth_mb']:>7.0f}{result['rss_growth_trimmed_mb']:>9.0f}"
        )
    print("MB throughout. rows kept: trade + chapter rows. charged: upload_budget.charge; as text: the")
    print("same with the chapter rows' text as text, not categories (as before). held: what the read file")
    print("holds (tracemalloc's growth plus Arrow's pool's, which tracemalloc does not see); arrow: Arrow's")
    print("part; ratio: charged / held;")
    print("peak: tracemalloc's peak during the read (Python objects only); RSS / trimmed: the process's")
    print("growth before / after giving freed memory back (upload_budget.give_back_freed_memory).")


if __name__ == "__main__":
    main()
