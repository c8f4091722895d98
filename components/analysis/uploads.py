"""Bring your own data: read an analyst's file, tell its format, map it to the trade schema and check it.

Plain Python on bytes and DataFrames (no Streamlit): ``read_upload`` takes a file's name and bytes and
returns an ``Upload`` or raises ``UploadError`` whose problems each name the line (or sheet row) and
column. Accepted: the project's ``trade`` CSV, the UN Comtrade Plus CSV export, the legacy Comtrade
export, and an ``.xlsx`` holding one of these on its first sheet (column lists: ``data/README.md``).
The steps live beside it: ``upload_readers`` (bytes to cells), ``upload_formats`` (which format, mapped to one
long table), ``upload_checks`` (values, years, keys, countries, the trade schema). Nothing here writes to disk.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from components.analysis import formats
from components.analysis.upload_checks import (
    annual_rows,
    checked_values,
    checked_years,
    keep_dashboard_pairs,
    refuse_duplicates,
    rows_phrase,
    uses_decimal_comma,
    validated_trade,
)
from components.analysis.upload_errors import UploadError
from components.analysis.upload_formats import PARSERS, PROJECT, TOTAL_CODE, YEAR_COLUMNS, detect_format
from components.analysis.upload_readers import read_csv_bytes, read_xlsx
from components.data.paths import MAX_UPLOAD_MB
from components.i18n import _

SOURCE_PREFIX = "upload:"
SERIES_PREFIX = "your file: "


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


def read_upload(name: str, raw: bytes, max_mb: int = MAX_UPLOAD_MB) -> Upload:
    """Read one uploaded file into an ``Upload``; ``UploadError`` with plain problems otherwise."""
    if len(raw) > max_mb * 1024 * 1024:
        raise UploadError(
            [
                _("The file is {size} MB; the limit is {limit} MB.").format(
                    size=formats.number(len(raw) / 1024 / 1024, 1), limit=max_mb
                )
            ]
        )
    if not raw.strip():
        raise UploadError([_("The file is empty: it needs a header line and at least one row.")])
    frame, notes, row_word = _cells(name, raw)
    frame.columns = [str(column).strip().lstrip("\ufeff") for column in frame.columns]
    file_format = detect_format(frame.columns)
    if frame.empty:
        raise UploadError([_("The file has a header but no data rows.")])
    long = _checked_long_rows(frame, file_format, row_word, notes)
    annual = annual_rows(long, notes)
    chapters = _chapter_rows(annual, notes)
    trade = validated_trade(annual, source_id_for(name), row_word)
    if trade.empty and chapters.empty:
        raise UploadError([_("No row is left to show once the rows above were set aside; see the notes.")])
    if trade.empty:
        notes.append(
            _(
                "The file has no TOTAL rows, so it adds no series to the Trade chart; its chapters are shown under "
                "'What is traded'."
            )
        )
    return Upload(name, file_format, trade, _as_categories(chapters), notes, rows_read=len(frame))


def _as_categories(chapters: pd.DataFrame) -> pd.DataFrame:
    """The chapter rows with their text columns as categories: the file is held for the session's life,
    and up to 200,000 rows repeat a few country codes, flows and about 100 chapters and names (a file at
    the caps: 13 MB as text, 3.4 MB as categories; ``bench/upload_memory.py``)."""
    text = [column for column in chapters.columns if column not in ("year", "value_usd_m")]
    return chapters.astype(dict.fromkeys(text, "category"))


def _cells(name: str, raw: bytes) -> tuple[pd.DataFrame, list[str], str]:
    """Every cell of the file as text, the notes on reading it, and how its rows are named in problems."""
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        frame, notes = read_xlsx(raw)
        return frame, notes, _("Sheet row")
    if lowered.endswith((".csv", ".txt")):
        frame, notes = read_csv_bytes(raw)
        return frame, notes, _("Line")
    suffix = name.rsplit(".", 1)[-1] if "." in name else _("(no extension)")
    raise UploadError(
        [
            _("'{name}' is a .{suffix} file, not a CSV or .xlsx; upload a .csv or .xlsx.").format(
                name=name, suffix=suffix.lstrip(".")
            )
        ]
    )


def _checked_long_rows(frame: pd.DataFrame, file_format: str, row_word: str, notes: list[str]) -> pd.DataFrame:
    """The file as one long table with numeric years and values, checked, the rows it cannot use set aside."""
    long = PARSERS[file_format](frame)
    long["line"] = np.arange(len(long)) + 2
    long = long[~(long[["year", "reporter", "partner", "value_text"]] == "").all(axis=1)]
    long = _without_breakdowns(long, notes)
    decimal_comma = uses_decimal_comma(long["value_text"])
    if decimal_comma:
        notes.append(_("Values use a comma as decimal mark (1,5 = one and a half); read as such."))
    long["year"] = checked_years(long, row_word, YEAR_COLUMNS[file_format])
    long["value_usd_m"] = checked_values(long, row_word, decimal_comma)
    if file_format != PROJECT:
        long = _without_other_flows(long, notes)
    long = keep_dashboard_pairs(long, notes)
    code = long["code"].where(~long["code"].str.fullmatch(r"\d"), "0" + long["code"])
    long = long.assign(code=code.replace({"ALL": TOTAL_CODE}))
    refuse_duplicates(long, row_word)
    return long


def _without_breakdowns(long: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    if "breakdown" not in long:
        return long
    if long["breakdown"].any():
        notes.append(
            _(
                "{rows} broken down by second partner, customs procedure or transport mode were left out; the "
                "all-in rows are used."
            ).format(rows=rows_phrase(long["breakdown"].sum()))
        )
    return long[~long["breakdown"]].drop(columns="breakdown")


def _without_other_flows(long: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    other_flows = long["flow"].str.startswith("other:")
    if not other_flows.any():
        return long
    kinds = sorted({flow.removeprefix("other:") or "(empty)" for flow in long.loc[other_flows, "flow"]})
    notes.append(
        _(
            "{rows} of other flows ({kinds}: re-exports, re-imports, …) were left out; exports and imports are read."
        ).format(rows=rows_phrase(other_flows.sum()), kinds=", ".join(kinds))
    )
    return long[~other_flows]


def _chapter_rows(annual: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """The HS-chapter (2-digit) rows; finer commodity rows are noted as left out."""
    is_chapter = annual["code"].str.fullmatch(r"\d{2}")
    finer = ~is_chapter & (annual["code"] != TOTAL_CODE)
    if finer.any():
        notes.append(
            _(
                "{rows} at 4- or 6-digit commodity level were left out; TOTAL and HS chapters (2 digits) are read."
            ).format(rows=rows_phrase(finer.sum()))
        )
    chapters = annual.loc[is_chapter, ["year", "reporter", "partner", "flow", "code", "note", "value_usd_m"]]
    return chapters.rename(columns={"code": "chapter", "note": "description"}).reset_index(drop=True)


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


# Between an uploaded series' agency and its flow: "ACME · Trade turnover".
UPLOAD_SEPARATOR = " · "


def series_rows(rows: pd.DataFrame, flow_labels: dict[str, str]) -> pd.DataFrame:
    """The uploaded file's rows among ``rows`` (``trade.pair_rows`` output) as Trade chart rows of
    ``year, series, value_usd_m, source_id, agency, role``: one series per flow, role ``"upload"``."""
    mine = rows[is_upload(rows["source_id"])]
    table = pd.DataFrame(
        {
            "year": mine["year"].astype(int),
            "series": mine["agency"] + UPLOAD_SEPARATOR + mine["flow"].map(flow_labels),
            "value_usd_m": mine["value_usd_m"].astype(float),
            "source_id": mine["source_id"],
            "agency": mine["agency"],
            "role": "upload",
        }
    )
    return table.sort_values(["series", "year"]).reset_index(drop=True)
