"""What a briefing says, section by section (components/analysis/briefing.py): plain text, cut to fit."""

from datetime import date

import pandas as pd

from components.analysis import briefing, citation
from components.data.data_version import DataVersion
from components.i18n import translate

SOURCES = pd.DataFrame(
    {
        "source_id": [f"s{number}" for number in range(20)],
        "title": ["Trade <b>x</b> **x**", *[f"Report {number}" for number in range(1, 20)]],
        "publisher": ['=HYPERLINK("http://127.0.0.1/x")', *["KOTRA"] * 19],
        "published": pd.to_datetime(["2014-02-01", *[None] * 19]),
        "url": ["https://tass.example/a", *[None] * 19],
        "agency": ["Russian customs", *["KOTRA"] * 19],
    }
)
VERSION = DataVersion("3f9a1c2b7d", date(2025, 11, 19))


def make_citation(source_ids=("s0",)):
    return citation.view_citation(
        "Trade",
        "turnover 2000–2024",
        "https://nea.example/trade?growth=20.0",
        date(2026, 12, 4),
        VERSION,
        list(source_ids),
        SOURCES,
    )


def kinds(sections):
    return [section.kind for section in sections]


def all_text(sections):
    return "\n".join(line for section in sections for line in (section.heading, *section.lines))


def test_the_sections_run_title_answer_chart_figures_citation_sources_version():
    content = briefing.BriefContent("Trade reached 5% of the target.", object(), [("Required rate", "45.2%")])
    sections = briefing.sections(make_citation(), content, chart_drawable=True)
    assert kinds(sections) == ["title", "small", "answer", "chart", "figures", "text", "list", "small"]
    assert sections[0].heading == "Trade" and sections[0].lines == ("turnover 2000–2024",)
    assert sections[2].lines == ("Trade reached 5% of the target.",)
    assert sections[4].lines == ("Required rate: 45.2%",)
    cite = sections[5]
    assert cite.heading == "Cite this view"
    assert "https://nea.example/trade?growth=20.0" in cite.lines[0]
    assert "Data version 3f9a1c2b7d (facts to 2025-11-19)" in cite.lines[0]
    assert sections[-1].lines[0].startswith("Data version: 3f9a1c2b7d (facts to 2025-11-19). Accessed: 2026-12-04.")


def test_a_chart_that_cannot_be_drawn_leaves_its_note_and_no_chart_section():
    content = briefing.BriefContent("A", object(), chart_note="The chart is not in this briefing: no Chromium.")
    sections = briefing.sections(make_citation(), content, chart_drawable=False)
    assert "chart" not in kinds(sections)
    assert "The chart is not in this briefing: no Chromium." in all_text(sections)


def test_a_page_without_a_chart_has_no_chart_line():
    sections = briefing.sections(make_citation(), briefing.BriefContent("A"), chart_drawable=True)
    assert "chart" not in kinds(sections) and "could not be drawn" not in all_text(sections)


def test_source_text_stays_as_typed_with_its_address():
    lines = briefing.source_lines(make_citation().sources)
    assert lines == (
        '1. Trade <b>x</b> **x** — =HYPERLINK("http://127.0.0.1/x"), 2014-02-01; statistic of Russian customs '
        "(s0). https://tass.example/a",
    )


def test_long_source_lists_are_cut_and_counted():
    lines = briefing.source_lines(make_citation([f"s{number}" for number in range(20)]).sources)
    assert len(lines) == briefing.SOURCE_LIMIT + 1
    assert lines[-1] == "8 more sources are listed under the view (open the link above)."


def test_a_table_keeps_its_first_rows_and_columns_and_counts_the_rest():
    frame = pd.DataFrame({f"c{number}": range(30) for number in range(9)})
    table, note = briefing.table_section(briefing.ExtraTable("Scenarios", frame))
    assert table.heading == "Scenarios"
    assert table.rows[0] == tuple(f"C{number}" for number in range(7))  # headers spelled out, as on screen
    assert len(table.rows) == 1 + briefing.TABLE_ROW_LIMIT
    assert note.lines == ("Not shown here: 18 more rows, 2 more columns; the CSV export has them.",)


def test_cells_are_plain_text_years_ungrouped_and_missing_as_the_dash():
    frame = pd.DataFrame(
        {"name": ["<b>Fast</b>", "**Slow**"], "rate_pct": [14.5, 40.0], "crossing_year": [2031, None], "n": [1234, 5]}
    )
    (table,) = briefing.table_section(briefing.ExtraTable("Scenarios", frame))
    assert table.rows[1:] == (("<b>Fast</b>", "14.50", "2031", "1,234"), ("**Slow**", "40", "–", "5"))


def test_long_cells_are_cut_with_an_ellipsis():
    text = briefing.cell_text("L" + "o" * 3000 + "ng")
    assert len(text) == briefing.CELL_CHARACTER_LIMIT and text.endswith("…")


def test_the_file_name_is_ascii_and_names_the_page():
    assert briefing.file_name("trade") == "nea-briefing-trade.pdf"
    assert briefing.file_name("../Карта") == "nea-briefing-view.pdf"


def test_a_table_reads_as_on_screen_in_the_readers_language_and_the_data_page_keeps_the_file():
    # The Debt schedule's and the Map table's ids once headed the Korean briefing's tables.
    frame = pd.DataFrame({"instalment": [1], "due_date": ["2014-10-18"], "feature": ["route"], "announcement": ["x"]})
    with translate.using("ko"):
        (worded,) = briefing.table_section(briefing.ExtraTable("t", frame, {"announcement": "발표 내용"}))
        expected = (translate._("Instalment"), translate._("Due date"), translate._("Feature"), "발표 내용")
        route = translate._("Route")
        (stored,) = briefing.table_section(briefing.ExtraTable("t", frame, as_stored=True))
    assert worded.rows[0] == expected and "instalment" not in expected and "Due date" not in expected
    assert worded.rows[1][2] == route != "route"
    assert stored.rows == (("instalment", "due_date", "feature", "announcement"), ("1", "2014-10-18", "route", "x"))
