"""Commands for catalog authors: validate and schema."""

import enum
from pathlib import Path
from typing import Annotated

import typer

from certpath.catalog import FILE_NAMES, validate_catalog
from certpath.cli.app import app, emit, state
from certpath.cli.options import JsonOption
from certpath.errors import InputError
from certpath.layers import directory_of


class CatalogFile(str, enum.Enum):
    """The catalog files that have a schema (an Enum so that Typer lists and checks the choices)."""

    tracks = "tracks"
    roles = "roles"
    institutions = "institutions"


class ReportFormat(str, enum.Enum):
    """How ``validate`` writes its report."""

    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


def _complete_output(incomplete: str) -> list[str]:
    """Complete the name of a JSON document."""
    from certpath.schemas import output_names
    return [name for name in output_names() if name.startswith(incomplete)]


@app.command()
def validate(
    ctx: typer.Context,
    dirs: Annotated[list[Path] | None, typer.Argument(
        metavar="DIR", help="Catalog directories to check, or files of them (default: the "
                            "catalog in effect).",
        show_default=False)] = None,
    report_format: Annotated[ReportFormat | None, typer.Option(
        "--format", "-f", help="text, json, github (workflow annotations, then the text), sarif "
                               "or junit. Default: github when $GITHUB_ACTIONS is set, else text.",
        show_default=False)] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    as_json: JsonOption = False,
) -> None:
    """Check a catalog and list every problem as file:line:column: error|warning: message.

    Each DIR is checked on top of the shipped catalog (leave it out with --no-builtin); without
    a DIR, the catalog in effect is checked (--catalog, $CERTPATH_CATALOG). A catalog file
    (tracks.yaml, tracks.d/x.yaml, ...) stands for its directory. Exit 1 on any error
    (and on any warning with --strict). With $GITHUB_STEP_SUMMARY set, a Markdown summary is
    added to it.

    Example: certpath validate --format sarif ./my-catalog > certpath.sarif
    """
    from certpath.cli.report_output import choose_format, write_report
    from certpath.personal import today
    options = state(ctx)
    chosen = choose_format(report_format.value if report_format else None, as_json=as_json)
    given = list(dict.fromkeys(directory_of(p) for p in dirs or ()))
    from certpath.cache import gc_paused
    with gc_paused():  # one catalog, checked once: as loading for any other command
        report = validate_catalog(given or options.catalog_dirs, builtin=options.builtin,
                                  today=today())
    write_report(report, chosen, strict=strict, show=options.show)
    if not report.ok or (strict and report.findings):
        raise typer.Exit(1)


@app.command()
def schema(
    ctx: typer.Context,
    file: Annotated[CatalogFile | None, typer.Argument(
        metavar="FILE", help="The file whose schema to print: tracks, roles or institutions.",
        show_default=False)] = None,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="COMMAND",
        help="Print instead the schema of COMMAND's --json document (path, plan, error, ...).",
        autocompletion=_complete_output)] = None,
    as_json: JsonOption = False,
) -> None:
    """Print the JSON Schema of a catalog file, or of a command's --json document.

    With a file name, the catalog file's schema (generated from certpath's own model) is
    printed, ready to save; with --output COMMAND, the schema of what COMMAND --json prints.
    Without either, the files and documents with a schema are listed (catalog schemas with --json).

    Example: certpath schema --output path > path.output.schema.json
    """
    from certpath.render import jsondoc, views
    from certpath.render.console import write_json
    from certpath.schemas import file_schema, output_names, output_schema
    if file is not None and output is not None:
        raise InputError("give a catalog FILE or --output COMMAND, not both")
    if file is not None or output is not None:
        write_json(file_schema(file.value) if file else output_schema(output or ""))
        return
    emit(ctx, as_json,
         lambda: jsondoc.document(schemas={stem: file_schema(stem) for stem in FILE_NAMES},
                                  outputs=output_names()),
         lambda: views.schemas_view({stem: file_schema(stem) for stem in FILE_NAMES},
                                    output_names()))

