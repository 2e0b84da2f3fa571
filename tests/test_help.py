"""certpath help TOPIC prints the shipped docs; --help never sends a pip user to a missing file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main
from typer.core import TyperGroup
from typer.testing import CliRunner

from certpath.cli import app
from certpath.cli.help_cmds import TOPICS

ROOT = Path(__file__).resolve().parent.parent
ENV = {"NO_COLOR": "1", "COLUMNS": "120"}


def commands() -> list[list[str]]:
    """Return every command and group, as the words that name it."""
    found: list[list[str]] = [[]]

    def walk(command: object, where: list[str]) -> None:
        if isinstance(command, TyperGroup):
            for name, sub in command.commands.items():
                found.append([*where, name])
                walk(sub, [*where, name])

    walk(typer.main.get_command(app), [])
    return found


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_help_topic_prints_the_shipped_document(topic: str) -> None:
    """'certpath help TOPIC' prints the docs/ file of that topic, unchanged."""
    result = CliRunner().invoke(app, ["help", topic], env=ENV)
    assert result.exit_code == 0
    assert result.stdout == (ROOT / "docs" / TOPICS[topic][0]).read_text(encoding="utf-8")


def test_help_lists_topics_and_refuses_unknown_ones() -> None:
    """'certpath help' lists every topic; an unknown one is a usage error naming the topics."""
    listing = CliRunner().invoke(app, ["help"], env=ENV)
    assert listing.exit_code == 0
    assert [line.split()[0] for line in listing.stdout.splitlines()[1:-1]] == list(TOPICS)
    unknown = CliRunner().invoke(app, ["help", "jsn"], env=ENV)
    assert unknown.exit_code == 2
    assert "topics: catalog, json, plans" in unknown.stderr


@pytest.mark.parametrize("words", commands(), ids=lambda w: " ".join(w) or "certpath")
def test_help_names_no_file_a_pip_user_lacks(words: list[str]) -> None:
    """No --help mentions the README, docs/, a Markdown file or the repository's examples/.

    'certpath help TOPIC' prints the docs, and 'certpath examples copy NAME DIR' an example.
    """
    result = CliRunner().invoke(app, [*words, "--help"], env=ENV)
    assert result.exit_code == 0
    assert not re.search(r"README|docs/|\.md\b|examples/", result.stdout), result.stdout


@pytest.mark.parametrize("path", sorted(
    str(p.relative_to(ROOT)) for p in [ROOT / "README.md", *ROOT.glob("docs/*.md"),
                                        *ROOT.glob("src/certpath/**/*.md")]))
def test_documents_carry_no_merge_conflict_markers(path: str) -> None:
    """No document a reader sees keeps an unresolved merge (a line of <<<<<<<, ======= or >>>>>>>)."""
    text = (ROOT / path).read_text(encoding="utf-8")
    assert not re.search(r"^(<{7}|={7}|>{7})( |$)", text, re.MULTILINE)


def test_help_lists_the_first_questions_first() -> None:
    """certpath --help starts with advise, recommend, path, plan and ends with the reference."""
    from certpath.cli.app import COMMAND_ORDER

    result = CliRunner().invoke(app, ["--help"], env=ENV)
    panel = re.split(r"Commands", result.stdout, maxsplit=1)[1]
    listed = re.findall(r"^[│ ] +([a-z][a-z-]*) {2,}", panel, re.MULTILINE)
    assert listed[:4] == ["advise", "recommend", "path", "plan"]
    assert listed[-2:] == ["schema", "help"]
    assert set(listed) <= set(COMMAND_ORDER)  # a new command is placed, not left at the end
