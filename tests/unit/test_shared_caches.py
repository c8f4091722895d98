"""Cached values that any session can reach are immutable, or copied before they are handed out (#29).

Every session's script runs in its own thread of one process, so a cache is shared by all of them.
``st.cache_data`` pickles what it stores and hands out a fresh copy on every hit; ``functools.cache``
and ``st.cache_resource`` hand out the one stored object, which must therefore be read-only. The scan
below finds every cache in the app's code, so a new one has to be looked at here.
"""

import ast
import datetime as dt
import math
from types import FunctionType, MappingProxyType

import pandas as pd
import pytest

from components.analysis import commodities, debt_schedule
from components.charts import chart_style, timeline_chart
from components.data import paths
from components.i18n import translate
from components.ui import loading
from deploy import proxy_policy

ROOT = paths.ROOT
SCANNED = [*sorted((ROOT / "components").rglob("*.py")), *sorted((ROOT / "pages").glob("*.py"))]
SCANNED += [*sorted((ROOT / "deploy").glob("*.py")), ROOT / "app.py"]

# Every functools cache: each hands out one object to every session, so each must be deeply read-only.
SHARED_AS_IS = {
    ("components/analysis/commodities.py", "chapter_names"): lambda: commodities.chapter_names(),
    ("components/i18n/translate.py", "_catalog"): lambda: [translate._catalog(code) for code in translate.LANGUAGES],
    ("deploy/proxy_policy.py", "inline_script_hashes"): lambda: proxy_policy.inline_script_hashes(),
    ("components/ui/loading.py", "_content_hash_of"): lambda: loading.current_content_hash(),
    ("components/analysis/debt_schedule.py", "_due_days"): lambda: [
        debt_schedule._due_days(dt.date(2019, 1, 31), 40, 6)
    ],
    ("components/charts/chart_style.py", "_text_width"): lambda: [chart_style._text_width("Trade 무역", 13)],
    ("components/charts/chart_style.py", "_wrapped"): lambda: [chart_style._wrapped("Russia–DPRK trade " * 9, 300, 13)],
    ("components/charts/timeline_chart.py", "_legend_entry"): lambda: [
        timeline_chart._legend_entry(words) for words in timeline_chart.DRAWINGS.values()
    ],
}
# Every st.cache_data function (copied on every hit: checked below on the ones that load tables).
COPIED = {
    ("components/ui/loading.py", "cached_load"),
    ("components/ui/loading.py", "_cached_data_version"),
    ("components/ui/loading.py", "_cached_translations"),
    ("components/ui/loading.py", "_cached_outlines"),
    ("components/ui/loading.py", "_derived"),
    ("components/ui/trade_view.py", "_base_figure"),
    ("pages/map.py", "map_features"),
}


def _decorator_name(decorator: ast.expr) -> str:
    node = decorator.func if isinstance(decorator, ast.Call) else decorator
    return ast.unparse(node)


def cached_functions() -> dict[str, set[tuple[str, str]]]:
    """``{"functools": {(file, function)}, "cache_data": …, "cache_resource": …}`` over the app's code."""
    found = {"functools": set(), "cache_data": set(), "cache_resource": set()}
    for path in SCANNED:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for decorator in node.decorator_list:
                name = _decorator_name(decorator)
                where = (path.relative_to(ROOT).as_posix(), node.name)
                if name in {"cache", "lru_cache", "functools.cache", "functools.lru_cache"}:
                    found["functools"].add(where)
                elif name.endswith("cache_data"):
                    found["cache_data"].add(where)
                elif name.endswith("cache_resource"):
                    found["cache_resource"].add(where)
    return found


def is_read_only(value) -> bool:
    """True for a value nothing can change in place: numbers, text, and tuples, frozensets and read-only
    mappings of such values (a plain function, such as a plural rule, keeps no state to change)."""
    if value is None or isinstance(value, str | bytes | int | float | bool | complex | FunctionType):
        return True
    if isinstance(value, tuple | frozenset):
        return all(is_read_only(item) for item in value)
    if isinstance(value, MappingProxyType):
        return all(is_read_only(key) and is_read_only(item) for key, item in value.items())
    return False


def test_every_cache_in_the_app_is_listed_here():
    found = cached_functions()
    assert found["functools"] == set(SHARED_AS_IS)
    assert found["cache_data"] == COPIED
    assert found["cache_resource"] == set(), "st.cache_resource hands out one shared object: list it and prove it"


@pytest.mark.parametrize("where", sorted(SHARED_AS_IS), ids=lambda where: where[1])
def test_a_value_shared_as_is_cannot_be_changed(where):
    values = SHARED_AS_IS[where]()
    for value in values if isinstance(values, list) else [values]:
        assert is_read_only(value), f"{where[1]} hands out {type(value).__name__}, which a session could change"


def test_the_chapter_names_and_a_catalog_refuse_a_change():
    with pytest.raises(TypeError):
        commodities.chapter_names()["27"] = "changed"
    with pytest.raises(TypeError):
        translate._catalog("ko")[0]["Trade"] = "changed"
    assert commodities.chapter_names()["27"] != "changed"


def test_the_read_only_check_can_fail():
    assert not is_read_only({"a": 1})
    assert not is_read_only(("a", ["b"]))
    assert not is_read_only(MappingProxyType({"a": []}))
    assert is_read_only((MappingProxyType({"a": ("b", 1.5)}), math.inf))


@pytest.mark.usefixtures("fresh_streamlit_cache")
def test_cache_data_hands_each_caller_its_own_copy():
    folder, content_hash = loading.data_dir_key(), loading.current_content_hash()
    first = loading.cached_load("trade", folder, content_hash)
    first.loc[first.index[0], "value_usd_m"] = -1.0
    first["added"] = 1
    second = loading.cached_load("trade", folder, content_hash)
    assert second is not first
    assert "added" not in second and second["value_usd_m"].iloc[0] != -1.0
    outlines = loading._cached_outlines(folder, content_hash)
    outlines.clear()
    assert loading._cached_outlines(folder, content_hash)
    texts, names = loading._cached_translations(folder, "ko", ())
    names["changed"] = "x"
    texts.drop(texts.index, inplace=True)
    again_texts, again_names = loading._cached_translations(folder, "ko", ())
    assert "changed" not in again_names and isinstance(again_texts, pd.DataFrame) and not again_texts.empty
