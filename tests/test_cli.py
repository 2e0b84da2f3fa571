"""The command line: exit codes, stdout and stderr kept apart, and the JSON contract."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from certpath import __version__
from certpath.catalog import load_catalog
from certpath.cli import app
from certpath.recommend import suggest_next
from certpath.render.console import detect_mode
from tests.conftest import run

STEP_KEYS = {"id", "name", "level", "reason", "required", "effort", "reading"}


def as_json(*args: str, catalog: Path | None = None) -> dict[str, Any]:
    """Run a command with --json, check it succeeded, and parse stdout."""
    result = run(*args, "--json", catalog=catalog)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    doc: dict[str, Any] = json.loads(result.stdout)
    assert doc["schema_version"] == 3
    return doc


def test_version() -> None:
    """--version prints the version."""
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"certpath {__version__}"


def test_tracks_json_contract(small_dir: Path) -> None:
    """tracks --json has exactly the documented keys."""
    doc = as_json("tracks", catalog=small_dir)
    assert set(doc) == {"schema_version", "certifications"}
    row = doc["certifications"][0]
    assert set(row) == {"id", "name", "track", "level", "audience", "prerequisites", "requires",
                        "skills", "order", "retired_on", "readings"}
    assert row["readings"] == {}  # the fixture's catalog traces nothing to a source
    expert = next(r for r in doc["certifications"] if r["id"] == "expert")
    assert expert["requires"][0] == {"options": ["assoc-a", "assoc-b"], "choose": 1,
                                     "recommended": False, "must_be_valid": False,
                                     "reading": None}


def test_tracks_filters(small_dir: Path) -> None:
    """--level and --track filter by id or name."""
    doc = as_json("tracks", "--level", "Advanced", "--track", "cloud", catalog=small_dir)
    assert [r["id"] for r in doc["certifications"]] == ["expert"]


def test_path_json_contract(small_dir: Path) -> None:
    """path --json has the documented keys, steps in order, and the choice made."""
    doc = as_json("path", "--to", "Cloud Expert", "--have", "basics", catalog=small_dir)
    assert set(doc) == {"schema_version", "target", "have", "steps", "knowledge", "choices",
                        "notes", "totals"}
    assert doc["target"] == {"id": "expert", "name": "Cloud Expert"}
    assert doc["have"] == ["basics"]
    assert all(set(s) == STEP_KEYS for s in doc["steps"])
    assert [s["id"] for s in doc["steps"]] == ["assoc-b", "expert"]
    assert doc["choices"][0]["chosen"] == ["assoc-b"]


def test_recommend_json_contract(small_dir: Path) -> None:
    """recommend --json has the documented keys and a path to the role's target."""
    doc = as_json("recommend", "--role", "sre", catalog=small_dir)
    assert set(doc) == {"schema_version", "role", "focus_area", "strategic_value", "target", "path",
                        "learning_paths", "next", "institutions", "totals"}
    assert doc["role"] == {"id": "sre", "name": "Site Reliability Engineer"}
    assert doc["target"] == {"id": "expert", "name": "Cloud Expert", "inferred": False,
                             "note": None, "retired_on": None, "replaced_by": None}
    assert [s["id"] for s in doc["path"]] == ["basics", "assoc-b", "expert"]
    assert doc["learning_paths"] == [{"id": "reliability", "name": "Reliability Path",
                                      "reading": None}]
    assert [i["id"] for i in doc["institutions"]] == ["cloud-school", "rel-school"]
    assert doc["next"][0]["certifications"] == ["data-pro"]


def test_recommend_role_without_target(small_dir: Path) -> None:
    """A role with no target gets its focus and an empty path, not an error."""
    doc = as_json("recommend", "--role", "intern", catalog=small_dir)
    assert doc["target"] is None
    assert doc["path"] == []


@pytest.mark.parametrize("args", [
    ("path", "--to", "nothing"), ("path", "--to", "expert", "--have", "basics,nope"),
    ("recommend", "--role", "pilot"), ("show", "exprt"), ("tracks", "--level", "godlike"),
])
def test_unknown_names_exit_1_with_one_line(small_dir: Path, args: tuple[str, ...]) -> None:
    """An unknown name: exit 1, nothing on stdout, one line on stderr, no traceback."""
    result = run(*args, catalog=small_dir)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("certpath: error: unknown ")
    assert result.stderr.count("\n") == 1


def test_unknown_name_suggests_nearest(small_dir: Path) -> None:
    """The error lists the nearest matches."""
    result = run("show", "exprt", catalog=small_dir)
    assert "nearest: expert" in result.stderr


def test_error_as_json(small_dir: Path) -> None:
    """With --json, an error is also a JSON document on stdout."""
    result = run("path", "--to", "nothing", "--json", catalog=small_dir)
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"]["code"] == "unknown_name"


def test_bad_catalog_exits_1_naming_file_and_line(write_catalog: Any) -> None:
    """A broken catalog is reported with file and line, exit 1, no traceback."""
    directory = write_catalog("certifications:\n  - {id: a, name: A, track: nowhere}\n")
    result = run("tracks", catalog=directory)
    assert result.exit_code == 1
    assert "tracks.yaml:2:" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_missing_catalog_directory(tmp_path: Path) -> None:
    """A --catalog directory that does not exist is an error, not a crash."""
    result = run("tracks", catalog=tmp_path / "absent")
    assert result.exit_code == 1
    assert "no such directory" in result.stderr


def test_bad_usage_exits_2(small_dir: Path) -> None:
    """A missing required option is a usage error (exit 2)."""
    result = run("path", catalog=small_dir)
    assert result.exit_code == 2


def test_catalog_from_environment(small_dir: Path) -> None:
    """CERTPATH_CATALOG adds directories when --catalog is not given."""
    result = CliRunner().invoke(app, ["--no-builtin", "tracks", "--json"],
                                env={"CERTPATH_CATALOG": str(small_dir)})
    assert result.exit_code == 0
    assert json.loads(result.stdout)["certifications"][0]["id"] == "basics"


def test_piped_output_is_plain(small_dir: Path) -> None:
    """Output to a pipe has no box drawing and no escape codes."""
    result = run("path", "--to", "expert", catalog=small_dir)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert not set("│─┃━╭╮") & set(result.stdout)
    assert "Cloud Expert" in result.stdout


def command_paths(group: TyperGroup, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Return every command and sub-command of ``group``, as the words that invoke it."""
    found: list[tuple[str, ...]] = []
    for name, command in sorted(group.commands.items()):
        # A hidden 'team-import' is typed 'team import' (the root group finds it so).
        words = tuple(name.split("-", 1)) if command.hidden else (name,)
        found.append((*prefix, *words))
        if isinstance(command, TyperGroup):
            found.extend(command_paths(command, (*prefix, name)))
    return found


ROOT_GROUP = typer.main.get_command(app)
assert isinstance(ROOT_GROUP, TyperGroup)
COMMAND_PATHS = command_paths(ROOT_GROUP)


def test_command_walk_finds_sub_commands() -> None:
    """The walk below reaches the profile group's sub-commands, not only the top level."""
    assert {("profile",), ("profile", "show"), ("profile", "earn")} <= set(COMMAND_PATHS)


@pytest.mark.parametrize("command", COMMAND_PATHS, ids=" ".join)
def test_every_command_has_help_with_example(command: tuple[str, ...]) -> None:
    """Each command's and sub-command's --help shows an example (all found at run time)."""
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert f"Example: certpath {' '.join(command)}" in result.stdout


def test_untrusted_text_is_shown_literally(write_catalog: Any) -> None:
    """Rich markup and control characters in catalog text never style or control the terminal."""
    directory = write_catalog(
        'tracks: [{id: t, name: T}]\ncertifications:\n'
        '  - {id: a, name: "[red]Evil[/]\\e[2J\\a\\r", track: t}\n')
    result = CliRunner().invoke(app, ["--no-builtin", "-c", str(directory), "show", "a"],
                                env={"CERTPATH_FORCE_TERMINAL": "1", "COLUMNS": "100"})
    assert result.exit_code == 0
    shown = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)  # certpath's own colours
    assert "[red]Evil[/][2J" in shown
    assert not {"\x1b", "\x07", "\r"} & set(shown)


def test_usage_errors_in_a_pipe_are_plain_lines() -> None:
    """Run for real with stderr piped, a usage error is plain text with a suggestion, exit 2."""
    result = subprocess.run([sys.executable, "-m", "certpath", "recomend", "--role", "sre"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "Did you mean 'recommend'?" in result.stderr
    assert not set("│─╭╮╰╯") & set(result.stderr)
    assert result.stdout == ""


def test_faq_takes_several_words_unquoted() -> None:
    """`faq model drift` matches entries containing both words, as README says."""
    result = run("faq", "model", "drift", "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["query"] == "model drift"
    entries = [e for s in doc["sections"] for e in s["entries"]]
    assert entries
    assert all("drift" in (e["question"] + e["answer"]).lower() for e in entries)


def test_next_keeps_the_catalogs_direction() -> None:
    """What a certification leads to carries the direction the catalog's own advice gives it."""
    leads = {s.certifications[0]: s.direction
             for s in suggest_next(load_catalog(), "mlops-architect") if s.source == "leads_to"}
    assert leads["engineering-manager"] == "leadership"
    assert leads["engineering-leadership"] == "leadership"
    assert leads["devsecops-architect"] == "cross-track"
    assert leads["mlops-expert"] == "same-track"


def test_narrow_terminal_folds_instead_of_cutting() -> None:
    """At 60 columns a terminal table wraps long ids instead of cutting them with an ellipsis."""
    result = CliRunner().invoke(app, ["roles"], env={"CERTPATH_FORCE_TERMINAL": "1",
                                                     "COLUMNS": "60", "NO_COLOR": "1"})
    assert result.exit_code == 0
    assert "…" not in result.stdout


class _Terminal:
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_empty_no_color_does_not_turn_colour_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR only counts when it is set to something (the no-color.org convention)."""
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("CERTPATH_FORCE_TERMINAL", raising=False)
    monkeypatch.setenv("NO_COLOR", "")
    assert detect_mode(_Terminal()).color  # type: ignore[arg-type]
    monkeypatch.setenv("NO_COLOR", "1")
    assert not detect_mode(_Terminal()).color  # type: ignore[arg-type]


def test_ctrl_c_exits_130_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C during a command (KeyboardInterrupt) is exit 130 and one line on stderr."""
    import certpath.listing

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(certpath.listing, "list_certifications", interrupted)
    result = run("tracks")
    assert result.exit_code == 130
    assert result.stdout == ""
    assert result.stderr == "certpath: interrupted\n"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT is a POSIX signal")
def test_sigint_while_waiting_for_an_answer_exits_130() -> None:
    """A real SIGINT while the advisor waits for its first answer ends certpath with 130."""
    import signal

    process = subprocess.Popen([sys.executable, "-m", "certpath", "advise"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "NO_COLOR": "1", "CERTPATH_NO_CACHE": "1"})
    assert process.stderr is not None
    asked = b""
    while not asked.endswith(b"Role (number, id or name): "):  # asked: now it reads stdin
        byte = process.stderr.read(1)
        assert byte, asked
        asked += byte
    process.send_signal(signal.SIGINT)
    _, rest = process.communicate()
    assert process.returncode == 130
    assert rest == b"certpath: interrupted\n"
