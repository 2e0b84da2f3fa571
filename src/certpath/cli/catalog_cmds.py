"""Commands that show the catalog: tracks, show, roles, institutions, learning-paths, faq.

The core and render modules are imported inside the commands: every invocation, and every
Tab completion, imports this module, and only the command that runs needs them.
"""

from typing import TYPE_CHECKING, Annotated

import msgspec
import typer

from certpath.catalog import normalize_name
from certpath.cli import completion
from certpath.cli.app import CertArgument, JsonOption, app, emit, state

if TYPE_CHECKING:  # for annotations only
    from certpath.render.blocks import View


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
    from certpath.render import jsondoc, views
    catalog = state(ctx).catalog()
    level_id = catalog.resolve_level(level).id if level else None
    track_id = catalog.resolve_track(track).id if track else None
    certs = [c for c in catalog.certifications.values()
             if (level_id is None or c.level == level_id)
             and (track_id is None or c.track == track_id)]
    certs.sort(key=lambda c: (c.order is None, c.order or 0, catalog.order_key(c.id)))
    emit(ctx, as_json,
         lambda: jsondoc.document(
             certifications=[jsondoc.certification_row(catalog, c) for c in certs]),
         lambda: views.tracks_view(catalog, certs))


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
    from certpath.render import jsondoc
    from certpath.render.blocks import View
    from certpath.render.provenance import legend, mark
    catalog = state(ctx).catalog()

    def view() -> "View":
        result = View()
        result.table(("Role", "Id", "Focus area", "Target", "Strategic value"), [
            (r.name, r.id, r.focus_area or "-",
             mark(r, "target", catalog.certifications[r.target].name) if r.target else "-",
             r.strategic_value or "-") for r in catalog.roles.values()],
            styles=("bold", "dim", "", "cyan", ""))
        return legend(result)

    emit(ctx, as_json,
         lambda: jsondoc.document(roles=[msgspec.to_builtins(r) for r in catalog.roles.values()]),
         view)


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
    from certpath.render import jsondoc
    from certpath.render.blocks import View, joined, sentences
    from certpath.render.provenance import legend, mark
    catalog = state(ctx).catalog()
    track_id = catalog.resolve_track(track).id if track else None
    found = [i for i in catalog.institutions.values() if track_id is None or track_id in i.tracks]

    def view() -> "View":
        result = View()
        result.table(("Institution", "Focus", "Tracks", "Learning paths"), [
            (i.name, sentences([i.description or "", *i.focus]) or "-",
             mark(i, "tracks", joined(catalog.tracks[t].name for t in i.tracks) or None) or "-",
             mark(i, "learning_paths", joined(catalog.learning_paths[p].name
                                              for p in i.learning_paths) or None) or "-")
            for i in found], styles=("bold", "", "cyan", ""))
        return legend(result)

    emit(ctx, as_json,
         lambda: jsondoc.document(institutions=[msgspec.to_builtins(i) for i in found]),
         view)


@app.command("learning-paths")
def learning_paths(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the learning paths and whom each is for.

    Example: certpath learning-paths
    """
    from certpath.provenance import reading
    from certpath.render import jsondoc
    from certpath.render.blocks import View, joined
    from certpath.render.provenance import READING, legend
    catalog = state(ctx).catalog()

    def roles_of(path_id: str) -> list[str]:
        return [r.id for r in catalog.roles.values() if path_id in r.learning_paths]

    def why(path_id: str) -> str | None:  # the source maps no role to a path: a reading, if so
        return " ".join(dict.fromkeys(w for r in roles_of(path_id)
                                      if (w := reading(catalog.roles[r], "learning_paths")))) or None

    def view() -> "View":
        result = View()
        result.table(("Learning path", "What it is", "Who it's for", "Roles"), [
            (p.name, p.description or "-", p.audience or "-",
             joined(catalog.roles[r].name + (READING if reading(catalog.roles[r], "learning_paths")
                                             else "") for r in roles_of(p.id)) or "-")
            for p in catalog.learning_paths.values()], styles=("bold", "", "", "cyan"))
        return legend(result)

    emit(ctx, as_json,
         lambda: jsondoc.document(learning_paths=[
             {**msgspec.to_builtins(p), "roles": roles_of(p.id), "roles_reading": why(p.id)}
             for p in catalog.learning_paths.values()]),
         view)


@app.command()
def faq(
    ctx: typer.Context,
    terms: Annotated[list[str] | None, typer.Argument(
        metavar="[QUERY]...", help="Only questions or answers with all of these words.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Show the frequently asked questions, or those matching a query.

    Example: certpath faq model drift
    """
    from certpath.render import jsondoc, views
    catalog = state(ctx).catalog()
    query = " ".join(terms) if terms else None
    words = normalize_name(query or "").split()
    matches = []
    for section in catalog.faq.values():
        hits = [i for i, e in enumerate(section.entries)
                if all(w in normalize_name(f"{e.question} {e.answer}") for w in words)]
        if hits:
            matches.append((section, hits))
    emit(ctx, as_json,
         lambda: jsondoc.document(query=query, sections=[
             {"id": s.id, "title": s.title, "about": s.about,
              "entries": [{"question": s.entries[i].question, "answer": s.entries[i].answer}
                          for i in hits]}
             for s, hits in matches]),
         lambda: views.faq_view(matches) if matches else _no_match(query))


def _no_match(query: str | None) -> "View":
    from certpath.render.blocks import View
    result = View()
    result.para(f"No question or answer matches {query!r}.")
    return result
