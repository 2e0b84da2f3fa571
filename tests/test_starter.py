"""certpath init, examples and examples copy: starting points that validate and run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certpath.catalog import validate_catalog
from certpath.cli import app

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> Any:
    """Invoke certpath with colour off."""
    return CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "CERTPATH_CATALOG": None})


@pytest.mark.parametrize("builtin", [True, False])
def test_init_writes_a_catalog_with_no_problem(tmp_path: Path, builtin: bool) -> None:
    """The starter catalog has no error and no warning, alone or on top of the shipped one."""
    result = run("init", str(tmp_path / "ours"))
    assert result.exit_code == 0, result.stderr
    report = validate_catalog([tmp_path / "ours"], builtin=builtin)
    assert report.findings == ()
    assert sorted(p.name for p in (tmp_path / "ours").iterdir()) == [
        "institutions.yaml", "roles.yaml", "tracks.yaml"]
    assert all(p.read_text(encoding="utf-8").startswith("#") for p in (tmp_path / "ours").iterdir())


def test_init_team_file_plans_with_the_starter_catalog(tmp_path: Path) -> None:
    """--team writes a team file whose members' roles and certifications are the catalog's."""
    assert run("init", str(tmp_path / "ours"), "--team", str(tmp_path / "team.yaml")).exit_code == 0
    result = run("--no-builtin", "-c", str(tmp_path / "ours"), "team", str(tmp_path / "team.yaml"),
                 "--start", "2027-01-04", "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [m["name"] for m in doc["members"]] == ["First member", "Second member"]


def test_init_never_overwrites(tmp_path: Path) -> None:
    """A non-empty DIR or an existing team file is refused, and nothing is written."""
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine", encoding="utf-8")
    refused = run("init", str(tmp_path / "full"))
    assert refused.exit_code == 1
    assert "exists and is not empty" in refused.stderr
    (tmp_path / "team.yaml").write_text("mine", encoding="utf-8")
    refused = run("init", str(tmp_path / "new"), "--team", str(tmp_path / "team.yaml"))
    assert refused.exit_code == 1
    assert "already exists" in refused.stderr
    assert not (tmp_path / "new").exists()
    assert (tmp_path / "team.yaml").read_text(encoding="utf-8") == "mine"


def test_examples_lists_what_the_repository_ships() -> None:
    """Every catalog directory and team file of examples/ is listed, catalogs first."""
    doc = json.loads(run("examples", "--json").stdout)
    catalogs = sorted(p.name for p in (ROOT / "examples").iterdir() if (p / "tracks.yaml").is_file())
    teams = sorted(p.stem for p in (ROOT / "examples").glob("*.yaml"))
    assert [e["name"] for e in doc["examples"]] == catalogs + teams
    assert {e["kind"] for e in doc["examples"][:len(catalogs)]} == {"catalog"}
    assert all(e["about"] for e in doc["examples"])
    text = run("examples").stdout
    assert all(name in text for name in catalogs + teams)


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "examples").iterdir()
                                        if (p / "tracks.yaml").is_file()))
def test_each_example_catalog_copies_and_validates(tmp_path: Path, name: str) -> None:
    """A copied example catalog is the shipped files, byte for byte, and has no error."""
    result = run("examples", "copy", name, str(tmp_path / name))
    assert result.exit_code == 0, result.stderr
    for original in (ROOT / "examples" / name).iterdir():
        assert (tmp_path / name / original.name).read_bytes() == original.read_bytes()
    assert validate_catalog([tmp_path / name], builtin=False).ok


def test_a_team_example_takes_the_spreadsheet_it_reads(tmp_path: Path) -> None:
    """team-goals reads team-holdings.csv: the copy has both and runs where it was copied."""
    assert run("examples", "copy", "team-goals", str(tmp_path)).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "team-goals.yaml", "team-holdings.csv"]
    result = run("team", str(tmp_path / "team-goals.yaml"), "--start", "2027-01-04")
    assert result.exit_code == 0, result.stderr


def test_examples_copy_refuses_unknown_names_and_existing_files(tmp_path: Path) -> None:
    """An unknown example suggests the nearest; a copy never overwrites."""
    unknown = run("examples", "copy", "kubernets", str(tmp_path / "x"))
    assert unknown.exit_code == 1
    assert "nearest: kubernetes" in unknown.stderr
    assert run("examples", "copy", "team", str(tmp_path)).exit_code == 0
    again = run("examples", "copy", "team", str(tmp_path))
    assert again.exit_code == 1
    assert "already exists" in again.stderr
