"""The citation of a view: permalink (behind a proxy too), plain text, BibTeX with escaping, and CFF."""

from datetime import date
from urllib.parse import parse_qsl, urlsplit

import pandas as pd
import pytest
import yaml

from components.analysis import citation
from components.data.data_version import DataVersion

SOURCES = pd.DataFrame(
    {
        "source_id": ["ru-customs-2014", "kotra-2015", "wiki-rajin", "print-only"],
        "title": ["Russian trade with the DPRK, 2013", "North Korea's trade 50% & more_", "Rajin", "A {braced} book"],
        "publisher": ["TASS", "KOTRA", "Wikipedia", "Press #1"],
        "published": pd.to_datetime(["2014-02-01", "2015-06-01", None, None]),
        "url": ["https://tass.example/a?b=1", "http://kotra.example/x", "https://en.wikipedia.org/wiki/Rajin", None],
        "agency": ["Russian customs", "KOTRA", "Wikipedia", "press report"],
        "note": [None, None, None, None],
    }
)
VERSION = DataVersion("3f9a1c2b7d", date(2025, 11, 19))
ACCESSED = date(2026, 11, 28)


def make_citation(words="Russia–DPRK trade turnover 2000–2024, target $1,000M by 2020, scenario 20.0% a year"):
    return citation.view_citation(
        "Russia–DPRK trade against the announced target",
        words,
        "https://nea.example.org/trade?growth=20.0&compare=China-DPRK",
        ACCESSED,
        VERSION,
        ["ru-customs-2014", "kotra-2015", "ru-customs-2014", "unknown-id", None],
        SOURCES,
    )


# ---- Permalink ---------------------------------------------------------------------------------


def test_permalink_keeps_every_query_parameter_and_repeats_in_order():
    pairs = [("growth", "20.0"), ("compare", "China-DPRK"), ("compare", "Inter-Korean"), ("log", "true")]
    link = citation.permalink(pairs, browser_url="http://localhost:8501/trade")
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "localhost:8501", "/trade")
    assert parse_qsl(parts.query) == pairs


def test_permalink_percent_encodes_values_that_would_break_the_url():
    link = citation.permalink([("actor", "R&D"), ("note", "a b=c#d")], browser_url="http://h/timeline")
    assert link == "http://h/timeline?actor=R%26D&note=a%20b%3Dc%23d"
    assert parse_qsl(urlsplit(link).query) == [("actor", "R&D"), ("note", "a b=c#d")]


def test_permalink_drops_embed_settings_so_it_opens_the_full_view():
    pairs = [("embed", "true"), ("embed_options", "show_toolbar"), ("growth", "5.0")]
    assert citation.permalink(pairs, browser_url="https://h.example/trade") == "https://h.example/trade?growth=5.0"


def test_permalink_without_parameters_has_no_question_mark():
    assert citation.permalink([], browser_url="https://h.example/") == "https://h.example/"


def test_permalink_behind_a_proxy_uses_forwarded_scheme_host_and_prefix():
    headers = {
        "Host": "127.0.0.1:8501",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "dashboards.example.org, 10.0.0.5",
        "X-Forwarded-Prefix": "/nea/",
    }
    link = citation.permalink([("rate", "5.0")], headers=headers, page_path="debt")
    assert link == "https://dashboards.example.org/nea/debt?rate=5.0"


def test_permalink_keeps_the_base_path_a_proxy_does_not_strip():
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "example.org"}
    assert citation.permalink([], headers=headers, base_path="nea", page_path="map") == "https://example.org/nea/map"
    # A proxy that strips /nea and says so does not get the prefix twice.
    headers["X-Forwarded-Prefix"] = "/nea"
    assert citation.permalink([], headers=headers, base_path="nea", page_path="map") == "https://example.org/nea/map"


def test_permalink_falls_back_to_the_websocket_origin_then_host():
    origin = {"Origin": "https://viewer.example:8443", "Host": "127.0.0.1:8501"}
    assert citation.permalink([], headers=origin, page_path="trade") == "https://viewer.example:8443/trade"
    assert citation.permalink([], headers={"host": "localhost:8501"}) == "http://localhost:8501/"


def test_permalink_ignores_hostile_hosts_and_paths():
    headers = {"X-Forwarded-Host": "evil.example/<script>", "Host": "good.example", "X-Forwarded-Prefix": "/a b"}
    assert citation.permalink([], headers=headers, page_path="trade") == "http://good.example/trade"
    assert citation.permalink([], browser_url="javascript:alert(1)", headers={"Host": "h"}) == "http://h/"
    assert citation.permalink([], headers={"X-Forwarded-Prefix": "/../../etc"}) == "/etc"


def test_browser_url_wins_over_headers():
    headers = {"Host": "127.0.0.1:8501"}
    assert citation.permalink([], browser_url="https://public.example/nea/map", headers=headers) == (
        "https://public.example/nea/map"
    )


def test_permalink_with_no_host_is_the_path():
    assert citation.permalink([("table", "trade")], page_path="data") == "/data?table=trade"


# ---- Sources -----------------------------------------------------------------------------------


def test_sources_are_the_known_ones_most_cited_first():
    cited = make_citation().sources
    assert [source.source_id for source in cited] == ["ru-customs-2014", "kotra-2015"]
    assert cited[0].published == date(2014, 2, 1) and cited[0].url == "https://tass.example/a?b=1"


def test_primary_sources_name_whose_statistics_and_say_how_many_more():
    many = pd.DataFrame(
        {
            "source_id": [f"s{index}" for index in range(9)],
            "title": ["t"] * 9,
            "publisher": ["p"] * 9,
            "published": [None] * 9,
            "url": [None] * 9,
            "agency": [f"Agency {index}" for index in range(9)],
        }
    )
    view = citation.view_citation("T", "w", "/x", ACCESSED, VERSION, [*many["source_id"], "s8", "s8"], many)
    assert (
        citation.view_sources_words(view)
        == "9 sources; figures from Agency 8; Agency 0; Agency 1; Agency 2; Agency 3; Agency 4 and 3 more"
    )
    empty = citation.view_citation("T", "w", "/x", ACCESSED, VERSION, [], many)
    assert citation.view_sources_words(empty) == "none"


# ---- Formats -----------------------------------------------------------------------------------


def test_plain_text_carries_title_view_link_date_version_and_sources():
    text = citation.plain_text(make_citation())
    assert text == (
        "NEA Cooperation Dashboard (2026). Russia–DPRK trade against the announced target: Russia–DPRK trade "
        "turnover 2000–2024, target $1,000M by 2020, scenario 20.0% a year [interactive view]. Data version "
        "3f9a1c2b7d (facts to 2025-11-19). Sources: 2 sources; figures from Russian customs; KOTRA. "
        "https://nea.example.org/trade?growth=20.0&compare=China-DPRK (accessed 2026-11-28)."
    )


def test_bibtex_escapes_every_special_character():
    assert citation.bibtex_escape(r"50% & $1M #2 a_b {x} ^ ~ \ ") == (
        r"50\% \& \$1M \#2 a\_b \{x\} \textasciicircum{} \textasciitilde{} \textbackslash{} "
    )
    assert citation.bibtex_escape("2000–2024 — done") == "2000--2024 --- done"


def test_bibtex_entry_fields():
    entry = citation.bibtex(make_citation())
    assert entry.startswith("@misc{nea-russia-dprk-trade-2026-11-28,\n")
    assert entry.endswith("\n}")
    assert "  author       = {{NEA Cooperation Dashboard}},\n" in entry
    assert (
        "  title        = {{Russia--DPRK trade against the announced target: Russia--DPRK trade turnover "
        "2000--2024, target \\$1,000M by 2020, scenario 20.0\\% a year}},\n"
    ) in entry
    assert "  url          = {https://nea.example.org/trade?growth=20.0&compare=China-DPRK},\n" in entry
    assert "  urldate      = {2026-11-28},\n" in entry
    assert (
        "Data version 3f9a1c2b7d (facts to 2025-11-19). Sources: 2 sources; figures from Russian customs; KOTRA."
        in entry
    )
    assert entry.count("{") == entry.count("}")


def test_bibtex_braces_stay_balanced_with_hostile_words_and_links():
    hostile = make_citation(words="}{ \\end{document} 100% #1")
    hostile = citation.ViewCitation(**{**hostile.__dict__, "permalink": "https://h.example/p?q=%7B}{\\"})
    entry = citation.bibtex(hostile)
    body = entry.replace(r"\{", "").replace(r"\}", "")
    depth = 0
    for character in body:
        depth += {"{": 1, "}": -1}.get(character, 0)
        assert depth >= 0
    assert depth == 0
    assert "url          = {https://h.example/p?q=%7B%7D%7B%5C}" in entry


def test_cff_is_yaml_with_the_required_keys_and_every_source_as_a_reference():
    text = citation.cff(make_citation())
    document = yaml.safe_load(text)
    assert document == citation.cff_document(make_citation())
    assert document["cff-version"] == "1.2.0"
    assert document["type"] == "dataset" and document["version"] == "3f9a1c2b7d"
    assert document["authors"] == [{"name": "NEA Cooperation Dashboard"}]
    assert document["url"] == "https://nea.example.org/trade?growth=20.0&compare=China-DPRK"
    preferred = document["preferred-citation"]
    assert preferred["date-accessed"] == "2026-11-28" and preferred["type"] == "data"
    assert "scenario 20.0% a year" in preferred["title"]
    assert [reference["title"] for reference in document["references"]] == [
        "Russian trade with the DPRK, 2013",
        "North Korea's trade 50% & more_",
    ]
    assert document["references"][0]["date-published"] == "2014-02-01"
    assert document["references"][0]["url"] == "https://tass.example/a?b=1"


@pytest.mark.parametrize("words", ['say "yes": no', "- list\n# comment", "key: {a: [1]}", "null", "'quoted'"])
def test_cff_survives_yaml_syntax_in_the_words(words):
    document = yaml.safe_load(citation.cff(make_citation(words=words)))
    assert document["preferred-citation"]["title"].endswith(words)


def test_the_plain_citation_words_the_data_version_in_the_readers_language(monkeypatch):
    from components.i18n import translate

    russian = {"{hash} (facts to {date})": "{hash} (данные по {date})"}
    real = translate._catalog
    monkeypatch.setattr(translate, "_catalog", lambda code: (russian, lambda n: 0) if code == "ru" else real(code))
    with translate.using("ru"):
        plain, entry = citation.plain_text(make_citation()), citation.bibtex(make_citation())
    assert "3f9a1c2b7d (данные по 2025-11-19)" in plain and "facts to" not in plain
    assert "3f9a1c2b7d (facts to 2025-11-19)" in entry  # BibTeX keeps its English words
    assert citation.version_words(DataVersion("abc", None)) == "abc"
