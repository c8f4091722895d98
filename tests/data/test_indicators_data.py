"""indicators.csv against its rules: every figure cites a source that exists and quotes it word for word,
one default per series and year, no zero or negative figure standing in for a missing year, and the three
threads the issue asks for (the railway's cargo, DPRK workers, Russian visitors) each have figures."""

import re

import pandas as pd
import pytest

from components.analysis import indicators as indicator_words
from components.data.loader import DataError, load
from components.data.vocabularies import INDICATOR_UNITS


@pytest.fixture(scope="module")
def indicators() -> pd.DataFrame:
    return load("indicators")


@pytest.fixture(scope="module")
def sources() -> pd.DataFrame:
    return load("sources")


def squeezed(text: str) -> str:
    """Text with runs of white space as one space and CSV-doubled quotation marks as one."""
    return re.sub(r"\s+", " ", str(text)).replace('""', '"').strip()


def test_every_row_cites_a_source_in_sources_csv(indicators, sources):
    assert set(indicators["source_id"]) <= set(sources["source_id"])


def test_every_row_quotes_its_source_word_for_word(indicators, sources):
    notes = sources.set_index("source_id")["note"].map(squeezed)
    unquoted = [
        (row.indicator_id, row.year, row.source_id)
        for row in indicators.itertuples(index=False)
        if squeezed(row.quote) not in notes[row.source_id]
    ]
    assert unquoted == []


def test_exactly_one_default_per_series_and_year(indicators):
    defaults = indicators.groupby(["indicator_id", "year"])["preferred"].sum()
    assert (defaults == 1).all(), defaults[defaults != 1]


def test_no_zero_or_negative_figure(indicators):
    assert (indicators["value"] > 0).all()


def test_each_series_keeps_its_one_unit(indicators):
    assert (indicators["unit"] == indicators["indicator_id"].map(INDICATOR_UNITS)).all()


def test_the_three_threads_each_have_figures(indicators):
    for group in (indicator_words.RAILWAY_CARGO, indicator_words.WORKERS, indicator_words.VISITORS):
        assert indicators["indicator_id"].isin(group).any(), group


def test_where_sources_disagree_both_rows_are_kept(indicators):
    """The 2014 cargo (260,000 t against 280,000 t) and the 2017 workers (30,023 against about 34,000)."""
    cargo = indicators[(indicators["indicator_id"] == "khasan_rajin_cargo") & (indicators["year"] == 2014)]
    assert sorted(cargo["value"]) == [260_000, 280_000]
    workers = indicators[(indicators["indicator_id"] == "dprk_workers_in_russia") & (indicators["year"] == 2017)]
    assert workers.loc[workers["preferred"], "value"].tolist() == [30_023]


def test_gaps_stay_gaps(indicators):
    """No row for a year no source gives: the cargo series has 2017 and 2018 missing, not zero."""
    assert indicator_words.gap_years(indicators, "khasan_rajin_cargo") == [2017, 2018]


def test_point_in_time_counts_give_their_date(indicators):
    counts = indicators[indicators["period"] == "point_in_time"]
    assert counts["as_of"].notna().all()
    assert (counts["as_of"].dt.year == counts["year"]).all()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("khasan_rajin_cargo,2016,1600000", "khasan_rajin_cargo,2016,-1600000", "must be greater than 0"),
        ("khasan_rajin_cargo,2016,1600000", "khasan_rajin_cargo,2016,0", "must be greater than 0"),
        ("khasan_rajin_cargo,2016,1600000,tonnes", "khasan_rajin_cargo,2016,1600000,trips", "the series' unit"),
        ("rfa-ko-2017-01,true", "nobody-2017,true", "'nobody-2017' is not in sources.csv"),
        ("drycargo-2015,false", "drycargo-2015,true", "exactly one row per indicator_id and year"),
    ],
)
def test_the_loader_refuses_a_broken_indicator_row(data_copy, old, new, message):
    path = data_copy / "indicators.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load("indicators", data_copy)
    assert message in str(caught.value)
