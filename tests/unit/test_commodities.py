"""What is traded: top chapters with the rest grouped, names from the HS list, and the TOTAL check."""

import pandas as pd
import pytest

from components.analysis import commodities
from components.charts import commodities_chart
from components.i18n import translate


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
    fig = commodities_chart.chapters_figure(table, title="t", source_note="s")
    assert fig.layout.barmode == "stack"
    assert [trace.name for trace in fig.data] == ["&lt;b&gt;27&lt;/b&gt;", commodities.OTHER]
    assert fig.data[1].marker.color == commodities_chart.OTHER_COLOUR
    # The name from the file and the money sit in customdata, never in the template.
    assert "27" not in fig.data[0].hovertemplate and "%{y" not in fig.data[0].hovertemplate
    assert list(fig.data[0].customdata[0]) == ["33%", "$1.0M", "&lt;b&gt;27&lt;/b&gt;"]
    with translate.using("ja"):
        japanese = commodities_chart.chapters_figure(table, title="t", source_note="s")
    assert japanese.data[1].customdata[0][1] == "200万ドル"


def test_claim_shares_split_fuels_and_base_metals_from_the_rest():
    rows = chapter_rows({(2013, "27"): 60, (2013, "72"): 10, (2013, "76"): 5, (2013, "10"): 25, (2014, "10"): 4})
    shares = commodities.claim_shares(rows).set_index("year")
    assert shares.loc[2013, ["total_usd_m", "fuels_usd_m", "metals_usd_m"]].tolist() == [100, 60, 15]
    assert shares.loc[2013, ["fuels_pct", "metals_pct", "together_pct"]].tolist() == pytest.approx([60, 15, 75])
    assert shares.loc[2014, "together_pct"] == 0


def test_claim_shares_ignore_other_flows_and_pairs():
    imports = chapter_rows({(2013, "27"): 9}, flow="import")
    assert commodities.claim_shares(imports).empty
    assert commodities.claim_sentence(commodities.claim_shares(imports)) is None


def test_claim_sentence_checks_the_article_year_and_says_whether_the_claim_holds():
    holds = commodities.claim_sentence(
        commodities.claim_shares(chapter_rows({(2013, "27"): 60, (2013, "72"): 15, (2013, "10"): 25}))
    )
    assert "In your file, in 2013, mineral fuels (HS 27: coal and diesel) were 60%" in holds
    assert "base metals (HS 72–81) 15%" in holds and "together 75%, more than half, as the article says." in holds
    fails = commodities.claim_sentence(commodities.claim_shares(chapter_rows({(2013, "27"): 20, (2013, "10"): 80})))
    assert "together 20%, less than half, so not what the article says." in fails


def test_claim_sentence_falls_back_to_the_latest_year_and_says_so():
    sentence = commodities.claim_sentence(
        commodities.claim_shares(chapter_rows({(2018, "27"): 1, (2019, "27"): 3, (2019, "10"): 1}))
    )
    assert "in 2019, mineral fuels (HS 27: coal and diesel) were 75%" in sentence
    assert sentence.endswith("Your file has no 2013; its latest year is shown.")


def test_claim_sentence_skips_a_year_whose_chapters_sum_to_zero():
    rows = chapter_rows({(2013, "27"): 0.0, (2012, "27"): 2.0})
    assert "in 2012," in commodities.claim_sentence(commodities.claim_shares(rows))
