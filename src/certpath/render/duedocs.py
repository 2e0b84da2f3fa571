"""The ``due`` command's answer: its JSON document, its human view and its reminder calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from certpath.render.blocks import View
from certpath.render.jsondoc import Doc, document

if TYPE_CHECKING:  # types only: importing them would slow every command's start-up
    from certpath.catalog import Catalog
    from certpath.renewal import Due, RenewalOption

REMINDER_DAYS = (90, 60, 30, 7)
"""``due --ics`` reminds this many days before each expiry."""


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def option(o: RenewalOption) -> Doc:
    """Return one renewal option (also used by ``plan`` renewals and ``show``)."""
    fee = None if o.fee is None else {"amount": o.fee.amount, "currency": o.fee.currency,
                                      "estimate": o.fee.estimate}
    return {"kind": o.kind, "opens": _day(o.opens), "hours": o.hours,
            "hours_estimate": o.hours_estimate, "fee": fee, "by": list(o.by),
            "until": _day(o.until), "needs": list(o.needs)}


def due_document(catalog: Catalog, found: Sequence[Due], *, today: dt.date,
                 within_days: int) -> Doc:
    """Return the ``due --json`` document."""
    return document(today=today.isoformat(), within_days=within_days, due=[
        {"id": d.cert, "name": catalog.certifications[d.cert].name, "earned": _day(d.earned),
         "expires": d.expires.isoformat(), "expired": d.expired,
         "cheapest": option(d.cheapest) if d.cheapest else None,
         "options": [option(o) for o in d.options], "note": d.note} for d in found])


def due_view(catalog: Catalog, found: Sequence[Due], *, today: dt.date, within_days: int) -> View:
    """What expires within the window, each with its expiry and cheapest route."""
    view = View()
    view.heading(f"Due within {within_days} days of {today.isoformat()}")
    if not found:
        view.para("Nothing held expires in that window.")
        return view
    rows = []
    for d in found:
        state = "expired" if d.expired else f"in {(d.expires - today).days} days"
        route = d.cheapest.describe(catalog) if d.cheapest else "cannot be renewed"
        if d.note:
            route += f"; {d.note}"
        rows.append((catalog.certifications[d.cert].name, d.expires.isoformat(), state, route))
    view.table(("Certification", "Expires", "When", "Cheapest renewal"), rows,
               styles=("bold", "cyan", "yellow", ""))
    return view


def due_calendar(catalog: Catalog, found: Sequence[Due], *, today: dt.date,
                 stamp: dt.datetime) -> str:
    """Return an iCalendar file with reminders 90, 60, 30 and 7 days before each expiry.

    Reminders whose day is already past are left out; an expired holding gets none.
    """
    from certpath.render.ics import Event, calendar, uid
    events = []
    for d in found:
        name = catalog.certifications[d.cert].name
        route = d.cheapest.describe(catalog) if d.cheapest else "it cannot be renewed"
        for days in REMINDER_DAYS:
            when = d.expires - dt.timedelta(days=days)
            if when < today:
                continue
            events.append(Event(uid(d.cert, d.expires.isoformat(), "due", str(days)),
                                f"Renew {name}: expires in {days} days", when, when,
                                f"{name} expires on {d.expires.isoformat()}. Cheapest renewal: "
                                f"{route}.", "Renewal", alarm_days_before=0))
    return calendar(events, name="certpath: renewals due", stamp=stamp)
