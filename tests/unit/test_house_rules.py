"""Sizes a reader can hold in their head: no module in components/ over 400 lines, no function there over
60, no page over 150; and one registry of the curated tables' names."""

import ast
from pathlib import Path

from components.data import schema

ROOT = Path(__file__).resolve().parents[2]
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
MAX_PAGE_LINES = 150
DATA_PAGE_ORDER = ("sources", "trade", "targets", "debt", "projects", "routes", "events", "outcomes", "indicators")


def python_files(folder: str) -> list[Path]:
    return sorted(path for path in (ROOT / folder).rglob("*.py") if "__pycache__" not in path.parts)


def line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def over_lines(paths: list[Path], limit: int) -> list[str]:
    """``name (N lines)`` for every file of ``paths`` longer than ``limit`` lines."""
    return [f"{path.name} ({line_count(path)} lines)" for path in paths if line_count(path) > limit]


def long_functions(path: Path, limit: int) -> list[str]:
    """``file:line name (N lines)`` for every function or method in ``path`` longer than ``limit`` lines,
    decorators and docstring included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)])
            length = node.end_lineno - first + 1
            if length > limit:
                found.append(f"{path.name}:{node.lineno} {node.name} ({length} lines)")
    return found


def test_no_module_in_components_is_over_the_limit():
    over = over_lines(python_files("components"), MAX_MODULE_LINES)
    assert not over, f"modules over {MAX_MODULE_LINES} lines: {over}"


def test_no_function_in_components_or_pages_is_over_the_limit():
    files = python_files("components") + python_files("pages")
    over = [entry for path in files for entry in long_functions(path, MAX_FUNCTION_LINES)]
    assert not over, f"functions over {MAX_FUNCTION_LINES} lines: {over}"


def test_no_page_is_over_the_limit():
    over = over_lines(python_files("pages"), MAX_PAGE_LINES)
    assert not over, f"pages over {MAX_PAGE_LINES} lines: {over}"


def test_the_checks_see_a_long_function_and_a_long_file(tmp_path):
    """The checks themselves: a 61-line method is caught and a 60-line function is not; a 401-line file is."""
    body = "".join(f"    x{number} = {number}\n" for number in range(59))
    planted = tmp_path / "planted.py"
    planted.write_text(
        f"def short():\n{body}\n\nclass Holder:\n    def long(self):\n    {body.replace(chr(10), chr(10) + '    ')}"
        "    x = 0\n",
        encoding="utf-8",
    )
    assert [entry.split(" ")[1] for entry in long_functions(planted, MAX_FUNCTION_LINES)] == ["long"]
    planted.write_text("x = 0\n" * (MAX_MODULE_LINES + 1), encoding="utf-8")
    assert over_lines([planted], MAX_MODULE_LINES) == ["planted.py (401 lines)"]


def test_table_names_come_from_the_models_in_the_data_page_order():
    assert schema.TABLE_NAMES == tuple(schema.MODELS) == DATA_PAGE_ORDER


def test_no_other_module_restates_the_table_names():
    """``TABLE_NAMES`` is assigned once, in schema; everyone else reads it from there."""
    assigned = []
    for path in python_files("components") + python_files("pages"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else []
            if any(isinstance(target, ast.Name) and target.id == "TABLE_NAMES" for target in targets):
                assigned.append(str(path.relative_to(ROOT)))
    assert assigned == ["components/data/schema.py"]
