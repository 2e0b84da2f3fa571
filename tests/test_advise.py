"""The guided advisor: the advice's plan, and the command driven by piped answers."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from certpath.advice import advise
from certpath.catalog import Catalog
from certpath.cli import app
from certpath.errors import InputError
from certpath.schedule import check_hours_per_week
from tests.conftest import WriteCatalog
from tests.plan_fixtures import PLANNED_TRACKS

FLAGS = ("--hours-per-week", "10", "--start", "2027-01-04")


def run_advise(catalog: Path, *args: str, answers: str = "", command: str = "advise") -> Any:
    """Run advise (or another command) on a fixture catalog with ``answers`` piped to stdin."""
    return CliRunner().invoke(app, ["--no-builtin", "--catalog", str(catalog), command, *args],
                              input=answers, env={"NO_COLOR": "1", "COLUMNS": "200",
                                                  "CERTPATH_TODAY": "2027-01-04"})


def test_plan_is_the_schedule_of_the_path(small: Catalog) -> None:
    """The advice's plan is the dated schedule of the recommended path at the weekly hours."""
    result = advise(small, "sre", hours_per_week=8, start=date(2027, 1, 4))
    path = result.recommendation.path
    assert path is not None
    assert result.schedule is not None
    assert [w.cert for w in result.schedule.windows] == ["basics", "assoc-b", "expert"]
    # 10, 20 and 50 hours at 8 a week: 9, 18 and 44 days, one window after another
    assert [(w.start, w.exam) for w in result.schedule.windows] == [
        (date(2027, 1, 4), date(2027, 1, 12)), (date(2027, 1, 13), date(2027, 1, 30)),
        (date(2027, 1, 31), date(2027, 3, 15))]
    assert result.schedule.total_hours == 80
    assert result.schedule.hours_per_week == 8
    assert result.schedule.path is path


def test_role_without_target_has_no_plan(small: Catalog) -> None:
    """A role with no target gets its recommendation and no plan."""
    assert advise(small, "intern", hours_per_week=5, start=date(2027, 1, 4)).schedule is None


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
    plan = result.stdout.index("Study plan for Cloud Expert\n")
    assert result.stdout.index("Path to Cloud Expert\n") < plan
    assert "2027-01-04 to 2027-01-21 (estimate)" in result.stdout[plan:]
    assert ("Study hours: ~70 h (estimate)\nExam fees:   not in the catalog\nWeeks:       9\n"
            "Finish:      2027-03-06\n") in result.stdout
    assert ("Next time, skip the questions: certpath advise --role sre --have basics "
            "--hours-per-week 8 --start 2027-01-04") in result.stdout


def test_numbers_and_defaults(small_dir: Path) -> None:
    """A role and certifications may be chosen by number; empty answers take the defaults."""
    result = run_advise(small_dir, "--start", "2027-01-04", answers="1\n1,3\n\n")
    assert result.exit_code == 0, result.stderr
    assert "Held: Cloud Basics, Associate B" in result.stdout
    assert "Hours per week: 5\n" in result.stdout


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
    assert set(doc) == {"schema_version", "recommendation", "plan"}
    assert set(doc["recommendation"]) == {"role", "focus_area", "strategic_value", "target",
                                          "path", "learning_paths", "next", "institutions",
                                          "totals"}
    plan = run_advise(small_dir, "--to", "expert", "--have", "basics", *FLAGS, "--json",
                      command="plan")
    assert doc["plan"] == {k: v for k, v in json.loads(plan.stdout).items() if k != "schema_version"}
    assert doc["plan"]["totals"] == {"hours": 70.0, "hours_estimate": True, "weeks": 7,
                                     "finish": "2027-02-21",
                                     "fees": {"amounts": {}, "unknown": ["assoc-b", "expert"],
                                              "estimate": False}}


@pytest.mark.parametrize(("args", "message"), [
    (("--hours-per-week", "0", "--start", "2027-01-04"),
     "Invalid value for '--hours-per-week': 0 is not in the range 0.5 to 168."),
    (("--hours-per-week", "5", "--start", "next week"),
     "certpath: error: --start 'next week' is not a date; write YYYY-MM-DD, today, tomorrow, "
     "next-monday (any weekday), +10d or +2w"),
])
def test_bad_options_are_usage_errors(small_dir: Path, args: tuple[str, ...], message: str) -> None:
    """Hours out of bounds or a bad date given as an option: exit 2, said on stderr.

    The hours are refused as the options are read, with the usage line above, as by plan.
    """
    result = run_advise(small_dir, "--role", "sre", "--have", "", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


ANSWERS = "sre\nbasics\n8\n2027-01-04\n"


def read_profile(path: Path) -> dict[str, Any]:
    """Return the profile file's data."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def test_confirmed_answers_are_saved(small_dir: Path, isolated_profile: Path) -> None:
    """After asking, advise offers to save; 'y' (after a wrong answer) records role, held, hours."""
    result = run_advise(small_dir, answers=ANSWERS + "maybe\ny\n")
    assert result.exit_code == 0, result.stderr
    assert f"Save these answers to your profile ({isolated_profile})? [y/N] " in result.stderr
    assert "certpath: answer y or n\n" in result.stderr
    assert result.stderr.endswith(f"certpath: saved your answers to the profile: {isolated_profile}\n")
    assert read_profile(isolated_profile) == {"schema_version": 1, "role": "sre",
                                              "hours_per_week": 8, "earned": {"basics": None}}


@pytest.mark.parametrize("answer", ["", "\n", "n\n", "No\n"], ids=["input-ran-out", "empty", "n", "No"])
def test_not_saved_without_yes(small_dir: Path, isolated_profile: Path, answer: str) -> None:
    """No answer, an empty one, or no: nothing is saved and advise still succeeds."""
    result = run_advise(small_dir, answers=ANSWERS + answer)
    assert result.exit_code == 0, result.stderr
    assert "Save these answers" in result.stderr
    assert not isolated_profile.exists()


def test_save_flags(small_dir: Path, isolated_profile: Path) -> None:
    """--no-save never asks; --save saves without asking, even when nothing else was asked."""
    skipped = run_advise(small_dir, "--no-save", answers=ANSWERS + "y\n")
    assert skipped.exit_code == 0, skipped.stderr
    assert "Save these answers" not in skipped.stderr
    assert not isolated_profile.exists()
    saved = run_advise(small_dir, "--role", "sre", "--have", "", *FLAGS, "--save")
    assert saved.exit_code == 0, saved.stderr
    assert saved.stderr == f"certpath: saved your answers to the profile: {isolated_profile}\n"
    assert read_profile(isolated_profile)["role"] == "sre"


def test_saving_keeps_what_the_profile_holds(small_dir: Path, isolated_profile: Path) -> None:
    """Saving adds held certifications without a date; dates and other entries already there stay."""
    for cert in ("data-pro", "basics"):
        earned = run_advise(small_dir, "earn", cert, "--on", "2026-05-01", command="profile")
        assert earned.exit_code == 0, earned.stderr
    result = run_advise(small_dir, "--role", "sre", "--have", "basics,assoc-b", *FLAGS, "--save")
    assert result.exit_code == 0, result.stderr
    assert read_profile(isolated_profile)["earned"] == {
        "data-pro": date(2026, 5, 1), "basics": date(2026, 5, 1), "assoc-b": None}


def test_profile_gives_the_default_answers(small_dir: Path, isolated_profile: Path) -> None:
    """The profile's role, certifications and hours are offered; empty answers take them."""
    isolated_profile.parent.mkdir(parents=True)
    isolated_profile.write_text("role: sre\nhours_per_week: 10\nearned: {basics: 2026-05-01}\n",
                                encoding="utf-8")
    result = run_advise(small_dir, "--json", answers="\n\n\n\n")
    assert result.exit_code == 0, result.stderr
    assert "Role (number, id or name) [sre]: " in result.stderr
    assert "comma-separated; empty for basics; 'none' for none): " in result.stderr
    assert "Hours of study per week [10]: " in result.stderr
    plan = json.loads(result.stdout)["plan"]
    assert (plan["have"], plan["hours_per_week"], plan["start"]) == (["basics"], 10, "2027-01-04")
    none_held = run_advise(small_dir, "--role", "sre", *FLAGS, "--json", answers="none\n")
    assert json.loads(none_held.stdout)["plan"]["have"] == []


def test_expired_certification_from_the_profile_is_renewed(write_catalog: WriteCatalog,
                                                           isolated_profile: Path) -> None:
    """A held certification the profile says has expired goes back on the plan, as with plan."""
    catalog = write_catalog(PLANNED_TRACKS, "roles: [{id: dev, name: Developer, target: assoc}]\n")
    isolated_profile.parent.mkdir(parents=True)
    isolated_profile.write_text("earned: {basics: 2022-06-01}\n", encoding="utf-8")
    result = run_advise(catalog, "--role", "dev", "--have", "basics", *FLAGS, "--json")
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)["plan"]
    assert [c["id"] for c in plan["certifications"]] == ["basics", "assoc"]
    assert plan["notes"][0].startswith("Cloud Basics is held but has expired")


def test_corrupt_profile_is_never_overwritten(small_dir: Path, isolated_profile: Path) -> None:
    """With a profile certpath cannot read, advise --save fails naming its line and leaves it as is."""
    isolated_profile.parent.mkdir(parents=True)
    isolated_profile.write_bytes(b"role: sre\nearned: {basics: [\n")
    result = run_advise(small_dir, "--role", "sre", "--have", "", *FLAGS, "--save")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"certpath: {isolated_profile}:3:")
    assert isolated_profile.read_bytes() == b"role: sre\nearned: {basics: [\n"
