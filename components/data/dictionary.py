"""The data dictionary, generated from the models: one row per column of a table (type, required, unit,
rules, meaning) for the Data page, and every table as Markdown for ``data/README.md``
(``python -m components.data.dictionary``)."""

import pandas as pd

from components.data.schema import MODELS, primary_key, table_description


def data_dictionary(name: str) -> pd.DataFrame:
    """One row per column of table ``name``: type, whether required, unit, rules and meaning."""
    rows = []
    for column, spec in MODELS[name].to_schema().columns.items():
        metadata = spec.metadata or {}
        rules = [str(check.error or check.name) for check in spec.checks]
        if metadata.get("references"):
            rules.append(f"must be a {metadata['references'].replace('.', '.csv ')}")
        rows.append(
            {
                "column": column,
                "type": "date" if metadata.get("is_date") else str(spec.dtype),
                "required": not spec.nullable,
                "unit": metadata.get("unit", ""),
                "rules": "; ".join(rules),
                "description": spec.description or "",
            }
        )
    return pd.DataFrame(rows)


def dictionary_markdown() -> str:
    """The data dictionary of every table as Markdown, for ``data/README.md``."""
    parts = []
    for name in MODELS:
        parts.append(f"### `{name}.csv`\n\n{table_description(name)} Key: {', '.join(primary_key(name))}.\n")
        dictionary = data_dictionary(name)
        parts.append("| column | type | required | unit | rules | description |")
        parts.append("|---|---|---|---|---|---|")
        for row in dictionary.itertuples(index=False):
            rules = row.rules.replace("|", "\\|")
            parts.append(
                f"| `{row.column}` | {row.type} | {'yes' if row.required else 'no'} | {row.unit} "
                f"| {rules} | {row.description} |"
            )
        parts.append("")
    return "\n".join(parts)


if __name__ == "__main__":
    print(dictionary_markdown())
