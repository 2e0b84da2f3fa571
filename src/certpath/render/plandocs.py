"""JSON documents of plans, advice, the profile, teams and ``next`` (docs/json.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from certpath.holdings import date_text
from certpath.provenance import coverage_reading, member_target_reading
from certpath.render.duedocs import option
from certpath.render.jsondoc import Doc, document, next_item, recommendation, ref
from certpath.validity import standings

if TYPE_CHECKING:  # types only: importing them would slow every command's start-up
    from certpath.advice import Advice
    from certpath.catalog import Catalog
    from certpath.profile import Profile
    from certpath.recommend import NextSuggestion
    from certpath.schedule import Schedule, Window

if TYPE_CHECKING:  # team plans are loaded only by the team command
    from certpath.team import MemberPlan, TeamPlan


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def window(catalog: Catalog, w: Window) -> Doc:
    """Return one certification's study window."""
    plan = None
    if w.plan is not None:
        plan = {"id": w.plan.id, "name": w.plan.name, "caution": w.plan.caution}
    return {
        "id": w.cert, "name": catalog.certifications[w.cert].name, "required": w.required,
        "start": _day(w.start), "exam": _day(w.exam), "days": w.days, "hours": w.hours,
        "hours_estimate": w.hours_estimate, "estimate": w.estimate, "plan": plan,
        "phases": [{"name": p.name, "start": _day(p.start), "end": _day(p.end),
                    "activities": list(p.activities), "estimate": p.estimate,
                    "reading": p.reading} for p in w.phases],
    }


def totals(catalog: Catalog, s: Schedule) -> Doc:
    """Return a schedule's totals: hours, weeks, finish, and exam fees per currency."""
    from certpath.fees import certification_fees
    return {"hours": s.total_hours, "hours_estimate": s.hours_estimate, "weeks": s.weeks,
            "finish": _day(s.finish),
            "fees": certification_fees(catalog, [w.cert for w in s.windows]).as_json()}


def schedule(catalog: Catalog, s: Schedule) -> Doc:
    """Return the ``plan --json`` document."""
    return document(
        target=ref(catalog.certifications[s.path.target]),
        have=list(s.path.have),
        start=_day(s.start),
        pace=s.pace,
        hours_per_week=s.hours_per_week,
        certifications=[window(catalog, w) for w in s.windows],
        totals=totals(catalog, s),
        renewals=[{"id": r.cert, "name": catalog.certifications[r.cert].name,
                   "earned": _day(r.earned), "expires": _day(r.expires), "planned": r.planned,
                   "renewal": option(r.route) if r.route else None, "renewed_by": r.renewed_by}
                  for r in s.renewals],
        notes=list(s.notes),
    )


def advice(catalog: Catalog, a: Advice) -> Doc:
    """Return the ``advise --json`` document: the recommendation and the plan of its path."""
    rec = recommendation(catalog, a.recommendation)
    del rec["schema_version"]
    plan = None
    if a.schedule is not None:
        plan = schedule(catalog, a.schedule)
        del plan["schema_version"]
    return document(recommendation=rec, plan=plan)


def profile(catalog: Catalog, p: Profile, *, file: str, today: dt.date) -> Doc:
    """Return the ``profile show --json`` document."""
    earned = []
    held = standings(catalog, p.earned, today, stated=p.expires)
    for cert_id, day in p.earned.items():
        stated = p.expires.get(cert_id)
        if cert_id in catalog.certifications:
            found = held[cert_id]
            name: str | None = catalog.certifications[cert_id].name
            expires, status = found.expires, found.said(catalog)
        else:
            name, expires, status = None, stated, "not-in-catalog"
        earned.append({"id": cert_id, "name": name,
                       "earned": date_text(day, month=cert_id in p.earned_months),
                       "expires": date_text(expires, month=cert_id in p.expires_months
                                             and stated is not None),
                       "expiry_from": None if expires is None else "credential" if stated
                       else "catalog",
                       "status": status})
    role = None
    if p.role is not None:
        role = {"id": p.role, "name": catalog.roles[p.role].name if p.role in catalog.roles
                else None}
    return document(file=file, role=role, hours_per_week=p.hours_per_week, earned=earned)


def next_document(catalog: Catalog, cert_id: str, suggestions: Sequence[NextSuggestion],
                  leads_to: Sequence[str]) -> Doc:
    """Return the ``next --json`` document."""
    cert = catalog.certifications[cert_id]
    return document(certification=ref(cert),
                    next=[next_item(s) for s in suggestions],
                    leads_to=[ref(catalog.certifications[c]) for c in leads_to],
                    retired_on=_day(cert.retired_on), replaced_by=cert.replaced_by,
                    renews=renewed_by_earning(catalog, cert_id))


def renewed_by_earning(catalog: Catalog, cert_id: str) -> list[str]:
    """Return the certifications that earning ``cert_id`` renews (catalog order)."""
    return [cid for cid, other in catalog.certifications.items()
            if any(r.kind == "certification" and cert_id in r.any_of for r in other.renewal)]


def _member(catalog: Catalog, m: MemberPlan) -> Doc:
    s = m.schedule
    role = m.member.role
    return {
        "name": m.member.name,
        "role": ref(catalog.roles[role]) if role else None,
        "target": ref(catalog.certifications[m.target]) if m.target else None,
        "target_reading": member_target_reading(catalog, m.member),
        "have": list(m.member.have),
        "hours_per_week": m.member.hours_per_week,
        "path": [w.cert for w in s.windows] if s else [],
        "hours": s.total_hours if s else None,
        "hours_estimate": s.hours_estimate if s else False,
        "weeks": s.weeks if s else None,
        "finish": _day(s.finish) if s else None,
        "problem": m.problem,
    }


def team(catalog: Catalog, t: TeamPlan) -> Doc:
    """Return the ``team --json`` document."""
    return document(
        team=t.team.name,
        file=t.team.source,
        start=_day(t.start),
        members=[_member(catalog, m) for m in t.members],
        totals={"hours": t.total_hours, "hours_estimate": t.hours_estimate,
                "ready": _day(t.ready), "members": len(t.members),
                "without_path": len(t.without_path), "fees": t.exam_fees(catalog).as_json()},
        demand=[{**ref(catalog.certifications[cid]), "count": len(names), "members": list(names)}
                for cid, names in t.demand],
        institutions=[{**ref(catalog.institutions[iid]), "needs_covered": n,
                       "certifications": list(certs),
                       "reading": coverage_reading(catalog.institutions[iid], certs)}
                      for iid, n, certs in t.institutions],
        without_path=[{"name": m.member.name, "reason": m.problem} for m in t.without_path],
    )
