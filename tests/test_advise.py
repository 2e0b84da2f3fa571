"""The guided advisor: the core timeline, and the command driven by piped answers."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certpath.advice import advise, check_hours_per_week
from certpath.catalog import Catalog
from certpath.cli import app
from certpath.errors import InputError

FLAGS = ("--hours-per-week", "10", "--start", "2027-01-04")


def run_advise(catalog: Path, *args: str, answers: str = "") -> Any:
    """Run advise on a fixture catalog with ``answers`` piped to stdin."""
    return CliRunner().invoke(app, ["--no-builtin", "--catalog", str(catalog), "advise", *args],
                              input=answers, env={"NO_COLOR": "1", "COLUMNS": "200"})


def test_timeline_adds_hours_and_rounds_weeks_up(small: Catalog) -> None:
    """Study hours are the path's efforts; weeks round up; the finish is that many weeks on."""
    result = advise(small, "sre", hours_per_week=8, start=date(2027, 1, 4))
    study = result.study
    path = result.recommendation.path
    assert study is not None
    assert path is not None
    assert [s.id for s in path.steps] == ["basics", "assoc-b", "expert"]
    assert study.hours == 80
    assert study.weeks == 10
    assert study.finish == date(2027, 3, 15)
    assert study.estimate is True  # fixture efforts default to estimates
    assert study.unknown == ()


def test_role_without_target_has_no_timeline(small: Catalog) -> None:
    """A role with no target gets its recommendation and no timeline."""
    assert advise(small, "intern", hours_per_week=5, start=date(2027, 1, 4)).study is None


@pytest.mark.parametrize("hours", [0, -1, 169])
def test_pace_out_of_range(hours: float) -> None:
    """A weekly pace of zero, below zero, or beyond a week's hours is bad usage."""
    with pytest.raises(InputError, match="hours per week"):
        check_hours_per_week(hours)


def test_piped_answers(small_dir: Path) -> None:
    """Answers piped one a line: prompts and choices on stderr, the advice on stdout."""
    result = run_advise(small_dir, answers="sre\nbasics\n8\n2027-01-04\n")
    assert result.exit_code == 0, result.stderr
    assert "Which role are you planning for?\n   1. Site Reliability Engineer (sre)\n" in result.stderr
    assert "Role (number, id or name): " in result.stderr
    assert result.stdout.startswith("Recommendation for Site Reliability Engineer\n")
    assert "Study time: 70 h (includes estimates)\nPace:       8 h a week: 9 weeks\n" in result.stdout
    assert ("Next time, skip the questions: certpath advise --role sre --have basics "
            "--hours-per-week 8 --start 2027-01-04") in result.stdout


def test_numbers_and_defaults(small_dir: Path) -> None:
    """A role and certifications may be chosen by number; empty answers take the defaults."""
    result = run_advise(small_dir, "--start", "2027-01-04", answers="1\n1,3\n\n")
    assert result.exit_code == 0, result.stderr
    assert "Held: Cloud Basics, Associate B" in result.stdout
    assert "Pace:       5 h a week: 10 weeks" in result.stdout


def test_wrong_answer_is_asked_again(small_dir: Path) -> None:
    """An answer that matches nothing says why and asks again."""
    result = run_advise(small_dir, "--have", "", *FLAGS, answers="pilot\nsre\n")
    assert result.exit_code == 0
    assert "certpath: unknown role 'pilot'" in result.stderr
    assert result.stderr.count("Role (number, id or name): ") == 2


def test_answers_running_out_names_the_flags(small_dir: Path) -> None:
    """With stdin not a terminal and answers missing: exit 2 naming the options to use instead."""
    result = run_advise(small_dir, "--role", "sre", answers="")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.endswith(
        "certpath: error: no answer on standard input; give the answers as options instead: "
        "certpath advise --have CERT,... (or --have '' for none) --hours-per-week N "
        "--start YYYY-MM-DD\n")


def test_all_flags_ask_nothing(small_dir: Path) -> None:
    """With every answer given as an option, nothing is asked or read."""
    result = run_advise(small_dir, "--role", "sre", "--have", "basics", *FLAGS, "--json",
                        answers="this must not be read\n")
    assert result.exit_code == 0
    assert result.stderr == ""
    doc = json.loads(result.stdout)
    assert set(doc) == {"schema_version", "recommendation", "study"}
    assert set(doc["recommendation"]) == {"role", "focus_area", "strategic_value", "target",
                                          "path", "learning_paths", "next", "institutions"}
    assert doc["study"] == {"hours": 70.0, "estimate": True, "unknown": [], "hours_per_week": 10.0,
                            "weeks": 7, "start": "2027-01-04", "finish": "2027-02-22"}


@pytest.mark.parametrize(("args", "message"), [
    (("--hours-per-week", "0", "--start", "2027-01-04"), "hours per week must be more than 0"),
    (("--hours-per-week", "5", "--start", "next week"), "not a date: 'next week'"),
])
def test_bad_options_are_usage_errors(small_dir: Path, args: tuple[str, ...], message: str) -> None:
    """A bad pace or date given as an option: exit 2 and one line on stderr."""
    result = run_advise(small_dir, "--role", "sre", "--have", "", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
