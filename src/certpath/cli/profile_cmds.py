"""The personal profile: ``profile show|set|earn|forget|reset`` (what it supplies: personal.py)."""

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from certpath.cli import completion
from certpath.cli.app import app, emit, state
from certpath.cli.options import CertArgument, JsonOption
from certpath.errors import CertpathError, InputError
from certpath.model import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK
from certpath.personal import today

if TYPE_CHECKING:  # for annotations only
    from certpath import profile as profiles
    from certpath.credentials.matching import Row

profile_app = typer.Typer(
    name="profile", no_args_is_help=True,
    help="Your role, hours a week and certifications earned; path, recommend and plan use them.\n\n"
         "Example: certpath profile earn foundation --on 2024-05-01",
)
app.add_typer(profile_app)


def _show(ctx: typer.Context, as_json: bool, found: "profiles.Profile", path: Path) -> None:
    from certpath.render import plandocs, planviews
    catalog = state(ctx).catalog()
    emit(ctx, as_json,
         lambda: plandocs.profile(catalog, found, file=str(path), today=today()),
         lambda: planviews.profile_view(catalog, found, file=str(path), today=today()))


def _say(message: str) -> None:
    from certpath.render.sanitiser import clean, inert
    sys.stderr.write(inert(f"certpath: {clean(message)}\n"))


@profile_app.command("show")
def show(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Show the profile: role, hours a week, certifications earned and when they expire.

    Example: certpath profile show
    """
    from certpath import profile as profiles
    path = profiles.profile_path()
    _show(ctx, as_json, profiles.load_profile(path, today=today()), path)


@profile_app.command("set")
def set_(
    ctx: typer.Context,
    role: Annotated[str | None, typer.Option("--role", "-r", metavar="ROLE",
                                             help="Your role: id, alias or name.",
                                             autocompletion=completion.complete_role)] = None,
    hours_per_week: Annotated[float | None, typer.Option(
        "--hours-per-week", metavar="H", min=MIN_HOURS_PER_WEEK, max=MAX_HOURS_PER_WEEK,
        help="Hours a week you can study.")]
    = None,
    as_json: JsonOption = False,
) -> None:
    """Set your role and the hours a week you can study.

    Example: certpath profile set --role sre --hours-per-week 6
    """
    from certpath import profile as profiles
    if role is None and hours_per_week is None:
        raise InputError("nothing to set: give --role ROLE, --hours-per-week H or both")
    role_id = state(ctx).catalog().resolve_role(role).id if role else None

    def change(current: "profiles.Profile") -> "profiles.Profile":
        return replace(current, role=role_id or current.role,
                                hours_per_week=hours_per_week or current.hours_per_week)

    path = profiles.profile_path()
    updated = profiles.update_profile(path, change)
    _say(f"profile updated: {path}")
    _show(ctx, as_json, updated, path)


@profile_app.command("earn")
def earn(
    ctx: typer.Context,
    certs: Annotated[str, typer.Argument(
        metavar="CERT[,CERT...]", help="Certification id, alias or name; several comma-separated.",
        autocompletion=completion.complete_certs)],
    on: Annotated[str | None, typer.Option(
        "--on", metavar="YYYY-MM-DD|unknown",
        help="When you earned it, not after today; 'unknown' records no date (default: today).")]
    = None,
    as_json: JsonOption = False,
) -> None:
    """Record certifications you have earned, and when (several at once: comma-separated).

    Example: certpath profile earn foundation,associate --on 2024-05-01
    """
    from certpath import profile as profiles
    from certpath.personal import split_names
    day = profiles.parse_earned(on, today=today()) if on is not None else today()
    catalog = state(ctx).catalog()
    found = list({c.id: c for c in (catalog.resolve_cert(n) for n in split_names([certs]))}
                 .values())
    if not found:
        raise InputError("no certification given: name one, or several comma-separated")
    path = profiles.profile_path()

    def change(current: "profiles.Profile") -> "profiles.Profile":
        for cert in found:
            current = profiles.earn(current, cert.id, day)
        return current

    updated = profiles.update_profile(path, change)
    when = f"earned on {day.isoformat()}" if day else "date unknown"
    _say(f"recorded {', '.join(c.name for c in found)}, {when}")
    _show(ctx, as_json, updated, path)


FilesArgument = Annotated[list[Path], typer.Argument(
    metavar="FILE...", help="Credential files: Open Badges (JSON, JWT, baked PNG or SVG), Credly's "
                            "badge list JSON, LinkedIn's Certifications.csv.",
    exists=True, dir_okay=False)]
DryRunOption = Annotated[bool, typer.Option(
    "--dry-run", "-n", help="Show what would be recorded; write nothing.")]


@profile_app.command("import")
def import_(ctx: typer.Context, files: FilesArgument, dry_run: DryRunOption = False,
            as_json: JsonOption = False) -> None:
    """Record the certifications your badge and export files prove (all of them, or none).

    Example: certpath profile import Certifications.csv badge.png --dry-run
    """
    from certpath import profile as profiles
    from certpath.credentials import read_all
    from certpath.credentials.matching import apply_import, plan_import
    from certpath.render import imports
    catalog = state(ctx).catalog()
    found = read_all(files, today=today())  # every file is read before anything is written
    path = profiles.profile_path()
    rows: list[tuple[Row, ...]] = []

    def change(current: "profiles.Profile") -> "profiles.Profile":
        rows.append(plan_import(catalog, current, found))
        return apply_import(current, rows[-1])

    change(profiles.load_profile(path))
    if not dry_run and any(row.action in ("add", "update") for row in rows[-1]):
        profiles.update_profile(path, change)  # planned again under the lock
        _say(imports.summary(rows[-1], dry_run=False) + f": {path}")
    elif not dry_run:  # nothing to record: a hand-edited profile is not rewritten
        _say(imports.summary(rows[-1], dry_run=False) + f": {path} unchanged")
    emit(ctx, as_json,
         lambda: imports.import_document(catalog, rows[-1], into=str(path), dry_run=dry_run),
         lambda: imports.import_view(catalog, rows[-1], into=str(path), dry_run=dry_run))


@app.command("team-import", hidden=True)
def team_import(
    ctx: typer.Context,
    team_file: Annotated[Path, typer.Argument(metavar="TEAM.yaml", help="The team file.",
                                              exists=True, dir_okay=False)],
    files: FilesArgument,
    member: Annotated[str, typer.Option("--member", "-m", metavar="NAME",
                                        help="The member, by name as the team file gives it.")],
    dry_run: DryRunOption = False,
    as_json: JsonOption = False,
) -> None:
    """Record the certifications a member's files prove in the team file (certpath team import).

    Example: certpath team import team.yaml --member Asha Certifications.csv --dry-run
    """
    from certpath.credentials import read_all
    from certpath.render import imports
    from certpath.teamimport import plan_member_import, write_member_import
    catalog = state(ctx).catalog()
    found = plan_member_import(catalog, team_file, member, read_all(files, today=today()))
    if not dry_run and any(row.action in ("add", "update") for row in found.rows):
        write_member_import(team_file, found)
        _say(imports.summary(found.rows, dry_run=False) + f" for {member}: {team_file}")
    elif not dry_run:  # nothing to record: the hand-written file is not touched
        _say(imports.summary(found.rows, dry_run=False) + f" for {member}: {team_file} unchanged")
    into = f"{team_file} ({member})"
    emit(ctx, as_json,
         lambda: imports.import_document(catalog, found.rows, into=str(team_file),
                                         dry_run=dry_run, member=member),
         lambda: imports.import_view(catalog, found.rows, into=into, dry_run=dry_run))


@profile_app.command("forget")
def forget(ctx: typer.Context, cert: CertArgument, as_json: JsonOption = False) -> None:
    """Remove a certification from the profile.

    Example: certpath profile forget foundation
    """
    from certpath import profile as profiles
    path = profiles.profile_path()
    held = profiles.load_profile(path).earned
    cert_id = cert if cert in held else state(ctx).catalog().resolve_cert(cert).id

    def change(current: "profiles.Profile") -> "profiles.Profile":
        if cert_id not in current.earned:
            raise CertpathError(f"{cert_id!r} is not in the profile ({path})")
        return profiles.forget(current, cert_id)

    updated = profiles.update_profile(path, change)
    _say(f"forgot {cert_id}")
    _show(ctx, as_json, updated, path)


@profile_app.command("reset")
def reset(
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Start the profile afresh; the old one is kept beside it as profile.yaml.bak.

    Example: certpath profile reset --yes
    """
    from certpath import profile as profiles
    from certpath.render.pager import is_terminal
    path = profiles.profile_path()
    if not yes:
        if not is_terminal(sys.stdin):
            raise InputError("profile reset needs --yes when not run from a terminal")
        typer.confirm(f"Move {path} aside and start afresh?", abort=True)
    backup = profiles.reset_profile(path)
    _say(f"profile reset; the old one is kept as {backup}" if backup else "there was no profile")
