"""Every page under bad input at run time: a broken data file, a malformed link, extreme control values.

Each case must end with a clear message (an error box naming the file, a notice naming the link
parameter) or a working page, never a traceback, and the page title must still be on screen.
"""

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.data import loader
from components.ui import navigation

APP = str(Path(__file__).resolve().parents[2] / "app.py")

PAGE_TITLES = {entry.key: entry.title for entry in navigation.PAGES}
# The files each page reads (the Data page reads the table its link names, and sources).
PAGE_FILES = {
    "overview": ["sources", "trade", "targets", "debt", "projects", "outcomes"],
    "scorecard": ["outcomes", "sources", "targets", "projects", "routes"],
    "trade": ["trade", "targets", "events", "sources"],
    "debt": ["sources", "debt", "events"],
    "map": ["sources", "projects", "routes"],
    "timeline": ["events", "sources"],
    "data": ["sources", "trade", "targets", "debt", "projects", "routes", "events", "indicators"],
}
# Ways a file breaks on disk, each with a phrase the error box must contain.
GARBAGE = [
    (b"\xff\xfe<script>alert(1)</script>\n", "is not valid UTF-8"),
    (b'id,<b>name</b>\n1,=HYPERLINK("x")\n', "missing column"),
    (b'source_id,title\n"unterminated,quote\n', "is not a well-formed CSV"),
    (b"", "is empty"),
    (b"\xef\xbb\xbfsource_id\nx\n", "byte-order mark"),
]
BROKEN_FILE_CASES = [
    pytest.param(page, name, *GARBAGE[number % len(GARBAGE)], id=f"{page}-{name}")
    for number, (page, name) in enumerate((page, name) for page, names in PAGE_FILES.items() for name in names)
]


def plain(text: str) -> str:
    """Message text without Markdown backslash escapes (``data/debt\\.csv`` → ``data/debt.csv``)."""
    return text.replace("\\", "")


def open_page(page: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.switch_page(f"pages/{page}.py").run()


def assert_page_alive(at: AppTest, page: str) -> None:
    assert not at.exception, [exception.value for exception in at.exception]
    assert [title.value for title in at.title][:1] == [PAGE_TITLES[page]]


def assert_markup_escaped(messages: list[str]) -> None:
    """Every ``<`` in a message is escaped, so Markdown shows it as text instead of a tag."""
    for message in messages:
        assert not re.search(r"(?<!\\)<", message), message


@pytest.mark.parametrize(("page", "name", "garbage", "phrase"), BROKEN_FILE_CASES)
def test_broken_data_file_names_the_file_and_the_page_recovers_once_fixed(data_copy, page, name, garbage, phrase):
    broken = data_copy / f"{name}.csv"
    original = broken.read_bytes()
    broken.write_bytes(garbage)
    at = open_page(page, {"table": name} if page == "data" else None)

    assert_page_alive(at, page)
    shown = plain(" ".join(error.value for error in at.error))
    assert f"data/{name}.csv cannot be used" in shown
    assert phrase in shown
    assert_markup_escaped([error.value for error in at.error])
    assert any("other pages" in info.value for info in at.info)

    broken.write_bytes(original)
    at.run()
    assert_page_alive(at, page)
    assert not at.error


def test_a_broken_file_leaves_the_pages_that_do_not_read_it_working(data_copy):
    (data_copy / "debt.csv").write_bytes(GARBAGE[1][0])
    for page in ("map", "timeline"):
        at = open_page(page)
        assert_page_alive(at, page)
        assert not at.error


MALFORMED_LINKS = {
    "overview": {"growth": "abc", "year": "1e999", "nonsense": "<b>x</b>"},
    "trade": {"growth": "abc", "target": "1e999", "target_year": "-1", "log": "<b>x</b>", "nonsense": "<b>x</b>"},
    "debt": {"rate": "-5", "share": "1e999", "first": "2014-13-45", "term": "<b>x</b>", "year": "1e999"},
    "map": {
        "status": "<b>x</b>",
        "basemap": "javascript:alert(1)",
        "layers": "nan",
        "growth": "abc",
        "project": "<b>x",
    },
    "timeline": {"years": "1e999", "event": "<script>x</script>", "actor": "<b>x</b>", "category": ""},
    "data": {"table": "../../etc/passwd", "trade.year": "abc", "trade.value_usd_m": "1e999", "nonsense": "<b>x</b>"},
}


CONTROL_KINDS = ("slider", "pills", "radio", "selectbox", "multiselect", "toggle", "number_input")


def shown_view(at: AppTest) -> dict[str, list]:
    """What the reader sees set and drawn: the metrics, every control's value, the subheaders (the Map's
    counts its features) and, on the Map, how many features each deck layer draws."""
    decks = [json.loads(deck.proto.json) for deck in at.get("deck_gl_json_chart")]
    return {
        "metrics": [(metric.label, metric.value) for metric in at.metric],
        "controls": [(kind, widget.label, widget.value) for kind in CONTROL_KINDS for widget in getattr(at, kind)],
        "subheaders": [subheader.value for subheader in at.subheader],
        "deck layers": [
            (layer["id"], len(layer["data"]))
            for deck in decks
            for layer in deck["layers"]
            if isinstance(layer.get("data"), list)
        ],
    }


@pytest.mark.parametrize("page", list(MALFORMED_LINKS))
def test_malformed_link_gives_a_notice_per_parameter_and_the_page_shows_its_default_view(page):
    query = MALFORMED_LINKS[page]
    default = open_page(page)
    at = open_page(page, query)

    assert_page_alive(at, page)
    assert not at.error
    notices = [warning.value for warning in at.warning]
    for key in query:
        assert any(f"'{key}" in plain(notice) for notice in notices), (key, notices)
    assert_markup_escaped(notices)
    expected = shown_view(default)
    assert expected["metrics"] or expected["controls"], "the default view shows something to compare"
    if page == "map":
        # Every layer on, every status and category chosen: the routes and sites are drawn.
        layers = dict(expected["deck layers"])
        assert layers["routes-dashed"] + layers["routes-solid"] > 0 and layers["sites"] > 0, layers
    assert shown_view(at) == expected


def finite_metrics(at: AppTest) -> None:
    """No metric shows a number that went wrong (NaN, infinity) at an extreme."""
    for metric in at.metric:
        assert not re.search(r"nan|inf", metric.value, re.IGNORECASE), (metric.label, metric.value)


def set_slider(key: str, end: str):
    def act(at: AppTest) -> None:
        slider = at.slider(key=key)
        low, high = slider.min, slider.max
        value = {"min": low, "max": high, "widest": (low, high), "lowest": (low, low), "highest": (high, high)}[end]
        slider.set_value(value)

    return act


def set_number(key: str, end: str):
    def act(at: AppTest) -> None:
        box = at.number_input(key=key)
        box.set_value(box.min if end == "min" else box.max)

    return act


EXTREMES = [
    pytest.param("debt", set_slider("rate", "min"), id="debt-rate-0%"),
    pytest.param("debt", set_slider("rate", "max"), id="debt-rate-max"),
    pytest.param("debt", set_slider("share", "min"), id="debt-nothing-written-off"),
    pytest.param("debt", set_slider("share", "max"), id="debt-everything-written-off"),
    pytest.param("trade", set_slider("growth", "min"), id="trade-most-negative-growth"),
    pytest.param("trade", set_slider("growth", "max"), id="trade-highest-growth"),
    pytest.param("trade", set_number("target", "min"), id="trade-smallest-target"),
    pytest.param("trade", set_number("target", "max"), id="trade-largest-target"),
    pytest.param("trade", set_number("target_year", "min"), id="trade-earliest-target-year"),
    pytest.param("trade", set_number("target_year", "max"), id="trade-latest-target-year"),
    pytest.param("timeline", set_slider("years", "widest"), id="timeline-widest-years"),
    pytest.param("timeline", set_slider("years", "lowest"), id="timeline-first-year-only"),
    pytest.param("timeline", set_slider("years", "highest"), id="timeline-last-year-only"),
    pytest.param("data", set_slider("trade.year", "highest"), id="data-last-year-only"),
    pytest.param("data", set_slider("trade.value_usd_m", "lowest"), id="data-lowest-value-only"),
]


@pytest.mark.parametrize(("page", "act"), EXTREMES)
def test_extreme_control_values_keep_the_page_working(page, act):
    at = open_page(page)
    act(at)
    at.run()
    assert_page_alive(at, page)
    assert not at.error
    finite_metrics(at)
    assert_markup_escaped([warning.value for warning in at.warning])


def test_trade_scenario_at_the_extremes_still_states_when_it_reaches_the_target():
    at = open_page("trade")
    # The target year first: changing it returns the growth slider to the required rate.
    at.number_input(key="target_year").set_value(at.number_input(key="target_year").max).run()
    at.slider(key="growth").set_value(at.slider(key="growth").min).run()
    assert_page_alive(at, "trade")
    finite_metrics(at)
    values = {metric.label: metric.value for metric in at.metric}
    # Worked by hand from the 2013 baseline of $112.7M: at −30 % a year for 87 years, 112.7 × 0.7^87 ≈ 4e-12;
    # the target needs (1000 / 112.7)^(1/87) − 1 = e^(2.18302 / 87) − 1 = 2.5 % a year.
    assert values["Scenario in 2100"] == "$0.0M"
    assert values["Scenario reaches target"] == "never (by 2100)"
    assert values["Required growth a year"] == "2.5%"


def test_target_year_before_the_baseline_is_explained_not_crashed():
    at = open_page("trade")
    at.number_input(key="target_year").set_value(at.number_input(key="target_year").min).run()
    assert_page_alive(at, "trade")
    assert any("target" in plain(warning.value).lower() for warning in at.warning)


def test_debt_with_everything_written_off_has_nothing_to_repay():
    at = open_page("debt")
    at.slider(key="share").set_value(100.0).run()
    assert_page_alive(at, "debt")
    values = {metric.label: metric.value for metric in at.metric}
    assert values["Nominal repayments"] == "$0M"
    assert values["Effective forgiveness (present value)"] == "100.0%"


def test_map_with_every_layer_and_status_cleared_says_so():
    at = open_page("map", {"layers": "", "status": ""})
    assert_page_alive(at, "map")
    infos = " ".join(info.value for info in at.info)
    assert "No layer is selected" in infos
    assert "No route or site matches" in infos


def test_data_page_filters_narrowed_to_nothing_say_so_and_keep_the_export():
    trade = loader.load("trade")
    at = open_page("data", {"table": "trade"})
    for key, end in (("trade.year", "lowest"), ("trade.value_usd_m", "highest")):
        set_slider(key, end)(at)
    at.run()
    assert_page_alive(at, "data")
    first_year, highest = trade["year"].min(), trade["value_usd_m"].max()
    expected = int(((trade["year"] == first_year) & (trade["value_usd_m"] == highest)).sum())
    assert len(at.dataframe[0].value) == expected
    assert any(plain(markdown.value) == f"**{expected} of {len(trade)} rows**" for markdown in at.markdown)
    assert at.get("download_button"), "the export button disappeared with an empty selection"
