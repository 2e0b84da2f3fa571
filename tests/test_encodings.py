"""Output to a stream whose encoding cannot hold a character: never a traceback, data kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import LEVELS

NAME = "Café Ops — 日本"
SEEN_IN_ASCII = "Cafe Ops - ??"  # an accent dropped, a dash for a dash, '?' for the rest

# PYTHONIOENCODING as a user sets it; a C locale with Python's UTF-8 coercion turned off, as on
# a system without a C.UTF-8 locale (PEP 538 and PEP 540 would otherwise pick UTF-8).
ENVIRONMENTS = {
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "latin-1": {"PYTHONIOENCODING": "latin-1"},
    "C locale": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
}


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalog whose certification and track names ASCII cannot hold."""
    directory = tmp_path_factory.mktemp("encodings")
    (directory / "tracks.yaml").write_text(
        LEVELS + "certifications:\n"
        f'  - {{id: a, name: "{NAME}", track: cloud, effort: {{hours: 10}}}}\n'
        f'  - {{id: b, name: B, track: cloud, requires: [a], audience: "Ünïcode", '
        "effort: {hours: 5}}\n", encoding="utf-8")
    return directory


def certpath(catalog: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    """Run certpath with its stdout in a file, as ``certpath tracks > file`` does."""
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("CERTPATH_", "LC_", "PYTHONIO", "GITHUB_"))}
    return subprocess.run([sys.executable, "-m", "certpath", "--no-builtin", "-c", str(catalog),
                           *args], env={**clean, **env}, capture_output=True, timeout=120,
                          check=False)


@pytest.mark.parametrize("where", ENVIRONMENTS)
@pytest.mark.parametrize("args", [("tracks",), ("show", "a"), ("path", "--to", "b"),
                                  ("plan", "--to", "b", "--start", "2027-01-04"), ("graph",)],
                         ids=" ".join)
def test_human_output_replaces_what_the_encoding_lacks(catalog: Path, where: str,
                                                       args: tuple[str, ...]) -> None:
    """Tables, trees and plans print, exit 0 and say nothing on stderr; no traceback."""
    result = certpath(catalog, *args, env=ENVIRONMENTS[where])
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert result.stderr == b""
    if where == "latin-1":
        assert "Café Ops" in result.stdout.decode("latin-1")
    else:
        assert result.stdout.isascii()
        assert SEEN_IN_ASCII in result.stdout.decode("ascii")


@pytest.mark.parametrize("where", ENVIRONMENTS)
def test_json_stays_exact_as_ascii_escapes(catalog: Path, where: str) -> None:
    """JSON is written with \\u escapes where stdout is not UTF-8, so it reads back exactly."""
    result = certpath(catalog, "tracks", "--json", env=ENVIRONMENTS[where])
    assert result.returncode == 0
    assert result.stdout.isascii()
    names = [c["name"] for c in json.loads(result.stdout)["certifications"]]
    assert names == [NAME, "B"]


def test_xml_stays_well_formed_and_exact(catalog: Path, tmp_path: Path) -> None:
    """JUnit and SVG, which declare UTF-8, are written as ASCII with character references."""
    (tmp_path / "tracks.yaml").write_text(
        (catalog / "tracks.yaml").read_text(encoding="utf-8")
        + f'  - {{id: c, name: "{NAME}", track: cloud}}\n', encoding="utf-8")  # a warning
    latin = ENVIRONMENTS["latin-1"]
    for result in (certpath(tmp_path, "validate", "--format", "junit", "--strict", env=latin),
                   certpath(catalog, "graph", "--format", "svg", env=latin)):
        assert result.stdout.isascii()
        text = "".join(ET.fromstring(result.stdout).itertext())  # noqa: S314 - certpath's own
        assert NAME in text


@pytest.mark.parametrize("where", ENVIRONMENTS)
def test_an_error_naming_unwritable_text_is_one_line(catalog: Path, where: str) -> None:
    """An unknown name ASCII cannot hold is quoted on one line of stderr, exit 1."""
    result = certpath(catalog, "show", "café", env=ENVIRONMENTS[where])
    assert result.returncode == 1
    lines = result.stderr.decode("ascii", errors="replace").splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("certpath: error: unknown certification 'caf")


@pytest.mark.parametrize("args", [("tracks",), ("plan", "--to", "b", "--start", "2027-01-04")],
                         ids=" ".join)
def test_a_terminal_without_utf8_gets_ascii_boxes(catalog: Path, args: tuple[str, ...]) -> None:
    """On an ASCII terminal, Rich draws ASCII boxes and certpath '#' bars; nothing is lost."""
    env = {**ENVIRONMENTS["ascii"], "CERTPATH_FORCE_TERMINAL": "1", "COLUMNS": "200",
           "NO_COLOR": "1"}
    result = certpath(catalog, *args, env=env)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert result.stderr == b""
    assert result.stdout.isascii()
    assert SEEN_IN_ASCII in result.stdout.decode("ascii")
    assert "?" not in result.stdout.decode("ascii").replace(SEEN_IN_ASCII, "")  # boxes, bars
