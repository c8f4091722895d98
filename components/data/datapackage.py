"""The curated data as a Frictionless Data Package: every table's CSV, ``datapackage.json`` and the docs.

The descriptor's Table Schemas (types, constraints, primary and foreign keys, descriptions) are
generated from the pandera models in ``components/data/schema.py``, never written by hand. It also
carries the licences, the sources, the data version and a citation. The CSVs are the validated
tables written by the formula-safe exporter, so they read back as the same tables.

Run ``python -m components.data.datapackage [folder]`` (``make datapackage``) to write the zip.
"""

import argparse
import io
import json
import sys
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from components.data import data_version, export, loader, paths
from components.data.schema import MODELS, TABLE_NAMES, foreign_keys, primary_key, table_description

PACKAGE_NAME = "nea-cooperation-data"
PACKAGE_TITLE = "Russia–DPRK–ROK economic cooperation: curated figures with their sources"
PUBLISHER = "NEA Cooperation Dashboard"
# The licence the curated tables are offered under. Quoted passages in sources.csv's note column
# remain their publishers'; the map outlines are Natural Earth's public-domain data.
DATA_LICENSES = (
    {
        "name": "CC-BY-4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
        "title": "Creative Commons Attribution 4.0 International",
    },
)
# Said wherever the licences are stated (package, data README, CITATION.cff, LICENSE).
LICENCE_NOTE = (
    "The curated tables are licensed under CC BY 4.0; the dashboard's code under the MIT licence. Each cited "
    "source keeps its own terms: quoted passages in sources.csv's note and the publications they come from "
    "remain their publishers' and are not relicensed."
)
OUTLINES_LICENSES = (
    {
        "name": "public-domain",
        "path": "https://www.naturalearthdata.com/about/terms-of-use/",
        "title": "Public domain (Natural Earth)",
    },
)
DOCUMENTS = ("README.md", "CURATION.md")
# A fixed time stamp for every zip entry: the same data gives the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Data Package v2 (2024): it has exclusiveMinimum for the models' "greater than" checks.
PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
BOOLEAN_WORDS = {"trueValues": ["true", "True", "TRUE"], "falseValues": ["false", "False", "FALSE"]}


class PackageError(Exception):
    """The package cannot be built because a table is broken; ``str()`` says which and why."""


# ---- Table Schema from the pandera models -----------------------------------------------------


def _field_type(spec: pa.Column) -> str:
    if (spec.metadata or {}).get("is_date"):
        return "date"
    dtype = str(spec.dtype).lower()
    if dtype.startswith("int"):
        return "integer"
    if dtype.startswith("float"):
        return "number"
    if dtype.startswith("bool"):
        return "boolean"
    return "string"


def _pattern(regex: str) -> str:
    """A Table Schema pattern matches the whole value, so the pandera pattern's anchors go."""
    return regex.removeprefix("^").removesuffix("$")


def _constraints(spec: pa.Column, field_type: str) -> dict:
    """Table Schema constraints equivalent to the column's pandera checks."""
    constraints: dict = {}
    if not spec.nullable:
        constraints["required"] = True
    if spec.unique:
        constraints["unique"] = True
    for check in spec.checks:
        statistics = check.statistics
        if check.name == "greater_than_or_equal_to":
            constraints["minimum"] = statistics["min_value"]
        elif check.name == "greater_than":
            constraints["exclusiveMinimum"] = statistics["min_value"]
        elif check.name == "less_than_or_equal_to":
            constraints["maximum"] = statistics["max_value"]
        elif check.name == "less_than":
            constraints["exclusiveMaximum"] = statistics["max_value"]
        elif check.name == "in_range":
            low = "minimum" if statistics.get("include_min", True) else "exclusiveMinimum"
            high = "maximum" if statistics.get("include_max", True) else "exclusiveMaximum"
            constraints[low], constraints[high] = statistics["min_value"], statistics["max_value"]
        elif check.name == "isin":
            constraints["enum"] = list(statistics["allowed_values"])
        elif check.name == "str_matches" and field_type == "string":
            constraints["pattern"] = _pattern(statistics["pattern"])
        elif check.name == "str_length":
            if statistics.get("min_value") is not None:
                constraints["minLength"] = statistics["min_value"]
            if statistics.get("max_value") is not None:
                constraints["maxLength"] = statistics["max_value"]
    return constraints


def field_descriptor(column: str, spec: pa.Column) -> dict:
    """One Table Schema field for a pandera column: name, type, description (with its unit), constraints."""
    field_type = _field_type(spec)
    unit = (spec.metadata or {}).get("unit")
    description = spec.description or ""
    if unit and field_type != "date":
        description = f"{description} (unit: {unit})"
    field = {"name": column, "type": field_type, "description": description}
    if field_type == "date":
        field["format"] = "default"
    if field_type == "boolean":
        field |= BOOLEAN_WORDS
    constraints = _constraints(spec, field_type)
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(name: str, with_foreign_keys: bool = True) -> dict:
    """The Table Schema of table ``name``, generated from its pandera model."""
    model_schema = MODELS[name].to_schema()
    schema = {
        "$schema": SCHEMA_PROFILE,
        "fields": [field_descriptor(column, spec) for column, spec in model_schema.columns.items()],
        "missingValues": [""],
        "primaryKey": primary_key(name),
    }
    if with_foreign_keys:
        keys = [
            {"fields": [column], "reference": {"resource": table, "fields": [key]}}
            for column, table, key in foreign_keys(name)
        ]
        if keys:
            schema["foreignKeys"] = keys
    return schema


def table_rules(name: str) -> list[str]:
    """The model's table-wide rules (e.g. "exactly one row … must be preferred"), which Table Schema cannot state."""
    return [str(check.error or check.name) for check in MODELS[name].to_schema().checks]


def resource_descriptor(name: str, path: str, with_foreign_keys: bool = True) -> dict:
    """A tabular data resource for table ``name`` stored at ``path`` in the package."""
    description = table_description(name)
    rules = table_rules(name)
    if rules:
        description += " Rules the dashboard's loader also checks: " + "; ".join(rules) + "."
    return {
        "$schema": RESOURCE_PROFILE,
        "name": name,
        "type": "table",
        "path": path,
        "title": f"{name}.csv",
        "description": description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True},
        "schema": table_schema(name, with_foreign_keys),
    }


# ---- The whole package -----------------------------------------------------------------------


def package_sources(sources: pd.DataFrame) -> list[dict]:
    """Every row of sources.csv as a Data Package source: title (with publisher and date) and link."""
    listed = []
    for row in sources.itertuples(index=False):
        date = f", {row.published:%Y-%m-%d}" if pd.notna(row.published) else ""
        source = {"title": f"{row.title} ({row.publisher}{date})"}
        if isinstance(row.url, str) and row.url:
            source["path"] = row.url
        listed.append(source)
    return listed


def package_citation(version: data_version.DataVersion, url: str | None = None) -> str:
    """How to cite the package: publisher, year of the newest fact, title, data version and link."""
    year = f" ({version.as_of.year})" if version.as_of else ""
    link = f" {url}" if url else ""
    return f"{PUBLISHER}{year}. {PACKAGE_TITLE} [data package]. Data version {version.label}.{link}"


def version_descriptor(version: data_version.DataVersion) -> dict:
    """The data version as the descriptor states it."""
    described = {"contentHash": version.content_hash, "label": version.label}
    if version.as_of:
        described["factsTo"] = f"{version.as_of:%Y-%m-%d}"
    return described


def package_descriptor(
    tables: Mapping[str, pd.DataFrame], version: data_version.DataVersion, url: str | None = None
) -> dict:
    """``datapackage.json`` for ``tables`` (every curated table, ``sources`` included)."""
    resources = [resource_descriptor(name, f"data/{name}.csv") for name in TABLE_NAMES if name in tables]
    resources.append(
        {
            "$schema": RESOURCE_PROFILE,
            "name": "outlines",
            "path": "data/outlines.geojson",
            "title": "outlines.geojson",
            "description": "Country outlines for the offline map (Natural Earth 1:110m, clipped to the region); "
            "each feature's source_id is in sources.csv.",
            "format": "geojson",
            "mediatype": "application/geo+json",
            "encoding": "utf-8",
            "licenses": list(OUTLINES_LICENSES),
        }
    )
    descriptor = {
        "$schema": PACKAGE_PROFILE,
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": (
            "Figures on Russia–DPRK–ROK economic cooperation (trade, targets, debt, projects, routes, events), "
            "each row citing a source in sources.csv. Where sources disagree every source keeps its row and "
            "`preferred` marks the one the dashboard shows by default. README.md and CURATION.md say how the "
            "figures were curated. " + LICENCE_NOTE
        ),
        "version": version.content_hash,
        "dataVersion": version_descriptor(version),
        "citation": package_citation(version, url),
        "licenses": list(DATA_LICENSES),
        "contributors": [{"title": PUBLISHER, "roles": ["publisher"]}],
        "keywords": ["Russia", "DPRK", "North Korea", "South Korea", "trade", "debt", "infrastructure"],
        "sources": package_sources(tables["sources"]),
        "resources": resources,
    }
    if url:
        descriptor["homepage"] = url
    return descriptor


def _write(archive: zipfile.ZipFile, name: str, content: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, content)


def package_zip(
    tables: Mapping[str, pd.DataFrame],
    version: data_version.DataVersion,
    folder: Path | None = None,
    url: str | None = None,
) -> bytes:
    """The zip: ``datapackage.json``, ``data/<table>.csv`` for every table (formula-safe), the map outlines
    and the curation notes from ``folder`` (default: the data folder)."""
    missing = [name for name in TABLE_NAMES if name not in tables]
    if missing:
        raise PackageError(f"the package needs every table; missing: {', '.join(missing)}")
    folder = Path(folder) if folder else paths.data_dir()
    descriptor = package_descriptor(tables, version, url)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _write(archive, "datapackage.json", json.dumps(descriptor, ensure_ascii=False, indent=2).encode("utf-8"))
        for name in TABLE_NAMES:
            _write(archive, f"data/{name}.csv", export.to_csv_bytes(tables[name]))
        _write(archive, "data/outlines.geojson", (folder / "outlines.geojson").read_bytes())
        for document in DOCUMENTS:
            path = folder / document
            if path.exists():
                _write(archive, document, path.read_bytes())
    return buffer.getvalue()


def package_file_name(version: data_version.DataVersion) -> str:
    """``nea-data-package-<hash>.zip``."""
    return data_version.stamped_file_name("nea-data-package.zip", version.content_hash)


# ---- One filtered table ----------------------------------------------------------------------


def filtered_package_zip(
    name: str,
    frame: pd.DataFrame,
    total_rows: int,
    applied_filters: Mapping[str, str],
    version: data_version.DataVersion,
    citation_text: str,
    csv_name: str,
) -> bytes:
    """A small package: the filtered rows of table ``name`` as ``csv_name`` and a descriptor of its
    columns (generated from the model, without the references to tables it does not hold), the
    filters applied, the data version and the view's citation."""
    descriptor = {
        "$schema": PACKAGE_PROFILE,
        "name": f"{PACKAGE_NAME}-{name}-filtered",
        "title": f"{name}.csv, {len(frame)} of {total_rows} rows",
        "version": version.content_hash,
        "dataVersion": version_descriptor(version),
        "filters": {
            "table": name,
            "rows": len(frame),
            "ofRows": total_rows,
            "applied": dict(applied_filters),
        },
        "citation": citation_text,
        "licenses": list(DATA_LICENSES),
        "resources": [resource_descriptor(name, csv_name, with_foreign_keys=False)],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _write(archive, "datapackage.json", json.dumps(descriptor, ensure_ascii=False, indent=2).encode("utf-8"))
        _write(archive, csv_name, export.to_csv_bytes(frame))
    return buffer.getvalue()


# ---- Command line ----------------------------------------------------------------------------


def build(folder: Path | None = None) -> tuple[bytes, data_version.DataVersion]:
    """Load and validate every table in ``folder`` (default: the data folder); return the zip and its version.

    Raises ``PackageError`` naming each broken file.
    """
    folder = Path(folder) if folder else paths.data_dir()
    tables, errors = loader.load_all(folder)
    if errors:
        raise PackageError("\n".join(str(error) for error in errors.values()))
    version = data_version.DataVersion(data_version.content_hash(folder), data_version.newest_fact_date(tables))
    return package_zip(tables, version, folder), version


def main(arguments: list[str] | None = None) -> int:
    """Write ``nea-data-package-<hash>.zip`` into the output folder; print its path."""
    parser = argparse.ArgumentParser(description="Write the curated data as a Frictionless Data Package (zip).")
    parser.add_argument("output", nargs="?", default=str(paths.ROOT / "build" / "datapackage"), help="output folder")
    options = parser.parse_args(arguments)
    try:
        content, version = build()
    except PackageError as error:
        print(f"Cannot build the data package:\n{error}", file=sys.stderr)
        return 1
    output = Path(options.output)
    output.mkdir(parents=True, exist_ok=True)
    target = output / package_file_name(version)
    target.write_bytes(content)
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
