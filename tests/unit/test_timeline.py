"""Unit tests for components/timeline.py: date wording, the filters, the window and the table."""

import pandas as pd
import pytest

from components.analysis import formats, timeline


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
    assert formats.event_date(pd.Timestamp(start), precision, end_date) == expected


# ---- Filters ----------------------------------------------------------------------------------


def test_actor_codes_split_the_lists(sample_events):
    # The vocabulary's order (Russia, the DPRK, the ROK first), the same in every language.
    assert timeline.actor_codes(sample_events) == ["RUS", "PRK", "KOR", "CHN", "USA"]
    odd = sample_events.assign(actors=["XYZ;RUS", "ABC", *sample_events["actors"][2:]])
    assert timeline.actor_codes(odd)[-2:] == ["ABC", "XYZ"]


def test_actor_words_name_the_countries_in_the_readers_language(monkeypatch):
    from components.i18n import translate

    assert timeline.actor_words("RUS;PRK") == "Russia, DPRK"
    assert timeline.actor_words("XYZ") == "XYZ" and timeline.actor_words(None) is None
    fake = {"Russia": "러시아", "DPRK": "북한"}
    monkeypatch.setattr(translate, "_catalog", lambda code: (fake, lambda n: 0))
    with translate.using("ko"):
        assert timeline.actor_words("RUS;PRK") == "러시아, 북한"


def test_country_names_join_codes_from_a_list_or_the_datas_form_one_way():
    from components.data.vocabularies import country_names

    assert country_names(["RUS", "PRK"]) == country_names("RUS;PRK") == "Russia, DPRK"
    assert country_names(["KOR", "XYZ"]) == "ROK, XYZ" and country_names("") == ""


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


def test_default_years_open_on_the_story_and_fall_back_to_the_data():
    assert timeline.default_years(1949, 2024) == (2008, 2024)
    assert timeline.default_years(2011, 2014) == (2011, 2014)
    assert timeline.default_years(1990, 2008) == (1990, 2008)


def test_events_display_shows_titles_and_dates_in_words_not_ids(sample_events):
    sources = pd.DataFrame({"source_id": ["src_a", "article"], "publisher": ["Agency A", "Journal"]})
    table = timeline.events_display(sample_events.assign(location=[None, "Moscow", "", "X", "Seoul", None]), sources)
    assert list(table.columns) == timeline.DISPLAY_COLUMNS
    assert len(table) == len(sample_events)
    assert not table.isin(["crimea_sanctions", "duma_writeoff", "xi_seoul", "fuel_halt"]).any().any()
    assert list(table["Event"][:2]) == ["China fuel halt", "Sanctions <after> Crimea"]
    assert list(table["Date"][:2]) == ["2014 (year)", "Mar 2014 (month)"]
    duma = table[table["Event"] == "Duma ratifies write-off"]
    assert list(duma["Date"]) == ["18 Apr 2014", "19 Apr 2014"]
    assert list(duma["Source"]) == ["Agency A", "Journal"]
    assert table.loc[0, "Location"] == formats.MISSING
    assert "None" not in table.to_string() and not table.isna().any().any()


def test_summary_counts_the_events_and_names_the_busiest_year(sample_events):
    assert timeline.summary(sample_events, (2014, 2014)) == "5 events between 2014 and 2014."
    two_years = pd.concat([sample_events, make_events([{"event_id": "x", "start": "2011-01-05", "title": "X"}])])
    assert timeline.summary(two_years, (2011, 2014)) == (
        "6 events between 2011 and 2014; 2014 is the busiest year, with 5 of them."
    )
    assert timeline.summary(sample_events.iloc[0:0], (2008, 2024)).startswith("No event between 2008 and 2024")


def test_file_stem_names_the_view_in_safe_characters():
    assert timeline.file_stem((2008, 2024)) == "nea-timeline-2008-2024"
    assert timeline.file_stem((2014, 2011), ["RUS", "PRK"], ["visit"]) == "nea-timeline-2011-2014-rus-prk-visit"
    assert timeline.file_stem((2014, 2014), ["<b>x"]) == "nea-timeline-2014-2014-b-x"


def test_chart_title_says_what_is_shown_and_how_it_was_filtered(sample_events):
    shown = timeline.filter_events(sample_events, ["RUS"], ["legislation"], (2014, 2014))
    assert timeline.chart_title(shown, ["RUS"], ["legislation"], (2014, 2014)) == (
        "Timeline of 1 event, 2014–2014, involving Russia; categories: legislation"
    )
    assert timeline.chart_title(sample_events, [], [], (2015, 2011)) == "Timeline of 5 events, 2011–2015"
