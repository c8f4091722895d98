"""One wording for money, sources and event dates, and every page using it."""

import math

import pandas as pd
import pytest

from components.analysis import debt, formats

SOURCES = pd.DataFrame(
    {
        "source_id": ["a", "b"],
        "title": ["Trade report", "Undated note"],
        "publisher": ["Agency A", "Paper B"],
        "published": pd.to_datetime(["2014-04-18", None]),
    }
)


@pytest.mark.parametrize(
    ("value", "decimals", "billions", "expected"),
    [
        (112.7, 1, True, "$112.7M"),
        (999.94, 1, True, "$999.9M"),
        (1000, 1, True, "$1.00B"),
        (10_950, 1, True, "$10.95B"),
        (3500, 0, True, "$3.5B"),
        (250, 0, True, "$250M"),
        (11_000, 0, False, "$11,000M"),
        (1090.04, 1, False, "$1,090.0M"),
        (-12.5, 1, True, "$-12.5M"),
    ],
)
def test_money(value, decimals, billions, expected):
    assert formats.money(value, decimals, billions=billions) == expected


@pytest.mark.parametrize("missing", [None, math.nan, pd.NA, float("inf")])
def test_missing_money_reads_not_stated_never_nan(missing):
    assert formats.money(missing) == "not stated"


def test_source_labels_short_and_with_title():
    assert formats.source_label("a", SOURCES) == "Agency A, 2014-04-18"
    assert formats.source_label("b", SOURCES) == "Paper B"
    assert formats.source_label("a", SOURCES, with_title=True) == "Trade report (Agency A, 2014-04-18)"
    assert formats.source_label("zz", SOURCES) == "zz"
    assert formats.source_labels(["b", "a", "b"], SOURCES) == "Paper B; Agency A, 2014-04-18"


def test_every_module_labels_sources_with_the_one_formatter():
    labels = formats.source_labels(["a", "b"], SOURCES, with_title=True)
    assert labels == "Trade report (Agency A, 2014-04-18); Undated note (Paper B)"


@pytest.mark.parametrize(
    ("start", "precision", "end", "expected"),
    [
        ("2014-04-18", "day", None, "18 Apr 2014"),
        ("2014-04-01", "month", None, "Apr 2014"),
        ("2014-01-01", "year", None, "2014"),
        ("2014-04-18", "day", "2014-04-20", "18 Apr 2014 – 20 Apr 2014"),
        ("2014-04-01", "month", "2014-04-30", "Apr 2014"),
    ],
)
def test_event_date(start, precision, end, expected):
    end = pd.Timestamp(end) if end else pd.NaT
    assert formats.event_date(pd.Timestamp(start), precision, end) == expected


def test_debt_and_timeline_word_the_same_date_the_same_way():
    start = pd.Timestamp("2014-04-01")
    events = pd.DataFrame(
        {
            "event_id": ["debt-ratified"],
            "start": [start],
            "end": [pd.NaT],
            "date_precision": ["month"],
            "title": ["Duma ratifies the debt deal"],
            "description": [None],
            "source_id": ["a"],
            "preferred": [True],
        }
    )
    assert debt.debt_events(events, SOURCES)["date"].iloc[0] == formats.event_date(start, "month") == "Apr 2014"


def test_no_page_or_component_formats_money_by_hand():
    """Money text goes through formats.money: an f-string like ``${value:,.1f}M`` anywhere else is a second
    formatter. (chart_png.py is on its way out and not checked.)"""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"\$\{[^}]*:,?\.\d+f\}")
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for folder in ("components", "pages")
        for path in sorted((root / folder).glob("*.py"))
        if path.name not in {"formats.py", "chart_png.py"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_the_page_source_line_uses_the_one_label():
    from components.ui import markdown

    sources = SOURCES.assign(url=["https://example.org/a", None])
    line = markdown.source_line(["a", "b"], sources, compact=True)
    assert line == (
        f"**Sources:** [{markdown.escape_markdown(formats.source_label('a', sources))}](https://example.org/a); "
        f"{markdown.escape_markdown(formats.source_label('b', sources))}"
    )
    assert markdown.escape_markdown(formats.source_label("a", sources, with_title=True)) in markdown.source_line(
        ["a"], sources
    )
