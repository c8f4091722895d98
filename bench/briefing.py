"""Build time of the "Briefing (PDF)" of each page's default view: the chart image and the PDF, as a click
on the button makes them.

``.venv/bin/python bench/briefing.py [--pages trade,debt] [--languages en,ko] [--repeat 3]`` runs each page
in AppTest (as the page tests do), keeps the callable its briefing button was given, and times it: the first
call of the run also starts the renderer's Chromium (reported apart, as ``cold``); the median of the others is
the time an analyst waits once the app has warmed up (the app starts Chromium in the background when a page
first shows the button). Prints seconds (wall, and this process's CPU), pages and size per page, and the
load average: on a shared machine the wall times move with it. Target: 3 s. Asserts nothing.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NEA_BRIEFING_WARM_UP", "0")  # the cold start is measured here, not hidden

from components.charts import chart_image  # noqa: E402
from components.ui import navigation  # noqa: E402
from harness.briefing import page_briefing  # noqa: E402

TARGET_SECONDS = 3.0


def page_count(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        info = subprocess.run(["pdfinfo", file.name], capture_output=True, text=True, check=False).stdout
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default="", help="page keys, comma-separated (default: every page)")
    parser.add_argument("--languages", default="en,ko", help="?lang= values, comma-separated")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    keys = [key for key in options.pages.split(",") if key] or [entry.key for entry in navigation.PAGES]
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; target {TARGET_SECONDS:.0f} s")
    # cpu s: this process's CPU time (fonts, layout, PDF), the part a loaded machine stretches least.
    print(f"{'page':<10}{'lang':<6}{'cold s':>8}{'warm s':>8}{'cpu s':>8}{'pages':>7}{'KB':>7}  verdict")
    try:
        for language in options.languages.split(","):
            for key in keys:
                _run, build = page_briefing(navigation.page(key).script, {"lang": language})
                times, cpu = [], []
                for _ in range(options.repeat + 1):
                    start, start_cpu = time.perf_counter(), time.process_time()
                    pdf = build()
                    times.append(time.perf_counter() - start)
                    cpu.append(time.process_time() - start_cpu)
                warm = statistics.median(times[1:])
                verdict = "PASS" if warm <= TARGET_SECONDS else "FAIL"
                sizes = f"{page_count(pdf):>7}{len(pdf) / 1024:>7.0f}"
                print(
                    f"{key:<10}{language:<6}{times[0]:>8.2f}{warm:>8.2f}{statistics.median(cpu[1:]):>8.2f}{sizes}  "
                    f"{verdict}"
                )
    finally:
        chart_image.stop()


if __name__ == "__main__":
    main()
