"""Our own text in Korean, Russian and Japanese (data/translations/): every row of our curated tables is
translated, no translation changes a year, a percentage or a quote, and every place name in another
script has a source."""

import re

import pandas as pd
import pytest

from components.data import loader, paths, translations

LANGUAGES = translations.TRANSLATED_LANGUAGES
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s?%")
# A quoted passage: 'text' or "text" or “text” of some length, as the curation rules write quotes.
QUOTE = re.compile(r"(?:(?<=^)|(?<=[\s:(]))['\"“‘](.{12,}?)['\"”’](?=[\s.,;:)]|$)")


def tables_with_text() -> dict[str, pd.DataFrame]:
    names = [name for name in translations.TRANSLATED_FIELDS if (paths.DEFAULT_DATA_DIR / f"{name}.csv").exists()]
    return {name: loader.load(name) for name in names}


TABLES = tables_with_text()


@pytest.fixture(scope="module", params=LANGUAGES)
def translated(request):
    return request.param, translations.load_text_translations(request.param)


def original_text(name: str) -> dict[tuple, str]:
    frame = TABLES[name]
    texts = {}
    for field in translations.TRANSLATED_FIELDS[name]:
        if field not in frame.columns:
            continue
        for row_id, source_id, text in zip(
            translations.row_ids(name, frame), frame["source_id"], frame[field], strict=True
        ):
            if isinstance(text, str) and text.strip():
                texts[(name, row_id, source_id, field)] = text
    return texts


ORIGINALS = {key: text for name in TABLES for key, text in original_text(name).items()}


def test_every_translation_belongs_to_a_row_and_field_we_wrote(translated):
    lang, frame = translated
    keys = list(zip(frame["table"], frame["id"], frame["source_id"], frame["field"], strict=True))
    orphans = [key for key in keys if key not in ORIGINALS]
    assert not orphans, f"{lang}: translations of no row (renamed id or source?): {orphans[:10]}"


def test_every_row_of_our_text_is_translated(translated):
    lang, frame = translated
    have = set(zip(frame["table"], frame["id"], frame["source_id"], frame["field"], strict=True))
    missing = [key for key in ORIGINALS if key not in have]
    assert not missing, f"{lang}: {len(missing)} texts not translated, e.g. {missing[:8]}"


def test_no_translation_changes_a_year_a_percentage_or_a_quote(translated):
    lang, frame = translated
    problems = []
    for row in frame.itertuples(index=False):
        original = ORIGINALS.get((row.table, row.id, row.source_id, row.field))
        if original is None:
            continue
        if set(YEAR.findall(original)) != set(YEAR.findall(row.text)):
            problems.append(f"{row.id}/{row.field}: years {YEAR.findall(original)} → {YEAR.findall(row.text)}")
        wanted = {value.replace(",", ".") for value in PERCENT.findall(original)}
        if wanted != {value.replace(",", ".") for value in PERCENT.findall(row.text)}:
            problems.append(f"{row.id}/{row.field}: percentages {sorted(wanted)}")
        for quote in QUOTE.findall(original):
            if quote not in row.text:
                problems.append(f"{row.id}/{row.field}: quote not kept verbatim: {quote[:60]!r}")
    assert not problems, f"{lang}: " + "\n".join(problems[:20])


def test_every_place_on_a_route_has_a_sourced_name_in_each_language():
    names = translations.load_place_names()
    sources = set(loader.load("sources")["source_id"])
    assert set(names["source_id"]) <= sources, set(names["source_id"]) - sources
    places = set(loader.load("routes")["place"])
    for lang in LANGUAGES:
        named = set(names.loc[names["lang"] == lang, "place"])
        assert places <= named, f"{lang}: no name for {sorted(places - named)}"
        assert named <= places | set(TABLES["projects"]["name"]), f"{lang}: names for unknown places"


# Six or more Latin words in a row, outside quote marks: a sentence of ours left in English.
ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,;]+[A-Za-z]+){5,}")
# A single quote opens after a non-letter and closes before one, so an apostrophe inside a quote ("North
# Korea's debt") neither ends it nor starts another.
QUOTED = re.compile(r"(?<![A-Za-z])'.*?'(?![A-Za-z])|\"[^\"]*\"|“[^”]*”|‘[^’]*’")


def test_no_translation_leaves_a_sentence_of_ours_in_english(translated):
    # Quotes stay in their source's language; our own words never do. A quote mark around our own word
    # (outcomes.csv once had 'Abandoned') made the quote check keep a whole sentence of ours in English.
    lang, frame = translated
    left = []
    for row in frame.itertuples(index=False):
        unquoted = QUOTED.sub(" ", row.text)
        left += [f"{row.id}/{row.field}: {run!r}" for run in ENGLISH_RUN.findall(unquoted)]
    assert not left, f"{lang}: " + "\n".join(left[:20])
