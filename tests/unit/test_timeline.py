"""Unit tests for components/timeline.py: date wording, the filters and the timeline chart specification."""

import json

import pandas as pd
import pytest

from components import timeline
from components.schema import EVENT_CATEGORIES


def make_events(rows: list[dict]) -> pd.DataFrame:
    """Events shaped like ``data.load("events")``: dates as datetimes, ``preferred`` as bool."""
    defaults = {
        "end": None,
        "date_precision": "day",
        "category": "visit",
        "actors": "RUS;PRK",
        "location": "Pyongyang",
        "description": "What the source says",
        "source_id": "src_a",
        "preferred": True,
    }
    frame = pd.DataFrame([{**defaults, **row} for row in rows])
    frame["start"] = pd.to_datetime(frame["start"])
    frame["end"] = pd.to_datetime(frame["end"])
    frame["preferred"] = frame["preferred"].astype(bool)
    return frame


@pytest.fixture
def sample_events() -> pd.DataFrame:
    return make_events(
        [
            {
                "event_id": "crimea_sanctions",
                "start": "2014-03-01",
                "date_precision": "month",
                "title": "Sanctions <after> Crimea",
                "category": "sanctions",
                "actors": "USA;RUS",
            },
            {
                "event_id": "duma_writeoff",
                "start": "2014-04-18",
                "title": "Duma ratifies write-off",
                "category": "legislation",
                "actors": "RUS",
            },
            {
                "event_id": "duma_writeoff",
                "start": "2014-04-19",
                "title": "Duma ratifies write-off",
                "category": "legislation",
                "actors": "RUS",
                "source_id": "article",
                "preferred": False,
            },
            {
                "event_id": "commission",
                "start": "2014-06-03",
                "end": "2014-06-06",
                "title": "Commission session",
                "category": "commission",
            },
            {
                "event_id": "xi_seoul",
                "start": "2014-07-03",
                "end": "2014-07-04",
                "title": "Xi visits Seoul",
                "category": "visit",
                "actors": "CHN;KOR",
                "location": "Seoul",
            },
            {
                "event_id": "fuel_halt",
                "start": "2014-01-01",
                "date_precision": "year",
                "title": "China fuel halt",
                "category": "shock",
                "actors": "CHN;PRK",
            },
        ]
    )


@pytest.mark.parametrize(
    ("start", "precision", "end", "expected"),
    [
        ("2014-03-18", "day", None, "18 Mar 2014"),
        ("2014-03-01", "month", None, "Mar 2014"),
        ("2014-01-01", "year", None, "2014"),
        ("2014-06-03", "day", "2014-06-06", "3 Jun 2014 – 6 Jun 2014"),
        ("2014-03-01", "month", "2014-03-31", "Mar 2014"),
    ],
)
def test_format_event_date_shows_only_the_known_precision(start, precision, end, expected):
    end_date = pd.Timestamp(end) if end else None
    assert timeline.format_event_date(pd.Timestamp(start), precision, end_date) == expected


# ---- Filters ----------------------------------------------------------------------------------


def test_actor_codes_split_the_lists(sample_events):
    assert timeline.actor_codes(sample_events) == ["CHN", "KOR", "PRK", "RUS", "USA"]


def test_category_order_follows_the_schema(sample_events):
    assert timeline.category_order(sample_events) == ["visit", "legislation", "commission", "sanctions", "shock"]


def test_period_end_widens_month_and_year_precision(sample_events):
    keys = sample_events["event_id"] + sample_events["source_id"]
    ends = dict(zip(keys, timeline.period_end(sample_events), strict=True))
    assert ends["crimea_sanctionssrc_a"] == pd.Timestamp("2014-03-31")
    assert ends["fuel_haltsrc_a"] == pd.Timestamp("2014-12-31")
    assert ends["commissionsrc_a"] == pd.Timestamp("2014-06-06")
    assert ends["duma_writeoffsrc_a"] == pd.Timestamp("2014-04-18")


def test_filter_by_actor_keeps_events_with_any_of_the_codes(sample_events):
    kept = timeline.filter_events(sample_events, actors=["KOR", "USA"])
    assert sorted(kept["event_id"]) == ["crimea_sanctions", "xi_seoul"]


def test_filter_by_category(sample_events):
    kept = timeline.filter_events(sample_events, categories=["legislation"])
    assert list(kept["event_id"]) == ["duma_writeoff", "duma_writeoff"]


def test_empty_selections_do_not_filter(sample_events):
    assert len(timeline.filter_events(sample_events, actors=[], categories=[])) == len(sample_events)
    assert len(timeline.filter_events(sample_events)) == len(sample_events)


def test_filter_by_years_uses_the_covered_period(sample_events):
    frame = pd.concat(
        [sample_events, make_events([{"event_id": "old", "start": "2011-08-24", "title": "Ulan-Ude"}])],
        ignore_index=True,
    )
    assert list(timeline.filter_events(frame, years=(2011, 2012))["event_id"]) == ["old"]
    assert "old" not in set(timeline.filter_events(frame, years=(2014, 2014))["event_id"])
    assert len(timeline.filter_events(frame, years=(2012, 2011))) == 1  # reversed range is still a range


def test_filters_combine(sample_events):
    kept = timeline.filter_events(
        sample_events, actors=["RUS"], categories=["visit", "legislation"], years=(2014, 2014)
    )
    assert list(kept["event_id"]) == ["duma_writeoff", "duma_writeoff"]


def test_year_bounds_include_imprecise_periods(sample_events):
    assert timeline.year_bounds(sample_events) == (2014, 2014)


# ---- Labels, table, choices --------------------------------------------------------------------


def test_label_datings_marks_article_and_other_sources():
    events = make_events(
        [
            {"event_id": "a", "start": "2014-03-24", "title": "A"},
            {"event_id": "a", "start": "2014-03-01", "title": "A", "source_id": "article", "preferred": False},
            {"event_id": "a", "start": "2014-03-02", "title": "A", "source_id": "tass", "preferred": False},
        ]
    )
    sources = pd.DataFrame({"source_id": ["src_a", "article", "tass"], "agency": ["KCNA", "the article", "TASS"]})
    assert list(timeline.label_datings(events, sources)["dating"]) == [
        "preferred",
        "article's dating",
        "alternative dating (tass)",
    ]


def test_label_datings_says_when_another_source_only_confirms_the_date():
    events = make_events(
        [
            {"event_id": "a", "start": "2014-03-24", "end": "2014-03-28", "title": "A"},
            {
                "event_id": "a",
                "start": "2014-03-24",
                "end": "2014-03-28",
                "title": "A",
                "source_id": "article",
                "preferred": False,
            },
            {"event_id": "a", "start": "2014-03-24", "title": "A", "source_id": "tass", "preferred": False},
            {"event_id": "b", "start": "2014-06-01", "date_precision": "month", "title": "B"},
            {
                "event_id": "b",
                "start": "2014-06-01",
                "date_precision": "month",
                "title": "B",
                "source_id": "tass",
                "preferred": False,
            },
        ]
    )
    sources = pd.DataFrame({"source_id": ["src_a", "article", "tass"], "agency": ["KCNA", "the article", "TASS"]})
    assert list(timeline.label_datings(events, sources)["dating"]) == [
        "preferred",
        "article's dating (same)",
        "alternative dating (tass)",
        "preferred",
        "same dating (tass)",
    ]


def test_events_table_keeps_every_source_row_with_iso_dates(sample_events):
    table = timeline.events_table(sample_events)
    assert list(table.columns) == timeline.TABLE_COLUMNS
    assert len(table) == len(sample_events)
    assert list(table["start"])[:2] == ["2014-01-01", "2014-03-01"]
    duma = table[table["event_id"] == "duma_writeoff"]
    assert list(duma["dating"]) == ["preferred", "alternative dating (article)"]
    assert table.loc[table["event_id"] == "commission", "end"].iloc[0] == "2014-06-06"


def test_event_choices_are_preferred_rows_in_date_order(sample_events):
    choices = timeline.event_choices(sample_events)
    assert list(choices) == ["fuel_halt", "crimea_sanctions", "duma_writeoff", "commission", "xi_seoul"]
    assert choices["duma_writeoff"] == "Duma ratifies write-off (18 Apr 2014)"
    assert choices["fuel_halt"] == "China fuel halt (2014)"


def test_event_rows_put_the_preferred_dating_first(sample_events):
    rows = timeline.event_rows(sample_events, "duma_writeoff")
    assert list(rows["preferred"]) == [True, False]
    assert timeline.event_rows(sample_events, "missing").empty


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ({"selection": {"picked": [{"event_id": "xi_seoul"}]}}, "xi_seoul"),
        ({"selection": {"picked": [{"event_id": "duma"}, {"event_id": "xi_seoul"}]}}, "xi_seoul"),
        ({"selection": {"picked": [{"event_id": None}]}}, None),
        ({"selection": {"picked": [{}]}}, None),
        ({"selection": {"picked": {}}}, None),
        ({"selection": {"picked": []}}, None),
        ({"selection": {"other": [{"event_id": "xi_seoul"}]}}, None),
        (None, None),
        ({}, None),
    ],
)
def test_selected_event_id_reads_the_chart_selection(state, expected):
    assert timeline.selected_event_id(state) == expected


# ---- The chart --------------------------------------------------------------------------------


def chart_rows(events: pd.DataFrame, chosen: str | None = None) -> pd.DataFrame:
    return timeline.timeline_chart_spec(events, chosen)["datasets"][timeline.CHART_DATASET]


def row_of(rows: pd.DataFrame, event_id: str, source_id: str = "src_a") -> pd.Series:
    matches = rows[(rows["event_id"] == event_id) & (rows["source_id"] == source_id)]
    assert len(matches) == 1
    return matches.iloc[0]


def spec_without_data(spec: dict) -> str:
    """The specification as the browser gets it, minus the rows: what must not change with the filters."""
    return json.dumps({key: value for key, value in spec.items() if key != "datasets"}, sort_keys=True)


def layers_drawing(spec: dict, kind: str) -> list[dict]:
    """The layers whose filter keeps rows drawn as ``kind``."""
    kept = []
    for layer in spec["layer"]:
        filters = [step["filter"] for step in layer.get("transform", []) if isinstance(step.get("filter"), dict)]
        if any(kind in condition.get("oneOf", []) for condition in filters):
            kept.append(layer)
    return kept


def test_chart_has_one_row_per_source_dating_with_how_it_is_drawn(sample_events):
    rows = chart_rows(sample_events)
    assert list(rows.columns) == timeline.CHART_COLUMNS
    assert len(rows) == len(sample_events)
    drawn = {(row.event_id, row.source_id): row.drawing for row in rows.itertuples()}
    assert drawn == {
        ("fuel_halt", "src_a"): "imprecise",
        ("crimea_sanctions", "src_a"): "imprecise",
        ("duma_writeoff", "src_a"): "day",
        ("duma_writeoff", "article"): "alternative",
        ("commission", "src_a"): "range",
        ("xi_seoul", "src_a"): "range",
    }
    assert list(rows["start"]) == sorted(rows["start"])


def test_range_bars_run_to_the_end_of_their_last_day(sample_events):
    commission = row_of(chart_rows(sample_events), "commission")
    assert (commission["start"], commission["end"]) == ("2014-06-03", "2014-06-07")


def test_month_and_year_precision_bars_cover_the_whole_period_and_are_labelled(sample_events):
    rows = chart_rows(sample_events)
    crimea, fuel = row_of(rows, "crimea_sanctions"), row_of(rows, "fuel_halt")
    assert (crimea["start"], crimea["end"], crimea["label"]) == ("2014-03-01", "2014-04-01", "(month)")
    assert (fuel["start"], fuel["end"], fuel["label"]) == ("2014-01-01", "2015-01-01", "(year)")
    assert crimea["when"] == "Mar 2014 (month precision)"


def test_imprecise_bars_are_light_with_a_dashed_outline(sample_events):
    spec = timeline.timeline_chart_spec(sample_events)
    (bars,) = [layer for layer in layers_drawing(spec, "imprecise") if layer["mark"]["type"] == "bar"]
    fill, dash = bars["encoding"]["fillOpacity"], bars["encoding"]["strokeDash"]
    assert fill["condition"] == {"test": "datum.drawing == 'imprecise'", "value": timeline.IMPRECISE_FILL_OPACITY}
    assert fill["value"] > timeline.IMPRECISE_FILL_OPACITY
    assert dash["condition"]["value"] == timeline.IMPRECISE_DASH
    labels = [layer for layer in layers_drawing(spec, "imprecise") if layer["mark"]["type"] == "text"]
    assert labels[0]["encoding"]["x"]["field"] == "end"  # "(month)" sits after the bar


def test_single_days_are_filled_diamonds(sample_events):
    spec = timeline.timeline_chart_spec(sample_events)
    (days,) = layers_drawing(spec, "day")
    assert days["mark"]["type"] == "point"
    assert (days["mark"]["shape"], days["mark"]["filled"]) == ("diamond", True)
    duma = row_of(chart_rows(sample_events), "duma_writeoff")
    assert (duma["start"], duma["when"]) == ("2014-04-18", "18 Apr 2014")


def test_other_sources_datings_are_hollow_dotted_and_labelled_where_they_differ(sample_events):
    spec = timeline.timeline_chart_spec(sample_events)
    marks = {layer["mark"]["type"]: layer for layer in layers_drawing(spec, "alternative")}
    assert marks["point"]["mark"]["filled"] is False
    assert marks["rule"]["mark"]["strokeDash"] == timeline.ALTERNATIVE_DASH
    assert marks["text"]["encoding"]["text"]["field"] == "label"
    article = row_of(chart_rows(sample_events), "duma_writeoff", "article")
    assert (article["start"], article["end"]) == ("2014-04-19", "2014-04-19")
    assert article["label"] == "alternative dating (article)"
    assert article["dating"] == "alternative dating (article)"


def test_only_datings_that_differ_are_labelled_and_crowded_labels_alternate_sides():
    events = make_events(
        [
            {"event_id": "a", "start": "2014-03-24", "title": "A"},
            {"event_id": "a", "start": "2014-03-24", "title": "A", "source_id": "article", "preferred": False},
            {"event_id": "a", "start": "2014-05-22", "title": "A", "source_id": "tass", "preferred": False},
            {"event_id": "b", "start": "2014-06-01", "date_precision": "month", "title": "B"},
            {"event_id": "b", "start": "2014-07-01", "title": "B", "source_id": "tass", "preferred": False},
        ]
    )
    sources = pd.DataFrame({"source_id": ["src_a", "article", "tass"], "agency": ["KCNA", "the article", "TASS"]})
    rows = chart_rows(timeline.label_datings(events, sources))
    labelled = rows[rows["drawing"] == "alternative"]
    assert list(labelled["label"]) == ["", "alternative dating (tass)", "alternative dating (tass)"]
    assert list(labelled["label_below"]) == [False, False, True]


def test_alternative_month_dating_spans_its_month():
    events = make_events(
        [
            {"event_id": "a", "start": "2014-03-24", "end": "2014-03-28", "title": "A"},
            {"event_id": "a", "start": "2014-03-01", "date_precision": "month", "title": "A", "preferred": False},
        ]
    )
    alternative = chart_rows(events).iloc[0]
    assert (alternative["drawing"], alternative["start"], alternative["end"]) == (
        "alternative",
        "2014-03-01",
        "2014-03-31",
    )


def test_chart_colours_follow_category_and_rows_follow_the_schema(sample_events):
    spec = timeline.timeline_chart_spec(sample_events)
    colour = spec["encoding"]["color"]  # shared by every layer that does not set its own
    assert colour["field"] == "category"
    assert dict(zip(colour["scale"]["domain"], colour["scale"]["range"], strict=True)) == timeline.CATEGORY_COLOURS
    assert spec["encoding"]["y"]["field"] == "category"
    assert spec["encoding"]["y"]["sort"] == list(EVENT_CATEGORIES)
    (bars,) = [layer for layer in layers_drawing(spec, "range") if layer["mark"]["type"] == "bar"]
    assert bars["encoding"]["stroke"]["scale"] == colour["scale"]  # the outline in the category's colour
    assert "color" not in bars["encoding"]


def test_hover_shows_title_date_category_actors_dating_and_source_as_plain_text(sample_events):
    spec = timeline.timeline_chart_spec(sample_events)
    assert [field["field"] for field in spec["encoding"]["tooltip"]] == [
        "title",
        "when",
        "category",
        "actors",
        "dating",
        "source_id",
    ]
    crimea = row_of(chart_rows(sample_events), "crimea_sanctions")
    # Vega's tooltip escapes text itself and labels are SVG text: an entity here would show as "&lt;".
    assert crimea["title"] == "Sanctions <after> Crimea"
    assert crimea["actors"] == "USA, RUS"


def test_a_click_on_any_mark_picks_its_event_id(sample_events):
    spec = timeline.timeline_chart_spec(sample_events)
    params = [param for layer in spec["layer"] for param in layer.get("params", [])]
    pick = {"type": "point", "fields": ["event_id", "choice_round"], "toggle": False}
    assert params == [{"name": timeline.SELECTION_PARAM, "select": pick}]
    assert set(
        timeline.timeline_chart_spec(sample_events, None, 3)["datasets"][timeline.CHART_DATASET]["choice_round"]
    ) == {3}
    assert spec["data"] == {"name": timeline.CHART_DATASET}  # every layer draws these rows but the legend key
    assert [layer["data"] for layer in spec["layer"] if "data" in layer] == [spec["layer"][-1]["data"]]
    assert "event_id" in chart_rows(sample_events).columns


def test_the_chosen_event_is_flagged_for_its_outline(sample_events):
    rows = chart_rows(sample_events, "duma_writeoff")
    assert set(rows.loc[rows["chosen"], "event_id"]) == {"duma_writeoff"}
    assert rows["chosen"].sum() == 2
    assert not chart_rows(sample_events)["chosen"].any()


def test_legend_explains_each_drawing_style(sample_events):
    spec = timeline.timeline_chart_spec(sample_events)
    (legend,) = [layer for layer in spec["layer"] if "shape" in layer["encoding"]]
    labels = [row["drawn_as"] for row in legend["data"]["values"]]
    assert len(labels) == 4
    assert legend["encoding"]["shape"]["sort"] is None  # the legend keeps this order
    imprecise = labels.index(timeline.DRAWINGS["imprecise"][0])
    assert "light, dashed outline" in labels[imprecise]
    assert legend["encoding"]["strokeDash"]["scale"]["range"][imprecise] == timeline.IMPRECISE_DASH
    assert "hollow" in labels[3] and "dotted" in labels[3]
    assert legend["encoding"]["fill"]["scale"]["range"][3] == "#ffffff"
    assert legend["mark"]["opacity"] == 0  # the key layer draws no marks, only the legend


def test_spec_is_the_same_whatever_the_filters_and_choice(sample_events):
    everything = timeline.timeline_chart_spec(sample_events)
    reference = spec_without_data(everything)
    narrowed = timeline.filter_events(sample_events, categories=["visit"], years=(2014, 2014))
    assert spec_without_data(timeline.timeline_chart_spec(narrowed)) == reference
    assert spec_without_data(timeline.timeline_chart_spec(sample_events, "xi_seoul")) == reference
    assert "2014" not in reference  # no date written into the spec: scales take their domain from the rows


def test_chart_of_no_events_has_empty_rows_but_a_valid_spec(sample_events):
    spec = timeline.timeline_chart_spec(sample_events.iloc[0:0])
    rows = spec["datasets"][timeline.CHART_DATASET]
    assert rows.empty
    assert list(rows.columns) == timeline.CHART_COLUMNS
    assert spec_without_data(spec) == spec_without_data(timeline.timeline_chart_spec(sample_events))


def test_chart_title_says_what_is_shown_and_how_it_was_filtered(sample_events):
    shown = timeline.filter_events(sample_events, ["RUS"], ["legislation"], (2014, 2014))
    assert timeline.chart_title(shown, ["RUS"], ["legislation"], (2014, 2014)) == (
        "Timeline of 1 event, 2014–2014, involving RUS; categories: legislation"
    )
    assert timeline.chart_title(sample_events, [], [], (2015, 2011)) == "Timeline of 5 events, 2011–2015"
