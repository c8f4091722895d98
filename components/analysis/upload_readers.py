"""An uploaded file's bytes to a table of text: the CSV reader (encoding, separator, ragged lines) and the
``.xlsx`` reader (first sheet, formulas kept as text). Nothing here writes to disk."""

import csv
import io
import re
import zipfile

import pandas as pd

from components.analysis.upload_errors import UploadError


def decode_text(raw: bytes) -> tuple[str, list[str]]:
    """The text of a CSV's bytes, and a note on any encoding other than plain UTF-8.

    UTF-8 with or without a byte-order mark and UTF-16 with one are read as such; bytes that are not
    UTF-8 are read as Latin-1 (Windows-1252), which the note says.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), ["Read as UTF-16 (the file starts with a UTF-16 byte-order mark)."]
        except UnicodeDecodeError:
            raise UploadError(["The file starts like UTF-16 but is not valid UTF-16; save it as UTF-8."]) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), ["Read as UTF-8 (a byte-order mark was skipped)."]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        text = raw.decode("cp1252", errors="replace")
        note = f"Line {line} is not UTF-8, so the file was read as Latin-1 (Windows-1252); check accented names."
        return text, [note]


def _separator(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: counts[sep])


def read_csv_text(text: str) -> tuple[pd.DataFrame, list[str]]:
    """Every cell of a CSV as text, with a note when the separator is not a comma."""
    if "\x00" in text:
        raise UploadError(["The file contains NUL bytes: it is not a text CSV (is it a spreadsheet or an image?)."])
    header = text.lstrip().split("\n", 1)[0]
    separator = _separator(header)
    notes = []
    if separator != ",":
        name = "semicolons" if separator == ";" else "tabs"
        notes.append(f"Columns are separated by {name}; read as such.")
    try:
        frame = pd.read_csv(
            io.StringIO(text), sep=separator, dtype=str, keep_default_na=False, quoting=csv.QUOTE_MINIMAL
        )
    except pd.errors.ParserError as error:
        fields = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(error))
        if fields:
            expected, line, saw = fields.groups()
            raise UploadError([_ragged_words(line, saw, expected)]) from None
        raise UploadError([f"The file is not a well-formed CSV: {str(error).strip()}"]) from None
    except pd.errors.EmptyDataError:
        raise UploadError(["The file has no header line: it is empty or holds only blank lines."]) from None
    if not isinstance(frame.index, pd.RangeIndex):
        # Every data row has more fields than the header, so pandas took the first as an index.
        for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=separator), start=1):
            if number > 1 and len(row) > len(frame.columns):
                raise UploadError([_ragged_words(number, len(row), len(frame.columns))])
    return frame, notes


def _ragged_words(line, saw, expected) -> str:
    return (
        f"Line {line} has {saw} fields where the header has {expected}: a stray separator, or a comma used as "
        "decimal mark in a comma-separated file (write 1.5, or separate columns by ';')."
    )


def read_xlsx(raw: bytes) -> tuple[pd.DataFrame, list[str]]:
    """Every cell of the first sheet of an ``.xlsx`` as text; formulas stay as their text, never run."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise UploadError(["The file is named .xlsx but is not a readable Excel workbook (.xlsx)."]) from None
    try:
        sheet = book.worksheets[0]
        rows = [["" if cell is None else _cell_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
        sheet_name = sheet.title
    finally:
        book.close()
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows or not any(rows[0]):
        raise UploadError([f"The first sheet ('{sheet_name}') is empty; put the table there, header in row 1."])
    header = [str(name).strip() for name in rows[0]]
    width = len(header)
    body = [(row + [""] * width)[:width] for row in rows[1:]]
    notes = [f"Read the first sheet, '{sheet_name}'." if len(book.sheetnames) > 1 else ""]
    return pd.DataFrame(body, columns=header, dtype=str), [note for note in notes if note]


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
