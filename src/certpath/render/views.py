"""Human views of the core's answers, as blocks (see ``render.blocks``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from certpath.provenance import reading, requirement_reading, trainer_reading
from certpath.recommend import institution_reading
from certpath.render.blocks import View, joined, sentences
from certpath.render.programme import programme_fields, route_text
from certpath.render.provenance import READING, heading, legend, mark, sources_view

if TYPE_CHECKING:  # types only: importing them would slow every command's start-up
    import datetime as dt
    from pathlib import Path as FilePath

    from certpath.catalog import Catalog, Report
    from certpath.model import (
        Certification,
        Effort,
        FaqSection,
        Institution,
        Phase,
        PrepPlan,
        Requirement,
    )
    from certpath.planning import Path, Totals
    from certpath.recommend import NextSuggestion, Recommendation
    from certpath.starter import Example

_DIRECTIONS = {"same-track": "Same track", "cross-track": "Cross-track",
               "leadership": "Leadership / management"}
_SOURCES = {"best_next": "Best next certification", "next_steps": "Recommended next steps",
            "leads_to": "Leads to (lists it as a prerequisite)"}


def hours_text(hours: float, estimate: bool) -> str:
    """Describe a number of hours, saying when it is an estimate."""
    return f"~{hours:g} h (estimate)" if estimate else f"{hours:g} h"


def effort_text(effort: Effort | None) -> str:
    """Describe study effort, saying when it is an estimate."""
    return "not stated" if effort is None else hours_text(effort.hours, effort.estimate)


def totals_text(totals: Totals) -> str:
    """Describe what a path adds up to: certifications and study hours."""
    count = totals.certifications
    text = f"{count} certification{'s' * (count != 1)}, "
    text += hours_text(totals.hours, totals.hours_estimate)
    missing = len(totals.without_effort)
    if missing:
        text += f", not counting {missing} without a stated effort"
    if totals.fees.amounts:
        text += f"; fees {totals.fees.describe()}"
    elif totals.fees.unknown:
        text += "; fees not in the catalog"
    elif count:
        text += "; no fees"  # titles only: earned by holding their members
    return text


def requirement_text(catalog: Catalog, req: Requirement) -> str:
    """Describe one certification prerequisite in words."""
    names = [" and ".join(catalog.certifications[o].name for o in group)
             for group in req.alternatives]
    if len(names) == 1:
        text = names[0]
    elif req.choose == 1:
        text = "one of " + " or ".join(names)
    else:
        text = f"{req.choose} of " + ", ".join(names)
    extras = ["recommended" if req.recommended else "required"]
    if req.must_stay_valid:
        extras.append("must stay valid")
    elif req.must_be_valid:
        extras.append("must be valid")
    if requirement_reading(req) is not None:
        extras.append("reading")
    return f"{text} ({', '.join(extras)})"


def tracks_view(catalog: Catalog, certs: Iterable[Certification], *,
                today: dt.date | None = None) -> View:
    """The overview table of certifications; given ``today``, a retirement says retired or retires."""
    view = View()
    rows = []
    certs_list = list(certs)
    for cert in certs_list:
        requires = [requirement_text(catalog, r) for r in catalog.requirements(cert.id)]
        rows.append((cert.name + retirement_mark(cert, today), track_name(catalog, cert),
                     mark(cert, "level", catalog.level_name(cert.id)) or "-",
                     mark(cert, "audience", cert.audience) or "-",
                     mark(cert, "prerequisites", joined(cert.prerequisites) or None) or "-",
                     joined(requires, "; ") or "-",
                     mark(cert, "skills", joined(cert.skills) or None) or "-",
                     mark(cert, "order", None if cert.order is None else str(cert.order)) or "-"))
    view.table(("Certification", "Track", "Level", "Who it's for", "Prerequisites",
                "Requires", "Skills covered", "Order"), rows,
               styles=("bold", "", "cyan", "", "", "", "", ""))
    described = [catalog.tracks[t] for t in dict.fromkeys(c.track for c in certs_list)
                 if catalog.tracks[t].description]
    if described:
        view.table(("Track", "What it is"), [
            (mark(t, "name", t.name), mark(t, "description", t.description)) for t in described],
            styles=("bold", ""))
    return legend(view)


def retirement_mark(cert: Certification, today: dt.date | None) -> str:
    """Return `` (retired DATE)`` or, for a retirement still to come, `` (retires DATE)``."""
    if cert.retired_on is None:
        return ""
    word = "retires" if today is not None and not cert.retired(today) else "retired"
    day = cert.retired_on.isoformat()
    label = (mark(cert, "retired_on", day) or day)[len(day):].strip(" ()")  # estimate, reading
    return f" ({word} {day}{', ' + label if label else ''})"


def track_name(catalog: Catalog, cert: Certification) -> str:
    """Name a certification's track, labelled when the track or its name is a reading."""
    track = catalog.tracks[cert.track]
    read = reading(cert, "track") or reading(track, "name")
    return track.name + (READING if read else "")


def show_view(catalog: Catalog, cert: Certification, suggestions: Iterable[NextSuggestion], *,
              sources: bool = False) -> View:
    """Everything about one certification; with ``sources``, where each fact comes from."""
    view = View()
    view.heading(f"{cert.name} ({cert.id})")
    track = catalog.tracks[cert.track]
    view.fields([
        ("Track", track_name(catalog, cert)),
        ("Level", mark(cert, "level", catalog.level_name(cert.id)) or "not stated"),
        ("Recommended order", mark(cert, "order", None if cert.order is None else str(cert.order))),
        ("Who it's for", mark(cert, "audience", cert.audience)),
        ("Also known as", mark(cert, "aliases", joined(cert.aliases) or None)),
        ("Study effort", None if cert.title else effort_text(cert.effort)),
        *programme_fields(catalog, cert),
    ])
    if track.description:
        view.para(f"{track.name}: {mark(track, 'description', track.description)}")
    view.para(mark(cert, "description", cert.description))
    view.para(mark(cert, "recommended_for", cert.recommended_for))
    view.para(mark(cert, "note", cert.note), "italic")
    reqs = catalog.requirements(cert.id)
    view.bullets(cert.prerequisites,
                 heading=heading(cert, "prerequisites", "Knowledge to have first"))
    view.bullets([requirement_text(catalog, r) + (f": {r.note}" if r.note else "") for r in reqs],
                 heading="Certification prerequisites")
    view.bullets([route_text(catalog, r) for r in cert.renewal], heading="How it is renewed")
    view.bullets(cert.skills, heading=heading(cert, "skills", "Skills covered"))
    view.bullets(cert.competencies, heading=heading(cert, "competencies", "Core competencies"))
    view.bullets(cert.projects, heading=heading(cert, "projects", "Real-world projects"))
    for plan in cert.preparation:
        _plan_view(plan, view)
    view.bullets(cert.pitfalls, heading=heading(cert, "pitfalls", "Common pitfalls"))
    next_view(catalog, suggestions, view)
    view.bullets([i.name + (READING if trainer_reading(i, cert.id) else "")
                  for i in catalog.trainers(cert.id)], heading="Institutions that train for it")
    if cert.narrative or cert.testimonials:
        view.para(f"More about it: certpath about {cert.id}", "dim")
    if sources:
        sources_view(cert, view)
    return legend(view)


def _plan_view(plan: PrepPlan, view: View) -> None:
    days = (f"{plan.min_days} days" if plan.min_days == plan.max_days
            else f"{plan.min_days}-{plan.max_days} days")
    view.heading(f"Preparation: {plan.name} ({days})", 2)
    view.para(plan.suits)
    view.para(plan.caution, "yellow")
    view.table(("Days", "Phase", "Activities"), [
        (f"{ph.start_day}-{ph.end_day}" + phase_label(ph), mark(ph, "name", ph.name),
         sentences(ph.activities)) for ph in plan.phases])


def phase_label(phase: Phase) -> str:
    """Return how a phase's day boundaries are labelled: estimate, reading, or nothing."""
    if phase.estimate:
        return " (estimate)"
    if reading(phase, "start_day") or reading(phase, "end_day"):
        return READING
    return ""


def next_view(catalog: Catalog, suggestions: Iterable[NextSuggestion], view: View) -> View:
    """Suggestions of what comes next, grouped by where they come from."""
    groups: dict[str, list[str]] = {}
    for item in suggestions:
        names = joined(catalog.certifications[c].name for c in item.certifications)
        label = _DIRECTIONS.get(item.direction, item.direction)
        marked = READING if item.reading else ""
        if item.source == "leads_to":
            kind = "recommended before it" if item.recommended else "requires it"
            text = f"{item.text} ({label.lower()}; {kind}){marked}"
        else:
            text = f"{label}: {item.text}" + (f" [{names}]{marked}" if names else "")
        groups.setdefault(item.source, []).append(text)
    for source, items in groups.items():
        view.bullets(items, heading=_SOURCES.get(source, source))
    return view


def held_text(catalog: Catalog, path: Path) -> str:
    """Name what a path starts from, each certification that is no longer valid marked so."""
    return joined(catalog.certifications[h].name + (" (expired)" if h in path.expired else "")
                  for h in path.have)


def path_view(catalog: Catalog, path: Path, view: View | None = None) -> View:
    """The ordered steps of a path, their total, knowledge, choices and notes."""
    from certpath.planning import path_totals

    alone = view is None
    view = view or View()
    target = catalog.certifications[path.target]
    view.heading(f"Path to {target.name}")
    if path.have:
        view.fields([("Held", held_text(catalog, path))])
    for note in path.notes:
        view.para(note, "yellow")
    if path.steps:
        rows = [(str(i), catalog.certifications[s.id].name, catalog.level_name(s.id) or "-",
                 "required" if s.required else "recommended", s.reason,
                 "none: a title" if catalog.certifications[s.id].title
                 else effort_text(catalog.certifications[s.id].effort))
                for i, s in enumerate(path.steps, 1)]
        view.table(("#", "Certification", "Level", "Kind", "Why", "Effort"), rows,
                   styles=("dim", "bold", "cyan", "", "", ""))
        view.fields([("Total", totals_text(path_totals(catalog, path)))])
    view.bullets([f"{k.topic} (for {joined(catalog.certifications[c].name for c in k.needed_for)})"
                  for k in path.knowledge], heading="Knowledge to have before starting")
    view.bullets([f"{catalog.certifications[c.of].name}: chose "
                  f"{joined(catalog.certifications[x].name for x in c.chosen)}"
                  + (f" over {joined(catalog.certifications[x].name for x in c.alternatives)}"
                     if c.alternatives else "") + f" ({c.reason})"
                  for c in path.choices], heading="Choices made")
    return legend(view) if alone else view


def recommend_view(catalog: Catalog, rec: Recommendation) -> View:
    """A recommendation for a role."""
    view = View()
    role = rec.role
    view.heading(f"Recommendation for {role.name}")
    target = rec.target.name if rec.target else "none: the catalog names no target for this role"
    if rec.target:
        target = mark(role, "target", target) or target
    paths = joined(p.name for p in rec.learning_paths)
    view.fields([("Focus area", role.focus_area), ("Strategic value", role.strategic_value),
                 ("Target", target),
                 ("Learning paths", mark(role, "learning_paths", paths) if paths else "none named")])
    if role.target_inferred:
        view.para(role.target_note, "italic")
    if rec.path is not None:
        path_view(catalog, rec.path, view)
    next_view(catalog, rec.next, view)
    view.bullets([i.name + (READING if institution_reading(rec, i) else "")
                  for i in rec.institutions],
                 heading="Institutions that train for it or for the role's learning path")
    return legend(view)


def faq_view(sections: Iterable[tuple[FaqSection, list[int]]]) -> View:
    """Questions and answers, by section."""
    view = View()
    for section, indexes in sections:
        view.heading(section.title)
        for i in indexes:
            entry = section.entries[i]
            view.para(f"Q: {entry.question}", "bold")
            view.para(f"A: {entry.answer}")
    return view


def no_faq_match_view(query: str | None) -> View:
    """What ``faq`` says when nothing matches."""
    view = View()
    view.para(f"No question or answer matches {query!r}.")
    return view


def roles_view(catalog: Catalog) -> View:
    """The table of roles."""
    view = View()
    view.table(("Role", "Id", "Focus area", "Target", "Strategic value"), [
        (r.name, r.id, r.focus_area or "-",
         mark(r, "target", catalog.certifications[r.target].name) if r.target else "-",
         r.strategic_value or "-") for r in catalog.roles.values()],
        styles=("bold", "dim", "", "cyan", ""))
    return legend(view)


def institutions_view(catalog: Catalog, found: Iterable[Institution]) -> View:
    """The table of training institutions."""
    view = View()
    view.table(("Institution", "Focus", "Tracks", "Learning paths"), [
        (i.name, sentences([i.description or "", *i.focus]) or "-",
         mark(i, "tracks", joined(catalog.tracks[t].name for t in i.tracks) or None) or "-",
         mark(i, "learning_paths",
              joined(catalog.learning_paths[p].name for p in i.learning_paths) or None) or "-")
        for i in found], styles=("bold", "", "cyan", ""))
    return legend(view)


def learning_paths_view(catalog: Catalog) -> View:
    """The table of learning paths and the roles that follow each."""
    from certpath.listing import roles_following
    view = View()
    view.table(("Learning path", "What it is", "Who it's for", "Roles"), [
        (p.name, p.description or "-", p.audience or "-",
         joined(mark(catalog.roles[r], "learning_paths", catalog.roles[r].name)
                for r in roles_following(catalog, p.id)) or "-")
        for p in catalog.learning_paths.values()], styles=("bold", "", "", "cyan"))
    return legend(view)


def validation_view(report: Report, *, strict: bool = False) -> View:
    """Each finding on its own line, then a one-line summary (warnings fail with ``strict``)."""
    view = View()
    for finding in report.findings:
        view.para(finding, "red" if finding.severity == "error" else "yellow")
    errors = sum(f.severity == "error" for f in report.findings)
    warnings = len(report.findings) - errors
    counts = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    files = len(report.files)
    verdict = "invalid" if errors else "failed (--strict: warnings fail)" if strict and warnings \
        else "valid"
    view.para(f"{verdict}: {files} file{'s' * (files != 1)} read, {counts}", "bold")
    return view


def schemas_view(schemas: dict[str, dict[str, Any]], outputs: Iterable[str] = ()) -> View:
    """The catalog files and JSON documents, and the command that prints each one's schema."""
    view = View()
    view.table(("File", "Holds", "Schema"), [
        (f"{stem}.yaml", ", ".join(s["$defs"][s["$ref"].rsplit("/", 1)[-1]]["properties"]),
         f"certpath schema {stem}") for stem, s in schemas.items()],
        styles=("bold", "", "cyan"))
    names = list(outputs)
    if names:
        view.heading("JSON documents (--json)", 2)
        view.table(("Document", "Schema"),
                   [(name, f"certpath schema --output {name}") for name in names],
                   styles=("bold", "cyan"))
    return view


def written_view(written: Sequence[FilePath], what: str, *, hint: str = "",
                 not_mapped: Sequence[str] = ()) -> View:
    """The files a command wrote, what it could not carry over, and what to do next."""
    view = View()
    view.para(f"Wrote {what}:")
    for path in written:
        view.para(f"  {path}")
    if not_mapped:
        view.para(f"Not mapped ({len(not_mapped)}):", "yellow")
        for item in not_mapped:
            view.para(f"  {item}", "yellow")
    if hint:
        view.para(hint, "dim")
    return view


def examples_view(found: Sequence[Example]) -> View:
    """The shipped examples: name, kind, what each is, and how to copy it."""
    view = View()
    view.table(("Example", "Kind", "What it is"),
               [(e.name, e.kind, e.about) for e in found], styles=("bold", "cyan", ""))
    view.para("Copy one with: certpath examples copy NAME DIR")
    return view
