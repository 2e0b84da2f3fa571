"""The about command: what the catalog says about a certification beyond its facts.

The core and render modules are imported inside the command: every invocation, and every
Tab completion, imports this module, and only the command that runs needs them.
"""

from typing import Annotated

import typer

from certpath.cli import completion
from certpath.cli.app import app, emit, state
from certpath.cli.options import JsonOption


@app.command()
def about(
    ctx: typer.Context,
    cert: Annotated[str | None, typer.Argument(
        metavar="[CERT]", help="Certification id, alias or name; default: every certification "
                               "the catalog has narrative or testimonials for.",
        autocompletion=completion.complete_cert, show_default=False)] = None,
    as_json: JsonOption = False,
) -> None:
    """Show the catalog's narrative about a certification, and its testimonials.

    Example: certpath about architect
    """
    from certpath.render import jsondoc
    from certpath.render.about import about_view
    catalog = state(ctx).catalog()
    if cert is None:
        found = [c for c in catalog.certifications.values() if c.narrative or c.testimonials]
    else:
        found = [catalog.resolve_cert(cert)]
    emit(ctx, as_json,
         lambda: jsondoc.document(certifications=[jsondoc.about(c) for c in found]),
         lambda: about_view(found))
