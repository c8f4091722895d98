"""CITATION.cff for the software and the per-view CFF keep to Citation File Format 1.2.0's rules
(keys, required fields, types, reference types, dates and URLs as the 1.2.0 JSON schema states them)."""

import re
from datetime import date
from pathlib import Path

import pandas as pd
import yaml

from components.analysis import citation
from components.data.data_version import DataVersion

ROOT = Path(__file__).resolve().parents[2]
ROOT_KEYS = {
    "abstract", "authors", "cff-version", "commit", "contact", "date-released", "doi", "identifiers", "keywords",
    "license", "license-url", "message", "preferred-citation", "references", "repository", "repository-artifact",
    "repository-code", "title", "type", "url", "version",
}  # fmt: skip
REFERENCE_TYPES = {
    "art", "article", "audiovisual", "bill", "blog", "book", "catalogue", "conference-paper", "conference", "data",
    "database", "dictionary", "edited-work", "encyclopedia", "film-broadcast", "generic", "government-document",
    "grant", "hearing", "historical-work", "legal-case", "legal-rule", "magazine-article", "manual", "map",
    "multimedia", "music", "newspaper-article", "pamphlet", "patent", "personal-communication", "proceedings",
    "report", "serial", "slides", "software-code", "software-container", "software-executable",
    "software-virtual-machine", "software", "sound-recording", "standard", "statute", "thesis", "unpublished",
    "video", "website",
}  # fmt: skip
DATE = re.compile(r"^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$")
URL = re.compile(r"^(https|http|ftp|sftp)://.+")


def author_problems(authors, where: str) -> list[str]:
    if not isinstance(authors, list) or not authors:
        return [f"{where}: authors must be a non-empty list"]
    problems = []
    for author in authors:
        if not (author.get("name") or author.get("family-names") or author.get("given-names")):
            problems.append(f"{where}: an author has no name")
    if len({repr(author) for author in authors}) != len(authors):
        problems.append(f"{where}: authors must be unique")
    return problems


def reference_problems(reference: dict, where: str) -> list[str]:
    problems = [f"{where}: missing {key}" for key in ("authors", "title", "type") if key not in reference]
    if reference.get("type") not in REFERENCE_TYPES:
        problems.append(f"{where}: type {reference.get('type')!r} is not a CFF reference type")
    problems += author_problems(reference.get("authors"), where)
    for key in ("date-accessed", "date-published", "date-released"):
        if key in reference and not DATE.match(str(reference[key])):
            problems.append(f"{where}: {key} is not YYYY-MM-DD")
    if "url" in reference and not URL.match(reference["url"]):
        problems.append(f"{where}: url is not absolute")
    if "year" in reference and not isinstance(reference["year"], int):
        problems.append(f"{where}: year must be an integer")
    if "publisher" in reference and not reference["publisher"].get("name"):
        problems.append(f"{where}: publisher needs a name")
    return problems


def cff_problems(document: dict) -> list[str]:
    """What breaks CFF 1.2.0 in ``document`` (the rules this project's files can touch)."""
    problems = [f"unknown key {key!r}" for key in document if key not in ROOT_KEYS]
    problems += [f"missing {key}" for key in ("authors", "cff-version", "message", "title") if key not in document]
    if document.get("cff-version") != "1.2.0":
        problems.append("cff-version must be the string 1.2.0")
    if document.get("type", "software") not in ("software", "dataset"):
        problems.append("type must be software or dataset")
    problems += author_problems(document.get("authors"), "root")
    if "url" in document and not URL.match(document["url"]):
        problems.append("url is not absolute")
    if "preferred-citation" in document:
        problems += reference_problems(document["preferred-citation"], "preferred-citation")
    references = document.get("references", [])
    for number, reference in enumerate(references, start=1):
        problems += reference_problems(reference, f"reference {number}")
    if len({repr(reference) for reference in references}) != len(references):
        problems.append("references must be unique")
    return problems


def test_the_repository_citation_file_is_valid_cff():
    document = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff_problems(document) == []
    assert document["type"] == "software" and document["title"] == citation.PUBLISHER


def test_a_views_cff_is_valid_cff():
    sources = pd.DataFrame(
        {
            "source_id": ["a", "b"],
            "title": ["Report A", "Report B"],
            "publisher": ["KOTRA", "TASS"],
            "published": pd.to_datetime(["2015-06-01", None]),
            "url": ["https://a.example/x", None],
            "agency": ["KOTRA", "Russian customs"],
        }
    )
    view = citation.view_citation(
        "Trade", "words", "https://h.example/trade?growth=5.0", date(2026, 11, 28),
        DataVersion("abc1234567", date(2025, 6, 11)), ["a", "b", "a"], sources,
    )  # fmt: skip
    assert cff_problems(yaml.safe_load(citation.cff(view))) == []


def test_the_checker_catches_what_it_checks():
    broken = {"cff-version": 1.2, "title": "x", "authors": [], "colour": "red", "url": "/relative"}
    broken["references"] = [{"type": "blog-post", "title": "t", "authors": [{"name": "p"}], "date-accessed": "2026"}]
    assert cff_problems(broken) == [
        "unknown key 'colour'",
        "missing message",
        "cff-version must be the string 1.2.0",
        "root: authors must be a non-empty list",
        "url is not absolute",
        "reference 1: type 'blog-post' is not a CFF reference type",
        "reference 1: date-accessed is not YYYY-MM-DD",
    ]
