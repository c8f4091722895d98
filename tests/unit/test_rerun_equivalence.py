"""The faster rewrites give exactly what the code they replaced gave (issue #24, slider reruns).

Each reference below is the replaced implementation, copied as it was; the tests compare it with the
current one on the curated data (every source choice, flow, comparator and target) and on edge cases.
"""

import pandas as pd
import plotly.graph_objects as go
import pytest

from components.analysis import trade, trade_paths
from components.analysis.trade import COMPARATORS, FLOW_LABELS, OTHER_SOURCES, TABLE_COLUMNS
from components.data import loader

# ---- The replaced implementations ------------------------------------------------------------------


def _old_series_rows(frame, series, role, source_id="", agency=""):
    rows = pd.DataFrame({"year": frame["year"].astype(int), "series": series, "value_usd_m": frame["value_usd_m"]})
    rows["source_id"] = frame["source_id"].to_numpy() if "source_id" in frame else source_id
    rows["agency"] = frame["agency"].to_numpy() if "agency" in frame else agency
    rows["role"] = role
    return rows


def _old_scenario_rows(target, rate):
    path = trade_paths.projected_path(target.baseline_value, target.baseline_year, rate, target.end_year)
    return _old_series_rows(path, trade.SCENARIO_PATH, "scenario", target.baseline_source_id, trade.COMPUTED)[
        TABLE_COLUMNS
    ]


def _old_plotted_table(chosen, alternatives, comparators, target=None, scenario_rate=None):
    parts = []
    for flow, label in FLOW_LABELS.items():
        parts.append(_old_series_rows(chosen[chosen["flow"] == flow], label, "actual"))
        parts.append(
            _old_series_rows(
                alternatives[alternatives["flow"] == flow], OTHER_SOURCES.format(series=label), "alternative"
            )
        )
    for key, rows in comparators.items():
        parts.append(_old_series_rows(rows, COMPARATORS[key][2], "comparator"))
    if target is not None:
        baseline = pd.DataFrame({"year": [target.baseline_year], "value_usd_m": [target.baseline_value]})
        parts.append(
            _old_series_rows(
                baseline, trade.BASELINE_POINT, "baseline", target.baseline_source_id, target.baseline_agency
            )
        )
        target_point = pd.DataFrame({"year": [target.target_year], "value_usd_m": [target.target_value]})
        parts.append(
            _old_series_rows(target_point, trade.TARGET_LINE, "target", target.target_source_id, trade.ANNOUNCED_TARGET)
        )
        path = trade_paths.projected_path(target.baseline_value, target.baseline_year, target.rate, target.end_year)
        parts.append(
            _old_series_rows(path, trade.TARGET_PATH, "target_path", target.baseline_source_id, trade.COMPUTED)
        )
        if scenario_rate is not None:
            parts.append(_old_scenario_rows(target, scenario_rate))
    parts = [part for part in parts if not part.empty]
    if not parts:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    return pd.concat(parts, ignore_index=True)[TABLE_COLUMNS]


# ---- The curated data ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def curated():
    return {name: loader.load(name) for name in ("trade", "sources", "targets")}


def _path(chosen, flow, target_row):
    baseline_year = trade.default_baseline_year(target_row, chosen, flow)
    baseline = trade.flow_value(chosen, flow, baseline_year)
    if baseline is None or baseline["value_usd_m"] <= 0:
        return None
    return trade_paths.target_path(
        baseline, float(target_row["target_usd_m"]), int(target_row["target_year"]), target_row["source_id"]
    )


def _views(curated):
    rows = trade.pair_rows(curated["trade"], curated["sources"], "RUS", "PRK")
    target_row = trade.target_row(curated["targets"])
    comparators = {key: trade.comparator_rows(curated["trade"], curated["sources"], key) for key in COMPARATORS}
    for source in [trade.PREFERRED_CHOICE, *trade.disputed_agencies(rows)]:
        chosen, alternatives = trade.choose_rows(rows, source)
        for flow in FLOW_LABELS:
            path = _path(chosen, flow, target_row)
            for compared in ({}, comparators) if flow == "total" else ({},):
                yield chosen, alternatives, compared, path


def test_plotted_table_is_what_it_was_for_every_view_of_the_curated_data(curated):
    count = 0
    for chosen, alternatives, compared, path in _views(curated):
        for rate in (None, 0.25) if path is not None else (None,):
            new = trade.plotted_table(chosen, alternatives, compared, path, rate)
            old = _old_plotted_table(chosen, alternatives, compared, path, rate)
            pd.testing.assert_frame_equal(new, old, check_exact=True)
            count += 1
    assert count > 10


def test_scenario_rows_are_what_they_were(curated):
    for _chosen, _alternatives, _compared, path in _views(curated):
        if path is not None:
            for rate in (0.0, -0.5, 1.5):
                pd.testing.assert_frame_equal(
                    trade.scenario_rows(path, rate), _old_scenario_rows(path, rate), check_exact=True
                )


def test_plotted_table_edge_cases_are_what_they_were(curated):
    rows = trade.pair_rows(curated["trade"], curated["sources"], "RUS", "PRK")
    chosen, alternatives = trade.choose_rows(rows)
    # No row at all; a flow with no alternative; an agency the sources do not list (NaN).
    nothing = (chosen.iloc[0:0], alternatives.iloc[0:0], {})
    pd.testing.assert_frame_equal(trade.plotted_table(*nothing), _old_plotted_table(*nothing))
    unlisted = chosen.assign(agency=chosen["agency"].where(chosen["year"] % 2 == 0))
    only_totals = alternatives[alternatives["flow"] == "total"]
    for args in ((unlisted, alternatives, {}), (chosen, only_totals, {})):
        pd.testing.assert_frame_equal(trade.plotted_table(*args), _old_plotted_table(*args), check_exact=True)


# ---- The Timeline chart from rows worked out once ------------------------------------------------------


def test_the_timeline_figure_from_marks_of_every_event_is_the_one_from_the_events_shown():
    from components.analysis import timeline
    from components.charts import timeline_chart

    events = timeline.label_datings(loader.load("events"), loader.load("sources"))
    marks = timeline_chart.mark_rows(events)
    chosen = timeline.event_choices(events)
    views = [
        ([], [], (2008, 2025), None),
        (["PRK"], [], (2000, 2020), next(iter(chosen))),
        ([], ["summit", "visit"], (1990, 2025), list(chosen)[len(chosen) // 2]),
        (["KOR"], ["sanctions"], (2015, 2016), None),
    ]
    for actors, categories, years, event in views:
        shown = timeline.filter_events(events, actors, categories, years)
        options = {"title": "t", "source_note": "s", "chosen_event_id": event}
        direct = go.Figure(timeline_chart.timeline_spec(shown, years, **options), _validate=False).to_plotly_json()
        cached = go.Figure(timeline_chart.timeline_spec(shown, years, marks=marks, **options), _validate=False)
        cached = cached.to_plotly_json()
        assert cached == direct
