"""Draw views: Rich on a terminal, plain text when piped, JSON straight to stdout.

Rich is imported only when something is drawn on a terminal, so piped and JSON output (and
shell completion) stay quick.
"""

from __future__ import annotations

import io
import os
import re
import sys
from dataclasses import dataclass, replace
from typing import IO, Any

from certpath.render.blocks import (
    Bullets,
    Fields,
    Heading,
    Para,
    Table,
    Timeline,
    Tree,
    TreeNode,
    View,
)

MAX_WIDTH = 10_000
"""The widest output drawn, whatever ``COLUMNS`` says."""


@dataclass(frozen=True)
class OutputMode:
    """How to draw: on a terminal (Rich) or not, and with colour or not."""

    terminal: bool
    color: bool
    width: int | None = None
    pager: tuple[str, ...] | None = None  # the command that pages long output, if any


def detect_mode(stream: IO[str] | None = None, *, no_color: bool = False,
                no_pager: bool = True) -> OutputMode:
    """Decide the output mode from the stream, NO_COLOR, TERM, ``--no-color`` and the pager."""
    from certpath.render.pager import is_terminal, pager_command

    stream = stream or sys.stdout
    terminal = is_terminal(stream)
    forced = os.environ.get("CERTPATH_FORCE_TERMINAL")  # for snapshot tests and demos
    if forced:
        terminal = True
    dumb = os.environ.get("TERM") == "dumb"
    color = terminal and not no_color and not dumb and not os.environ.get("NO_COLOR")
    width = None
    columns = os.environ.get("COLUMNS", "")
    if columns.isascii() and columns.isdigit() and len(columns) < 9 and int(columns) > 0:
        width = min(int(columns), MAX_WIDTH)
    elif columns:  # Rich would read it too: COLUMNS=0 draws nothing at all
        width = _terminal_width(stream)
    return OutputMode(terminal=terminal and not dumb, color=color, width=width,
                      pager=pager_command(stream, no_pager=no_pager))


def _terminal_width(stream: IO[str]) -> int:
    """Return the width of the terminal ``stream`` is, or 80."""
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


def write_json(doc: Any, stream: IO[str] | None = None) -> None:
    """Write a JSON document to stdout (never through Rich, which would wrap lines)."""
    out = stream or sys.stdout
    from certpath.render.pager import writes_utf8
    from certpath.render.sanitiser import json_text
    text = json_text(doc) + "\n"  # json_text leaves no CI command in it (see inert)
    out.write(text if writes_utf8(out) else _NON_ASCII.sub(_json_escape, text))


def write_xml(text: str, stream: IO[str] | None = None) -> None:
    """Write an XML document (it declares UTF-8) to stdout, as ASCII if stdout is not UTF-8."""
    from certpath.render.pager import writes_utf8

    out = stream or sys.stdout
    out.write(text if writes_utf8(out) else
              text.encode("ascii", "xmlcharrefreplace").decode("ascii"))


_NON_ASCII = re.compile("[^\x00-\x7f]")


def _json_escape(match: re.Match[str]) -> str:
    """Return a character as JSON's ``\\uXXXX`` escape (a surrogate pair past U+FFFF)."""
    code = ord(match[0])
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xd800 + (code >> 10):04x}\\u{0xdc00 + (code & 0x3ff):04x}"


def write_view(view: View, mode: OutputMode, stream: IO[str] | None = None) -> None:
    """Draw a view on ``stream`` (stdout) in the given mode."""
    from certpath.render.sanitiser import inert

    out = stream or sys.stdout
    if mode.terminal:
        import shutil

        from certpath.render.pager import write_paged

        drawn = _Drawn(getattr(out, "encoding", None))
        _write_rich(view, replace(mode, width=mode.width or shutil.get_terminal_size().columns),
                    drawn)
        write_paged(inert(drawn.getvalue()), mode.pager, out)
    else:
        out.write(inert(plain_text(view)))


class _Drawn(io.StringIO):
    """Text drawn for a stream, kept to check before it is written: Rich reads the stream's
    encoding from it (and draws ASCII boxes for an encoding without box characters)."""

    def __init__(self, encoding: str | None) -> None:
        super().__init__()
        self._encoding = encoding or "utf-8"

    @property
    def encoding(self) -> str:  # type: ignore[override]  # StringIO's is None: Rich reads this
        return self._encoding


def plain_text(view: View) -> str:
    """Return a view as plain, stable text: no box drawing, no escape codes, no wrapping."""
    lines: list[str] = []
    for block in view.blocks:
        if isinstance(block, Heading):
            if lines:
                lines.append("")
            lines.append(block.text if block.level == 1 else _labelled(block.text))
        elif isinstance(block, Fields):
            width = max(cells(k) for k, _ in block.items)
            lines.extend(f"{_pad(k + ':', width + 1)} {v}" for k, v in block.items)
        elif isinstance(block, Table):
            lines.extend(_plain_table(block))
        elif isinstance(block, Bullets):
            lines.extend(f"- {item}" for item in block.items)
        elif isinstance(block, Para):
            lines.append(block.text)
        elif isinstance(block, Tree):
            lines.extend(_plain_tree(block.roots))
        elif isinstance(block, Timeline):
            lines.extend(_plain_timeline(block))
    return "\n".join(lines) + "\n" if lines else ""


def cells(text: str) -> int:
    """Return how many terminal columns ``text`` takes: two for a wide character, none for a
    combining one (Unicode's East Asian Width and combining classes; Rich is not imported)."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(0 if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf")
               else 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in text)


def _pad(text: str, width: int) -> str:
    """Return ``text`` padded with spaces to ``width`` terminal columns."""
    return text + " " * (width - cells(text))


def _labelled(heading: str) -> str:
    """Return a section heading as a plain-text label: a colon, unless it ends in punctuation."""
    return heading if heading.endswith(("?", "!", ":", ".")) else f"{heading}:"


def _plain_timeline(block: Timeline) -> list[str]:
    from certpath.render.layout import PLAIN_BAR, bar_header, bar_scale, bars
    from certpath.render.sanitiser import inert

    per = bar_scale(block.weeks, PLAIN_BAR)
    drawn = bars([(a, b) for _, a, b in block.rows], block.weeks, per)
    labels = [inert(label) for label, _, _ in block.rows]  # before padding: columns stay aligned
    width = max(cells(label) for label in labels)
    return [f"{bar_header(block.weeks, per)}:",
            *(f"{_pad(label, width)}  {bar}" for label, bar in zip(labels, drawn, strict=True))]


def _plain_table(table: Table) -> list[str]:
    from certpath.render.sanitiser import inert

    lines = [table.title] if table.title else []
    widths = [cells(c) for c in table.columns]
    # a first cell starts a line: made inert before padding, so its columns stay aligned
    rows = [(inert(row[0]), *row[1:]) if row else row for row in table.rows]
    for row in rows:
        widths = [max(w, cells(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(row: tuple[str, ...]) -> str:
        return "  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip()

    lines.append(line(table.columns))
    lines.extend(line(row) for row in rows)
    return lines


def _plain_tree(roots: tuple[TreeNode, ...]) -> list[str]:
    lines: list[str] = []
    stack = [(node, 0) for node in reversed(roots)]
    while stack:  # depth-first without recursion: trees follow prerequisite chains
        node, depth = stack.pop()
        lines.append("  " * depth + node.text)
        stack.extend((child, depth + 1) for child in reversed(node.children))
    return lines


def _write_rich(view: View, mode: OutputMode, out: IO[str]) -> None:
    from rich.console import Console

    from certpath.render import terminal

    console = Console(file=out, width=mode.width, no_color=not mode.color, highlight=False,
                      color_system="auto" if mode.color else None, emoji=False, markup=False,
                      force_terminal=True)
    terminal.draw(console, view, color=mode.color)
