"""axe-core (npm, pinned in package-lock.json; `make axe` installs it) finds no WCAG 2.1 A/AA violation on
any page, and the charts and the map carry a text alternative."""

import json

import pytest
from playwright.sync_api import Page

from harness.server import ROOT
from tests.e2e.conftest import Screen

AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT.relative_to(ROOT)} is missing: run `make axe` (npm ci) first")
    return AXE_SCRIPT.read_text(encoding="utf-8")


def violations(page: Page, axe_source: str) -> list[dict]:
    """axe's WCAG 2.1 A/AA violations on the page as it is now: rule, impact and the first few nodes."""
    page.add_script_tag(content=axe_source)
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.map((violation) => ({
                rule: violation.id,
                impact: violation.impact,
                nodes: violation.nodes.slice(0, 3).map((node) => node.html.slice(0, 160) + " :: " + node.failureSummary),
            }));
        }""",
        WCAG_TAGS,
    )


def test_no_wcag_21_aa_violation(screen: Screen, axe_source):
    """``screen``: the page opened once at 1400×900 with its main visual drawn (conftest)."""
    found = violations(screen.page, axe_source)
    assert found == [], json.dumps(found, indent=1)


@pytest.mark.parametrize("screen", ["map"], indirect=True)
def test_the_map_has_a_text_alternative(screen: Screen):
    chart = screen.page.get_by_test_id("stDeckGlJsonChart")
    chart.wait_for(state="visible", timeout=30000)
    described = chart.evaluate(
        """(element) => [element, ...element.querySelectorAll("*")]
            .map((node) => node.getAttribute("aria-label") || "")
            .join(" ")"""
    )
    assert "Map of routes and project sites" in described
    assert "Khasan" in described
