"""Reading analysts' files: each accepted format on hand-written fixtures, and each bad input's message."""

import io
import tomllib
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from components.analysis import upload_errors, upload_formats, uploads
from components.data import export, paths
from components.data.schema import Trade

FIXTURES = Path(__file__).parent / "upload_fixtures"
SAMPLES = paths.ROOT / "data" / "samples"
PROJECT_HEADER = "year,reporter,partner,flow,value_usd_m,growth_pct_stated,source_id,preferred,note\n"
LEGACY_HEADER = (
    "Classification,Year,Period,Period Desc.,Aggregate Level,Is Leaf Code,Trade Flow Code,Trade Flow,Reporter Code,"
    "Reporter,Reporter ISO,Partner Code,Partner,Partner ISO,Commodity Code,Commodity,Qty Unit Code,Qty Unit,Qty,"
    "Netweight (kg),Trade Value (US$),Flag\n"
)


def read(name: str, text: str | bytes) -> uploads.Upload:
    return uploads.read_upload(name, text.encode() if isinstance(text, str) else text)


def problems(name: str, text: str | bytes) -> str:
    with pytest.raises(upload_errors.UploadError) as caught:
        read(name, text)
    return "\n".join(caught.value.problems)


def legacy_row(year=2014, flow="Export", value="82170000", code="TOTAL", period=None) -> str:
    period = period or year
    flow_code = 2 if flow == "Export" else 1
    return (
        f"HS,{year},{period},{period},0,0,{flow_code},{flow},643,Russian Federation,RUS,408,DPRK,PRK,{code},"
        f"All Commodities,1,No Quantity,,,{value},0\n"
    )


# ---- Accepted formats ---------------------------------------------------------------------------


def test_project_schema_csv_keeps_values_in_usd_million_and_marks_rows_as_the_file():
    upload = read("mine.csv", (FIXTURES / "trade_schema.csv").read_bytes())
    assert upload.file_format == upload_formats.PROJECT
    assert list(upload.trade.columns) == list(Trade.to_schema().columns)
    export_row = upload.trade[(upload.trade["year"] == 2019) & (upload.trade["flow"] == "export")].iloc[0]
    assert export_row["value_usd_m"] == pytest.approx(44.9)
    assert set(upload.trade["source_id"]) == {"upload:mine.csv"}
    assert export_row["note"].startswith("=HYPERLINK") and "file cites my-ministry" in export_row["note"]


def test_comtrade_plus_dollars_become_usd_million_and_chapters_are_kept_apart():
    upload = read("plus.csv", (FIXTURES / "comtrade_plus_chapters.csv").read_bytes())
    assert upload.file_format == upload_formats.COMTRADE_PLUS
    values = upload.trade.set_index("flow")["value_usd_m"]
    assert values["export"] == pytest.approx(10.0) and values["import"] == pytest.approx(2.0)
    assert sorted(upload.chapters["chapter"]) == ["10", "27", "72"]
    notes = " ".join(upload.notes)
    assert "re-exports" in notes and "W00" in notes and "transport" in notes and "6-digit" in notes
    assert "RUS," not in notes.split("W00")[0].split("areas")[-1], "the dashboard's own countries are not listed"


def test_legacy_monthly_rows_sum_into_a_year_only_when_all_twelve_months_are_there():
    upload = read("legacy.csv", (FIXTURES / "comtrade_legacy_monthly.csv").read_bytes())
    assert upload.file_format == upload_formats.COMTRADE_LEGACY
    assert upload.trade[["year", "flow"]].values.tolist() == [[2015, "export"]]
    assert upload.trade["value_usd_m"].iloc[0] == pytest.approx(13.5)
    assert any("2016" in note and "months 4, 5, 6, 7, 8, 9, 10, 11, 12 are missing" in note for note in upload.notes)


def test_legacy_annual_export_maps_trade_flow_words():
    upload = read("legacy.csv", LEGACY_HEADER + legacy_row() + legacy_row(flow="Import", value="10170000"))
    assert upload.trade.set_index("flow")["value_usd_m"].to_dict() == pytest.approx({"export": 82.17, "import": 10.17})


def test_xlsx_first_sheet_is_read_and_a_formula_stays_text():
    book = openpyxl.Workbook()
    book.active.append(PROJECT_HEADER.strip().split(","))
    book.active.append([2019, "RUS", "PRK", "export", 44.9, None, "x", "true", '=HYPERLINK("http://evil","click")'])
    book.create_sheet("second").append(["ignored"])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = read("book.xlsx", buffer.getvalue())
    assert upload.trade["value_usd_m"].iloc[0] == pytest.approx(44.9)
    note = upload.trade["note"].iloc[0]
    assert note.startswith("=HYPERLINK")
    assert export.to_csv_bytes(upload.trade).decode().count("\"'=HYPERLINK") == 1


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("format-example-*")), ids=lambda path: path.name)
def test_every_sample_reads_back_to_the_curated_rows(sample):
    upload = read(sample.name, sample.read_bytes())
    curated = pd.read_csv(paths.DEFAULT_DATA_DIR / "trade.csv")
    merged = upload.trade.merge(curated[curated["preferred"]], on=["year", "reporter", "partner", "flow"])
    assert len(merged) == len(upload.trade) > 0
    assert (merged["value_usd_m_x"] - merged["value_usd_m_y"]).abs().max() < 1e-9


# ---- Encodings and separators ----------------------------------------------------------------------


def test_utf8_bom_utf16_and_latin1_are_read_with_a_note():
    text = PROJECT_HEADER + "2019,RUS,PRK,export,44.9,,x,true,Café\n"
    for raw, word in [
        (b"\xef\xbb\xbf" + text.encode(), "byte-order mark"),
        (text.encode("utf-16"), "UTF-16"),
        (text.encode("latin-1"), "Latin-1"),
    ]:
        upload = read("enc.csv", raw)
        assert upload.trade["note"].iloc[0].startswith("Café")
        assert any(word in note for note in upload.notes)


def test_semicolons_with_decimal_commas_are_accepted_and_said():
    upload = read("eu.csv", PROJECT_HEADER.replace(",", ";") + "2019;RUS;PRK;export;44,9;;x;true;\n")
    assert upload.trade["value_usd_m"].iloc[0] == pytest.approx(44.9)
    assert any("semicolons" in note for note in upload.notes)
    assert any("decimal mark" in note for note in upload.notes)


def test_decimal_comma_in_a_comma_separated_file_is_refused_with_its_line():
    message = problems("x.csv", PROJECT_HEADER + "2019,RUS,PRK,export,44,9,,x,true,\n")
    assert "Line 2 has 10 fields where the header has 9" in message and "decimal mark" in message


# ---- Bad input ---------------------------------------------------------------------------------


def test_empty_file():
    assert "empty" in problems("empty.csv", b"")
    assert "empty" in problems("blank.csv", b"\n\n  \n")


def test_header_without_rows():
    assert "no data rows" in problems("head.csv", PROJECT_HEADER)


def test_not_csv_or_xlsx():
    assert "not a CSV or .xlsx" in problems("report.pdf", b"%PDF-1.4")
    assert "not a readable Excel workbook" in problems("fake.xlsx", b"just text")
    assert "NUL bytes" in problems("image.csv", b"\x89PNG\r\n\x1a\n\x00\x00")


def test_missing_columns_are_named_for_the_closest_format():
    message = problems("short.csv", "Year,Reporter ISO,Partner ISO,Trade Flow\n2014,RUS,PRK,Export\n")
    assert "legacy UN Comtrade export" in message and "'Trade Value (US$)'" in message
    assert "'Commodity Code'" in message
    assert "none of the columns" in problems("other.csv", "a,b\n1,2\n")


def test_text_in_a_value_column_names_line_and_column():
    message = problems("t.csv", LEGACY_HEADER + legacy_row() + legacy_row(flow="Import", value="lots"))
    assert "Line 3, column 'Trade Value (US$)': 'lots' is not a number" in message


@pytest.mark.parametrize(
    ("value", "words"),
    [("-5", "negative"), ("NaN", "empty or NaN"), ("", "empty or NaN"), ("inf", "infinite"), ("=1+1", "formula")],
)
def test_bad_values_each_get_their_own_message(value, words):
    message = problems("v.csv", PROJECT_HEADER + f"2019,RUS,PRK,export,{value},,x,true,\n")
    assert "Line 2, column 'value_usd_m'" in message and words in message


def test_duplicate_keys_name_both_lines():
    message = problems("d.csv", LEGACY_HEADER + legacy_row() + legacy_row(value="1"))
    assert "Duplicate key: lines 2, 3" in message and "2014" in message


@pytest.mark.parametrize("year", ["1899", "2101", "20x4"])
def test_years_outside_range_or_not_years(year):
    message = problems("y.csv", PROJECT_HEADER + f"{year},RUS,PRK,export,1,,x,true,\n")
    assert "Line 2, column 'year'" in message


def test_schema_failures_name_the_file_line():
    message = problems("s.csv", PROJECT_HEADER + "2019,RUS,PRK,export,1,,x,true,\n2019,RUS,PRK,exports,1,,x,true,\n")
    assert "line 3" in message and "'flow'" in message


def test_over_the_limit_is_refused_before_reading():
    assert "the limit is 1 MB" in problems_with_limit()


def problems_with_limit() -> str:
    with pytest.raises(upload_errors.UploadError) as caught:
        uploads.read_upload("big.csv", b"x" * (1024 * 1024 + 1), max_mb=1)
    return str(caught.value)


def test_stated_limit_matches_server_config():
    config = tomllib.loads((paths.ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == paths.MAX_UPLOAD_MB


def test_rows_only_with_other_countries_are_refused_clearly():
    row = legacy_row().replace("RUS,408,DPRK,PRK", "RUS,0,World,WLD")
    assert "No row is between two of the dashboard's countries" in problems("w.csv", LEGACY_HEADER + row)


# ---- Beside the curated data -------------------------------------------------------------------


def test_with_upload_adds_every_file_row_not_preferred_and_a_source_without_changing_the_inputs():
    upload = read("mine.csv", (FIXTURES / "trade_schema.csv").read_bytes())
    curated = pd.DataFrame(
        {"year": [2019], "flow": ["total"], "value_usd_m": [47.0], "source_id": ["a"], "preferred": [True]}
    )
    sources = pd.DataFrame({"source_id": ["a"], "published": pd.to_datetime(["2020-01-01"]), "agency": ["X"]})
    trade, cited = uploads.with_upload(curated, sources, upload)
    assert len(curated) == 1 and len(sources) == 1
    # The curated row first and unchanged, then the fixture's three rows (2019 export 44.9 and import 3,
    # 2020 total 42.7), each citing the file and none preferred, though the file marks them preferred.
    assert trade.iloc[:1][list(curated.columns)].to_dict("records") == curated.to_dict("records")
    added = trade.iloc[1:]
    assert list(zip(added["year"], added["flow"], added["value_usd_m"], strict=True)) == [
        (2019, "export", 44.9),
        (2019, "import", 3.0),
        (2020, "total", 42.7),
    ]
    assert list(added["source_id"]) == ["upload:mine.csv"] * 3
    assert list(added["preferred"]) == [False] * 3
    assert list(cited["source_id"]) == ["a", "upload:mine.csv"]
    assert cited["agency"].iloc[-1] == "your file: mine.csv"


def test_mirror_rows_are_turned_round_to_the_pair_asked_for():
    upload = read("m.csv", PROJECT_HEADER + "2019,PRK,RUS,import,40,,x,true,\n2019,PRK,RUS,export,3,,x,true,\n")
    seen = uploads.mirrored(upload.trade, "RUS", "PRK").set_index("flow")["value_usd_m"]
    assert seen.to_dict() == {"export": 40.0, "import": 3.0}


def test_series_rows_give_one_upload_series_per_flow():
    rows = pd.DataFrame(
        {
            "year": [2019, 2019, 2019],
            "flow": ["export", "import", "export"],
            "value_usd_m": [1.0, 2.0, 3.0],
            "source_id": ["upload:f.csv", "upload:f.csv", "curated"],
            "agency": ["your file: f.csv", "your file: f.csv", "KOTRA"],
        }
    )
    table = uploads.series_rows(rows, {"export": "Exports", "import": "Imports"})
    assert sorted(table["series"]) == ["your file: f.csv · Exports", "your file: f.csv · Imports"]
    assert set(table["role"]) == {"upload"}
