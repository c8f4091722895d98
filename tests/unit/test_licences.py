"""The licences are stated where the issue asks: MIT for the code, CC BY 4.0 for the curated data, and each
source's own terms untouched, in LICENSE, data/README.md, the data package and CITATION.cff."""

from pathlib import Path

import yaml

from components.data import datapackage

ROOT = Path(__file__).resolve().parents[2]
UNTOUCHED = "own terms"


def test_the_code_is_under_mit_and_the_licence_file_says_the_data_and_sources_are_not():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "CC BY 4.0" in text and UNTOUCHED in text


def test_the_data_readme_states_cc_by_and_that_sources_keep_their_terms():
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in text and "creativecommons.org/licenses/by/4.0" in text
    assert "MIT" in text and UNTOUCHED in text


def test_the_data_package_carries_cc_by_and_says_sources_keep_their_terms():
    assert [licence["name"] for licence in datapackage.DATA_LICENSES] == ["CC-BY-4.0"]
    assert UNTOUCHED in datapackage.LICENCE_NOTE and "MIT" in datapackage.LICENCE_NOTE


def test_citation_file_names_both_licences():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["license"] == "MIT"
    data = [reference for reference in cff["references"] if reference["type"] == "data"]
    assert data and data[0]["license"] == "CC-BY-4.0" and UNTOUCHED in data[0]["notes"]
