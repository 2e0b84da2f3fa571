"""Numbers and ids at their limits: every number the format takes works in every command.

A number outside the format's bounds is a validation error with its position; ids are checked as
whole strings, as the published JSON Schema checks them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import msgspec
import pytest
from typer.testing import CliRunner

from certpath import model
from certpath.cli import app
from certpath.schemas import file_schema
from tests.conftest import WriteCatalog

HUGE = "9" * 5000  # beyond the interpreter's limit on converting digit strings


def run(catalog: Path, *args: str, env: dict[str, str] | None = None) -> Any:
    """Run certpath on the catalog alone, piped."""
    return CliRunner().invoke(app, ["--no-builtin", "-c", str(catalog), *args],
                              env={"NO_COLOR": "1", **(env or {})})


def one_cert(write_catalog: WriteCatalog, fields: str) -> Path:
    """A catalog of certification a (with ``fields``) needed by b."""
    return write_catalog("levels: [{id: l, name: L, rank: 1}]\ntracks: [{id: t, name: T}]\n"
                         "certifications:\n"
                         f"  - {{id: a, name: A, track: t, level: l, {fields}}}\n"
                         "  - {id: b, name: B, track: t, requires: [a]}\n",
                         "roles: [{id: r, name: R, target: b}]\n")


@pytest.mark.parametrize(("fields", "column"), [  # the fields start in column 42 of line 4
    (f"order: {HUGE}", 49), (f"order: -{HUGE}", 49), ("order: 9007199254740992", 49),
    ("order: 0x20000000000000", 49), ("order: 46116860184273879040", 49),
    (f"effort: {{hours: 1{'0' * 400}.0}}", 58), ("effort: {hours: .inf}", 58),
    ("effort: {hours: .NaN}", 58), ("validity_months: 1201", 59), ("effort: {hours: 10001}", 58),
    ("fee: {amount: 1000000001, currency: USD}", 56),
    ("preparation: [{id: focused, name: P, min_days: 1, max_days: 3661}]", 102),
])
@pytest.mark.parametrize("command", ["validate", "tracks"])
def test_a_number_out_of_bounds_is_an_error_with_its_position(
        write_catalog: WriteCatalog, fields: str, column: int, command: str) -> None:
    """Thousands of digits, beyond 2**53, infinity, NaN, or past a field's bound: file:line:column."""
    result = run(one_cert(write_catalog, fields), command)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"tracks.yaml:4:{column}: error:" in result.output


@pytest.mark.parametrize("fields", [
    "order: 9007199254740991, validity_months: 1200",
    "order: -9007199254740991, effort: {hours: 10000}",
    "fee: {amount: 1000000000, currency: USD}, validity_months: 1",
    "preparation: [{id: focused, name: P, min_days: 3660, max_days: 3660, "
    "phases: [{name: X, start_day: 3660, end_day: 3660}]}]",
])
@pytest.mark.parametrize("command", [
    ("validate",), ("tracks",), ("show", "a"), ("path", "--to", "b"),
    ("recommend", "--role", "r"), ("plan", "--to", "b", "--start", "2026-01-05"),
    ("graph", "--format", "svg"), ("profile", "show"), ("tracks", "--json"),
])
def test_every_number_the_format_takes_works_everywhere(
        write_catalog: WriteCatalog, tmp_path: Path, fields: str, command: tuple[str, ...]) -> None:
    """At each bound, every command works, with the cache (run twice: written, then read)."""
    profile = tmp_path / "profile" / "profile.yaml"
    profile.parent.mkdir()
    profile.write_text("earned: {a: 2024-02-29}\n", encoding="utf-8")
    catalog = one_cert(write_catalog, fields)
    for _ in range(2):
        result = run(catalog, *command, env={"CERTPATH_PROFILE": str(profile)})
        assert result.exit_code == 0, result.output


def test_an_expiry_a_century_on_is_dated(write_catalog: WriteCatalog, tmp_path: Path) -> None:
    """1200 months after 2024-02-29 is 2124-02-29 (a leap year too), shown by profile show."""
    profile = tmp_path / "p.yaml"
    profile.write_text("earned: {a: 2024-02-29}\n", encoding="utf-8")
    result = run(one_cert(write_catalog, "validity_months: 1200"), "profile", "show", "--json",
                 env={"CERTPATH_PROFILE": str(profile), "CERTPATH_TODAY": "2026-01-01"})
    assert result.exit_code == 0, result.output
    assert '"2124-02-29"' in result.stdout


def test_a_plan_past_the_year_9999_is_a_clear_error(write_catalog: WriteCatalog) -> None:
    """Study that would run past 9999-12-31 ends the plan with one line, not a traceback."""
    # 10,000 hours at 20 a week are 3,500 days: past 9999-12-31 from 9995-01-01
    result = run(one_cert(write_catalog, "effort: {hours: 10000}"), "plan", "--to", "b",
                 "--start", "9995-01-01")
    assert result.exit_code == 2  # the start date given is what cannot be used
    assert result.stderr.startswith("certpath: error: a plan starting on 9995-01-01 would run "
                                    "past the year 9999")


def test_a_renewal_past_9999_is_left_out(write_catalog: WriteCatalog) -> None:
    """An exam in 9990 with 100 years of validity: the plan stands, with no renewal to date."""
    result = run(one_cert(write_catalog, "validity_months: 1200"), "plan", "--to", "b",
                 "--start", "9990-01-01", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["renewals"] == []


def test_an_expiry_past_9999_counts_as_valid(write_catalog: WriteCatalog, tmp_path: Path) -> None:
    """Earned in 9999 with 100 years of validity: still valid, with no expiry date to show."""
    profile = tmp_path / "p.yaml"
    profile.write_text("earned: {a: 9999-01-01}\n", encoding="utf-8")
    result = run(one_cert(write_catalog, "validity_months: 1200"), "profile", "show", "--json",
                 env={"CERTPATH_PROFILE": str(profile), "CERTPATH_TODAY": "9999-12-31"})
    assert result.exit_code == 0, result.output
    earned = json.loads(result.stdout)["earned"]
    assert [(e["id"], e["expires"], e["status"]) for e in earned] == [("a", None, "valid")]


def _numbers(schema: Any, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(schema, dict):
        if schema.get("type") in ("integer", "number"):
            found.append((where, schema))
        for key, value in schema.items():
            found.extend(_numbers(value, f"{where}/{key}"))
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            found.extend(_numbers(value, f"{where}/{index}"))
    return found


@pytest.mark.parametrize("stem", ["tracks", "roles", "institutions"])
def test_every_number_in_the_schema_has_both_bounds(stem: str) -> None:
    """The published schema bounds every number it accepts, below and above."""
    numbers = _numbers(file_schema(stem))
    unbounded = [where for where, s in numbers
                 if not ({"minimum", "exclusiveMinimum"} & set(s) and "maximum" in s)]
    assert not unbounded
    assert all(s["maximum"] <= 2**53 - 1 for _, s in numbers)


IDS = ["a", "a-1", "0", "a\n", "a\n\n", "\na", "A", "a b", "-a", "", "a\r", "é"]


def _ecma_matches(pattern: str, texts: list[str]) -> list[bool]:
    """Match texts against a JSON Schema pattern with a real ECMA-262 engine (Node.js)."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    script = ("const [p, t] = JSON.parse(process.argv[1]);"
              "console.log(JSON.stringify(t.map(s => new RegExp(p, 'u').test(s))));")
    out = subprocess.run([node, "-e", script, json.dumps([pattern, texts])], check=True,  # noqa: S603 - our own script
                         capture_output=True, text=True, timeout=60).stdout
    result: list[bool] = json.loads(out)
    return result


def test_ids_are_checked_as_whole_strings_as_the_schema_does() -> None:
    """The model accepts exactly the ids that the published schema's pattern accepts in ECMA-262."""
    pattern = file_schema("tracks")["$defs"]["Track"]["properties"]["id"]["pattern"]

    def model_takes(text: str) -> bool:
        try:
            msgspec.convert(text, model.Id)
        except msgspec.ValidationError:
            return False
        return True

    assert [model_takes(t) for t in IDS] == _ecma_matches(pattern, IDS)
    assert [model_takes(t) for t in IDS] == [True, True, True] + [False] * 9


def test_an_id_with_a_final_newline_is_refused(write_catalog: WriteCatalog) -> None:
    """A catalog id "a\\n" (a YAML escape) is an error with its position, as is currency "USD\\n"."""
    catalog = write_catalog('tracks: [{id: "t\\n", name: T}]\ncertifications:\n'
                            '  - {id: a, name: A, track: t, fee: {amount: 1, currency: "USD\\n"}}\n')
    result = run(catalog, "validate")
    assert result.exit_code == 1
    assert "tracks.yaml:1:15: error: an id must be" in result.output
    assert "tracks.yaml:3:59: error: a currency must be" in result.output


def test_a_profile_key_that_is_no_id_is_refused(small_dir: Path, tmp_path: Path) -> None:
    """A profile's earned key "basics\\n" is reported, not kept as a key no command can name."""
    profile = tmp_path / "p.yaml"
    profile.write_text('earned:\n  "basics\\n": 2024-01-02\n', encoding="utf-8")
    result = run(small_dir, "path", "--to", "expert", env={"CERTPATH_PROFILE": str(profile)})
    assert result.exit_code == 1
    assert f"{profile}:2:15: error: 'basics\\n' is not a certification id" in result.stderr


@pytest.mark.parametrize("text", [f"hours_per_week: {HUGE}\n", "hours_per_week: .nan\n",
                                  f"earned: {{basics: 2024-01-02, {HUGE}: 2024-01-02}}\n"])
def test_a_profile_number_out_of_bounds_is_an_error(small_dir: Path, tmp_path: Path,
                                                    text: str) -> None:
    """Thousands of digits or NaN in a profile, even as a key, are errors with a position."""
    profile = tmp_path / "p.yaml"
    profile.write_text(text, encoding="utf-8")
    result = run(small_dir, "profile", "show", env={"CERTPATH_PROFILE": str(profile)})
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"certpath: {profile}:1:")


@pytest.mark.parametrize("text", [f"hours_per_week: {HUGE}\nmembers: []\n",
                                  f"members:\n  - {{name: A, role: sre, hours_per_week: {HUGE}}}\n",
                                  f"schema_version: {HUGE}\nmembers: []\n"])
def test_a_team_number_out_of_bounds_is_an_error(small_dir: Path, tmp_path: Path, text: str) -> None:
    """Thousands of digits in a team file are an error with a position, not a traceback."""
    team = tmp_path / "team.yaml"
    team.write_text(text, encoding="utf-8")
    result = run(small_dir, "team", str(team))
    assert result.exit_code == 1, result.output
    assert f"certpath: {team}:" in result.stderr


def test_the_limits_section_states_the_limits_the_code_applies() -> None:
    """docs/catalog-format.md's Limits table names every limit constant's value, and only there."""
    from certpath import credentials, teamsheet, yamldoc
    from certpath.cli import due_cmds
    from certpath.render import console

    root = Path(__file__).resolve().parent.parent
    text = (root / "docs" / "catalog-format.md").read_text(encoding="utf-8")
    limits = text.split("\n## Limits\n", 1)[1].split("\n## ", 1)[0]
    mib = 1024 * 1024
    stated = [f"{yamldoc.MAX_FILE_BYTES // mib} MiB", f"{yamldoc.MAX_ALIASED:,} values",
              f"{yamldoc.MAX_DEPTH} levels", f"{yamldoc.MAX_INTEGER:,}",
              f"1 to {model.MAX_MONTHS:,}", f"at most {model.MAX_EFFORT_HOURS:,}",
              f"0 to {model.MAX_FEE:,}", f"1 to {model.MAX_DAYS:,}",
              f"{model.MIN_HOURS_PER_WEEK:g} to {model.MAX_HOURS_PER_WEEK}",
              f"{credentials.MAX_BYTES // mib} MiB", f"{teamsheet.MAX_BYTES // mib} MiB",
              f"{due_cmds.MAX_WITHIN_DAYS:,} days", f"1 to {console.MAX_WIDTH:,}"]
    assert [s for s in stated if s not in limits] == []
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "docs/catalog-format.md#limits" in readme
    assert "levels deep" not in readme  # the README points to the table, it states no limit
