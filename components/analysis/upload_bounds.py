"""Caps on an upload's shape (rows, columns, cells; for an ``.xlsx`` its zip), checked before anything is
built from the file, so that one hostile or careless file cannot take a replica's memory or hold a
session's thread for minutes. The caps live in ``components/data/paths.py``.

Each refusal is one sentence naming the cap that was hit and what the file had. A CSV is measured on
its bytes (its header's separators, its line breaks) before pandas reads it; an ``.xlsx`` by its zip's
directory (parts, sheets, inflated sizes) before openpyxl opens it, and then row by row while its first
sheet is read, stopping at the caps. ``zipfile`` never inflates a part past the size the directory
declares (it stops there and fails the CRC check), so the declared sizes bound the work.
"""

import re
import struct
import zipfile
from collections.abc import Iterable, Iterator

from components.analysis import formats
from components.analysis.upload_errors import UploadError
from components.data import paths
from components.i18n import _

# The end-of-central-directory record and where its entry count sits.
_END_OF_DIRECTORY = b"PK\x05\x06"
_LONGEST_COMMENT = 65_535
MAX_XLSX_PARTS = 1_000
# A part this small cannot be a bomb whatever its ratio (an XML skeleton compresses well).
_RATIO_FLOOR_BYTES = 1024 * 1024


def _refuse(sentence: str) -> None:
    raise UploadError([sentence])


def check_csv_shape(raw: bytes, header_end: int, separator: bytes) -> tuple[int, int]:
    """The header's column count and the number of lines after it, refused past the column, row or cell
    cap. Line breaks inside quoted cells only make the count larger, never smaller, so a file within the
    caps here is within them once read (pandas still reads at most ``MAX_UPLOAD_ROWS + 1`` rows)."""
    header = raw[:header_end]
    columns = header.count(separator) + 1
    if columns > paths.MAX_UPLOAD_COLUMNS:
        _refuse(
            _("The file's header has {columns} columns; the limit is {limit} columns.").format(
                columns=formats.number(columns), limit=formats.number(paths.MAX_UPLOAD_COLUMNS)
            )
        )
    lines = raw.count(b"\n", header_end + 1)
    if not raw.endswith(b"\n") and len(raw) > header_end + 1:
        lines += 1
    if lines > paths.MAX_UPLOAD_ROWS:
        _refuse(
            _("The file has {lines} lines after its header; the limit is {limit} rows.").format(
                lines=formats.number(lines), limit=formats.number(paths.MAX_UPLOAD_ROWS)
            )
        )
    check_cells(lines, columns, paths.MAX_UPLOAD_CELLS)
    return columns, lines


def check_cells(rows: int, columns: int, limit: int) -> None:
    """Refuse ``rows`` × ``columns`` past ``limit`` cells."""
    if rows * columns > limit:
        _refuse(
            _("The file has {rows} rows of {columns} columns ({cells} cells); the limit is {limit} cells.").format(
                rows=formats.number(rows),
                columns=formats.number(columns),
                cells=formats.number(rows * columns),
                limit=formats.number(limit),
            )
        )


def check_rows_read(rows: int) -> None:
    """Refuse a CSV whose reader stopped at ``MAX_UPLOAD_ROWS + 1`` rows (a quoted line break can make
    the line count and the row count differ; this is the row count itself)."""
    if rows > paths.MAX_UPLOAD_ROWS:
        _refuse(
            _("The file has more than {limit} rows; the limit is {limit} rows.").format(
                limit=formats.number(paths.MAX_UPLOAD_ROWS)
            )
        )


def _directory_entries(raw: bytes) -> int | None:
    """The entry count the zip's end-of-central-directory record states, read before ``zipfile`` builds
    one object per entry; ``None`` when there is no such record (not a zip)."""
    start = raw.rfind(_END_OF_DIRECTORY, max(0, len(raw) - _LONGEST_COMMENT - 22))
    if start < 0 or len(raw) < start + 12:
        return None
    return struct.unpack("<H", raw[start + 10 : start + 12])[0]


def check_workbook_zip(zip_file: zipfile.ZipFile) -> None:
    """Refuse a workbook whose zip holds too many parts or sheets, inflates past
    ``MAX_XLSX_INFLATED_MB`` or has a part compressed more than ``MAX_XLSX_RATIO`` to 1."""
    parts = zip_file.infolist()
    sheets = [part for part in parts if re.fullmatch(r"xl/(worksheets|chartsheets)/[^/]+\.xml", part.filename)]
    if len(sheets) > paths.MAX_XLSX_SHEETS:
        _refuse(
            _("The workbook has {sheets} sheets; the limit is {limit} (only the first is read).").format(
                sheets=formats.number(len(sheets)), limit=formats.number(paths.MAX_XLSX_SHEETS)
            )
        )
    inflated = sum(part.file_size for part in parts)
    if inflated > paths.MAX_XLSX_INFLATED_MB * 1024 * 1024:
        _refuse(
            _("The workbook inflates to {size} MB when unzipped; the limit is {limit} MB.").format(
                size=formats.number(inflated / 1024 / 1024), limit=formats.number(paths.MAX_XLSX_INFLATED_MB)
            )
        )
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > _RATIO_FLOOR_BYTES and ratio > paths.MAX_XLSX_RATIO:
            _refuse(
                _("The workbook's part {part} is compressed {ratio} to 1; the limit is {limit} to 1.").format(
                    part=part.filename, ratio=formats.number(ratio), limit=formats.number(paths.MAX_XLSX_RATIO)
                )
            )


def check_workbook_parts(raw: bytes) -> None:
    """Refuse a zip that states more than ``MAX_XLSX_PARTS`` entries, before its directory is read."""
    entries = _directory_entries(raw)
    if entries is not None and entries > MAX_XLSX_PARTS:
        _refuse(
            _("The workbook holds {parts} parts; the limit is {limit}.").format(
                parts=formats.number(entries), limit=formats.number(MAX_XLSX_PARTS)
            )
        )


def capped_sheet_rows(rows: Iterable[tuple], sheet_name: str) -> Iterator[tuple]:
    """The sheet's rows as they are read, stopped with a refusal at the first row past the row cap, a cell
    past the column cap, or the cells past ``MAX_XLSX_CELLS``: nothing beyond a cap is ever held."""
    cells = 0
    for number, row in enumerate(rows, start=1):
        width = len(row)
        while width and row[width - 1] is None:
            width -= 1
        if width > paths.MAX_UPLOAD_COLUMNS:
            _refuse(
                _("Row {row} of sheet '{sheet}' has a cell in column {column}; the limit is {limit} columns.").format(
                    row=formats.number(number),
                    sheet=sheet_name,
                    column=formats.number(width),
                    limit=formats.number(paths.MAX_UPLOAD_COLUMNS),
                )
            )
        if number > paths.MAX_UPLOAD_ROWS + 1:
            _refuse(
                _("Sheet '{sheet}' has more than {limit} rows below its header; the limit is {limit} rows.").format(
                    sheet=sheet_name, limit=formats.number(paths.MAX_UPLOAD_ROWS)
                )
            )
        cells += width
        if cells > paths.MAX_XLSX_CELLS:
            _refuse(
                _(
                    "Sheet '{sheet}' has more than {limit} cells in its first {rows} rows; the limit for an .xlsx "
                    "is {limit} cells (save it as CSV: its limit is {csv_limit})."
                ).format(
                    sheet=sheet_name,
                    limit=formats.number(paths.MAX_XLSX_CELLS),
                    rows=formats.number(number),
                    csv_limit=formats.number(paths.MAX_UPLOAD_CELLS),
                )
            )
        yield row[:width]
