"""Who on a team holds what, and until when: the coverage matrix, and whether the goals are met.

A member holds a certification on a day when it was issued on or before that day and has not
expired by it (``validity.standing``: the holding's own expiry date, else the catalog's validity
period; a certification whose validity is known but whose issue date is not counts as unknown,
never as valid). A certification on a member's plan is held from its exam date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from certpath.catalog import Catalog
from certpath.team import Holding, MemberPlan, TeamPlan
from certpath.teamgoals import Goal
from certpath.validity import standing

STATUSES = ("valid", "expiring", "expired", "unknown", "planned", "none")
"""A cell's status: held and valid, valid but expiring within 90 days, expired, held with validity
but no issue date, planned (on the member's path, with its exam date), or none."""


@dataclass(frozen=True)
class Cell:
    """One member and one certification."""

    status: str
    issued: dt.date | None = None
    expires: dt.date | None = None
    planned: dt.date | None = None  # the exam date, when the certification is on the plan


@dataclass(frozen=True)
class Coverage:
    """The matrix of members by certification, and the number of valid holders of each."""

    today: dt.date
    ready: dt.date | None
    certs: tuple[str, ...]
    members: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]  # one row per member, one cell per certification
    valid_today: tuple[int, ...]  # from the holdings alone, on ``today``
    valid_at_ready: tuple[int, ...]  # counting the plan, on ``ready``; valid_today with no ready


@dataclass(frozen=True)
class GoalResult:
    """How a goal stands: met today, met by the plan on a date, or not met (and why)."""

    goal: Goal
    status: str  # "met", "planned" or "not-met"
    on: dt.date | None  # when the plan meets it ("planned")
    holders: int  # valid holders on the goal's date, counting the plan
    reasons: tuple[str, ...]

    @property
    def met(self) -> bool:
        """Whether the goal is met, now or by the plan."""
        return self.status != "not-met"


def _held(mp: MemberPlan, cert: str) -> Holding | None:
    return next((h for h in mp.member.held if h.cert == cert), None)


def _exam(mp: MemberPlan, cert: str) -> dt.date | None:
    windows = mp.schedule.windows if mp.schedule else ()
    return next((w.exam for w in windows if w.cert == cert), None)


def holds_on(catalog: Catalog, mp: MemberPlan, cert: str, day: dt.date, *,
             plan: bool = True) -> bool:
    """Whether the member holds a valid ``cert`` on ``day`` (from the plan too, with ``plan``)."""
    held = _held(mp, cert)
    if held is not None and (held.issued is None or held.issued <= day):
        found = standing(catalog, cert, held.issued, day, mp.member.earned, stated=mp.member.stated)
        if found.status in ("valid", "expiring"):
            return True
    exam = _exam(mp, cert) if plan else None
    if exam is None or exam > day:
        return False
    return standing(catalog, cert, exam, day).status in ("valid", "expiring")


def team_certs(catalog: Catalog, plan: TeamPlan) -> tuple[str, ...]:
    """The certifications the team holds, plans or has goals for, in catalog order."""
    found = {h.cert for m in plan.members for h in m.member.held}
    found |= {w.cert for m in plan.members if m.schedule for w in m.schedule.windows}
    found |= {g.cert for g in plan.team.goals}
    return tuple(sorted(found, key=catalog.order_key))


def coverage(catalog: Catalog, plan: TeamPlan, *, today: dt.date) -> Coverage:
    """Return the coverage matrix on ``today``, with valid holders today and at the ready date.

    The cells and ``valid_today`` are the holdings on ``today``; ``valid_at_ready`` counts the
    plan too, on the team's ready date itself, before or after ``today``.
    """
    certs = team_certs(catalog, plan)
    rows = tuple(tuple(_cell(catalog, mp, cert, today) for cert in certs) for mp in plan.members)
    ready = plan.ready
    # Today the holdings decide alone: an exam the plan dates before today (a plan that started
    # earlier) is a holding only once the team file records it.
    now = tuple(sum(holds_on(catalog, mp, c, today, plan=False) for mp in plan.members)
                for c in certs)
    later = now if ready is None else \
        tuple(sum(holds_on(catalog, mp, c, ready) for mp in plan.members) for c in certs)
    return Coverage(today, ready, certs, tuple(m.member.name for m in plan.members), rows, now,
                    later)


def _cell(catalog: Catalog, mp: MemberPlan, cert: str, today: dt.date) -> Cell:
    held = _held(mp, cert)
    exam = _exam(mp, cert)
    if held is not None:
        found = standing(catalog, cert, held.issued, today, mp.member.earned,
                             stated=mp.member.stated)
        if found.status != "expired" or exam is None:
            return Cell(found.status, held.issued, found.expires, exam)
    if exam is not None:
        return Cell("planned", planned=exam)
    return Cell("none")


def assess_goals(catalog: Catalog, plan: TeamPlan, *, today: dt.date) -> tuple[GoalResult, ...]:
    """Return how each of the team's goals stands."""
    return tuple(_at_least(catalog, plan, g, today) if g.role is None else
                 _everyone(catalog, plan, g, today) for g in plan.team.goals)


def _events(catalog: Catalog, plan: TeamPlan, cert: str, today: dt.date,
            until: dt.date) -> list[dt.date]:
    """The days, from today (or the plan's start, if earlier) to ``until``, on which the number
    of valid holders can change."""
    today = min(today, plan.start)  # a plan that started before today has its exams back there
    days = {today}
    for mp in plan.members:
        held, exam = _held(mp, cert), _exam(mp, cert)
        if held is not None:
            days.add(standing(catalog, cert, held.issued, today, mp.member.earned,
                             stated=mp.member.stated).expires
                     or today)
        if exam is not None:
            days.add(exam)
            days.add(standing(catalog, cert, exam, exam).expires or exam)
    return sorted(d for d in days if today <= d <= until)


def _at_least(catalog: Catalog, plan: TeamPlan, goal: Goal, today: dt.date) -> GoalResult:
    needed = goal.at_least or 0

    def count(day: dt.date, *, with_plan: bool = True) -> int:
        return sum(holds_on(catalog, mp, goal.cert, day, plan=with_plan) for mp in plan.members)

    holders = count(goal.by)
    if count(goal.by, with_plan=False) >= needed:
        return GoalResult(goal, "met", None, holders, ())
    if holders >= needed:
        on = goal.by
        for day in reversed(_events(catalog, plan, goal.cert, today, goal.by)):
            if count(day) < needed:
                break
            on = day
        return GoalResult(goal, "planned", on, holders, ())
    reasons = [f"{holders} of {needed} valid on {goal.by}"]
    for mp in plan.members:
        if not holds_on(catalog, mp, goal.cert, goal.by):
            why = _why_not(catalog, mp, goal)
            if why:
                reasons.append(why)
    if len(reasons) == 1:
        reasons.append("no one else holds it or has it on their path")
    return GoalResult(goal, "not-met", None, holders, tuple(reasons))


def _everyone(catalog: Catalog, plan: TeamPlan, goal: Goal, today: dt.date) -> GoalResult:
    members = [mp for mp in plan.members if mp.member.role == goal.role]
    if not members:
        return GoalResult(goal, "not-met", None, 0, ("no member has this role",))
    holders = sum(holds_on(catalog, mp, goal.cert, goal.by) for mp in members)
    if all(holds_on(catalog, mp, goal.cert, goal.by, plan=False) for mp in members):
        return GoalResult(goal, "met", None, holders, ())
    if holders == len(members):
        days = [_exam(mp, goal.cert) for mp in members
                if not holds_on(catalog, mp, goal.cert, goal.by, plan=False)]
        return GoalResult(goal, "planned", max(d for d in days if d), holders, ())
    reasons = [f"{holders} of {len(members)} hold it on {goal.by}"]
    reasons += [_why_not(catalog, mp, goal) or f"{mp.member.name}: does not hold it"
                for mp in members if not holds_on(catalog, mp, goal.cert, goal.by)]
    return GoalResult(goal, "not-met", None, holders, tuple(reasons))


def _why_not(catalog: Catalog, mp: MemberPlan, goal: Goal) -> str | None:
    """Say why a member will not hold the goal's certification on its date (None: not relevant)."""
    name, exam, held = mp.member.name, _exam(mp, goal.cert), _held(mp, goal.cert)
    if exam is not None and exam > goal.by:
        return f"{name}: exam planned for {exam}, after {goal.by}"
    if exam is not None:
        expires = standing(catalog, goal.cert, exam, goal.by).expires
        return f"{name}: planned for {exam}, but it expires on {expires}"
    if held is not None:
        found = standing(catalog, goal.cert, held.issued, goal.by, mp.member.earned,
                         stated=mp.member.stated)
        if found.status == "unknown":
            return f"{name}: holds it, but the date it was issued is not given"
        return f"{name}: expires on {found.expires}, and renewing it is not on the plan"
    if goal.role is not None:
        return f"{name}: not on their path" if mp.schedule else f"{name}: {mp.problem}"
    return None
