"""The Trade chart's Vega-Lite specification (components/trade_chart.py)."""

import json

import pandas as pd

from components import trade, trade_chart
from tests.unit.test_trade import _sources, _table, _trade_rows

FIRST, LAST = 2010, 2020


def _events() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": ["protocol", "unscr-2270"],
            "start": pd.to_datetime(["2014-03-28", "2016-03-02"]),
            "end": pd.to_datetime([None, None]),
            "date_precision": ["day", "month"],
            "title": ["Protocol <b>signed</b>", "UNSCR 2270"],
            "category": ["agreement", "sanctions"],
            "preferred": [True, True],
        }
    )


def _spec(rate: float = 0.2, *, log_scale: bool = False, comparators=("China-DPRK",), events=None) -> dict:
    table = _table(rate, comparators)
    is_scenario = table["series"] == trade.SCENARIO_PATH
    base = trade_chart.base_chart_spec(
        table[~is_scenario],
        _events() if events is None else events,
        trade.series_colours(),
        log_scale=log_scale,
        first_year=FIRST,
        last_year=LAST,
        heavy_series=trade.FLOW_LABELS["total"],
        scenario_series=[trade.SCENARIO_PATH],
    )
    return trade_chart.with_scenario(base, table[is_scenario])


def _layers(spec: dict) -> list[dict]:
    """Every leaf layer of ``spec``, depth first."""
    found = []
    for layer in spec.get("layer", []):
        found.extend(_layers(layer) if "layer" in layer else [layer])
    return found


def _roles(layer: dict) -> list[str] | None:
    filters = [step["filter"] for step in layer.get("transform", []) if "filter" in step]
    return filters[0]["oneOf"] if filters else None


def _without_data(spec: dict) -> str:
    return json.dumps({key: value for key, value in spec.items() if key != "datasets"}, sort_keys=True)


def test_missing_years_are_empty_rows_that_break_the_line_never_zeros():
    rows = trade_chart.chart_rows(_table(), FIRST, LAST)
    total = rows[rows["series"] == trade.FLOW_LABELS["total"]].set_index("year")["value_usd_m"]
    assert list(total.index) == list(range(FIRST, LAST + 1))
    assert total[[2012, 2015, 2019]].isna().all()
    assert total[2013] == 112.7 and (total.dropna() > 0).all()
    line = next(layer for layer in _layers(_spec()) if layer["mark"]["type"] == "line" and _roles(layer) == ["actual"])
    assert line["mark"]["invalid"] == "break-paths-show-domains"


def test_points_sit_mid_year_and_computed_paths_are_not_padded():
    rows = trade_chart.chart_rows(_table(), FIRST, LAST)
    assert set(rows["date"].str[4:]) == {trade_chart.MID_YEAR}
    path = rows[rows["series"] == trade.TARGET_PATH]
    assert path["year"].tolist() == list(range(2013, 2021)) and path["value_usd_m"].notna().all()


def test_only_the_scenario_dataset_changes_with_the_growth_rate():
    slow, fast = _spec(0.1), _spec(0.3)
    assert _without_data(slow) == _without_data(fast)
    for name in (trade_chart.BASE_DATASET, trade_chart.EVENTS_DATASET):
        pd.testing.assert_frame_equal(slow["datasets"][name], fast["datasets"][name])
    slow_path, fast_path = (spec["datasets"][trade_chart.SCENARIO_DATASET] for spec in (slow, fast))
    assert fast_path["value_usd_m"].iloc[-1] > slow_path["value_usd_m"].iloc[-1]
    assert trade.SCENARIO_PATH not in set(slow["datasets"][trade_chart.BASE_DATASET]["series"])


def test_comparators_get_their_own_labelled_right_axis_and_log_scale_applies_to_both():
    spec = _spec(log_scale=True)
    assert spec["resolve"] == {"scale": {"y": "independent"}}
    left, right = spec["layer"][0], spec["layer"][1]
    right_axes = [layer["encoding"]["y"].get("axis") for layer in right["layer"]]
    assert right_axes[0]["orient"] == "right" and "Comparators" in right_axes[0]["title"]
    assert all(_roles(layer) == ["comparator"] for layer in right["layer"])
    assert "Russia" in left["layer"][0]["encoding"]["y"]["axis"]["title"]
    y_scales = [layer["encoding"]["y"]["scale"] for layer in _layers(spec) if "field" in layer["encoding"].get("y", {})]
    assert y_scales and all(scale == {"type": "log"} for scale in y_scales)


def test_without_comparators_there_is_no_right_axis_and_the_linear_axis_starts_at_zero():
    spec = _spec(comparators=())
    assert not any(_roles(layer) == ["comparator"] for layer in _layers(spec))
    assert spec["layer"][0]["layer"][0]["encoding"]["y"]["scale"] == {"type": "linear", "zero": True}


def test_legend_lists_only_the_series_on_the_chart_with_their_colours():
    spec = _spec(comparators=())
    scale = spec["layer"][0]["layer"][0]["encoding"]["color"]["scale"]
    assert trade.COMPARATORS["China-DPRK"][2] not in scale["domain"]
    assert trade.SCENARIO_PATH in scale["domain"] and trade.FLOW_LABELS["total"] in scale["domain"]
    colours = trade.series_colours()
    assert scale["range"] == [colours[series] for series in scale["domain"]]


def test_every_point_layer_has_the_hover_with_agency_and_source():
    point_layers = [
        layer
        for layer in _layers(_spec())
        if layer["mark"]["type"] in ("point", "square") and layer["data"]["name"] != trade_chart.EVENTS_DATASET
    ]
    assert point_layers
    for layer in point_layers:
        fields = [item["field"] for item in layer["encoding"]["tooltip"]]
        assert {"series", "value_usd_m", "agency", "source_id"} <= set(fields), layer


def test_event_markers_carry_plain_text_titles_and_list_only_present_categories():
    spec = _spec()
    rows = spec["datasets"][trade_chart.EVENTS_DATASET]
    # Vega's tooltip escapes text itself: escaping here too would show "&lt;b&gt;" to the reader.
    assert rows["title"].tolist() == ["Protocol <b>signed</b>", "UNSCR 2270"]
    assert rows["when"].tolist()[1] == "Mar 2016"
    marker_layer = spec["layer"][-1]
    assert marker_layer["data"] == {"name": trade_chart.EVENTS_DATASET}
    assert marker_layer["encoding"]["shape"]["scale"]["domain"] == ["agreement", "sanctions"]


def test_no_events_means_no_marker_layer():
    spec = _spec(events=_events().iloc[0:0])
    assert all(layer.get("data", {}).get("name") != trade_chart.EVENTS_DATASET for layer in spec["layer"])
    assert spec["datasets"][trade_chart.EVENTS_DATASET].empty


def test_agency_text_from_data_reaches_the_dataset_unchanged():
    sources = _sources()
    sources.loc[0, "agency"] = "<img src=x onerror=alert(1)>"
    rows = trade.pair_rows(_trade_rows(), sources, "RUS", "PRK")
    chosen, alternatives = trade.choose_rows(rows)
    table = trade.plotted_table(chosen, alternatives, {})
    spec = trade_chart.base_chart_spec(
        table, _events(), trade.series_colours(), log_scale=False, first_year=FIRST, last_year=LAST
    )
    assert "<img src=x onerror=alert(1)>" in set(spec["datasets"][trade_chart.BASE_DATASET]["agency"])


def test_adding_the_scenario_leaves_the_cached_base_unchanged():
    table = _table(0.25)
    is_scenario = table["series"] == trade.SCENARIO_PATH
    base = trade_chart.base_chart_spec(
        table[~is_scenario],
        _events(),
        trade.series_colours(),
        log_scale=False,
        first_year=FIRST,
        last_year=LAST,
        scenario_series=[trade.SCENARIO_PATH],
    )
    before = _without_data(base)
    combined = trade_chart.with_scenario(base, table[is_scenario])
    assert _without_data(combined) == before == _without_data(base)
    assert base["datasets"][trade_chart.SCENARIO_DATASET].empty
    path = combined["datasets"][trade_chart.SCENARIO_DATASET]
    assert path["value_usd_m"].tolist() == table.loc[is_scenario, "value_usd_m"].tolist()
    assert path["date"].tolist() == [f"{year}{trade_chart.MID_YEAR}" for year in table.loc[is_scenario, "year"]]
    for name in (trade_chart.BASE_DATASET, trade_chart.EVENTS_DATASET):
        assert combined["datasets"][name] is base["datasets"][name]
