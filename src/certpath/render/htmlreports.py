"""The web-page reports of ``plan``, ``team`` and ``graph`` (see ``render.html`` for the page)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from certpath.fees import certification_fees
from certpath.render.html import data_block, dated, facts, page, table, text
from certpath.render.planviews import member_target, phase_mark
from certpath.render.provenance import LEGEND as READING_LEGEND
from certpath.render.provenance import READING
from certpath.render.sanitiser import line
from certpath.render.teamviews import COUNT_HEADINGS, LEGEND, budget_rows, cell_text, count_note
from certpath.render.views import hours_text
from certpath.teamgoals import describe

if TYPE_CHECKING:  # for annotations only
    from certpath.budget import Budget
    from certpath.catalog import Catalog
    from certpath.coverage import Coverage, GoalResult
    from certpath.picture import Picture
    from certpath.schedule import Schedule
    from certpath.team import TeamPlan

_LABEL_W, _CHART_W, _ROW_H, _TOP = 230, 640, 24, 34
_GOAL_TEXT = {"met": "met", "planned": "met by the plan", "not-met": "not met"}


@dataclass(frozen=True)
class Bar:
    """One bar of a timeline: a label, its dates, and whether it is a certification or a phase."""

    label: str
    start: dt.date
    end: dt.date
    kind: str  # "cert" or "phase"
    estimate: bool = False
    exam: bool = False  # mark the last day as an exam


def gantt(bars: Sequence[Bar], *, today: dt.date, title: str) -> str:
    """Return a timeline as SVG: a row per bar, month ticks, exams marked, and today's line."""
    if not bars:
        return ""
    first = min(b.start for b in bars)
    last = max(b.end for b in bars) + dt.timedelta(days=1)
    days = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return _LABEL_W + (day - first).days / days * _CHART_W

    height = _TOP + len(bars) * _ROW_H + 10
    out = [f'<svg class="gantt" xmlns="http://www.w3.org/2000/svg" role="img" '
           f'viewBox="0 0 {_LABEL_W + _CHART_W + 20} {height}" width="{_LABEL_W + _CHART_W + 20}" '
           f'height="{height}"><title>{text(title)}</title>']
    month = dt.date(first.year, first.month, 1)
    while month < last:
        if month >= first:
            out.append(f'<line class="axis" x1="{x(month):.1f}" y1="{_TOP - 8}" x2="{x(month):.1f}" '
                       f'y2="{height - 6}"/><text class="tick" x="{x(month) + 3:.1f}" '
                       f'y="{_TOP - 12}">{month:%b %Y}</text>')
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    for row, bar in enumerate(bars):
        y = _TOP + row * _ROW_H
        indent = 14 if bar.kind == "phase" else 0
        label = bar.label if len(bar.label) <= 34 - indent // 7 else bar.label[:32] + "\u2026"
        width = max(x(bar.end + dt.timedelta(days=1)) - x(bar.start), 2)
        klass = f"bar {bar.kind}" + (" estimate" if bar.estimate else "")
        note = " (estimate)" if bar.estimate else ""
        out.append(f'<g><title>{text(bar.label)}: {bar.start} to {bar.end}{note}</title>'
                   f'<text x="{4 + indent}" y="{y + 16}">{text(label)}</text>'
                   f'<rect class="{klass}" x="{x(bar.start):.1f}" y="{y + 4}" width="{width:.1f}" '
                   f'height="{_ROW_H - 8}" rx="3"/></g>')
        if bar.exam:
            cx, cy = x(bar.end + dt.timedelta(days=1)), y + _ROW_H / 2
            out.append(f'<path class="exam" d="M{cx:.1f},{cy - 6:.1f} l6,6 l-6,6 l-6,-6 z">'
                       f"<title>Exam target {bar.end}</title></path>")
    if first <= today <= last:
        out.append(f'<line class="today" x1="{x(today):.1f}" y1="{_TOP - 6}" x2="{x(today):.1f}" '
                   f'y2="{height - 4}"/><text class="today" x="{x(today) + 4:.1f}" '
                   f'y="{height - 6}">today</text>')
    out.append("</svg>")
    return "".join(out)


def _today_note(bars: Sequence[Bar], today: dt.date) -> str:
    if not bars:
        return ""
    first, last = min(b.start for b in bars), max(b.end for b in bars)
    if today < first:
        return f'<p class="muted">Today ({today}) is before the timeline starts.</p>'
    if today > last:
        return f'<p class="muted">Today ({today}) is after the timeline ends.</p>'
    return f'<p class="muted">The dashed line is today ({today}); a diamond marks an exam target.</p>'


def schedule_bars(catalog: Catalog, schedule: Schedule) -> list[Bar]:
    """Return a bar per certification window and, under it, one per phase of its preparation plan."""
    bars: list[Bar] = []
    for w in schedule.windows:
        bars.append(Bar(catalog.certifications[w.cert].name, w.start, w.exam, "cert", w.estimate,
                        exam=True))
        if w.plan is not None:  # without a plan, the one phase is the window itself
            bars.extend(Bar(p.name, p.start, p.end, "phase", p.estimate) for p in w.phases)
    return bars


def plan_page(catalog: Catalog, schedule: Schedule, *, today: dt.date) -> str:
    """Return the plan as a web page: totals, a timeline, and the windows as a table."""
    target = catalog.certifications[schedule.path.target].name
    bars = schedule_bars(catalog, schedule)
    body = [f"<h1>Study plan for {text(target)}</h1>",
            facts([("Start", schedule.start), ("Pace", schedule.pace),
                   ("Study hours", hours_text(schedule.total_hours, schedule.hours_estimate)),
                   ("Exam fees", certification_fees(
                       catalog, [w.cert for w in schedule.windows]).describe()),
                   ("Weeks", schedule.weeks), ("Finish", schedule.finish)]),
            '<section><h2>Timeline</h2><div class="gantt-box">',
            gantt(bars, today=today, title=f"Plan for {target}"), "</div>",
            _today_note(bars, today), "</section>"]
    rows = [(catalog.certifications[w.cert].name + ("" if w.required else " (recommended)"),
             f"{w.start} to {w.exam}" + (" (estimate)" if w.estimate else ""), w.exam,
             hours_text(w.hours, w.hours_estimate)) for w in schedule.windows]
    body += ["<section><h2>Certifications</h2>",
             table(("Certification", "Study", "Exam target", "Hours"), rows, nowrap=(2, 3)) if rows
             else
             "<p>Nothing left to take.</p>", "</section>"]
    phases = [(catalog.certifications[w.cert].name, p.name,
               f"{p.start} to {p.end}" + phase_mark(p), " ".join(p.activities) or "-")
              for w in schedule.windows if w.plan for p in w.phases]
    if phases:
        body += ["<section><h2>Phases of the preparation plans</h2>",
                 table(("Certification", "Phase", "Dates", "Activities"), phases, css="phases"),
                 *([f'<p class="muted">{text(READING_LEGEND)}</p>'] if any(
                     p.reading for w in schedule.windows for p in w.phases) else []),
                 "</section>"]
    if schedule.renewals:
        body += ["<section><h2>Renewals</h2>", table(("Certification", "Earned", "Expires"), [
            (catalog.certifications[r.cert].name, r.earned, r.expires) for r in schedule.renewals],
            nowrap=(1, 2)), "</section>"]
    if schedule.notes:
        body += ["<section><h2>Notes</h2><ul>", *(f"<li>{text(n)}</li>" for n in schedule.notes),
                 "</ul></section>"]
    return page(f"certpath: plan for {target}", body, generated=today)


def heatmap(catalog: Catalog, cov: Coverage) -> str:
    """Return the coverage matrix as a coloured table: certifications by members."""
    if not cov.certs:
        return "<p>No one holds or plans any certification yet.</p>"
    head = "".join(f"<th>{text(n)}</th>" for n in cov.members)
    rows = []
    for i, cert in enumerate(cov.certs):
        cells = "".join(f'<td class="cell {row[i].status}" title="{text(cov.members[m])}: '
                        f'{text(cell_text(row[i]))}">{_cell_html(cell_text(row[i]))}</td>'
                        for m, row in enumerate(cov.cells))
        rows.append(f"<tr><th>{text(catalog.certifications[cert].name)}</th>{cells}"
                    f'<td class="num">{cov.valid_today[i]}</td>'
                    f'<td class="num">{cov.valid_at_ready[i]}</td></tr>')
    legend = "".join(f'<li><span class="{status}"></span>{text(word)}: {text(meaning)}</li>'
                     for status, (word, meaning) in zip(
                         ("valid", "expiring", "expired", "unknown", "planned", "none"), LEGEND,
                         strict=True))
    return (f'<div class="scroll"><table class="heatmap"><thead><tr><th>Certification</th>{head}'
            f'<th class="num">{COUNT_HEADINGS[0]}</th><th class="num">{COUNT_HEADINGS[1]}</th>'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
            f'<p class="muted">{text(count_note(cov))}</p>'
            f'<ul class="legend">{legend}</ul>')


def _cell_html(words: str) -> str:
    """Keep a cell's date on one line: "plan 2025-03-09" wraps only before the date."""
    head, _, day = words.rpartition(" ")
    if head and day[:1].isdigit():
        return f'{text(head)} <span class="d">{text(day)}</span>'
    return text(words)


def budget_html(catalog: Catalog, budget: Budget) -> str:
    """Return the budget section: a table per quarter and the fees not known."""
    rate = f" at {budget.rate.currency} {budget.rate.amount:g} an hour" if budget.rate else ""
    out = [f"<section><h2>Budget from {dated(budget.start)} to {dated(budget.end)}</h2>",
           table(("Quarter", "Exams", "Renewals", f"Study time{rate}", "Total"),
                 budget_rows(budget), css="budget")]
    if budget.unknown:
        items = "".join(f"<li>{text(c.member)}: {text(catalog.certifications[c.cert].name)} "
                        f"{text(c.kind)}, {c.day}</li>" for c in budget.unknown)
        out.append(f'<p class="unknown-fee">Fees the catalog does not give '
                   f"({len(budget.unknown)}, counted as unknown, not as zero):</p><ul>{items}</ul>")
    out.append('<p class="muted">Currencies are never converted; amounts come from the '
               "catalog.</p></section>")
    return "".join(out)


def team_page(catalog: Catalog, plan: TeamPlan, cov: Coverage, goals: Sequence[GoalResult],
              budget: Budget, *, today: dt.date) -> str:
    """Return the team report: totals, goals, coverage heatmap, a timeline per member, budget."""
    name = plan.team.name or "Team"
    body = [f"<h1>{text(name)}: upskilling plan</h1>",
            facts([("Members", len(plan.members)), ("Start", plan.start),
                   ("Study hours", hours_text(plan.total_hours, plan.hours_estimate)),
                   ("Exam fees", plan.exam_fees(catalog).describe()),
                   ("Everyone ready by", plan.ready or "-")])]
    if goals:
        rows = "".join(
            f'<tr><td>{dated(describe(catalog, r.goal))}</td><td data-label="Status">'
            f'<span class="badge {r.status}">{text(_GOAL_TEXT[r.status])}</span>'
            f'{f" on <span class=d>{r.on}</span>" if r.on else ""}</td>'
            f'<td data-label="Why">{dated("; ".join(r.reasons) or "-")}</td></tr>' for r in goals)
        body += ['<section><h2>Goals</h2><div class="scroll"><table class="rows goals"><thead><tr>'
                 f"<th>Goal</th><th>Status</th><th>Why</th></tr></thead><tbody>{rows}</tbody>"
                 "</table></div></section>"]
    body += [f"<section><h2>Coverage on {dated(cov.today)}</h2>", heatmap(catalog, cov), "</section>"]
    bars = [Bar(f"{m.member.name}: {catalog.certifications[w.cert].name}", w.start, w.exam, "cert",
                w.estimate, exam=True) for m in plan.members if m.schedule for w in m.schedule.windows]
    if bars:
        body += ['<section><h2>Timeline</h2><div class="gantt-box">',
                 gantt(bars, today=today, title=f"{name} timeline"), "</div>",
                 _today_note(bars, today), "</section>"]
    rows_m = [(m.member.name, catalog.roles[m.member.role].name if m.member.role else "-",
               member_target(catalog, m),
               ", ".join(catalog.certifications[w.cert].name for w in m.schedule.windows)
               if m.schedule and m.schedule.windows else ("nothing left" if m.schedule
                                                          else m.problem or "-"),
               hours_text(m.schedule.total_hours, m.schedule.hours_estimate) if m.schedule else "-",
               m.schedule.finish if m.schedule else "-") for m in plan.members]
    body += ["<section><h2>Members</h2>",
             table(("Member", "Role", "Target", "Remaining path", "Hours", "Finish"), rows_m,
                   nowrap=(5,)),
             *([f'<p class="muted">{text(READING_LEGEND)}</p>'] if any(
                 str(row[2]).endswith(READING) for row in rows_m) else []),
             "</section>"]
    body.append(budget_html(catalog, budget))
    return page(f"certpath: {name}", body, generated=today)


def graph_page(catalog: Catalog, picture: Picture, svg: str, *, today: dt.date) -> str:
    """Return the prerequisite graph as a page: certpath's SVG; a click shows a node's details."""
    details = {n.id: {"name": line(n.name), "rows": _cert_rows(catalog, n.id, n.held)}
               for n in picture.nodes}
    title = (f"What {picture.node(picture.target).name} needs" if picture.target
             else "Certification paths")
    inline = svg.split("?>", 1)[1] if svg.startswith("<?xml") else svg
    body = [f"<h1>{text(title)}</h1>",
            '<p class="muted noprint">Click or tap a certification for its details. Prerequisites '
            "are on the left; dashed lines are recommended, not required.</p>",
            f'<div class="graph">{inline}</div>',
            '<section id="details" class="card" hidden><p>Select a certification.</p></section>',
            data_block(details)]
    return page(f"certpath: {title}", body, generated=today)


def _cert_rows(catalog: Catalog, cert_id: str, held: bool) -> list[list[str]]:
    cert = catalog.certifications[cert_id]
    rows = [["Id", cert.id], ["Track", catalog.tracks[cert.track].name]]
    if cert.level:
        rows.append(["Level", catalog.levels[cert.level].name])
    if cert.effort is not None:
        rows.append(["Study effort", hours_text(cert.effort.hours, cert.effort.estimate)])
    if cert.validity_months:
        rows.append(["Valid for", f"{cert.validity_months} months"])
    needs = [", ".join(catalog.certifications[o].name for o in r.options) +
             (" (recommended)" if r.recommended else "") for r in catalog.requirements(cert_id)]
    if needs:
        rows.append(["Needs", "; ".join(needs)])
    for label, value in (("For", cert.audience), ("About", cert.description),
                         ("Knowledge first", ", ".join(cert.prerequisites))):
        if value:
            rows.append([label, value])
    if held:
        rows.append(["Held", "yes"])
    return [[line(a), line(b)] for a, b in rows]
