"""Our own text in other languages, keyed by id beside the curated tables (``data/translations/``), and
the places' names in Hangul, Cyrillic and Japanese, each with its source.

- ``<lang>.csv`` (``ko``, ``ru``, ``ja``): ``table, id, source_id, field, text``. One row of a curated
  table is ``id`` + ``source_id`` (projects, events and debt keep one row per source); a vertex of ``routes``
  is ``route_id.seq`` + its ``source_id``, an indicator's figure ``indicator_id.year`` + its ``source_id``
  (``row_ids``). Only text we wrote is
  translated (``TRANSLATED_FIELDS``); it needs no source, and it may not change a fact
  (``tests/data/test_translations.py`` compares years, percentages and quotes with the English).
- ``place_names.csv``: ``place, lang, name, source_id``: a place of ``routes.csv`` or a project site
  as its own language and its neighbours' write it, each name with a source in ``sources.csv``.
"""

import io
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from components.data import paths
from components.data.fields import ID_PATTERN
from components.data.loader import DataError, schema_problems
from components.i18n import LANGUAGES, N_

FOLDER = "translations"
TRANSLATED_LANGUAGES = tuple(code for code in LANGUAGES if code != "en")
# The text columns we wrote, per table, and the column that names a row (with its source_id).
TRANSLATED_FIELDS = {
    "debt": ("use_of_proceeds", "note"),
    "events": ("title", "description", "location"),
    "projects": ("name", "description", "partners"),
    "outcomes": ("title", "announced_by", "note", "evidence", "deadline_stated"),
    "routes": ("leg_note",),
    "sources": ("agency",),
    "indicators": ("note",),
}
# A route's vertex is named by its route and place in order, ``route_id.seq`` (``khasan-rajin.2``): no
# column of routes.csv names one row alone; an indicator's figure by its series and year
# (``khasan_rajin_cargo.2014``).
ROW_IDS = {
    "debt": "agreement_id",
    "events": "event_id",
    "projects": "project_id",
    "outcomes": "announcement_id",
    "routes": ("route_id", "seq"),
    "sources": "source_id",
    "indicators": ("indicator_id", "year"),
}
PLACE_NAMES_FILE = "place_names.csv"


def row_ids(name: str, frame: pd.DataFrame) -> list[str]:
    """The id of each row of ``frame`` (table ``name``) as the translation files write it: its id column, or
    the columns of ``ROW_IDS`` joined with ``.`` (``khasan-rajin.2``)."""
    columns = ROW_IDS[name]
    if isinstance(columns, str):
        return [str(value) for value in frame[columns]]
    return [
        ".".join(str(value) for value in values) for values in zip(*(frame[column] for column in columns), strict=True)
    ]


class TextTranslationModel(pa.DataFrameModel):
    """One translated text field of one row of a curated table."""

    table: Series[str] = pa.Field(isin=list(TRANSLATED_FIELDS), description="Curated table the row is in")
    id: Series[str] = pa.Field(str_matches=ID_PATTERN, description="The row's id in that table")
    source_id: Series[str] = pa.Field(description="The row's source_id (one row per source)")
    field: Series[str] = pa.Field(description="The text column translated")
    text: Series[str] = pa.Field(str_length={"min_value": 1}, description="The translation")

    @pa.dataframe_check(error=N_("field is not a translated text column of its table"))
    @classmethod
    def field_of_table(cls, df: pd.DataFrame) -> pd.Series:
        return pd.Series(
            [field in TRANSLATED_FIELDS.get(table, ()) for table, field in zip(df["table"], df["field"], strict=True)],
            index=df.index,
        )

    class Config:
        strict = True
        coerce = True
        unique = ["table", "id", "source_id", "field"]


class PlaceNameModel(pa.DataFrameModel):
    """A place's name in one language, with the source that writes it so."""

    place: Series[str] = pa.Field(description="The place as routes.csv or projects.csv names it in English")
    lang: Series[str] = pa.Field(isin=list(TRANSLATED_LANGUAGES), description="Language code")
    name: Series[str] = pa.Field(str_length={"min_value": 1}, description="The name in that language")
    source_id: Series[str] = pa.Field(
        description="Source that writes the name so (sources.csv)", metadata={"references": "sources.source_id"}
    )

    class Config:
        strict = True
        coerce = True
        unique = ["place", "lang"]


def _read(path: Path, model: type[pa.DataFrameModel], columns: list[str]) -> pd.DataFrame:
    file_name = f"data/{FOLDER}/{path.name}"
    if not path.exists():
        return pd.DataFrame({column: pd.Series(dtype=str) for column in columns})
    try:
        text = path.read_text(encoding="utf-8-sig")
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""])
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise DataError(file_name, [f"is not a well-formed UTF-8 CSV ({error})"]) from None
    try:
        return model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        raise DataError(file_name, schema_problems(errors)) from None


def folder(data_dir: Path | None = None) -> Path:
    """Where the translations live: ``translations/`` in the data folder."""
    return (Path(data_dir) if data_dir else paths.data_dir()) / FOLDER


def load_text_translations(lang: str, data_dir: Path | None = None) -> pd.DataFrame:
    """The translations of our text into ``lang`` (empty for English or a language with none yet)."""
    columns = list(TextTranslationModel.to_schema().columns)
    if lang not in TRANSLATED_LANGUAGES:
        return pd.DataFrame({column: pd.Series(dtype=str) for column in columns})
    return _read(folder(data_dir) / f"{lang}.csv", TextTranslationModel, columns)


def load_place_names(data_dir: Path | None = None) -> pd.DataFrame:
    """Every place's names in the other languages, with their sources."""
    return _read(folder(data_dir) / PLACE_NAMES_FILE, PlaceNameModel, list(PlaceNameModel.to_schema().columns))


def translation_stamps(data_dir: Path | None = None) -> tuple:
    """Name, size and modification time of each translation file: a cache key that changes on an edit."""
    base = folder(data_dir)
    if not base.exists():
        return ()
    return tuple((path.name, path.stat().st_size, path.stat().st_mtime_ns) for path in sorted(base.glob("*.csv")))
