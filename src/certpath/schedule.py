"""Dated study schedules: a study window and an exam date for each certification of a path.

A certification with a preparation plan for the chosen pace follows that plan's days and phases.
Any other certification gets a window from its study effort: hours divided by the hours per week
(given, or the pace's assumption), so its dates are estimates.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from certpath.catalog import Catalog
from certpath.dates import iso_date
from certpath.errors import InputError
from certpath.model import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK, PrepPlan
from certpath.provenance import reading
from certpath.validity import expires, standings, valid_on, valid_until

if TYPE_CHECKING:  # for annotations only: planning is not needed to lay out dates
    from certpath.planning import Path
    from certpath.renewal import RenewalOption

PACES = ("accelerated", "focused", "comprehensive")
PACE_HOURS_PER_WEEK = {"accelerated": 40.0, "focused": 20.0, "comprehensive": 10.0}
"""Study hours a week each pace assumes for a certification without a plan of that pace."""

FALLBACK_HOURS = 40.0
"""Study hours assumed for a certification whose effort the catalog does not state."""



@dataclass(frozen=True)
class PhaseWindow:
    """One dated phase of a study window."""

    name: str
    start: dt.date
    end: dt.date
    activities: tuple[str, ...]
    estimate: bool
    reading: str | None = None  # why the plan's days for it are the catalog's reading, if so


@dataclass(frozen=True)
class Window:
    """The study window of one certification: its phases and the target exam date (its last day)."""

    cert: str
    required: bool
    start: dt.date
    exam: dt.date
    hours: float
    hours_estimate: bool
    plan: PrepPlan | None
    phases: tuple[PhaseWindow, ...]
    estimate: bool  # the window's length is an estimate (not a plan's stated days)

    @property
    def days(self) -> int:
        """The length of the window in days, exam day included."""
        return (self.exam - self.start).days + 1


@dataclass(frozen=True)
class Renewal:
    """When a certification, held or planned, expires and must be renewed."""

    cert: str
    earned: dt.date
    expires: dt.date
    planned: bool  # True: earned on this schedule's exam date; False: already held
    route: RenewalOption | None = None  # the cheapest way to renew it (None: none open)
    renewed_by: str | None = None  # a certification on this plan whose exam renews it


@dataclass(frozen=True)
class Schedule:
    """A dated plan for a whole path."""

    path: Path
    start: dt.date
    pace: str
    hours_per_week: float | None
    windows: tuple[Window, ...]
    renewals: tuple[Renewal, ...]
    notes: tuple[str, ...]

    @property
    def finish(self) -> dt.date:
        """The last exam date (the start when there is nothing to take)."""
        return self.windows[-1].exam if self.windows else self.start

    @property
    def total_hours(self) -> float:
        """The study hours of every window."""
        return sum(w.hours for w in self.windows)

    @property
    def hours_estimate(self) -> bool:
        """Whether any window's hours are an estimate."""
        return any(w.hours_estimate for w in self.windows)

    @property
    def weeks(self) -> int:
        """The calendar weeks from the start to the last exam, rounded up."""
        return math.ceil(((self.finish - self.start).days + 1) / 7) if self.windows else 0


def build_schedule(catalog: Catalog, path: Path, *, start: dt.date, pace: str = "focused",
                   hours_per_week: float | None = None,
                   earned: Mapping[str, dt.date | None] | None = None,
                   stated: Mapping[str, dt.date] | None = None,
                   keep_plans: bool = False) -> Schedule:
    """Lay out ``path`` from ``start``: one window after another, each ending on its exam date.

    ``earned`` holds the dates held certifications were earned, for renewal reminders;
    ``stated`` the expiry dates their credentials state, which win over the catalog's. With
    ``keep_plans`` a certification with a plan of the pace follows the plan's days even when
    ``hours_per_week`` is given (which then times only the others).
    """
    if pace not in PACES:
        raise InputError(f"unknown pace {pace!r}; choose one of {', '.join(PACES)}")
    if hours_per_week is not None:
        check_hours_per_week(hours_per_week)
    windows: list[Window] = []
    notes: list[str] = list(path.notes)
    day = start
    try:
        for step in path.steps:
            cert = catalog.certifications[step.id]
            if cert.title:  # no exam, no study: held once its members are
                when = (f"held from {windows[-1].exam.isoformat()}, once the certifications "
                        "before it are" if windows else "held now: you hold its requirements")
                notes.append(f"{cert.name} is a title, earned by holding its requirements: no "
                             f"exam; {when}")
                continue
            window = _window(catalog, step.id, step.required, day, pace, hours_per_week, notes,
                             keep_plans=keep_plans)
            windows.append(window)
            day = window.exam + dt.timedelta(days=1)
        renewals = _renewals(catalog, windows, earned or {}, start, stated or {})
        notes.extend(_lapses(catalog, windows, renewals))
        notes.extend(_too_late(catalog, windows))
    except OverflowError:  # dates past 9999-12-31
        raise InputError(f"a plan starting on {start.isoformat()} would run past the year 9999; "
                         "start earlier or study more hours a week") from None
    return Schedule(path, start, pace, hours_per_week, tuple(windows), renewals,
                    tuple(dict.fromkeys(notes)))


def check_hours_per_week(hours: float) -> None:
    """Raise InputError unless ``hours`` is a usable weekly pace (the same bounds everywhere)."""
    if not MIN_HOURS_PER_WEEK <= hours <= MAX_HOURS_PER_WEEK:  # also false for NaN
        raise InputError(f"hours per week must be from {MIN_HOURS_PER_WEEK:g} to "
                         f"{MAX_HOURS_PER_WEEK}, not {hours:g}")


def _window(catalog: Catalog, cert_id: str, required: bool, start: dt.date, pace: str,
            hours_per_week: float | None, notes: list[str], *, keep_plans: bool) -> Window:
    cert = catalog.certifications[cert_id]
    plan = next((p for p in cert.preparation if p.id == pace), None)
    if cert.effort is not None:
        hours, hours_estimate = cert.effort.hours, cert.effort.estimate
    else:
        hours, hours_estimate = FALLBACK_HOURS, True
        notes.append(f"{cert.name}: the catalog states no study effort; certpath assumes "
                     f"{FALLBACK_HOURS:g} h")
    if plan is not None and plan.caution:
        notes.append(f"{cert.name}, {plan.name}: {plan.caution}")
    if plan is not None and (hours_per_week is None or keep_plans):
        if plan.min_days != plan.max_days:
            notes.append(f"{cert.name}: the {plan.name} takes {plan.min_days}-{plan.max_days} days; "
                         f"scheduled at its longer end ({plan.max_days} days)")
        days, estimate = plan.max_days, False
    else:
        weekly = hours_per_week or PACE_HOURS_PER_WEEK[pace]
        days, estimate = max(1, math.ceil(hours / weekly * 7)), True
        if plan is not None and not plan.min_days <= days <= plan.max_days:
            notes.append(f"{cert.name}: at {weekly:g} h a week its ~{hours:g} h take {days} days, "
                         f"so the {plan.name}'s phases are stretched to fit")
    exam = start + dt.timedelta(days=days - 1)
    if plan is not None and plan.phases:
        phases = tuple(_place(phase_index, plan, start, days, scaled=estimate)
                       for phase_index in range(len(plan.phases)))
    else:
        phases = (PhaseWindow("Study", start, exam, (), True),)
    return Window(cert_id, required, start, exam, hours, hours_estimate, plan, phases, estimate)


def _place(index: int, plan: PrepPlan, start: dt.date, days: int, *, scaled: bool) -> PhaseWindow:
    """Date one phase of a plan, stretching the plan's days to ``days`` when ``scaled``."""
    phase = plan.phases[index]
    first, last = phase.start_day, phase.end_day
    if scaled:
        first = (first - 1) * days // plan.max_days + 1
        last = max(first, phase.end_day * days // plan.max_days)
    last = min(last, days)
    first = min(first, last)
    estimate = phase.estimate or scaled
    read = None if estimate else reading(phase, "start_day") or reading(phase, "end_day")
    return PhaseWindow(phase.name, start + dt.timedelta(days=first - 1),
                       start + dt.timedelta(days=last - 1), tuple(phase.activities),
                       estimate, read)


def _lapses(catalog: Catalog, windows: list[Window], renewals: tuple[Renewal, ...]) -> list[str]:
    """Warn where an exam falls on or after the expiry of a prerequisite that must be valid.

    An any-of requirement is met when enough alternatives are valid that day: a lapsing one is
    then no reason to renew. A certification taken earlier on the plan is valid at later exams.
    """
    expiry = {r.cert: r.expires for r in renewals if not r.planned}
    taken = {w.cert: w.exam for w in windows}
    warnings = []
    for window in windows:
        def met(option: str, exam: dt.date = window.exam) -> bool:
            if option in taken:
                return taken[option] < exam
            return valid_on(expiry.get(option), exam)  # held: its expiry; else not dated

        for req in catalog.requirements(window.cert):
            if not req.needs_valid or req.recommended:
                continue
            if sum(all(met(o) for o in group) for group in req.alternatives) >= req.choose:
                continue
            for option in req.options:
                if option in expiry and option not in taken and not met(option):
                    warnings.append(
                        f"{catalog.certifications[option].name} expires on "
                        f"{expiry[option].isoformat()}, on or before the "
                        f"{catalog.certifications[window.cert].name} exam on "
                        f"{window.exam.isoformat()}, which needs it valid: renew it or study faster")
    return warnings


def _too_late(catalog: Catalog, windows: list[Window]) -> list[str]:
    """Warn where an exam is planned after the last day its certification can be earned."""
    late = []
    for window in windows:
        cert = catalog.certifications[window.cert]
        if cert.retired_on is not None and cert.retired(window.exam):
            late.append(f"{cert.name} is planned for {window.exam.isoformat()}, after "
                        f"{cert.retired_on.isoformat()}, the last day it can be earned (it is "
                        "retired): study faster, or plan its successor")
    return late


def _renewals(catalog: Catalog, windows: list[Window], earned: Mapping[str, dt.date | None],
              today: dt.date, stated: Mapping[str, dt.date]) -> tuple[Renewal, ...]:
    from certpath.renewal import renewal_options
    found: list[Renewal] = []
    exams = {w.cert: w.exam for w in windows}
    standing = standings(catalog, earned, today, stated=stated)
    until = valid_until(catalog, standing)  # what a renewal's exam may count as valid
    for cert_id, held in standing.items():
        day = earned[cert_id]
        if held.expires is None or day is None or catalog.certifications[cert_id].title:
            continue
        options = renewal_options(catalog, cert_id, held.expires, today, held=until)
        found.append(_renewal(cert_id, day, held.expires, options, exams, planned=False))
    for window in windows:
        ends = expires(catalog.certifications[window.cert], window.exam)
        if ends is not None:
            options = renewal_options(catalog, window.cert, ends, window.exam)
            later = {c: e for c, e in exams.items() if e > window.exam}
            found.append(_renewal(window.cert, window.exam, ends, options, later, planned=True))
    return tuple(sorted(found, key=lambda r: (r.expires, r.cert)))


def _renewal(cert_id: str, earned: dt.date, ends: dt.date, options: Sequence[RenewalOption],
             exams: Mapping[str, dt.date], *, planned: bool) -> Renewal:
    """Renew by an exam of the plan (``exams``) that a route counts, else by the cheapest route.

    An exam renews it when it falls before the expiry, once the route's window has opened.
    """
    by = next(((o, c) for o in options if o.kind == "certification" for c in o.by
               if c in exams and valid_on(ends, exams[c])
               and (o.opens is None or o.opens <= exams[c])), None)
    if by is not None:  # a certification on the plan renews it: no renewal of its own
        return Renewal(cert_id, earned, ends, planned, by[0], by[1])
    return Renewal(cert_id, earned, ends, planned, options[0] if options else None)


def parse_date(text: str, *, what: str = "date") -> dt.date:
    """Parse a YYYY-MM-DD date given on the command line."""
    try:
        return iso_date(text.strip())
    except ValueError:
        raise InputError(f"{what} {text!r} is not a date; write it as YYYY-MM-DD") from None


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_OFFSET = re.compile(r"^\+(\d{1,5})([dw])$")
RELATIVE_DATES = "YYYY-MM-DD, today, tomorrow, next-monday (any weekday), +10d or +2w"


def parse_when(text: str, *, today: dt.date, what: str) -> dt.date:
    """Parse a date of a plan: YYYY-MM-DD, ``today``, ``tomorrow``, ``next-<weekday>``, ``+Nd``
    or ``+Nw`` (days or weeks from today).

    ``next-monday`` is the first Monday after today (a week on, when today is a Monday).
    """
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "tomorrow":
        return today + dt.timedelta(days=1)
    if word.startswith("next-") and word[5:] in _WEEKDAYS:
        ahead = (_WEEKDAYS.index(word[5:]) - today.weekday() - 1) % 7 + 1
        return today + dt.timedelta(days=ahead)
    offset = _OFFSET.match(word)
    try:
        if offset:
            days = int(offset[1]) * (7 if offset[2] == "w" else 1)
            return today + dt.timedelta(days=days)
        return iso_date(word)
    except (ValueError, OverflowError):
        raise InputError(f"{what} {text!r} is not a date; write {RELATIVE_DATES}") from None
