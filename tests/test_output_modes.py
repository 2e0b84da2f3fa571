"""Output modes: width follows COLUMNS on a terminal; JSON and diagram text never wrap."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certpath.cli import app
from tests.conftest import BASE_ENV


def invoke(catalog: Path, *args: str, **env: str | None) -> Any:
    """Run certpath on a fixture catalog with the pinned environment plus ``env``."""
    result = CliRunner().invoke(app, ["--no-builtin", "--catalog", str(catalog), *args],
                                env={**BASE_ENV, **env})
    assert result.exit_code == 0, result.stderr
    return result


@pytest.mark.parametrize("width", [60, 140])
def test_terminal_width_follows_columns(small_dir: Path, width: int) -> None:
    """On a terminal, no line is wider than COLUMNS, and wide terminals are used."""
    lines = invoke(small_dir, "path", "--to", "expert", CERTPATH_FORCE_TERMINAL="1", NO_COLOR="1",
                   COLUMNS=str(width)).stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    assert max(len(line) for line in lines) > 55


@pytest.mark.parametrize("args", [("show", "expert", "--json"), ("graph", "--format", "mermaid"),
                                  ("graph", "--format", "dot"), ("graph", "--json")])
def test_data_output_never_wraps(small_dir: Path, args: tuple[str, ...]) -> None:
    """JSON and diagram text are the same on a narrow terminal as when piped."""
    piped = invoke(small_dir, *args).stdout
    narrow = invoke(small_dir, *args, CERTPATH_FORCE_TERMINAL="1", COLUMNS="20").stdout
    assert narrow == piped
    assert max(len(line) for line in narrow.splitlines()) > 20


@pytest.mark.parametrize(("env", "args"), [({"NO_COLOR": "1"}, ()), ({"TERM": "dumb"}, ()),
                                           ({}, ("--no-color",))])
def test_colour_off(small_dir: Path, env: dict[str, str], args: tuple[str, ...]) -> None:
    """NO_COLOR, TERM=dumb and --no-color each turn colour off on a terminal."""
    out = invoke(small_dir, *args, "graph", CERTPATH_FORCE_TERMINAL="1", **env).stdout
    assert "\x1b" not in out
    assert "Cloud Expert" in out


def test_dumb_terminal_is_plain(small_dir: Path) -> None:
    """TERM=dumb draws no box or tree lines either."""
    out = invoke(small_dir, "graph", CERTPATH_FORCE_TERMINAL="1", TERM="dumb").stdout
    assert not set("\u2500\u2502\u251c\u2514") & set(out)


@pytest.mark.parametrize("columns", ["0", "-5", "abc", "99999999999999999999", "\u0661\u0662"])
def test_an_unusable_columns_value_is_ignored(small_dir: Path, columns: str) -> None:
    """COLUMNS=0 (or junk) is ignored: the table is drawn as at the default width, not dropped."""
    default = invoke(small_dir, "show", "expert", CERTPATH_FORCE_TERMINAL="1", NO_COLOR="1",
                     COLUMNS=None).stdout
    shown = invoke(small_dir, "show", "expert", CERTPATH_FORCE_TERMINAL="1", NO_COLOR="1",
                   COLUMNS=columns).stdout
    assert "Cloud Expert" in shown
    assert shown == default


def test_plain_columns_line_up_in_terminal_cells(write_catalog: Any) -> None:
    """Piped, a column starts at the same terminal column on every row, wide characters or not."""
    from rich.cells import cell_len

    from tests.conftest import LEVELS

    directory = write_catalog(
        LEVELS + "certifications:\n"
        "  - {id: a, name: 日本語の認定資格, track: cloud, level: beginner}\n"  # eight wide characters
        "  - {id: b, name: Café́ Ops, track: cloud, level: beginner}\n"  # a combining accent
        "  - {id: c, name: Plain, track: data, level: beginner}\n")
    result = CliRunner().invoke(app, ["--no-builtin", "-c", str(directory), "tracks"],
                                env={"NO_COLOR": "1"})
    assert result.exit_code == 0
    rows = result.stdout.splitlines()[:4]
    starts = {cell_len(row[:row.index(word)]) for row, word in
              zip(rows, ["Track", "Cloud", "Cloud", "Data"], strict=True)}
    assert starts == {16 + 2}  # the widest name (8 wide characters), then two spaces
