"""Markdown documents a person can share: a study plan or a team plan (a table plus a checklist)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from certpath.catalog import Catalog
from certpath.provenance import coverage_reading
from certpath.render.planviews import member_target
from certpath.render.provenance import LEGEND, READING
from certpath.render.sanitiser import markdown as inline
from certpath.render.views import hours_text
from certpath.schedule import Schedule, Window
from certpath.team import TeamPlan
from certpath.teamgoals import describe

if TYPE_CHECKING:  # for annotations only
    from certpath.budget import Budget
    from certpath.coverage import Coverage, GoalResult


def _table(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines.extend("| " + " | ".join(inline(c) for c in row) + " |" for row in rows)
    return lines


def plan_markdown(catalog: Catalog, schedule: Schedule) -> str:
    """Return a study plan as Markdown: summary, schedule table, checklist, notes."""
    target = catalog.certifications[schedule.path.target].name
    lines = [f"# Study plan: {inline(target)}", "",
             f"- Start: {schedule.start.isoformat()}",
             f"- Pace: {schedule.pace}"
             + (f", {schedule.hours_per_week:g} hours a week" if schedule.hours_per_week else ""),
             f"- Study hours: {hours_text(schedule.total_hours, schedule.hours_estimate)}",
             f"- Exam fees: {_fees(catalog, [w.cert for w in schedule.windows])}",
             f"- Weeks: {schedule.weeks}",
             f"- Finish: {schedule.finish.isoformat()}", ""]
    if schedule.windows:
        lines += _table(("Certification", "Study", "Exam target", "Hours", "Plan"), [
            (_step_name(catalog, w), _dates(w.start, w.exam, estimate=w.estimate),
             w.exam.isoformat(), hours_text(w.hours, w.hours_estimate),
             w.plan.name if w.plan else "from study effort (estimate)") for w in schedule.windows])
        lines += ["", "## Checklist", ""]
        for w in schedule.windows:
            name = inline(catalog.certifications[w.cert].name)
            for phase in w.phases:
                lines.append(f"- [ ] {_dates(phase.start, phase.end, estimate=phase.estimate)}"
                             f"{READING if phase.reading else ''}: {name}: {inline(phase.name)}")
                lines.extend(f"  - [ ] {inline(a)}" for a in phase.activities)
            lines.append(f"- [ ] {w.exam.isoformat()}: take the {name} exam"
                         + ("" if w.required else " (recommended)"))
    else:
        lines.append("Nothing left to take.")
    if schedule.renewals:
        lines += ["", "## Renewals", ""]
        lines += [f"- [ ] {r.expires.isoformat()}: renew "
                  f"{inline(catalog.certifications[r.cert].name)}" for r in schedule.renewals]
    if schedule.notes:
        lines += ["", "## Notes", ""]
        lines += [f"- {inline(n)}" for n in schedule.notes]
    if any(p.reading for w in schedule.windows for p in w.phases):
        lines += ["", inline(LEGEND)]
    return "\n".join(lines) + "\n"


def _step_name(catalog: Catalog, window: Window) -> str:
    """Name a step, saying "(recommended)" when no requirement makes it necessary."""
    name = catalog.certifications[window.cert].name
    return name if window.required else f"{name} (recommended)"


def _dates(start: dt.date, end: dt.date, *, estimate: bool) -> str:
    """Write a span of dates, saying "(estimate)" when its length is estimated, not planned."""
    return f"{start.isoformat()} to {end.isoformat()}" + (" (estimate)" if estimate else "")


def team_markdown(catalog: Catalog, plan: TeamPlan, goals: Sequence[GoalResult] = (), *,
                  cov: Coverage | None = None, budget: Budget | None = None) -> str:
    """Return a team plan as Markdown: members, totals, goals, coverage, budget, shared needs
    and institutions."""
    certs = catalog.certifications
    title = f"# Team plan: {inline(plan.team.name)}" if plan.team.name else "# Team plan"
    lines = [title, "", f"- Start: {plan.start.isoformat()}",
             f"- Study hours: {hours_text(plan.total_hours, plan.hours_estimate)}",
             f"- Exam fees: {inline(plan.exam_fees(catalog).describe())}",
             f"- Everyone ready by: {plan.ready.isoformat() if plan.ready else '-'}", ""]
    lines += _table(("Member", "Target", "Remaining path", "Hours", "Finish"), [
        (m.member.name, member_target(catalog, m),
         ", ".join(certs[w.cert].name for w in m.schedule.windows) or "nothing left"
         if m.schedule else m.problem or "-",
         hours_text(m.schedule.total_hours, m.schedule.hours_estimate) if m.schedule else "-",
         m.schedule.finish.isoformat() if m.schedule else "-") for m in plan.members])
    if any(member_target(catalog, m).endswith(READING) for m in plan.members):
        lines += ["", inline(LEGEND)]
    if goals:
        state = {"met": "met", "planned": "met by the plan", "not-met": "NOT MET"}
        lines += ["", "## Goals", ""]
        lines += _table(("Goal", "Status", "Why"), [
            (describe(catalog, r.goal), state[r.status] + (f" on {r.on}" if r.on else ""),
             "; ".join(r.reasons) or "-") for r in goals])
    if cov is not None:
        lines += _coverage(catalog, cov)
    if budget is not None:
        lines += _budget(catalog, budget)
    if plan.demand:
        lines += ["", "## Certifications needed", ""]
        lines += _table(("Certification", "People", "Members"), [
            (certs[cid].name, len(names), ", ".join(names)) for cid, names in plan.demand])
    if plan.institutions:
        lines += ["", "## Institutions", ""]
        lines += _table(("Institution", "Needs covered", "Certifications"), [
            (catalog.institutions[iid].name
             + (" (certpath's reading)" if coverage_reading(catalog.institutions[iid], cs) else ""),
             n, ", ".join(certs[c].name for c in cs))
            for iid, n, cs in plan.institutions])
        if any(coverage_reading(catalog.institutions[iid], cs) for iid, _, cs in plan.institutions):
            lines += ["", "certpath's reading: the catalog's source does not say what each "
                          "institution trains for."]
    if plan.without_path:
        lines += ["", "## No path", ""]
        lines += [f"- {inline(m.member.name)}: {inline(m.problem)}" for m in plan.without_path]
    lines += ["", "## Checklist", ""]
    for m in plan.members:
        for w in m.schedule.windows if m.schedule else ():
            lines.append(f"- [ ] {inline(m.member.name)}: {inline(certs[w.cert].name)} "
                         f"by {w.exam.isoformat()}")
    return "\n".join(lines) + "\n"


def _coverage(catalog: Catalog, cov: Coverage) -> list[str]:
    """The coverage matrix (certifications by members), its two counts and its legend."""
    from certpath.render.teamviews import COUNT_HEADINGS, LEGEND, cell_text, count_note

    lines = ["", f"## Coverage on {cov.today.isoformat()}", ""]
    if not cov.certs:
        return [*lines, "No one holds or plans any certification yet."]
    lines += _table(("Certification", *(inline(m) for m in cov.members), *COUNT_HEADINGS), [
        (catalog.certifications[cert].name, *(cell_text(row[i]) for row in cov.cells),
         cov.valid_today[i], cov.valid_at_ready[i]) for i, cert in enumerate(cov.certs)])
    return [*lines, "", inline(count_note(cov)), "",
            "Legend: " + "; ".join(f"{inline(w)}: {inline(m)}" for w, m in LEGEND) + "."]


def _budget(catalog: Catalog, budget: Budget) -> list[str]:
    """The budget per quarter and in total, per currency, and the fees the catalog does not give."""
    from certpath.render.teamviews import budget_rows

    rate = f" at {budget.rate.currency} {budget.rate.amount:g} an hour" if budget.rate else ""
    lines = ["", f"## Budget from {budget.start.isoformat()} to {budget.end.isoformat()}", ""]
    lines += _table(("Quarter", "Exams", "Renewals", f"Study time{rate}", "Total"),
                    budget_rows(budget))
    if budget.unknown:
        lines += ["", f"Fees the catalog does not give ({len(budget.unknown)}, counted as unknown, "
                      "not as zero):", ""]
        lines += [f"- {inline(c.member)}: {inline(catalog.certifications[c.cert].name)} {c.kind} "
                  f"{c.day.isoformat()}" for c in budget.unknown]
    return [*lines, "", "Currencies are never converted; amounts come from the catalog."]


def _fees(catalog: Catalog, cert_ids: Sequence[str]) -> str:
    """Say the exam fees of ``cert_ids`` per currency, escaped for Markdown."""
    from certpath.fees import certification_fees
    return inline(certification_fees(catalog, cert_ids).describe())
