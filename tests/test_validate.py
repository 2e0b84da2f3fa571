"""certpath validate: every problem at once, sorted, with errors and warnings kept apart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from certpath.catalog import validate_catalog
from certpath.cli import app
from tests.conftest import LEVELS, SMALL_INSTITUTIONS, SMALL_ROLES, SMALL_TRACKS, WriteCatalog

FINDING_KEYS = {"file", "line", "column", "severity", "message"}


def run(*args: str) -> Any:
    """Invoke certpath without the shipped catalog."""
    return CliRunner().invoke(app, ["--no-builtin", *args], env={"NO_COLOR": "1"})


def lines_of(directory: Path) -> list[str]:
    """Return the findings of a catalog as text, with the directory left out."""
    report = validate_catalog([directory], builtin=False)
    return [str(f).replace(f"{directory}/", "") for f in report.findings]


def test_small_catalog_is_valid(small_dir: Path) -> None:
    """The fixture catalog has no problem: exit 0, a one-line summary."""
    result = run("validate", str(small_dir))
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "valid: 3 files read, 0 errors, 0 warnings\n"
    assert result.stderr == ""


def test_every_problem_listed_in_order(write_catalog: WriteCatalog) -> None:
    """Errors of several kinds in several files come out together, sorted by file and line.

    'c' is read without its unknown key, so the cycle through it is found in the same run.
    """
    tracks = LEVELS + """\
certifications:
  - {id: a, name: A, track: cloud, level: NO}
  - {id: b, name: B, track: cloud, requires: [c]}
  - {id: c, name: C, track: cloud, requires: [b], nmae: x}
  - {id: d, name: D, track: cloud, requires: [nowhere]}
"""
    roles = "roles:\n  - {id: r, name: R, target: zz}\n"
    found = lines_of(write_catalog(tracks, roles))
    assert found == [
        "roles.yaml:2:30: error: unknown certification 'zz'",
        'tracks.yaml:9:43: error: ambiguous value NO: YAML 1.1 reads it as a boolean; quote it '
        '("NO") if it is text, or write the value plainly',
        "tracks.yaml:10:46: error: prerequisite cycle: b -> c -> b (each requires the next)",
        "tracks.yaml:11:57: error: unknown key 'nmae'; did you mean 'name'?",
        "tracks.yaml:12:47: error: unknown certification 'nowhere'",
    ]


def test_reference_to_an_entry_with_an_error_is_not_reported_twice(
        write_catalog: WriteCatalog) -> None:
    """A certification that failed to decode is not also reported as unknown where it is used."""
    tracks = LEVELS + """\
certifications:
  - {id: a, name: A, track: cloud, level: 3}
  - {id: b, name: B, track: cloud, requires: [a]}
"""
    roles = "roles:\n  - {id: r, name: R, target: a}\n"
    found = lines_of(write_catalog(tracks, roles))
    assert found == ["tracks.yaml:9:43: error: expected text, got a whole number (3); quote it: \"3\""]


def test_broken_file_does_not_hide_the_others(write_catalog: WriteCatalog) -> None:
    """A syntax error in one file comes first, its knock-on errors in one line, then the others."""
    roles = "roles:\n  - {id: r, name: R, target: a, colour: red}\n"
    found = lines_of(write_catalog("certifications: [\n", roles))
    assert [f.split(": ")[0] for f in found] == ["tracks.yaml:2:1", "tracks.yaml", "roles.yaml:2:41"]
    assert found[1] == ("tracks.yaml: error: 1 reference to certifications that may be defined in "
                        f"{found[1].split(' in ')[1]}")
    assert found[1].endswith("tracks.yaml, which could not be read")


def test_every_cycle_is_named(write_catalog: WriteCatalog) -> None:
    """Two separate cycles are both reported, each spelled out in order."""
    tracks = LEVELS + """\
certifications:
  - {id: a, name: A, track: cloud, requires: [b]}
  - {id: b, name: B, track: cloud, requires: [a]}
  - {id: c, name: C, track: cloud, requires: [{any_of: [d, a]}]}
  - {id: d, name: D, track: cloud, requires: [{cert: c, recommended: true}]}
"""
    found = lines_of(write_catalog(tracks))
    assert [f.split("error: ")[1] for f in found] == [
        "prerequisite cycle: a -> b -> a (each requires the next)",
        "prerequisite cycle: c -> d -> c (each requires the next)",
    ]


def test_name_that_is_another_id_is_an_error(write_catalog: WriteCatalog) -> None:
    """An alias equal to another certification's id would make that id ambiguous: an error."""
    tracks = LEVELS + """\
certifications:
  - {id: basics, name: Basics, track: cloud}
  - {id: pro, name: Pro One, aliases: [Basics 2, basics], track: cloud}
  - {id: pro2, name: Pro One, track: cloud}
"""
    found = lines_of(write_catalog(tracks))
    assert found == [
        "tracks.yaml:10:50: error: certification 'pro' is also called 'basics', which is the id of "
        "certification 'basics'; rename one",
        "tracks.yaml:11:22: warning: certifications 'pro' and 'pro2' are both called 'Pro One'; "
        "use their ids to tell them apart",
    ]


def test_ids_that_are_one_name_are_an_error(write_catalog: WriteCatalog) -> None:
    """net-ops and net--ops are the same name to certpath: only one can be found by it."""
    tracks = LEVELS + """\
certifications:
  - {id: net-ops, name: Network Operations, track: cloud}
  - {id: net--ops, name: Network Operations Two, track: cloud}
"""
    assert lines_of(write_catalog(tracks)) == [
        "tracks.yaml:10:10: error: certification ids 'net-ops' and 'net--ops' differ only in "
        "hyphens, which names ignore; rename one",
    ]


def test_overlay_replacing_an_id_is_not_a_duplicate(write_catalog: WriteCatalog) -> None:
    """The same id in a later directory replaces the entry: no finding."""
    base = write_catalog(SMALL_TRACKS, SMALL_ROLES, SMALL_INSTITUTIONS)
    overlay = write_catalog("certifications:\n  - {id: basics, name: Basics v2, track: cloud}\n")
    assert validate_catalog([base, overlay], builtin=False).findings == ()


def test_warnings(write_catalog: WriteCatalog) -> None:
    """Lone certifications, idle institutions and stuck roles are warnings, not errors."""
    tracks = LEVELS + """\
certifications:
  - {id: a, name: A, track: cloud}
  - {id: b, name: B, track: data, requires: [{any_of: [a], choose: 2}]}
  - {id: lone, name: Lone, track: data}
"""
    roles = "roles:\n  - {id: r, name: R, target: b}\n"
    institutions = "institutions:\n  - {id: idle, name: Idle}\n  - {id: busy, name: Busy, tracks: [data]}\n"
    found = lines_of(write_catalog(tracks, roles, institutions))
    assert found == [
        "institutions.yaml:2:10: warning: institution 'idle' serves nothing: it names no learning "
        "path and trains for no certification of the catalog",
        "roles.yaml:2:30: warning: role 'r': its target 'b' can never be reached: one of its own "
        "requirements can never be met",
        "tracks.yaml:10:46: error: cannot choose 2 of 1 certifications: the requirement can never "
        "be met",
        "tracks.yaml:11:10: warning: certification 'lone' is reached by no role: no role targets it "
        "or leads to it through prerequisites, next steps or a learning path",
    ]


def test_stuck_role_names_the_blocking_prerequisite(write_catalog: WriteCatalog) -> None:
    """A role whose target depends on a cycle names the certification that can never be met."""
    tracks = LEVELS + """\
certifications:
  - {id: a, name: A, track: cloud, requires: [b]}
  - {id: b, name: B, track: cloud, requires: [a]}
  - {id: top, name: Top, track: cloud, requires: [{cert: a}]}
"""
    roles = "roles:\n  - {id: r, name: R, target: top}\n"
    found = lines_of(write_catalog(tracks, roles))
    assert any("target 'top' can never be reached: its prerequisite 'b' can never be met" in f for f in found)


def test_role_whose_target_is_retired_is_a_warning(write_catalog: WriteCatalog) -> None:
    """A role targeting a certification retired before today warns, naming its successor.

    'old' is retired on 2024-06-30: on 2024-07-01 it can no longer be earned (the day after its
    last day), on 2024-06-30 it still can; 'gone' has no successor. 'top' requires 'old' (a
    warning) and only recommends 'gone' (none); 'either' can take 'new' instead (none).
    """
    tracks = LEVELS + """\
certifications:
  - {id: old, name: Old, track: cloud, retired_on: 2024-06-30, replaced_by: new}
  - {id: new, name: New, track: cloud}
  - {id: gone, name: Gone, track: cloud, retired_on: 2023-01-31}
  - {id: top, name: Top, track: cloud, requires: [old, {cert: gone, recommended: true}]}
  - {id: either, name: Either, track: cloud, requires: [{any_of: [old, new]}]}
"""
    roles = ("roles:\n  - {id: r, name: R, target: old}\n  - {id: s, name: S, target: new}\n"
             "  - {id: t, name: T, target: gone}\n")
    directory = write_catalog(tracks, roles)
    result = CliRunner().invoke(app, ["--no-builtin", "validate", str(directory)],
                                env={"NO_COLOR": "1", "CERTPATH_TODAY": "2024-07-01"})
    assert result.exit_code == 0, result.stdout
    assert result.stdout.replace(f"{directory}/", "").splitlines() == [
        "roles.yaml:2:30: warning: role 'r': its target 'old' was retired on 2024-06-30 and can "
        "no longer be earned; point it at its successor 'new'",
        "roles.yaml:4:30: warning: role 't': its target 'gone' was retired on 2023-01-31 and can "
        "no longer be earned; the catalog names no successor",
        "tracks.yaml:12:51: warning: certification 'top' requires 'old', which is retired: only "
        "those who hold it can still earn 'top'",
        "valid: 2 files read, 0 errors, 3 warnings",
    ]
    before = CliRunner().invoke(app, ["--no-builtin", "validate", "--strict", str(directory)],
                                env={"NO_COLOR": "1", "CERTPATH_TODAY": "2023-01-31"})
    assert (before.exit_code, before.stdout) == (0, "valid: 2 files read, 0 errors, 0 warnings\n")


def test_warnings_alone_exit_0(write_catalog: WriteCatalog) -> None:
    """A catalog with warnings only is valid: exit 0, the warnings listed."""
    directory = write_catalog(SMALL_TRACKS, SMALL_ROLES,
                              SMALL_INSTITUTIONS + "  - {id: idle, name: Idle}\n")
    result = run("validate", str(directory))
    assert result.exit_code == 0
    assert result.stdout.endswith("valid: 3 files read, 0 errors, 1 warning\n")
    assert "warning: institution 'idle' serves nothing" in result.stdout


def test_errors_exit_1_on_stdout(write_catalog: WriteCatalog) -> None:
    """An invalid catalog: findings on stdout, exit 1, nothing on stderr."""
    directory = write_catalog("tracks: [{id: t, name: T}]\ncertifications: [{id: a, name: A, track: x}]\n")
    result = run("validate", str(directory))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{directory}/tracks.yaml:2:42: error: unknown track 'x'",
        "invalid: 1 file read, 1 error, 0 warnings",
    ]
    assert result.stderr == ""


def test_json_contract(write_catalog: WriteCatalog) -> None:
    """validate --json lists the findings as objects with exactly the documented keys."""
    directory = write_catalog("tracks: [{id: t, name: T}]\ncertifications: [{id: a, name: A, track: x}]\n")
    result = run("validate", str(directory), "--json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert set(doc) == {"schema_version", "ok", "files", "errors", "warnings", "findings"}
    assert (doc["ok"], doc["errors"], doc["warnings"]) == (False, 1, 0)
    assert doc["files"] == [str(directory / "tracks.yaml")]
    [finding] = doc["findings"]
    assert set(finding) == FINDING_KEYS
    assert (finding["line"], finding["column"], finding["severity"]) == (2, 42, "error")


def test_catalog_in_effect_is_the_default(small_dir: Path, write_catalog: WriteCatalog) -> None:
    """Without a DIR, validate checks the --catalog directories; a DIR replaces them."""
    broken = write_catalog("certifications: [\n")
    assert run("--catalog", str(small_dir), "validate").exit_code == 0
    assert run("--catalog", str(broken), "validate").exit_code == 1
    assert run("--catalog", str(broken), "validate", str(small_dir)).exit_code == 0


def test_overlay_checked_on_top_of_base(write_catalog: WriteCatalog) -> None:
    """Several DIRs are checked as layers: an overlay may link to entries of the base."""
    base = write_catalog(SMALL_TRACKS, SMALL_ROLES, SMALL_INSTITUTIONS)
    overlay = write_catalog("certifications:\n  - {id: mine, name: Mine, track: cloud, "
                            "requires: [expert]}\n")
    assert run("validate", str(overlay)).exit_code == 1
    result = run("validate", str(base), str(overlay))
    assert result.exit_code == 0, result.stdout


def test_shipped_catalog_is_valid() -> None:
    """The shipped catalog validates with no error and no warning."""
    result = CliRunner().invoke(app, ["validate"], env={"NO_COLOR": "1", "CERTPATH_CATALOG": ""})
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "valid: 3 files read, 0 errors, 0 warnings\n"


def test_flags_beat_the_environment(small_dir: Path, write_catalog: WriteCatalog) -> None:
    """--catalog replaces CERTPATH_CATALOG rather than adding to it."""
    broken = write_catalog("certifications: [\n")
    result = CliRunner().invoke(app, ["--no-builtin", "--catalog", str(small_dir), "validate"],
                                env={"CERTPATH_CATALOG": str(broken)})
    assert result.exit_code == 0, result.stdout


def test_overlay_on_the_shipped_catalog(write_catalog: WriteCatalog) -> None:
    """A team's certification may require a shipped one, and a replaced shipped entry is used."""
    overlay = write_catalog("""\
certifications:
  - {id: mlops-foundation, name: Our Foundation, track: mlops, level: beginner}
  - id: internal-platform
    name: Internal Platform Certification
    track: mlops
    requires: [mlops-architect]
""", "roles:\n  - {id: platform-team, name: Platform team, target: internal-platform}\n")
    env = {"CERTPATH_CATALOG": "", "NO_COLOR": "1"}
    assert CliRunner().invoke(app, ["validate", str(overlay)], env=env).exit_code == 0
    result = CliRunner().invoke(app, ["-c", str(overlay), "recommend", "--role", "platform team",
                                      "--json"], env=env)
    assert result.exit_code == 0, result.stderr
    path = [{k: v for k, v in step.items() if k not in ("effort", "reading")}
            for step in json.loads(result.stdout)["path"]]
    assert path[-2:] == [
        {"id": "mlops-architect", "name": "MLOps Architect", "level": "expert",
         "reason": "required by Internal Platform Certification", "required": True},
        {"id": "internal-platform", "name": "Internal Platform Certification", "level": None,
         "reason": "target", "required": True}]
    assert path[0]["name"] == "Our Foundation"


def test_every_wrong_key_of_a_nested_block_is_reported(write_catalog: WriteCatalog) -> None:
    """Three misspelt keys in one renewal route and its fee: all three, each at its own line (the
    four lines of LEVELS come first),
    and the rest of the entry is still checked (its unknown reference too)."""
    tracks = LEVELS + """\
certifications:
  - id: x
    name: X
    track: cloud
    requires: [nowhere]
    renewal:
      - kind: assessment
        windw_months: 3
        mnths: 24
        fee: {amount: 5, currency: USD, estimat: true}
"""
    report = validate_catalog([write_catalog(tracks)], builtin=False)
    found = [(f.line, f.message) for f in report.findings]
    assert (15, "unknown key 'windw_months'; did you mean 'window_months'?") in found
    assert (16, "unknown key 'mnths'; did you mean 'months'?") in found
    assert (17, "unknown key 'estimat'; did you mean 'estimate'?") in found
    assert (12, "unknown certification 'nowhere'") in found
