"""Ordered paths to a certification: which to take, why, and which alternative was chosen."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cmp_to_key

from certpath.catalog import Catalog
from certpath.fees import FeeTotal, certification_fees
from certpath.model import Requirement
from certpath.order import prerequisites_first
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
    """Add up a path's steps: how many certifications and how many hours of study."""
    efforts = [(s.id, catalog.certifications[s.id].effort) for s in path.steps]
    missing = tuple(cid for cid, e in efforts if e is None)
    known = [e for _, e in efforts if e is not None]
    return Totals(len(path.steps), sum(e.hours for e in known),
                  bool(missing) or any(e.estimate for e in known), missing,
                  certification_fees(catalog, [s.id for s in path.steps]))


@dataclass(frozen=True)
class _Work:
    """Remaining work to reach a certification: how many to take and their hours."""

    count: int
    hours: float | None  # None when some certification on the way has no effort figure

    def describe(self) -> str:
        plural = "" if self.count == 1 else "s"
        text = f"{self.count} certification{plural}"
        if self.hours is not None:
            text += f", about {self.hours:g} h"
        return text


def _compare(a: _Work, b: _Work) -> int:
    if a.hours is not None and b.hours is not None and a.hours != b.hours:
        return -1 if a.hours < b.hours else 1
    return (a.count > b.count) - (a.count < b.count)


class _Planner:
    def __init__(self, catalog: Catalog, have: Iterable[str], *, required_only: bool,
                 expired: Collection[str]) -> None:
        self.catalog = catalog
        self.held = set(have)
        self.expired = set(expired)
        self.required_only = required_only
        self.edges: list[tuple[str, str, bool]] = []  # (prerequisite, needed by, recommended)
        self.readings: dict[tuple[str, str], str] = {}  # edges that are readings of the source
        self.chosen: dict[str, list[str]] = {}
        self.choices: list[Choice] = []
        self.notes: list[str] = []
        self._work: dict[str, _Work] = {}

    def name(self, cert_id: str) -> str:
        return self.catalog.certifications[cert_id].name

    def usable(self, cert_id: str, req: Requirement) -> bool:
        return cert_id in self.held and not (req.must_be_valid and cert_id in self.expired)

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

    def _combine(self, cert_id: str) -> _Work:
        effort = self.catalog.certifications[cert_id].effort
        count, hours = 1, (effort.hours if effort else None)
        for req in self.catalog.requirements(cert_id):
            if req.recommended:
                continue
            options = [self._work[o] for o in req.options if not self.usable(o, req)]
            have = len(req.options) - len(options)
            if len(options) > 1:
                options.sort(key=cmp_to_key(_compare))
            for extra in options[: max(0, req.choose - have)]:
                count += extra.count
                hours = None if hours is None or extra.hours is None else hours + extra.hours
        return _Work(count, hours)

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

    def satisfy(self, cert_id: str, req: Requirement) -> list[str]:
        """Return the options of ``req`` to take; record the choice when there is one."""
        held = [o for o in req.options if self.usable(o, req)]
        for option in req.options:
            if option in self.held and not self.usable(option, req):
                self.notes.append(f"{self.name(option)} is held but has expired; "
                                  f"{self.name(cert_id)} needs it to be valid, so it is renewed")
        missing = max(0, req.choose - len(held))
        candidates = [o for o in req.options if o not in held]
        on_path = [o for o in candidates if o in self.chosen]
        rest = sorted((o for o in candidates if o not in self.chosen),
                      key=cmp_to_key(self._by_work))
        picked = [*on_path, *rest][:missing]
        if req.is_choice:
            self.choices.append(self._choice(cert_id, req, held, picked, on_path))
        return picked

    def _by_work(self, a: str, b: str) -> int:
        """Compare two certifications by remaining work, then by level and catalog order."""
        return _compare(self.work(a), self.work(b)) or _tiebreak(self.catalog, a, b)

    def _choice(self, cert_id: str, req: Requirement, held: list[str], picked: list[str],
                on_path: list[str]) -> Choice:
        chosen = [*held[: req.choose], *picked]
        alternatives = tuple(o for o in req.options if o not in chosen)
        reasons = []
        if held:
            reasons.append("already held: " + ", ".join(self.name(o) for o in held[: req.choose]))
        if any(o in on_path for o in picked):
            reasons.append("already on the path: "
                           + ", ".join(self.name(o) for o in picked if o in on_path))
        fresh = [o for o in picked if o not in on_path]
        if fresh:
            others = ", ".join(f"{self.name(o)} ({self.work(o).describe()})" for o in alternatives)
            text = ", ".join(f"{self.name(o)} ({self.work(o).describe()})" for o in fresh)
            reasons.append(f"least remaining work: {text}" + (f" vs {others}" if others else ""))
        return Choice(cert_id, req.choose, tuple(chosen), alternatives, "; ".join(reasons))


def _tiebreak(catalog: Catalog, a: str, b: str) -> int:
    ka, kb = catalog.order_key(a), catalog.order_key(b)
    return (ka > kb) - (ka < kb)


def plan_path(catalog: Catalog, target: str, have: Iterable[str] = (), *,
              required_only: bool = False, expired: Collection[str] = ()) -> Path:
    """Plan the certifications to take, in order, from ``have`` to ``target``.

    Recommended prerequisites are included (marked not required) unless ``required_only``. An
    any-of requirement takes what is held, then what is already on the path, then the options
    with the least remaining work. ``expired`` lists held certifications that are no longer valid:
    they do not satisfy a requirement that needs a valid certification.
    """
    have_t = tuple(dict.fromkeys(have))
    planner = _Planner(catalog, implied_held(catalog, have_t), required_only=required_only,
                       expired=expired)
    if target in planner.held:
        note = f"{catalog.certifications[target].name} is already held"
        if target in planner.expired:
            note += " (it has expired: renew it)"
        return Path(target, have_t, (), (), (), (note,))
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
    )


def implied_held(catalog: Catalog, have: Iterable[str]) -> list[str]:
    """Return ``have`` plus what holding it implies: the single-option required prerequisites."""
    held = list(dict.fromkeys(have))
    seen = set(held)
    for cert_id in held:  # grows while iterating: a breadth-first walk
        for req in catalog.requirements(cert_id):
            if not req.recommended and len(req.options) == req.choose:
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
