"""Starting points: ``init`` (a starter catalog) and ``examples`` (the shipped examples)."""

from pathlib import Path
from typing import Annotated

import typer

from certpath.cli.app import app, emit
from certpath.cli.options import JsonOption

examples_app = typer.Typer(
    name="examples", invoke_without_command=True,
    help="List the example catalogs and team files shipped with certpath, or copy one.\n\n"
         "Example: certpath examples copy enterprise-linux ./enterprise-linux",
)
app.add_typer(examples_app)


def _written(ctx: typer.Context, as_json: bool, written: list[Path], what: str, hint: str) -> None:
    from certpath.render import jsondoc, views
    emit(ctx, as_json, lambda: jsondoc.document(written=[str(p) for p in written], not_mapped=[]),
         lambda: views.written_view(written, what, hint=hint))


@app.command()
def init(
    ctx: typer.Context,
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="A new or empty directory.")],
    team: Annotated[Path | None, typer.Option(
        "--team", metavar="FILE", help="Also write a starter team file for the catalog.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Write a small, valid, commented catalog to edit (and a team file with --team).

    Nothing is overwritten: DIR must be new or empty, and FILE must not exist.

    Example: certpath init our-catalog --team our-team.yaml && certpath validate our-catalog
    """
    from certpath.starter import init_catalog
    written = init_catalog(directory, team=team)
    _written(ctx, as_json, written, "a starter catalog",
             f"Edit it, then check it with: certpath validate {directory}")


@examples_app.callback()
def examples(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the example catalogs and team files shipped with certpath.

    Example: certpath examples
    """
    if ctx.invoked_subcommand is not None:
        return
    from certpath.render import jsondoc, views
    from certpath.starter import examples as shipped
    found = shipped()
    emit(ctx, as_json, lambda: jsondoc.examples(found), lambda: views.examples_view(found))


@examples_app.command("copy")
def copy(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="An example's name (certpath examples).")],
    directory: Annotated[Path, typer.Argument(
        metavar="DIR", help="Where to copy it: a new or empty directory for a catalog.")],
    as_json: JsonOption = False,
) -> None:
    """Copy a shipped example catalog or team file into DIR (never over an existing file).

    Example: certpath examples copy enterprise-linux ./el && certpath --no-builtin -c ./el tracks
    """
    from certpath.starter import copy_example
    written, kind = copy_example(name, directory)
    hint = (f"Try: certpath --no-builtin -c {directory} tracks" if kind == "catalog"
            else f"Try: certpath team {written[0]}")
    _written(ctx, as_json, written, f"the example {name}", hint)
