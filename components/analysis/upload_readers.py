"""An uploaded file's bytes to a table of text: the CSV reader (encoding, separator, ragged lines) and the
``.xlsx`` reader (first sheet, formulas kept as text). Nothing here writes to disk."""

import codecs
import csv
import io
import re
import zipfile

import pandas as pd

from components.analysis import upload_bounds
from components.analysis.upload_errors import UploadError
from components.data import paths
from components.i18n import _

_CHUNK = 1024 * 1024


def text_encoding(raw: bytes) -> tuple[bytes, str, list[str]]:
    """The CSV's bytes as pandas should read them, their encoding, and a note on any encoding other than
    plain UTF-8; nothing the size of the file is decoded (UTF-8 is checked a megabyte at a time).

    UTF-8 with or without a byte-order mark and UTF-16 with one are read as such (UTF-16 re-encoded as
    UTF-8); bytes that are not UTF-8 are read as Latin-1 (Windows-1252), which the note says.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise UploadError([_("The file starts like UTF-16 but is not valid UTF-16; save it as UTF-8.")]) from None
        return text.encode("utf-8"), "utf-8", [_("Read as UTF-16 (the file starts with a UTF-16 byte-order mark).")]
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw, "utf-8-sig", [_("Read as UTF-8 (a byte-order mark was skipped).")]
    bad = _first_non_utf8(raw)
    if bad is None:
        return raw, "utf-8", []
    line = raw.count(b"\n", 0, bad) + 1
    note = _("Line {line} is not UTF-8, so the file was read as Latin-1 (Windows-1252); check accented names.")
    return raw, "cp1252", [note.format(line=line)]


def _first_non_utf8(raw: bytes) -> int | None:
    decoder = codecs.getincrementaldecoder("utf-8")()
    for offset in range(0, len(raw), _CHUNK):
        try:
            decoder.decode(raw[offset : offset + _CHUNK], final=offset + _CHUNK >= len(raw))
        except UnicodeDecodeError as error:
            return offset + max(error.start, 0)
    return None


def _separator(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: counts[sep])


def read_csv_bytes(raw: bytes) -> tuple[pd.DataFrame, list[str]]:
    """Every cell of a CSV as text, with notes on its encoding and a separator other than a comma; the
    columns, lines and cells are checked against the caps before pandas reads a row."""
    raw, encoding, notes = text_encoding(raw)
    if b"\x00" in raw:
        raise UploadError([_("The file contains NUL bytes: it is not a text CSV (is it a spreadsheet or an image?).")])
    begin = re.match(rb"\s*", raw).end()
    header_end = raw.find(b"\n", begin)
    header_end = len(raw) if header_end < 0 else header_end
    separator = _separator(raw[begin:header_end].decode(encoding if encoding != "utf-8-sig" else "utf-8", "replace"))
    columns, _lines = upload_bounds.check_csv_shape(raw, header_end, separator.encode())
    if separator != ",":
        notes.append(
            _("Columns are separated by semicolons; read as such.")
            if separator == ";"
            else _("Columns are separated by tabs; read as such.")
        )
    try:
        frame = pd.read_csv(
            io.BytesIO(raw),
            sep=separator,
            dtype=str,
            keep_default_na=False,
            quoting=csv.QUOTE_MINIMAL,
            encoding=encoding,
            encoding_errors="replace",
            nrows=paths.MAX_UPLOAD_ROWS + 1,
        )
    except pd.errors.ParserError as error:
        fields = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(error))
        if fields:
            expected, line, saw = fields.groups()
            raise UploadError([_ragged_words(line, saw, expected)]) from None
        raise UploadError([_("The file is not a well-formed CSV: {error}").format(error=str(error).strip())]) from None
    except pd.errors.EmptyDataError:
        raise UploadError([_("The file has no header line: it is empty or holds only blank lines.")]) from None
    upload_bounds.check_rows_read(len(frame))
    if not isinstance(frame.index, pd.RangeIndex):
        # Every data row has more fields than the header, so pandas took the first as an index.
        text = io.TextIOWrapper(io.BytesIO(raw), encoding=encoding, errors="replace", newline="")
        for number, row in enumerate(csv.reader(text, delimiter=separator), start=1):
            if number > 1 and len(row) > len(frame.columns):
                raise UploadError([_ragged_words(number, len(row), len(frame.columns))])
    return frame, notes


def _ragged_words(line, saw, expected) -> str:
    return _(
        "Line {line} has {saw} fields where the header has {expected}: a stray separator, or a comma used as "
        "decimal mark in a comma-separated file (write 1.5, or separate columns by ';')."
    ).format(line=line, saw=saw, expected=expected)


def read_xlsx(raw: bytes) -> tuple[pd.DataFrame, list[str]]:
    """Every cell of the first sheet of an ``.xlsx`` as text; formulas stay as their text, never run.

    The zip is checked (parts, sheets, inflated size, ratio) before openpyxl opens it, and the sheet is
    read in read-only mode row by row, stopping at the row, column and cell caps."""
    not_a_workbook = _("The file is named .xlsx but is not a readable Excel workbook (.xlsx).")
    upload_bounds.check_workbook_parts(raw)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zip_file:
            upload_bounds.check_workbook_zip(zip_file)
        # Imported only for a workbook within the caps (about a second's work on a busy machine).
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError):
        raise UploadError([not_a_workbook]) from None
    try:
        sheet = book.worksheets[0]
        sheet_name = sheet.title
        # The dimension the file states may be a lie (A1:XFD1048576); rows are read as they come.
        sheet.reset_dimensions()
        rows = [
            ["" if cell is None else _cell_text(cell) for cell in row]
            for row in upload_bounds.capped_sheet_rows(sheet.iter_rows(values_only=True), sheet_name)
        ]
        sheets = len(book.sheetnames)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError):
        raise UploadError([not_a_workbook]) from None
    finally:
        book.close()
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows or not any(rows[0]):
        raise UploadError(
            [_("The first sheet ('{sheet}') is empty; put the table there, header in row 1.").format(sheet=sheet_name)]
        )
    header = [str(name).strip() for name in rows[0]]
    width = len(header)
    body = [(row + [""] * width)[:width] for row in rows[1:]]
    notes = [_("Read the first sheet, '{sheet}'.").format(sheet=sheet_name)] if sheets > 1 else []
    return pd.DataFrame(body, columns=header, dtype=str), notes


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
