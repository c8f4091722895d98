"""Every string the code marks for translation has a finished translation in every language, with the
same placeholders; no catalog holds a fuzzy guess or a string no code uses."""

import ast
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from components.i18n import LANGUAGES
from components.i18n.translate import catalog_path

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def marked_messages() -> set:
    """Every msgid the code marks, as ``make i18n`` extracts it (``components/i18n/babel.cfg``)."""
    with (ROOT / "components/i18n/babel.cfg").open(encoding="utf-8") as file:
        method_map, options_map = parse_mapping_cfg(file)
    found = set()
    for _path, _line, message, _comments, _context in extract_from_dir(ROOT, method_map, options_map):
        found.add(message if isinstance(message, str) else tuple(message[:2]))
    return found


MARKED = marked_messages()
TRANSLATED = [code for code in LANGUAGES if code != "en"]


def catalog(code: str):
    with catalog_path(code).open("rb") as file:
        return read_po(file, locale=code)


def literal_marks() -> dict[str, str]:
    """Every literal msgid in a ``_()``, ``N_()`` or ``ngettext()`` call of the app's code, found by walking its
    syntax tree, wherever the call sits (an f-string too) → the file it is in."""
    files = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "components").rglob("*.py")]
    found = {}
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in {"_", "N_", "ngettext"} and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found[first.value] = str(path.relative_to(ROOT))
    return found


def test_every_marked_literal_is_extracted():
    # Babel's extractor on Python 3.11 does not look inside f-strings: a ``_()`` there never reaches the
    # catalogs, and the page shows English in every language. Word such text with ``str.format``.
    extracted = {message if isinstance(message, str) else message[0] for message in MARKED}
    missed = {msgid: path for msgid, path in literal_marks().items() if msgid not in extracted}
    assert not missed, f"marked but not extracted (inside an f-string?): {missed}"


def test_the_code_marks_strings():
    assert "not stated" in MARKED and len(MARKED) > 10


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_marked_string_is_translated(code):
    entries = {message.id: message for message in catalog(code) if message.id}
    missing = sorted(str(msgid) for msgid in MARKED if msgid not in entries)
    assert not missing, f"{code}: {len(missing)} strings not in the catalog (run make i18n): {missing[:10]}"
    empty = [str(m.id) for m in entries.values() if not (all(m.string) if isinstance(m.id, tuple) else m.string)]
    fuzzy = [str(m.id) for m in entries.values() if m.fuzzy]
    assert not empty, f"{code}: {len(empty)} untranslated, e.g. {empty[:10]}"
    assert not fuzzy, f"{code}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:10]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_no_catalog_keeps_strings_no_code_uses(code):
    unused = sorted(str(message.id) for message in catalog(code) if message.id and message.id not in MARKED)
    assert not unused, f"{code}: {unused[:10]} (run make i18n)"


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_their_placeholders(code):
    for message in catalog(code):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            assert set(PLACEHOLDER.findall(text)) == wanted, f"{code}: {message.id!r} → {text!r}"
