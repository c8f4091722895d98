"""What may import what: helpers shared by the tests, the benchmark and the scripts live in ``harness``, so
nothing outside tests/ imports ``tests`` and no test imports ``bench`` (a test may import ``harness``)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOT_TESTS = ["scripts", "bench", "harness", "deploy", "tools", "components", "pages", "app.py"]


def imported_packages(path: Path) -> set[str]:
    """The top-level package of every absolute import in ``path`` (``import a.b``, ``from a.b import c``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def python_files(*places: str) -> list[Path]:
    files = []
    for place in places:
        path = ROOT / place
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return [file for file in files if ".venv" not in file.parts and "node_modules" not in file.parts]


def test_the_scan_sees_imports_in_every_form(tmp_path):
    source = tmp_path / "sample.py"
    source.write_text(
        "import tests.e2e\nfrom bench.server import x\ndef f():\n    from harness import app\nfrom . import y\n"
    )
    assert imported_packages(source) == {"tests", "bench", "harness"}


def offenders(places: list[str], package: str) -> list[str]:
    return [str(path.relative_to(ROOT)) for path in python_files(*places) if package in imported_packages(path)]


def test_nothing_outside_tests_imports_tests():
    assert offenders(NOT_TESTS, "tests") == [], "move what these files take from tests/ to harness/"


def test_no_test_imports_bench():
    assert offenders(["tests"], "bench") == [], "tests import shared helpers from harness/, not bench/"


def test_the_scan_covers_the_shared_helpers():
    assert (ROOT / "harness" / "__init__.py").exists()
    assert len(python_files("tests")) > 20
    assert any(path.parent.name == "harness" for path in python_files(*NOT_TESTS))


def test_every_registered_page_has_a_main_visual_for_the_browser_checks():
    from components.ui import navigation
    from harness import first_screen

    assert set(first_screen.MAIN_VISUAL) == {entry.key for entry in navigation.PAGES}
    assert list(first_screen.PAGES) == [entry.url_path for entry in navigation.PAGES]
