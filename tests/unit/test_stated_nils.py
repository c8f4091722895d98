"""A zero in the trade table is a stated nil: flagged and quoted, or refused (components/data/trade_schema.py)."""

import textwrap

import pytest

from components.data.loader import DataError, load

SOURCES = """\
    source_id,title,publisher,published,url,agency,note
    customs,Trade story,RFA,2022-03-08,https://www.rfa.org/a,Russian customs,"""
TRADE_HEADER = "year,reporter,partner,flow,value_usd_m,growth_pct_stated,source_id,preferred,note,estimate,stated_nil\n"


def folder_with(tmp_path, trade_rows: str):
    (tmp_path / "sources.csv").write_text(textwrap.dedent(SOURCES) + '"quoted"\n', encoding="utf-8")
    (tmp_path / "trade.csv").write_text(TRADE_HEADER + textwrap.dedent(trade_rows), encoding="utf-8")
    return tmp_path


def test_a_flagged_and_quoted_zero_loads(tmp_path):
    folder = folder_with(
        tmp_path, """2021,RUS,PRK,export,0,,customs,true,"Stated nil: 'imports from Russia were nil'",,true\n"""
    )
    trade = load("trade", folder)
    assert trade["value_usd_m"].tolist() == [0.0]
    assert bool(trade["stated_nil"].iloc[0])


@pytest.mark.parametrize(
    "row",
    [
        "2021,RUS,PRK,export,0,,customs,true,nothing was exported,,\n",  # unflagged zero
        "2021,RUS,PRK,export,0,,customs,true,nothing was exported,,false\n",  # flagged false
        "2021,RUS,PRK,export,0,,customs,true,flagged but with no quote,,true\n",  # no quote
        "2021,RUS,PRK,export,4.2,,customs,true,\"'a figure'\",,true\n",  # a nil that is not zero
    ],
)
def test_a_zero_without_flag_and_quote_or_a_flag_on_a_figure_is_refused(tmp_path, row):
    folder = folder_with(tmp_path, row)
    with pytest.raises(DataError) as caught:
        load("trade", folder)
    message = str(caught.value)
    assert "data/trade.csv" in message and "line 2" in message
    assert "stated_nil" in message


def test_a_file_without_the_column_still_refuses_a_zero(tmp_path):
    folder = folder_with(tmp_path, "")
    (folder / "trade.csv").write_text(
        "year,reporter,partner,flow,value_usd_m,growth_pct_stated,source_id,preferred,note\n"
        "2021,RUS,PRK,export,0,,customs,true,\"'nil'\"\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="stated_nil"):
        load("trade", folder)
