"""The indicator series and their chart: a year no source gives stays a gap (an empty point that breaks the
line), the default figure is drawn and another source's figure beside it, and the words state what the
sources give."""

import math

import pandas as pd
import pytest

from components.analysis import indicators
from components.charts import indicators_chart

SOURCES = pd.DataFrame(
    {
        "source_id": ["rzd", "press", "fsb"],
        "publisher": ["Russian Railways", "A paper", "FSB"],
        "published": [pd.NaT, pd.NaT, pd.NaT],
        "title": ["Cargo", "Cargo again", "Trips"],
    }
)


def row(indicator_id, year, value, source_id="rzd", preferred=True, precision="exact", unit="tonnes"):
    return {
        "indicator_id": indicator_id,
        "year": year,
        "value": float(value),
        "unit": unit,
        "period": "calendar_year",
        "as_of": pd.NaT,
        "as_of_precision": None,
        "precision": precision,
        "source_id": source_id,
        "preferred": preferred,
        "quote": f"quote {year}",
        "note": None,
    }


@pytest.fixture
def table() -> pd.DataFrame:
    return pd.DataFrame(
        [
            row("khasan_rajin_cargo", 2014, 260_000),
            row("khasan_rajin_cargo", 2014, 280_000, source_id="press", preferred=False),
            row("khasan_rajin_cargo", 2015, 1_200_000),
            row("khasan_rajin_cargo", 2016, 1_600_000),
            row("khasan_rajin_cargo", 2019, 50_000, precision="lower_bound"),
            row("khasan_rajin_coal", 2014, 238_200),
            row("russian_trips_to_dprk", 2023, 1238, source_id="fsb", unit="trips"),
        ]
    )


def test_yearly_series_keeps_the_years_no_source_gives_as_gaps(table):
    series = indicators.yearly_series(table, "khasan_rajin_cargo")
    assert series["year"].tolist() == [2014, 2015, 2016, 2017, 2018, 2019]
    values = series["value"].tolist()
    assert values[:3] == [260_000, 1_200_000, 1_600_000] and values[5] == 50_000
    assert math.isnan(values[3]) and math.isnan(values[4])  # 2017 and 2018: no figure, not zero, not estimated
    assert indicators.gap_years(table, "khasan_rajin_cargo") == [2017, 2018]


def test_a_series_with_no_rows_is_empty_not_an_error(table):
    assert indicators.yearly_series(table, "dprk_workers_in_russia").empty
    assert indicators.summary(table, "dprk_workers_in_russia") == "DPRK workers in Russia: no source gives a figure."


def test_the_chart_line_breaks_at_a_gap_and_draws_the_other_source_as_an_open_marker(table):
    figure = indicators_chart.indicator_figure(
        table, indicators.RAILWAY_CARGO, title="Cargo <b>", source_note="Sources: RZD"
    ).to_dict()
    line, other, coal = figure["data"]
    assert line["x"] == [2014, 2015, 2016, 2017, 2018, 2019]
    assert line["y"] == [260_000, 1_200_000, 1_600_000, None, None, 50_000]
    assert line["connectgaps"] is False
    assert other["mode"] == "markers" and other["x"] == [2014] and other["y"] == [280_000]
    assert other["marker"]["color"] == "rgba(0,0,0,0)"  # open: the default is the filled one
    assert coal["y"] == [238_200]
    assert "more than 50,000 tonnes" in line["text"][5] and line["text"][3] is None
    assert figure["layout"]["title"]["text"] == "Cargo &lt;b&gt;"
    assert figure["layout"]["yaxis"]["title"]["text"] == "tonnes"


def test_series_of_different_units_are_refused_on_one_axis(table):
    with pytest.raises(ValueError, match="different units"):
        indicators_chart.indicator_figure(
            table, ("khasan_rajin_cargo", "russian_trips_to_dprk"), title="t", source_note="s"
        )


@pytest.mark.parametrize(
    ("value", "precision", "unit", "words"),
    [
        (1_600_000, "exact", "tonnes", "1,600,000 tonnes"),
        (21_000, "approximate", "persons", "about 21,000 persons"),
        (50_000, "lower_bound", "tonnes", "more than 50,000 tonnes"),
    ],
)
def test_a_figure_is_worded_as_precisely_as_the_source_states_it(value, precision, unit, words):
    assert indicators.value_words(value, precision, unit) == words


def test_years_are_worded_as_runs():
    assert indicators.years_words([2020, 2017, 2018]) == "2017–2018, 2020"
    assert indicators.years_words([2014]) == "2014"


def test_summary_states_the_latest_figure_the_years_and_the_gaps(table):
    words = indicators.summary(table, "khasan_rajin_cargo")
    assert words == (
        "Cargo carried on the Khasan–Rajin line: more than 50,000 tonnes in 2019, the latest year a source "
        "gives. Sources give 4 years (2014–2016, 2019); none gives 2017–2018."
    )
    assert indicators.summary(table, "khasan_rajin_coal").endswith("Sources give 1 year (2014).")


def test_display_table_puts_the_default_first_and_names_the_source(table):
    shown = indicators.display_table(table, SOURCES, indicators.RAILWAY_CARGO)
    assert shown["year"].tolist() == [2014, 2014, 2015, 2016, 2019, 2014]
    assert shown["default"].tolist() == [True, False, True, True, True, True]
    assert shown.loc[1, "figure"] == "280,000 tonnes"
    assert "A paper" in shown.loc[1, "source"]
    assert shown["series"].iloc[-1] == "Coal carried to Rajin on the Khasan–Rajin line"


def test_source_ids_list_the_default_sources_first(table):
    assert indicators.source_ids(table, indicators.RAILWAY_CARGO) == ["rzd", "press"]
