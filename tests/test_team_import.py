"""certpath team import: a member's credentials recorded in the team file, every other line kept."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certpath.catalog import load_catalog
from certpath.cli import app
from certpath.team import load_team
from tests import credential_fixtures as fx

TEAM = """\
# Our team (this comment stays)
schema_version: 1
hours_per_week: 5
members:
  - name: Asha          # the SRE
    role: sre
    have: [basics]
  - name: Ben
    role: sre
    have:
      - assoc-b
      - basics   # a comment in the list
  - name: Chen
    role: sre
  - {name: Dana, role: sre}
"""


def run(catalog: Path, *args: str) -> Any:
    """Invoke certpath on a fixture catalog with today fixed at 2025-01-06."""
    return CliRunner().invoke(app, ["--no-builtin", "--catalog", str(catalog), *args],
                              env={"NO_COLOR": "1", "CERTPATH_TODAY": "2025-01-06",
                                   "COLUMNS": "160"})


@pytest.fixture
def team_file(tmp_path: Path) -> Path:
    """The team file above."""
    path = tmp_path / "team.yaml"
    path.write_text(TEAM, encoding="utf-8")
    return path


@pytest.fixture
def badge(tmp_path: Path) -> Path:
    """An Open Badges 2.0 assertion for Associate A, issued 2016-12-31."""
    doc = {**fx.OB2_ASSERTION, "badge": {**fx.OB2_ASSERTION["badge"], "name": "Associate A"}}
    path = tmp_path / "assoc-a.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize(("member", "before", "after"), [
    ("Asha", "    have: [basics]\n", '    have: [basics, "assoc-a:2016-12-31"]\n'),
    ("Ben", "    have:\n      - assoc-b\n      - basics   # a comment in the list\n",
     '    have:\n      [assoc-b, basics, "assoc-a:2016-12-31"]   # a comment in the list\n'),
    ("Chen", "  - name: Chen\n    role: sre\n",
     '  - name: Chen\n    have: ["assoc-a:2016-12-31"]\n    role: sre\n'),
    ("Dana", "  - {name: Dana, role: sre}\n",
     '  - {name: Dana, role: sre, have: ["assoc-a:2016-12-31"]}\n'),
], ids=["flow-list", "block-list", "no-list", "flow-member"])
def test_only_the_members_list_changes(small_dir: Path, team_file: Path, badge: Path,
                                       member: str, before: str, after: str) -> None:
    """The member's have list gains the certification; every other line stays as it was."""
    result = run(small_dir, "team", "import", str(team_file), "--member", member, str(badge))
    assert result.exit_code == 0, result.stderr
    assert team_file.read_text(encoding="utf-8") == TEAM.replace(before, after, 1)
    team = load_team(team_file, load_catalog([small_dir], builtin=False),
                     today=dt.date(2025, 1, 6))
    held = next(m for m in team.members if m.name == member).earned
    assert held["assoc-a"] == dt.date(2016, 12, 31)


def test_dry_run_and_json(small_dir: Path, team_file: Path, badge: Path) -> None:
    """--dry-run writes nothing; the JSON is the import document with the member."""
    result = run(small_dir, "team", "import", str(team_file), "--member", "Asha", str(badge),
                 "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert (doc["member"], doc["dry_run"], doc["counts"]["add"]) == ("Asha", True, 1)
    assert team_file.read_text(encoding="utf-8") == TEAM


def test_unknown_member_and_bad_file_write_nothing(small_dir: Path, team_file: Path,
                                                   badge: Path, tmp_path: Path) -> None:
    """An unknown member, or one bad credential file: exit 1, one line, the file unchanged."""
    unknown = run(small_dir, "team", "import", str(team_file), "--member", "Zed", str(badge))
    assert unknown.exit_code == 1
    assert "unknown member 'Zed'" in unknown.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    broken = run(small_dir, "team", "import", str(team_file), "--member", "Asha", str(badge),
                 str(bad))
    assert broken.exit_code == 1
    assert broken.stderr.startswith(f"certpath: error: {bad}:1:6: malformed JSON")
    assert team_file.read_text(encoding="utf-8") == TEAM


@pytest.mark.parametrize(("have", "written"), [
    ('["x]", basics]', '["x]", basics, "assoc-a:2016-12-31"]'),
    ('["#x"]', '["#x", "assoc-a:2016-12-31"]'),
    ('["a\\u007fb"]', '["a\\u007fb", "assoc-a:2016-12-31"]'),
    ('["x\\u202e"]', '["x\\u202e", "assoc-a:2016-12-31"]'),
])
def test_hostile_have_items_are_kept_exactly(small_dir: Path, tmp_path: Path, badge: Path,
                                             have: str, written: str) -> None:
    """Items YAML would misread unquoted (']', '#', DEL, an override) are written back quoted."""
    path = tmp_path / "team.yaml"
    path.write_text(f"members:\n  - name: Asha\n    role: sre\n    have: {have}\n",
                    encoding="utf-8")
    result = run(small_dir, "team", "import", str(path), "--member", "Asha", str(badge))
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8").splitlines()[-1] == f"    have: {written}"


@pytest.mark.parametrize("text", [
    "members:\n  - name: Asha\n    have: [{a: 1}]\n",
    "members:\n  - name: Asha\n    x: " + "[" * 5000 + "]" * 5000 + "\n",
    'members:\n  - name: Asha\n    have: ["\\ud800"]\n',
])
def test_a_team_file_import_cannot_use_is_left_alone(small_dir: Path, tmp_path: Path,
                                                      badge: Path, text: str) -> None:
    """A list item that is no name, nesting past the limit, a bad escape: exit 1, file untouched."""
    path = tmp_path / "team.yaml"
    path.write_text(text, encoding="utf-8")
    result = run(small_dir, "team", "import", str(path), "--member", "Asha", str(badge))
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(f"certpath: {path}")
    assert path.read_text(encoding="utf-8") == text
