"""Commands for catalog authors: validate and schema."""

import enum
from pathlib import Path
from typing import Annotated

import typer

from certpath.catalog import FILE_NAMES, validate_catalog
from certpath.cli.app import JsonOption, app, emit, state


class CatalogFile(str, enum.Enum):
    """The catalog files that have a schema (an Enum so that Typer lists and checks the choices)."""

    tracks = "tracks"
    roles = "roles"
    institutions = "institutions"


@app.command()
def validate(
    ctx: typer.Context,
    dirs: Annotated[list[Path] | None, typer.Argument(
        metavar="DIR", help="Catalog directories to check (default: the catalog in effect).",
        show_default=False)] = None,
    as_json: JsonOption = False,
) -> None:
    """Check a catalog and list every problem as file:line:column: error|warning: message.

    Each DIR is checked on top of the shipped catalog (leave it out with --no-builtin); without
    a DIR, the catalog in effect is checked (--catalog, $CERTPATH_CATALOG). Exit 1 on any error.

    Example: certpath validate ./my-catalog
    """
    from certpath.render import jsondoc, views
    options = state(ctx)
    report = validate_catalog(dirs or options.catalog_dirs, builtin=options.builtin)
    emit(ctx, as_json, lambda: jsondoc.validation(report), lambda: views.validation_view(report))
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def schema(
    ctx: typer.Context,
    file: Annotated[CatalogFile | None, typer.Argument(
        metavar="FILE", help="The file whose schema to print: tracks, roles or institutions.",
        show_default=False)] = None,
    as_json: JsonOption = False,
) -> None:
    """Print the JSON Schema of a catalog file, generated from certpath's own model.

    With a file name, the schema itself is printed (JSON, ready to save); without one, the
    files and their schemas are listed (all three schemas with --json).

    Example: certpath schema tracks > tracks.schema.json
    """
    from certpath.render import jsondoc, views
    from certpath.render.console import write_json
    from certpath.schemas import file_schema
    if file is not None:
        write_json(file_schema(file.value))
        return
    emit(ctx, as_json,
         lambda: jsondoc.document(schemas={stem: file_schema(stem) for stem in FILE_NAMES}),
         lambda: views.schemas_view({stem: file_schema(stem) for stem in FILE_NAMES}))
