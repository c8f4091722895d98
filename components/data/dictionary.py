"""The data dictionary, generated from the models: one row per column of a table (type, required, unit,
rules, meaning) for the Data page, and every table as Markdown for ``data/README.md``
(``python -m components.data.dictionary``, or ``python -m components.data.dictionary ko`` in Korean).

The column names, types and pandera's own check names stay as they are in every language (a script reads
them); the meaning, the units and the rules in words follow the reader's language."""

import sys

import pandas as pd

from components.data.schema import MODELS, primary_key, table_description
from components.i18n import N_, _, using

# The units the models state (``metadata["unit"]``), as the reader's language words them.
_UNITS = {
    "USD million": N_("USD million"),
    "date (YYYY-MM-DD)": N_("date (YYYY-MM-DD)"),
    "percent": N_("percent"),
    "share 0–1": N_("share 0–1"),
    "months": N_("months"),
    "years": N_("years"),
    "km": N_("km"),
    "the row's unit": N_("the row's unit"),
}


def data_dictionary(name: str) -> pd.DataFrame:
    """One row per column of table ``name``: type, whether required, unit, rules and meaning (in the
    reader's language; the column names stay as the files have them)."""
    rows = []
    for column, spec in MODELS[name].to_schema().columns.items():
        metadata = spec.metadata or {}
        rules = [_(str(check.error)) if check.error else str(check.name) for check in spec.checks]
        if metadata.get("references"):
            table, key = metadata["references"].split(".")
            rules.append(_("must be a {table}.csv {column}").format(table=table, column=key))
        unit = metadata.get("unit", "")
        rows.append(
            {
                "column": column,
                "type": "date" if metadata.get("is_date") else str(spec.dtype),
                "required": not spec.nullable,
                "unit": _(_UNITS[unit]) if unit in _UNITS else unit,
                "rules": "; ".join(rules),
                "description": _(spec.description) if spec.description else "",
            }
        )
    return pd.DataFrame(rows)


def dictionary_markdown() -> str:
    """The data dictionary of every table as Markdown, for ``data/README.md`` (in the current language)."""
    parts = []
    for name in MODELS:
        key = ", ".join(primary_key(name))
        parts.append(
            f"### `{name}.csv`\n\n"
            + _("{description} Key: {key}.").format(description=_(table_description(name)), key=key)
            + "\n"
        )
        dictionary = data_dictionary(name)
        headers = [_("column"), _("type"), _("required"), _("unit"), _("rules"), _("description")]
        parts.append("| " + " | ".join(headers) + " |")
        parts.append("|---|---|---|---|---|---|")
        for row in dictionary.itertuples(index=False):
            rules = row.rules.replace("|", "\\|")
            required = _("yes") if row.required else _("no")
            parts.append(f"| `{row.column}` | {row.type} | {required} | {row.unit} | {rules} | {row.description} |")
        parts.append("")
    return "\n".join(parts)


if __name__ == "__main__":
    with using(sys.argv[1] if len(sys.argv) > 1 else "en"):
        print(dictionary_markdown())
