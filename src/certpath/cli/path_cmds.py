"""Commands that give advice: path and recommend."""

from typing import Annotated

import typer

from certpath.cli import completion
from certpath.cli.app import app, emit, state
from certpath.cli.options import HaveOption, JsonOption, Optimize, OptimizeOption, RequiredOnly
from certpath.errors import InputError


@app.command()
def path(
    ctx: typer.Context,
    to: Annotated[str, typer.Option("--to", "-t", metavar="CERT",
                                    help="Target certification: id, alias or name.",
                                    autocompletion=completion.complete_cert)],
    have: HaveOption = None,
    required_only: RequiredOnly = False,
    optimize: OptimizeOption = Optimize.HOURS,
    as_json: JsonOption = False,
) -> None:
    """Show the ordered certifications from what you hold to a target, and why each is there.

    Example: certpath path --to architect --have mlops-foundation
    """
    from certpath.personal import personal, today
    from certpath.planning import plan_path
    from certpath.render import jsondoc, views
    catalog = state(ctx).catalog()
    target = catalog.resolve_cert(to)
    me = personal(catalog, have=have)
    result = plan_path(catalog, target.id, me.have, required_only=required_only,
                       expired=me.expired, expires=me.expires, optimize=optimize.value,
                       today=today())
    emit(ctx, as_json, lambda: jsondoc.path(catalog, result),
         lambda: views.path_view(catalog, result))


@app.command()
def recommend(
    ctx: typer.Context,
    role: Annotated[str | None, typer.Option(
        "--role", "-r", metavar="ROLE",
        help="Your role: id, alias or name (see 'certpath roles'); default: your profile's.",
        autocompletion=completion.complete_role)] = None,
    have: HaveOption = None,
    required_only: RequiredOnly = False,
    optimize: OptimizeOption = Optimize.HOURS,
    as_json: JsonOption = False,
) -> None:
    """Recommend a target certification for a role, the path to it, and what comes after.

    Example: certpath recommend --role sre --have mlops-foundation
    """
    from certpath.personal import personal, today
    from certpath.recommend import recommend as recommend_role
    from certpath.render import jsondoc, views
    catalog = state(ctx).catalog()
    me = personal(catalog, have=have, role=role)
    if me.role is None:
        raise InputError("no role: give --role ROLE, or set one with "
                         "'certpath profile set --role ROLE'")
    result = recommend_role(catalog, me.role, me.have, required_only=required_only,
                            expired=me.expired, expires=me.expires, optimize=optimize.value,
                       today=today())
    emit(ctx, as_json, lambda: jsondoc.recommendation(catalog, result),
         lambda: views.recommend_view(catalog, result))
