"""What poppler-utils (``make poppler``) reads out of a PDF: its text, its fonts and its page count and size."""

import subprocess
import tempfile
from pathlib import Path


def _run(tool: str, pdf: bytes, *options: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "briefing.pdf"
        path.write_bytes(pdf)
        return subprocess.run(
            [tool, *options, str(path), *(["-"] if tool == "pdftotext" else [])],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout


def pdf_text(pdf: bytes) -> str:
    """The text ``pdftotext`` extracts, with runs of white space (line breaks too) made single spaces."""
    return " ".join(_run("pdftotext", pdf, "-enc", "UTF-8").split())


def pdf_fonts(pdf: bytes) -> list[dict[str, str]]:
    """One row per font ``pdffonts`` lists: name, type, and ``emb``/``sub``/``uni`` as ``yes``/``no``."""
    lines = _run("pdffonts", pdf).splitlines()[2:]
    rows = []
    for line in lines:
        # name, type (may hold spaces), encoding, emb, sub, uni, object id, generation: read from the right.
        parts = line.split()
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def pdf_info(pdf: bytes) -> dict[str, str]:
    """``pdfinfo``'s fields: ``Pages``, ``Page size`` (e.g. ``595.28 x 841.89 pts (A4)``), ``Title``…"""
    info = {}
    for line in _run("pdfinfo", pdf).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pdf_images(pdf: bytes) -> list[tuple[int, int]]:
    """Width and height in pixels of every image ``pdfimages -list`` finds."""
    lines = _run("pdfimages", pdf, "-list").splitlines()[2:]
    rows = [line.split() for line in lines]
    return [(int(row[3]), int(row[4])) for row in rows if row[2] == "image"]
