"""certpath graph on the command line: formats, --output, --json, and errors."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import run


def test_graph_defaults_to_a_plain_tree_when_piped(small_dir: Path) -> None:
    """Without --format, piped output is the tree as plain indented text."""
    result = run("graph", "--to", "expert", catalog=small_dir)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("What Cloud Expert needs\nCloud Expert \u00b7 Advanced\n")
    assert "    required: Cloud Basics" in result.stdout
    assert "\x1b" not in result.stdout
    assert "\u2500" not in result.stdout


def test_graph_svg_on_stdout(small_dir: Path) -> None:
    """--format svg writes a parseable SVG document to stdout."""
    result = run("graph", "--format", "svg", catalog=small_dir)
    assert result.exit_code == 0
    root = ET.fromstring(result.stdout)  # noqa: S314 - certpath's own output
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


@pytest.mark.parametrize(("name", "start"), [("g.svg", "<?xml"), ("g.dot", "digraph certpath {"),
                                             ("g.mmd", "flowchart LR"), ("g.txt", "Certifications")])
def test_graph_output_format_from_suffix(small_dir: Path, tmp_path: Path, name: str,
                                         start: str) -> None:
    """--output writes the file in the format its suffix names; stdout stays empty."""
    target = tmp_path / name
    result = run("graph", "--output", str(target), catalog=small_dir)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"certpath: wrote {target}\n"
    assert target.read_text(encoding="utf-8").startswith(start)


def test_graph_format_beats_suffix(small_dir: Path, tmp_path: Path) -> None:
    """An explicit --format wins over the file's suffix."""
    target = tmp_path / "g.svg"
    assert run("graph", "-f", "mermaid", "-o", str(target), catalog=small_dir).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("flowchart LR")


def test_graph_json_contract(small_dir: Path) -> None:
    """graph --json has exactly the documented keys."""
    result = run("graph", "--have", "basics", "--json", catalog=small_dir)
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert set(doc) == {"schema_version", "target", "have", "nodes", "edges", "groups"}
    assert set(doc["nodes"][0]) == {"id", "name", "level", "track", "held", "depth"}
    assert set(doc["edges"][0]) == {"from", "to", "recommended", "group"}
    assert doc["groups"] == [{"id": "expert:1", "for": "expert", "choose": 1,
                              "options": ["assoc-a", "assoc-b"], "recommended": False}]
    assert doc["have"] == ["basics"]


@pytest.mark.parametrize(("args", "code", "message"), [
    (("graph", "--to", "nothing"), 1, "certpath: error: unknown certification 'nothing'"),
    (("graph", "--format", "png"), 2, "'png' is not one of"),
    (("graph", "--json", "--output", "x.json"), 2, "leave out --output"),
])
def test_graph_bad_input(small_dir: Path, args: tuple[str, ...], code: int, message: str) -> None:
    """Bad input: the right exit code, a message on stderr, no traceback."""
    result = run(*args, catalog=small_dir)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_graph_unwritable_output(small_dir: Path, tmp_path: Path) -> None:
    """A file that cannot be written is one error line, exit 1, worded as for every output file."""
    target = tmp_path / "missing" / "g.svg"
    result = run("graph", "-o", str(target), catalog=small_dir)
    assert result.exit_code == 1
    assert result.stderr == (f"certpath: error: {target}: the folder {target.parent} does not "
                             "exist; create it first\n")


def test_graph_output_never_replaces_a_directory(small_dir: Path, tmp_path: Path) -> None:
    """`-o` naming a directory is refused and the directory is left as it was."""
    target = tmp_path / "g.svg"
    target.mkdir()
    result = run("graph", "-o", str(target), catalog=small_dir)
    assert result.exit_code == 1
    assert "not a regular file" in result.stderr
    assert target.is_dir()
    assert list(target.iterdir()) == []


def test_output_with_an_unknown_suffix_is_refused(tmp_path: Path) -> None:
    """`-o roadmap.png` is a usage error naming the suffixes certpath writes; nothing is written."""
    target = tmp_path / "roadmap.png"
    result = run("graph", "-o", str(target))
    assert result.exit_code == 2
    assert "cannot tell the format from 'roadmap.png'" in result.stderr
    assert not target.exists()


def test_graph_output_keeps_a_files_mode_and_refuses_a_device(small_dir: Path, tmp_path: Path) -> None:
    """-o replaces a file atomically keeping its mode, and never writes into a device."""
    target = tmp_path / "g.svg"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    assert run("graph", "-o", str(target), catalog=small_dir).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<?xml")
    assert target.stat().st_mode & 0o777 == 0o640
    result = run("graph", "-f", "dot", "-o", "/dev/null", catalog=small_dir)
    assert result.exit_code == 1
    assert "not a regular file" in result.stderr
