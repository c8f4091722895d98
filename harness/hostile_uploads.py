"""Hostile uploads, generated on demand (no binary fixture is committed): the files the upload caps exist
for, each within the 25 MB limit that the browser and Streamlit enforce.

- ``xlsx_bomb``: an ``.xlsx`` whose first sheet inflates to more than 100 million cells (about 1.5 GB of
  XML in about 2 MB: one deflate block of rows, flushed clean and repeated; sizes and CRC are honest,
  so ``zipfile`` would really inflate it all);
- ``csv_many_rows``: a CSV of 5 million short rows;
- ``csv_many_columns``: a CSV with 100,000 columns;
- ``xlsx_many_sheets``: a workbook with 500 sheets.

Used by tests/unit/test_hostile_uploads.py, tests/e2e/test_upload_e2e.py and bench/upload_parse.py;
``python -m harness.hostile_uploads FOLDER`` writes them to a folder to try by hand.
"""

import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path

from harness.server import ROOT

BOMB_CELLS_PER_ROW = 1_000
BOMB_ROWS = 101_000  # 101 million cells
MANY_ROWS = 5_000_000
MANY_COLUMNS = 100_000
MANY_SHEETS = 500

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{sheets}</Types>"
)
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"


def _workbook_parts(sheets: int) -> list[tuple[str, bytes]]:
    """The parts of a workbook of ``sheets`` sheets, each sheet empty (the caller may replace sheet 1)."""
    names = "".join(f'<sheet name="S{n}" sheetId="{n}" r:id="rId{n}"/>' for n in range(1, sheets + 1))
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, sheets + 1)
    )
    types = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{_SHEET_TYPE}"/>' for n in range(1, sheets + 1)
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<sheets>{names}</sheets></workbook>"
    )
    workbook_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
    )
    parts = [
        ("[Content_Types].xml", _CONTENT_TYPES.format(sheets=types).encode()),
        ("_rels/.rels", _ROOT_RELS.encode()),
        ("xl/workbook.xml", workbook.encode()),
        ("xl/_rels/workbook.xml.rels", workbook_rels.encode()),
    ]
    sheet = (_SHEET_HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>year</t></is></c></row>' + _SHEET_TAIL).encode()
    return parts + [(f"xl/worksheets/sheet{n}.xml", sheet) for n in range(1, sheets + 1)]


def _deflated(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def _zip(parts: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of ``(name, deflated bytes, crc32, inflated size)`` parts, written by hand so that a part can
    be a deflate stream that was never inflated here."""
    body, directory = bytearray(), bytearray()
    for name, data, crc, size in parts:
        encoded = name.encode()
        offset = len(body)
        body += struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0)
        body += encoded + data
        directory += struct.pack(
            "<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 3, 20, 0, 0, 8, 0, 0x21, crc, len(data), size, len(encoded),
            0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        directory += encoded
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(directory), len(body), 0)
    return bytes(body + directory + end)


def _plain_parts(parts: list[tuple[str, bytes]]) -> list[tuple[str, bytes, int, int]]:
    return [(name, _deflated(data), zlib.crc32(data), len(data)) for name, data in parts]


def xlsx_bomb(rows: int = BOMB_ROWS, cells_per_row: int = BOMB_CELLS_PER_ROW) -> bytes:
    """An ``.xlsx`` whose first sheet holds ``rows`` × ``cells_per_row`` cells of ``1`` (101 million)."""
    row = b"<row>" + b"<c><v>1</v></c>" * cells_per_row + b"</row>"
    rows_per_block = 64
    block = row * rows_per_block
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(_SHEET_HEAD.encode()) + compressor.flush(zlib.Z_FULL_FLUSH)
    # After a full flush the compressor starts afresh: the same block always deflates to the same bytes.
    deflated_block = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    blocks = rows // rows_per_block
    tail = compressor.compress(_SHEET_TAIL.encode()) + compressor.flush()
    crc = zlib.crc32(_SHEET_HEAD.encode())
    for _ in range(blocks):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(_SHEET_TAIL.encode(), crc)
    size = len(_SHEET_HEAD) + blocks * len(block) + len(_SHEET_TAIL)
    sheet = ("xl/worksheets/sheet1.xml", head + deflated_block * blocks + tail, crc, size)
    return _zip([*_plain_parts(_workbook_parts(1)[:-1]), sheet])


def xlsx_many_sheets(sheets: int = MANY_SHEETS) -> bytes:
    """A workbook of ``sheets`` small sheets."""
    return _zip(_plain_parts(_workbook_parts(sheets)))


def csv_many_rows(rows: int = MANY_ROWS) -> bytes:
    """A one-column CSV of ``rows`` short rows (10 MB for 5 million)."""
    return b"year\n" + b"1\n" * rows


def csv_many_columns(columns: int = MANY_COLUMNS) -> bytes:
    """A CSV whose header names ``columns`` columns, with one row."""
    return (",".join(f"c{n}" for n in range(columns)) + "\n" + ",".join("1" * columns) + "\n").encode()


_MEASURE = r"""
import json, sys, threading, time
from components.analysis import formats, uploads
from components.analysis.upload_errors import UploadError

def status(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) / 1024

formats.number(1)  # the locale data, loaded once per process like in a running replica
name, path = sys.argv[1], sys.argv[2]
raw = open(path, "rb").read()
before = status("VmRSS")
try:
    open("/proc/self/clear_refs", "w").write("5")
    peak = lambda: status("VmHWM")
except OSError:
    samples = [before]
    def sample():
        while not done:
            samples.append(status("VmRSS"))
            time.sleep(0.005)
    done = False
    threading.Thread(target=sample, daemon=True).start()
    peak = lambda: max(samples + [status("VmRSS")])
began = time.perf_counter()
try:
    uploads.read_upload(name, raw)
    problems = []
except UploadError as error:
    problems = error.problems
seconds = time.perf_counter() - began
done = True
print(json.dumps({"seconds": seconds, "growth_mb": peak() - before, "problems": problems}))
"""


def measure_read(name: str, raw: bytes, folder: Path) -> dict:
    """``read_upload(name, raw)`` in a fresh Python process: ``seconds``, ``growth_mb`` (peak resident
    size while it ran over the resident size just before, the bytes already held) and ``problems``."""
    path = Path(folder) / name
    path.write_bytes(raw)
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, name, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


HOSTILE = {
    "bomb.xlsx": xlsx_bomb,
    "many-rows.csv": csv_many_rows,
    "many-columns.csv": csv_many_columns,
    "many-sheets.xlsx": xlsx_many_sheets,
}


def main(folder: str) -> None:
    """Write every hostile file to ``folder``."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    for name, build in HOSTILE.items():
        data = build()
        (Path(folder) / name).write_bytes(data)
        print(f"{name}: {len(data) / 2**20:.1f} MB")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "hostile-uploads")
