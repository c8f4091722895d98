"""The house's layers: imports run pages → ui → charts → analysis → data, never back, with no circle and
no private name taken from another module; only ui imports Streamlit, and analysis draws nothing."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("i18n", "data", "analysis", "charts", "ui")  # each may import only the ones before it
# Third-party packages a layer may not import: drawing stays out of analysis, Streamlit in ui.
FORBIDDEN = {
    "i18n": {"streamlit", "plotly", "pydeck", "pandas"},
    "data": {"streamlit", "plotly", "pydeck"},
    "analysis": {"streamlit", "plotly", "pydeck"},
    "charts": {"streamlit"},
    "ui": set(),
}


def imports_of(path: Path) -> list[tuple[str, list[str], int]]:
    """``(module, names, line)`` for every import in ``path``, relative imports resolved to components."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.module, [alias.name for alias in node.names], node.lineno))
    return found


def imported_modules(module: str, names: list[str]) -> list[str]:
    """``from components.analysis import geo, trade`` names two modules; ``from x.y import z`` names x.y.z
    when z is a module of ours, else x.y."""
    candidates = [f"{module}.{name}" for name in names]
    ours = [name for name in candidates if module_path(name) is not None]
    return ours or [module]


def module_path(module: str) -> Path | None:
    base = ROOT.joinpath(*module.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.exists():
            return path
    return None


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] == "components" and len(parts) > 1 and parts[1] in LAYERS:
        return parts[1]
    if parts[0] == "pages":
        return "pages"
    return None


def our_files(folder: str) -> list[Path]:
    return sorted(path for path in (ROOT / folder).rglob("*.py") if "__pycache__" not in path.parts)


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


COMPONENT_FILES = our_files("components")


def test_every_component_module_lives_in_a_layer():
    loose = [path.name for path in COMPONENT_FILES if layer_of(module_name(path)) is None]
    assert loose == ["__init__.py"], f"modules outside the layer folders: {loose}"


@pytest.mark.parametrize("path", COMPONENT_FILES + our_files("pages"), ids=lambda path: module_name(path))
def test_imports_run_down_the_layers_only(path):
    own = layer_of(module_name(path))
    order = [*LAYERS, "pages"]
    for module, names, line in imports_of(path):
        for target in imported_modules(module, names):
            layer = layer_of(target)
            if layer is not None and own is not None:
                assert order.index(layer) <= order.index(own), f"{path.name}:{line} ({own}) imports {target} ({layer})"
            top = target.split(".")[0]
            assert top not in FORBIDDEN.get(own, set()), f"{path.name}:{line}: the {own} layer imports {top}"


@pytest.mark.parametrize("path", COMPONENT_FILES + our_files("pages"), ids=lambda path: module_name(path))
def test_no_private_name_is_imported_from_another_module(path):
    for module, names, line in imports_of(path):
        # Streamlit's own internals are pinned and named where they are used (ui.links.view_query_pairs).
        ours = module.split(".")[0] in {"components", "pages"}
        # `_` is gettext's translation function (components.i18n): public by convention.
        private = [name for name in names if ours and name.startswith("_") and name != "_"]
        assert not private, f"{path.name}:{line} imports private {private} from {module}"


def test_no_circle_between_component_modules():
    graph = {}
    for path in COMPONENT_FILES:
        name = module_name(path)
        graph[name] = {
            target
            for module, names, _ in imports_of(path)
            for target in imported_modules(module, names)
            if target.startswith("components.") and target != name and module_path(target) is not None
        }

    def visit(node, trail):
        if node in trail:
            cycle = trail[trail.index(node) :] + [node]
            raise AssertionError("import circle: " + " -> ".join(cycle))
        for target in sorted(graph.get(node, ())):
            visit(target, [*trail, node])

    for name in sorted(graph):
        visit(name, [])


def test_the_layer_check_sees_a_wrong_way_import(tmp_path):
    """The check itself: an analysis module that imports ui is caught."""
    planted = ROOT / "components" / "analysis" / "_planted_for_layer_test.py"
    planted.write_text("from components.ui import loading\n", encoding="utf-8")
    try:
        with pytest.raises(AssertionError, match="imports components.ui.loading"):
            test_imports_run_down_the_layers_only(planted)
    finally:
        planted.unlink()


@pytest.mark.parametrize("path", our_files("pages") + our_files("components"), ids=lambda path: module_name(path))
def test_only_ui_links_reads_the_link(path):
    """Every link parameter is parsed and checked in components/ui/links.py, so a page cannot accept a
    value the checks would refuse, or refuse one silently."""
    if module_name(path) == "components.ui.links":
        return
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr == "query_params":
            assert not (isinstance(node.value, ast.Name) and node.value.id == "st"), (
                f"{path.relative_to(ROOT)}:{node.lineno} reads st.query_params; use components.ui.links"
            )
