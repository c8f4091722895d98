"""The Scorecard's logic: counts by outcome, deadlines (overdue computed, never stored), the answer in
words, filters and the links to the page that shows each item."""

import datetime as dt

import pandas as pd
import pytest

from components.analysis import scorecard, scorecard_table
from components.charts import chart_style, scorecard_chart

TODAY = dt.date(2026, 12, 4)


def outcome_row(announcement_id, outcome, *, preferred=True, category="trade", **extra):
    row = {
        "announcement_id": announcement_id,
        "category": category,
        "title": f"{announcement_id} title",
        "announced_by": "someone",
        "announced": pd.Timestamp("2014-06-01"),
        "announced_precision": "month",
        "deadline": pd.NaT,
        "deadline_precision": None,
        "deadline_stated": None,
        "outcome": outcome,
        "as_of": pd.Timestamp("2015-01-01"),
        "as_of_precision": "day",
        "evidence": "quoted",
        "source_id": f"src-{announcement_id}-{outcome}",
        "target_id": None,
        "agreement_id": None,
        "project_id": None,
        "event_id": None,
        "preferred": preferred,
        "note": None,
    }
    row.update(extra)
    return row


@pytest.fixture
def outcomes() -> pd.DataFrame:
    return pd.DataFrame(
        [
            outcome_row("a", "delivered"),
            outcome_row("b", "stalled", category="mining"),
            outcome_row("b", "under_way", preferred=False, category="mining"),
            outcome_row("c", "no_public_record", category="mining"),
            outcome_row(
                "d",
                "abandoned",
                deadline=pd.Timestamp("2020-01-01"),
                deadline_precision="year",
                deadline_stated="by 2020",
            ),
        ]
    )


def test_counts_use_the_default_reading_and_list_every_outcome(outcomes):
    counts = scorecard.outcome_counts(outcomes)
    assert list(counts.index)[0] == "delivered" and len(counts) == 7
    assert counts["stalled"] == 1 and counts["under_way"] == 0  # b's other reading is not counted
    assert counts.sum() == 4


@pytest.mark.parametrize(
    ("deadline", "precision", "outcome", "as_of", "expected"),
    [
        ("2020-01-01", "year", "abandoned", "2021-02-19", scorecard.OVERDUE),
        ("2020-01-01", "year", "stalled", "2019-01-01", scorecard.OVERDUE),
        ("2014-06-01", "month", "delivered", "2014-10-20", scorecard.DELIVERED_LATE),
        ("2014-06-01", "month", "delivered", "2014-06-30", scorecard.DELIVERED_ON_TIME),
        ("2014-10-01", "day", "stalled", "2015-02-27", scorecard.OVERDUE),
        ("2030-01-01", "year", "under_way", "2025-01-01", scorecard.NOT_YET_DUE),
    ],
)
def test_deadline_status(deadline, precision, outcome, as_of, expected):
    assert scorecard.deadline_status(pd.Timestamp(deadline), precision, outcome, pd.Timestamp(as_of), TODAY) == expected


def test_a_deadline_passes_only_after_the_last_day_of_its_period():
    deadline = pd.Timestamp("2026-12-01")
    assert scorecard.deadline_status(deadline, "month", "stalled", deadline, TODAY) == scorecard.NOT_YET_DUE
    assert scorecard.deadline_status(deadline, "day", "stalled", deadline, TODAY) == scorecard.OVERDUE
    assert scorecard.period_end("2020-01-01", "year") == pd.Timestamp("2020-12-31")
    assert scorecard.period_end("2014-02-01", "month") == pd.Timestamp("2014-02-28")


def test_no_deadline_no_status(outcomes):
    statuses = scorecard.with_deadline_status(outcomes, TODAY)["deadline_status"]
    assert statuses.tolist() == [None, None, None, None, scorecard.OVERDUE]


def test_answer_names_every_count_and_the_overdue_deadlines(outcomes):
    words = scorecard.answer(outcomes, TODAY)
    assert words.startswith("Of 4 announcements made in 2014, 1 were delivered, 0 partly, 0 under way, 1 stalled")
    assert "1 abandoned" in words and "1 left no public record" in words
    assert words.endswith("1 stated deadline passed without delivery.")
    filtered = scorecard.answer(outcomes[outcomes["category"] == "mining"], TODAY, filtered=True)
    assert filtered.startswith("Of the 2 announcements shown,") and "0 stated deadlines" in filtered
    assert scorecard.answer(outcomes.iloc[0:0], TODAY) == "No announcement matches these filters."


def test_filters_keep_a_disputed_announcement_whole(outcomes):
    shown = scorecard.filter_outcomes(outcomes, ["mining"], ["stalled"])
    assert shown["announcement_id"].tolist() == ["b", "b"]
    assert len(scorecard.filter_outcomes(outcomes, [], [])) == len(outcomes)
    assert scorecard.filter_outcomes(outcomes, [], ["under_way"]).empty  # only b's non-default reading


def test_view_words_and_file_stem():
    assert scorecard.view_words([], []) == "announcements of 2014 and what came of them"
    words = scorecard.view_words(["mining", "trade"], ["no_public_record"])
    assert words.endswith("category: Trade, Mining, outcome: No public record since")
    assert scorecard.file_stem(["mining"], ["no_public_record"]) == "nea-scorecard-mining-no-public-record"


TARGETS = pd.DataFrame(
    [
        {"target_id": "t", "target_usd_m": 500.0, "target_year": 2030, "preferred": False},
        {"target_id": "t", "target_usd_m": 1000.0, "target_year": 2020, "preferred": True},
    ]
)
PROJECTS = pd.DataFrame(
    [
        {"project_id": "p", "status": "under_construction", "category": "rail", "preferred": True},
        {"project_id": "q", "status": "proposed", "category": "mining", "preferred": True},
    ]
)


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        ({"target_id": "t", "project_id": "p"}, "trade?target=1000.0&target_year=2020"),
        ({"agreement_id": "debt-1", "event_id": "e"}, "debt"),
        ({"project_id": "p", "event_id": "e"}, "map?project=p"),
        ({"event_id": "igc-6th"}, "timeline?event=igc-6th"),
        ({}, None),
    ],
)
def test_each_item_links_to_the_page_that_shows_it(ids, expected):
    row = pd.Series(outcome_row("x", "stalled", **ids))
    assert scorecard_table.item_link(row, TARGETS, PROJECTS) == expected


def test_a_project_the_map_cannot_draw_links_to_its_event_or_else_still_to_the_map():
    located = {"p"}
    linked = {
        ids["project_id"]: scorecard_table.item_link(
            pd.Series(outcome_row("x", "stalled", **ids)), TARGETS, PROJECTS, located
        )
        for ids in ({"project_id": "p", "event_id": "e"}, {"project_id": "q", "event_id": "f"})
    }
    assert linked == {"p": "map?project=p", "q": "timeline?event=f"}
    no_event = pd.Series(outcome_row("x", "stalled", project_id="q"))
    assert scorecard_table.item_link(no_event, TARGETS, PROJECTS, located) == "map?project=q"
    unknown = pd.Series(outcome_row("x", "stalled", project_id="gone"))
    assert scorecard_table.item_link(unknown, TARGETS, PROJECTS, located) is None


def test_map_differences_count_projects_whose_status_means_another_outcome():
    outcomes = pd.DataFrame(
        [
            outcome_row("a", "under_way", project_id="p"),  # under construction = under way: agrees
            outcome_row("b", "no_public_record", project_id="q"),  # proposed: differs
            outcome_row("c", "stalled"),  # no project
        ]
    )
    assert scorecard_table.map_differences(outcomes, PROJECTS) == (1, 2)


def test_display_table_puts_the_default_reading_first_and_words_the_codes(outcomes):
    table = scorecard_table.display_table(
        outcomes, pd.DataFrame(columns=["source_id", "publisher", "published", "title"]), TARGETS, PROJECTS, TODAY
    )
    b_rows = table[table["announcement"] == "b title"]
    assert b_rows["default"].tolist() == [True, False]
    assert b_rows["outcome"].tolist() == ["Stalled", "Under way"]
    assert table.loc[table["announcement"] == "d title", "deadline_status"].item() == "Overdue"
    assert table.loc[table["announcement"] == "a title", "announced"].item() == "Jun 2014"


def test_outcome_figure_has_one_block_per_announcement_coloured_like_the_map(outcomes):
    figure = scorecard_chart.outcome_figure(outcomes, title="t <b>", source_note="s")
    blocks = {trace.name: len(trace.x) for trace in figure.data}
    assert blocks["Delivered (1)"] == 1 and blocks["Under way (0)"] == 0 and sum(blocks.values()) == 4
    delivered = next(trace for trace in figure.data if trace.name.startswith("Delivered"))
    assert delivered.marker.color == "#{:02X}{:02X}{:02X}".format(*chart_style.STATUS_COLOURS["operational"])
    assert figure.layout.title.text == "t &lt;b&gt;"
    assert "a title" in delivered.customdata[0][0]
