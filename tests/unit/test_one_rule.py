"""One rule, one implementation (issue #23): each rule is worded or computed in one place and used everywhere.

Each rule has a test of its one implementation and, where a second wording could creep back unnoticed, a
scan of the code that fails on it."""

import ast
import functools
import re
from collections import Counter
from pathlib import Path

import pandas as pd

from components.analysis import citation, formats
from components.analysis.sources import agency_of
from components.data import loader

ROOT = Path(__file__).resolve().parents[2]
SOURCES = pd.DataFrame(
    {
        "source_id": ["kotra", "customs", "tass", "itc"],
        "title": ["t"] * 4,
        "publisher": ["p"] * 4,
        "published": [None] * 4,
        "url": [None] * 4,
        "agency": ["KOTRA", "Russian customs", "TASS", "ITC"],
    }
)


@functools.cache
def our_code() -> dict[str, str]:
    """The text of every module of the app (components/ and pages/), by path relative to the repository.
    Read once per test process: the scans below only read it."""
    files = [*ROOT.joinpath("components").rglob("*.py"), *ROOT.joinpath("pages").rglob("*.py"), ROOT / "app.py"]
    return {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8") for path in files}


@functools.cache
def parsed(path: str) -> ast.Module:
    """The syntax tree of ``our_code()[path]``, parsed once per test process (the scans only walk it)."""
    return ast.parse(our_code()[path])


def lines_matching(pattern: str, allowed: set[str]) -> list[str]:
    """``path:line: text`` of every line of our code matching ``pattern``, outside the ``allowed`` files."""
    found = []
    for path, text in our_code().items():
        if path in allowed:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if re.search(pattern, line):
                found.append(f"{path}:{number}: {line.strip()}")
    return found


# ---- 1. "Sources: A; B and N more" -------------------------------------------------------------


def test_sources_words_name_the_first_agencies_and_count_the_rest():
    agencies = ["A", "B", "C", "D", "E"]
    assert citation.sources_words(7, agencies, limit=3) == "7 sources; figures from A; B; C and 2 more"
    assert citation.sources_words(1, ["A"], limit=3) == "1 source; figures from A"
    assert citation.sources_words(3, agencies[:3], limit=3) == "3 sources; figures from A; B; C"
    assert citation.sources_words(0, [], limit=3) == "none"


def test_a_chart_line_and_the_footer_word_the_same_sources_alike():
    ids = ["tass", "kotra", "kotra", "customs", "itc", "not-a-source", None]
    line = citation.sources_line(ids, SOURCES, limit=2)
    assert line == "Sources: 4 sources; figures from KOTRA; TASS and 2 more"
    view = citation.view_citation("T", "w", "/x", pd.Timestamp("2026-01-01").date(), None, ids, SOURCES)
    assert line == "Sources: " + citation.view_sources_words(view, limit=2)
    assert citation.sources_line([], SOURCES) == "Sources: none"


def test_only_citation_words_the_n_more_of_a_list():
    # The one "… and N more" of the sources line, and the one of a list of problems (rule 6).
    allowed = {"components/analysis/citation.py", "components/data/loader.py"}
    assert lines_matching(r"and \{[^}]*\} more", allowed) == []


# ---- 2. Source id → agency ---------------------------------------------------------------------


def test_agency_of_looks_each_id_up_and_leaves_unknown_ones_to_the_caller():
    ids = pd.Series(["tass", "nope", None, "kotra"], index=[10, 11, 12, 13])
    agencies = agency_of(ids, SOURCES)
    assert agencies.index.tolist() == [10, 11, 12, 13]
    assert agencies[[10, 13]].tolist() == ["TASS", "KOTRA"]
    assert agencies[[11, 12]].isna().all()
    assert agency_of(["customs"], SOURCES).tolist() == ["Russian customs"]
    # A source listed twice still maps to one agency.
    assert agency_of(["itc"], pd.concat([SOURCES, SOURCES])).tolist() == ["ITC"]


def test_only_sources_looks_up_a_sources_agency():
    # sources["agency"], sources[["source_id", "agency"]], sources.loc[..., "agency"], .set_index(...)["agency"]
    pattern = r'sources\w*(\.loc)?\[[^\n]*"agency"|set_index\("source_id"\)\["agency"\]'
    assert lines_matching(pattern, {"components/analysis/sources.py"}) == []


# ---- 6. "The first 15 problems … and N more" ---------------------------------------------------


def test_listed_problems_keep_the_first_ones_and_count_the_rest():
    problems = [f"line {number}: bad" for number in range(2, 42)]
    listed = loader.listed_problems(problems)
    assert listed == [*problems[: loader.MAX_LISTED_PROBLEMS], "… and 25 more problems"]
    assert loader.listed_problems(problems[:16]) == [*problems[:15], "… and 1 more problem"]
    assert loader.listed_problems(problems[:15]) == problems[:15]
    assert loader.listed_problems(problems, limit=2) == [*problems[:2], "… and 38 more problems"]


def test_a_data_error_and_an_upload_refusal_list_problems_alike():
    from components.analysis import uploads

    header = Path(ROOT / "tests/unit/upload_fixtures/trade_schema.csv").read_text().splitlines()[0]
    bad_rows = "\n".join("not a year," * header.count(",") + "x" for _ in range(30))
    try:
        uploads.read_upload("bad.csv", f"{header}\n{bad_rows}\n".encode())
    except uploads.UploadError as refusal:
        refused = refusal.problems
    else:
        raise AssertionError("an upload with 30 bad rows is refused")
    assert len(refused) == loader.MAX_LISTED_PROBLEMS + 1
    assert re.fullmatch(r"… and \d+ more problems", refused[-1])
    message = str(loader.DataError("trade.csv", [f"problem {number}" for number in range(20)]))
    assert message.splitlines()[-1] == "trade.csv: … and 5 more problems"


# ---- 3. No wrapper of formats under another name ------------------------------------------------


def formats_wrappers() -> list[str]:
    """Functions of ours whose whole body (after the docstring) is ``return formats.something(...)``."""
    found = []
    for path in our_code():
        if path == "components/analysis/formats.py":
            continue
        for node in ast.walk(parsed(path)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            body = node.body[1:] if ast.get_docstring(node) is not None else node.body
            if len(body) != 1 or not isinstance(body[0], ast.Return) or not isinstance(body[0].value, ast.Call):
                continue
            called = body[0].value.func
            if (
                isinstance(called, ast.Attribute)
                and isinstance(called.value, ast.Name)
                and called.value.id == "formats"
            ):
                found.append(f"{path}:{node.lineno}: {node.name} only calls formats.{called.attr}")
    return found


def test_no_module_wraps_a_formats_function_under_another_name():
    assert formats_wrappers() == []


def test_a_length_reads_in_kilometres_or_not_stated():
    assert formats.length_km(1100.0) == "1,100 km"
    assert formats.length_km(5) == "5 km"
    assert formats.length_km(float("nan")) == formats.NOT_STATED
    assert formats.length_km(None) == formats.NOT_STATED


def test_only_formats_words_a_length_in_kilometres():
    assert lines_matching(r"\} km\b", {"components/analysis/formats.py"}) == []


# ---- 4. One date wording ------------------------------------------------------------------------


def test_a_day_reads_without_a_leading_zero_and_like_an_event_date():
    assert formats.day_date(pd.Timestamp("2014-09-03")) == "3 Sep 2014"
    assert formats.day_date("2014-09-13") == "13 Sep 2014"
    assert formats.day_date("2014-09-03") == formats.event_date(pd.Timestamp("2014-09-03"), "day")


def test_only_formats_spells_out_a_month():
    # A strftime pattern or f-string format naming the month (%b, %B) words a date for the reader.
    assert lines_matching(r"%-?[bB]\b", {"components/analysis/formats.py"}) == []


# ---- 5. Missing values --------------------------------------------------------------------------


def used_as_a_value(node: ast.AST, parent: ast.AST) -> bool:
    """True when ``node`` is what something reads as (assigned, returned, a fallback or an argument's value),
    not a piece of a longer text (an f-string's part, a range's dash in ``.replace(";", "–")``)."""
    if isinstance(parent, ast.Assign | ast.AnnAssign | ast.Return | ast.IfExp | ast.BoolOp | ast.keyword):
        return True
    fallbacks = {"fillna", "get", "where", "mask"}
    return isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute) and parent.func.attr in fallbacks


def literal_lines(values: set[str]) -> list[str]:
    """``path:line: value`` of every string literal of our code equal to one of ``values`` and used as a value,
    outside formats."""
    found = []
    for path in our_code():
        if path == "components/analysis/formats.py":
            continue
        for parent in ast.walk(parsed(path)):
            for node in ast.iter_child_nodes(parent):
                if isinstance(node, ast.Constant) and node.value in values and used_as_a_value(node, parent):
                    found.append(f"{path}:{node.lineno}: {node.value!r}")
    return found


def test_missing_and_not_stated_are_spelled_only_in_formats():
    assert formats.MISSING == "\u2013"
    assert formats.NOT_STATED == "not stated"
    assert literal_lines({"–", "—", "-", "not stated", "None"}) == []


# ---- Dead code ----------------------------------------------------------------------------------


def test_every_public_function_of_components_is_used_by_the_app():
    # A function only a test calls moves into that test (or tests/data helpers); the app keeps what it uses.
    # Every whole word of our code, counted once: a name's count is how often ``\bname\b`` matches.
    words = Counter(re.findall(r"\w+", "\n".join(our_code().values())))
    unused = []
    for path in our_code():
        if not path.startswith("components/"):
            continue
        for node in parsed(path).body:
            public = isinstance(node, ast.FunctionDef | ast.ClassDef) and not node.name.startswith("_")
            if public and words[node.name] < 2:
                unused.append(f"{path}:{node.lineno}: {node.name}")
    assert unused == []


# ---- 7. One Markdown link builder ---------------------------------------------------------------


def test_a_markdown_link_escapes_its_label_and_links_only_http_addresses():
    from components.ui.markdown import escape_markdown, markdown_link

    label = escape_markdown("Trade [2014] (KOTRA)")
    assert label == r"Trade \[2014\] \(KOTRA\)"
    url = "https://example.org/a report (2014).pdf"
    assert markdown_link(label, url) == rf"[{label}](https://example.org/a%20report%20%282014%29.pdf)"
    assert markdown_link(label, "http://example.org/x") == f"[{label}](http://example.org/x)"
    for not_linked in ("javascript:alert(1)", "ftp://example.org/x", "//example.org/x", None, float("nan")):
        assert markdown_link(label, not_linked) == label


def calls_to(attribute: str, folders: tuple[str, ...]) -> list[tuple[str, ast.Call]]:
    """``(path, call)`` of every ``<something>.<attribute>(...)`` call in our code under ``folders``."""
    found = []
    for path in our_code():
        if path.startswith(folders):
            for node in ast.walk(parsed(path)):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == attribute:
                    found.append((path, node))
    return found


# ---- 10. One metric card width ------------------------------------------------------------------


def test_one_card_width_fits_four_metrics_to_a_row_and_phrases_three():
    from components.ui import metrics

    main_column, gap = 940, 16  # a 1400 px window's main column beside the sidebar; gap="small"
    assert 4 * metrics.METRIC_WIDTH + 3 * gap <= main_column
    assert 3 * metrics.PHRASE_METRIC_WIDTH + 2 * gap <= main_column


def test_metric_cards_take_their_width_from_ui_metrics():
    widths = [
        f"{path}:{call.lineno}"
        for name in ("metric", "container")
        for path, call in calls_to(name, ("pages/", "components/ui/"))
        if path != "components/ui/metrics.py"
        for keyword in call.keywords
        if keyword.arg == "width" and isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, int)
    ]
    assert widths == []
    plain = [
        f"{path}:{call.lineno}"
        for path, call in calls_to("metric", ("pages/",))
        if call.keywords and not getattr(call.func.value, "id", "").endswith("metrics")
    ]
    assert plain == [], "a page's st.metric sits in a card of metrics.METRIC_WIDTH or goes through metrics.metric"


# ---- 11. Every table through show_table ---------------------------------------------------------


def test_every_table_goes_through_show_table():
    direct = [f"{path}:{call.lineno}" for path, call in calls_to("dataframe", ("pages/", "components/", "app.py"))]
    assert direct == ["components/ui/table_view.py:" + str(show_table_line())]


def show_table_line() -> int:
    return next(
        call.lineno
        for call in ast.walk(parsed("components/ui/table_view.py"))
        if isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "dataframe"
    )
