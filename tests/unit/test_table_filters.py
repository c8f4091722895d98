"""Data-page filters: which columns are filterable and how selections narrow rows."""

import pandas as pd

from components.analysis.table_filters import apply_filters, filters_for


def sample() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2011, 2013, 2014, 2015],
            "flow": ["total", "export", "total", None],
            "value_usd_m": [113.7, 103.4, 92.34, None],
            "start": pd.to_datetime(["2011-08-24", "2013-09-22", "2014-03-28", "2014-07-18"]),
            "preferred": [True, True, False, True],
            "note": [f"a free-text note about figure number {i}, long enough to be prose" for i in range(4)],
        }
    )


def test_filter_kinds_follow_column_types():
    kinds = {spec.column: spec.kind for spec in filters_for(sample())}
    assert kinds == {
        "year": "number",
        "flow": "category",
        "value_usd_m": "number",
        "start": "date",
        "preferred": "flag",
    }


def test_free_text_with_many_values_is_not_a_category():
    frame = pd.DataFrame({"title": [f"t{i}" for i in range(100)]})
    assert filters_for(frame) == []


def test_category_selection_narrows_and_drops_empty_cells():
    shown = apply_filters(sample(), {"flow": ["total"]})
    assert shown["year"].tolist() == [2011, 2014]


def test_full_selection_keeps_rows_with_empty_cells():
    assert len(apply_filters(sample(), {"flow": ["export", "total"], "value_usd_m": (92.34, 113.7)})) == 4


def test_numeric_range_is_inclusive_and_excludes_unknown_when_narrowed():
    shown = apply_filters(sample(), {"value_usd_m": (92.34, 103.4)})
    assert shown["year"].tolist() == [2013, 2014]


def test_date_range_accepts_dates():
    import datetime as dt

    shown = apply_filters(sample(), {"start": (dt.date(2013, 1, 1), dt.date(2014, 3, 28))})
    assert shown["year"].tolist() == [2013, 2014]


def test_flag_filter():
    assert apply_filters(sample(), {"preferred": [False]})["year"].tolist() == [2014]


def test_unknown_columns_are_ignored():
    assert len(apply_filters(sample(), {"nope": ["x"]})) == 4
