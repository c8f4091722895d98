"""The faster rewrites give exactly what the code they replaced gave (issue #24, slider reruns).

Each reference below is the replaced implementation, copied as it was; the tests compare it with the
current one on the curated data (every source choice, flow, comparator and target) and on edge cases.
"""

from pathlib import Path

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


# ---- The events table from cells worked out once (the Timeline's slider) ------------------------------


def test_the_events_table_and_its_shown_form_from_cells_are_the_ones_from_the_events_shown():
    from components.analysis import timeline

    sources = loader.load("sources")
    events = timeline.label_datings(loader.load("events"), sources)
    table_cells, display_cells = timeline.table_cells(events), timeline.display_cells(events, sources)
    views = [([], [], (2008, 2025)), (["PRK"], [], (2000, 2020)), ([], ["visit"], (1990, 2025)), (["USA"], [], (1, 2))]
    for actors, categories, years in views:
        shown = timeline.filter_events(events, actors, categories, years)
        pd.testing.assert_frame_equal(timeline.events_table(shown, table_cells), timeline.events_table(shown))
        pd.testing.assert_frame_equal(
            timeline.events_display(shown, sources, display_cells), timeline.events_display(shown, sources)
        )


# ---- Tables shown: text with nothing to label is left as it is ---------------------------------------


def _old_display_frame(frame, value_labels=None, codes=False):
    from components.analysis.tables import VALUE_LABELS, VOCABULARY_COLUMNS, _readable

    labels = {} if codes else {**VALUE_LABELS, **(value_labels or {})}
    shown = frame.copy()
    for column in shown.columns:
        if not (pd.api.types.is_object_dtype(shown[column]) or pd.api.types.is_string_dtype(shown[column])):
            continue
        column_labels = labels.get(column)
        vocabulary = False if codes else VOCABULARY_COLUMNS.get(column, False)
        shown[column] = shown[column].map(lambda value, cl=column_labels, vo=vocabulary: _readable(value, cl, vo))
    return shown


def test_display_frame_is_what_it_was():
    from components.analysis import tables

    frame = pd.DataFrame(
        {
            "source_id": pd.Series(["a", None, "", "a"], dtype="str"),
            "category": pd.Series(["visit", "summit", None, "visit"], dtype="str"),
            "role": pd.Series(["actual", "scenario", "actual", "?"], dtype="string"),
            "actors": pd.Series([["RUS", "PRK"], None, [], ("KOR",)], dtype=object),
            "mixed": pd.Series([1, 1.0, True, "x"], dtype=object),
            "value": [1.0, float("nan"), -0.0, 2.5],
        }
    )
    for options in ({}, {"codes": True}, {"value_labels": {"source_id": {"a": "Agency A"}}}):
        pd.testing.assert_frame_equal(tables.display_frame(frame, **options), _old_display_frame(frame, **options))
    for name in ("sources", "events", "trade", "debt"):
        curated = loader.load(name)
        for codes in (False, True):
            new, old = tables.display_frame(curated, codes=codes), _old_display_frame(curated, codes=codes)
            pd.testing.assert_frame_equal(new, old)


# ---- The footer's sources from id counts, due dates worked out once -----------------------------------


def test_the_sources_of_a_view_from_id_counts_are_the_ones_from_the_ids():
    from collections import Counter

    from components.analysis import citation
    from components.ui import footer

    sources, trade_rows, events = loader.load("sources"), loader.load("trade"), loader.load("events")
    for ids in (
        [*trade_rows["source_id"], *events["source_id"]],
        [*events["source_id"][::-1], None, *trade_rows["source_id"][::3]],
        [],
    ):
        counted = tuple(Counter(i for i in ids if isinstance(i, str)).items())
        assert footer.sources_of_view(sources, counted) == (
            citation.cited_sources(ids, sources),
            citation.primary_agencies(ids, sources),
        )


def test_due_dates_are_what_they_were():
    import datetime as dt

    from components.analysis import debt_schedule

    def old(first_payment, count, interval_months):
        start = pd.Timestamp(first_payment)
        return [(start + pd.DateOffset(months=interval_months * number)).date() for number in range(count)]

    for first in [dt.date(2019, 1, 28) + dt.timedelta(days=day) for day in range(0, 800, 3)] + [dt.date(2020, 2, 29)]:
        for interval in (1, 6, 12):
            assert debt_schedule.due_dates(first, 40, interval) == old(first, 40, interval)
    assert debt_schedule.due_dates(pd.Timestamp("2020-01-31"), 3, 1) == old(pd.Timestamp("2020-01-31"), 3, 1)


def test_the_data_files_are_the_ones_pathlib_glob_finds(tmp_path):
    from components.data import data_version, paths

    def old(folder):
        return sorted({path for pattern in data_version.DATA_FILE_PATTERNS for path in Path(folder).glob(pattern)})

    for name in ("a.csv", ".hidden.csv", "B.CSV", "b.csv.bak", "x.geojson", "notes.md", "c.csv~", "d e.csv"):
        (tmp_path / name).write_text("x")
    (tmp_path / "folder.csv").mkdir()
    (tmp_path / "link.csv").symlink_to(tmp_path / "a.csv")
    (tmp_path / "broken.csv").symlink_to(tmp_path / "nowhere.csv")
    for folder in (paths.data_dir(), tmp_path, tmp_path / "missing", tmp_path / "a.csv"):
        assert data_version.data_files(folder) == old(folder)
