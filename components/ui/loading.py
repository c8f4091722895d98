"""Cached loading of the curated tables for the pages, what is derived from them alone (once per data
version and language), and the error box a broken file gets instead."""

import functools
import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st

from components.analysis import localized
from components.data import data_version, loader, outlines, paths, translations
from components.i18n import _, language
from components.ui.markdown import escape_markdown


@st.cache_data(show_spinner=False, max_entries=32)
def cached_load(name: str, data_dir_key: str, content_hash: str) -> pd.DataFrame:
    """``loader.load`` cached per table, data folder and content hash of the data: an edited file has a
    new hash, so the next run reads it instead of the cached copy."""
    return loader.load(name, data_dir_key or None)


def data_dir_key() -> str:
    """The data folder as the cache key of every cached load (``$NEA_DATA_DIR`` or ``data/``)."""
    return str(paths.data_dir())


# A plain memo, not st.cache_data: a page asks for the hash several times a run, and hashing the stamps
# for Streamlit's cache cost more than taking them.
@functools.lru_cache(maxsize=8)
def _content_hash_of(data_dir_key: str, stamps: tuple) -> str:
    return data_version.content_hash(Path(data_dir_key))


def current_content_hash() -> str:
    """The content hash of the data folder, recomputed only when a file's size, times or inode change
    (``data_version.file_stamps``, taken on every call)."""
    folder = paths.data_dir()
    return _content_hash_of(str(folder), data_version.file_stamps(folder))


@st.cache_data(show_spinner=False, max_entries=8)
def _cached_data_version(data_dir_key: str, content_hash: str) -> data_version.DataVersion:
    tables = {}
    for name in ("events", "sources"):
        try:
            tables[name] = cached_load(name, data_dir_key, content_hash)
        except loader.DataError:
            continue
    return data_version.DataVersion(content_hash, data_version.newest_fact_date(tables))


def current_data_version() -> data_version.DataVersion:
    """The data the app shows now: content hash and, where events and sources load, the newest fact
    (worked out once per data version)."""
    return _cached_data_version(data_dir_key(), current_content_hash())


@st.cache_data(show_spinner=False, max_entries=256)
def _derived(
    name: str, data_dir_key: str, content_hash: str, lang: str, stamps: tuple, args_key: str, _compute, _tables, _args
):
    return _compute(*_tables, *_args)


def _args_key(args: tuple) -> str:
    """A digest of ``args`` for the cache key. Streamlit's own hashing walks a tuple item by item, about
    10 µs each: the ids a page cites (hundreds of them) cost milliseconds on every slider move. A pickle
    gives its value back, so two different ``args`` never pickle alike nor share an entry."""
    return hashlib.blake2b(pickle.dumps(args, protocol=5), digest_size=16).hexdigest()


def per_data_version(compute: Callable, *tables: pd.DataFrame, args: tuple = ()):
    """``compute(*tables, *args)``, worked out once per data version, data folder, language (and its
    translation files) and ``args``, then served from Streamlit's cache: for what is derived from the
    curated tables alone. ``tables`` must be this run's tables exactly as ``load_tables`` gave them,
    nothing added (an upload's rows, a filter): they are not hashed, the data version stands for them.
    ``args`` must be hashable values (words, numbers, tuples), and ``compute`` plain Python."""
    if "<" in compute.__qualname__:
        raise ValueError("per_data_version needs a named module-level function: its name keys the cache")
    lang = language()
    stamps = translations.translation_stamps() if lang != "en" else ()
    name = f"{compute.__module__}.{compute.__qualname__}"
    args = tuple(args)
    return _derived(name, data_dir_key(), current_content_hash(), lang, stamps, _args_key(args), compute, tables, args)


@st.cache_data(show_spinner=False, max_entries=8)
def _cached_translations(data_dir_key: str, lang: str, stamps: tuple) -> tuple[pd.DataFrame, dict[str, str]]:
    folder = data_dir_key or None
    names = localized.place_names(translations.load_place_names(folder), lang)
    return translations.load_text_translations(lang, folder), names


def localized_table(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` in the reader's language: our own text translated, places named in its script. A broken
    translation file is reported and the English shown."""
    if language() == "en":
        return frame
    try:
        texts, names = _cached_translations(data_dir_key(), language(), translations.translation_stamps())
    except loader.DataError as error:
        show_data_error(error)
        return frame
    frame = localized.localized(name, frame, texts)
    return localized.with_place_names(frame, names) if name == "routes" else frame


def load_tables(*names: str, as_stored: bool = False) -> dict[str, pd.DataFrame]:
    """Load the named tables, in the reader's language unless ``as_stored`` (the Data page shows the
    files as they are); on a broken file show what is wrong and stop this page only."""
    tables, failures = {}, []
    folder, content_hash = data_dir_key(), current_content_hash()
    for name in names:
        try:
            frame = cached_load(name, folder, content_hash)
            tables[name] = frame if as_stored else localized_table(name, frame)
        except loader.DataError as error:
            failures.append(error)
    if failures:
        for error in failures:
            show_data_error(error)
        st.info(_("The other pages that do not need this file still work; fix the file and reload."))
        st.stop()
    return tables


def load_optional_table(name: str) -> pd.DataFrame | None:
    """A table a page shows beside its main visual (the Map's cargo, the Scorecard's indicators): on a
    broken file show why and return ``None``, so the rest of the page still draws."""
    try:
        return localized_table(name, cached_load(name, data_dir_key(), current_content_hash()))
    except loader.DataError as error:
        show_data_error(error)
        return None


@st.cache_data(show_spinner=False, max_entries=4)
def _cached_outlines(data_dir_key: str, content_hash: str) -> list[dict]:
    return outlines.load_outlines(data_dir_key or None)


def load_outlines() -> list[dict]:
    """Country outlines for the map; on a broken file show why and return none (the map still draws)."""
    try:
        return _cached_outlines(data_dir_key(), current_content_hash())
    except loader.DataError as error:
        show_data_error(error)
        return []


def show_data_error(error: loader.DataError) -> None:
    """An error box naming the file and each problem, with no traceback."""
    lines = "\n".join(f"- {escape_markdown(problem)}" for problem in loader.listed_problems(error.problems))
    heading = _("{file} cannot be used:").format(file=escape_markdown(error.file_name))
    st.error(f"**{heading}**\n{lines}", icon=":material/error:")
