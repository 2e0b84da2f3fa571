"""The first minute: a welcome without arguments, and suggestions for a mistyped name."""

from __future__ import annotations

from typer.testing import CliRunner

from certpath import __version__
from certpath.cli import app
from tests.conftest import run


def test_no_arguments_prints_a_welcome() -> None:
    """'certpath' alone: a short welcome naming three commands, exit 0, nothing on stderr."""
    result = CliRunner().invoke(app, [], env={"NO_COLOR": "1"})
    assert result.exit_code == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == f"certpath {__version__}"
    commands = [line.split("  ")[0] for line in lines if line.startswith("certpath ")][1:]
    assert commands == ["certpath advise", "certpath recommend --role ROLE",
                        "certpath path --to CERT"]
    assert len(lines) <= 10


def test_welcome_ignores_global_options() -> None:
    """Global options without a command still give the welcome, and load no catalog."""
    result = run("--no-color", "--catalog", "/nonexistent")
    assert result.exit_code == 0
    assert "Start here" in result.stdout


def test_mistyped_command_suggests_the_nearest() -> None:
    """A mistyped command is a usage error that names the nearest command."""
    result = run("recomend")
    assert result.exit_code == 2
    assert "No such command 'recomend'. Did you mean 'recommend'?" in result.stderr
    assert result.stdout == ""


def test_mistyped_option_suggests_the_nearest() -> None:
    """A mistyped option is a usage error that names the nearest option."""
    result = run("tracks", "--levl", "beginner")
    assert result.exit_code == 2
    assert "No such option: --levl" in result.stderr
    assert "--level" in result.stderr
