"""Bad input never crashes and never writes anything: exit 1, a clear message, no traceback.

Each case builds a catalog directory with one broken file (or a broken command line), runs a
command on it, and checks the exit code, the message (naming file and line where there is
one), that no traceback is shown, and that neither the catalog directory nor the working
directory changed.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certpath.cli import app
from certpath.yamldoc import MAX_FILE_BYTES
from tests.conftest import (
    LEVELS,
    SMALL_INSTITUTIONS,
    SMALL_ROLES,
    SMALL_TRACKS,
    obeying_permissions,
)

CERT = "certifications:\n  - {id: a, name: A, track: cloud}\n"
ALIAS_BOMB = "\n".join(
    ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    + [f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 10) + "]"
       for i in range(1, 9)]) + "\n"


@dataclass(frozen=True)
class Case:
    """One bad input: how to make tracks.yaml (text, bytes or a function), and what to expect."""

    content: str | bytes | Callable[[Path], None]
    where: str  # "tracks.yaml:LINE:" or "tracks.yaml:" when no line applies
    message: str


def _symlink_loop(path: Path) -> None:
    path.symlink_to(path.name)


def _broken_link(path: Path) -> None:
    path.symlink_to("nowhere.yaml")


def _directory(path: Path) -> None:
    path.mkdir()


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _oversize(path: Path) -> None:
    with path.open("wb") as handle:  # sparse: the size is what counts, not the bytes written
        handle.truncate(MAX_FILE_BYTES + 1)


CASES = {
    "syntax error": Case("certifications: [\n", "tracks.yaml:2:1:", "YAML syntax"),
    "tab indentation": Case("tracks:\n\t- {id: x, name: X}\n", "tracks.yaml:2:1:",
                            "indent with spaces, not tabs"),
    "wrong type": Case(LEVELS + "certifications:\n  - {id: a, name: 5, track: cloud}\n",
                       "tracks.yaml:9:19:", "expected text, got a whole number (5)"),
    "list where a mapping belongs": Case("levels: [beginner]\n", "tracks.yaml:1:10:",
                                         "expected a mapping, got text"),
    "top level is a list": Case("- a\n- b\n", "tracks.yaml:1:1:", "expected a mapping at the top"),
    "missing field": Case(LEVELS + "certifications:\n  - {id: a, track: cloud}\n",
                          "tracks.yaml:9:5:", "missing required field 'name'"),
    "unknown key": Case(LEVELS + "certifications:\n  - {id: a, name: A, track: cloud, lvl: x}\n",
                        "tracks.yaml:9:", "unknown key 'lvl'; did you mean 'level'?"),
    "YAML 1.1 NO": Case(LEVELS + "certifications:\n  - {id: a, name: A, track: cloud, level: NO}\n",
                        "tracks.yaml:9:43:", "ambiguous value NO"),
    "YAML 1.1 on": Case("tracks:\n  - {id: t, name: on}\n", "tracks.yaml:2:19:", "ambiguous value on"),
    "YAML 1.1 1.10": Case("tracks:\n  - {id: t, name: 1.10}\n", "tracks.yaml:2:19:",
                          'got a number (1.10); quote it: "1.10"'),
    "YAML 1.1 012": Case("tracks:\n  - {id: t, name: 012}\n", "tracks.yaml:2:19:", "octal"),
    "YAML 1.1 12:30": Case("tracks:\n  - {id: t, name: 12:30}\n", "tracks.yaml:2:19:",
                           "ambiguous value 12:30"),
    "duplicate key": Case("tracks: []\nlevels: []\ntracks: []\n", "tracks.yaml:3:9:",
                          "duplicate key 'tracks' (first at line 1)"),
    "duplicate id": Case(LEVELS + CERT + "  - {id: a, name: B, track: cloud}\n", "tracks.yaml:10:",
                         "duplicate certification id 'a'"),
    "unknown reference": Case(LEVELS + CERT + "  - {id: b, name: B, track: cloud, requires: [c]}\n",
                              "tracks.yaml:10:", "unknown certification 'c'"),
    "self reference": Case(LEVELS + "certifications:\n  - {id: a, name: A, track: cloud, "
                           "requires: [a]}\n", "tracks.yaml:9:", "cannot require itself"),
    "cycle": Case(LEVELS + "certifications:\n  - {id: a, name: A, track: cloud, requires: [b]}\n"
                  "  - {id: b, name: B, track: cloud, requires: [a]}\n", "tracks.yaml:9:",
                  "prerequisite cycle: a -> b -> a"),
    "any-of that cannot be met": Case(LEVELS + CERT + "  - {id: b, name: B, track: cloud, requires: "
                                      "[{any_of: [a], choose: 2}]}\n", "tracks.yaml:10:",
                                      "can never be met"),
    "unsupported schema version": Case("schema_version: 2\n", "tracks.yaml:1:17:",
                                       "schema_version 2 is not supported"),
    "empty file": Case("", "tracks.yaml:", "the file is empty"),
    "comments only": Case("# nothing here\n# at all\n", "tracks.yaml:", "the file is empty"),
    "invalid UTF-8": Case(b"tracks:\n  - {id: t, name: \xff\xfe}\n", "tracks.yaml:2:19:",
                          "not valid UTF-8"),
    "byte-order mark": Case(b"\xef\xbb\xbftracks: []\n", "tracks.yaml:1:1:", "byte-order mark"),
    "binary junk": Case(bytes(range(0, 32)) * 8, "tracks.yaml:1:1:", "is this a binary file?"),
    "over the size limit": Case(_oversize, "tracks.yaml:", "the limit is 16777216 bytes (16 MiB)"),
    "alias bomb": Case(ALIAS_BOMB, "tracks.yaml:", "aliases repeat more than 100000 values"),
    "nesting 100,000 deep": Case("tracks: " + "[" * 100_000 + "]" * 100_000 + "\n",
                                 "tracks.yaml:1:", "nesting depth"),
    "block nesting 100,000 deep": Case("tracks:\n" + "- " * 100_000 + "x\n", "tracks.yaml:2:",
                                       "nesting depth"),
    "!!python/object": Case("tracks: !!python/object:os.system ls\n", "tracks.yaml:1:9:",
                            "unsupported YAML tag 'tag:yaml.org,2002:python/object:os.system'"),
    "custom tag": Case("tracks: !shell rm -rf /\n", "tracks.yaml:1:9:", "unsupported YAML tag '!shell'"),
    "!!set tag": Case("tracks: !!set {a: null}\n", "tracks.yaml:1:9:", "unsupported YAML tag"),
    "merge key": Case("tracks:\n  - &b {id: t, name: T}\n  - <<: *b\n", "tracks.yaml:3:",
                      "merge keys ('<<') are not supported"),
    "key that is not a string": Case("? [a, b]\n: 1\n", "tracks.yaml:1:3:",
                                     "a mapping key must be a plain string"),
    "directory in place of a file": Case(_directory, "tracks.yaml:", "is a directory"),
    "broken symbolic link": Case(_broken_link, "tracks.yaml:", "broken symbolic link"),
    "symbolic link loop": Case(_symlink_loop, "tracks.yaml:", "loop of symbolic links"),
    "named pipe in place of a file": Case(_fifo, "tracks.yaml:", "not a regular file"),
}


def snapshot(*roots: Path) -> dict[str, tuple[int, int]]:
    """Return every path under ``roots`` (symbolic links not followed) with its size and mtime."""
    seen: dict[str, tuple[int, int]] = {}
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            for name in [*dirnames, *filenames]:
                info = os.lstat(os.path.join(dirpath, name))
                seen[os.path.join(dirpath, name)] = (info.st_size, info.st_mtime_ns)
    return seen


def make_case(tmp_path: Path, case: Case) -> Path:
    """Write the case's tracks.yaml into a fresh catalog directory."""
    directory = tmp_path / "catalog"
    directory.mkdir()
    path = directory / "tracks.yaml"
    if isinstance(case.content, bytes):
        path.write_bytes(case.content)
    elif isinstance(case.content, str):
        path.write_text(textwrap.dedent(case.content), encoding="utf-8")
    else:
        case.content(path)
    return directory


def run_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> Any:
    """Run certpath from an empty working directory and check nothing was written anywhere."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    before = snapshot(tmp_path)
    result = CliRunner().invoke(app, args, env={"NO_COLOR": "1", "CERTPATH_CATALOG": ""})
    assert snapshot(tmp_path) == before
    assert "Traceback" not in result.stdout + result.stderr
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    return result


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_bad_catalog_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: Case) -> None:
    """A broken catalog file: exit 1, stderr names the file (and line) and says what is wrong."""
    directory = make_case(tmp_path, case)
    result = run_untouched(tmp_path, monkeypatch, ["--no-builtin", "-c", str(directory), "tracks"])
    assert result.exit_code == 1
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"certpath: {directory}/{case.where}"), first
    assert case.message in result.stderr


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_bad_catalog_file_validated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    case: Case) -> None:
    """validate reports the same problem as a finding line on stdout, and exits 1."""
    directory = make_case(tmp_path, case)
    result = run_untouched(tmp_path, monkeypatch, ["--no-builtin", "validate", str(directory)])
    assert result.exit_code == 1
    assert any(line.startswith(f"{directory}/{case.where}") and case.message in line
               for line in result.stdout.splitlines()), result.stdout
    assert result.stderr == ""


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file certpath may not read: exit 1, 'permission denied', naming the file."""
    directory = make_case(tmp_path, Case(CERT, "", ""))
    (directory / "tracks.yaml").chmod(0)

    def check() -> None:
        result = run_untouched(tmp_path, monkeypatch, ["--no-builtin", "-c", str(directory), "tracks"])
        assert result.exit_code == 1
        assert result.stderr.startswith(
            f"certpath: {directory}/tracks.yaml: error: permission denied")

    try:
        obeying_permissions(check)
    finally:
        (directory / "tracks.yaml").chmod(0o644)


def test_missing_catalog_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A --catalog directory that does not exist: exit 1, naming it."""
    result = run_untouched(tmp_path, monkeypatch,
                           ["--no-builtin", "-c", str(tmp_path / "absent"), "tracks"])
    assert result.exit_code == 1
    assert result.stderr == f"certpath: {tmp_path}/absent: error: catalog no such directory\n"


@pytest.mark.parametrize(("args", "message"), [
    (["path", "--to", "nowhere"], "unknown certification 'nowhere'"),
    (["path", "--to", "expert", "--have", "basics,nope"], "unknown certification 'nope'"),
    (["recommend", "--role", "sre", "--have", "nope"], "unknown certification 'nope'"),
    (["recommend", "--role", "pilot"], "unknown role 'pilot'"),
    (["show", "[red]x[/]"], "unknown certification '[red]x[/]'"),
])
def test_unknown_ids_on_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         args: list[str], message: str) -> None:
    """Unknown ids in --to, --have and --role: exit 1, one line, nothing on stdout."""
    directory = tmp_path / "catalog"
    directory.mkdir()
    for stem, text in (("tracks", SMALL_TRACKS), ("roles", SMALL_ROLES),
                       ("institutions", SMALL_INSTITUTIONS)):
        (directory / f"{stem}.yaml").write_text(text, encoding="utf-8")
    result = run_untouched(tmp_path, monkeypatch, ["--no-builtin", "-c", str(directory), *args])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"certpath: error: {message}")
    assert result.stderr.count("\n") == 1

