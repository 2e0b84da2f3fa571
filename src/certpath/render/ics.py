"""iCalendar (RFC 5545) files of a schedule: an all-day event per phase, exam target and renewal.

Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character; TEXT values are
escaped (render.sanitiser). UIDs come from the target, the certification and the event's place in
its plan, not from dates, so importing a re-planned schedule again updates its events instead of
duplicating them.
For the calendar application to take the new version, DTSTAMP is the time of writing and SEQUENCE
grows with it: seconds from 2020-01-01 UTC, which is later for every later file and stays within
the 32-bit integer some applications keep it in (seconds from 1970 would overflow in 2038).
Renewal reminders for dates before the plan starts are left out: they are past.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from certpath import __version__
from certpath.catalog import Catalog
from certpath.render import sanitiser
from certpath.schedule import Schedule
from certpath.validity import standing

if TYPE_CHECKING:  # for annotations only: plans of single people need no team
    from certpath.team import TeamPlan

MAX_OCTETS = 75
SEQUENCE_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class Event:
    """An all-day event from ``start`` to ``end`` (both inclusive)."""

    uid: str
    summary: str
    start: dt.date
    end: dt.date
    description: str = ""
    category: str = ""
    alarm_days_before: int | None = None


def fold(line: str) -> str:
    """Fold one content line into CRLF-joined parts of at most 75 octets each."""
    parts: list[str] = []
    current, size, limit = "", 0, MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, MAX_OCTETS - 1  # continuation lines start with a space
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def sequence(stamp: dt.datetime) -> int:
    """Return the SEQUENCE of events written at ``stamp``: whole seconds since 2020-01-01 UTC."""
    return max(0, int((stamp - SEQUENCE_EPOCH).total_seconds()))


def calendar(events: Iterable[Event], *, name: str, stamp: dt.datetime) -> str:
    """Return a whole VCALENDAR holding ``events``; ``stamp`` (aware) is when it is written."""
    stamp_text = stamp.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//certpath//certpath {__version__}//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{sanitiser.ics(name)}"]
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{stamp_text}",
                  f"SEQUENCE:{sequence(stamp)}",
                  f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{event.end + dt.timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{sanitiser.ics(event.summary)}"]
        if event.description:
            lines.append(f"DESCRIPTION:{sanitiser.ics(event.description)}")
        if event.category:
            lines.append(f"CATEGORIES:{sanitiser.ics(event.category)}")
        lines.append("TRANSP:TRANSPARENT")
        if event.alarm_days_before is not None:
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY",
                      f"DESCRIPTION:{sanitiser.ics(event.summary)}",
                      f"TRIGGER:-P{event.alarm_days_before}D", "END:VALARM"]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def uid(*parts: str) -> str:
    """Return a stable UID for the event named by ``parts``."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return f"{digest}@certpath"


def schedule_events(catalog: Catalog, schedule: Schedule) -> list[Event]:
    """Return the events of a schedule: phases, exam targets, then renewals not yet past.

    A certification that an exam of the plan renews gets no renewal event of its own.
    """
    target = schedule.path.target
    events: list[Event] = []
    for window in schedule.windows:
        name = catalog.certifications[window.cert].name
        for index, phase in enumerate(window.phases):
            note = " (dates estimated)" if phase.estimate else \
                " (dates: certpath's reading of the catalog's source)" if phase.reading else ""
            events.append(Event(uid(target, window.cert, "phase", str(index)),
                                f"{name}: {phase.name}", phase.start, phase.end,
                                "\n".join(phase.activities) + note if phase.activities
                                else f"Study for {name}{note}", "Study"))
        events.append(Event(uid(target, window.cert, "exam"), f"Exam target: {name}",
                            window.exam, window.exam,
                            f"Target date for the {name} exam.", "Exam", alarm_days_before=7))
    for renewal in schedule.renewals:
        if renewal.expires < schedule.start or renewal.renewed_by is not None:
            continue  # past, or renewed by an exam of this plan, which has its own event
        name = catalog.certifications[renewal.cert].name
        when = "planned for" if renewal.planned else "earned on"
        events.append(Event(uid(target, renewal.cert, "renewal", "planned" if renewal.planned
                                else "held"),
                            f"Renew {name} (expires)", renewal.expires, renewal.expires,
                            f"{name}, {when} {renewal.earned.isoformat()}, expires on "
                            f"{renewal.expires.isoformat()}.", "Renewal", alarm_days_before=60))
    return events


def schedule_calendar(catalog: Catalog, schedule: Schedule, *, stamp: dt.datetime) -> str:
    """Return the iCalendar text of a schedule."""
    name = f"certpath: {catalog.certifications[schedule.path.target].name}"
    return calendar(schedule_events(catalog, schedule), name=name, stamp=stamp)


def team_events(catalog: Catalog, plan: TeamPlan) -> list[Event]:
    """Return a team's exam targets and renewals, each event naming its member."""
    events: list[Event] = []
    for mp in plan.members:
        who = mp.member.name
        for window in mp.schedule.windows if mp.schedule else ():
            name = catalog.certifications[window.cert].name
            events.append(Event(uid("team", who, window.cert, "exam"), f"{who}: exam target: {name}",
                                window.exam, window.exam, f"Target date for {who}'s {name} exam.",
                                "Exam", alarm_days_before=7))
        planned = {r.cert: r for r in mp.schedule.renewals if r.planned} if mp.schedule else {}
        renewals: list[tuple[str, dt.date | None, dt.date, str]] = [
            (r.cert, r.earned, r.expires, "planned for") for r in planned.values()]
        for held in mp.member.held:
            found = standing(catalog, held.cert, held.issued, plan.start, mp.member.earned,
                             stated=mp.member.stated)
            if found.expires is not None and held.cert not in planned:
                renewals.append((held.cert, held.issued, found.expires, "issued on"))
        for cert, earned, expires, when in renewals:
            if expires < plan.start:
                continue
            name = catalog.certifications[cert].name
            since = f", {when} {earned.isoformat()}" if earned else ""
            events.append(Event(uid("team", who, cert, "renewal"), f"{who}: renew {name} (expires)",
                                expires, expires, f"{who}'s {name}{since}, expires on "
                                f"{expires.isoformat()}.", "Renewal", alarm_days_before=60))
    return events


def team_calendar(catalog: Catalog, plan: TeamPlan, *, stamp: dt.datetime) -> str:
    """Return the iCalendar text of a team's exam targets and renewals."""
    name = f"certpath: {plan.team.name or 'team'}"
    return calendar(team_events(catalog, plan), name=name, stamp=stamp)
