"""JSON documents: the stable, documented shape of every command's ``--json`` output.

Each function returns plain dicts and lists; the CLI serialises them. The key sets are a contract
(docs/json.md, with a schema each in schema/output/): change keys only with a new ``schema_version``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from certpath.errors import CertpathError, Finding

if TYPE_CHECKING:  # types only: importing them would slow every command's start-up
    from certpath.catalog import Catalog, Report
    from certpath.model import Certification, Effort, FaqSection, Institution, Requirement
    from certpath.picture import Picture
    from certpath.planning import Path, Step, Totals
    from certpath.provenance import Fact
    from certpath.recommend import NextSuggestion, Recommendation
    from certpath.starter import Example

SCHEMA_VERSION = 3
Doc = dict[str, Any]


def document(**fields: Any) -> Doc:
    """Return a top-level document: ``schema_version`` first, then ``fields``."""
    return {"schema_version": SCHEMA_VERSION, **fields}


def error_document(error: CertpathError) -> Doc:
    """Return the JSON form of an error."""
    body: Doc = {"code": error.code, "message": str(error)}
    findings = getattr(error, "findings", ())
    if findings:
        body["findings"] = [finding(f) for f in findings]
    suggestions = getattr(error, "suggestions", ())
    if suggestions:
        body["suggestions"] = list(suggestions)
    return document(error=body)


def finding(f: Finding) -> Doc:
    """Return one validation finding."""
    return {"file": f.file, "line": f.line, "column": f.column, "severity": f.severity,
            "message": f.message}


def ref(catalog_entry: Any) -> Doc:
    """Return the ``{"id", "name"}`` reference to any catalog entry."""
    return {"id": catalog_entry.id, "name": catalog_entry.name}


def requirement(req: Requirement) -> Doc:
    """Return one certification prerequisite (a single certification is one option of one)."""
    from certpath.provenance import requirement_reading

    return {"options": list(req.options), "choose": req.choose, "recommended": req.recommended,
            "must_be_valid": req.must_be_valid, "reading": requirement_reading(req)}


def effort(value: Effort | None) -> Doc | None:
    """Return study effort, with whether it is an estimate."""
    if value is None:
        return None
    return {"hours": value.hours, "estimate": value.estimate, "note": value.note}


def certification_row(catalog: Catalog, cert: Certification) -> Doc:
    """Return one row of ``tracks --json``."""
    from certpath.provenance import facts

    return {
        "id": cert.id,
        "name": cert.name,
        "track": cert.track,
        "level": cert.level,
        "audience": cert.audience,
        "prerequisites": list(cert.prerequisites),
        "requires": [requirement(r) for r in catalog.requirements(cert.id)],
        "skills": list(cert.skills),
        "order": cert.order,
        "retired_on": cert.retired_on.isoformat() if cert.retired_on else None,
        "readings": {f.path: f.reason for f in facts(cert) if f.kind == "reading"},
    }


def certification_detail(catalog: Catalog, cert: Certification, *, sources: bool = False) -> Doc:
    """Return everything about one certification (``show --json``), with its sources if asked.

    Its ``readings`` come with the row (``certification_row``)."""
    from certpath.provenance import facts, reading, trainer_reading

    row = certification_row(catalog, cert)
    row.update(
        aliases=list(cert.aliases),
        description=cert.description,
        recommended_for=cert.recommended_for,
        competencies=list(cert.competencies),
        projects=list(cert.projects),
        preparation=[
            {"id": p.id, "name": p.name, "min_days": p.min_days, "max_days": p.max_days,
             "suits": p.suits, "caution": p.caution,
             "phases": [{"name": ph.name, "start_day": ph.start_day, "end_day": ph.end_day,
                         "activities": list(ph.activities), "estimate": ph.estimate,
                         "reading": reading(ph, "start_day") or reading(ph, "end_day")}
                        for ph in p.phases]}
            for p in cert.preparation
        ],
        pitfalls=list(cert.pitfalls),
        best_next=[next_item(n) for n in _next_of(cert, "best_next")],
        next_steps=[next_item(n) for n in _next_of(cert, "next_steps")],
        validity_months=cert.validity_months,
        effort=effort(cert.effort),
        note=cert.note,
        institutions=[{**ref(i), "reading": trainer_reading(i, cert.id)}
                      for i in catalog.trainers(cert.id)],
    )
    from certpath.render.programme import programme_json
    row.update(programme_json(cert))
    if sources:
        row["sources"] = [fact(f) for f in facts(cert)]
    return row


def fact(f: Fact) -> Doc:
    """Return one fact of ``show --sources``: where it comes from, or why it is not stated."""
    from certpath.provenance import text_of

    return {"fact": f.path, "value": list(text_of(f.value)), "kind": f.kind,
            "section": f.section, "quotes": list(f.quotes), "reason": f.reason}


def about(cert: Certification) -> Doc:
    """Return one certification of ``about --json``: its narrative and testimonials."""
    return {**ref(cert),
            "narrative": [{"title": p.title, "text": p.text} for p in cert.narrative],
            "testimonials": [{"text": t.text, "author": t.author} for t in cert.testimonials]}


def _next_of(cert: Certification, group: str) -> list[NextSuggestion]:
    from certpath.provenance import reading
    from certpath.recommend import NextSuggestion

    return [NextSuggestion(group, i.direction, i.text, tuple(i.certifications),
                           reading(i, "certifications"))
            for i in getattr(cert, group)]


def next_item(item: NextSuggestion) -> Doc:
    """Return one suggestion of what to take next."""
    return {"source": item.source, "direction": item.direction, "text": item.text,
            "certifications": list(item.certifications), "recommended": item.recommended,
            "reading": item.reading}


def step(catalog: Catalog, s: Step) -> Doc:
    """Return one step of a path."""
    cert = catalog.certifications[s.id]
    return {"id": s.id, "name": cert.name, "level": cert.level, "reason": s.reason,
            "required": s.required, "effort": effort(cert.effort),
            "reading": s.reading}


def path_totals(t: Totals) -> Doc:
    """Return what a path adds up to (the ``totals`` of ``path`` and ``recommend``)."""
    return {"certifications": t.certifications, "hours": t.hours,
            "hours_estimate": t.hours_estimate, "without_effort": list(t.without_effort),
            "fees": t.fees.as_json()}


def path(catalog: Catalog, p: Path) -> Doc:
    """Return the ``path --json`` document."""
    from certpath.planning import path_totals as add_up

    return document(
        target=ref(catalog.certifications[p.target]),
        have=list(p.have),
        steps=[step(catalog, s) for s in p.steps],
        knowledge=[{"topic": k.topic, "needed_for": list(k.needed_for)} for k in p.knowledge],
        choices=[{"for": c.of, "choose": c.choose, "chosen": list(c.chosen),
                  "alternatives": list(c.alternatives), "reason": c.reason} for c in p.choices],
        notes=list(p.notes),
        totals=path_totals(add_up(catalog, p)),
    )


def recommendation(catalog: Catalog, rec: Recommendation) -> Doc:
    """Return the ``recommend --json`` document."""
    from certpath.planning import path_totals as add_up
    from certpath.provenance import reading
    from certpath.recommend import institution_reading

    target = None
    if rec.target is not None:
        retired = rec.target.retired_on
        target = {**ref(rec.target), "inferred": rec.role.target_inferred,
                  "note": rec.role.target_note,
                  "retired_on": retired.isoformat() if retired else None,
                  "replaced_by": rec.target.replaced_by}
    return document(
        role=ref(rec.role),
        focus_area=rec.role.focus_area,
        strategic_value=rec.role.strategic_value,
        target=target,
        path=[step(catalog, s) for s in rec.path.steps] if rec.path else [],
        learning_paths=[{**ref(p), "reading": reading(rec.role, "learning_paths")}
                        for p in rec.learning_paths],
        next=[next_item(n) for n in rec.next],
        institutions=[{**ref(i), "reading": institution_reading(rec, i)} for i in rec.institutions],
        totals=path_totals(add_up(catalog, rec.path)) if rec.path else None,
    )


def roles(catalog: Catalog) -> Doc:
    """Return the ``roles --json`` document: every role as the catalog states it."""
    return document(roles=[msgspec.to_builtins(r) for r in catalog.roles.values()])


def institutions(found: list[Institution]) -> Doc:
    """Return the ``institutions --json`` document."""
    return document(institutions=[msgspec.to_builtins(i) for i in found])


def learning_paths(catalog: Catalog) -> Doc:
    """Return the ``learning-paths --json`` document: each path and the roles that follow it."""
    from certpath.listing import roles_following
    from certpath.provenance import reading

    def why(roles: list[str]) -> str | None:  # the reasons some of the links are readings
        return " ".join(dict.fromkeys(
            w for r in roles if (w := reading(catalog.roles[r], "learning_paths")))) or None

    return document(learning_paths=[
        {**msgspec.to_builtins(p), "roles": (roles := roles_following(catalog, p.id)),
         "roles_reading": why(roles)} for p in catalog.learning_paths.values()])


def faq(query: str | None, matches: list[tuple[FaqSection, list[int]]]) -> Doc:
    """Return the ``faq --json`` document: the query and the matching entries by section."""
    return document(query=query, sections=[
        {"id": s.id, "title": s.title, "about": s.about,
         "entries": [msgspec.to_builtins(s.entries[i]) for i in hits]}
        for s, hits in matches])


def validation(report: Report) -> Doc:
    """Return the ``validate --json`` document: every finding, sorted by file and line."""
    errors = sum(f.severity == "error" for f in report.findings)
    return document(
        ok=report.ok,
        files=[str(f) for f in report.files],
        errors=errors,
        warnings=len(report.findings) - errors,
        findings=[finding(f) for f in report.findings],
    )


def picture(p: Picture) -> Doc:
    """Return the ``graph --json`` document: nodes, edges and any-of groups."""
    return document(
        target=p.target,
        have=list(p.have),
        nodes=[{"id": n.id, "name": n.name, "level": n.level_id, "track": n.track, "held": n.held,
                "depth": n.depth} for n in p.nodes],
        edges=[{"from": e.source, "to": e.target, "recommended": e.recommended, "group": e.group}
               for e in p.edges],
        groups=[{"id": g.id, "for": g.of, "choose": g.choose, "options": list(g.options),
                 "recommended": g.recommended} for g in p.groups],
    )



def examples(found: Sequence[Example]) -> Doc:
    """Return the ``examples --json`` document: each shipped example and its files."""
    return document(examples=[{"name": e.name, "kind": e.kind, "about": e.about,
                               "files": [p.name if e.kind == "team" else
                                         p.relative_to(e.files[0].parent).as_posix()
                                         for p in e.files]} for e in found])
