"""docs/briefing-sample.png: the first page of the Trade page's briefing (its default view), rendered by
pdftoppm (poppler-utils) at 110 dpi. `make briefing-sample`; the PDF is left in build/briefing-sample.pdf."""

import subprocess
import sys
from pathlib import Path

from components.charts import chart_image
from harness.briefing import page_briefing

ROOT = Path(__file__).resolve().parents[1]
DPI = 110


def write_sample(png_path: Path) -> Path:
    """Build the Trade briefing, keep its PDF under build/ and render its first page to ``png_path``."""
    try:
        _run, build = page_briefing("pages/trade.py")
        pdf = build()
    finally:
        chart_image.stop()
    pdf_path = ROOT / "build" / "briefing-sample.pdf"
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    pdf_path.write_bytes(pdf)
    stem = png_path.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile", str(pdf_path), str(stem)], check=True
    )
    return png_path


if __name__ == "__main__":
    print(write_sample(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/briefing-sample.png")))
