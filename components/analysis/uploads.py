"""Bring your own data: read an analyst's file, tell its format, map it to the trade schema and check it.

Plain Python on bytes and DataFrames (no Streamlit): ``read_upload`` takes a file's name and bytes and
returns an ``Upload`` or raises ``UploadError`` whose problems each name the line (or sheet row) and
column. Accepted: the project's ``trade`` CSV, the UN Comtrade Plus CSV export, the legacy Comtrade
export, and an ``.xlsx`` holding one of these on its first sheet (column lists: ``data/README.md``).
Nothing here writes to disk.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pandera.pandas as pa

from components.data.loader import listed_problems, schema_problems
from components.data.schema import COUNTRY_CODES, Trade

# Must equal server.maxUploadSize in .streamlit/config.toml (tests/unit/test_uploads.py checks it).
MAX_UPLOAD_MB = 25
YEAR_RANGE = (1900, 2100)
SOURCE_PREFIX = "upload:"
SERIES_PREFIX = "your file: "
TOTAL_CODE = "TOTAL"

PROJECT = "the project's trade CSV"
COMTRADE_PLUS = "UN Comtrade Plus export"
COMTRADE_LEGACY = "legacy UN Comtrade export"

# The published column list of a Comtrade Plus CSV export (comtradeplus.un.org, "Download").
PLUS_COLUMNS = [
    "typeCode",
    "freqCode",
    "refPeriodId",
    "refYear",
    "refMonth",
    "period",
    "reporterCode",
    "reporterISO",
    "reporterDesc",
    "flowCode",
    "flowDesc",
    "partnerCode",
    "partnerISO",
    "partnerDesc",
    "partner2Code",
    "partner2ISO",
    "partner2Desc",
    "classificationCode",
    "classificationSearchCode",
    "isOriginalClassification",
    "cmdCode",
    "cmdDesc",
    "aggrLevel",
    "isLeaf",
    "customsCode",
    "customsDesc",
    "mosCode",
    "motCode",
    "motDesc",
    "qtyUnitCode",
    "qtyUnitAbbr",
    "qty",
    "isQtyEstimated",
    "altQtyUnitCode",
    "altQtyUnitAbbr",
    "altQty",
    "isAltQtyEstimated",
    "netWgt",
    "isNetWgtEstimated",
    "grossWgt",
    "isGrossWgtEstimated",
    "cifvalue",
    "fobvalue",
    "primaryValue",
    "legacyEstimationFlag",
    "isReported",
    "isAggregate",
]
PLUS_REQUIRED = ("refYear", "reporterISO", "partnerISO", "flowCode", "cmdCode", "primaryValue")
# The legacy export (comtrade.un.org/api/get, fmt=csv): the bulk form had the first 22 columns'
# subset below; the API form adds 2nd partner, customs, transport, alternative quantity, CIF/FOB.
LEGACY_COLUMNS = (
    "Classification",
    "Year",
    "Period",
    "Period Desc.",
    "Aggregate Level",
    "Is Leaf Code",
    "Trade Flow Code",
    "Trade Flow",
    "Reporter Code",
    "Reporter",
    "Reporter ISO",
    "Partner Code",
    "Partner",
    "Partner ISO",
    "2nd Partner Code",
    "2nd Partner",
    "2nd Partner ISO",
    "Customs Proc. Code",
    "Customs",
    "Mode of Transport Code",
    "Mode of Transport",
    "Commodity Code",
    "Commodity",
    "Qty Unit Code",
    "Qty Unit",
    "Qty",
    "Alt Qty Unit Code",
    "Alt Qty Unit",
    "Alt Qty",
    "Netweight (kg)",
    "Gross weight (kg)",
    "Trade Value (US$)",
    "CIF Trade Value (US$)",
    "FOB Trade Value (US$)",
    "Flag",
)
LEGACY_REQUIRED = ("Year", "Reporter ISO", "Partner ISO", "Trade Flow", "Trade Value (US$)", "Commodity Code")
PROJECT_REQUIRED = ("year", "reporter", "partner", "flow", "value_usd_m")
REQUIRED = {PROJECT: PROJECT_REQUIRED, COMTRADE_PLUS: PLUS_REQUIRED, COMTRADE_LEGACY: LEGACY_REQUIRED}

PLUS_FLOWS = {"X": "export", "M": "import"}
LEGACY_FLOWS = {"export": "export", "import": "import", "2": "export", "1": "import"}
MONTHS = frozenset(range(1, 13))
KEY = ["year", "reporter", "partner", "flow", "code"]


class UploadError(Exception):
    """An uploaded file cannot be read; ``problems`` are plain sentences naming line and column."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass
class Upload:
    """One analyst's file, read: its trade rows (the trade schema), its HS-chapter rows and what was
    noticed on the way (``notes``)."""

    name: str
    file_format: str
    trade: pd.DataFrame
    chapters: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    rows_read: int = 0

    @property
    def source_id(self) -> str:
        """The ``source_id`` every row of the file carries: ``upload:<name>``."""
        return source_id_for(self.name)

    @property
    def label(self) -> str:
        """How the file is named on charts and in source lists: ``your file: <name>``."""
        return SERIES_PREFIX + self.name


def source_id_for(name: str) -> str:
    """The ``source_id`` of an uploaded file's rows."""
    return SOURCE_PREFIX + name


def _rows(count) -> str:
    return f"{int(count)} row" if int(count) == 1 else f"{int(count)} rows"


# ---- Bytes to a table of text ------------------------------------------------------------------


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


# ---- Which format ------------------------------------------------------------------------------


def detect_format(columns) -> str:
    """The accepted format whose required columns ``columns`` hold; ``UploadError`` naming the
    missing columns of the closest format otherwise."""
    present = {str(column).strip() for column in columns}
    for file_format in (COMTRADE_PLUS, COMTRADE_LEGACY, PROJECT):
        required = set(REQUIRED[file_format])
        if file_format == COMTRADE_PLUS and "flowCode" not in present and "flowDesc" in present:
            required = (required - {"flowCode"}) | {"flowDesc"}
        if required <= present:
            return file_format
    scores = {fmt: len(set(needed) & present) for fmt, needed in REQUIRED.items()}
    closest = max(scores, key=lambda fmt: scores[fmt])
    if scores[closest] == 0:
        shown = ", ".join(repr(column) for column in list(present)[:8])
        raise UploadError(
            [
                "The header (first line) names none of the columns of an accepted format: the project's trade "
                f"CSV ({', '.join(PROJECT_REQUIRED)}), a UN Comtrade Plus export (refYear, reporterISO, …) or a "
                f"legacy Comtrade export (Year, Reporter ISO, …). Found: {shown}."
            ]
        )
    missing = [column for column in REQUIRED[closest] if column not in present]
    raise UploadError([f"Missing columns for {closest}: {', '.join(repr(column) for column in missing)}."])


# ---- Each format to one long table: line, year, month, reporter, partner, flow, code, value -----------


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame:
        return pd.Series("", index=frame.index)
    return frame[column].astype(str).str.strip()


def _month_from_period(period: pd.Series) -> pd.Series:
    # YYYYMM is a month; YYYY (or anything else) is a year.
    monthly = period.str.fullmatch(r"\d{6}")
    return pd.to_numeric(period.str[4:6].where(monthly), errors="coerce")


def _from_project(frame: pd.DataFrame) -> pd.DataFrame:
    note = _text(frame, "note")
    cited = _text(frame, "source_id")
    note = note.where(cited == "", (note + " (file cites " + cited + ")").str.lstrip())
    return pd.DataFrame(
        {
            "year": _text(frame, "year"),
            "month": np.nan,
            "reporter": _text(frame, "reporter").str.upper(),
            "partner": _text(frame, "partner").str.upper(),
            "flow": _text(frame, "flow").str.lower(),
            "code": TOTAL_CODE,
            "value_text": _text(frame, "value_usd_m"),
            "value_column": "value_usd_m",
            "scale": 1.0,
            "note": note,
        }
    )


def _breakdown_rows(frame: pd.DataFrame, totals: dict[str, set[str]]) -> pd.Series:
    """Rows of a breakdown (by second partner, customs procedure, transport mode) rather than the
    all-in figure; exports in the "classic" mode have none."""
    extra = pd.Series(False, index=frame.index)
    for column, all_values in totals.items():
        if column in frame:
            extra |= ~_text(frame, column).isin(all_values | {""})
    return extra


def _from_plus(frame: pd.DataFrame) -> pd.DataFrame:
    flow_code = _text(frame, "flowCode").str.upper()
    if "flowCode" not in frame:
        flow_code = _text(frame, "flowDesc").str.lower().map({"export": "X", "import": "M"}).fillna("?")
    month = pd.to_numeric(_text(frame, "refMonth"), errors="coerce")
    if "freqCode" in frame:
        month = month.where(_text(frame, "freqCode").str.upper() == "M")
    elif "period" in frame:
        month = _month_from_period(_text(frame, "period"))
    else:
        month = month.where(month.between(1, 12))
    return pd.DataFrame(
        {
            "year": _text(frame, "refYear"),
            "month": month,
            "reporter": _text(frame, "reporterISO").str.upper(),
            "partner": _text(frame, "partnerISO").str.upper(),
            "flow": flow_code.map(PLUS_FLOWS).fillna("other:" + flow_code),
            "code": _text(frame, "cmdCode").str.upper(),
            "value_text": _text(frame, "primaryValue"),
            "value_column": "primaryValue",
            "scale": 1e-6,
            "note": _text(frame, "cmdDesc"),
            "breakdown": _breakdown_rows(
                frame, {"partner2Code": {"0"}, "customsCode": {"C00"}, "motCode": {"0"}, "mosCode": {"0"}}
            ),
        }
    )


def _from_legacy(frame: pd.DataFrame) -> pd.DataFrame:
    flow = _text(frame, "Trade Flow").str.lower()
    if "Trade Flow Code" in frame:
        flow = flow.where(flow != "", _text(frame, "Trade Flow Code"))
    return pd.DataFrame(
        {
            "year": _text(frame, "Year"),
            "month": _month_from_period(_text(frame, "Period")),
            "reporter": _text(frame, "Reporter ISO").str.upper(),
            "partner": _text(frame, "Partner ISO").str.upper(),
            "flow": flow.map(LEGACY_FLOWS).fillna("other:" + flow),
            "code": _text(frame, "Commodity Code").str.upper(),
            "value_text": _text(frame, "Trade Value (US$)"),
            "value_column": "Trade Value (US$)",
            "scale": 1e-6,
            "note": _text(frame, "Commodity"),
            "breakdown": _breakdown_rows(
                frame, {"2nd Partner Code": {"0"}, "Customs Proc. Code": {"C00"}, "Mode of Transport Code": {"0"}}
            ),
        }
    )


PARSERS = {PROJECT: _from_project, COMTRADE_PLUS: _from_plus, COMTRADE_LEGACY: _from_legacy}
YEAR_COLUMNS = {PROJECT: "year", COMTRADE_PLUS: "refYear", COMTRADE_LEGACY: "Year"}


# ---- Checks ------------------------------------------------------------------------------------


def _values(long: pd.DataFrame, row_word: str, decimal_comma: bool) -> pd.Series:
    """The value column as numbers in USD million; ``UploadError`` naming each bad cell."""
    text = long["value_text"]
    if decimal_comma:
        text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    numbers = pd.to_numeric(text.str.replace("\u00a0", "", regex=False), errors="coerce")
    column = long["value_column"].iloc[0]
    problems = []
    lowered = long["value_text"].str.lower()
    blank = long["value_text"] == ""
    named_nan = lowered.isin({"nan", "na", "n/a", "null", "none", "-nan"})
    not_number = numbers.isna() & ~blank & ~named_nan
    for line, value in zip(long.loc[not_number, "line"], long.loc[not_number, "value_text"], strict=True):
        hint = " (a formula; save values, not formulas)" if value.startswith("=") else ""
        problems.append(f"{row_word} {line}, column '{column}': {value!r} is not a number{hint}.")
    for line in long.loc[blank | named_nan, "line"]:
        problems.append(f"{row_word} {line}, column '{column}': the value is empty or NaN; give a number.")
    infinite = np.isinf(numbers)
    for line in long.loc[infinite, "line"]:
        problems.append(f"{row_word} {line}, column '{column}': the value is infinite.")
    negative = numbers < 0
    for line, value in zip(long.loc[negative, "line"], long.loc[negative, "value_text"], strict=True):
        problems.append(f"{row_word} {line}, column '{column}': {value} is negative; trade values cannot be.")
    if problems:
        raise UploadError(listed_problems(sorted(problems, key=_line_order)))
    return numbers * long["scale"]


def _line_order(problem: str) -> int:
    match = re.search(r"\d+", problem)
    return int(match[0]) if match else 0


def _uses_decimal_comma(values: pd.Series) -> bool:
    commas = values.str.fullmatch(r"-?[\d.]*\d,\d+")
    points = values.str.fullmatch(r"-?\d+\.\d+")
    return bool(commas.any()) and not bool(points.any())


def _years(long: pd.DataFrame, row_word: str, column: str) -> pd.Series:
    years = pd.to_numeric(long["year"], errors="coerce")
    problems = []
    bad = years.isna() | (years % 1 != 0)
    for line, value in zip(long.loc[bad, "line"], long.loc[bad, "year"], strict=True):
        problems.append(f"{row_word} {line}, column '{column}': {value!r} is not a year.")
    outside = ~bad & ~years.between(*YEAR_RANGE)
    for line, value in zip(long.loc[outside, "line"], long.loc[outside, "year"], strict=True):
        low, high = YEAR_RANGE
        problems.append(f"{row_word} {line}, column '{column}': year {value} is outside {low}–{high}.")
    if problems:
        raise UploadError(listed_problems(sorted(problems, key=_line_order)))
    return years.astype(int)


def _duplicates(long: pd.DataFrame, row_word: str) -> None:
    key = [*KEY, "month"]
    repeated = long[long.duplicated(key, keep=False)]
    if repeated.empty:
        return
    problems = []
    for values, group in repeated.groupby(key, dropna=False, sort=False):
        year, reporter, partner, flow, code, month = values
        when = f"{year}" if pd.isna(month) else f"{year}-{int(month):02d}"
        lines = ", ".join(str(line) for line in group["line"])
        problems.append(
            f"Duplicate key: {row_word.lower()}s {lines} all give {when}, {reporter}→{partner}, {flow}, {code}; "
            "keep one row per year (or month), reporter, partner, flow and commodity."
        )
    raise UploadError(listed_problems(problems))


def _annual(long: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """Annual rows as they are; monthly rows summed into a year where all twelve months are present."""
    long = long[[*KEY, "month", "value_usd_m", "line", "note"]]
    monthly = long["month"].notna()
    annual = long[~monthly]
    if not monthly.any():
        return annual
    months = long[monthly]
    grouped = months.groupby(KEY, sort=True).agg(
        value_usd_m=("value_usd_m", "sum"),
        line=("line", "min"),
        note=("note", "first"),
        months=("month", lambda values: frozenset(int(value) for value in values)),
    )
    complete = grouped["months"].map(lambda present: present >= MONTHS)
    for (year, reporter, partner, flow, code), row in grouped[~complete].iterrows():
        missing = ", ".join(str(month) for month in sorted(MONTHS - row["months"]))
        notes.append(
            f"{year} {reporter}→{partner} {flow} ({code}): months {missing} are missing, so the year is left out "
            "(monthly rows are summed only when all twelve are present)."
        )
    summed = grouped[complete].drop(columns="months").reset_index()
    summed["month"] = np.nan
    overlap = summed.merge(annual[KEY], on=KEY)
    if not overlap.empty:
        first = overlap.iloc[0]
        raise UploadError(
            [
                f"The file gives both annual and monthly rows for {first['year']} {first['reporter']}→"
                f"{first['partner']} {first['flow']} ({first['code']}); keep one or the other."
            ]
        )
    return pd.concat([annual, summed[annual.columns]], ignore_index=True)


def _keep_dashboard_pairs(long: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    known = long["reporter"].isin(COUNTRY_CODES) & long["partner"].isin(COUNTRY_CODES)
    if known.all():
        return long
    others = sorted((set(long.loc[~known, "reporter"]) | set(long.loc[~known, "partner"])) - set(COUNTRY_CODES))
    if not known.any():
        raise UploadError(
            [
                "No row is between two of the dashboard's countries "
                f"({', '.join(COUNTRY_CODES)}); the file names {', '.join(repr(code) for code in others[:10])}."
            ]
        )
    notes.append(
        f"{_rows((~known).sum())} with other countries or areas ({', '.join(others[:10])}) were left out: "
        f"the dashboard covers {', '.join(COUNTRY_CODES)}."
    )
    return long[known]


def _validated_trade(annual: pd.DataFrame, name: str, row_word: str) -> pd.DataFrame:
    """The file's TOTAL rows as trade-schema rows, checked by the curated data's own schema."""
    totals = annual[annual["code"] == TOTAL_CODE]
    trade = pd.DataFrame(
        {
            "year": totals["year"].astype(int),
            "reporter": totals["reporter"],
            "partner": totals["partner"],
            "flow": totals["flow"],
            "value_usd_m": totals["value_usd_m"].astype(float),
            "growth_pct_stated": np.nan,
            "source_id": source_id_for(name),
            "preferred": True,
            "note": totals["note"].replace("", np.nan),
            # An uploaded figure is the file's own; the dashboard does not call it an estimate.
            "estimate": pd.array([False] * len(totals), dtype="boolean"),
        }
    )
    # The index becomes the file line less two, so the schema's "line N" names the file's own line.
    trade.index = pd.Index(totals["line"].astype(int) - 2)
    try:
        validated = Trade.validate(trade, lazy=True)
    except pa.errors.SchemaErrors as errors:
        problems = [problem.replace("line ", f"{row_word.lower()} ", 1) for problem in schema_problems(errors)]
        raise UploadError(listed_problems(problems)) from None
    return validated.sort_values(["reporter", "partner", "flow", "year"]).reset_index(drop=True)


def read_upload(name: str, raw: bytes, max_mb: int = MAX_UPLOAD_MB) -> Upload:
    """Read one uploaded file into an ``Upload``; ``UploadError`` with plain problems otherwise."""
    if len(raw) > max_mb * 1024 * 1024:
        raise UploadError([f"The file is {len(raw) / 1024 / 1024:.1f} MB; the limit is {max_mb} MB."])
    if not raw.strip():
        raise UploadError(["The file is empty: it needs a header line and at least one row."])
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        frame, notes = read_xlsx(raw)
        row_word = "Sheet row"
    elif lowered.endswith((".csv", ".txt")):
        text, notes = decode_text(raw)
        frame, csv_notes = read_csv_text(text)
        notes += csv_notes
        row_word = "Line"
    else:
        suffix = name.rsplit(".", 1)[-1] if "." in name else "(no extension)"
        raise UploadError([f"'{name}' is a .{suffix.lstrip('.')} file, not a CSV or .xlsx; upload a .csv or .xlsx."])
    frame.columns = [str(column).strip().lstrip("\ufeff") for column in frame.columns]
    file_format = detect_format(frame.columns)
    if frame.empty:
        raise UploadError(["The file has a header but no data rows."])
    long = PARSERS[file_format](frame)
    long["line"] = np.arange(len(long)) + 2
    long = long[~(long[["year", "reporter", "partner", "value_text"]] == "").all(axis=1)]
    if "breakdown" in long:
        if long["breakdown"].any():
            notes.append(
                f"{_rows(long['breakdown'].sum())} broken down by second partner, customs procedure or transport "
                "mode were left out; the all-in rows are used."
            )
        long = long[~long["breakdown"]].drop(columns="breakdown")
    decimal_comma = _uses_decimal_comma(long["value_text"])
    if decimal_comma:
        notes.append("Values use a comma as decimal mark (1,5 = one and a half); read as such.")
    long["year"] = _years(long, row_word, YEAR_COLUMNS[file_format])
    long["value_usd_m"] = _values(long, row_word, decimal_comma)
    other_flows = long["flow"].str.startswith("other:")
    if file_format != PROJECT and other_flows.any():
        kinds = sorted({flow.removeprefix("other:") or "(empty)" for flow in long.loc[other_flows, "flow"]})
        notes.append(
            f"{_rows(other_flows.sum())} of other flows ({', '.join(kinds)}: re-exports, re-imports, …) were "
            "left out; exports and imports are read."
        )
        long = long[~other_flows]
    long = _keep_dashboard_pairs(long, notes)
    code = long["code"].where(~long["code"].str.fullmatch(r"\d"), "0" + long["code"])
    long = long.assign(code=code.replace({"ALL": TOTAL_CODE}))
    _duplicates(long, row_word)
    annual = _annual(long, notes)
    is_chapter = annual["code"].str.fullmatch(r"\d{2}")
    finer = ~is_chapter & (annual["code"] != TOTAL_CODE)
    if finer.any():
        notes.append(
            f"{_rows(finer.sum())} at 4- or 6-digit commodity level were left out; TOTAL and HS chapters "
            "(2 digits) are read."
        )
    chapters = annual.loc[is_chapter, ["year", "reporter", "partner", "flow", "code", "note", "value_usd_m"]]
    chapters = chapters.rename(columns={"code": "chapter", "note": "description"}).reset_index(drop=True)
    trade = _validated_trade(annual, name, row_word)
    if trade.empty and chapters.empty:
        raise UploadError(["No row is left to show once the rows above were set aside; see the notes."])
    if trade.empty:
        notes.append(
            "The file has no TOTAL rows, so it adds no series to the Trade chart; its chapters are shown under "
            "'What is traded'."
        )
    return Upload(name, file_format, trade, chapters, notes, rows_read=len(frame))


# ---- The upload beside the curated data ---------------------------------------------------------


def upload_source_row(upload: Upload) -> dict:
    """The ``sources`` row that the file's rows cite: the uploaded file itself."""
    return {
        "source_id": upload.source_id,
        "title": f"{upload.name} (your uploaded file, {upload.file_format})",
        "publisher": "your file",
        "published": pd.NaT,
        "url": np.nan,
        "agency": upload.label,
        "note": "Uploaded in this browser session only; not part of the curated data.",
    }


def with_upload(
    trade: pd.DataFrame, sources: pd.DataFrame, upload: Upload | None, seen_from: tuple[str, str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Curated trade and sources with the file's rows and its source row added (never preferred: the
    curated choice stays the default). With ``seen_from`` (reporter, partner) the file's mirror rows
    of that pair are turned round to its side (see ``mirrored``). The frames passed in are not changed."""
    if upload is None or upload.trade.empty:
        return trade, sources
    rows = upload.trade if seen_from is None else mirrored(upload.trade, *seen_from)
    rows = rows.assign(preferred=False)
    source = pd.DataFrame([upload_source_row(upload)]).astype({"published": sources["published"].dtype})
    return pd.concat([trade, rows], ignore_index=True), pd.concat([sources, source], ignore_index=True)


def is_upload(source_ids: pd.Series) -> pd.Series:
    """True for rows whose source is an uploaded file."""
    return source_ids.astype(str).str.startswith(SOURCE_PREFIX)


def mirrored(trade: pd.DataFrame, reporter: str, partner: str) -> pd.DataFrame:
    """Rows of ``reporter``→``partner`` and, turned round, rows ``partner`` reports about ``reporter``
    (its imports are ``reporter``'s exports): mirror statistics seen from ``reporter``'s side."""
    direct = trade[(trade["reporter"] == reporter) & (trade["partner"] == partner)]
    mirror = trade[(trade["reporter"] == partner) & (trade["partner"] == reporter)]
    mirror = mirror.assign(
        reporter=reporter, partner=partner, flow=mirror["flow"].replace({"export": "import", "import": "export"})
    )
    mirror = mirror.merge(direct[["year", "flow"]], on=["year", "flow"], how="left", indicator=True)
    mirror = mirror[mirror["_merge"] == "left_only"].drop(columns="_merge")
    return pd.concat([direct, mirror], ignore_index=True)


def series_rows(rows: pd.DataFrame, flow_labels: dict[str, str]) -> pd.DataFrame:
    """The uploaded file's rows among ``rows`` (``trade.pair_rows`` output) as Trade chart rows of
    ``year, series, value_usd_m, source_id, agency, role``: one series per flow, role ``"upload"``."""
    mine = rows[is_upload(rows["source_id"])]
    table = pd.DataFrame(
        {
            "year": mine["year"].astype(int),
            "series": mine["agency"] + " · " + mine["flow"].map(flow_labels),
            "value_usd_m": mine["value_usd_m"].astype(float),
            "source_id": mine["source_id"],
            "agency": mine["agency"],
            "role": "upload",
        }
    )
    return table.sort_values(["series", "year"]).reset_index(drop=True)
