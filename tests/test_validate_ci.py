"""validate for CI: --format text|json|github|sarif|junit, --strict, the step summary, pre-commit."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certpath.cli import app
from tests.conftest import LEVELS

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

_BAD = LEVELS + """\
certifications:
  - {id: a, name: A, track: cloud, requires: [nope]}
  - {id: a, name: A2, track: cloud}
"""
_WARNED = LEVELS + """\
certifications:
  - {id: a, name: Same, track: cloud}
  - {id: b, name: Same, track: cloud}
"""


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory holding a bad catalog 'bad/' and a warned-only catalog 'warned/'."""
    for name, text in (("bad", _BAD), ("warned", _WARNED)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "tracks.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    """Invoke certpath without the shipped catalog."""
    return CliRunner().invoke(app, ["--no-builtin", *args], env={"NO_COLOR": "1", **(env or {})})


def test_github_annotations_then_the_whole_text(work: Path) -> None:
    """--format github prints one workflow command per finding, then the text report as usual."""
    result = run("validate", "--format", "github", "bad")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=bad/tracks.yaml,line=9,col=47,title=certpath validate::unknown certification 'nope'",
        "::error file=bad/tracks.yaml,line=10,col=10,title=certpath validate::duplicate certification "
        "id 'a' (first defined at line 9)",
        "bad/tracks.yaml:9:47: error: unknown certification 'nope'",
        "bad/tracks.yaml:10:10: error: duplicate certification id 'a' (first defined at line 9)",
        "invalid: 1 file read, 2 errors, 0 warnings",
    ]


def test_github_is_the_default_under_github_actions(work: Path) -> None:
    """With GITHUB_ACTIONS=true and no --format, annotations come first; without it, text only."""
    under_ci = run("validate", "bad", env={"GITHUB_ACTIONS": "true"})
    plain = run("validate", "bad")
    assert under_ci.stdout.startswith("::error file=bad/tracks.yaml,line=9,")
    assert under_ci.stdout.endswith(plain.stdout)
    assert "::" not in plain.stdout


def test_workflow_command_escaping(work: Path) -> None:
    """A file name with ',' ':' '%' and a message with '%' cannot break the workflow command."""
    folder = work / "odd" / "tracks.d"
    folder.mkdir(parents=True)
    (folder / "a,b:c%.yaml").write_text(LEVELS + 'certifications:\n  - {id: x, name: "100% X", '
                                        'track: cloud}\n  - {id: y, name: "100% X", track: cloud}\n',
                                        encoding="utf-8")
    result = run("validate", "-f", "github", "odd")
    # GitHub's toolkit: property values escape % CR LF : and ','; a message escapes % CR LF.
    assert result.stdout.splitlines()[0] == (
        "::warning file=odd/tracks.d/a%2Cb%3Ac%25.yaml,line=10,col=19,title=certpath validate::"
        "certifications 'x' and 'y' are both called '100%25 X'; use their ids to tell them apart")


def test_step_summary_is_appended(work: Path) -> None:
    """$GITHUB_STEP_SUMMARY keeps what earlier steps wrote and gets a Markdown verdict and table."""
    summary = work / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = run("validate", "bad", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### certpath validate: failed\n")
    assert "1 file read, 2 errors, 0 warnings" in text
    assert "| bad/tracks.yaml:9:47 | error | unknown certification 'nope' |" in text


@pytest.mark.parametrize(("strict", "code"), [(False, 0), (True, 1)])
def test_strict_makes_warnings_fail(work: Path, strict: bool, code: int) -> None:
    """A catalog with only warnings passes, unless --strict is given."""
    result = run("validate", *(["--strict"] if strict else []), "warned")
    assert result.exit_code == code
    assert "warning: certifications 'a' and 'b' are both called 'Same'" in result.stdout


def test_json_and_another_format_is_bad_usage(work: Path) -> None:
    """--json with --format sarif is two answers to one question: exit 2."""
    result = run("validate", "--json", "--format", "sarif", "bad")
    assert result.exit_code == 2
    assert "give one" in result.stderr


def test_a_file_stands_for_its_catalog(work: Path) -> None:
    """Given tracks.yaml (as pre-commit passes it), validate checks that file's directory."""
    assert run("validate", "bad/tracks.yaml").stdout == run("validate", "bad").stdout
    (work / "README.md").write_text("not a catalog\n", encoding="utf-8")
    result = run("validate", "README.md")
    assert result.exit_code == 2
    assert "not a catalog file" in result.stderr


def _sarif(*args: str) -> dict[str, Any]:
    result = run("validate", "--format", "sarif", *args)
    return dict(json.loads(result.stdout))


def test_sarif_validates_against_the_sarif_2_1_0_schema(work: Path) -> None:
    """The SARIF log of errors, warnings and a file outside the directory is valid SARIF 2.1.0.

    Its formats are checked too: each "uri" is an absolute URI and each artifact's location a
    URI reference (RFC 3986), as the schema says.
    """
    import jsonschema
    import rfc3987  # type: ignore[import-untyped]  # no type stubs; the test extra has it

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    checker = jsonschema.Draft4Validator.FORMAT_CHECKER
    assert "uri" in checker.checkers  # the schema's formats are checked, not skipped
    outside = work.parent / f"{work.name} outside, 100%"  # a space and a '%' to percent-encode
    shutil.copytree(work / "warned", outside)
    for args in (["bad"], ["warned"], [str(outside)], ["missing"], ["bad", "warned"]):
        log = _sarif(*args)
        jsonschema.Draft4Validator(schema, format_checker=checker).validate(log)
        run = log["runs"][0]
        locations = [a["location"] for a in run["artifacts"]] + [
            loc["physicalLocation"]["artifactLocation"] for r in run["results"]
            for loc in r["locations"]]
        for location in locations:
            assert rfc3987.match(location["uri"], rule="URI_reference"), location
            assert ("uriBaseId" in location) != bool(rfc3987.match(location["uri"], rule="URI"))


def test_sarif_results_say_what_validate_says(work: Path) -> None:
    """Each finding is a result with its level, message, relative file and 1-based line/column."""
    log = _sarif("bad")
    run_ = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run_["tool"]["driver"]["name"] == "certpath"
    assert [(r["level"], r["message"]["text"], r["locations"][0]["physicalLocation"]["region"])
            for r in run_["results"]] == [
        ("error", "unknown certification 'nope'", {"startLine": 9, "startColumn": 47}),
        ("error", "duplicate certification id 'a' (first defined at line 9)",
         {"startLine": 10, "startColumn": 10}),
    ]
    location = run_["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "bad/tracks.yaml", "uriBaseId": "SRCROOT"}
    assert run_["originalUriBaseIds"]["SRCROOT"]["uri"] == work.resolve().as_uri() + "/"
    no_position = _sarif("missing")["runs"][0]["results"][0]
    assert "region" not in no_position["locations"][0]["physicalLocation"]


def _junit(*args: str) -> ET.Element:
    result = run("validate", "--format", "junit", *args)
    return ET.fromstring(result.stdout)  # noqa: S314 - our own output, parsed to check it


def test_junit_names_each_file_as_a_test_case(work: Path) -> None:
    """One test case per catalog file; a file with errors fails, with every error in the text."""
    (work / "bad" / "roles.yaml").write_text("roles:\n  - {id: r, name: R, target: a}\n",
                                             encoding="utf-8")
    suite = _junit("bad").find("testsuite")
    assert suite is not None
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert set(cases) == {"bad/tracks.yaml", "bad/roles.yaml"}
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    failure = cases["bad/tracks.yaml"].find("failure")
    assert failure is not None
    assert failure.get("message") == "unknown certification 'nope'"
    assert (failure.text or "").splitlines() == [
        "bad/tracks.yaml:9:47: error: unknown certification 'nope'",
        "bad/tracks.yaml:10:10: error: duplicate certification id 'a' (first defined at line 9)"]
    assert cases["bad/roles.yaml"].find("failure") is None


@pytest.mark.parametrize(("strict", "failures"), [(False, "0"), (True, "1")])
def test_junit_warnings_fail_only_with_strict(work: Path, strict: bool, failures: str) -> None:
    """Warnings are a test case's output, or a failure with --strict."""
    suite = _junit(*(["--strict"] if strict else []), "warned").find("testsuite")
    assert suite is not None
    assert suite.get("failures") == failures
    case = suite.find("testcase")
    assert case is not None
    assert (case.find("failure") is not None) is strict
    assert (case.find("system-out") is not None) is not strict


def test_junit_stays_well_formed_with_hostile_text(work: Path) -> None:
    """Quotes, ampersands, ']]>' and control characters in a catalog do not break the XML."""
    name = '"<&\\"]]>\\u0007\\u001b[2J\\u202e"'
    hostile = LEVELS + (f"certifications:\n  - {{id: a, name: {name}, track: cloud}}\n"
                        f"  - {{id: b, name: {name}, track: cloud}}\n")
    (work / "bad" / "tracks.yaml").write_text(hostile, encoding="utf-8")
    failure = _junit("--strict", "bad").find("testsuite/testcase/failure")
    assert failure is not None
    message = failure.get("message") or ""
    assert message.startswith("certifications 'a' and 'b' are both called '<&\"]]>")
    assert not {"\x07", "\x1b", "\u202e"} & set(message + (failure.text or ""))


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_pre_commit_hook_passes_a_good_catalog_and_fails_a_bad_one(tmp_path: Path) -> None:
    """pre-commit itself, running this repository's hook, passes good/ and fails bad/."""
    pre_commit = Path(sys.executable).parent / "pre-commit"
    if not pre_commit.exists():
        pytest.skip("pre-commit is in the test extra; install it with pip install -e '.[test]'")
    repo = tmp_path / "repo"
    (repo / "good" / "roles.d").mkdir(parents=True)
    (repo / "bad").mkdir()
    (repo / "good" / "tracks.yaml").write_text(
        LEVELS + "certifications:\n  - {id: a, name: A, track: cloud}\n", encoding="utf-8")
    (repo / "good" / "roles.d" / "team.yaml").write_text(
        "roles:\n  - {id: r, name: R, target: a}\n", encoding="utf-8")
    (repo / "bad" / "tracks.yaml").write_text(_BAD, encoding="utf-8")
    (repo / "README.md").write_text("not a catalog\n", encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    env.pop("GITHUB_ACTIONS", None)
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)

    def hook(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(pre_commit), "try-repo", str(ROOT), "certpath-validate",
                               "--files", *files], cwd=repo, env=env, capture_output=True,
                              text=True, timeout=600, check=False)

    good = hook("good/tracks.yaml", "good/roles.d/team.yaml", "README.md")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    bad = hook("bad/tracks.yaml", "README.md")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "bad/tracks.yaml:9:47: error: unknown certification 'nope'" in bad.stdout


def _documented_configs() -> list[str]:
    """Return the .pre-commit-config.yaml examples of docs/catalog-format.md, in order."""
    text = (ROOT / "docs" / "catalog-format.md").read_text(encoding="utf-8")
    section = text.split("### pre-commit\n", 1)[1].split("\n## ", 1)[0]
    return [block.split("```", 1)[0] for block in section.split("```yaml\n")[1:]]


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_the_documented_local_hook_works_as_written(tmp_path: Path) -> None:
    """The docs' local-hook config, copied as it is, passes good/ and fails bad/ under pre-commit."""
    pre_commit = Path(sys.executable).parent / "pre-commit"
    if not pre_commit.exists():
        pytest.skip("pre-commit is in the test extra; install it with pip install -e '.[test]'")
    local, remote = _documented_configs()
    assert "CERTPATH_GIT_URL" in remote  # the other form names what to replace, not a fake URL
    import yaml

    declared = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    assert yaml.safe_load(local)["repos"][0]["hooks"][0]["files"] == declared["files"]
    repo = tmp_path / "repo"
    (repo / "good" / "tracks.d").mkdir(parents=True)
    (repo / "bad").mkdir()
    (repo / "good" / "tracks.d" / "ours.yaml").write_text(
        LEVELS + "certifications:\n  - {id: a, name: A, track: cloud}\n", encoding="utf-8")
    (repo / "good" / "roles.yaml").write_text("roles:\n  - {id: r, name: R, target: a}\n",
                                              encoding="utf-8")  # no warning: --strict passes
    (repo / "bad" / "tracks.yaml").write_text(_BAD, encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(local, encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("GITHUB_ACTIONS", None)
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)

    def run_hook(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(pre_commit), "run", "--files", *files], cwd=repo, env=env,
                              capture_output=True, text=True, timeout=300, check=False)

    good = run_hook("good/tracks.d/ours.yaml", ".pre-commit-config.yaml")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    bad = run_hook("bad/tracks.yaml")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "bad/tracks.yaml:9:47: error: unknown certification 'nope'" in bad.stdout
