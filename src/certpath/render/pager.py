"""Long output on a terminal goes through a pager, as git and gh do; never when piped.

The pager is ``CERTPATH_PAGER``, else ``PAGER``, else ``less`` (given ``LESS=FRX`` unless
``LESS`` is set: quit when it fits, keep colours, leave the text on the screen). An empty value
or ``cat`` turns paging off, as ``--no-pager`` does.
"""

from __future__ import annotations

import os
import shlex
from typing import IO, TextIO


def pager_command(stream: IO[str], *, no_pager: bool) -> tuple[str, ...] | None:
    """Return the pager to run for output on ``stream``, or None to write it directly."""
    if no_pager or not is_terminal(stream):
        return None
    value = os.environ.get("CERTPATH_PAGER")
    if value is None:
        value = os.environ.get("PAGER", "less")
    try:
        words = tuple(shlex.split(value))
    except ValueError:  # unbalanced quotes: no pager rather than a failure
        return None
    return None if not words or words == ("cat",) else words


def write_paged(text: str, command: tuple[str, ...] | None, stream: IO[str]) -> None:
    """Write ``text`` on ``stream``, through ``command`` when it is longer than the screen."""
    import shutil

    if command is None or text.count("\n") < shutil.get_terminal_size().lines:
        stream.write(text)
        return
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    stream.flush()
    try:
        # the user's own pager, named by their environment
        pager = subprocess.Popen(command, stdin=subprocess.PIPE, env=env,  # noqa: S603
                                 encoding="utf-8", errors="replace")
    except OSError:  # no such pager: the text is not lost
        stream.write(text)
        return
    try:
        if pager.stdin is not None:
            pager.stdin.write(text)
            pager.stdin.close()
    except BrokenPipeError:  # the reader quit before the end: nothing more to show
        pass
    while True:
        try:
            pager.wait()
            return
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager while it runs, as with git
            continue


def writes_utf8(stream: object) -> bool:
    """Whether ``stream`` encodes its text as UTF-8 (a stream that names no encoding is taken to)."""
    import codecs

    encoding = str(getattr(stream, "encoding", None) or "utf-8")
    try:
        return codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")
    except LookupError:
        return False


def is_terminal(stream: IO[str] | TextIO) -> bool:
    """Whether ``stream`` is a terminal; a closed stream, or one without a descriptor, is not."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
