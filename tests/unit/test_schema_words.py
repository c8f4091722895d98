"""The curated tables' own words are marked for translation (issue #27): what one row is, each column's
description and each rule's message reach the Data page's dictionary and the error boxes of a broken file.
The schema modules state them as keyword values and constants, which test_translatable.py does not read:
outcomes.csv's whole dictionary once showed in English in every language."""

import ast
import inspect
from pathlib import Path

import pytest

from components.data import schema

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_FILES = sorted((ROOT / "components" / "data").glob("*.py"))
MARKERS = {"_", "N_"}
# Calls whose first positional argument is a column's description.
DESCRIPTION_HELPERS = {"money_field", "date_field", "_reference"}
WORDED_KEYWORDS = {"description", "error"}
# Files whose column descriptions no reader sees (their rule messages still reach the error box): the
# translation files' models are in neither schema.MODELS, the dictionary nor the data package.
DESCRIPTIONS_UNSHOWN = {"translations.py"}


def _name(func: ast.AST) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _is_bare_text(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and any(c.isalpha() for c in node.value)


def unmarked_words(source: str, keywords: set[str] = WORDED_KEYWORDS) -> list[tuple[int, str]]:
    """(line, text) of each description or rule message (``keywords``) in ``source`` that is not inside
    ``_()``/``N_()``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or _name(node.func) in MARKERS or _name(node.func) == "ArgumentParser":
            continue
        values = [keyword.value for keyword in node.keywords if keyword.arg in keywords]
        if "description" in keywords and _name(node.func) in DESCRIPTION_HELPERS and node.args:
            values.append(node.args[0])
        found += [(value.lineno, value.value) for value in values if _is_bare_text(value)]
    return found


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda path: path.name)
def test_every_description_and_rule_message_is_marked(path):
    keywords = WORDED_KEYWORDS - {"description"} if path.name in DESCRIPTIONS_UNSHOWN else WORDED_KEYWORDS
    assert unmarked_words(path.read_text(encoding="utf-8"), keywords) == []


def test_the_check_finds_an_unmarked_description():
    source = 'x = pa.Field(description="Calendar year")\ny = money_field("Value")\nz = pa.Field(description=N_("ok"))'
    assert unmarked_words(source) == [(1, "Calendar year"), (2, "Value")]


@pytest.mark.parametrize("name", list(schema.MODELS))
def test_what_one_row_is_is_marked(name):
    # A class docstring is not extracted: each model says what one row is with ``__doc__ = N_("…")``.
    tree = ast.parse(inspect.getsource(schema.MODELS[name]))
    (model,) = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    marked = [
        node
        for node in model.body
        if isinstance(node, ast.Assign)
        and [getattr(target, "id", "") for target in node.targets] == ["__doc__"]
        and isinstance(node.value, ast.Call)
        and _name(node.value.func) == "N_"
    ]
    assert marked, f"{name}: write what one row is as __doc__ = N_(...)"
