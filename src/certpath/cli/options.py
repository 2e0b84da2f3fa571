"""The options and arguments that more than one command takes: each is declared once, here."""

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from certpath.cli import completion

JSON_KEY = "certpath.json"
"""Where --json marks the invocation's context, so an error is also written as JSON."""


def _remember_json(ctx: typer.Context, value: bool) -> bool:
    if value:
        ctx.meta[JSON_KEY] = True
    return value


JsonOption = Annotated[
    bool,
    typer.Option("--json", help="Print a JSON document (its keys: certpath help json).",
                 callback=_remember_json),
]


class Optimize(str, Enum):
    """What any-of choices minimise."""

    HOURS = "hours"
    FEES = "fees"
    COUNT = "count"


OptimizeOption = Annotated[Optimize, typer.Option(
    "--optimize", help="Choose among alternatives by least remaining study hours, least fees "
                       "(within one currency), or fewest certifications; 'choices' says why.")]
HaveOption = Annotated[
    list[str] | None,
    typer.Option("--have", "-H", metavar="CERT,...",
                 help="Certifications already held: ids, aliases or names; comma-separated "
                      "or repeated.", autocompletion=completion.complete_certs),
]
RequiredOnly = Annotated[
    bool, typer.Option("--required-only", help="Leave out recommended-only prerequisites.")
]
CertArgument = Annotated[
    str,
    typer.Argument(metavar="CERT", help="Certification id, alias or name.",
                   autocompletion=completion.complete_cert),
]


class Pace(str, Enum):
    """How fast to prepare: the names of the catalog's preparation plans."""

    accelerated = "accelerated"
    focused = "focused"
    comprehensive = "comprehensive"


PaceOption = Annotated[Pace, typer.Option(
    "--pace", help="Preparation pace: a certification with a plan of this pace follows it; "
                   "others get accelerated 40, focused 20, comprehensive 10 hours a week.")]
StartOption = Annotated[str | None, typer.Option(
    "--start", metavar="DATE",
    help="First day of study: YYYY-MM-DD, today, tomorrow, next-monday, +10d, +2w "
         "(default: today).")]
MarkdownOption = Annotated[Path | None, typer.Option(
    "--markdown", metavar="FILE", help="Also write the plan as Markdown to FILE.", dir_okay=False)]
HtmlOption = Annotated[Path | None, typer.Option(
    "--html", metavar="FILE", dir_okay=False,
    help="Also write the report as one self-contained web page (works offline).")]
