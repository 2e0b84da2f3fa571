"""Commands that plan over time: plan and next (team is in team_cmds)."""

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from certpath.catalog import Catalog
from certpath.cli import completion
from certpath.cli.app import app, emit, state
from certpath.cli.options import (
    CertArgument,
    HaveOption,
    HtmlOption,
    JsonOption,
    MarkdownOption,
    Optimize,
    OptimizeOption,
    Pace,
    PaceOption,
    RequiredOnly,
    StartOption,
)
from certpath.cli.output_files import write_files
from certpath.errors import InputError
from certpath.model import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK

if TYPE_CHECKING:  # for annotations only
    from certpath.schedule import Schedule


@app.command()
def plan(
    ctx: typer.Context,
    to: Annotated[str | None, typer.Option(
        "--to", "-t", metavar="CERT",
        help="Target certification (default: your profile role's target).",
        autocompletion=completion.complete_cert)] = None,
    have: HaveOption = None,
    pace: PaceOption = Pace.focused,
    hours_per_week: Annotated[float | None, typer.Option(
        "--hours-per-week", metavar="H", min=MIN_HOURS_PER_WEEK, max=MAX_HOURS_PER_WEEK,
        help="Study hours a week: turns effort into calendar time (default: the profile's).")]
    = None,
    start: StartOption = None,
    by: Annotated[str | None, typer.Option(
        "--by", metavar="DATE",
        help="Finish by this date: certpath finds the hours a week it needs (same forms as "
             "--start).")] = None,
    ics_file: Annotated[Path | None, typer.Option(
        "--ics", metavar="FILE", dir_okay=False,
        help="Also write an iCalendar file (phases, exam targets, renewals).")] = None,
    markdown_file: MarkdownOption = None,
    html_file: HtmlOption = None,
    required_only: RequiredOnly = False,
    optimize: OptimizeOption = Optimize.HOURS,
    save: Annotated[bool, typer.Option(
        "--save", help="Save the plan in the profile, for 'certpath progress'.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Lay out a dated study plan to a target: windows, phases, exam dates and totals.

    Example: certpath plan --to architect --start next-monday --by +10w --save --html plan.html
    """
    from certpath import planned
    from certpath.personal import personal, today
    from certpath.render import plandocs, planviews
    from certpath.schedule import parse_when
    if by is not None and hours_per_week is not None:
        raise InputError("give --by or --hours-per-week, not both: --by finds the hours a week")
    catalog = state(ctx).catalog()
    me = personal(catalog, have=have, hours_per_week=hours_per_week)
    target = catalog.resolve_cert(to).id if to else _role_target(catalog, me.role)
    first = parse_when(start, today=today(), what="--start") if start else today()
    wanted = planned.Wanted(target, pace.value, first, me.hours_per_week, tuple(me.have),
                            required_only, optimize.value,
                            parse_when(by, today=today(), what="--by") if by else None)
    result = planned.lay_out(catalog, wanted, me)
    if save:
        _say_saved(planned.save(wanted, result))
    write_files(_plan_files(catalog, result, ics_file=ics_file, markdown_file=markdown_file,
                            html_file=html_file))
    emit(ctx, as_json, lambda: plandocs.schedule(catalog, result),
         lambda: planviews.plan_view(catalog, result))


def _say_saved(where: Path) -> None:
    sys.stderr.write(f"certpath: saved the plan in {where}; 'certpath progress' follows it\n")


def _plan_files(catalog: Catalog, result: "Schedule", *, ics_file: Path | None,
                markdown_file: Path | None, html_file: Path | None = None) \
        -> list[tuple[Path, str, str]]:
    """The files asked for beside the plan: (where, content, what it is)."""
    outputs: list[tuple[Path, str, str]] = []
    if ics_file:
        from certpath.render import ics

        stamp = dt.datetime.now(dt.timezone.utc)
        outputs.append((ics_file, ics.schedule_calendar(catalog, result, stamp=stamp),
                        "the calendar"))
    if markdown_file:
        from certpath.render import markdown

        outputs.append((markdown_file, markdown.plan_markdown(catalog, result), "the plan"))
    if html_file:
        from certpath.personal import today
        from certpath.render import htmlreports

        outputs.append((html_file, htmlreports.plan_page(catalog, result, today=today()),
                        "the report"))
    return outputs


def _role_target(catalog: Catalog, role: str | None) -> str:
    if role is None:
        raise InputError("no target: give --to CERT, or set a role with "
                         "'certpath profile set --role ROLE'")
    target = catalog.roles[role].target
    if target is None:
        raise InputError(f"the catalog names no target for {catalog.roles[role].name}; "
                         "give --to CERT")
    return target


@app.command("next")
def next_(
    ctx: typer.Context,
    cert: CertArgument,
    as_json: JsonOption = False,
) -> None:
    """Show what comes after a certification: best next, next steps, and what it leads to.

    Example: certpath next architect
    """
    from certpath.recommend import leads_to, suggest_next
    from certpath.render import plandocs, planviews
    catalog = state(ctx).catalog()
    found = catalog.resolve_cert(cert)
    suggestions = suggest_next(catalog, found.id)
    further = leads_to(catalog, found.id)
    emit(ctx, as_json, lambda: plandocs.next_document(catalog, found.id, suggestions, further),
         lambda: planviews.next_cert_view(catalog, found.id, suggestions, further))
