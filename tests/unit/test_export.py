"""The CSV export neutralises formula-leading text and never changes numbers."""

import csv
import io
import unicodedata

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.data.export import neutralise_cell, to_csv_bytes

ASCII_LEADERS = "=+-@"
FULL_WIDTH_LEADERS = "\uff1d\uff0b\uff0d\uff20"  # ＝ ＋ － ＠
CONTROL_LEADERS = "\t\r\n"
BLANKS = [" ", "\u00a0", "\u3000", "\u2003", "\u200b", "\ufeff"]


def looks_like_a_formula(text: str) -> bool:
    """The oracle, written apart from the implementation: drop leading blanks one by one (a control
    character among them counts), then look at the first visible character in NFKC form."""
    rest = text
    while rest and (rest[0].isspace() or rest[0] in "\u200b\u200c\u200d\u2060\ufeff"):
        if rest[0] in CONTROL_LEADERS:
            return True
        rest = rest[1:]
    return bool(rest) and unicodedata.normalize("NFKC", rest[0])[:1] in set(ASCII_LEADERS)


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
        dangerous = looks_like_a_formula(original)
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


@pytest.mark.parametrize("blank", ["\u00a0", "\u3000", " \u00a0 ", "\u3000\u3000"])
def test_unicode_spaces_do_not_hide_a_formula(blank):
    assert neutralise_cell(blank + "=1+1") == "'" + blank + "=1+1"


@pytest.mark.parametrize("leader", list(FULL_WIDTH_LEADERS))
def test_full_width_leaders_are_neutralised(leader):
    assert neutralise_cell(leader + "SUM(A1)") == "'" + leader + "SUM(A1)"
    assert neutralise_cell("\u3000" + leader + "1") == "'\u3000" + leader + "1"


def test_a_tab_after_spaces_is_still_neutralised():
    assert neutralise_cell(" \tx") == "' \tx"


def test_ordinary_text_after_unicode_spaces_is_unchanged():
    assert neutralise_cell("\u00a0Russia") == "\u00a0Russia"
    assert neutralise_cell("") == ""


@settings(max_examples=400, deadline=None)
@given(
    blanks=st.lists(st.sampled_from(BLANKS), max_size=4).map("".join),
    leader=st.sampled_from(ASCII_LEADERS + FULL_WIDTH_LEADERS),
    rest=st.text(max_size=10),
)
def test_any_blanks_then_a_leader_is_neutralised_in_the_csv(blanks, leader, rest):
    cell = blanks + leader + rest
    rows = read_back(to_csv_bytes(pd.DataFrame({"text": [cell]})))
    assert rows[1] == ["'" + cell]


@settings(max_examples=300, deadline=None)
@given(
    blanks=st.lists(st.sampled_from(BLANKS), max_size=4).map("".join),
    first=st.characters(blacklist_categories=["Cs", "Zs", "Cc", "Cf"]).filter(
        lambda c: unicodedata.normalize("NFKC", c)[:1] not in set(ASCII_LEADERS)
    ),
    rest=st.text(max_size=10),
)
def test_blanks_then_ordinary_text_is_left_alone(blanks, first, rest):
    cell = blanks + first + rest
    assert neutralise_cell(cell) == cell
