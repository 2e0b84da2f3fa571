"""Commands that show the catalog: tracks, show, roles, institutions, learning-paths, faq."""

from typing import Annotated

import typer

from certpath.cli import completion
from certpath.cli.app import app, emit, state
from certpath.cli.options import CertArgument, JsonOption


@app.command()
def tracks(
    ctx: typer.Context,
    level: Annotated[str | None, typer.Option(help="Only this level (id or name).",
                                              autocompletion=completion.complete_level)] = None,
    track: Annotated[str | None, typer.Option(help="Only this track (id or name).",
                                              autocompletion=completion.complete_track)] = None,
    as_json: JsonOption = False,
) -> None:
    """List certifications: track, level, who it's for, prerequisites, skills, order.

    Example: certpath tracks --level beginner
    """
    from certpath.listing import list_certifications
    from certpath.personal import today
    from certpath.render import jsondoc, views
    catalog = state(ctx).catalog()
    certs = list_certifications(catalog, level=level, track=track)
    emit(ctx, as_json,
         lambda: jsondoc.document(
             certifications=[jsondoc.certification_row(catalog, c) for c in certs]),
         lambda: views.tracks_view(catalog, certs, today=today()))


@app.command()
def show(
    ctx: typer.Context,
    cert: CertArgument,
    sources: Annotated[bool, typer.Option(
        "--sources", help="Also list each fact's source section and quoted words, or why it is "
                          "a reading or an estimate.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Show everything about one certification (and, with --sources, where each fact comes from).

    Example: certpath show architect --sources
    """
    from certpath.recommend import suggest_next
    from certpath.render import jsondoc, views
    catalog = state(ctx).catalog()
    found = catalog.resolve_cert(cert)
    emit(ctx, as_json,
         lambda: jsondoc.document(certification=jsondoc.certification_detail(
             catalog, found, sources=sources)),
         lambda: views.show_view(catalog, found, suggest_next(catalog, found.id), sources=sources))


@app.command()
def roles(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the roles, their focus area and target certification.

    Example: certpath roles
    """
    from certpath.render import jsondoc, views
    catalog = state(ctx).catalog()
    emit(ctx, as_json, lambda: jsondoc.roles(catalog), lambda: views.roles_view(catalog))


@app.command()
def institutions(
    ctx: typer.Context,
    track: Annotated[str | None, typer.Option(help="Only institutions serving this track.",
                                              autocompletion=completion.complete_track)] = None,
    as_json: JsonOption = False,
) -> None:
    """List training institutions and what they train for.

    Example: certpath institutions --track mlops
    """
    from certpath.listing import list_institutions
    from certpath.render import jsondoc, views
    catalog = state(ctx).catalog()
    found = list_institutions(catalog, track=track)
    emit(ctx, as_json, lambda: jsondoc.institutions(found),
         lambda: views.institutions_view(catalog, found))


@app.command("learning-paths")
def learning_paths(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the learning paths and whom each is for.

    Example: certpath learning-paths
    """
    from certpath.render import jsondoc, views
    catalog = state(ctx).catalog()
    emit(ctx, as_json, lambda: jsondoc.learning_paths(catalog),
         lambda: views.learning_paths_view(catalog))


@app.command()
def faq(
    ctx: typer.Context,
    terms: Annotated[list[str] | None, typer.Argument(
        metavar="[QUERY]...",
        help="Only entries with all of these words, in any form (drifting finds drift).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Show the frequently asked questions, or those matching a query, best matches first.

    Example: certpath faq model drift
    """
    from certpath.listing import search_faq
    from certpath.render import jsondoc, views
    catalog = state(ctx).catalog()
    query = " ".join(terms) if terms else None
    matches = search_faq(catalog, query)
    emit(ctx, as_json, lambda: jsondoc.faq(query, matches),
         lambda: views.faq_view(matches) if matches else views.no_faq_match_view(query))
