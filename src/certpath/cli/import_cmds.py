"""``certpath import ctdl|mslearn FILE -o DIR``: a catalog from a vendor's published data."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from certpath.cli.app import app, emit
from certpath.cli.options import JsonOption

if TYPE_CHECKING:
    from certpath.vendors.common import Draft

import_app = typer.Typer(
    name="import", no_args_is_help=True,
    help="Write a catalog from a vendor's data: Credential Engine CTDL or a Microsoft Learn "
         "catalog.\n\nExample: certpath import mslearn catalog.json -o ms-catalog",
)
app.add_typer(import_app)

FileArgument = Annotated[Path, typer.Argument(metavar="FILE", help="The saved JSON file.")]
OutOption = Annotated[Path, typer.Option("--output", "-o", metavar="DIR",
                                         help="The catalog directory to write (must not exist).")]
ForceOption = Annotated[bool, typer.Option("--force", help="Write into DIR even if it exists "
                                                           "(replacing its catalog files).")]


def _finish(ctx: typer.Context, as_json: bool, draft: "Draft", file: Path, out: Path,
            source: str, force: bool) -> None:
    from certpath.render import jsondoc, views
    from certpath.vendors.common import write_catalog
    written = write_catalog(draft, out, source=source, origin=file, force=force)
    emit(ctx, as_json,
         lambda: jsondoc.document(written=[str(p) for p in written], not_mapped=draft.not_mapped),
         lambda: views.written_view(written, f"a catalog of {len(draft.certifications)} "
                                    f"certifications from {file.name}", not_mapped=draft.not_mapped,
                                    hint=f"Try: certpath --no-builtin -c {out} tracks"))


@import_app.command("ctdl")
def ctdl(
    ctx: typer.Context, file: FileArgument, out: OutOption, force: ForceOption = False,
    lang: Annotated[str, typer.Option("--lang", metavar="LANG",
                                      help="The language to take from language maps.")] = "en",
    as_json: JsonOption = False,
) -> None:
    """Write a catalog from Credential Engine CTDL JSON-LD (ceterms: credentials).

    requires/recommends condition profiles become prerequisites, alternativeCondition any-of
    choices, renewalFrequency the validity; what cannot be mapped is listed.

    Example: certpath import ctdl credentials.json -o our-catalog
    """
    from certpath.vendors.common import read_json
    from certpath.vendors.ctdl import read_ctdl
    draft = read_ctdl(read_json(file), source=str(file), lang=lang)
    _finish(ctx, as_json, draft, file, out, "ctdl", force)


@import_app.command("mslearn")
def mslearn(
    ctx: typer.Context, file: FileArgument, out: OutOption, force: ForceOption = False,
    as_json: JsonOption = False,
) -> None:
    """Write a catalog from a saved Microsoft Learn catalog API response.

    Certifications, their exams (as exam codes), levels and roles are read; what cannot be
    mapped is listed.

    Example: certpath import mslearn catalog.json -o ms-catalog
    """
    from certpath.vendors.common import read_json
    from certpath.vendors.mslearn import read_mslearn
    draft = read_mslearn(read_json(file), source=str(file))
    _finish(ctx, as_json, draft, file, out, "mslearn", force)
