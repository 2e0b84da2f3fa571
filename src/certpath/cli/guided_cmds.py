"""The advise command: a guided session for someone who does not know the ids yet."""

import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Annotated, TextIO, TypeVar

import typer

from certpath.catalog import Catalog
from certpath.cli import completion
from certpath.cli.app import app, emit, state
from certpath.cli.options import HaveOption, JsonOption, Pace, PaceOption
from certpath.errors import CertpathError, InputError
from certpath.model import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK
from certpath.personal import Personal, resolve_have, split_names

T = TypeVar("T")
DEFAULT_HOURS = 5.0
NONE_HELD = "none"


@app.command()
def advise(
    ctx: typer.Context,
    role: Annotated[str | None, typer.Option(
        "--role", "-r", metavar="ROLE", help="Your role (asked when not given).",
        autocompletion=completion.complete_role)] = None,
    have: HaveOption = None,
    hours: Annotated[float | None, typer.Option(
        "--hours-per-week", metavar="N", min=MIN_HOURS_PER_WEEK, max=MAX_HOURS_PER_WEEK,
        help="Hours of study per week (asked when not given).")]
    = None,
    start: Annotated[str | None, typer.Option(
        "--start", metavar="YYYY-MM-DD", help="When you start (asked when not given).")] = None,
    pace: PaceOption = Pace.focused,
    save: Annotated[bool | None, typer.Option(
        "--save/--no-save", help="Save the role, certifications held and hours a week to your "
                                 "profile (default: ask, when the questions were asked).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Answer a few questions; get a recommendation and a dated study plan for its path.

    Asks on the terminal for whatever the options leave out, offering your profile's role, hours
    and certifications as the default answers. With answers piped in, reads one line per
    question; when they run out, names the options to give instead.

    Example: certpath advise --role sre --have foundation --hours-per-week 6
    """
    from certpath import profile as profiles
    from certpath.advice import advise as advise_role
    from certpath.personal import personal
    from certpath.render import advise as advise_render
    from certpath.render import plandocs
    catalog = state(ctx).catalog()
    known = personal(catalog, have=None)  # the environment, then the profile: default answers
    asker = _Asker(sys.stdin, missing=_missing(role, have, hours, start))
    role_id, held, weekly, begin = _answers(catalog, asker, known, role=role, have=have,
                                            hours=hours, start=start)
    result = advise_role(catalog, role_id, held, hours_per_week=weekly, start=begin,
                         pace=pace.value, expired=[c for c in known.expired if c in held],
                         earned={c: d for c, d in known.earned.items() if c in held})
    rerun = _command_line(role_id, held, weekly, begin, pace)
    emit(ctx, as_json, lambda: plandocs.advice(catalog, result),
         lambda: advise_render.advice_view(catalog, result, rerun if asker.asked else None))
    if save or (save is None and asker.asked and asker.confirm(
            f"Save these answers to your profile ({profiles.profile_path()})? [y/N] ")):
        _save(role_id, held, weekly)


def _answers(catalog: Catalog, asker: "_Asker", known: Personal, *, role: str | None,
             have: list[str] | None, hours: float | None,
             start: str | None) -> tuple[str, list[str], float, date]:
    """Take each answer from its option, or ask for it (offering the profile's as the default)."""
    from certpath.personal import today
    from certpath.schedule import parse_when
    role_id = catalog.resolve_role(role).id if role else asker.ask_role(catalog, known.role)
    held = resolve_have(catalog, have) if have is not None else asker.ask_have(catalog, known.have)
    weekly = hours if hours is not None else asker.ask_hours(known.hours_per_week or DEFAULT_HOURS)
    begin = parse_when(start, today=today(), what="--start") if start else \
        asker.ask_start(today())
    return role_id, held, weekly, begin


def _save(role_id: str, held: Sequence[str], hours: float) -> None:
    """Record the role, hours a week and held certifications (keeping dates already recorded)."""
    from certpath import profile as profiles
    def change(current: profiles.Profile) -> profiles.Profile:
        for cert_id in held:
            if cert_id not in current.earned:
                current = profiles.earn(current, cert_id, None)
        return replace(current, role=role_id, hours_per_week=hours)

    path = profiles.profile_path()
    profiles.update_profile(path, change)
    from certpath.render.sanitiser import clean
    sys.stderr.write(f"certpath: saved your answers to the profile: {clean(path)}\n")


def _missing(role: str | None, have: list[str] | None, hours: float | None,
             start: str | None) -> str:
    """Return the options still to give, for the message when piped answers run out."""
    wanted = [("--role ROLE", role), ("--have CERT,... (or --have '' for none)", have),
              ("--hours-per-week N", hours), ("--start YYYY-MM-DD", start)]
    return " ".join(flag for flag, value in wanted if value is None)


def _command_line(role: str, held: list[str], hours: float, start: date, pace: Pace) -> str:
    import shlex

    parts = ["certpath", "advise", "--role", role, "--have", ",".join(held),
             "--hours-per-week", f"{hours:g}", "--start", start.isoformat()]
    if pace is not Pace.focused:
        parts += ["--pace", pace.value]
    return shlex.join(parts)


def _choice(answer: str, count: int) -> int:
    """Return a numbered choice, or say which numbers there are."""
    number = int(answer)
    if not 1 <= number <= count:
        raise InputError(f"there is no number {number}: the numbers are 1 to {count}; "
                         "or type an id or a name")
    return number


class _Asker:
    """Ask questions on stderr and read the answers, one line each, from stdin."""

    def __init__(self, stream: TextIO, *, missing: str) -> None:
        self.stream = stream
        self.missing = missing
        self.asked = False

    def _read(self, prompt: str) -> str | None:
        """Return the stripped answer, or None when the input has run out."""
        sys.stdout.flush()  # what was printed comes before the question
        if self._editing():
            try:
                return input(prompt).strip()
            except EOFError:
                sys.stdout.write("\n")
                return None
        sys.stderr.write(prompt)
        sys.stderr.flush()
        line = self.stream.readline()
        if not line:
            sys.stderr.write("\n")
            return None
        return line.strip()

    def _editing(self) -> bool:
        """Whether answers are typed on a terminal: then read with line editing and history.

        input() edits lines (arrow keys, Ctrl-A, Ctrl-E, and earlier answers with Up) once
        readline is imported, but only when stdin and stdout are both the terminal; the prompt
        then goes to stdout, which is the same screen.
        """
        from certpath.render.pager import is_terminal
        if self.stream is not sys.stdin or not (is_terminal(sys.stdin) and is_terminal(sys.stdout)):
            return False
        import contextlib

        with contextlib.suppress(ImportError):  # Windows: input() still reads the line
            import readline  # noqa: F401 - importing it gives input() line editing and history
        return True

    def _line(self, prompt: str) -> str:
        answer = self._read(prompt)
        if answer is None:  # end of input: never wait for answers that cannot come
            raise InputError("no answer on standard input; give the answers as options "
                             f"instead: certpath advise {self.missing}")
        self.asked = True
        return answer

    def _until_valid(self, prompt: str, parse: Callable[[str], T]) -> T:
        while True:
            answer = self._line(prompt)
            try:
                return parse(answer)
            except CertpathError as exc:
                from certpath.render.sanitiser import clean
                sys.stderr.write(f"certpath: {clean(exc)}; try again\n")

    def ask_role(self, catalog: Catalog, default: str | None) -> str:
        from certpath.render.sanitiser import line
        roles = list(catalog.roles.values())
        sys.stderr.write("Which role are you planning for?\n")
        for number, r in enumerate(roles, 1):
            sys.stderr.write(f"  {number:>2}. {line(r.name)} ({line(r.id)})\n")

        def parse(answer: str) -> str:
            if not answer and default:
                return default
            if answer.isdigit():
                return roles[_choice(answer, len(roles)) - 1].id
            return catalog.resolve_role(answer).id

        suffix = f" [{default}]" if default else ""
        return self._until_valid(f"Role (number, id or name){suffix}: ", parse)

    def ask_have(self, catalog: Catalog, default: Sequence[str]) -> list[str]:
        from certpath.render.sanitiser import line
        certs = list(catalog.certifications.values())
        sys.stderr.write("Which certifications do you hold already?\n")
        for number, c in enumerate(certs, 1):
            sys.stderr.write(f"  {number:>2}. {line(c.name)} ({line(c.id)})\n")

        def parse(answer: str) -> list[str]:
            if answer.lower() == NONE_HELD:
                return []
            if not answer:
                return list(default)
            names = [certs[_choice(n, len(certs)) - 1].id if n.isdigit() else n
                     for n in split_names([answer])]
            return resolve_have(catalog, names)

        empty = f"empty for {','.join(default)}; '{NONE_HELD}' for none" if default else \
            "empty for none"
        return self._until_valid(f"Held (numbers, ids or names, comma-separated; {empty}): ", parse)

    def ask_hours(self, default: float) -> float:
        from certpath.schedule import check_hours_per_week

        def parse(answer: str) -> float:
            if not answer:
                return default
            try:
                value = float(answer)
            except ValueError:
                raise InputError(f"not a number: {answer!r}") from None
            check_hours_per_week(value)
            return value

        return self._until_valid(f"Hours of study per week [{default:g}]: ", parse)

    def ask_start(self, default: date) -> date:
        from certpath.schedule import parse_when
        return self._until_valid(f"Start date, YYYY-MM-DD [{default.isoformat()}]: ",
                                 lambda a: parse_when(a, today=default, what="the start date")
                                 if a else default)

    def confirm(self, prompt: str) -> bool:
        """Ask a yes/no question; no answer, or input that has run out, means no."""
        while True:
            answer = self._read(prompt)
            if answer is None or answer.lower() in ("", "n", "no"):
                return False
            if answer.lower() in ("y", "yes"):
                return True
            sys.stderr.write("certpath: answer y or n\n")
