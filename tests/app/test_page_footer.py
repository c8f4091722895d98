"""Every page closes with the compact sources footnote, the data version and "Cite this view"."""

import re
from urllib.parse import parse_qsl, urlsplit

import pandas as pd
import pytest
import yaml

from components.data import data_version, loader, paths
from components.ui import footer, navigation
from tests.app.app_pages import open_app_page

# The Data page cites its default table with its row count, which grows as rows are added.
TRADE_ROWS = len(pd.read_csv(paths.data_dir() / "trade.csv"))

# What each page's citation says of its default view, after its title from the page registry.
VIEW_WORDS = {
    "overview": "headline figures on Russia–DPRK trade",
    "scorecard": "announcements of 2014 and what came of them",
    "trade": "Russia–DPRK trade turnover 2001–",
    "debt": "Soviet-era debt settlement, 90.0% written off",
    "map": "routes and project sites, every layer, every status",
    "timeline": "events ",
    "data": f"table trade.csv, {TRADE_ROWS} of {TRADE_ROWS} rows",
}
PAGES = {entry.script: (entry.title, VIEW_WORDS[entry.key]) for entry in navigation.PAGES}


def citations(at) -> dict[str, str]:
    """The three citation blocks of the "Cite this view" popover, by format."""
    blocks = {block.language: block.value for block in at.code}
    return {"plain": blocks["plaintext"], "bibtex": blocks["latex"], "cff": blocks["yaml"]}


def permalink_of(plain_text: str) -> str:
    return re.search(r" (/\S*) \(accessed", plain_text)[1]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_offers_a_citation_with_title_view_version_and_sources(page):
    title, words = PAGES[page]
    at = open_app_page(page, footer_open=True)
    popovers = at.get("popover")
    assert [popover.proto.popover.label for popover in popovers] == ["Cite this view"]
    cited = citations(at)
    version = data_version.content_hash(paths.data_dir())
    assert f"{title}: {words}" in cited["plain"]
    assert f"Data version {version} (facts to " in cited["plain"]
    assert "Sources: none" not in cited["plain"]
    assert re.search(r"\(accessed \d{4}-\d{2}-\d{2}\)\.$", cited["plain"])
    assert cited["bibtex"].startswith("@misc{nea-") and f"Data version {version}" in cited["bibtex"]
    document = yaml.safe_load(cited["cff"])
    assert document["cff-version"] == "1.2.0" and document["version"] == version
    assert document["references"], "the CFF lists the sources on screen"
    footer = [caption.value for caption in at.caption if caption.value.startswith("Data version")]
    assert len(footer) == 1 and version in footer[0]


@pytest.mark.parametrize("page", PAGES)
def test_the_sources_footnote_is_one_line_and_one_numbered_list(page):
    at = open_app_page(page, footer_open=True)
    # The Overview's metrics carry their own short source lines; the footnote counts its sources.
    summary = [re.match(r"\*\*Sources:\*\* (\d+) sources?;", caption.value) for caption in at.caption]
    summary = [match for match in summary if match]
    assert len(summary) == 1
    count = int(summary[0][1])
    (expander,) = [expander for expander in at.expander if expander.label.startswith("All ")]
    assert expander.label == f"All {count} sources, with links"
    listed = expander.markdown[0].value.splitlines()
    assert [int(line.split(".")[0]) for line in listed] == list(range(1, count + 1))
    known = set(loader.load("sources")["source_id"])
    ids = [re.search(r"\(`([^`]+)`\)$", line)[1] for line in listed]
    assert len(set(ids)) == count and set(ids) <= known


def test_the_permalink_carries_every_query_parameter():
    params = {"growth": "12.5", "compare": ["China-DPRK", "Inter-Korean"], "log": "true"}
    at = open_app_page("pages/trade.py", params, footer_open=True)
    link = urlsplit(permalink_of(citations(at)["plain"]))
    assert link.path == "/trade"
    assert sorted(parse_qsl(link.query)) == sorted(
        [("growth", "12.5"), ("compare", "China-DPRK"), ("compare", "Inter-Korean"), ("log", "true")]
    )
    words = "scenario 12.5% a year, compared with China–DPRK trade and Inter-Korean trade, log scale"
    assert words in citations(at)["plain"]


def test_the_citation_follows_the_widgets_in_words_and_link():
    # AppTest has no browser to rewrite the URL, so the link here comes from the bound widgets alone.
    at = open_app_page("pages/trade.py", {"compare": "China-DPRK"}, footer_open=True)
    at.slider(key="growth").set_value(33.3).run()
    at.toggle(key="log").set_value(True).run()
    plain = citations(at)["plain"]
    assert "scenario 33.3% a year, compared with China–DPRK trade, log scale" in plain
    assert sorted(parse_qsl(urlsplit(permalink_of(plain)).query)) == [
        ("compare", "China-DPRK"),
        ("growth", "33.3"),
        ("log", "true"),
    ]


def test_a_widget_back_at_its_default_leaves_the_link():
    at = open_app_page("pages/debt.py", {"rate": "7.5"}, footer_open=True)
    assert permalink_of(citations(at)["plain"]) == "/debt?rate=7.5"
    at.slider(key="rate").set_value(5.0).run()
    assert permalink_of(citations(at)["plain"]) == "/debt"


def test_the_data_page_cites_its_filters_and_offers_both_packages():
    at = open_app_page("pages/data.py", {"table": "trade", "trade.year": ["2000", "2005"]}, footer_open=True)
    plain = citations(at)["plain"]
    assert re.search(rf"table trade\.csv, \d+ of {TRADE_ROWS} rows, filtered by year: 2000 to 2005", plain)
    labels = [button.label for button in at.get("download_button")]
    assert "Download all the data (Frictionless Data Package, zip)" in labels
    assert "Download these rows as a data package (zip)" in labels
    assert "Download these rows as CSV" in labels


def test_the_data_page_names_a_broken_table_instead_of_offering_the_package(data_copy):
    (data_copy / "events.csv").write_text("event_id\nx\n", encoding="utf-8")
    at = open_app_page("pages/data.py", {"table": "trade"})
    labels = [button.label for button in at.get("download_button")]
    assert "Download all the data (Frictionless Data Package, zip)" not in labels
    notes = [caption.value for caption in at.caption if "data package needs every table" in caption.value]
    assert len(notes) == 1 and "events" in notes[0]


@pytest.mark.parametrize("page", ["pages/trade.py", "pages/debt.py"])
def test_closed_footer_panels_send_no_citation_or_source_list(page):
    # A slider move reruns the footer: closed, its panels cost nothing; opened, they fill in.
    at = open_app_page(page)
    assert [popover.proto.popover.label for popover in at.get("popover")] == ["Cite this view"]
    (listing,) = [expander for expander in at.expander if expander.label.startswith("All ")]
    assert not at.code and not listing.markdown
    at.session_state[footer.CITE_KEY] = True
    at.session_state[footer.SOURCES_KEY] = True
    at.run()
    (listing,) = [expander for expander in at.expander if expander.label.startswith("All ")]
    assert len(at.code) == 3 and listing.markdown
