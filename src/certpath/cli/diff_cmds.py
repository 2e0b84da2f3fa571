"""``certpath diff OLD NEW`` and ``certpath diff --git REV DIR``: what a catalog change does."""

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from certpath.cli.app import app, state
from certpath.cli.options import JsonOption
from certpath.errors import InputError

if TYPE_CHECKING:
    from certpath.catalog import Catalog


class DiffFormat(str, enum.Enum):
    """How ``diff`` writes its answer."""

    text = "text"
    json = "json"
    github = "github"


@app.command()
def diff(
    ctx: typer.Context,
    dirs: Annotated[list[Path], typer.Argument(
        metavar="OLD NEW", help="Two catalog directories (one, the working tree's, with --git).",
        show_default=False)],
    git: Annotated[str | None, typer.Option(
        "--git", metavar="REV", help="Compare DIR as it was at git revision REV with DIR now.",
        show_default=False)] = None,
    out_format: Annotated[DiffFormat | None, typer.Option(
        "--format", "-f", help="text, json, or github (Markdown for a pull-request comment).",
        show_default=False)] = None,
    as_json: JsonOption = False,
) -> None:
    """Show what a catalog change does: entries, requirements, roles, fees, and changed paths.

    Each side is layered on the shipped catalog like --catalog (leave it out with --no-builtin).

    Example: certpath diff --git origin/main ./our-catalog --format github
    """
    import tempfile

    from certpath.catalog import load_catalog
    from certpath.catalogdiff import diff_catalogs
    from certpath.render import diffviews
    from certpath.render.console import write_json
    chosen = "json" if as_json else out_format.value if out_format else "text"
    if as_json and out_format not in (None, DiffFormat.json):
        raise InputError(f"--json and --format {out_format.value} ask for two formats; give one")
    if len(dirs) != (1 if git else 2):
        raise InputError("give two catalog directories (OLD NEW), or one with --git REV")
    options = state(ctx)
    with tempfile.TemporaryDirectory(prefix="certpath-diff-") as scratch:
        if git:
            from certpath.gitrev import checkout_catalog
            old_dir, new_dir = checkout_catalog(dirs[0], git, Path(scratch)), dirs[0]
            labels = (f"{dirs[0]}@{git}", str(dirs[0]))
        else:
            old_dir, new_dir = dirs
            labels = (str(old_dir), str(new_dir))
        old = _old_catalog(old_dir, options.builtin) if git else \
            load_catalog([old_dir], builtin=options.builtin)
        found = diff_catalogs(old, load_catalog([new_dir], builtin=options.builtin))
    if chosen == "json":
        write_json(diffviews.diff_document(found, *labels))
    elif chosen == "github":
        from certpath.render.sanitiser import inert
        sys.stdout.write(inert(diffviews.diff_markdown(found, *labels)))
    else:
        options.show(diffviews.diff_view(found, *labels))


def _old_catalog(directory: Path, builtin: bool) -> "Catalog":
    """Load the catalog of a revision; a directory it did not have is an empty catalog."""
    from certpath.catalog import Catalog, load_catalog
    if not any(directory.iterdir()):
        return load_catalog([], builtin=True) if builtin else Catalog()
    return load_catalog([directory], builtin=builtin)
