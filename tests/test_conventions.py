"""Command-line conventions: global options anywhere, and messages that name what to type."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from certpath.cli import app
from certpath.cli.arguments import hoist_global_options

ENV = {"NO_COLOR": None, "CERTPATH_CATALOG": None, "COLUMNS": "120"}


def run(*args: str, **env: str | None) -> object:
    """Invoke certpath with the given arguments."""
    return CliRunner().invoke(app, list(args), env={**ENV, **env})


@pytest.mark.parametrize(("given", "expected"), [
    (["tracks", "--no-color"], ["--no-color", "tracks"]),
    (["tracks", "--level", "x", "-c", "d", "--no-cache"], ["-c", "d", "--no-cache", "tracks",
                                                         "--level", "x"]),
    (["-c", "a", "profile", "show", "--catalog=b"], ["-c", "a", "--catalog=b", "profile", "show"]),
    (["faq", "--", "--no-color"], ["faq", "--", "--no-color"]),
    (["--no-color", "roles"], ["--no-color", "roles"]),
    (["path", "--to"], ["path", "--to"]),
])
def test_hoisting_moves_only_global_options(given: list[str], expected: list[str]) -> None:
    """Global options after the command move before it, with their values; '--' stops it."""
    assert hoist_global_options(given) == expected


def test_global_options_after_the_command(small_dir: Path) -> None:
    """--no-builtin, --catalog and --no-color work after the command (and a subcommand)."""
    before = run("--no-builtin", "--catalog", str(small_dir), "roles")
    after = run("roles", "--no-builtin", "--catalog", str(small_dir))
    assert after.exit_code == 0, after.stderr
    assert after.stdout == before.stdout
    assert "Site Reliability Engineer" in after.stdout
    coloured = run("roles", "--catalog", str(small_dir), "--no-builtin", "--no-color",
                   CERTPATH_FORCE_TERMINAL="1")
    assert coloured.exit_code == 0
    assert "\x1b[" not in coloured.stdout
    nested = run("profile", "show", f"--catalog={small_dir}", "--no-builtin", "--json")
    assert nested.exit_code == 0, nested.stderr


@pytest.mark.parametrize(("args", "said"), [
    (("path", "architect"), "unexpected argument 'architect': did you mean --to architect?"),
    (("recommend", "sre"), "unexpected argument 'sre': did you mean --role sre?"),
    (("plan", "architect"), "did you mean --to architect?"),
    (("roles", "extra"), "unexpected argument 'extra': this command takes options only"),
])
def test_a_stray_argument_names_the_option(args: tuple[str, ...], said: str) -> None:
    """A word where an option belongs is a usage error (2) naming the option it probably needs."""
    result = run(*args)
    assert result.exit_code == 2
    assert said in result.stderr
    assert result.stdout == ""


def test_an_unknown_level_lists_the_level_ids(small_dir: Path) -> None:
    """tracks --level with an unknown level says which ids there are (tests/conftest.py LEVELS)."""
    result = run("--no-builtin", "-c", str(small_dir), "tracks", "--level", "expert")
    assert result.exit_code == 1
    assert result.stderr == ("certpath: error: unknown level 'expert'; the levels are beginner, "
                             "intermediate, advanced\n")


@pytest.mark.parametrize("command", [("show",), ("path", "--to"), ("next",)])
def test_a_role_where_a_certification_belongs(small_dir: Path, command: tuple[str, ...]) -> None:
    """A role's name given for a certification says it is a role, and the command that takes one."""
    result = run("--no-builtin", "-c", str(small_dir), *command, "Site Reliability Engineer")
    assert result.exit_code == 1
    assert result.stderr == (
        "certpath: error: unknown certification 'Site Reliability Engineer'; 'Site Reliability "
        "Engineer' is a role: certpath recommend --role sre\n")


def test_a_numbered_choice_out_of_range_says_the_numbers(small_dir: Path) -> None:
    """advise: answering 9 when there are 2 roles says which numbers there are, then asks again."""
    result = CliRunner().invoke(
        app, ["--no-builtin", "-c", str(small_dir), "advise", "--have", "", "--hours-per-week",
              "5", "--start", "2027-01-04", "--no-save"], input="9\n1\n", env=ENV)
    assert result.exit_code == 0, result.stderr
    assert ("certpath: there is no number 9: the numbers are 1 to 2; or type an id or a name; "
            "try again") in result.stderr
    assert "Recommendation for Site Reliability Engineer" in result.stdout
