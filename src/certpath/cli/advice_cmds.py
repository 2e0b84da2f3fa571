"""Commands that give advice: path and recommend."""

from __future__ import annotations

from typing import Annotated

import typer

from certpath.cli import completion
from certpath.cli.app import HaveOption, JsonOption, app, emit, resolve_have, state
from certpath.planning import plan_path
from certpath.recommend import recommend as recommend_role
from certpath.render import jsondoc, views

RequiredOnly = Annotated[
    bool, typer.Option("--required-only", help="Leave out recommended-only prerequisites.")
]


@app.command()
def path(
    ctx: typer.Context,
    to: Annotated[str, typer.Option("--to", "-t", metavar="CERT",
                                    help="Target certification: id, alias or name.",
                                    autocompletion=completion.complete_cert)],
    have: HaveOption = None,
    required_only: RequiredOnly = False,
    as_json: JsonOption = False,
) -> None:
    """Show the ordered certifications from what you hold to a target, and why each is there.

    Example: certpath path --to architect --have mlops-foundation
    """
    catalog = state(ctx).catalog()
    target = catalog.resolve_cert(to)
    result = plan_path(catalog, target.id, resolve_have(catalog, have),
                       required_only=required_only)
    emit(ctx, as_json, lambda: jsondoc.path(catalog, result),
         lambda: views.path_view(catalog, result))


@app.command()
def recommend(
    ctx: typer.Context,
    role: Annotated[str, typer.Option("--role", "-r", metavar="ROLE",
                                      help="Your role: id, alias or name (see 'certpath roles').",
                                      autocompletion=completion.complete_role)],
    have: HaveOption = None,
    required_only: RequiredOnly = False,
    as_json: JsonOption = False,
) -> None:
    """Recommend a target certification for a role, the path to it, and what comes after.

    Example: certpath recommend --role sre --have mlops-foundation
    """
    catalog = state(ctx).catalog()
    found = catalog.resolve_role(role)
    result = recommend_role(catalog, found.id, resolve_have(catalog, have),
                            required_only=required_only)
    emit(ctx, as_json, lambda: jsondoc.recommendation(catalog, result),
         lambda: views.recommend_view(catalog, result))
