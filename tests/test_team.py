"""Team files: loading with positions, and team totals checked against hand-computed numbers."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from certpath.catalog import Catalog
from certpath.errors import TeamError
from certpath.team import load_team, plan_team

MONDAY = dt.date(2025, 1, 6)

TEAM = """\
schema_version: 1
name: Cloud team
hours_per_week: 5
members:
  - name: Ana
    role: SRE
    hours_per_week: 10
  - name: Bo
    target: Cloud Expert
    have: [assoc-a]
  - name: Cy
    role: intern
  - name: Di
    target: data-pro
    have: [expert]
    hours_per_week: 20
"""


def write(tmp_path: Path, text: str) -> Path:
    """Write a team file and return its path."""
    path = tmp_path / "team.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_team_totals_by_hand(small: Catalog, tmp_path: Path) -> None:
    """Per-member paths, hours and finish dates, and the team totals, match a hand computation."""
    plan = plan_team(small, load_team(write(tmp_path, TEAM), small, today=MONDAY), start=MONDAY)
    rows = {m.member.name: ([w.cert for w in m.schedule.windows], m.schedule.total_hours,
                            m.schedule.finish.isoformat()) if m.schedule else m.problem
            for m in plan.members}
    # Ana, 10 h a week: basics 10 h (7 days), assoc-b 20 h (14 days), expert 50 h (35 days)
    assert rows["Ana"] == (["basics", "assoc-b", "expert"], 80, "2025-03-02")
    # Bo holds assoc-a (and so basics); 50 h at the team's 5 h a week = 70 days
    assert rows["Bo"] == (["expert"], 50, "2025-03-16")
    # Di: data-pro states no effort, so 40 h are assumed; at 20 h a week, 14 days
    assert rows["Di"] == (["data-pro"], 40, "2025-01-19")
    assert rows["Cy"] == "the catalog names no target for Intern"
    assert plan.total_hours == 80 + 50 + 40
    assert plan.ready == dt.date(2025, 3, 16)
    assert [(cid, names) for cid, names in plan.demand] == [
        ("expert", ("Ana", "Bo")), ("basics", ("Ana",)), ("assoc-b", ("Ana",)),
        ("data-pro", ("Di",))]
    # Cloud School trains the cloud track: expert (2 people), basics (1), assoc-b (1)
    assert plan.institutions == (("cloud-school", 4, ("expert", "basics", "assoc-b")),)
    assert [m.member.name for m in plan.without_path] == ["Cy"]


def test_names_resolve_by_alias(small: Catalog, tmp_path: Path) -> None:
    """Roles, targets and held certifications resolve by id, alias or name."""
    team = load_team(write(tmp_path, TEAM), small, today=MONDAY)
    assert [(m.role, m.target, m.have) for m in team.members[:2]] == [
        ("sre", None, ()), (None, "expert", ("assoc-a",))]
    assert team.members[1].hours_per_week == 5


GOALS = "hours_per_week: 5\nmembers: [{name: A, role: sre}]\ngoals:\n"


@pytest.mark.parametrize(("text", "where", "message"), [
    ("members:\n  - name: A\n    role: astronaut\n    hours_per_week: 5\n", ":3:11",
     "unknown role 'astronaut'"),
    ("members:\n  - name: A\n    role: sre\n    have: [basics, nope]\n    hours_per_week: 5\n",
     ":4:20", "unknown certification 'nope'"),
    ("members:\n  - name: A\n    role: sre\n    hours: 5\n", ":4:12", "unknown key 'hours'"),
    ("members:\n  - name: A\n    role: sre\n", ":2:5", "no hours_per_week"),
    ("members:\n  - name: A\n    role: sre\n    hours_per_week: lots\n", ":4:21",
     "expected a number, got text"),
    ("members:\n  - role: sre\n    hours_per_week: 5\n", ":2:5", "missing required field 'name'"),
    ("members: []\n", ":1:10", "the team has no members"),
    ("members:\n  - name: A\n    role: sre\n    hours_per_week: 5\n    have: [basics:2025-13-01]\n",
     ":5:12", "2025-13-01 is not a real date"),
    ("members:\n  - name: A\n    role: sre\n    hours_per_week: 5\n    have: [basics:2025-02-01]\n",
     ":5:12", "2025-02-01 is after today (2025-01-06)"),
    ("members:\n  - name: A\n    role: sre\n    hours_per_week: 5\n    have: [basics, Cloud Basics]\n",
     ":5:20", "A holds 'basics' twice"),
    (GOALS + "  - {hold: expert, by: 2025-06-01}\n", ":4:5", "either 'at_least: N'"),
    (GOALS + "  - {hold: nope, at_least: 1, by: 2025-06-01}\n", ":4:12",
     "unknown certification 'nope'"),
    (GOALS + "  - {hold: expert, at_least: 0, by: 2025-06-01}\n", ":4:30",
     "expected a number at least 1"),
    ("hours_per_week: 5\nmembers: [{name: A, role: sre}]\nsheet: people.ods\n", ":3:8",
     "not a spreadsheet"),
    ("hours_per_week: 5\nmembers:\n  - {name: A, role: sre}\n  - {name: A, role: sre}\n",
     ":4:12", "two members are called 'A'"),
    ("members:\n  - name: A\n    role: sre\n    hours_per_week: NO\n", ":4:21", "ambiguous value NO"),
    ("- a\n", ":1:1", "expected a mapping"),
])
def test_bad_team_file(small: Catalog, tmp_path: Path, text: str, where: str, message: str) -> None:
    """A bad team file is an error with file:line:column, like a bad catalog."""
    path = write(tmp_path, text)
    with pytest.raises(TeamError) as caught:
        load_team(path, small, today=MONDAY)
    first = caught.value.findings[0]
    assert f"{first.file}:{first.line}:{first.column}" == f"{path}{where}"
    assert message in first.message


def test_missing_team_file(small: Catalog, tmp_path: Path) -> None:
    """A team file that does not exist is an error naming it."""
    with pytest.raises(TeamError, match="no such file"):
        load_team(tmp_path / "nope.yaml", small, today=MONDAY)


def test_member_without_role_or_target_has_no_path(small: Catalog, tmp_path: Path) -> None:
    """A member with neither role nor target (a plain HR export) is listed, with no path and no hours."""
    path = write(tmp_path, "members:\n  - name: A\n    have: [basics]\n")
    plan = plan_team(small, load_team(path, small, today=MONDAY), start=MONDAY)
    assert [(m.member.name, m.member.have, m.problem) for m in plan.members] == [
        ("A", ("basics",), "no role or target given")]


def test_an_impossible_start_date_is_not_a_real_date(small: Catalog, tmp_path: Path) -> None:
    """A team file's start of 2024-02-30 is "not a real date" at its line, not a quoting hint."""
    with pytest.raises(TeamError) as caught:
        load_team(write(tmp_path, "start: 2024-02-30\nmembers: [{name: A, role: sre}]\n"), small,
                  today=MONDAY)
    assert [(f.line, f.column, f.message) for f in caught.value.findings] == [
        (1, 8, "2024-02-30 is not a real date")]


def test_an_impossible_date_in_have_is_not_a_real_date(small: Catalog, tmp_path: Path) -> None:
    """basics:2024-02-30 in a member's have list is "not a real date" (it has the right shape),
    and a date of the wrong shape is asked for as YYYY-MM-DD."""
    path = write(tmp_path, "members:\n  - {name: A, role: sre, hours_per_week: 5,\n"
                           "     have: ['basics:2024-02-30', 'assoc-a:2024/01/02']}\n")
    with pytest.raises(TeamError) as caught:
        load_team(path, small, today=MONDAY)
    assert [f.message.split(": ", 1)[1] for f in caught.value.findings] == [
        "2024-02-30 is not a real date",
        "'2024/01/02' is not a date; write it as YYYY-MM-DD"]
