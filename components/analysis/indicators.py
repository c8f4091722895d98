"""How the projects performed, year by year (``indicators.csv``): each series' default figures with the
years no source gives left as gaps, the other sources' figures beside them, and the words that state them.

Plain Python on the ``indicators`` table; the chart is ``charts/indicators_chart.py``.
"""

from collections.abc import Iterable, Sequence

import pandas as pd

from components.analysis import formats
from components.data.vocabularies import INDICATOR_LABELS, INDICATOR_UNITS, UNIT_LABELS
from components.i18n import _, ngettext

# The series each page shows: the railway's cargo beside the railway on the Map; workers and visitors on the
# Scorecard, one chart per unit.
RAILWAY_CARGO = ("khasan_rajin_cargo", "khasan_rajin_coal")
WORKERS = ("dprk_workers_in_russia", "dprk_entries_to_russia")
VISITORS = ("russian_trips_to_dprk", "russian_tourist_trips_to_dprk")


def indicator_label(indicator_id: str) -> str:
    """The series' name in the reader's language (``khasan_rajin_cargo`` → "Cargo carried on …")."""
    label = INDICATOR_LABELS.get(indicator_id)
    return _(label) if label else str(indicator_id)


def unit_label(unit: str) -> str:
    """A unit in the reader's language (``tonnes``, ``persons``, ``trips``)."""
    label = UNIT_LABELS.get(unit)
    return _(label) if label else str(unit)


def value_words(value: float, precision: str, unit: str) -> str:
    """A figure as the source words it: "1,600,000 tonnes", "about 21,000 persons", "more than 50,000
    tonnes"."""
    amount = formats.number(value)
    if precision == "approximate":
        return _("about {amount} {unit}").format(amount=amount, unit=unit_label(unit))
    if precision == "lower_bound":
        return _("more than {amount} {unit}").format(amount=amount, unit=unit_label(unit))
    return _("{amount} {unit}").format(amount=amount, unit=unit_label(unit))


def default_rows(indicators: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """The preferred row of each year of one series, in year order."""
    rows = indicators[(indicators["indicator_id"] == indicator_id) & indicators["preferred"]]
    return rows.sort_values("year").reset_index(drop=True)


def other_rows(indicators: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """The rows of one series that are not the default for their year (another source's figure)."""
    rows = indicators[(indicators["indicator_id"] == indicator_id) & ~indicators["preferred"]]
    return rows.sort_values("year").reset_index(drop=True)


def yearly_series(indicators: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """One row per year from the series' first to its last year a source gives: ``year``, ``value``,
    ``precision``, ``source_id``. A year no source gives is kept with an empty value, so a line drawn from
    it breaks there instead of joining the years either side; nothing is estimated."""
    rows = default_rows(indicators, indicator_id)[["year", "value", "precision", "source_id"]]
    if rows.empty:
        return pd.DataFrame({"year": pd.Series(dtype="int64"), "value": pd.Series(dtype="float64")}).assign(
            precision=pd.Series(dtype="object"), source_id=pd.Series(dtype="object")
        )
    years = pd.DataFrame({"year": range(int(rows["year"].min()), int(rows["year"].max()) + 1)})
    return years.merge(rows, on="year", how="left")


def gap_years(indicators: pd.DataFrame, indicator_id: str) -> list[int]:
    """The years between the series' first and last figure that no source gives."""
    series = yearly_series(indicators, indicator_id)
    return [int(year) for year in series.loc[series["value"].isna(), "year"]]


def years_words(years: Iterable[int]) -> str:
    """Years as runs: ``[2017, 2018, 2020]`` → "2017–2018, 2020"."""
    ordered = sorted({int(year) for year in years})
    runs: list[list[int]] = []
    for year in ordered:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


def summary(indicators: pd.DataFrame, indicator_id: str) -> str:
    """One sentence on a series: its latest figure, the years sources give, and the gaps between them."""
    rows = default_rows(indicators, indicator_id)
    label = indicator_label(indicator_id)
    if rows.empty:
        return _("{label}: no source gives a figure.").format(label=label)
    latest = rows.iloc[-1]
    words = _("{label}: {value} in {year}, the latest year a source gives.").format(
        label=label, value=value_words(latest["value"], latest["precision"], latest["unit"]), year=int(latest["year"])
    )
    years = ngettext("Sources give {n} year ({years})", "Sources give {n} years ({years})", len(rows)).format(
        n=len(rows), years=years_words(rows["year"])
    )
    gaps = gap_years(indicators, indicator_id)
    if gaps:
        return f"{words} " + _("{years}; none gives {gaps}.").format(years=years, gaps=years_words(gaps))
    return f"{words} " + _("{years}.").format(years=years)  # the sentence ends as the language ends it


def shared_unit(indicator_ids: Sequence[str]) -> str:
    """The one unit of the given series; a chart draws series of one unit only."""
    units = {INDICATOR_UNITS[indicator_id] for indicator_id in indicator_ids}
    if len(units) != 1:
        raise ValueError(f"series of different units on one axis: {sorted(units)}")
    return units.pop()


def source_ids(indicators: pd.DataFrame, indicator_ids: Sequence[str]) -> list[str]:
    """Every source the given series cite, default rows first."""
    rows = indicators[indicators["indicator_id"].isin(indicator_ids)].sort_values("preferred", ascending=False)
    return list(dict.fromkeys(rows["source_id"]))


def display_table(indicators: pd.DataFrame, sources: pd.DataFrame, indicator_ids: Sequence[str]) -> pd.DataFrame:
    """The rows of the given series as a table to read: series and unit in words, the figure as the source
    words it, whether it is the default, the source, its quote and the note; in series and year order."""
    order = {indicator_id: number for number, indicator_id in enumerate(indicator_ids)}
    rows = indicators[indicators["indicator_id"].isin(indicator_ids)].copy()
    rows["_order"] = rows["indicator_id"].map(order)
    rows = rows.sort_values(["_order", "year", "preferred"], ascending=[True, True, False])
    return pd.DataFrame(
        {
            "series": [indicator_label(value) for value in rows["indicator_id"]],
            "year": rows["year"].astype(int).tolist(),
            "figure": [value_words(row.value, row.precision, row.unit) for row in rows.itertuples(index=False)],
            "default": rows["preferred"].astype(bool).tolist(),
            "source": [formats.source_label(source_id, sources) for source_id in rows["source_id"]],
            "quote": rows["quote"].tolist(),
            "note": [None if formats.is_missing(note) else note for note in rows["note"]],
        }
    )
