"""The published format: schemas generated from the model, committed, and referenced by the data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from certpath.catalog import FILE_NAMES
from certpath.cli import app
from certpath.schemas import file_schema

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> object:
    """Invoke certpath and return the result."""
    return CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "200"})


@pytest.mark.parametrize("stem", FILE_NAMES)
def test_committed_schema_is_current(stem: str) -> None:
    """schema/<file>.schema.json is exactly what 'certpath schema <file>' prints now."""
    result = CliRunner().invoke(app, ["schema", stem])
    assert result.exit_code == 0
    committed = (ROOT / "schema" / f"{stem}.schema.json").read_text(encoding="utf-8")
    assert committed == result.stdout, (
        f"schema/{stem}.schema.json is stale: run 'certpath schema {stem} > schema/{stem}.schema.json'")


@pytest.mark.parametrize("stem", FILE_NAMES)
def test_shipped_data_references_its_schema(stem: str) -> None:
    """Each shipped data file starts with the modeline that points a YAML language server at its schema."""
    first = (ROOT / "data" / f"{stem}.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schema/{stem}.schema.json"


def test_schema_follows_the_model() -> None:
    """The schema forbids unknown keys, requires what the model requires, and carries descriptions."""
    schema = file_schema("tracks")
    cert = schema["$defs"]["Certification"]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$ref"] == "#/$defs/TracksFile"
    assert cert["additionalProperties"] is False
    assert cert["required"] == ["id", "name", "track"]
    assert cert["properties"]["requires"]["description"].startswith("Certification prerequisites")
    requirement = schema["$defs"]["Requirement"]["properties"]
    assert set(requirement) == {"cert", "any_of", "choose", "recommended", "must_be_valid",
                                "must_stay_valid", "note", "sources"}
    assert requirement["choose"]["minimum"] == 1


def test_schema_says_how_programmes_work() -> None:
    """Exam codes, titles, fees, validity periods, renewal routes and retirement are in the schema."""
    defs = file_schema("tracks")["$defs"]
    cert = defs["Certification"]["properties"]
    assert {"exam", "title", "fee", "validity_periods", "renewal", "retired_on",
            "replaced_by"} <= set(cert)
    assert defs["Fee"]["required"] == ["amount", "currency"]
    assert defs["Fee"]["properties"]["currency"]["pattern"] == "^[A-Z]{3}(?!\\n)$"
    assert sorted(defs["RenewalRoute"]["properties"]["kind"]["enum"]) == [
        "assessment", "certification", "retake"]
    assert defs["ValidityPeriod"]["properties"]["since"]["format"] == "date"
    group = defs["Requirement"]["properties"]["any_of"]["anyOf"][0]["items"]["anyOf"]
    assert [g["type"] for g in group] == ["string", "array"]


def test_schema_without_a_file_lists_them() -> None:
    """'certpath schema' lists the files and documents; with --json it gives the three schemas."""
    listing = run("schema")
    assert listing.exit_code == 0
    files, documents = listing.stdout.split("\n\n")
    assert [line.split()[0] for line in files.splitlines()[1:]] == [
        "tracks.yaml", "roles.yaml", "institutions.yaml"]
    assert "path            certpath schema --output path" in documents.splitlines()
    doc = json.loads(run("schema", "--json").stdout)
    assert set(doc) == {"schema_version", "schemas", "outputs"}
    assert set(doc["schemas"]) == set(FILE_NAMES)
    assert {"path", "plan", "error"} <= set(doc["outputs"])


def test_schema_of_a_document() -> None:
    """'schema --output NAME' prints that document's schema; an unknown NAME or both is exit 2."""
    path = run("schema", "--output", "path")
    assert path.exit_code == 0
    assert json.loads(path.stdout)["title"] == "certpath path --json"
    unknown = run("schema", "--output", "nosuch")
    assert unknown.exit_code == 2
    assert "takes one of about, advise, diff, due, error," in unknown.stderr
    assert run("schema", "tracks", "--output", "path").exit_code == 2


def test_unknown_schema_is_bad_usage() -> None:
    """An unknown file name is a usage error (exit 2) that lists the choices."""
    result = run("schema", "courses")
    assert result.exit_code == 2
    assert "tracks" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["validate", "schema"])
def test_help_has_an_example(command: str) -> None:
    """validate and schema have --help ending in an example."""
    result = run(command, "--help")
    assert result.exit_code == 0
    assert f"Example: certpath {command}" in result.stdout


def test_every_field_is_documented() -> None:
    """docs/catalog-format.md has a table row for every field of every struct of the schema."""
    doc = (ROOT / "docs" / "catalog-format.md").read_text(encoding="utf-8")
    missing = [f"{name}.{field}" for stem in FILE_NAMES
               for name, definition in file_schema(stem)["$defs"].items()
               for field in definition["properties"] if f"| `{field}` |" not in doc]
    assert missing == []
