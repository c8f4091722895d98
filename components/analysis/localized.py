"""Curated tables in the reader's language: our own text replaced by its translation where one exists
(ids, figures, dates and quotes untouched), and places named as the reader's language writes them."""

import pandas as pd

from components.analysis.sources import AGENCY_KEY
from components.data.translations import TRANSLATED_FIELDS, row_ids

# Translated fields that code keys on: their English stays beside the translation (``analysis.sources``).
KEPT_KEYS = {("sources", "agency"): AGENCY_KEY}


def localized(name: str, frame: pd.DataFrame, translations: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (table ``name``) with each translated text field replaced by its translation; rows or
    fields without one keep the English. ``frame`` itself is not changed."""
    fields = [field for field in TRANSLATED_FIELDS.get(name, ()) if field in frame.columns]
    rows = translations[translations["table"] == name] if len(translations) else translations
    if not fields or rows.empty:
        return frame
    result = frame.copy()
    keys = list(zip(row_ids(name, frame), frame["source_id"], strict=True))
    for field in fields:
        texts = {(row.id, row.source_id): row.text for row in rows[rows["field"] == field].itertuples(index=False)}
        if texts:
            if (name, field) in KEPT_KEYS:
                result[KEPT_KEYS[(name, field)]] = frame[field]
            translated = [texts.get(key) for key in keys]
            result[field] = [
                text if text is not None else old for text, old in zip(translated, frame[field], strict=True)
            ]
    return result


def place_names(names: pd.DataFrame, lang: str) -> dict[str, str]:
    """English place name → its name in ``lang`` (empty for English or a language with none)."""
    if names.empty:
        return {}
    chosen = names[names["lang"] == lang]
    return dict(zip(chosen["place"], chosen["name"], strict=True))


def with_place_names(routes: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """``routes`` with each place named in the reader's language where a sourced name exists."""
    if not names or "place" not in routes.columns:
        return routes
    result = routes.copy()
    result["place"] = [names.get(place, place) for place in routes["place"]]
    return result
