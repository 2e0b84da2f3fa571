"""plan --ics/--markdown and team --markdown: bad output targets are one line on stderr, exit 1."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certpath.cli import app
from tests.conftest import WriteCatalog
from tests.plan_fixtures import PLANNED_TRACKS


@pytest.fixture
def planned_dir(write_catalog: WriteCatalog) -> Path:
    """The catalog with preparation plans and validity periods."""
    return write_catalog(PLANNED_TRACKS)


def run(catalog: Path, *args: str) -> Any:
    """Invoke certpath on a fixture catalog with a fixed today."""
    return CliRunner().invoke(app, ["--no-builtin", "--catalog", str(catalog), *args],
                              env={"NO_COLOR": "1", "CERTPATH_TODAY": "2025-01-06"})


def test_plan_checks_every_output_before_writing(planned_dir: Path, tmp_path: Path) -> None:
    """A bad --markdown target fails the command before --ics writes anything."""
    ics_file, md_file = tmp_path / "ok.ics", tmp_path / "missing" / "plan.md"
    result = run(planned_dir, "plan", "--to", "arch", "--ics", str(ics_file),
                 "--markdown", str(md_file))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert f"the folder {tmp_path / 'missing'} does not exist" in result.stderr
    assert not ics_file.exists()
    assert not md_file.parent.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_plan_refuses_a_fifo(planned_dir: Path, tmp_path: Path) -> None:
    """--ics to a FIFO is refused with one line, and the FIFO stays."""
    fifo = tmp_path / "pipe.ics"
    os.mkfifo(fifo)
    result = run(planned_dir, "plan", "--to", "arch", "--ics", str(fifo))
    assert result.exit_code == 1
    assert result.stderr == f"certpath: error: {fifo}: not a regular file; give the path of a file " \
                            "to write\n"
    assert fifo.is_fifo()


def test_team_markdown_missing_folder(small_dir: Path, tmp_path: Path) -> None:
    """team --markdown into a folder that does not exist is an error, not a new folder."""
    team = tmp_path / "team.yaml"
    team.write_text("hours_per_week: 10\nmembers:\n  - {name: Ana, role: sre}\n", encoding="utf-8")
    result = run(small_dir, "team", str(team), "--markdown", str(tmp_path / "no" / "team.md"))
    assert result.exit_code == 1
    assert "does not exist; create it first" in result.stderr
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("command", [("due",), ("plan", "--to", "arch")])
def test_written_file_name_is_sanitised(planned_dir: Path, tmp_path: Path,
                                        command: tuple[str, ...]) -> None:
    """The line naming a written calendar shows the file name without its terminal controls."""
    target = tmp_path / "r\x1b]52;c;aGk=\x07.ics"
    result = CliRunner().invoke(
        app, ["--no-builtin", "--catalog", str(planned_dir), *command, "--ics", str(target)],
        env={"NO_COLOR": "1", "CERTPATH_TODAY": "2025-01-06",
             "CERTPATH_PROFILE": str(tmp_path / "profile.yaml")})
    assert result.exit_code == 0, result.stderr
    assert target.exists()
    what = "the reminders" if command == ("due",) else "the calendar"
    assert result.stderr == f"certpath: wrote {what} to {tmp_path}/r]52;c;aGk=.ics\n"
