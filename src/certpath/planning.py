"""Ordered paths to a certification: which to take, why, and which alternative was chosen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import cmp_to_key

from certpath.catalog import Catalog
from certpath.errors import InputError
from certpath.fees import FeeTotal, certification_fees
from certpath.model import Requirement
from certpath.order import prerequisites_first
from certpath.pathnotes import (
    late_renewal_note,
    renewal_note,
    retired_note,
    retired_prerequisite_note,
)
from certpath.provenance import requirement_reading


@dataclass(frozen=True)
class Step:
    """One certification to take, and why it is on the path."""

    id: str
    reason: str
    required: bool
    reading: str | None = None  # why the link that puts it on the path is the catalog's reading


@dataclass(frozen=True)
class Choice:
    """An any-of requirement: what was chosen, what was not, and why."""

    of: str
    choose: int
    chosen: tuple[str, ...]
    alternatives: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Knowledge:
    """A knowledge prerequisite to have before starting, and the steps that need it."""

    topic: str
    needed_for: tuple[str, ...]


@dataclass(frozen=True)
class Path:
    """The ordered certifications from what is held to the target."""

    target: str
    have: tuple[str, ...]
    steps: tuple[Step, ...]
    knowledge: tuple[Knowledge, ...]
    choices: tuple[Choice, ...]
    notes: tuple[str, ...]
    expired: tuple[str, ...] = ()  # the ids of ``have`` that are not valid now


@dataclass(frozen=True)
class Totals:
    """What a path adds up to: certifications, study hours, exam fees, and what has no figure.

    ``hours`` counts only the steps whose effort the catalog gives; ``hours_estimate`` is true
    when any of those is an estimate or some step has no figure at all (``without_effort``).
    ``fees`` sums the known exam fees per currency and lists the steps whose fee is unknown.
    """

    certifications: int
    hours: float
    hours_estimate: bool
    without_effort: tuple[str, ...]
    fees: FeeTotal


def path_totals(catalog: Catalog, path: Path) -> Totals:
    """Add up a path's steps: how many certifications and how many hours of study.

    A title has no study and no fee of its own: it adds nothing, and is not "without effort".
    """
    efforts = [(s.id, catalog.certifications[s.id].effort) for s in path.steps
               if not catalog.certifications[s.id].title]
    missing = tuple(cid for cid, e in efforts if e is None)
    known = [e for _, e in efforts if e is not None]
    return Totals(len(path.steps), sum(e.hours for e in known),
                  bool(missing) or any(e.estimate for e in known), missing,
                  certification_fees(catalog, [s.id for s in path.steps]))


@dataclass(frozen=True)
class _Work:
    """Remaining work to reach a certification: how many to take, their hours and fees."""

    count: int
    hours: float | None  # None when some certification on the way has no effort figure
    fees: tuple[tuple[str, float], ...] | None  # per currency; None when some fee is unknown

    def describe(self, optimize: str = "hours") -> str:
        plural = "" if self.count == 1 else "s"
        text = f"{self.count} certification{plural}"
        if self.hours is not None:
            text += f", about {self.hours:g} h"
        if optimize == "fees":
            text += ", fees " + (" + ".join(f"{c} {a:g}" for c, a in self.fees) or "none"
                                 if self.fees is not None else "unknown")
        return text

    def __add__(self, other: _Work) -> _Work:
        hours = None if self.hours is None or other.hours is None else self.hours + other.hours
        fees = None
        if self.fees is not None and other.fees is not None:
            total = dict(self.fees)
            for currency, amount in other.fees:
                total[currency] = total.get(currency, 0.0) + amount
            fees = tuple(total.items())
        return _Work(self.count + other.count, hours, fees)


_NOTHING = _Work(0, 0.0, ())
OPTIMIZE = ("hours", "fees", "count")
"""What any-of choices minimise: remaining study hours (the default), fees, or certifications."""


def _compare(a: _Work, b: _Work, optimize: str = "hours") -> int:
    """Order two amounts of work by ``optimize``; what ties or cannot be compared falls to hours,
    then to the number of certifications."""
    if optimize == "fees" and a.fees is not None and b.fees is not None \
            and len({c for c, _ in a.fees} | {c for c, _ in b.fees}) <= 1:
        fa, fb = sum(x for _, x in a.fees), sum(x for _, x in b.fees)
        if fa != fb:  # one currency only: amounts compare; across currencies they do not
            return -1 if fa < fb else 1
    if optimize == "count" and a.count != b.count:
        return -1 if a.count < b.count else 1
    if a.hours is not None and b.hours is not None and a.hours != b.hours:
        return -1 if a.hours < b.hours else 1
    return (a.count > b.count) - (a.count < b.count)


class _Planner:
    def __init__(self, catalog: Catalog, have: Iterable[str], *, required_only: bool,
                 expired: Collection[str], expires: Mapping[str, dt.date | None],
                 optimize: str) -> None:
        self.catalog = catalog
        self.held = set(have)
        self.given: set[str] = set()  # held as such, not only implied
        self.expired = set(expired)
        self.expires = expires
        self.optimize = optimize
        self.required_only = required_only
        self.edges: list[tuple[str, str, bool]] = []  # (prerequisite, needed by, recommended)
        self.readings: dict[tuple[str, str], str] = {}  # edges that are readings of the source
        self.chosen: dict[str, list[str]] = {}
        self.choices: list[Choice] = []
        self.notes: list[str] = []
        self._work: dict[str, _Work] = {}
        self.today: dt.date | None = None

    def name(self, cert_id: str) -> str:
        return self.catalog.certifications[cert_id].name

    def usable(self, cert_id: str, req: Requirement) -> bool:
        return cert_id in self.held and not (req.needs_valid and cert_id in self.expired)

    def work(self, cert_id: str) -> _Work:
        """Return the required work to reach ``cert_id`` from what is held (memoised)."""
        stack = [cert_id]
        while stack:  # post-order without recursion: catalogs can be thousands deep
            current = stack[-1]
            if current in self._work:
                stack.pop()
                continue
            todo = [o for req in self.catalog.requirements(current) if not req.recommended
                    for o in req.options if not self.usable(o, req) and o not in self._work]
            if todo:
                stack.extend(todo)
                continue
            self._work[current] = self._combine(current)
            stack.pop()
        return self._work[cert_id]

    def _own(self, cert_id: str) -> _Work:
        cert = self.catalog.certifications[cert_id]
        if cert.title:
            return _Work(1, 0.0, ())
        fee = ((cert.fee.currency, cert.fee.amount),) if cert.fee else None
        return _Work(1, cert.effort.hours if cert.effort else None, fee)

    def group_work(self, group: tuple[str, ...], req: Requirement) -> _Work:
        total = _NOTHING
        for option in group:
            if not self.usable(option, req):
                total = total + self.work(option)
        return total

    def _combine(self, cert_id: str) -> _Work:
        total = self._own(cert_id)
        for req in self.catalog.requirements(cert_id):
            if req.recommended:
                continue
            held = [g for g in req.alternatives if all(self.usable(o, req) for o in g)]
            rest = [self.group_work(g, req) for g in req.alternatives if g not in held]
            rest.sort(key=cmp_to_key(lambda a, b: _compare(a, b, self.optimize)))
            for extra in rest[: max(0, req.choose - len(held))]:
                total = total + extra
        return total

    def expand(self, target: str) -> None:
        pending = [target]
        self.chosen[target] = []
        while pending:
            cert_id = pending.pop()
            for req in self.catalog.requirements(cert_id):
                if req.recommended and self.required_only:
                    continue
                why = requirement_reading(req)
                for picked in self.satisfy(cert_id, req):
                    self.edges.append((picked, cert_id, req.recommended))
                    if why is not None:
                        self.readings[(picked, cert_id)] = why
                    if picked not in self.chosen:
                        self.chosen[picked] = []
                        pending.append(picked)

    def _lasts(self, group: tuple[str, ...]) -> tuple[int, int]:
        """Sort key: the held group that stays valid longest first (never-expiring first)."""
        ends = [self.expires.get(o) for o in group]
        if all(e is None for e in ends):
            return (0, 0)
        return (1, -min(e for e in ends if e is not None).toordinal())

    def satisfy(self, cert_id: str, req: Requirement) -> list[str]:
        """Return the options of ``req`` to take; record the choice when there is one."""
        held = sorted((g for g in req.alternatives if all(self.usable(o, req) for o in g)),
                      key=self._lasts)
        missing = max(0, req.choose - len(held))
        candidates = [g for g in req.alternatives if g not in held and not self.retired(g)]
        on_path = [g for g in candidates
                   if all(o in self.chosen or self.usable(o, req) for o in g)]
        def by_work(a: tuple[str, ...], b: tuple[str, ...]) -> int:
            return self._by_work(a, b, req)

        rest = sorted((g for g in candidates if g not in on_path), key=cmp_to_key(by_work))
        picked = [*on_path, *rest][:missing]
        if len(picked) < missing:
            self._note_retired(cert_id, req, [g for g in req.alternatives
                                              if g not in held and self.retired(g)])
        if req.is_choice:
            self.choices.append(self._choice(cert_id, req, held, picked, on_path))
        taken = [o for g in picked for o in g if not self.usable(o, req)]
        for option in taken:  # a lapsed alternative that another one replaces is not renewed
            if option in self.held:
                why = "has expired" if option in self.given else \
                    "is not shown valid now (only implied by another holding)"
                self.notes.append(f"{self.name(option)} is held but {why}; "
                                  f"{self.name(cert_id)} needs it to be valid, so it is renewed")
        return taken

    def _by_work(self, a: tuple[str, ...], b: tuple[str, ...], req: Requirement) -> int:
        """Compare two alternatives by remaining work, then by level and catalog order."""
        return (_compare(self.group_work(a, req), self.group_work(b, req), self.optimize)
                or _tiebreak(self.catalog, a[0], b[0]))

    def retired(self, group: tuple[str, ...]) -> bool:
        """Whether some member of ``group`` must be earned but can no longer be."""
        day = self.today
        return day is not None and any(
            o not in self.held and self.catalog.certifications[o].retired(day) for o in group)

    def _note_retired(self, cert_id: str, req: Requirement,
                      gone: list[tuple[str, ...]]) -> None:
        """Say that what ``req`` asks for can no longer be earned, so the path lacks it."""
        day = self.today
        if day is None:
            return
        self.notes.extend(
            retired_prerequisite_note(self.catalog, cert_id, o, recommended=req.recommended)
            for group in gone for o in group
            if o not in self.held and self.catalog.certifications[o].retired(day))

    def label(self, group: tuple[str, ...]) -> str:
        return " + ".join(self.name(o) for o in group)

    def _choice(self, cert_id: str, req: Requirement, held: list[tuple[str, ...]],
                picked: list[tuple[str, ...]], on_path: list[tuple[str, ...]]) -> Choice:
        chosen = [*held[: req.choose], *picked]
        alternatives = [g for g in req.alternatives if g not in chosen]
        reasons = []
        if held:
            text = ", ".join(self.label(g) for g in held[: req.choose])
            if any(self.expires.get(o) for g in held for o in g) and len(held) > 1:
                text += " (valid longest)"
            reasons.append("already held: " + text)
        if any(g in on_path for g in picked):
            reasons.append("already on the path: "
                           + ", ".join(self.label(g) for g in picked if g in on_path))
        fresh = [g for g in picked if g not in on_path]
        if fresh:
            def said(g: tuple[str, ...]) -> str:
                return f"{self.label(g)} ({self.group_work(g, req).describe(self.optimize)})"
            others = ", ".join(said(g) for g in alternatives)
            what = {"hours": "least remaining work", "fees": "least fees",
                    "count": "fewest certifications"}[self.optimize]
            if self.optimize != "hours" and any(
                    _tied(self.group_work(g, req), self.group_work(a, req), self.optimize)
                    for g in fresh for a in alternatives):
                what = f"{what} tie, so least remaining work"
            reasons.append(f"{what}: {', '.join(said(g) for g in fresh)}"
                           + (f" vs {others}" if others else ""))
        return Choice(cert_id, req.choose, _flat(chosen), _flat(alternatives), "; ".join(reasons))


def _tied(a: _Work, b: _Work, optimize: str) -> bool:
    """Whether ``optimize`` alone cannot order two amounts of work (hours decide then)."""
    if optimize == "count":
        return a.count == b.count
    if a.fees is None or b.fees is None or len({c for c, _ in a.fees} | {c for c, _ in b.fees}) > 1:
        return True
    return sum(x for _, x in a.fees) == sum(x for _, x in b.fees)


def _flat(groups: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(o for g in groups for o in g))


def _tiebreak(catalog: Catalog, a: str, b: str) -> int:
    ka, kb = catalog.order_key(a), catalog.order_key(b)
    return (ka > kb) - (ka < kb)


def plan_path(catalog: Catalog, target: str, have: Iterable[str] = (), *,
              required_only: bool = False, expired: Collection[str] = (),
              expires: Mapping[str, dt.date | None] | None = None,
              optimize: str = "hours", today: dt.date | None = None) -> Path:
    """Plan the certifications to take, in order, from ``have`` to ``target``.

    Recommended prerequisites are included (marked not required) unless ``required_only``. An
    any-of requirement takes what is held (what stays valid longest first, by ``expires``),
    then what is already on the path, then the alternatives with the least ``optimize``: hours,
    fees or count. ``expired`` lists held certifications that are not valid now: they do not
    satisfy a requirement that needs a valid certification, and an expired target is planned
    again. Given ``today``, a certification retired by then is not planned: a retired target
    points at its successor, and a retired alternative is not chosen.
    """
    if optimize not in OPTIMIZE:
        raise InputError(f"unknown --optimize {optimize!r}; choose one of {', '.join(OPTIMIZE)}")
    have_t = tuple(dict.fromkeys(have))
    planner = _Planner(catalog, implied_held(catalog, have_t), required_only=required_only,
                       expired=expired, expires=expires or {}, optimize=optimize)
    planner.given = set(have_t)
    lapsed = tuple(h for h in have_t if h in planner.expired)
    cert = catalog.certifications[target]
    if target in planner.held and target not in planner.expired:
        note = f"{cert.name} is already held"
        notes = renewal_note(catalog, target, planner.expires.get(target), today,
                             _holdings(planner), planner.expired)
        return Path(target, have_t, (), (), (), (note, *notes), lapsed)
    if target in planner.held:
        renew = late_renewal_note(catalog, target, planner.expires.get(target), today,
                                  _holdings(planner))
        if renew:
            return Path(target, have_t, (), (), (), (renew,), lapsed)
        planner.held.discard(target)
        planner.notes.append(f"{cert.name} is held but not valid now: it is planned again, "
                             "with what it needs at that date")
    if today is not None and cert.retired(today):
        return Path(target, have_t, (), (), (), (retired_note(catalog, target),), lapsed)
    planner.today = today
    planner.expand(target)
    order = prerequisites_first(catalog, planner.chosen)
    required = _required(target, order, planner.edges)
    reasons = _reasons(catalog, target, planner.edges, planner.readings)
    steps = tuple(Step(cid, reasons[cid][0], cid in required, reasons[cid][1]) for cid in order)
    knowledge: dict[str, list[str]] = {}
    for step in steps:
        for topic in catalog.certifications[step.id].prerequisites:
            knowledge.setdefault(topic, []).append(step.id)
    return Path(
        target=target,
        have=have_t,
        steps=steps,
        knowledge=tuple(Knowledge(t, tuple(ids)) for t, ids in knowledge.items()),
        choices=tuple(planner.choices),
        notes=tuple(dict.fromkeys(planner.notes)),
        expired=lapsed,
    )


def _holdings(planner: _Planner) -> dict[str, dt.date | None]:
    """Return each valid holding's expiry (None: it does not expire, or its date is not known).

    What is not valid now (expired, or implied but not shown valid) is left out: it cannot be
    valid at a later exam.
    """
    return {cid: planner.expires.get(cid) for cid in planner.held if cid not in planner.expired}


def implied_held(catalog: Catalog, have: Iterable[str]) -> list[str]:
    """Return ``have`` plus what holding it implies: the single-option required prerequisites."""
    held = list(dict.fromkeys(have))
    seen = set(held)
    for cert_id in held:  # grows while iterating: a breadth-first walk
        for req in catalog.requirements(cert_id):
            if not req.recommended and len(req.alternatives) == req.choose:
                for option in req.options:
                    if option not in seen:
                        seen.add(option)
                        held.append(option)
    return held


def _required(target: str, order: list[str], edges: list[tuple[str, str, bool]]) -> set[str]:
    needs: dict[str, list[str]] = {}
    for prerequisite, needer, recommended in edges:
        if not recommended:
            needs.setdefault(needer, []).append(prerequisite)
    required = {target}
    for cid in reversed(order):  # dependents come before their prerequisites here
        if cid in required:
            required.update(needs.get(cid, ()))
    return required


def _reasons(catalog: Catalog, target: str, edges: list[tuple[str, str, bool]],
             readings: dict[tuple[str, str], str]) -> dict[str, tuple[str, str | None]]:
    """Return each step's reason and, when links behind it are readings, why they are."""
    parts: dict[str, list[str]] = {target: ["target"]}
    whys: dict[str, list[str]] = {}
    for prerequisite, needer, recommended in edges:
        name = catalog.certifications[needer].name
        text = f"recommended before {name}" if recommended else f"required by {name}"
        why = readings.get((prerequisite, needer))
        if why is not None:
            text += " (reading)"
            if why not in whys.setdefault(prerequisite, []):
                whys[prerequisite].append(why)
        texts = parts.setdefault(prerequisite, [])
        if text not in texts:
            texts.append(text)
    return {cid: ("; ".join(texts), " ".join(whys[cid]) if cid in whys else None)
            for cid, texts in parts.items()}
