"""The due command: what the profile holds that expires or needs renewal soon.

The core and render modules are imported inside the command: every invocation, and every Tab
completion, imports this module, and only the command that runs needs them.
"""

import datetime as dt
import re
from pathlib import Path
from typing import Annotated

import typer

from certpath.cli.app import app, emit, state
from certpath.cli.options import JsonOption
from certpath.cli.output_files import write_files
from certpath.errors import InputError

MAX_WITHIN_DAYS = 36_600


def _within(text: str) -> int:
    """Parse a window: ``90d``, ``12w``, ``6m`` (months of 30 days) or a number of days."""
    match = re.fullmatch(r"\s*([0-9]{1,6})\s*([dwm]?)\s*", text)
    if not match:
        raise InputError(f"--within {text!r} is not a window; write it as 90d, 12w or 6m")
    days = int(match[1]) * {"": 1, "d": 1, "w": 7, "m": 30}[match[2]]
    if days > MAX_WITHIN_DAYS:
        raise InputError(f"--within {text!r} is more than {MAX_WITHIN_DAYS} days")
    return days


@app.command()
def due(
    ctx: typer.Context,
    within: Annotated[str, typer.Option(
        "--within", metavar="90d", help="The window: days (90d), weeks (12w) or months (6m).")]
    = "90d",
    ics_file: Annotated[Path | None, typer.Option(
        "--ics", metavar="FILE", dir_okay=False,
        help="Also write reminders 90, 60, 30 and 7 days before each expiry.")] = None,
    check: Annotated[bool, typer.Option(
        "--check", help="Exit 3 when something is due (for cron jobs and CI).")] = False,
    as_json: JsonOption = False,
) -> None:
    """List what your profile holds that expires within a window, with the cheapest renewal.

    Example: certpath due --within 90d --ics renewals.ics --check
    """
    from certpath import profile as profiles
    from certpath.personal import today
    from certpath.render import duedocs
    from certpath.renewal import due as find_due
    catalog = state(ctx).catalog()
    days, day = _within(within), today()
    found_profile = profiles.load_profile(profiles.profile_path())
    held = {c: d for c, d in found_profile.earned.items() if c in catalog.certifications}
    found = find_due(catalog, held, day, within_days=days, stated=found_profile.expires)
    if ics_file:
        stamp = dt.datetime.now(dt.timezone.utc)
        text = duedocs.due_calendar(catalog, found, today=day, stamp=stamp)
        write_files([(ics_file, text, "the reminders")])
    emit(ctx, as_json, lambda: duedocs.due_document(catalog, found, today=day, within_days=days),
         lambda: duedocs.due_view(catalog, found, today=day, within_days=days))
    if check and found:
        raise typer.Exit(3)
