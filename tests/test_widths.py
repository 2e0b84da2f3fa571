"""Every command's terminal output at any width: no word broken, no line too long, bars whole.

WORDS lists a run of every command (the shipped catalog, a team file and a profile in the working
directory); test_every_command_has_a_run fails for a command that has none, so a new command is
checked too. The words checked are those of every cell, field, heading and line of the view the
command drew, taken from the view itself, so the test does not trust the renderer it checks.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.core import TyperGroup
from typer.testing import CliRunner

from certpath.cli import app
from certpath.render import console
from certpath.render.blocks import Bullets, Fields, Heading, Para, Table, Timeline, Tree, TreeNode
from tests.credential_fixtures import CREDLY, LINKEDIN_CSV

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = (40, 60, 80, 100, 120, 200)
PLAN = ("--start", "2027-01-04")
WORDS: dict[str, tuple[str, ...]] = {
    "": (),
    "tracks": ("tracks",),
    "show": ("show", "architect"),
    "about": ("about", "architect"),
    "roles": ("roles",),
    "institutions": ("institutions",),
    "learning-paths": ("learning-paths",),
    "faq": ("faq",),
    "path": ("path", "--to", "architect"),
    "recommend": ("recommend", "--role", "sre"),
    "plan": ("plan", "--to", "architect", *PLAN),
    "advise": ("advise", "--role", "platform-engineer", "--have", "", "--hours-per-week", "4",
               *PLAN, "--no-save"),
    "next": ("next", "foundation"),
    "team": ("team", "team.yaml", *PLAN),
    "graph": ("graph", "--to", "architect"),
    "validate": ("validate",),
    "schema": ("schema",),
    "due": ("due", "--within", "36m"),
    "help": ("help",),
    "profile show": ("profile", "show"),
    "profile set": ("profile", "set", "--hours-per-week", "7"),
    "profile earn": ("profile", "earn", "professional", "--on", "2026-02-03"),
    "profile forget": ("profile", "forget", "foundation"),
    "profile import": ("profile", "import", "--dry-run", "badges.json", "Certifications.csv"),
    "progress done": ("progress", "done", "architect:1"),
    "progress undo": ("progress", "undo"),
    "init": ("init", "new-catalog"),
    "diff": ("diff", "kubernetes", "role-based-cloud"),
    "import ctdl": ("import", "ctdl", str(ROOT / "tests/data/vendors/ctdl-graph.json"), "-o", "c"),
    "import mslearn": ("import", "mslearn", str(ROOT / "tests/data/vendors/mslearn-catalog.json"),
                       "-o", "m"),
    "examples copy": ("examples", "copy", "team", "copied"),
    "team-import": ("team", "import", "team.yaml", "--member", "Asha", "--dry-run", "badges.json",
                    "Certifications.csv"),
}
NO_VIEW = {"profile reset": "says only on stderr what it did"}
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
RUNS = [(name, width) for name in WORDS for width in WIDTHS]


def all_commands() -> list[str]:
    """Return every command, as typed (``profile show`` for a subcommand)."""
    found: list[str] = []

    def walk(command: Any, where: list[str]) -> None:
        if isinstance(command, TyperGroup):
            for name, sub in command.commands.items():
                walk(sub, [*where, name])
        else:
            found.append(" ".join(where))

    walk(typer.main.get_command(app), [])
    return found


def texts(view: Any) -> Iterator[str]:
    """Yield every text of a view: headings, fields, cells, items, paragraphs, tree lines."""
    for block in view.blocks:
        if isinstance(block, (Heading, Para)):
            yield block.text
        elif isinstance(block, Fields):
            for key, value in block.items:
                yield from (key, value)
        elif isinstance(block, Table):
            titled = 2 if block.columns[0] == "#" else 1  # a stacked row's title stands for them
            yield from (block.title, *block.columns[titled:])
            for row in block.rows:
                yield from row
        elif isinstance(block, Bullets):
            yield from block.items
        elif isinstance(block, Timeline):
            yield from (label for label, _, _ in block.rows)
        elif isinstance(block, Tree):
            stack: list[TreeNode] = list(block.roots)
            while stack:
                node = stack.pop()
                yield node.text
                stack.extend(node.children)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with the example team, a profile, credential exports and two example
    catalogs, under short names as a user would type them."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "team.yaml").write_text((ROOT / "examples" / "team.yaml").read_text("utf-8"),
                                        encoding="utf-8")
    (tmp_path / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    (tmp_path / "badges.json").write_text(json.dumps(CREDLY), encoding="utf-8")
    (tmp_path / "Certifications.csv").write_text(LINKEDIN_CSV, encoding="utf-8")
    for example in ("kubernetes", "role-based-cloud"):
        shutil.copytree(ROOT / "examples" / example, tmp_path / example)
    monkeypatch.setenv("CERTPATH_PROFILE", "profile.yaml")
    return tmp_path


def draw(args: tuple[str, ...], width: int, monkeypatch: pytest.MonkeyPatch) -> tuple[str, list[Any]]:
    """Run a command on a terminal ``width`` wide; return its output and the views it drew."""
    drawn: list[Any] = []
    write = console.write_view

    def recording(view: Any, *rest: Any, **options: Any) -> None:
        drawn.append(view)
        write(view, *rest, **options)

    monkeypatch.setattr(console, "write_view", recording)
    env = {"COLUMNS": str(width), "LINES": "50", "CERTPATH_FORCE_TERMINAL": "1", "NO_COLOR": "1",
           "TERM": "xterm-256color", "CERTPATH_CATALOG": None, "CERTPATH_TODAY": "2026-12-01"}
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout, drawn


def test_every_command_has_a_run() -> None:
    """Each command has a row in WORDS (or says in NO_VIEW why it draws nothing)."""
    missing = [c for c in all_commands() if c not in WORDS and c not in NO_VIEW]
    assert missing == [], f"commands with no run in WORDS of {__file__}: {missing}"


@pytest.mark.usefixtures("workdir")
@pytest.mark.parametrize(("name", "width"), RUNS, ids=[f"{n or 'certpath'}-{w}" for n, w in RUNS])
def test_words_stay_whole(name: str, width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """No line is wider than the terminal, and every word of the view is whole on one line."""
    out, views = draw(WORDS[name], width, monkeypatch)
    assert views, "the command drew no view"
    lines = out.splitlines()
    too_long = [line for line in lines if len(line.rstrip()) > width]
    assert too_long == []
    shown = {token for line in lines for word in line.split()
             for token in (word, word.rstrip(":."))}  # stacked labels: 'Track:', '1.'

    # A word longer than the line itself (a long path) cannot be whole; it is folded to fit.
    broken = sorted({word for view in views for text in texts(view) for word in text.split()
                     if word not in shown and len(word) <= width})
    assert broken == [], f"words not whole on one line at {width} columns"


@pytest.mark.usefixtures("workdir")
@pytest.mark.parametrize("width", WIDTHS)
def test_timeline_bars_never_wrap(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each certification's bar is one unbroken run of marks, all of the same length."""
    out, views = draw(WORDS["plan"], width, monkeypatch)
    [timeline] = [b for v in views for b in v.blocks if isinstance(b, Timeline)]
    runs = [w for line in out.splitlines() for w in line.split() if set(w) <= {"█", "·"}]
    assert len(runs) == len(timeline.rows) == 2  # the profile holds the first two
    assert len({len(r) for r in runs}) == 1
    assert len(runs[0]) <= width
    assert out.count("█") >= len(timeline.rows)


@pytest.mark.usefixtures("workdir")
def test_wide_terminals_get_tables_and_narrow_ones_stacked(monkeypatch: pytest.MonkeyPatch) -> None:
    """At 200 columns tracks is one table; at 60 each certification is a block of label: value."""
    wide, _ = draw(("tracks", "--track", "mlops"), 200, monkeypatch)
    narrow, _ = draw(("tracks", "--track", "mlops"), 60, monkeypatch)
    header = [line for line in wide.splitlines() if line.startswith("Certification")]
    assert len(header) == 1
    assert header[0].split()[-1] == "Order"
    assert "MLOps Associate" in [line.strip() for line in narrow.splitlines()]
    assert any(line.split()[:2] == ["Level:", "Intermediate"] for line in narrow.splitlines())


@pytest.mark.usefixtures("workdir")
def test_prose_tables_stack_where_their_columns_would_be_a_few_words_wide(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """learning-paths at 60 columns draws a block per path, not four columns of two-word lines."""
    narrow, _ = draw(("learning-paths",), 60, monkeypatch)
    lines = [line.strip() for line in narrow.splitlines()]
    assert "DevOps Path" in lines
    assert any(line.startswith("What it is:") for line in lines)
    assert not any(line.startswith("Learning") for line in lines)  # no table header
