"""Human views of schedules, the profile, team plans and ``next`` (as blocks; see ``blocks``)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from certpath.fees import certification_fees
from certpath.holdings import date_text
from certpath.provenance import coverage_reading, member_target_reading
from certpath.render.blocks import View, joined, sentences
from certpath.render.provenance import READING, legend
from certpath.render.views import held_text, hours_text, next_view
from certpath.validity import standings

if TYPE_CHECKING:  # types only: importing them would slow every command's start-up
    from certpath.catalog import Catalog
    from certpath.profile import Profile
    from certpath.recommend import NextSuggestion
    from certpath.schedule import PhaseWindow, Renewal, Schedule

if TYPE_CHECKING:  # team plans are loaded only by the team command
    from certpath.team import MemberPlan, TeamPlan

_STATUS = {"valid": "valid", "no-expiry-stated": "no expiry stated", "expiring": "EXPIRES SOON",
           "expired": "EXPIRED", "unknown": "unknown (no date earned)"}


def timeline_rows(start: dt.date, spans: Sequence[tuple[dt.date, dt.date]]
                  ) -> tuple[list[tuple[int, int]], int]:
    """Return each span's first and last week (from 0) after ``start``, and the weeks in all."""
    if not spans:
        return [], 0
    weeks = max(1, math.ceil(((max(end for _, end in spans) - start).days + 1) / 7))
    return [((a - start).days // 7, (b - start).days // 7) for a, b in spans], weeks


def plan_view(catalog: Catalog, schedule: Schedule) -> View:
    """A schedule: the timeline, each certification's phases, the totals and the notes."""
    view = View()
    target = catalog.certifications[schedule.path.target]
    view.heading(f"Study plan for {target.name}")
    view.fields([
        ("Held", held_text(catalog, schedule.path)),
        ("Start", schedule.start.isoformat()),
        ("Pace", schedule.pace),
        ("Hours per week", f"{schedule.hours_per_week:g}" if schedule.hours_per_week else
         "not given: the pace decides"),
    ])
    for note in schedule.notes:
        view.para(note, "yellow")
    if schedule.windows:
        names = [catalog.certifications[w.cert].name for w in schedule.windows]
        view.table(("Certification", "Study", "Exam target", "Hours"), [
            (name + ("" if w.required else " (recommended)"),
             f"{w.start.isoformat()} to {w.exam.isoformat()}" + (" (estimate)" if w.estimate
                                                                  else ""),
             w.exam.isoformat(), hours_text(w.hours, w.hours_estimate))
            for name, w in zip(names, schedule.windows, strict=True)],
            styles=("bold", "", "cyan", ""))
        weeks, count = timeline_rows(schedule.start, [(w.start, w.exam) for w in schedule.windows])
        view.timeline([(name, a, b) for name, (a, b) in zip(names, weeks, strict=True)], count)
        unplanned = [catalog.certifications[w.cert].name for w in schedule.windows if not w.plan]
        if unplanned:  # their one phase would repeat the window's dates, shown above
            view.para(f"{joined(unplanned)}: no preparation plan in the catalog; "
                      f"{'its window comes' if len(unplanned) == 1 else 'their windows come'} "
                      "from the study effort.", "dim")
        for w in schedule.windows:
            if not w.plan:
                continue
            view.heading(f"{catalog.certifications[w.cert].name}: {w.plan.name}", 2)
            view.table(("Dates", "Phase", "Activities"), [
                (f"{p.start.isoformat()} to {p.end.isoformat()}" + phase_mark(p),
                 p.name, sentences(p.activities) or "-") for p in w.phases])
    view.heading("Totals", 2)
    fees = certification_fees(catalog, [w.cert for w in schedule.windows])
    view.fields([("Study hours", hours_text(schedule.total_hours, schedule.hours_estimate)),
                 ("Exam fees", fees.describe() if fees.amounts else
                  ("not in the catalog" if fees.unknown else "none")),
                 ("Weeks", str(schedule.weeks)), ("Finish", schedule.finish.isoformat())])
    view.bullets([_renewal_line(catalog, r) for r in schedule.renewals], heading="Renewals")
    return legend(view)


def member_target(catalog: Catalog, m: MemberPlan) -> str:
    """Name a member's target, labelled when it is their role's inferred target."""
    if m.target is None:
        return "-"
    name = catalog.certifications[m.target].name
    return name + (READING if member_target_reading(catalog, m.member) else "")


def phase_mark(phase: PhaseWindow) -> str:
    """Return the label of a dated phase: its days are an estimate, a reading, or the source's."""
    if phase.estimate:
        return " (estimate)"
    return READING if phase.reading else ""


def _renewal_line(catalog: Catalog, r: Renewal) -> str:
    text = f"{catalog.certifications[r.cert].name}: expires {r.expires.isoformat()}"
    text += " (once earned as planned)" if r.planned else ""
    if r.renewed_by is not None:
        return text + f"; renewed by earning {catalog.certifications[r.renewed_by].name} on this plan"
    if r.route is not None:
        text += f"; cheapest renewal: {r.route.describe(catalog)}"
    return text


def profile_view(catalog: Catalog, profile: Profile, *, file: str, today: dt.date) -> View:
    """The profile: role, hours a week, and each certification earned with its validity."""
    view = View()
    view.heading("Profile")
    role = profile.role
    view.fields([("File", file),
                 ("Role", (catalog.roles[role].name if role in catalog.roles else f"{role} "
                           "(not in the catalog)") if role else "not set"),
                 ("Hours per week", f"{profile.hours_per_week:g}" if profile.hours_per_week
                  else "not set")])
    rows = []
    held = standings(catalog, profile.earned, today, stated=profile.expires)
    for cert_id, day in profile.earned.items():
        earned = date_text(day, month=cert_id in profile.earned_months) or "-"
        stated = profile.expires.get(cert_id)
        if cert_id not in catalog.certifications:
            rows.append((cert_id, earned, "-", "not in the catalog"))
            continue
        found = held[cert_id]
        ends = date_text(found.expires, month=cert_id in profile.expires_months) or "-"
        rows.append((catalog.certifications[cert_id].name, earned,
                     f"{ends} (credential)" if stated else ends, _STATUS[found.said(catalog)]))
    if rows:
        view.table(("Certification", "Earned", "Expires", "Status"), rows,
                   styles=("bold", "", "", "yellow"))
    else:
        view.para("No certifications recorded yet: 'certpath profile earn CERT' adds one.")
    return view


def next_cert_view(catalog: Catalog, cert_id: str, suggestions: Sequence[NextSuggestion],
                   leads_to: Sequence[str]) -> View:
    """What comes after a certification: the catalog's advice and what lists it as a prerequisite."""
    view = View()
    cert = catalog.certifications[cert_id]
    view.heading(f"After {cert.name}")
    if cert.retired_on is not None:
        from certpath.pathnotes import retired_note
        view.para(retired_note(catalog, cert_id), "yellow")
    if not suggestions:
        view.para("The catalog names nothing to take after it, and nothing builds on it.")
    next_view(catalog, suggestions, view)
    direct = {c for s in suggestions if s.source == "leads_to" for c in s.certifications}
    view.bullets([catalog.certifications[c].name for c in leads_to if c not in direct],
                 heading="Further on (builds on those)")
    from certpath.render.plandocs import renewed_by_earning
    view.bullets([catalog.certifications[c].name for c in renewed_by_earning(catalog, cert_id)],
                 heading="Earning it also renews")
    return view


def team_view(catalog: Catalog, plan: TeamPlan) -> View:
    """A team plan: members, totals, shared needs, institutions, and who has no path."""
    view = View()
    view.heading(f"Team plan{': ' + plan.team.name if plan.team.name else ''}")
    rows = []
    for m in plan.members:
        s = m.schedule
        rows.append((m.member.name,
                     catalog.roles[m.member.role].name if m.member.role else "-",
                     member_target(catalog, m),
                     joined(catalog.certifications[w.cert].name for w in s.windows)
                     if s and s.windows else ("nothing left" if s else m.problem or "-"),
                     hours_text(s.total_hours, s.hours_estimate) if s else "-",
                     f"{m.member.hours_per_week:g}" if m.member.hours_per_week else "-",
                     s.finish.isoformat() if s else "-"))
    view.table(("Member", "Role", "Target", "Remaining path", "Hours", "Hours/week", "Finish"),
               rows, styles=("bold", "", "cyan", "", "", "", "green"))
    view.heading("Totals", 2)
    view.fields([("Start", plan.start.isoformat()),
                 ("Study hours", hours_text(plan.total_hours, plan.hours_estimate)),
                 ("Exam fees", plan.exam_fees(catalog).describe()),
                 ("Everyone ready by", plan.ready.isoformat() if plan.ready else "-")])
    if plan.demand:
        view.heading("Certifications needed (group training pays where many need one)", 2)
        view.table(("Certification", "People", "Members"), [
            (catalog.certifications[cid].name, str(len(names)), joined(names))
            for cid, names in plan.demand], styles=("bold", "cyan", ""))
    if plan.institutions:
        view.heading("Institutions by the team's needs they cover", 2)
        view.table(("Institution", "Needs covered", "Certifications"), [
            (catalog.institutions[iid].name
             + (READING if coverage_reading(catalog.institutions[iid], certs) else ""), str(n),
             joined(catalog.certifications[c].name for c in certs))
            for iid, n, certs in plan.institutions], styles=("bold", "cyan", ""))
    view.bullets([f"{m.member.name}: {m.problem}" for m in plan.without_path],
                 heading="No path")
    return legend(view)
