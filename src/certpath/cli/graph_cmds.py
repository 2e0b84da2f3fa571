"""The graph command: the prerequisite structure as a tree, Mermaid, DOT or SVG."""

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from certpath.cli import completion
from certpath.cli.app import app, emit, state
from certpath.cli.options import HaveOption, HtmlOption, JsonOption
from certpath.cli.output_files import write_files
from certpath.errors import InputError
from certpath.personal import resolve_have

if TYPE_CHECKING:  # for annotations only
    from certpath.catalog import Catalog
    from certpath.picture import Picture


class Format(str, Enum):
    """The formats ``certpath graph`` can draw."""

    tree = "tree"
    mermaid = "mermaid"
    dot = "dot"
    svg = "svg"


_BY_SUFFIX = {".svg": Format.svg, ".dot": Format.dot, ".gv": Format.dot, ".mmd": Format.mermaid,
              ".mermaid": Format.mermaid, ".txt": Format.tree}


def _format_for(output: Path | None) -> Format:
    """Pick the format from the --output file's suffix; refuse one certpath cannot write."""
    if output is None:
        return Format.tree
    suffix = output.suffix.lower()
    if suffix not in _BY_SUFFIX:
        known = ", ".join(_BY_SUFFIX)
        raise InputError(f"cannot tell the format from {output.name!r}: certpath writes {known}; "
                         "or give --format")
    return _BY_SUFFIX[suffix]


@app.command()
def graph(
    ctx: typer.Context,
    to: Annotated[str | None, typer.Option(
        "--to", "-t", metavar="CERT", help="Only this certification and everything it needs.",
        autocompletion=completion.complete_cert)] = None,
    have: HaveOption = None,
    fmt: Annotated[Format | None, typer.Option(
        "--format", "-f", help="tree (default), mermaid, dot or svg; "
                               "default from the --output file's suffix.")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write to FILE instead of stdout.")] = None,
    html_file: HtmlOption = None,
    as_json: JsonOption = False,
) -> None:
    """Draw the prerequisite graph: a tree, Mermaid, Graphviz DOT, or an SVG picture.

    Example: certpath graph --to architect --format svg --output architect.svg --html graph.html
    """
    from certpath.picture import build_picture
    from certpath.render import diagram, jsondoc
    catalog = state(ctx).catalog()
    target = catalog.resolve_cert(to).id if to else None
    picture = build_picture(catalog, to=target, have=resolve_have(catalog, have))
    if as_json and output is not None:
        raise InputError("--json prints the graph's data on stdout; leave out --output")
    fmt = fmt or _format_for(output)
    files: list[tuple[Path, str, str | None]] = (
        [(output, _text(picture, fmt), None)] if output is not None else [])
    if html_file is not None:
        files.append((html_file, _page(catalog, picture), "the report"))
    write_files(files)
    if output is None and (as_json or fmt is Format.tree):
        emit(ctx, as_json, lambda: jsondoc.picture(picture), lambda: diagram.tree_view(picture))
    elif output is None:
        from certpath.render.console import write_xml
        from certpath.render.sanitiser import inert
        if fmt is Format.svg:
            write_xml(inert(_text(picture, fmt), colon="&#58;", bracket="&#91;"))
        else:
            sys.stdout.write(inert(_text(picture, fmt)))


def _text(picture: "Picture", fmt: Format) -> str:
    from certpath.render import diagram
    from certpath.render.console import plain_text
    if fmt is Format.svg:
        from certpath.render.svg import render_svg

        return render_svg(picture)
    if fmt is Format.mermaid:
        return diagram.mermaid(picture)
    if fmt is Format.dot:
        return diagram.dot(picture)
    return plain_text(diagram.tree_view(picture))


def _page(catalog: "Catalog", picture: "Picture") -> str:
    from certpath.personal import today
    from certpath.render.htmlreports import graph_page
    from certpath.render.svg import render_svg

    return graph_page(catalog, picture, render_svg(picture), today=today())
