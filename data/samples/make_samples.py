"""Write the format examples in data/samples/ from curated rows of data/trade.csv.

Each example holds the preferred Russia→DPRK export and import rows of 2011–2020, written in one
accepted upload format. They are examples of a format, not new data: every value is a curated figure
(USD million × 1,000,000 in the Comtrade layouts) and its source is the curated row's source_id.
Run from the repository root: ``PYTHONPATH=. .venv/bin/python data/samples/make_samples.py``.
"""

import csv
from pathlib import Path

import openpyxl
import pandas as pd

from components.analysis.upload_formats import LEGACY_COLUMNS, PLUS_COLUMNS

HERE = Path(__file__).resolve().parent
TRADE = HERE.parent / "trade.csv"
YEARS = range(2011, 2021)
ISO_NUMERIC = {"RUS": "643", "PRK": "408"}
NAMES = {"RUS": "Russian Federation", "PRK": "Dem. People's Rep. of Korea"}


def curated_rows() -> pd.DataFrame:
    """The preferred RUS→PRK export and import rows of 2011–2020."""
    # The format example keeps the columns an analyst's file has; the curated flags stay in trade.csv.
    trade = pd.read_csv(TRADE).drop(columns=["estimate", "stated_nil"], errors="ignore")
    keep = (
        (trade["reporter"] == "RUS")
        & (trade["partner"] == "PRK")
        & trade["flow"].isin(["export", "import"])
        & trade["preferred"]
        & trade["year"].isin(YEARS)
    )
    return trade[keep].sort_values(["year", "flow"]).reset_index(drop=True)


def dollars(value_usd_m: float) -> int:
    return round(value_usd_m * 1_000_000)


def plus_rows(rows: pd.DataFrame) -> pd.DataFrame:
    records = []
    for row in rows.itertuples():
        code = "X" if row.flow == "export" else "M"
        record = dict.fromkeys(PLUS_COLUMNS, "")
        record |= {
            "typeCode": "C",
            "freqCode": "A",
            "refPeriodId": f"{row.year}0101",
            "refYear": row.year,
            "refMonth": 52,
            "period": row.year,
            "reporterCode": ISO_NUMERIC["RUS"],
            "reporterISO": "RUS",
            "reporterDesc": NAMES["RUS"],
            "flowCode": code,
            "flowDesc": "Export" if code == "X" else "Import",
            "partnerCode": ISO_NUMERIC["PRK"],
            "partnerISO": "PRK",
            "partnerDesc": NAMES["PRK"],
            "partner2Code": 0,
            "partner2ISO": "W00",
            "partner2Desc": "World",
            "classificationCode": "H4",
            "cmdCode": "TOTAL",
            "cmdDesc": f"All Commodities (format example; curated source: {row.source_id})",
            "aggrLevel": 0,
            "customsCode": "C00",
            "motCode": 0,
            "primaryValue": dollars(row.value_usd_m),
        }
        records.append(record)
    return pd.DataFrame(records, columns=PLUS_COLUMNS)


def legacy_rows(rows: pd.DataFrame) -> pd.DataFrame:
    columns = [
        column
        for column in LEGACY_COLUMNS
        if not column.startswith(("2nd", "Customs", "Mode", "Alt", "Gross", "CIF", "FOB"))
    ]
    records = []
    for row in rows.itertuples():
        record = dict.fromkeys(columns, "")
        record |= {
            "Classification": "HS",
            "Year": row.year,
            "Period": row.year,
            "Period Desc.": row.year,
            "Aggregate Level": 0,
            "Is Leaf Code": 0,
            "Trade Flow Code": 2 if row.flow == "export" else 1,
            "Trade Flow": row.flow.capitalize(),
            "Reporter Code": ISO_NUMERIC["RUS"],
            "Reporter": NAMES["RUS"],
            "Reporter ISO": "RUS",
            "Partner Code": ISO_NUMERIC["PRK"],
            "Partner": NAMES["PRK"],
            "Partner ISO": "PRK",
            "Commodity Code": "TOTAL",
            "Commodity": f"All Commodities (format example; curated source: {row.source_id})",
            "Trade Value (US$)": dollars(row.value_usd_m),
        }
        records.append(record)
    return pd.DataFrame(records, columns=columns)


def main() -> None:
    rows = curated_rows()
    project = rows.assign(preferred="true")
    project["note"] = "format example built from the curated row of this source_id"
    project.to_csv(HERE / "format-example-trade-schema.csv", index=False, quoting=csv.QUOTE_MINIMAL)
    plus = plus_rows(rows)
    plus.to_csv(HERE / "format-example-comtrade-plus.csv", index=False)
    legacy_rows(rows).to_csv(HERE / "format-example-comtrade-legacy.csv", index=False)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "format example"
    sheet.append(list(plus.columns))
    for record in plus.itertuples(index=False):
        sheet.append(list(record))
    book.save(HERE / "format-example-comtrade-plus.xlsx")


if __name__ == "__main__":
    main()
