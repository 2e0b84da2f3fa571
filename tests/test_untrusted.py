"""A catalog is untrusted input: markup and control sequences in it are shown literally and harmlessly."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certpath.cli import app
from tests.conftest import WriteCatalog

EVIL = "[red]Evil[/]\\e[2J\\a\\r"  # YAML escapes for ESC, BEL and CR
CONTROL = {"\x1b", "\x07", "\r"}
COLOUR = re.compile(r"\x1b\[[0-9;]*m")  # certpath's own colours, removed before checking


@pytest.fixture
def evil_dir(write_catalog: WriteCatalog) -> Path:
    """A catalog whose names and descriptions carry Rich markup and terminal control sequences."""
    return write_catalog(
        f'tracks: [{{id: t, name: "{EVIL}"}}]\n'
        "certifications:\n"
        f'  - {{id: a, name: "{EVIL}", track: t, audience: "[bold]all[/bold]\\e]0;title\\a",\n'
        f'     skills: ["{EVIL}"]}}\n'
        f'  - {{id: b, name: B, track: t, requires: [a], prerequisites: ["{EVIL}"]}}\n',
        f'roles: [{{id: r, name: "{EVIL}", target: b, focus_area: "{EVIL}"}}]\n')


def run(evil_dir: Path, *args: str, terminal: bool = True) -> Any:
    """Run certpath on the catalog, drawing as on a colour terminal unless told otherwise."""
    env = {"COLUMNS": "300", "CERTPATH_FORCE_TERMINAL": "1"} if terminal else {"NO_COLOR": "1"}
    return CliRunner().invoke(app, ["--no-builtin", "-c", str(evil_dir), *args], env=env)


@pytest.mark.parametrize("args", [("tracks",), ("roles",), ("path", "--to", "b"),
                                  ("recommend", "--role", "r"), ("show", "a")])
@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "piped"])
def test_tables_show_markup_literally(evil_dir: Path, args: tuple[str, ...], terminal: bool) -> None:
    """Tables and views print markup as text and drop control characters, on a terminal or piped."""
    result = run(evil_dir, *args, terminal=terminal)
    assert result.exit_code == 0, result.stderr
    shown = COLOUR.sub("", result.stdout)
    assert "[red]Evil[/][2J" in shown
    assert not CONTROL & set(shown)


def test_json_escapes_control_characters(evil_dir: Path) -> None:
    """JSON output keeps the text exactly, with control characters escaped by JSON itself."""
    result = run(evil_dir, "tracks", "--json", terminal=False)
    assert not CONTROL & set(result.stdout)
    names = [c["name"] for c in json.loads(result.stdout)["certifications"]]
    assert names[0] == "[red]Evil[/]\x1b[2J\x07\r"


@pytest.mark.parametrize("command", ["tracks", "validate"])
def test_errors_show_untrusted_text_literally(write_catalog: WriteCatalog, command: str) -> None:
    """A bad key or value that carries markup or control characters is quoted harmlessly in errors."""
    directory = write_catalog('tracks: [{id: t, name: T, "[red]x[/]\\e[2J\\a": 1}]\n')
    result = run(directory, command)
    assert result.exit_code == 1
    shown = COLOUR.sub("", result.stdout + result.stderr)
    assert "unknown key '[red]x[/]\\x1b[2J\\x07'" in shown
    assert not CONTROL & set(shown)


def test_unknown_name_on_the_command_line_is_quoted(evil_dir: Path) -> None:
    """An unknown name typed with control characters is echoed back escaped."""
    result = run(evil_dir, "show", "\x1b[2J[red]nope", terminal=False)
    assert result.exit_code == 1
    assert result.stderr.startswith("certpath: error: unknown certification '\\x1b[2J[red]nope'")
