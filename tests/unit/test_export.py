"""The CSV export neutralises formula-leading text and never changes numbers."""

import csv
import io

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from components.export import FORMULA_LEADERS, neutralise_cell, to_csv_bytes


def read_back(payload: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(payload.decode("utf-8"))))


def test_formula_cells_gain_a_quote_prefix():
    frame = pd.DataFrame({"title": ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "\tx", "\rx", "plain"]})
    cells = [row[0] for row in read_back(to_csv_bytes(frame))[1:]]
    assert cells == ['\'=HYPERLINK("x")', "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "plain"]


def test_leading_spaces_do_not_hide_a_formula():
    assert neutralise_cell("  =1+1") == "'  =1+1"


def test_numeric_columns_keep_negative_numbers():
    frame = pd.DataFrame({"value": [-1.5, 2.25], "year": [2013, 2014]})
    rows = read_back(to_csv_bytes(frame))
    assert rows == [["value", "year"], ["-1.5", "2013"], ["2.25", "2014"]]


def test_dates_are_written_as_iso_days():
    frame = pd.DataFrame({"start": pd.to_datetime(["2014-03-24"])})
    assert read_back(to_csv_bytes(frame))[1] == ["2014-03-24"]


def test_formula_like_column_names_are_neutralised():
    frame = pd.DataFrame({"=cmd": ["a"]})
    assert read_back(to_csv_bytes(frame))[0] == ["'=cmd"]


def test_every_field_is_quoted():
    payload = to_csv_bytes(pd.DataFrame({"a": ["x"], "n": [1]})).decode()
    assert payload == '"a","n"\n"x","1"\n'


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=8))
def test_text_round_trips_except_for_the_prefix(texts):
    rows = read_back(to_csv_bytes(pd.DataFrame({"text": texts})))
    assert len(rows) == len(texts) + 1
    for original, exported in zip(texts, (row[0] for row in rows[1:]), strict=True):
        dangerous = original.lstrip(" ").startswith(FORMULA_LEADERS)
        assert exported == ("'" + original if dangerous else original)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.floats(allow_nan=False, allow_infinity=False, width=64),
        min_size=1,
        max_size=8,
    )
)
def test_numbers_never_change(numbers):
    rows = read_back(to_csv_bytes(pd.DataFrame({"value": numbers})))
    assert [float(row[0]) for row in rows[1:]] == numbers
