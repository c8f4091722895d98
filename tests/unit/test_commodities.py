"""What is traded: top chapters with the rest grouped, names from the HS list, and the TOTAL check."""

import pandas as pd
import pytest

from components import commodities


def chapter_rows(values: dict[tuple[int, str], float], flow: str = "export") -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"year": year, "reporter": "RUS", "partner": "PRK", "flow": flow, "chapter": chapter, "value_usd_m": value}
            for (year, chapter), value in values.items()
        ]
    )


def test_chapters_read_by_name():
    assert commodities.chapter_label("27").startswith("27 Mineral fuels (incl. coal and diesel)")
    assert commodities.chapter_label("72") == "72 Iron and steel"
    assert commodities.chapter_label("73") == "73 Articles of iron or steel"
    assert "not in the HS list" in commodities.chapter_label("77")


def test_top_chapters_keep_the_largest_overall_and_group_the_rest_per_year():
    rows = chapter_rows({(2019, "27"): 6, (2019, "72"): 2, (2019, "10"): 1, (2020, "27"): 4, (2020, "10"): 3})
    table = commodities.top_chapters(rows, "RUS", "PRK", "export", top=1)
    assert table[["year", "chapter", "value_usd_m"]].values.tolist() == [
        [2019, "27", 6],
        [2019, "other", 3],
        [2020, "27", 4],
        [2020, "other", 3],
    ]
    assert table.loc[table["chapter"] == "other", "name"].eq(commodities.OTHER).all()
    assert table.groupby("year")["share_pct"].sum().tolist() == pytest.approx([100, 100])


def test_top_chapters_of_a_flow_the_file_lacks_is_empty():
    assert commodities.top_chapters(chapter_rows({(2019, "27"): 1}), "RUS", "PRK", "import").empty


def test_totals_check_flags_mismatch_and_missing_total():
    rows = chapter_rows({(2019, "27"): 6, (2019, "72"): 2, (2020, "27"): 5, (2021, "27"): 1})
    trade = pd.DataFrame(
        {"year": [2019, 2020], "reporter": "RUS", "partner": "PRK", "flow": "export", "value_usd_m": [8.0, 9.0]}
    )
    check = commodities.totals_check(rows, trade).set_index("year")["check"]
    assert check.to_dict() == {2019: "agrees", 2020: "MISMATCH", 2021: "no TOTAL row"}
    assert commodities.mismatches(commodities.totals_check(rows, trade))["year"].tolist() == [2020]


def test_flow_choices_put_russian_exports_first():
    rows = pd.concat([chapter_rows({(2019, "27"): 1}, "import"), chapter_rows({(2019, "27"): 1}, "export")])
    assert commodities.flow_choices(rows)[0] == ("RUS", "PRK", "export")


def test_figure_stacks_one_trace_per_chapter_and_escapes_names():
    table = pd.DataFrame(
        {
            "year": [2019, 2019],
            "chapter": ["27", "other"],
            "name": ["<b>27</b>", commodities.OTHER],
            "value_usd_m": [1.0, 2.0],
            "share_pct": [33.0, 67.0],
        }
    )
    fig = commodities.figure(table, title="t", source_note="s")
    assert fig.layout.barmode == "stack"
    assert [trace.name for trace in fig.data] == ["&lt;b&gt;27&lt;/b&gt;", commodities.OTHER]
    assert fig.data[1].marker.color == commodities.OTHER_COLOUR
