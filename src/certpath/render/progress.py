"""``certpath progress``: the saved plan against today, as a view and as the JSON document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from certpath.render.blocks import Para, View
from certpath.render.jsondoc import Doc, document, ref
from certpath.render.plandocs import schedule as schedule_document
from certpath.render.planviews import plan_view
from certpath.render.provenance import LEGEND, READING, legend

if TYPE_CHECKING:  # types only
    from certpath.catalog import Catalog
    from certpath.planned import Progress


def standing_text(p: Progress) -> str:
    """One line: done, ahead or behind by how many days, or on schedule."""
    days = abs(p.days_ahead)
    unit = "day" if days == 1 else "days"
    if p.status == "done":
        return "Done: every phase of the plan is done"
    if p.status == "ahead":
        return f"Ahead of the plan by {days} {unit}"
    if p.status == "behind":
        return f"Behind the plan by {days} {unit}"
    return "On schedule"


def progress_view(catalog: Catalog, p: Progress) -> View:
    """The saved plan's phases with their state, how far ahead or behind, and the rest."""
    view = View()
    target = catalog.certifications[p.saved.target]
    view.heading(f"Progress on the plan for {target.name}")
    view.fields([("Today", p.today.isoformat()), ("Plan started", p.saved.start.isoformat()),
                 ("Planned finish", p.original.finish.isoformat()),
                 ("New finish", p.rest.finish.isoformat()),
                 ("Standing", standing_text(p))])
    view.table(("Certification", "Phase", "Planned", "State"), [
        (catalog.certifications[u.cert].name, f"{u.number}. {u.name}",
         f"{u.start.isoformat()} to {u.end.isoformat()}"
         + (" (estimate)" if u.estimate else READING if u.reading else ""), u.state)
        for u in p.units],
        styles=("bold", "", "", "yellow"))
    if p.rest.windows:
        view.heading("The rest, re-planned from today", 2)
        rest = [b for b in plan_view(catalog, p.rest).blocks[2:]  # without its heading, fields
                if not (isinstance(b, Para) and b.text == LEGEND)]  # one legend, at the end
        view.blocks.extend(rest)
    return legend(view)


def progress_document(catalog: Catalog, p: Progress) -> Doc:
    """Return the ``progress --json`` document."""
    rest = schedule_document(catalog, p.rest)
    del rest["schema_version"]
    return document(
        target=ref(catalog.certifications[p.saved.target]), today=p.today.isoformat(),
        start=p.saved.start.isoformat(), pace=p.saved.pace,
        hours_per_week=p.saved.hours_per_week,
        by=p.saved.by.isoformat() if p.saved.by else None,
        status=p.status, days_ahead=p.days_ahead, done=list(p.done),
        marks=list(p.saved.done),
        phases=[{"id": u.cert, "phase": u.number, "name": u.name, "start": u.start.isoformat(),
                 "end": u.end.isoformat(), "state": u.state, "estimate": u.estimate,
                 "reading": u.reading} for u in p.units],
        planned_finish=p.original.finish.isoformat(), finish=p.rest.finish.isoformat(),
        rest=rest)
