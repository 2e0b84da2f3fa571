"""The example catalogs in examples/: valid, and usable for paths and recommendations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certpath.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
LINUX = EXAMPLES / "enterprise-linux"
CLOUD = EXAMPLES / "cloud-provider"
K8S = EXAMPLES / "kubernetes"
AZURE = EXAMPLES / "role-based-cloud"


def run(*args: str, catalog: Path) -> Any:
    """Run certpath on one example catalog alone and return the result."""
    return CliRunner().invoke(app, ["--no-builtin", "--catalog", str(catalog), *args],
                              env={"NO_COLOR": "1", "COLUMNS": "200"})


def doc_of(*args: str, catalog: Path) -> dict[str, Any]:
    """Run a command with --json on an example, check it succeeded, and parse stdout."""
    result = run(*args, "--json", catalog=catalog)
    assert result.exit_code == 0, result.stdout + result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


@pytest.mark.parametrize("catalog", [LINUX, CLOUD, K8S, AZURE],
                         ids=["enterprise-linux", "cloud-provider", "kubernetes",
                              "role-based-cloud"])
def test_example_validates_alone_and_on_the_shipped_catalog(catalog: Path) -> None:
    """Each example has no error and no warning, alone or as an overlay of the shipped catalog."""
    alone = run("validate", catalog=catalog)
    assert alone.stdout == "valid: 3 files read, 0 errors, 0 warnings\n"
    layered = CliRunner().invoke(app, ["validate", str(catalog)], env={"CERTPATH_CATALOG": ""})
    assert layered.exit_code == 0
    assert layered.stdout == "valid: 6 files read, 0 errors, 0 warnings\n"


def test_linux_path_chooses_five_specialists() -> None:
    """The architect title needs a valid engineer certification and five of six specialists."""
    doc = doc_of("path", "--to", "RHCA", catalog=LINUX)
    assert [s["id"] for s in doc["steps"]] == [
        "rhcsa", "rhce", "security-linux", "high-availability", "linux-diagnostics",
        "ansible-developer", "containers", "rhca"]
    assert all(s["required"] for s in doc["steps"])
    [choice] = doc["choices"]
    assert (choice["for"], choice["choose"], choice["alternatives"]) == ("rhca", 5, ["openshift-admin"])


def test_linux_path_uses_what_is_held() -> None:
    """A held specialist counts toward the five; holding the engineer title implies the administrator."""
    doc = doc_of("path", "--to", "rhca", "--have", "rhce,openshift-admin", catalog=LINUX)
    assert [s["id"] for s in doc["steps"]] == [
        "high-availability", "linux-diagnostics", "ansible-developer", "containers", "rhca"]


def test_linux_tracks_show_must_be_valid() -> None:
    """The engineer exam's prerequisite is marked as one that must still be valid."""
    rows = {r["id"]: r for r in doc_of("tracks", catalog=LINUX)["certifications"]}
    assert rows["rhce"]["requires"] == [{"options": ["rhcsa"], "choose": 1, "recommended": False,
                                         "must_be_valid": True, "reading": None}]


def test_linux_recommend() -> None:
    """The infrastructure architect role is pointed at the architect title, with the path to it."""
    doc = doc_of("recommend", "--role", "infrastructure architect", catalog=LINUX)
    assert doc["target"]["id"] == "rhca"
    assert doc["path"][-1]["id"] == "rhca"
    assert [i["id"] for i in doc["institutions"]] == ["vendor-training", "community-college-academy"]


def test_cloud_prerequisites_are_recommendations_only() -> None:
    """With --required-only, every path in the cloud example is just its target (but the
    retired Data Analytics specialty, which has no path)."""
    certs = [r["id"] for r in doc_of("tracks", catalog=CLOUD)["certifications"]]
    for cert in certs:
        doc = doc_of("path", "--to", cert, "--required-only", catalog=CLOUD)
        retired = cert == "aws-data-analytics-specialty"
        assert [s["id"] for s in doc["steps"]] == ([] if retired else [cert])


def test_cloud_recommend_marks_recommended_steps() -> None:
    """A recommendation follows the recommended order, marking the steps as not required."""
    doc = doc_of("recommend", "--role", "cloud-devops-engineer", catalog=CLOUD)
    assert [(s["id"], s["required"]) for s in doc["path"]] == [
        ("aws-cloud-practitioner", False), ("aws-developer-associate", False),
        ("aws-devops-professional", True)]


def test_cloud_path_in_plain_text() -> None:
    """The human path view lists the steps in order with their kind."""
    result = run("path", "--to", "SAP", catalog=CLOUD)
    assert result.exit_code == 0
    lines = [line.split("  ")[0] for line in result.stdout.splitlines()[2:5]]
    assert lines == ["1", "2", "3"]
    assert "recommended" in result.stdout
