"""Snapshots of every command's human output: piped, terminal and colour at 100 columns, and
a terminal at 60 columns (where wide tables are stacked).

A change to the output is a visible diff under tests/snapshots/. To accept a change, run
``CERTPATH_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_snapshots.py`` and review the diff.
Escape codes are stored as the visible character U+241B so the files read as text.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from certpath.cli import app
from tests.conftest import BASE_ENV

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
ESC_SHOWN = "\u241b"

COMMANDS = {
    "welcome": (),
    "tracks": ("tracks",),
    "show": ("show", "expert"),
    "path": ("path", "--to", "expert", "--have", "basics"),
    "recommend": ("recommend", "--role", "sre"),
    "roles": ("roles",),
    "institutions": ("institutions",),
    "learning-paths": ("learning-paths",),
    "faq": ("faq", "anything"),
    "graph": ("graph",),
    "graph-to": ("graph", "--to", "expert", "--have", "basics"),
    "advise": ("advise", "--role", "sre", "--have", "basics", "--hours-per-week", "8",
               "--start", "2027-01-04"),
    "plan": ("plan", "--to", "expert", "--have", "basics", "--hours-per-week", "8",
             "--start", "2027-01-04"),
    "next": ("next", "basics"),
    "team": ("team", "team.yaml"),  # starts on CERTPATH_TODAY
    "profile-show": ("profile", "show"),
}
# Files in the working directory, given by relative names so the output does not vary.
TEAM = """\
name: Reliability
hours_per_week: 5
members:
  - {name: Ana, role: sre, have: [basics], hours_per_week: 10}
  - {name: Bo, role: sre}
  - {name: Cy, role: intern}
"""
PROFILE = """\
schema_version: 1
role: sre
hours_per_week: 6
earned: {basics: 2026-05-01, assoc-b: null}
"""
COMMAND_ENV = {"profile-show": {"CERTPATH_PROFILE": "profile.yaml"}}
MODES: dict[str, dict[str, str | None]] = {
    "plain": {},
    "terminal": {"CERTPATH_FORCE_TERMINAL": "1", "NO_COLOR": "1"},
    "color": {"CERTPATH_FORCE_TERMINAL": "1"},
    "narrow": {"CERTPATH_FORCE_TERMINAL": "1", "NO_COLOR": "1", "COLUMNS": "60"},
}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory holding the team file and a profile, for commands that read them."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "team.yaml").write_text(TEAM, encoding="utf-8")
    (tmp_path / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    return tmp_path


@pytest.mark.usefixtures("workdir")
@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_snapshot(small_dir: Path, name: str, mode: str) -> None:
    """The human output matches its snapshot exactly."""
    args = ["--no-builtin", "--catalog", str(small_dir), *COMMANDS[name]]
    env = {**BASE_ENV, **MODES[mode], **COMMAND_ENV.get(name, {})}
    result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code == 0, result.stderr
    shown = result.stdout.replace("\x1b", ESC_SHOWN)
    path = SNAPSHOTS / f"{name}.{mode}.txt"
    if os.environ.get("CERTPATH_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(shown, encoding="utf-8")
    assert path.is_file(), f"no snapshot {path.name}; create it with CERTPATH_UPDATE_SNAPSHOTS=1"
    assert shown == path.read_text(encoding="utf-8"), (
        f"{name} ({mode}) differs from {path.name}; if the change is meant, "
        "rerun with CERTPATH_UPDATE_SNAPSHOTS=1 and review the diff")


def test_modes_differ_as_documented(small_dir: Path) -> None:
    """Piped output has no box drawing or escapes; terminal has boxes; colour adds escapes."""
    plain, terminal, color = ((SNAPSHOTS / f"path.{m}.txt").read_text(encoding="utf-8")
                              for m in ("plain", "terminal", "color"))
    assert not {ESC_SHOWN, "\u2500"} & set(plain)
    assert "\u2500" in terminal
    assert ESC_SHOWN not in terminal
    assert ESC_SHOWN in color
