"""Start-up stays light: each command imports only the heavy libraries it needs.

Each check runs certpath in a fresh interpreter (imports are per process) with stdout captured,
as when piped, and lists the heavy modules that were imported. Nothing here is timed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

PROBE = """
import contextlib, io, json, sys
from certpath.cli import app
out = io.StringIO()
code = 0
with contextlib.redirect_stdout(out):
    try:
        app(sys.argv[1:], prog_name="certpath")
    except SystemExit as exc:
        code = exc.code or 0
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"networkx", "rich", "yaml", "pydantic"})
sys.stderr.write("\\n" + json.dumps({"code": code, "heavy": heavy, "out": out.getvalue()}))
"""

LIGHT = [["tracks"], ["show", "architect"], ["roles"], ["institutions"], ["learning-paths"],
         ["faq"], ["faq", "drift"], ["--version"], ["tracks", "--json"]]


def probe(*args: str, env: dict[str, str] | None = None) -> dict[str, object]:
    """Run certpath in a fresh interpreter; return its exit code, heavy imports and output."""
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                            check=True, env=env)
    found: dict[str, object] = json.loads(result.stderr.splitlines()[-1])  # after any message
    return found


@pytest.mark.parametrize("args", LIGHT, ids=" ".join)
def test_light_commands_import_no_heavy_library(args: list[str]) -> None:
    """Listing and showing the catalog, piped, never imports networkx, Rich or pydantic."""
    found = probe(*args)
    assert found["code"] == 0
    assert found["out"]
    assert not {"networkx", "rich", "pydantic"} & set(found["heavy"])  # type: ignore[arg-type]


@pytest.mark.parametrize("args", [["path", "--to", "architect"], ["recommend", "--role", "sre"],
                                  ["--no-cache", "path", "--to", "architect"]],
                         ids=" ".join)
def test_planning_does_not_import_networkx(args: list[str]) -> None:
    """Planning a path orders a few certifications itself instead of importing networkx.

    Nor does it import pydantic: certpath converts its options itself (cli/coercion.py).
    """
    found = probe(*args)
    assert found["code"] == 0
    assert "networkx" not in found["heavy"]  # type: ignore[operator]
    assert "pydantic" not in found["heavy"]  # type: ignore[operator]


def test_bad_option_values_are_caught_without_pydantic() -> None:
    """A value certpath refuses is refused by its own conversion, not Typer's."""
    found = probe("plan", "--to", "architect", "--hours-per-week", "0")
    assert found["code"] == 2
    assert "pydantic" not in found["heavy"]  # type: ignore[operator]


def test_completion_imports_no_heavy_library() -> None:
    """Completing a --to value on each Tab press stays as light as a listing."""
    env = {**os.environ, "_CERTPATH_COMPLETE": "complete_bash",
           "COMP_WORDS": "certpath path --to arch", "COMP_CWORD": "3"}
    found = probe(env=env)
    assert found["code"] == 0
    assert not {"networkx", "rich", "pydantic"} & set(found["heavy"])  # type: ignore[arg-type]


def test_a_cached_catalog_is_read_without_yaml() -> None:
    """Once the catalog is cached, a command does not even import the YAML parser."""
    first, second = probe("tracks"), probe("tracks")
    assert "yaml" in first["heavy"]  # type: ignore[operator]
    assert "yaml" not in second["heavy"]  # type: ignore[operator]
    assert second["out"] == first["out"]


def test_no_cache_reads_the_files() -> None:
    """With --no-cache the catalog is parsed from its YAML files every time."""
    probe("tracks")
    assert "yaml" in probe("--no-cache", "tracks")["heavy"]  # type: ignore[operator]
