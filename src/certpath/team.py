"""Team plans: each member's remaining path and finish date, and what the team needs as a whole."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import msgspec

from certpath.catalog import Catalog
from certpath.docdecode import convert
from certpath.errors import CatalogError, TeamError, UnknownNameError
from certpath.model import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK
from certpath.planning import plan_path
from certpath.schedule import Schedule, build_schedule
from certpath.yamldoc import Document, Key, read_yaml

Hours = Annotated[float, msgspec.Meta(ge=MIN_HOURS_PER_WEEK, le=MAX_HOURS_PER_WEEK)]


class Member(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """One member of a team file, as written (names not yet resolved)."""

    name: Annotated[str, msgspec.Meta(min_length=1)]
    role: str | None = None
    have: list[str] = []
    hours_per_week: Hours | None = None
    target: str | None = None


class TeamFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """The top of a team file; members are decoded one by one to point at each."""

    schema_version: int = 1
    name: str | None = None
    hours_per_week: Hours | None = None
    start: dt.date | None = None
    members: list[Any] = []


@dataclass(frozen=True)
class TeamMember:
    """A member with names resolved to catalog ids."""

    name: str
    role: str | None
    have: tuple[str, ...]
    hours_per_week: float
    target: str | None


@dataclass(frozen=True)
class Team:
    """A validated team."""

    name: str | None
    start: dt.date | None
    members: tuple[TeamMember, ...]
    source: str


@dataclass(frozen=True)
class MemberPlan:
    """One member's plan: the schedule to the target, or why there is none."""

    member: TeamMember
    target: str | None
    schedule: Schedule | None
    problem: str | None  # why there is no path


@dataclass(frozen=True)
class TeamPlan:
    """Every member's plan and the team's totals."""

    team: Team
    start: dt.date
    members: tuple[MemberPlan, ...]
    demand: tuple[tuple[str, tuple[str, ...]], ...]  # cert id -> members needing it, most first
    institutions: tuple[tuple[str, int, tuple[str, ...]], ...]  # id, needs covered, certs covered

    @property
    def total_hours(self) -> float:
        """Study hours of the whole team."""
        return sum(m.schedule.total_hours for m in self.members if m.schedule)

    @property
    def hours_estimate(self) -> bool:
        """Whether any member's hours are an estimate."""
        return any(m.schedule.hours_estimate for m in self.members if m.schedule)

    @property
    def ready(self) -> dt.date | None:
        """The date by which every member with a path is ready (None if no one has one)."""
        finishes = [m.schedule.finish for m in self.members if m.schedule]
        return max(finishes) if finishes else None

    @property
    def without_path(self) -> tuple[MemberPlan, ...]:
        """Members for whom there is no path."""
        return tuple(m for m in self.members if m.schedule is None)


def load_team(path: Path, catalog: Catalog) -> Team:
    """Read and validate a team file against the catalog; raise TeamError with every problem."""
    try:
        doc = read_yaml(path)
    except CatalogError as exc:
        raise TeamError(exc.findings) from None
    if not isinstance(doc.data, dict):
        doc.error((), "expected a mapping at the top of the team file, with a 'members' list")
        raise TeamError(doc.findings)
    top = convert(doc, (), doc.data, TeamFile)
    members: dict[int, TeamMember] = {}  # by index in the file
    if top is not None:
        if top.schema_version != 1:
            doc.error(("schema_version",), f"schema_version {top.schema_version} is not supported; "
                      "this certpath reads version 1")
        if not top.members:
            doc.error(("members",) if "members" in doc.data else (), "the team has no members")
        for index, raw in enumerate(top.members):
            member = convert(doc, ("members", index), raw, Member)
            if member is not None:
                resolved = _resolve(doc, catalog, ("members", index), member, top.hours_per_week)
                if resolved is not None:
                    members[index] = resolved
        _check_names(doc, members)
    if doc.findings:
        raise TeamError(doc.findings)
    assert top is not None  # noqa: S101 - a None top always records a finding
    return Team(top.name, top.start, tuple(members.values()), doc.source)


def _resolve(doc: Document, catalog: Catalog, at: Key, member: Member,
             default_hours: float | None) -> TeamMember | None:
    before = len(doc.findings)

    def lookup(kind: str, name: str, where: Key) -> str | None:
        try:
            if kind == "role":
                return catalog.resolve_role(name).id
            return catalog.resolve_cert(name).id
        except UnknownNameError as exc:
            doc.error(where, str(exc))
            return None

    role = lookup("role", member.role, (*at, "role")) if member.role else None
    target = lookup("cert", member.target, (*at, "target")) if member.target else None
    have = [lookup("cert", name, (*at, "have", i)) for i, name in enumerate(member.have)]
    hours = member.hours_per_week or default_hours
    if hours is None:
        doc.error(at, f"{member.name}: no hours_per_week (give it here, or once at the top of "
                  "the file for everyone)")
    if member.role is None and member.target is None:
        doc.error(at, f"{member.name}: give a role or a target")
    if len(doc.findings) > before or hours is None:
        return None
    return TeamMember(member.name, role, tuple(dict.fromkeys(h for h in have if h)), hours, target)


def _check_names(doc: Document, members: dict[int, TeamMember]) -> None:
    seen: set[str] = set()
    for index, member in members.items():
        if member.name in seen:
            doc.error(("members", index, "name"), f"two members are called {member.name!r}")
        seen.add(member.name)


def plan_team(catalog: Catalog, team: Team, *, start: dt.date, pace: str = "focused",
              required_only: bool = False) -> TeamPlan:
    """Plan every member's path and schedule from ``start``, then total them for the team."""
    plans = tuple(_plan_member(catalog, m, start, pace, required_only) for m in team.members)
    needs: dict[str, list[str]] = {}
    for plan in plans:
        for window in plan.schedule.windows if plan.schedule else ():
            needs.setdefault(window.cert, []).append(plan.member.name)
    demand = tuple(sorted(((cid, tuple(names)) for cid, names in needs.items()),
                          key=lambda item: (-len(item[1]), catalog.order_key(item[0]))))
    return TeamPlan(team, start, plans, demand, _coverage(catalog, demand))


def _plan_member(catalog: Catalog, member: TeamMember, start: dt.date, pace: str,
                 required_only: bool) -> MemberPlan:
    target = member.target
    if target is None and member.role is not None:
        target = catalog.roles[member.role].target
    if target is None:
        role = catalog.roles[member.role].name if member.role else "their role"
        return MemberPlan(member, None, None, f"the catalog names no target for {role}")
    path = plan_path(catalog, target, member.have, required_only=required_only, today=start)
    schedule = build_schedule(catalog, path, start=start, pace=pace,
                              hours_per_week=member.hours_per_week)
    return MemberPlan(member, target, schedule, None)


def _coverage(catalog: Catalog, demand: tuple[tuple[str, tuple[str, ...]], ...]) \
        -> tuple[tuple[str, int, tuple[str, ...]], ...]:
    """Rank institutions by how many of the team's (member, certification) needs they train for."""
    covered: Counter[str] = Counter()
    certs: dict[str, list[str]] = {}
    for cert_id, names in demand:
        for inst in catalog.trainers(cert_id):
            covered[inst.id] += len(names)
            certs.setdefault(inst.id, []).append(cert_id)
    order = list(catalog.institutions)
    ranked = sorted(covered, key=lambda iid: (-covered[iid], order.index(iid)))
    return tuple((iid, covered[iid], tuple(certs[iid])) for iid in ranked)
