"""Every command's --json output is valid against its published schema (schema/output/).

The table RUNS is the contract's checklist: a command that takes --json needs a row here (the
argument lists to run it with) and a schema, ``schema/output/NAME.schema.json``, documented in
docs/json.md. test_every_json_command_has_a_schema_and_a_row fails for a command without them.
The runs use the shipped catalog, in a directory that holds team.yaml and a profile.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import typer.main
from jsonschema import Draft202012Validator, FormatChecker
from typer.core import TyperGroup
from typer.testing import CliRunner

from certpath.cli import app
from certpath.schemas import document_name, output_names, output_schema
from tests.credential_fixtures import CREDLY, LINKEDIN_CSV

ROOT = Path(__file__).resolve().parent.parent

# command (as typed, subcommands after a space) -> argument lists that print its document
RUNS: dict[str, list[list[str]]] = {
    "tracks": [["tracks"], ["tracks", "--level", "expert"], ["tracks", "--track", "nosuch-x"]],
    "show": [["show", c] for c in ("foundation", "associate", "professional", "architect")]
    + [["show", "architect", "--sources"], ["show", "expert", "--sources"]],
    "about": [["about"], ["about", "architect"], ["about", "foundation"]],
    "roles": [["roles"]],
    "institutions": [["institutions"], ["institutions", "--track", "mlops"]],
    "learning-paths": [["learning-paths"]],
    "faq": [["faq"], ["faq", "drift"], ["faq", "no-such-word-anywhere"]],
    "path": [["path", "--to", "architect"], ["path", "--to", "architect", "--have", "foundation"],
             ["path", "--to", "foundation", "--have", "foundation"]],
    "recommend": [["recommend", "--role", r]
                  for r in ("sre", "devops-engineer", "data-engineer", "platform-engineer")],
    "plan": [["plan", "--to", "architect", "--start", "2027-01-04"],
             ["plan", "--to", "architect", "--pace", "accelerated", "--hours-per-week", "5",
              "--start", "2027-01-04"]],
    "advise": [["advise", "--role", "sre", "--have", "", "--hours-per-week", "5",
                "--start", "2027-01-04", "--no-save"]],
    "next": [["next", "foundation"], ["next", "architect"]],
    "team": [["team", "team.yaml", "--start", "2027-01-04"]],
    "graph": [["graph"], ["graph", "--to", "architect", "--have", "foundation"]],
    "validate": [["validate"], ["validate", "bad"]],
    "schema": [["schema"]],
    "due": [["due"], ["due", "--within", "30d"]],
    "profile show": [["profile", "show"]],
    "profile set": [["profile", "set", "--role", "sre", "--hours-per-week", "7"]],
    "profile earn": [["profile", "earn", "architect", "--on", "2026-01-05"]],
    "profile forget": [["profile", "forget", "foundation"]],
    "profile import": [["profile", "import", "--dry-run", "badges.json", "Certifications.csv"],
                       ["profile", "import", "badges.json"]],
    "progress done": [["progress", "done", "associate"], ["progress", "done", "architect:2"]],
    "progress undo": [["progress", "undo"]],
    "progress": [["progress"]],
    "init": [["init", "new-catalog"], ["init", "with-team", "--team", "new-team.yaml"]],
    "examples": [["examples"]],
    "diff": [["diff", str(ROOT / "examples/kubernetes"), str(ROOT / "examples/role-based-cloud")],
             ["diff", str(ROOT / "examples/kubernetes"), str(ROOT / "examples/kubernetes")]],
    "import ctdl": [["import", "ctdl", str(ROOT / "tests/data/vendors/ctdl-graph.json"), "-o", "c"]],
    "import mslearn": [["import", "mslearn", str(ROOT / "tests/data/vendors/mslearn-catalog.json"),
                        "-o", "m"]],
    "examples copy": [["examples", "copy", "kubernetes", "k8s"], ["examples", "copy", "team", "t"]],
    "team-import": [["team", "import", "team.yaml", "--member", "Asha", "badges.json"]],
}
# Runs that fail: with --json their document is the error document.
ERRORS: list[list[str]] = [
    ["show", "nosuch"],
    ["path", "--to", "sre"],
    ["--catalog", "bad", "tracks"],
    ["team", "missing.yaml"],
    ["path"],  # caught by the command-line parser: a missing --to
    ["plan", "--to", "architect", "--hours-per-week", "0"],
]
PROFILE = """\
schema_version: 1
role: sre
hours_per_week: 6
earned: {mlops-foundation: 2024-05-01, mlops-associate: null}
plan:
  target: mlops-architect
  pace: focused
  start: 2026-11-02
  hours_per_week: 6
  have: [mlops-foundation]
  done: ["mlops-associate:1"]
"""


def json_commands() -> list[str]:
    """Return every command (``profile show`` for a subcommand) that has a --json option."""
    found: list[str] = []

    def walk(command: Any, where: list[str]) -> None:
        if isinstance(command, TyperGroup):
            if any("--json" in getattr(p, "opts", ()) for p in command.params):  # a group that
                found.append(" ".join(where))                                    # answers itself
            for name, sub in command.commands.items():
                walk(sub, [*where, name])
        elif any("--json" in getattr(p, "opts", ()) for p in command.params):
            found.append(" ".join(where))

    walk(typer.main.get_command(app), [])
    return found


def validator(name: str) -> Draft202012Validator:
    """Return a validator of the named document's schema, checking formats (dates) too."""
    return Draft202012Validator(output_schema(name), format_checker=FormatChecker())


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with the example team, a profile and a broken catalog."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "team.yaml").write_text((ROOT / "examples" / "team.yaml").read_text("utf-8"),
                                        encoding="utf-8")
    (tmp_path / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    (tmp_path / "badges.json").write_text(json.dumps(CREDLY), encoding="utf-8")
    (tmp_path / "Certifications.csv").write_text(LINKEDIN_CSV, encoding="utf-8")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "tracks.yaml").write_text("certifications:\n  - id: x\n", encoding="utf-8")
    return tmp_path


def run_json(args: list[str], workdir: Path) -> tuple[int, Any]:
    """Run certpath with --json and return its exit code and the parsed document."""
    env = {"CERTPATH_PROFILE": str(workdir / "profile.yaml"), "CERTPATH_TODAY": "2026-12-01",
           "CERTPATH_CATALOG": None, "CERTPATH_ROLE": None, "CERTPATH_HAVE": None,
           "CERTPATH_HOURS_PER_WEEK": None}
    result = CliRunner().invoke(app, [*args, "--json"], env=env)
    return result.exit_code, json.loads(result.stdout)


def test_every_json_command_has_a_schema_and_a_row() -> None:
    """Each command with --json has a published schema and a row in RUNS."""
    commands = json_commands()
    assert "path" in commands
    assert "profile show" in commands
    no_schema = [f"{c} (add schema/output/{document_name(c)}.schema.json)" for c in commands
                 if document_name(c) not in output_names()]
    no_row = [c for c in commands if c not in RUNS]
    assert no_schema == [], f"commands with --json but no schema: {no_schema}"
    assert no_row == [], f"commands with --json but no row in RUNS of {__file__}: {no_row}"
    assert sorted(set(RUNS) - set(commands)) == [], "rows in RUNS for commands that do not exist"


@pytest.mark.parametrize("name", output_names())
def test_schema_is_valid_and_documented(name: str) -> None:
    """Each published schema is a valid 2020-12 schema, and docs/json.md has its section."""
    schema = output_schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema_version"] == {
        "const": 3, "description": "The version of this document's shape."}
    doc = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    assert f"certpath schema --output {name}`" in doc, f"docs/json.md has no section for {name}"


@pytest.mark.usefixtures("workdir")
@pytest.mark.parametrize(("command", "args"),
                         [(c, a) for c, runs in RUNS.items() for a in runs],
                         ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_output_matches_its_schema(workdir: Path, command: str, args: list[str]) -> None:
    """The document a command prints with --json is valid against its schema."""
    code, doc = run_json(args, workdir)
    name = document_name(command) if code == 0 or command == "validate" else "error"
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in validator(name).iter_errors(doc)]
    assert errors == []


@pytest.mark.parametrize("args", ERRORS, ids=" ".join)
def test_error_documents_match_the_error_schema(workdir: Path, args: list[str]) -> None:
    """A failing command's --json document is the error document, with schema_version."""
    code, doc = run_json(args, workdir)
    assert code != 0
    assert doc["schema_version"] == 3
    assert list(validator("error").iter_errors(doc)) == []


@pytest.mark.parametrize(("args", "message"), [
    (["path"], "Missing option '--to' / '-t'."),
    (["tracks", "--bogus"], "No such option: --bogus"),
    (["path", "architect"], "unexpected argument 'architect': did you mean --to architect?"),
    (["--bogus", "tracks"], "No such option: --bogus"),  # one of certpath's own options
    (["nosuch"], "No such command 'nosuch'."),
    (["profile", "earn", "--bogus"], "No such option: --bogus"),
])
def test_usage_errors_are_documents_too(workdir: Path, args: list[str], message: str) -> None:
    """A mistake the parser catches is exit 2, and with --json the usage error document, whose
    message is the parser's own line."""
    code, doc = run_json(args, workdir)
    assert code == 2
    assert doc == {"schema_version": 3, "error": {"code": "usage", "message": message}}


def test_schemas_refuse_what_the_contract_does_not_say(workdir: Path) -> None:
    """An unknown key, a missing key, a name for a level id or a bad date makes a document invalid."""
    _, path = run_json(["path", "--to", "architect"], workdir)
    _, plan = run_json(["plan", "--to", "architect", "--start", "2027-01-04"], workdir)
    assert validator("path").is_valid(path)
    assert validator("plan").is_valid(plan)
    extra, missing, named, bad_date = (copy.deepcopy(d) for d in (path, path, path, plan))
    extra["steps"][0]["fee"] = 100
    del missing["totals"]
    named["steps"][0]["effort"] = "30 h"
    bad_date["start"] = "2027-13-01"
    for name, broken in (("path", extra), ("path", missing), ("path", named), ("plan", bad_date)):
        assert not validator(name).is_valid(broken)


def test_levels_are_ids_everywhere(workdir: Path) -> None:
    """tracks, path and graph give the same level id (not the display name) for a certification."""
    _, tracks = run_json(["tracks"], workdir)
    _, path = run_json(["path", "--to", "architect"], workdir)
    _, graph = run_json(["graph"], workdir)
    by_tracks = {c["id"]: c["level"] for c in tracks["certifications"]}
    assert by_tracks["mlops-architect"] == "expert"  # data/tracks.yaml: level: expert
    assert {s["id"]: s["level"] for s in path["steps"]}.items() <= by_tracks.items()
    assert {n["id"]: n["level"] for n in graph["nodes"]} == by_tracks
