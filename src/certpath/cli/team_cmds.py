"""The team command: a team's plans, coverage, goals and budget, and the files to share them.

The core and render modules are imported inside the command: every invocation, and every
Tab completion, imports this module, and only the command that runs needs them.
"""

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from certpath.cli.app import app, emit, state
from certpath.cli.options import (
    HtmlOption,
    JsonOption,
    MarkdownOption,
    Pace,
    PaceOption,
    RequiredOnly,
    StartOption,
)
from certpath.cli.output_files import write_files
from certpath.model import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK

if TYPE_CHECKING:  # for annotations only
    from certpath.budget import Budget
    from certpath.catalog import Catalog
    from certpath.coverage import Coverage, GoalResult
    from certpath.team import TeamPlan

CHECK_FAILED = 3
"""The exit code of ``team --check`` when a goal is not met."""


@app.command()
def team(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(
        metavar="TEAM", help="The team: a team file (YAML), or a spreadsheet (.csv, .xlsx).")],
    coverage: Annotated[bool, typer.Option(
        "--coverage", help="Show who holds what, and until when: certifications by members.")]
    = False,
    check: Annotated[bool, typer.Option(
        "--check", help=f"Exit {CHECK_FAILED} when a goal of the team file is not met (for CI).")]
    = False,
    columns: Annotated[str | None, typer.Option(
        "--columns", metavar="FIELD=HEADING,...",
        help="Spreadsheet headings for name, role, target, hours_per_week, certifications, "
             "certification, issued, expires.")] = None,
    hours_per_week: Annotated[float | None, typer.Option(
        "--hours-per-week", metavar="H", min=MIN_HOURS_PER_WEEK, max=MAX_HOURS_PER_WEEK,
        help="Study hours a week for members who give none.")] = None,
    pace: PaceOption = Pace.focused,
    start: StartOption = None,
    markdown_file: MarkdownOption = None,
    csv_file: Annotated[Path | None, typer.Option(
        "--csv", metavar="FILE", dir_okay=False, help="Also write the coverage matrix as CSV.")]
    = None,
    ics_file: Annotated[Path | None, typer.Option(
        "--ics", metavar="FILE", dir_okay=False,
        help="Also write every member's exam targets and renewals as one calendar.")] = None,
    html_file: HtmlOption = None,
    hourly_rate: Annotated[str | None, typer.Option(
        "--hourly-rate", metavar="AMOUNT CUR",
        help="Price study time in the budget at this rate, such as '80 EUR'.")] = None,
    required_only: RequiredOnly = False,
    as_json: JsonOption = False,
) -> None:
    """Plan a team's upskilling: paths, coverage, goals and budget; from YAML or a spreadsheet.

    Example: certpath team team-goals.yaml --coverage --check --html team.html (the file from
    'certpath examples copy team-goals .')
    """
    from certpath.budget import build_budget, parse_rate
    from certpath.coverage import assess_goals
    from certpath.coverage import coverage as build_coverage
    from certpath.personal import today
    from certpath.render import plandocs, teamviews
    from certpath.schedule import parse_when
    from certpath.team import load_team, plan_team
    from certpath.teamsheet import parse_columns

    catalog = state(ctx).catalog()
    now = today()
    found = load_team(file, catalog, today=now, columns=parse_columns(columns) if columns else None,
                      hours_per_week=hours_per_week)
    first = parse_when(start, today=now, what="--start") if start else found.start or now
    result = plan_team(catalog, found, start=first, pace=pace.value, required_only=required_only)
    cov = build_coverage(catalog, result, today=now)
    goals = assess_goals(catalog, result, today=now)
    budget = build_budget(catalog, result, rate=parse_rate(hourly_rate) if hourly_rate else None)
    write_files(_team_files(catalog, result, cov, goals, budget, today=now,
                            markdown_file=markdown_file, csv_file=csv_file, ics_file=ics_file,
                            html_file=html_file))
    emit(ctx, as_json, lambda: {**plandocs.team(catalog, result),
                                "coverage": teamviews.coverage_document(catalog, cov),
                                "goals": teamviews.goals_document(catalog, goals),
                                "budget": teamviews.budget_document(catalog, budget)},
         lambda: teamviews.team_report(catalog, result, cov, goals, budget, coverage=coverage))
    missed = [g for g in goals if not g.met]
    if check and missed:
        sys.stderr.write(f"certpath: {len(missed)} of {len(goals)} goals not met\n")
        raise typer.Exit(CHECK_FAILED)


def _team_files(catalog: "Catalog", result: "TeamPlan", cov: "Coverage",
                goals: "Sequence[GoalResult]", budget: "Budget", *, today: dt.date,
                markdown_file: Path | None, csv_file: Path | None, ics_file: Path | None,
                html_file: Path | None) -> list[tuple[Path, str, str]]:
    """The files asked for beside the team's answer: (where, content, what it is)."""
    outputs: list[tuple[Path, str, str]] = []
    if markdown_file:
        from certpath.render import markdown

        outputs.append((markdown_file, markdown.team_markdown(catalog, result, goals, cov=cov,
                                                              budget=budget), "the team plan"))
    if csv_file:
        from certpath.render import teamviews

        outputs.append((csv_file, teamviews.coverage_csv(catalog, cov), "the coverage matrix"))
    if ics_file:
        from certpath.render import ics

        stamp = dt.datetime.now(dt.timezone.utc)
        outputs.append((ics_file, ics.team_calendar(catalog, result, stamp=stamp),
                        "the team calendar"))
    if html_file:
        from certpath.render import htmlreports

        outputs.append((html_file, htmlreports.team_page(catalog, result, cov, goals, budget,
                                                         today=today), "the report"))
    return outputs
