"""Progress on the saved plan: ``progress``, ``progress done`` and ``progress undo``.

The core and render modules are imported inside the commands: every invocation, and every
Tab completion, imports this module, and only the command that runs needs them.
"""

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from certpath.cli.app import app, emit, state
from certpath.cli.options import JsonOption
from certpath.cli.output_files import write_files

progress_app = typer.Typer(
    name="progress", invoke_without_command=True,
    help="Your saved plan against today: what is done, what is due, the rest re-planned.\n\n"
         "Example: certpath progress",
)
app.add_typer(progress_app)

IcsOption = Annotated[Path | None, typer.Option(
    "--ics", metavar="FILE", dir_okay=False,
    help="Also write the re-planned rest as an iCalendar file (replacing the plan's events).")]


def _show(ctx: typer.Context, as_json: bool, ics_file: Path | None = None) -> None:
    from certpath import planned
    from certpath.personal import today
    from certpath.profile import load_profile, profile_path
    from certpath.render import progress as views
    catalog = state(ctx).catalog()
    found = planned.progress(catalog, load_profile(profile_path()), today())
    if ics_file is not None:
        from certpath.render import ics
        text = ics.schedule_calendar(catalog, found.rest, stamp=dt.datetime.now(dt.timezone.utc))
        write_files([(ics_file, text, "the calendar")])
    emit(ctx, as_json, lambda: views.progress_document(catalog, found),
         lambda: views.progress_view(catalog, found))


@progress_app.callback()
def progress(ctx: typer.Context, ics_file: IcsOption = None, as_json: JsonOption = False) -> None:
    """Show the saved plan against today: done, under way, ahead or behind, and the new finish.

    Example: certpath progress --ics plan.ics
    """
    if ctx.invoked_subcommand is None:
        _show(ctx, as_json, ics_file)


ItemArgument = Annotated[str, typer.Argument(
    metavar="CERT|CERT:N|PHASE",
    help="A certification of the plan, its phase N (from 1), or a phase by name.")]


@progress_app.command("done")
def done(ctx: typer.Context, item: ItemArgument, as_json: JsonOption = False) -> None:
    """Mark a certification or a phase of the saved plan done.

    Example: certpath progress done architect:1
    """
    from certpath import planned
    from certpath.profile import load_profile, profile_path
    path = profile_path()
    mark = planned.mark(state(ctx).catalog(), planned.saved_plan(load_profile(path)), item)
    planned.change_marks(path, add=mark)
    sys.stderr.write(f"certpath: marked {mark} done\n")
    _show(ctx, as_json)


@progress_app.command("undo")
def undo(ctx: typer.Context, item: Annotated[str | None, typer.Argument(
        metavar="[CERT|CERT:N|PHASE]", help="The mark to take back (default: the latest).")]
        = None, as_json: JsonOption = False) -> None:
    """Take back a done mark: the latest one, or the one named.

    Example: certpath progress undo
    """
    from certpath import planned
    from certpath.profile import load_profile, profile_path
    path = profile_path()
    saved = planned.saved_plan(load_profile(path))
    mark = planned.mark(state(ctx).catalog(), saved, item) if item else ""
    updated = planned.change_marks(path, remove=mark)
    taken = mark or next(m for m in saved.done if m not in updated.plan.done)  # type: ignore[union-attr]  # change_marks keeps the plan
    sys.stderr.write(f"certpath: {taken} is no longer marked done\n")
    _show(ctx, as_json)
