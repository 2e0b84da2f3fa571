"""A saved plan and the progress made on it: what is done, what is due, and the rest re-planned.

``plan --save`` keeps what the plan was asked for (target, pace, start, hours a week, what was
held) in the profile; the plan itself is laid out again from that whenever ``progress`` runs, so
it is the same plan, dated the same way. Done means: the certification is in the profile's
earned list, or it or one of its phases was marked with ``progress done``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from certpath.catalog import Catalog
from certpath.errors import CertpathError, UnknownNameError
from certpath.holdings import SavedPlan
from certpath.names import normalize_name
from certpath.personal import Personal
from certpath.profile import Profile, profile_path, update_profile
from certpath.schedule import Schedule, Window, build_schedule


@dataclass(frozen=True)
class Wanted:
    """What a plan is asked for."""

    target: str
    pace: str
    start: dt.date
    hours_per_week: float | None
    have: tuple[str, ...]
    required_only: bool = False
    optimize: str = "hours"
    by: dt.date | None = None


def lay_out(catalog: Catalog, wanted: Wanted, me: Personal | None = None) -> Schedule:
    """Plan the path and date it: to ``wanted.by`` (the hours it needs), or at its hours."""
    from certpath.planning import plan_path
    path = plan_path(catalog, wanted.target, wanted.have, required_only=wanted.required_only,
                     expired=me.expired if me else (), expires=me.expires if me else None,
                     optimize=wanted.optimize, today=wanted.start)
    earned = me.earned if me else None
    stated = me.stated if me else None
    if wanted.by is not None:
        from certpath.deadline import plan_by
        return plan_by(catalog, path, start=wanted.start, by=wanted.by, pace=wanted.pace,
                       earned=earned, stated=stated).schedule
    return build_schedule(catalog, path, start=wanted.start, pace=wanted.pace,
                          hours_per_week=wanted.hours_per_week, earned=earned, stated=stated)


def save(wanted: Wanted, schedule: Schedule) -> Path:
    """Save the plan in the profile (replacing any saved one and its marks); return the file."""
    saved = SavedPlan(wanted.target, wanted.pace, wanted.start, schedule.hours_per_week,
                      wanted.have, wanted.required_only, (), wanted.optimize, wanted.by)
    path = profile_path()
    update_profile(path, lambda p: replace(p, plan=saved))
    return path


def wanted_of(saved: SavedPlan) -> Wanted:
    """What the saved plan was asked for (``by`` gives the hours it found, so it is not re-run)."""
    return Wanted(saved.target, saved.pace, saved.start, saved.hours_per_week, saved.have,
                  saved.required_only, saved.optimize)


@dataclass(frozen=True)
class Unit:
    """One phase of the saved plan, and where it stands today."""

    cert: str
    number: int  # the phase's place in its certification's window, from 1
    name: str
    start: dt.date
    end: dt.date
    state: str  # "done", "late" (should be done), "under way" (should be under way), "to come"
    estimate: bool = False  # its days are certpath's estimate
    reading: str | None = None  # why its days are the catalog's reading of its source, if so


@dataclass(frozen=True)
class Progress:
    """The saved plan against today."""

    saved: SavedPlan
    today: dt.date
    original: Schedule
    units: tuple[Unit, ...]
    done: tuple[str, ...]  # the plan's certifications that are done
    days_ahead: int  # how far ahead of the plan (negative: behind)
    rest: Schedule  # what is left, re-planned from today

    @property
    def status(self) -> str:
        """``done``, ``ahead``, ``behind`` or ``on schedule``."""
        if all(u.state == "done" for u in self.units):
            return "done"
        return "ahead" if self.days_ahead > 0 else "behind" if self.days_ahead < 0 \
            else "on schedule"


def saved_plan(profile: Profile) -> SavedPlan:
    """Return the profile's saved plan, or raise if there is none."""
    if profile.plan is None:
        raise CertpathError(f"{profile.source}: no saved plan; make one with "
                            "'certpath plan --to CERT --save'")
    return profile.plan


def progress(catalog: Catalog, profile: Profile, today: dt.date) -> Progress:
    """Measure the saved plan against today, and re-plan what is left from today."""
    saved = saved_plan(profile)
    if saved.target not in catalog.certifications:
        raise UnknownNameError("certification", saved.target, [], source=profile.source)
    keep = saved.by is not None  # a plan to a date kept its plans' days
    original = _dated(catalog, wanted_of(saved), keep_plans=keep)
    done_certs = tuple(w.cert for w in original.windows
                       if w.cert in profile.earned or w.cert in saved.done)
    units = tuple(
        Unit(w.cert, n, phase.name, phase.start, phase.end,
             _state(w.cert in done_certs or f"{w.cert}:{n}" in saved.done, phase.start,
                    phase.end, today), phase.estimate, phase.reading)
        for w in original.windows for n, phase in enumerate(w.phases, start=1))
    rest_have = tuple(dict.fromkeys((*saved.have, *profile.earned, *done_certs)))
    rest = _dated(catalog, replace(wanted_of(saved), start=today, have=rest_have),
                  keep_plans=keep)
    rest = _without_done(rest, saved.done)
    under_way = next((u for u in units if u.state != "done"), None)
    if under_way is not None and under_way.state == "under way" and rest.windows and \
            not any(m.startswith(f"{under_way.cert}:") for m in saved.done):
        started = next(w.start for w in original.windows if w.cert == under_way.cert)
        rest = _credited(rest, under_way.cert, (today - started).days)
    return Progress(saved, today, original, units, done_certs,
                    _days_ahead(units, original, today), rest)


def _credited(rest: Schedule, cert: str, days: int) -> Schedule:
    """Count the days of a window already studied on schedule: it ends that much sooner."""
    first = rest.windows[0]
    if first.cert != cert or days <= 0 or days >= first.days:
        return rest
    shifted = _moved(first, -days)
    phases = tuple(replace(p, start=max(p.start, first.start)) for p in shifted.phases
                   if p.end >= first.start)
    windows = [replace(shifted, start=first.start, phases=phases,
                       hours=round(first.hours * (first.days - days) / first.days, 1),
                       hours_estimate=True, estimate=True),
               *(_moved(w, -days) for w in rest.windows[1:])]
    step = dt.timedelta(days=days)
    renewals = tuple(replace(r, earned=r.earned - step, expires=r.expires - step)
                     if r.planned else r for r in rest.renewals)
    return replace(rest, windows=tuple(windows), renewals=renewals)


def _without_done(rest: Schedule, marks: tuple[str, ...]) -> Schedule:
    """Take the phases marked done out of the re-planned rest, moving what follows earlier.

    A window keeps its other phases, at their lengths, from its first day; its hours shrink in
    proportion to the days taken out, and become an estimate.
    """
    windows, renewals, shift = [], list(rest.renewals), 0
    for window in rest.windows:
        moved = _moved(window, -shift)
        kept = [(n, p) for n, p in enumerate(moved.phases, start=1)
                if f"{window.cert}:{n}" not in marks]
        if len(kept) < len(moved.phases) and kept:
            day, phases = moved.start, []
            for _, phase in kept:
                length = phase.end - phase.start
                phases.append(replace(phase, start=day, end=day + length, estimate=True))
                day += length + dt.timedelta(days=1)
            exam = phases[-1].end
            hours = moved.hours * ((exam - moved.start).days + 1) / moved.days
            shift += (moved.exam - exam).days
            renewals = [replace(r, earned=exam, expires=r.expires - (moved.exam - exam))
                        if r.planned and r.cert == window.cert else r for r in renewals]
            moved = replace(moved, phases=tuple(phases), exam=exam, hours=round(hours, 1),
                            hours_estimate=True, estimate=True)
        windows.append(moved)
    return replace(rest, windows=tuple(windows), renewals=tuple(renewals))


def _moved(window: Window, days: int) -> Window:
    if not days:
        return window
    step = dt.timedelta(days=days)
    return replace(window, start=window.start + step, exam=window.exam + step,
                   phases=tuple(replace(p, start=p.start + step, end=p.end + step)
                                for p in window.phases))


def _dated(catalog: Catalog, wanted: Wanted, *, keep_plans: bool) -> Schedule:
    from certpath.planning import plan_path
    path = plan_path(catalog, wanted.target, wanted.have, required_only=wanted.required_only,
                     optimize=wanted.optimize, today=wanted.start)
    return build_schedule(catalog, path, start=wanted.start, pace=wanted.pace,
                          hours_per_week=wanted.hours_per_week, keep_plans=keep_plans)


def _state(done: bool, start: dt.date, end: dt.date, today: dt.date) -> str:
    if done:
        return "done"
    if end < today:
        return "late"
    return "under way" if start <= today else "to come"


def _days_ahead(units: tuple[Unit, ...], original: Schedule, today: dt.date) -> int:
    """Days ahead of the plan: the first phase not done starts that long after today; behind:
    the first phase not done should have ended that many days ago; 0 while it is under way."""
    first = next((u for u in units if u.state != "done"), None)
    if first is None:
        return max(0, (original.finish - today).days + 1) if original.windows else 0
    if first.start > today:
        return (first.start - today).days
    if first.end >= today:
        return 0
    return -(today - first.end).days


def mark(catalog: Catalog, saved: SavedPlan, name: str) -> str:
    """Return the mark for ``name``: a certification of the plan (``CERT``) or a phase
    (``CERT:N``, or the phase's name when only one phase of the plan has it)."""
    original = _dated(catalog, wanted_of(saved), keep_plans=saved.by is not None)
    head, sep, number = name.rpartition(":")
    if sep and number.strip().isdigit():
        cert_id = catalog.resolve_cert(head).id
        window = next((w for w in original.windows if w.cert == cert_id), None)
        if window is None or not 1 <= int(number) <= len(window.phases):
            count = len(window.phases) if window else 0
            raise CertpathError(f"{name!r}: the plan has no such phase"
                                + (f" ({cert_id} has phases 1 to {count})" if count else
                                   f" ({cert_id} is not on the plan)"))
        return f"{cert_id}:{int(number)}"
    key = normalize_name(name)
    phases = [f"{w.cert}:{n}" for w in original.windows
              for n, p in enumerate(w.phases, start=1) if normalize_name(p.name) == key]
    if len(phases) == 1:
        return phases[0]
    if len(phases) > 1:
        raise CertpathError(f"phase {name!r} is ambiguous: it is {', '.join(phases)}; give "
                            "CERT:N")
    cert_id = catalog.resolve_cert(name).id
    if cert_id not in {w.cert for w in original.windows}:
        raise CertpathError(f"{cert_id} is not on the saved plan (to {saved.target})")
    return cert_id


def change_marks(path: Path, add: str | None = None, remove: str | None = None) -> Profile:
    """Add or remove a done mark of the saved plan (``remove=""``: the latest one)."""
    def change(current: Profile) -> Profile:
        saved = saved_plan(current)
        done = list(saved.done)
        if add is not None and add not in done:
            done.append(add)
        if remove is not None:
            target = remove or (done[-1] if done else None)
            if target is None or target not in done:
                raise CertpathError("nothing to undo: no such mark" if target else
                                    "nothing to undo: nothing is marked done")
            done.remove(target)
        return replace(current, plan=replace(saved, done=tuple(done)))

    return update_profile(path, change)
