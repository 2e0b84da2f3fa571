"""certpath diff: what a catalog change does, worked out by hand on two small catalogs."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certpath.catalog import load_catalog
from certpath.catalogdiff import diff_catalogs
from certpath.cli import app
from tests.conftest import LEVELS, WriteCatalog

OLD = LEVELS + """\
certifications:
  - {id: basics, name: Basics, track: cloud, level: beginner}
  - {id: assoc, name: Assoc, track: cloud, level: intermediate, requires: [basics],
     fee: {amount: 100, currency: USD}}
  - {id: expert, name: Expert, track: cloud, level: advanced, requires: [assoc]}
  - {id: legacy, name: Legacy, track: data, level: beginner}
"""
NEW = LEVELS + """\
certifications:
  - {id: basics, name: Basics, track: cloud, level: beginner}
  - {id: assoc, name: Associate, track: cloud, level: intermediate, requires: [basics],
     fee: {amount: 150, currency: USD}}
  - {id: expert, name: Expert, track: cloud, level: advanced, requires: [assoc, bridge]}
  - {id: bridge, name: Bridge, track: cloud, level: beginner}
"""
ROLES = "roles:\n  - {id: sre, name: SRE, target: expert}\n"
NEW_ROLES = ROLES + "  - {id: starter, name: Starter, target: basics}\n"


def run(*args: str) -> Any:
    """Invoke certpath without the shipped catalog."""
    return CliRunner().invoke(app, ["--no-builtin", *args], env={"NO_COLOR": "1"})


@pytest.fixture
def sides(write_catalog: WriteCatalog) -> tuple[Path, Path]:
    """The old and the new catalog directories."""
    return write_catalog(OLD, ROLES), write_catalog(NEW, NEW_ROLES)


def test_entries_requirements_roles_and_fees(sides: tuple[Path, Path]) -> None:
    """Added, removed and changed entries, a new requirement, a new role and a fee change."""
    found = diff_catalogs(*(load_catalog([d], builtin=False) for d in sides))
    assert found.certifications.added == (("bridge", "Bridge"),)
    assert found.certifications.removed == (("legacy", "Legacy"),)
    [(cid, fields)] = found.certifications.changed  # expert changed only its requirements
    assert cid == "assoc"
    assert [(f.field, f.before, f.after) for f in fields] == [("name", "Assoc", "Associate")]
    assert found.requirements_added == (("expert", "bridge"),)
    assert found.requirements_removed == ()
    assert found.roles.added == (("starter", "Starter"),)
    assert found.fees == (("assoc", "USD 100", "USD 150"),)


def test_paths_before_and_after(sides: tuple[Path, Path]) -> None:
    """sre's path and expert's gain bridge; assoc's and basics' paths do not change."""
    found = diff_catalogs(*(load_catalog([d], builtin=False) for d in sides))
    before = (("basics", True), ("assoc", True), ("expert", True))
    # prerequisites first, then by level, then in catalog order: bridge (beginner) before assoc
    after = (("basics", True), ("bridge", True), ("assoc", True), ("expert", True))
    assert [(p.kind, p.id, p.before, p.after) for p in found.paths] == [
        ("role", "sre", before, after), ("certification", "expert", before, after)]


def test_no_change_is_said(write_catalog: WriteCatalog) -> None:
    """The same catalog on both sides: nothing to report."""
    one, two = write_catalog(OLD, ROLES), write_catalog(OLD, ROLES)
    result = run("diff", str(one), str(two))
    assert result.exit_code == 0
    assert "No change" in result.stdout
    assert json.loads(run("diff", str(one), str(two), "--json").stdout)["changed"] is False


def test_text_json_and_github(sides: tuple[Path, Path]) -> None:
    """The three forms say the same: lines, a document, Markdown for a pull request."""
    old, new = (str(d) for d in sides)
    text = run("diff", old, new).stdout
    assert "+ bridge (Bridge)" in text
    assert "- legacy (Legacy)" in text
    assert "~ assoc: name 'Assoc' -> 'Associate'" in text
    assert "~ assoc: USD 100 -> USD 150" in text
    assert "role sre (to expert): basics -> assoc -> expert  =>  basics -> bridge -> assoc -> expert" \
        in text
    doc = json.loads(run("diff", old, new, "--json").stdout)
    assert set(doc) == {"schema_version", "old", "new", "changed", "certifications", "requirements",
                        "roles", "fees", "paths"}
    assert doc["fees"] == [{"certification": "assoc", "before": "USD 100", "after": "USD 150"}]
    assert doc["paths"][0]["after"]["steps"][1] == {"id": "bridge", "required": True}
    markdown = run("diff", old, new, "--format", "github").stdout
    assert markdown.startswith("### certpath diff: ")
    assert "- \\+ bridge (Bridge)" in markdown


def test_bad_usage(sides: tuple[Path, Path]) -> None:
    """One directory without --git, or --json with --format github, is bad usage (exit 2)."""
    assert run("diff", str(sides[0])).exit_code == 2
    assert run("diff", *map(str, sides), "--json", "--format", "github").exit_code == 2


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_revision_against_the_working_tree(tmp_path: Path) -> None:
    """--git HEAD compares the committed catalog with the edited one; a new directory is all new."""
    repo = tmp_path / "repo"
    (repo / "cat").mkdir(parents=True)
    (repo / "cat" / "tracks.yaml").write_text(OLD, encoding="utf-8")
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin"}
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "catalog"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env=env)
    (repo / "cat" / "tracks.yaml").write_text(NEW, encoding="utf-8")
    doc = json.loads(run("diff", "--git", "HEAD", str(repo / "cat"), "--json").stdout)
    assert [c["id"] for c in doc["certifications"]["added"]] == ["bridge"]
    assert [c["id"] for c in doc["certifications"]["removed"]] == ["legacy"]
    (repo / "fresh").mkdir()
    (repo / "fresh" / "tracks.yaml").write_text(OLD, encoding="utf-8")
    fresh = json.loads(run("diff", "--git", "HEAD", str(repo / "fresh"), "--json").stdout)
    assert [c["id"] for c in fresh["certifications"]["added"]] == ["basics", "assoc", "expert", "legacy"]
    unknown = run("diff", "--git", "no-such-rev", str(repo / "cat"))
    assert unknown.exit_code == 1
    assert "no revision 'no-such-rev'" in unknown.stderr
    assert run("diff", "--git", "--output=x", str(repo / "cat")).exit_code == 2  # not an option
