"""The curated data as a Frictionless Data Package: valid by the frictionless library, generated from the
pandera models, failing on a planted broken foreign key, and reading back as the same tables."""

import io
import json
import zipfile
from datetime import date

import pandas as pd
import pytest
from frictionless import Package

from components.data import data_version, datapackage, loader, paths, schema, vocabularies

VERSION = data_version.DataVersion("abc1234567", date(2025, 6, 11))


@pytest.fixture(scope="module")
def curated_tables() -> dict[str, pd.DataFrame]:
    tables, errors = loader.load_all()
    assert not errors
    return tables


def write_zip(tmp_path, content: bytes, name: str = "package.zip"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def frictionless_report(zip_path):
    """Validate with the frictionless library, which unpacks the zip, reads every resource and checks
    types, constraints, primary keys and foreign keys."""
    return Package(str(zip_path)).validate()


def test_the_built_package_is_valid(tmp_path, curated_tables):
    report = frictionless_report(write_zip(tmp_path, datapackage.package_zip(curated_tables, VERSION)))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert {task.name for task in report.tasks} == {*schema.TABLE_NAMES, "outlines"}


def test_a_broken_foreign_key_makes_it_invalid(tmp_path, curated_tables):
    planted = dict(curated_tables)
    planted["trade"] = curated_tables["trade"].copy()
    planted["trade"].loc[planted["trade"].index[3], "source_id"] = "no-such-source"
    report = frictionless_report(write_zip(tmp_path, datapackage.package_zip(planted, VERSION)))
    assert not report.valid
    errors = report.flatten(["rowNumber", "type", "note"])
    assert errors == [[5, "foreign-key", errors[0][2]]]
    assert "no-such-source" in errors[0][2] and '"sources"' in errors[0][2]


def test_a_broken_route_to_project_key_makes_it_invalid(tmp_path, curated_tables):
    planted = dict(curated_tables)
    planted["routes"] = curated_tables["routes"].copy()
    planted["routes"].loc[planted["routes"].index[0], "project_id"] = "ghost-project"
    report = frictionless_report(write_zip(tmp_path, datapackage.package_zip(planted, VERSION)))
    assert [error[0] for error in report.flatten(["type"])] == ["foreign-key"]


def test_a_value_outside_the_models_range_makes_it_invalid(tmp_path, curated_tables):
    planted = dict(curated_tables)
    planted["debt"] = curated_tables["debt"].copy()
    planted["debt"].loc[planted["debt"].index[0], "written_off_share"] = 1.5
    report = frictionless_report(write_zip(tmp_path, datapackage.package_zip(planted, VERSION)))
    assert [error[:2] for error in report.flatten(["type", "fieldName"])] == [["constraint-error", "written_off_share"]]


def test_the_csvs_read_back_as_the_curated_tables(tmp_path, curated_tables):
    with zipfile.ZipFile(io.BytesIO(datapackage.package_zip(curated_tables, VERSION))) as archive:
        archive.extractall(tmp_path / "unzipped")
    folder = tmp_path / "unzipped" / "data"
    for name in schema.TABLE_NAMES:
        pd.testing.assert_frame_equal(loader.load(name, folder), curated_tables[name], check_dtype=True, obj=name)
    assert (folder / "outlines.geojson").read_bytes() == (paths.DEFAULT_DATA_DIR / "outlines.geojson").read_bytes()
    assert (tmp_path / "unzipped" / "CURATION.md").exists() and (tmp_path / "unzipped" / "README.md").exists()


def test_every_schema_comes_from_its_pandera_model():
    for name, model in schema.MODELS.items():
        model_schema = model.to_schema()
        table_schema = datapackage.table_schema(name)
        fields = {field["name"]: field for field in table_schema["fields"]}
        assert list(fields) == list(model_schema.columns)
        assert table_schema["primaryKey"] == schema.primary_key(name)
        for column, spec in model_schema.columns.items():
            assert fields[column]["description"].startswith(spec.description)
            assert fields[column].get("constraints", {}).get("required", False) is (not spec.nullable)
        assert [key["fields"][0] for key in table_schema.get("foreignKeys", [])] == [
            column for column, _, _ in schema.foreign_keys(name)
        ]


def test_field_types_and_constraints_follow_the_model_checks():
    trade = {field["name"]: field for field in datapackage.table_schema("trade")["fields"]}
    assert trade["year"]["type"] == "integer"
    assert trade["year"]["constraints"] == {"required": True, "minimum": 1945, "maximum": 2100}
    assert trade["flow"]["constraints"]["enum"] == list(vocabularies.FLOWS)
    assert trade["value_usd_m"]["type"] == "number" and "(unit: USD million)" in trade["value_usd_m"]["description"]
    assert trade["preferred"]["type"] == "boolean"
    sources = {field["name"]: field for field in datapackage.table_schema("sources")["fields"]}
    assert sources["source_id"]["constraints"] == {"required": True, "unique": True, "pattern": "[a-z0-9][a-z0-9_.-]*"}
    assert sources["published"]["type"] == "date" and "constraints" not in sources["published"]
    targets = {field["name"]: field for field in datapackage.table_schema("targets")["fields"]}
    assert targets["target_usd_m"]["constraints"]["exclusiveMinimum"] == 0
    debt = {field["name"]: field for field in datapackage.table_schema("debt")["fields"]}
    assert debt["written_off_share"]["constraints"] == {"required": True, "minimum": 0, "maximum": 1}
    assert datapackage.table_schema("routes")["foreignKeys"] == [
        {"fields": ["project_id"], "reference": {"resource": "projects", "fields": ["project_id"]}},
        {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}},
        {"fields": ["track_source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}},
    ]


def test_the_descriptor_carries_licences_sources_version_and_citation(curated_tables):
    descriptor = datapackage.package_descriptor(curated_tables, VERSION, "https://nea.example/data")
    assert descriptor["licenses"] and all(licence["name"] and licence["path"] for licence in descriptor["licenses"])
    assert len(descriptor["sources"]) == len(curated_tables["sources"])
    assert descriptor["version"] == "abc1234567"
    assert descriptor["dataVersion"] == {"contentHash": "abc1234567", "label": VERSION.label, "factsTo": "2025-06-11"}
    assert "Data version abc1234567 (facts to 2025-06-11)" in descriptor["citation"]
    assert descriptor["citation"].endswith("https://nea.example/data")
    resource_rules = next(r for r in descriptor["resources"] if r["name"] == "trade")["description"]
    assert "exactly one row per year, reporter, partner and flow must be preferred" in resource_rules


def test_the_same_data_gives_the_same_bytes(curated_tables):
    assert datapackage.package_zip(curated_tables, VERSION) == datapackage.package_zip(curated_tables, VERSION)


def test_a_missing_table_is_refused(curated_tables):
    with pytest.raises(datapackage.PackageError, match="missing: events"):
        datapackage.package_zip({name: t for name, t in curated_tables.items() if name != "events"}, VERSION)


def test_a_filtered_table_comes_as_a_small_valid_package(tmp_path, curated_tables):
    trade = curated_tables["trade"]
    shown = trade[trade["year"].between(2000, 2005)]
    applied = {"year": "2000 to 2005"}
    content = datapackage.filtered_package_zip(
        "trade", shown, len(trade), applied, VERSION, "Cite me.", "nea-trade-filtered-abc1234567.csv"
    )
    report = frictionless_report(write_zip(tmp_path, content))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert sorted(archive.namelist()) == ["datapackage.json", "nea-trade-filtered-abc1234567.csv"]
        descriptor = json.loads(archive.read("datapackage.json"))
        rows = pd.read_csv(io.BytesIO(archive.read("nea-trade-filtered-abc1234567.csv")))
    assert descriptor["filters"] == {"table": "trade", "rows": len(shown), "ofRows": len(trade), "applied": applied}
    assert descriptor["citation"] == "Cite me." and descriptor["dataVersion"]["contentHash"] == "abc1234567"
    (resource,) = descriptor["resources"]
    assert [field["name"] for field in resource["schema"]["fields"]] == list(trade.columns)
    assert "foreignKeys" not in resource["schema"]
    assert len(rows) == len(shown) and rows["year"].between(2000, 2005).all()


def test_the_command_line_writes_the_zip_and_refuses_broken_data(tmp_path, data_copy, capsys):
    assert datapackage.main([str(tmp_path / "out")]) == 0
    (written,) = (tmp_path / "out").glob("*.zip")
    assert written.name == f"nea-data-package-{data_version.content_hash(data_copy)}.zip"
    assert frictionless_report(written).valid
    (data_copy / "debt.csv").write_text("agreement_id\nx\n", encoding="utf-8")
    assert datapackage.main([str(tmp_path / "again")]) == 1
    assert "data/debt.csv" in capsys.readouterr().err
