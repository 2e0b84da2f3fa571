"""The Typer application: global options, shared parameters, and the one place errors are shown."""

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from certpath import __version__
from certpath.catalog import Catalog, environment_dirs
from certpath.cli import coercion
from certpath.cli.options import JSON_KEY
from certpath.errors import CatalogError, CertpathError

if TYPE_CHECKING:  # for annotations only
    from certpath.render.blocks import View
    from certpath.render.console import OutputMode

_MAX_FINDINGS_SHOWN = 10


COMMAND_ORDER = (
    "advise", "recommend", "path", "plan", "show", "next", "about", "tracks", "roles",
    "learning-paths", "institutions", "faq", "graph",  # what to take, and why
    "profile", "progress", "due", "team",  # one's own and a team's certifications
    "validate", "diff", "init", "examples", "import", "schema", "help",  # catalogs and reference
)
"""The order of ``certpath --help``'s commands: the first questions first (unlisted ones last)."""


class CertpathGroup(TyperGroup):
    """The command group: turns a CertpathError into a short message and an exit code.

    It also gives every parameter below it certpath's own value conversion (cli/coercion.py).
    """

    _converting = False
    _words: list[str] = []  # noqa: RUF012 - replaced, never changed in place

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        if not self._converting:  # once the tree is whole: Typer adds options after __init__
            coercion.install(self, ctx)
            self._converting = True
        if ctx.parent is None:  # the certpath group itself: take its options after the command
            from certpath.cli.arguments import hoist_global_options

            args = hoist_global_options(args)
            self._words = list(args)  # kept to name a stray argument (see invoke)
        try:
            return super().parse_args(ctx, args)
        except _UsageError as exc:  # certpath's own options (--bogus before the command)
            if _asks_for_json(self._words):
                _usage_json(exc)
            raise

    def list_commands(self, ctx: Any) -> list[str]:
        """List the commands in the order a new user needs them (see ``COMMAND_ORDER``)."""
        names: list[str] = super().list_commands(ctx)
        if ctx.parent is not None:
            return names
        rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
        return sorted(names, key=lambda name: rank.get(name, len(rank)))

    # 'team TEAM' plans a team, so 'team import' cannot be a subcommand of a 'team' group: it is
    # the hidden command 'team-import', found here when the words 'team import' are typed.
    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args[:2] == ["team", "import"] and "team-import" in self.commands:
            return "team import", self.commands["team-import"], args[2:]
        return super().resolve_command(ctx, args)

    # typer.Context subclasses the Context that TyperGroup declares; it is what Typer passes.
    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            try:
                return super().invoke(ctx)
            finally:
                sys.stdout.flush()  # a failing stdout fails here, not at the interpreter's exit
        except BrokenPipeError:  # the reader went away (| head): stop quietly, as cat does
            _discard_stdout()
            raise typer.Exit(141) from None
        except StdoutError as exc:
            _discard_stdout()
            sys.stderr.write(f"certpath: error: cannot write the output: {exc.strerror or exc}\n")
            raise typer.Exit(1) from None
        except _UsageError as exc:
            better = _stray_argument(exc, ctx, self._words)
            if _asks_for_json(self._words):  # the parser stopped before --json was read
                _usage_json(better or exc)
            if better is None:
                raise
            raise better from None
        except CertpathError as exc:
            report_error(exc, json_mode=bool(ctx.meta.get(JSON_KEY)))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            sys.stderr.write("certpath: interrupted\n")
            raise typer.Exit(130) from None


class StdoutError(OSError):
    """Standard output cannot be written (a full disk, /dev/full, an I/O error)."""


class WatchedStdout:
    """Standard output that tells its own failures apart from any other file's (see main)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return int(self._stream.write(text))
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise StdoutError(exc.errno, exc.strerror) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise StdoutError(exc.errno, exc.strerror) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _discard_stdout() -> None:
    """Point stdout at the null device, so nothing tries to write the lost output again."""
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # no file descriptor (a test's stdout): nothing to flush
        pass


_UsageError: type[Exception] = typer.BadParameter.__bases__[0]  # Typer names it nowhere public
_EXTRA = "Got unexpected extra argument(s) ("


def _stray_argument(exc: Any, ctx: typer.Context, words: list[str]) -> Exception | None:
    """Return a usage error that names the option a stray word probably needs, if there is one.

    Typer says "unexpected extra argument", or, when the word was meant for a required option,
    only that the option is missing (``certpath path architect``).
    """
    from certpath.cli.arguments import stray_argument_hint, stray_word

    message = str(getattr(exc, "message", "") or "")
    command = getattr(exc, "cmd", None)
    if message.startswith(_EXTRA):
        word: str | None = message[len(_EXTRA):-1].split(" ")[0]
    elif type(exc).__name__ == "MissingParameter" and command is not None:
        word = stray_word(command, words)
    else:
        return None
    if word is None:
        return None
    return _UsageError(stray_argument_hint(command, word, _kind_of(ctx, word)),
                       getattr(exc, "ctx", None))


def _kind_of(ctx: typer.Context, word: str) -> str | None:
    """Say what ``word`` names in the catalog in effect: a certification, a role, or nothing."""
    try:
        catalog = state(ctx).catalog()
    except CertpathError:  # no usable catalog: a hint without the word's kind
        return None
    for kind, resolve in (("certification", catalog.resolve_cert),
                          ("role", catalog.resolve_role)):
        try:
            resolve(word)
        except CertpathError:
            continue
        return kind
    return None


def _asks_for_json(words: list[str]) -> bool:
    """Whether the command line asks for --json (before any ``--``, after which words are data)."""
    return "--json" in (words[:words.index("--")] if "--" in words else words)


def _usage_json(exc: Exception) -> None:
    """Print a usage error that the parser caught as the error document (code ``usage``)."""
    from certpath.render.console import write_json
    from certpath.render.jsondoc import document

    format_message = getattr(exc, "format_message", None)
    message = str(format_message() if callable(format_message) else exc)
    try:
        write_json(document(error={"code": "usage", "message": message}))
        sys.stdout.flush()
    except OSError:  # stdout is failing too: the parser's message on stderr says what is wrong
        _discard_stdout()


def report_error(exc: CertpathError, *, json_mode: bool) -> None:
    """Show an error: as JSON on stdout with --json, and always as plain lines on stderr."""
    from certpath.render.console import write_json
    from certpath.render.sanitiser import clean, inert
    lines = [f"certpath: error: {clean(exc)}"]
    if isinstance(exc, CatalogError):
        errors = [f for f in exc.findings if f.severity == "error"] or list(exc.findings)
        lines = [f"certpath: {clean(f)}" for f in errors[:_MAX_FINDINGS_SHOWN]]
        if len(errors) > _MAX_FINDINGS_SHOWN:
            lines.append(f"certpath: ... and {len(errors) - _MAX_FINDINGS_SHOWN} more "
                         "(run 'certpath validate' to list them all)")
    sys.stderr.write(inert("\n".join(lines) + "\n"))
    if json_mode:
        from certpath.render import jsondoc

        try:
            write_json(jsondoc.error_document(exc))
            sys.stdout.flush()
        except OSError:  # stdout is failing too: the message above has said what went wrong
            _discard_stdout()


@dataclass
class State:
    """What the global options chose, and the catalog once it is loaded."""

    catalog_dirs: list[Path] = field(default_factory=list)
    builtin: bool = True
    no_color: bool = False
    cache: bool = True
    pager: bool = True
    _catalog: Catalog | None = None

    def catalog(self) -> Catalog:
        """Load the catalog in effect (once per invocation), from the cache when it can."""
        if self._catalog is None:
            from certpath import cache

            with cache.gc_paused():
                self._catalog = cache.load(self.catalog_dirs, builtin=self.builtin,
                                           use_cache=self.cache)
        return self._catalog

    def output(self) -> "OutputMode":
        """Return how to draw human output."""
        from certpath.render.console import detect_mode
        return detect_mode(no_color=self.no_color, no_pager=not self.pager)

    def show(self, view: "View") -> None:
        """Draw a view on stdout."""
        from certpath.render.console import write_view
        write_view(view, self.output())

    def page(self, text: str) -> None:
        """Write finished text on stdout, through the pager when it is long (``help``)."""
        from certpath.render.pager import pager_command, write_paged
        from certpath.render.sanitiser import inert
        write_paged(inert(text), pager_command(sys.stdout, no_pager=not self.pager), sys.stdout)


def state(ctx: typer.Context) -> State:
    """Return the invocation's State (the main callback, which runs first, creates it)."""
    found: State = ctx.find_root().obj
    return found


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"certpath {__version__}\n")
        raise typer.Exit()


def emit(ctx: typer.Context, as_json: bool, doc: Callable[[], dict[str, Any]],
         view: "Callable[[], View]") -> None:
    """Print a command's answer: the JSON document or the human view."""
    from certpath.render.console import write_json
    if as_json:
        write_json(doc())
    else:
        state(ctx).show(view())


app = typer.Typer(
    cls=CertpathGroup,
    name="certpath",
    help="Which certifications to take, in what order, and how long it takes.\n\n"
         "Example: certpath recommend --role sre",
    invoke_without_command=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _main(
    ctx: typer.Context,
    catalog: Annotated[
        list[Path] | None,
        typer.Option("--catalog", "-c", metavar="DIR",
                     help="Add a catalog directory on top of the shipped one (repeatable). "
                          "Default: $CERTPATH_CATALOG, a path-separator list."),
    ] = None,
    no_builtin: Annotated[
        bool, typer.Option("--no-builtin", help="Use only the --catalog directories.")
    ] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Never use colour.")] = False,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="Never page long output (also CERTPATH_PAGER=cat).")
    ] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Read the catalog files, not the parsed-catalog "
                                               "cache (also CERTPATH_NO_CACHE=1).")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                           help="Print the version and exit.")
    ] = False,
) -> None:
    """Which certifications to take, in what order, and how long it takes.

    Example: certpath recommend --role sre
    """
    dirs = list(catalog or []) or environment_dirs()
    ctx.obj = State(catalog_dirs=dirs, builtin=not no_builtin, no_color=no_color,
                    cache=not no_cache, pager=not no_pager)
    if ctx.invoked_subcommand is None:  # a bare 'certpath': a welcome, not a wall of help
        from certpath.render.welcome import welcome_view

        ctx.obj.show(welcome_view(__version__))
