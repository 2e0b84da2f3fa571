"""The advise command: a guided session for someone who does not know the ids yet."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from datetime import date
from typing import Annotated, TextIO, TypeVar

import typer

from certpath.advice import advise as advise_role
from certpath.advice import check_hours_per_week
from certpath.catalog import Catalog
from certpath.cli import completion
from certpath.cli.app import HaveOption, JsonOption, app, emit, resolve_have, split_names, state
from certpath.errors import CertpathError, InputError
from certpath.render import advise as advise_render
from certpath.render import jsondoc

T = TypeVar("T")
DEFAULT_HOURS = 5.0


@app.command()
def advise(
    ctx: typer.Context,
    role: Annotated[str | None, typer.Option(
        "--role", "-r", metavar="ROLE", help="Your role (asked when not given).",
        autocompletion=completion.complete_role)] = None,
    have: HaveOption = None,
    hours: Annotated[float | None, typer.Option(
        "--hours-per-week", metavar="N", help="Hours of study per week (asked when not given).")]
    = None,
    start: Annotated[str | None, typer.Option(
        "--start", metavar="YYYY-MM-DD", help="When you start (asked when not given).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Answer a few questions; get a recommendation, its path and how long it takes.

    Asks on the terminal for whatever the options leave out. With answers piped in, reads one
    line per question; when they run out, names the options to give instead.

    Example: certpath advise --role sre --have foundation --hours-per-week 6
    """
    catalog = state(ctx).catalog()
    asker = _Asker(sys.stdin, missing=_missing(role, have, hours, start))
    role_id = catalog.resolve_role(role).id if role else asker.ask_role(catalog)
    held = resolve_have(catalog, have) if have is not None else asker.ask_have(catalog)
    pace = hours if hours is not None else asker.ask_hours()
    begin = _parse_date(start) if start else asker.ask_start()
    result = advise_role(catalog, role_id, held, hours_per_week=pace, start=begin)
    rerun = _command_line(role_id, held, pace, begin)
    # Extension point: when the profile of 'certpath plan' exists, offer here to save the
    # answers to it (only when asked interactively: asker.asked).
    emit(ctx, as_json, lambda: jsondoc.advice(catalog, result),
         lambda: advise_render.advice_view(catalog, result, rerun if asker.asked else None))


def _missing(role: str | None, have: list[str] | None, hours: float | None,
             start: str | None) -> str:
    """Return the options still to give, for the message when piped answers run out."""
    wanted = [("--role ROLE", role), ("--have CERT,... (or --have '' for none)", have),
              ("--hours-per-week N", hours), ("--start YYYY-MM-DD", start)]
    return " ".join(flag for flag, value in wanted if value is None)


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"not a date: {text!r}; give it as YYYY-MM-DD") from None


def _command_line(role: str, held: list[str], hours: float, start: date) -> str:
    parts = ["certpath", "advise", "--role", role, "--have", ",".join(held),
             "--hours-per-week", f"{hours:g}", "--start", start.isoformat()]
    return shlex.join(parts)


class _Asker:
    """Ask questions on stderr and read the answers, one line each, from stdin."""

    def __init__(self, stream: TextIO, *, missing: str) -> None:
        self.stream = stream
        self.missing = missing
        self.asked = False

    def _line(self, prompt: str) -> str:
        sys.stderr.write(prompt)
        sys.stderr.flush()
        line = self.stream.readline()
        if not line:  # end of input: never wait for answers that cannot come
            sys.stderr.write("\n")
            raise InputError("no answer on standard input; give the answers as options "
                             f"instead: certpath advise {self.missing}")
        self.asked = True
        return line.strip()

    def _until_valid(self, prompt: str, parse: Callable[[str], T]) -> T:
        while True:
            answer = self._line(prompt)
            try:
                return parse(answer)
            except CertpathError as exc:
                sys.stderr.write(f"certpath: {exc}; try again\n")

    def ask_role(self, catalog: Catalog) -> str:
        roles = list(catalog.roles.values())
        sys.stderr.write("Which role are you planning for?\n")
        for number, r in enumerate(roles, 1):
            sys.stderr.write(f"  {number:>2}. {r.name} ({r.id})\n")

        def parse(answer: str) -> str:
            if answer.isdigit() and 1 <= int(answer) <= len(roles):
                return roles[int(answer) - 1].id
            return catalog.resolve_role(answer).id

        return self._until_valid("Role (number, id or name): ", parse)

    def ask_have(self, catalog: Catalog) -> list[str]:
        certs = list(catalog.certifications.values())
        sys.stderr.write("Which certifications do you hold already?\n")
        for number, c in enumerate(certs, 1):
            sys.stderr.write(f"  {number:>2}. {c.name} ({c.id})\n")

        def parse(answer: str) -> list[str]:
            names = [certs[int(n) - 1].id if n.isdigit() and 1 <= int(n) <= len(certs) else n
                     for n in split_names([answer])]
            return resolve_have(catalog, names)

        return self._until_valid("Held (numbers, ids or names, comma-separated; empty for none): ",
                                 parse)

    def ask_hours(self) -> float:
        def parse(answer: str) -> float:
            if not answer:
                return DEFAULT_HOURS
            try:
                value = float(answer)
            except ValueError:
                raise InputError(f"not a number: {answer!r}") from None
            check_hours_per_week(value)
            return value

        return self._until_valid(f"Hours of study per week [{DEFAULT_HOURS:g}]: ", parse)

    def ask_start(self) -> date:
        today = date.today()
        return self._until_valid(f"Start date, YYYY-MM-DD [{today.isoformat()}]: ",
                                 lambda a: _parse_date(a) if a else today)
