"""The command-line interface: a thin layer that parses, calls the core, and renders.

Every invocation, and every Tab completion, imports every command module (``*_cmds``) to build the
command tree, while only the command that runs needs the core and render modules behind it. So a
command module imports at its top only Typer, the rest of ``cli/`` and the light core modules its
parameters need (errors, model, catalog, personal); each command imports what it works with
(planning, render, networkx through graph.py, ...) inside its function. tests/test_startup.py
checks, in a fresh interpreter, what listing, completion and planning commands import.

The command modules keep their annotations as real objects (no ``from __future__ import
annotations``): Typer reads every command's signature at each start, and would have to evaluate
string annotations, twice, on every run and every Tab press.
"""

from __future__ import annotations

import os
import sys

from certpath.cli import (  # noqa: F401 - importing a module registers its commands
    about_cmds,
    catalog_cmds,
    diff_cmds,
    due_cmds,
    graph_cmds,
    guided_cmds,
    help_cmds,
    import_cmds,
    path_cmds,
    plan_cmds,
    profile_cmds,
    progress_cmds,
    starter_cmds,
    team_cmds,
    validate_cmds,
)
from certpath.cli.app import WatchedStdout, app


def main() -> None:
    """Run the certpath command line."""
    from certpath.render.pager import is_terminal

    if not is_terminal(sys.stdout) or os.environ.get("TERM") == "dumb":
        app.rich_markup_mode = None  # plain help and usage errors: no boxes in a pipe or a log
    _replace_unwritable(sys.stdout)
    sys.stdout = WatchedStdout(sys.stdout)  # a TextIO in all but name: it forwards the rest
    app(prog_name="certpath")


def _replace_unwritable(stream: object) -> None:
    """Write what the stream's encoding cannot hold as ASCII look-alikes rather than fail.

    Under a C locale or ``PYTHONIOENCODING=ascii`` a catalog's ``é`` or certpath's own bars
    (``█``) have no byte form; ``Cafe`` and ``#`` beat a traceback. (stderr already escapes.)
    """
    from certpath.render.pager import writes_utf8

    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and not writes_utf8(stream):
        import codecs

        codecs.register_error("certpath-lookalike", _lookalike)
        reconfigure(errors="certpath-lookalike")


_LOOKALIKE = {"\u2588": "#", "\u00b7": ".", "\u2014": "-", "\u2013": "-", "\u2026": "...",
              "\u2022": "*", "\u2713": "v", "\u201c": '"', "\u201d": '"', "\u2018": "'",
              "\u2019": "'", "\u00a0": " "}
"""certpath's own drawing characters and common punctuation, as ASCII."""


def _lookalike(error: UnicodeError) -> tuple[str, int]:
    """Replace characters an encoding lacks: a look-alike, the letter without its accent, or ?."""
    import unicodedata

    if not isinstance(error, UnicodeEncodeError):
        raise error
    shown = []
    for char in error.object[error.start:error.end]:
        plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
        shown.append(_LOOKALIKE.get(char) or plain or "?")
    return "".join(shown), error.end


__all__ = ["app", "main"]
