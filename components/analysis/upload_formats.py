"""The accepted upload formats: the project's trade CSV, the UN Comtrade Plus export and the legacy Comtrade
export. Their column lists, which one a header is (``detect_format``), and each one mapped to one long table
of text: line, year, month, reporter, partner, flow, code, value (column lists: ``data/README.md``)."""

import numpy as np
import pandas as pd

from components.analysis.upload_errors import UploadError
from components.i18n import N_, _

TOTAL_CODE = "TOTAL"

# The formats' names are ids too (``Upload.file_format``); shown through ``_()``.
PROJECT = N_("the project's trade CSV")
COMTRADE_PLUS = N_("UN Comtrade Plus export")
COMTRADE_LEGACY = N_("legacy UN Comtrade export")

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
                _(
                    "The header (first line) names none of the columns of an accepted format: the project's trade "
                    "CSV ({required}), a UN Comtrade Plus export (refYear, reporterISO, …) or a legacy Comtrade "
                    "export (Year, Reporter ISO, …). Found: {shown}."
                ).format(required=", ".join(PROJECT_REQUIRED), shown=shown)
            ]
        )
    missing = [column for column in REQUIRED[closest] if column not in present]
    raise UploadError(
        [
            _("Missing columns for {format}: {missing}.").format(
                format=_(closest), missing=", ".join(repr(column) for column in missing)
            )
        ]
    )


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
