"""Team plans: each member's remaining path and finish date, and what the team needs as a whole."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import msgspec

from certpath.catalog import Catalog
from certpath.docdecode import convert
from certpath.errors import CatalogError, Finding, TeamError, UnknownNameError
from certpath.fees import FeeTotal, add_fees
from certpath.model import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK
from certpath.pathnotes import retired_note
from certpath.planning import implied_held, plan_path
from certpath.schedule import Schedule, build_schedule
from certpath.teamgoals import Goal, parse_goals
from certpath.teamsheet import FIELDS, Draft, Spot, parse_held, read_sheet
from certpath.validity import not_valid_ids, standings
from certpath.yamldoc import Document, Key, read_yaml

Hours = Annotated[float, msgspec.Meta(ge=MIN_HOURS_PER_WEEK, le=MAX_HOURS_PER_WEEK)]


class Member(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """One member of a team file, as written (names not yet resolved)."""

    name: Annotated[str, msgspec.Meta(min_length=1)]
    role: str | None = None
    have: list[str] = []  # "cert" or "cert:YYYY-MM-DD" (the day it was issued)
    hours_per_week: Hours | None = None
    target: str | None = None


class TeamFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """The top of a team file; members and goals are decoded one by one to point at each."""

    schema_version: int = 1
    name: str | None = None
    hours_per_week: Hours | None = None
    start: dt.date | None = None
    sheet: Annotated[str, msgspec.Meta(min_length=1)] | None = None
    columns: dict[str, str] = {}
    members: list[Any] = []
    goals: list[Any] = []


@dataclass(frozen=True)
class Holding:
    """A certification a member holds: when it was issued and, if stated, when it expires."""

    cert: str
    issued: dt.date | None
    expires: dt.date | None = None  # stated with the holding; else the catalog's validity decides


@dataclass(frozen=True)
class TeamMember:
    """A member with names resolved to catalog ids."""

    name: str
    role: str | None
    have: tuple[str, ...]
    hours_per_week: float | None  # None only for a member with no role or target
    target: str | None
    held: tuple[Holding, ...] = ()

    @property
    def earned(self) -> dict[str, dt.date | None]:
        """The certifications held, with the day each was issued (None: not known)."""
        return {h.cert: h.issued for h in self.held}

    @property
    def stated(self) -> dict[str, dt.date]:
        """The expiry dates stated with the holdings (they win over the catalog's validity)."""
        return {h.cert: h.expires for h in self.held if h.expires is not None}


@dataclass(frozen=True)
class Team:
    """A validated team."""

    name: str | None
    start: dt.date | None
    members: tuple[TeamMember, ...]
    source: str
    goals: tuple[Goal, ...] = ()


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

    def exam_fees(self, catalog: Catalog) -> FeeTotal:
        """Total the exam fees of every member's plan per currency (one exam per member).

        A fee the catalog does not give is unknown once per member who takes that exam
        (``"Ana: expert exam"``, as in the budget), not once per certification.
        """
        return add_fees((f"{m.member.name}: {w.cert} exam", catalog.certifications[w.cert].fee)
                        for m in self.members if m.schedule for w in m.schedule.windows
                        if not catalog.certifications[w.cert].title)


SHEET_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")


def load_team(path: Path, catalog: Catalog, *, today: dt.date,
              columns: Mapping[str, str] | None = None,
              hours_per_week: float | None = None) -> Team:
    """Read and validate a team file or spreadsheet; raise TeamError with every problem.

    ``columns`` maps fields to spreadsheet headings (over the team file's own mapping);
    ``hours_per_week`` is for members who give none (the team file's value wins over it).
    """
    if path.suffix.lower() in SHEET_SUFFIXES:
        problems: list[Finding] = []
        drafts = read_sheet(path, columns=columns, today=today, problems=problems)
        members = _resolve_all(catalog, drafts, hours_per_week, problems)
        if problems:
            raise TeamError(problems)
        return Team(None, None, members, str(path))
    return _load_yaml(path, catalog, today=today, columns=columns, hours_per_week=hours_per_week)


def _load_yaml(path: Path, catalog: Catalog, *, today: dt.date, columns: Mapping[str, str] | None,
               hours_per_week: float | None) -> Team:
    try:
        doc = read_yaml(path)
    except CatalogError as exc:
        raise TeamError(exc.findings) from None
    if not isinstance(doc.data, dict):
        doc.error((), "expected a mapping at the top of the team file, with a 'members' list")
        raise TeamError(doc.findings)
    top = convert(doc, (), doc.data, TeamFile)
    if top is None:
        raise TeamError(doc.findings)
    if top.schema_version != 1:
        doc.error(("schema_version",), f"schema_version {top.schema_version} is not supported; "
                  "this certpath reads version 1")
    drafts: list[Draft] = []
    if top.sheet is not None:
        drafts = _sheet_of(doc, path, top, columns, today)
    for index, raw in enumerate(top.members):
        member = convert(doc, ("members", index), raw, Member)
        if member is not None:
            drafts.append(_draft(doc, ("members", index), member, today))
    if not drafts and not doc.findings:
        doc.error(("members",) if "members" in doc.data else (), "the team has no members "
                  "(list them under 'members', or name a spreadsheet with 'sheet')")
    members = _resolve_all(catalog, drafts, top.hours_per_week or hours_per_week, doc.findings)
    goals = parse_goals(doc, catalog, top.goals)
    if doc.findings:
        raise TeamError(doc.findings)
    return Team(top.name, top.start, members, doc.source, goals)


def _sheet_of(doc: Document, path: Path, top: TeamFile, columns: Mapping[str, str] | None,
              today: dt.date) -> list[Draft]:
    """Read the spreadsheet a team file names (relative to the team file)."""
    assert top.sheet is not None  # noqa: S101 - the caller checked
    for key in top.columns:
        if key not in FIELDS:
            doc.error(("columns", key), f"unknown field {key!r}; fields: {', '.join(FIELDS)}")
    if Path(top.sheet).suffix.lower() not in SHEET_SUFFIXES:
        doc.error(("sheet",), f"{top.sheet!r} is not a spreadsheet; name a .csv or .xlsx file")
    if doc.findings:
        return []
    try:
        return read_sheet(path.parent / top.sheet, columns={**top.columns, **(columns or {})},
                          today=today, problems=doc.findings)
    except TeamError as exc:
        doc.findings.extend(exc.findings)
        return []


def _draft(doc: Document, at: Key, member: Member, today: dt.date) -> Draft:
    """Turn a member of a team file into a draft, each value located in the file."""
    def spot(*key: str | int) -> Spot:
        line, column = doc.position((*at, *key))
        return Spot(doc.source, line, column)

    draft = Draft(member.name, spot(), member.role, member.target, member.hours_per_week,
                  spots={"role": spot("role"), "target": spot("target"), "name": spot("name")})
    for i, text in enumerate(member.have):
        draft.held.extend(parse_held(text, spot("have", i), today=today, problems=doc.findings))
    return draft


def _resolve_all(catalog: Catalog, drafts: list[Draft], default_hours: float | None,
                 problems: list[Finding]) -> tuple[TeamMember, ...]:
    members: list[TeamMember] = []
    seen: dict[str, Spot] = {}
    for draft in drafts:
        if draft.name in seen:
            problems.append(draft.spots.get("name", draft.spot).error(
                f"two members are called {draft.name!r}"))
            continue
        seen[draft.name] = draft.spot
        member = _resolve(catalog, draft, default_hours, problems)
        if member is not None:
            members.append(member)
    return tuple(members)


def _resolve(catalog: Catalog, draft: Draft, default_hours: float | None,
             problems: list[Finding]) -> TeamMember | None:
    before = len(problems)

    def lookup(kind: str, name: str, spot: Spot) -> str | None:
        try:
            return catalog.resolve_role(name).id if kind == "role" else catalog.resolve_cert(name).id
        except UnknownNameError as exc:
            problems.append(spot.error(str(exc)))
            return None

    role = lookup("role", draft.role, draft.spots.get("role", draft.spot)) if draft.role else None
    target = lookup("cert", draft.target, draft.spots.get("target", draft.spot)) \
        if draft.target else None
    held: dict[str, Holding] = {}
    for h in draft.held:
        cert = lookup("cert", h.cert, h.spot)
        if cert is not None and cert in held:
            problems.append(h.spot.error(f"{draft.name} holds {cert!r} twice; give it once"))
        elif cert is not None:
            held[cert] = Holding(cert, h.issued, h.expires)
    hours = draft.hours_per_week or default_hours
    if hours is None and (draft.role or draft.target):
        problems.append(draft.spot.error(
            f"{draft.name}: no hours_per_week (give it here, or once for everyone: at the top "
            "of the team file, or with --hours-per-week)"))
    if len(problems) > before:
        return None
    return TeamMember(draft.name, role, tuple(held), hours, target, tuple(held.values()))


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
        if member.role is None:
            return MemberPlan(member, None, None, "no role or target given")
        return MemberPlan(member, None, None,
                          f"the catalog names no target for {catalog.roles[member.role].name}")
    expired = not_valid_ids(catalog, member.earned, start, stated=member.stated)
    if catalog.certifications[target].retired(start) and (
            target in expired or target not in implied_held(catalog, member.have)):
        return MemberPlan(member, target, None, retired_note(catalog, target))
    lasts = {c: s.expires for c, s in standings(catalog, member.earned, start,
                                                 stated=member.stated).items()}
    path = plan_path(catalog, target, member.have, required_only=required_only, expired=expired,
                     expires=lasts, today=start)
    schedule = build_schedule(catalog, path, start=start, pace=pace,
                              hours_per_week=member.hours_per_week,
                              earned=member.earned, stated=member.stated)
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
