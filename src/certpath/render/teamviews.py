"""Team coverage and goals: as blocks for the terminal, as JSON, and the coverage matrix as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from certpath.render.blocks import View
from certpath.render.jsondoc import Doc, ref
from certpath.render.sanitiser import line
from certpath.teamgoals import describe

if TYPE_CHECKING:  # for annotations only
    from certpath.budget import Budget
    from certpath.catalog import Catalog
    from certpath.coverage import Cell, Coverage, GoalResult
    from certpath.fees import FeeTotal
    from certpath.team import TeamPlan

LEGEND = (("valid", "held and valid (with no date: the catalog states no expiry)"),
          ("expires", "valid, but expires within 90 days"),
          ("EXPIRED", "held, no longer valid"), ("held, no date", "held, but with no date "
                                                 "earned, so when it expires is unknown"),
          ("plan", "on the member's plan, with its exam date"), ("-", "none"))
_STYLES = (("valid", "green"), ("expires", "yellow"), ("EXPIRED", "bold red"), ("plan", "cyan"),
           ("held", "magenta"))
_GOAL = {"met": "met", "planned": "met by the plan", "not-met": "NOT MET"}


def cell_text(cell: Cell) -> str:
    """Say a coverage cell in a few words (the same on a terminal, piped, and in CSV)."""
    if cell.status == "valid":
        return f"valid to {cell.expires}" if cell.expires else "valid"
    if cell.status == "expiring":
        return f"expires {cell.expires}"
    if cell.status == "expired":
        return f"EXPIRED {cell.expires}"
    if cell.status == "unknown":
        return "held, no date"
    if cell.status == "planned":
        return f"plan {cell.planned}"
    return "-"


def coverage_view(catalog: Catalog, cov: Coverage, view: View) -> None:
    """Add the coverage matrix (certifications by members) and its legend to a view."""
    view.heading(f"Coverage on {cov.today}", 2)
    if not cov.certs:
        view.para("No one holds or plans any certification yet.")
        return
    rows = [(catalog.certifications[cert].name, *(cell_text(row[i]) for row in cov.cells),
             str(cov.valid_today[i]), str(cov.valid_at_ready[i])) for i, cert in enumerate(cov.certs)]
    view.table(("Certification", *cov.members, *COUNT_HEADINGS), rows,
               styles=("bold",) + ("",) * len(cov.members) + ("cyan", "green"),
               cell_styles=_STYLES)
    view.para(count_note(cov), style="dim")
    view.para("Legend: " + "; ".join(f"{word}: {meaning}" for word, meaning in LEGEND) + ".",
              style="dim")


COUNT_HEADINGS = ("Valid today", "Valid at ready")
"""The headings of the matrix's two counts; ``count_note`` says which day each one is."""


def count_note(cov: Coverage) -> str:
    """Say which day each count of the matrix is, and what it counts."""
    today = (f"Valid today: valid holders on {cov.today}, from the holdings alone (an exam the "
             "plan dates before today counts once the team file records it)")
    if cov.ready is None:
        return today + ". Valid at ready: no member has a plan, so today's count again."
    return today + (f". Valid at ready: on the team's ready date, {cov.ready}, counting the "
                    "plan's exams.")


def goals_view(catalog: Catalog, results: Sequence[GoalResult], view: View) -> None:
    """Add the goals and how each stands to a view."""
    if not results:
        return
    view.heading("Goals", 2)
    rows = []
    for r in results:
        state = _GOAL[r.status] + (f" on {r.on}" if r.on else "")
        rows.append((describe(catalog, r.goal), state, "; ".join(r.reasons) or "-"))
    view.table(("Goal", "Status", "Why"), rows, styles=("bold", "", ""),
               cell_styles=(("met", "green"), ("NOT", "bold red")))


def coverage_document(catalog: Catalog, cov: Coverage) -> Doc:
    """Return the coverage part of ``team --json``."""
    return {
        "today": str(cov.today), "ready": str(cov.ready) if cov.ready else None,
        "certifications": [{**ref(catalog.certifications[c]), "valid_today": cov.valid_today[i],
                            "valid_at_ready": cov.valid_at_ready[i]}
                           for i, c in enumerate(cov.certs)],
        "members": [{"name": name, "cells": [
            {"id": cert, "status": cell.status, "issued": _day(cell.issued),
             "expires": _day(cell.expires), "planned": _day(cell.planned)}
            for cert, cell in zip(cov.certs, row, strict=True)]}
            for name, row in zip(cov.members, cov.cells, strict=True)],
    }


def goals_document(catalog: Catalog, results: Sequence[GoalResult]) -> list[Doc]:
    """Return the goals part of ``team --json``."""
    return [{"goal": describe(catalog, r.goal), "certification": r.goal.cert, "by": str(r.goal.by),
             "at_least": r.goal.at_least, "role": r.goal.role, "status": r.status,
             "on": _day(r.on), "holders": r.holders, "reasons": list(r.reasons)} for r in results]


def _day(value: object) -> str | None:
    return None if value is None else str(value)


def coverage_csv(catalog: Catalog, cov: Coverage) -> str:
    """Return the coverage matrix as CSV: a row per member, a column per certification."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Member", *(safe_cell(catalog.certifications[c].name) for c in cov.certs)])
    for name, row in zip(cov.members, cov.cells, strict=True):
        writer.writerow([safe_cell(name), *(cell_text(cell) for cell in row)])
    writer.writerow([f"Valid today ({cov.today})", *cov.valid_today])
    writer.writerow([f"Valid at ready ({cov.ready}), with the plan" if cov.ready else
                     "Valid at ready (no plan)", *cov.valid_at_ready])
    return out.getvalue()


def safe_cell(value: object) -> str:
    """Return text for a spreadsheet cell that no spreadsheet runs as a formula (=, +, -, @)."""
    text = line(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def team_report(catalog: Catalog, plan: TeamPlan, cov: Coverage, goals: Sequence[GoalResult],
                budget: Budget, *, coverage: bool) -> View:
    """The team view, with goals and the budget, and the coverage matrix when asked for."""
    from certpath.render.planviews import team_view
    view = team_view(catalog, plan)
    goals_view(catalog, goals, view)
    budget_view(catalog, budget, view)
    if coverage:
        coverage_view(catalog, cov, view)
    return view


def combine(totals: Iterable[FeeTotal]) -> FeeTotal:
    """Add fee totals per currency (see ``budget.combine``)."""
    from certpath.budget import combine as add
    return add(totals)


def _money(total: FeeTotal) -> str:
    return total.describe() if total.amounts or total.unknown else "-"


def budget_rows(budget: Budget) -> list[tuple[str, ...]]:
    """Rows of the budget table: a quarter each, then the total."""
    from certpath.render.views import hours_text

    def time(hours: float, study: FeeTotal | None) -> str:
        text = hours_text(hours, budget.hours_estimate and hours > 0)
        return text + (f" = {_money(study)}" if study else "")

    rows: list[tuple[str, ...]] = [(q.name, _money(q.exams), _money(q.renewals),
                                    time(q.study_hours, q.study), _money(q.total))
                                   for q in budget.quarters]
    hours = round(sum(q.study_hours for q in budget.quarters), 1)
    study = combine(q.study for q in budget.quarters if q.study) if budget.rate else None
    rows.append(("Total", _money(combine(q.exams for q in budget.quarters)),
                 _money(combine(q.renewals for q in budget.quarters)),
                 time(hours, study), _money(budget.total)))
    return rows


def budget_view(catalog: Catalog, budget: Budget, view: View) -> None:
    """Add the budget (per quarter, per currency) and the fees not known to a view."""
    view.heading(f"Budget from {budget.start} to {budget.end}", 2)
    rate = f" at {budget.rate.currency} {budget.rate.amount:g} an hour" if budget.rate else ""
    view.table(("Quarter", "Exams", "Renewals", f"Study time{rate}", "Total"), budget_rows(budget),
               styles=("bold", "", "", "", "cyan"))
    if budget.unknown:
        view.para(f"Fees the catalog does not give ({len(budget.unknown)}, counted as unknown, "
                  "not as zero): " + "; ".join(
                      f"{c.member}: {catalog.certifications[c.cert].name} {c.kind} {c.day}"
                      for c in budget.unknown) + ".", style="yellow")
    view.para("Currencies are never converted; amounts come from the catalog.", style="dim")


def budget_document(catalog: Catalog, budget: Budget) -> Doc:
    """Return the budget part of ``team --json``."""
    return {
        "start": str(budget.start), "end": str(budget.end),
        "hourly_rate": None if budget.rate is None else
        {"amount": budget.rate.amount, "currency": budget.rate.currency},
        "quarters": [{"quarter": q.name, "exams": q.exams.as_json(),
                      "renewals": q.renewals.as_json(), "study_hours": q.study_hours,
                      "study": q.study.as_json() if q.study else None,
                      "total": q.total.as_json()} for q in budget.quarters],
        "total": budget.total.as_json(),
        "costs": [{"member": c.member, **ref(catalog.certifications[c.cert]), "kind": c.kind,
                   "day": str(c.day), "how": c.how,
                   "fee": None if c.fee is None else {"amount": c.fee.amount,
                                                      "currency": c.fee.currency,
                                                      "estimate": c.fee.estimate}}
                  for c in budget.costs],
    }
