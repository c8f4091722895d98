"""Issue 28's data rules: one default agency per trade series and its changes shown; stated nils flagged,
quoted and drawn; routes that seem to cross a third country or miss their length say why on the map;
the changelog names every source added."""

import pandas as pd
import pytest

from components.analysis import agency_series, geo, trade
from components.charts import trade_figure
from components.data.loader import load_all
from components.data.outlines import load_outlines
from components.data.paths import DEFAULT_DATA_DIR
from components.data.trade_schema import QUOTE_PATTERN
from tests.data import route_checks
from tests.data.agency_groups import default_agency_breaches

# This round's sources carry this access date; the changelog names each of them.
ROUND_ACCESSED = "Accessed 2026-12-04"
# Rows this round changed or added, as the changelog writes their keys.
CHANGED_ROWS = (
    "trade: 2023 CHN–PRK total",
    "trade: 2022 CHN–PRK total",
    "trade: 2021 RUS–PRK export",
    "trade: 2023 KOR–PRK total",
    "trade: 2017 RUS–PRK",
    "trade: 2018 RUS–PRK",
    "events: rus-prk-treaty-2000",
    "events: rason-rail-halt-2020",
    "events: putin-pyongyang-treaty-2024",
    "events: rus-prk-treaty-2024-ratification-rus",
    "events: rus-prk-treaty-2024-ratification-prk",
    "events: rus-prk-treaty-2024-duma",
    "events: rus-prk-treaty-2024-federation-council",
    "events: unsc-2371-rajin-exemption",
    "events: unsc-2375-rajin-exemption",
    "events: unsc-2397-rajin-exemption",
    "events: rason-freight-rail-resumed-2022",
    "events: igc-11th-session-2024",
    "events: khasan-tumangang-passenger-resumed-2024",
    "events: rajin-coal-transit-2024",
    "events: inter-korean-trade-nil-2023",
    "routes: khasan-rajin 2",
    "routes: baranovsky-khasan 2",
    "events: igc-7th-session-2015",
    "events: igc-8th-session-2018",
    "events: igc-12th-session-2025",
    "events: msmt-launch-2024",
)


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    loaded, errors = load_all()
    assert errors == {}, "\n".join(str(error) for error in errors.values())
    return loaded


def preferred(tables, year, reporter, flow="total"):
    rows = tables["trade"]
    match = rows[(rows["year"] == year) & (rows["reporter"] == reporter) & (rows["flow"] == flow) & rows["preferred"]]
    assert len(match) == 1, (year, reporter, flow)
    return match.iloc[0]


def test_every_series_has_a_default_agency_and_keeps_it_wherever_that_agency_gives_a_figure(tables):
    pairs = set(zip(tables["trade"]["reporter"], tables["trade"]["partner"], strict=True))
    assert pairs <= set(agency_series.SERIES_AGENCY)
    breaches = default_agency_breaches(tables["trade"], tables["sources"])
    assert breaches.empty, breaches.to_string()


def test_the_rule_flags_a_preferred_row_of_another_agency_where_the_default_agency_has_one(tables):
    rows = tables["trade"].copy()
    gac = (rows["year"] == 2023) & (rows["reporter"] == "CHN") & (rows["source_id"] == "kbs-2024-01")
    kotra = (rows["year"] == 2023) & (rows["reporter"] == "CHN") & (rows["source_id"] == "chosunbiz-2024-07")
    rows.loc[gac, "preferred"] = True
    rows.loc[kotra & (rows["flow"] == "total"), "preferred"] = False
    breaches = default_agency_breaches(rows, tables["sources"])
    assert breaches[["year", "source_id"]].values.tolist() == [[2023, "kbs-2024-01"]]


def test_china_2023_is_kotra_so_the_2024_fall_reads_as_a_fall(tables):
    row_2023, row_2024 = preferred(tables, 2023, "CHN"), preferred(tables, 2024, "CHN")
    assert row_2023["source_id"] == "chosunbiz-2024-07" and row_2023["value_usd_m"] == pytest.approx(2721.1)
    # KOTRA states −2.9% for 2024 against its own 2023; the default rows now show that fall.
    assert row_2024["value_usd_m"] / row_2023["value_usd_m"] - 1 == pytest.approx(
        row_2024["growth_pct_stated"] / 100, abs=0.001
    )
    alternatives = tables["trade"][(tables["trade"]["year"] == 2023) & (tables["trade"]["reporter"] == "CHN")]
    assert {"kbs-2024-01", "kotra-2023-daum"} <= set(alternatives["source_id"])


def test_the_chart_marks_where_the_china_series_changes_agency(tables):
    comparators = {"China-DPRK": trade.comparator_rows(tables["trade"], tables["sources"], "China-DPRK")}
    rows = trade.pair_rows(tables["trade"], tables["sources"], "RUS", "PRK")
    chosen, alternatives = trade.choose_rows(rows)
    table = trade.plotted_table(chosen, alternatives, comparators)
    figure = trade_figure.base_figure(
        table,
        tables["events"].iloc[0:0],
        tables["sources"],
        log_scale=False,
        first_year=2010,
        last_year=2025,
        title="t",
        source_note="n",
    )
    marks = [trace for trace in figure["data"] if trace.get("legendgroup") == "agency-changes"]
    china = next(trace for trace in marks if trace["yaxis"] == "y2")
    by_year = {x[:4]: words[2] for x, words in zip(china["x"], china["customdata"], strict=True)}
    assert "KOTRA before, China customs (GAC) from this year" in by_year["2019"]
    assert "China customs (GAC) before, KOTRA from this year" in by_year["2022"]
    assert "2023" not in by_year and "2024" not in by_year


def test_stated_nils_are_rows_flagged_and_quoted(tables):
    rows = tables["trade"]
    nils = rows[rows["stated_nil"].fillna(False).astype(bool)]
    assert {(2021, "RUS", "export"), (2023, "KOR", "total")} <= set(
        zip(nils["year"], nils["reporter"], nils["flow"], strict=True)
    )
    assert (nils["value_usd_m"] == 0).all()
    assert nils["note"].str.contains(QUOTE_PATTERN, regex=True).all()
    assert preferred(tables, 2023, "KOR")["source_id"] == "sedaily-2024-whitepaper"
    # The nil is a trade row now, no longer an event standing in for one.
    assert "inter-korean-trade-nil-2023" not in set(tables["events"]["event_id"])


def test_no_leg_of_a_route_that_is_not_schematic_runs_mostly_through_a_third_country(tables):
    legs = route_checks.third_country_legs(tables["routes"], tables["projects"], load_outlines(), threshold=0.5)
    assert legs[~legs["schematic"]].empty, legs.to_string()


def test_legs_that_seem_to_cross_a_third_country_say_why_on_the_map(tables):
    legs = route_checks.third_country_legs(tables["routes"], tables["projects"], load_outlines(), threshold=0.08)
    routes = tables["routes"].sort_values(["route_id", "seq"])
    assert not legs.empty  # the Khasan–Tumangang and Baranovsky–Kraskino legs at 1:110m
    for leg in legs.itertuples():
        vertex = routes[(routes["route_id"] == leg.route_id) & (routes["place"] == leg.to)].iloc[0]
        assert pd.notna(vertex["leg_note"]) and "China" in vertex["leg_note"], (leg.route_id, leg.to)
    lines = geo.route_lines(tables["routes"], tables["projects"], tables["sources"]).set_index("route_id")
    assert "Friendship Bridge" in lines.at["khasan-rajin", "alignment"]


def test_the_third_country_check_flags_a_leg_drawn_through_china(tables):
    projects = pd.DataFrame({"project_id": ["p"], "countries": ["RUS;PRK"]})
    # Khasan to Changchun (Jilin, China): most of the leg is inside China's outline.
    routes = pd.DataFrame(
        {
            "route_id": "r",
            "project_id": "p",
            "seq": [1, 2],
            "place": ["Khasan", "Changchun"],
            "lat": [42.43, 43.8],
            "lon": [130.64, 125.3],
            "schematic": False,
        }
    )
    legs = route_checks.third_country_legs(routes, projects, load_outlines(), threshold=0.5)
    assert legs[["from", "to", "third"]].values.tolist() == [["Khasan", "Changchun", "CHN"]]


def test_schematic_routes_far_off_their_stated_length_say_so_on_the_map(tables):
    lines = geo.route_lines(tables["routes"], tables["projects"], tables["sources"]).set_index("route_id")
    off = (lines["computed_length_km"] / lines["stated_length_km"] - 1).abs()
    far = off[off > geo.LENGTH_TOLERANCE].index
    assert "gas-pipeline-2018" in far
    for route_id in far:
        assert lines.at[route_id, "schematic"]
        assert "the path between the places is not known" in lines.at[route_id, "alignment"], route_id
    assert "1,202 km" in lines.at["gas-pipeline-2018", "alignment"]


def test_the_changelog_names_every_source_of_this_round(tables):
    changelog = (DEFAULT_DATA_DIR / "CHANGELOG.md").read_text(encoding="utf-8")
    new = tables["sources"][tables["sources"]["note"].fillna("").str.contains(ROUND_ACCESSED)]
    assert len(new) >= 10
    missing = [source_id for source_id in new["source_id"] if f"`{source_id}`" not in changelog]
    assert missing == []
    # Issue 28's section lists the rows this round changed, each with its source.
    section = next(part for part in changelog.split("\n## ") if part.startswith("Issue 28"))
    for row_key in CHANGED_ROWS:
        assert row_key in " ".join(section.split()), row_key
