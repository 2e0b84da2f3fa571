"""Coverage and goals: who holds what on a day, checked against dates worked out by hand."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certpath.catalog import Catalog, load_catalog
from certpath.coverage import assess_goals, coverage, holds_on
from certpath.team import Holding, Team, TeamMember, TeamPlan, load_team, plan_team
from certpath.teamgoals import Goal
from tests.conftest import SMALL_INSTITUTIONS, SMALL_ROLES, SMALL_TRACKS, WriteCatalog

TODAY = dt.date(2025, 1, 6)

TEAM = """\
members:
  - name: Ana
    role: sre                       # target: expert
    hours_per_week: 10
    have: [basics:2024-01-01, assoc-b:2024-03-01]
  - name: Bo
    target: assoc-b
    hours_per_week: 5
  - name: Cy
    have: [assoc-b:2023-06-01]
goals:
  - {at_least: 2, hold: assoc-b, by: 2025-02-15}
  - {at_least: 2, hold: assoc-b, by: 2025-03-15}
  - {everyone_with_role: sre, hold: basics, by: 2025-02-01}
  - {everyone_with_role: sre, hold: expert, by: 2025-02-01}
  - {at_least: 1, hold: expert, by: 2025-03-01}
  - {everyone_with_role: intern, hold: basics, by: 2025-03-01}
"""


@pytest.fixture
def valid12(write_catalog: WriteCatalog) -> Catalog:
    """The small catalog, with Associate B valid for 12 months."""
    tracks = SMALL_TRACKS.replace("    name: Associate B\n",
                                  "    name: Associate B\n    validity_months: 12\n")
    return load_catalog([write_catalog(tracks, SMALL_ROLES, SMALL_INSTITUTIONS)], builtin=False)


@pytest.fixture
def plan(valid12: Catalog, tmp_path: Path) -> TeamPlan:
    """The team above, planned from TODAY."""
    path = tmp_path / "team.yaml"
    path.write_text(textwrap.dedent(TEAM), encoding="utf-8")
    return plan_team(valid12, load_team(path, valid12, today=TODAY), start=TODAY)


def test_matrix_by_hand(valid12: Catalog, plan: TeamPlan) -> None:
    """Each cell's status and the valid-holder counts match a hand computation."""
    # Ana holds basics (no validity) and assoc-b (2024-03-01 + 12 months = 2025-03-01, within
    # 90 days of 2025-01-06: expiring); her path is expert, 50 h at 10 h a week = 35 days, exam
    # 2025-02-09. Bo takes assoc-b: 20 h at 5 h a week = 28 days, exam 2025-02-02. Cy's
    # assoc-b expired on 2024-06-01. The team is ready on 2025-02-09.
    cov = coverage(valid12, plan, today=TODAY)
    assert cov.certs == ("basics", "assoc-b", "expert")
    assert cov.members == ("Ana", "Bo", "Cy")
    cells = [[(c.status, c.expires or c.planned) for c in row] for row in cov.cells]
    assert cells == [
        [("valid", None), ("expiring", dt.date(2025, 3, 1)), ("planned", dt.date(2025, 2, 9))],
        [("none", None), ("planned", dt.date(2025, 2, 2)), ("none", None)],
        [("none", None), ("expired", dt.date(2024, 6, 1)), ("none", None)],
    ]
    assert cov.ready == dt.date(2025, 2, 9)
    assert cov.valid_today == (1, 1, 0)
    assert cov.valid_at_ready == (1, 2, 1)


def test_goals_by_hand(valid12: Catalog, plan: TeamPlan) -> None:
    """Goals are met, met by the plan on the right day, or not met with the reasons."""
    results = assess_goals(valid12, plan, today=TODAY)
    assert [(r.status, r.on, r.holders) for r in results] == [
        ("planned", dt.date(2025, 2, 2), 2),  # Ana (until 03-01) and Bo (from 02-02)
        ("not-met", None, 1),                 # Ana's lapsed on 03-01: only Bo
        ("met", None, 1),                     # basics does not expire
        ("not-met", None, 0),                 # Ana's expert exam is on 02-09
        ("planned", dt.date(2025, 2, 9), 1),
        ("not-met", None, 0),                 # no member is an intern
    ]
    assert results[1].reasons == (
        "1 of 2 valid on 2025-03-15",
        "Ana: expires on 2025-03-01, and renewing it is not on the plan",
        "Cy: expires on 2024-06-01, and renewing it is not on the plan")
    assert results[3].reasons == ("0 of 1 hold it on 2025-02-01",
                                  "Ana: exam planned for 2025-02-09, after 2025-02-01")
    assert results[5].reasons == ("no member has this role",)


def test_expiry_day_is_not_valid(valid12: Catalog, plan: TeamPlan) -> None:
    """A certification is valid the day before it expires and not on the day itself."""
    ana = plan.members[0]
    assert holds_on(valid12, ana, "assoc-b", dt.date(2025, 2, 28))
    assert not holds_on(valid12, ana, "assoc-b", dt.date(2025, 3, 1))
    bo = plan.members[1]
    assert not holds_on(valid12, bo, "assoc-b", dt.date(2025, 2, 1))
    assert holds_on(valid12, bo, "assoc-b", dt.date(2025, 2, 2))
    assert not holds_on(valid12, bo, "assoc-b", dt.date(2025, 2, 2), plan=False)


@st.composite
def teams(draw: st.DrawFn) -> tuple[Team, Goal]:
    """A random team of holders and learners, and a random at-least goal."""
    certs = ["basics", "assoc-a", "assoc-b", "expert"]
    members = []
    for index in range(draw(st.integers(1, 5))):
        held = tuple(Holding(c, draw(st.none() | st.dates(dt.date(2021, 1, 1), TODAY)))
                     for c in draw(st.lists(st.sampled_from(certs), unique=True, max_size=3)))
        target = draw(st.none() | st.sampled_from(certs))
        members.append(TeamMember(f"m{index}", None, tuple(h.cert for h in held),
                                  draw(st.sampled_from([5.0, 10.0, 40.0])), target, held))
    goal = Goal(draw(st.sampled_from(certs)), draw(st.dates(TODAY, TODAY + dt.timedelta(400))),
                at_least=draw(st.integers(1, 4)))
    return Team(None, None, tuple(members), "team", (goal,)), goal


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=teams())
def test_goal_dates_hold_until_the_goal(valid12: Catalog, drawn: tuple[Team, Goal]) -> None:
    """"Met by the plan on D" means enough holders every day from D to the goal, and not before."""
    team, goal = drawn
    plan = plan_team(valid12, team, start=TODAY)
    (result,) = assess_goals(valid12, plan, today=TODAY)

    def count(day: dt.date, *, with_plan: bool = True) -> int:
        return sum(holds_on(valid12, mp, goal.cert, day, plan=with_plan) for mp in plan.members)

    needed = goal.at_least or 0
    assert result.holders == count(goal.by)
    if result.status == "met":
        assert count(goal.by, with_plan=False) >= needed
    elif result.status == "planned":
        assert result.on is not None
        assert TODAY <= result.on <= goal.by
        days = (goal.by - result.on).days
        assert all(count(result.on + dt.timedelta(d)) >= needed for d in range(days + 1))
        if result.on > TODAY:
            assert count(result.on - dt.timedelta(1)) < needed
    else:
        assert count(goal.by) < needed
    cov = coverage(valid12, plan, today=TODAY)
    for i, cert in enumerate(cov.certs):
        shown = sum(row[i].status in ("valid", "expiring") for row in cov.cells)
        assert cov.valid_today[i] == shown, cert


def test_counts_of_a_plan_that_started_earlier(valid12: Catalog, plan: TeamPlan) -> None:
    """Looked at after the ready date, today counts the holdings and ready its own day."""
    # Today 2025-06-01, the plan started 2025-01-06 and was ready on 2025-02-09. Holdings alone
    # on 06-01: Ana's basics (no validity); her assoc-b expired on 03-01, Cy's in 2024; nobody
    # holds expert: (1, 0, 0). On 2025-02-09 with the plan: basics Ana; assoc-b Ana (to 03-01)
    # and Bo (exam 02-02); expert Ana (exam 02-09): (1, 2, 1), as when looked at on the start.
    cov = coverage(valid12, plan, today=dt.date(2025, 6, 1))
    assert cov.ready == dt.date(2025, 2, 9)
    assert cov.valid_today == (1, 0, 0)
    assert cov.valid_at_ready == (1, 2, 1)
    assert [c.status for c in cov.cells[1]] == ["none", "planned", "none"]  # Bo: not recorded


def test_goal_dates_of_a_plan_that_started_earlier(valid12: Catalog, plan: TeamPlan) -> None:
    """Assessed after the plan's start, a goal is met on the same day as at the start."""
    # The plan started on 2025-01-06; looked at on 2025-06-01, the first goal is still met by
    # the plan on 2025-02-02 (Bo's exam; Ana's holds until 03-01), not on its own date 02-15.
    first = assess_goals(valid12, plan, today=dt.date(2025, 6, 1))[0]
    assert (first.status, first.on) == ("planned", dt.date(2025, 2, 2))
