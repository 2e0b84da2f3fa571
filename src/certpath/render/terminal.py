"""Draw a view on a terminal with Rich, at the terminal's width, never breaking a word.

The widths are worked out in ``render.layout``; this module turns them into Rich renderables.
Rich is imported here only, when something is drawn on a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from certpath.render.blocks import Bullets, Fields, Heading, Para, Table, Timeline, Tree, View
from certpath.render.layout import (
    INDENT,
    bar_header,
    bar_scale,
    bars,
    cell_width,
    column_widths,
    cramped,
    longest_word,
)

_TIMELINE_LEAST = 12
"""The fewest marks a timeline bar gets beside its label before it goes under it instead."""


def draw(console: Any, view: View, *, color: bool) -> None:
    """Print every block of ``view`` on ``console``, fitted to its width."""
    from rich.text import Text

    def style(name: str) -> str:
        return name if color else ""

    for n, block in enumerate(view.blocks):
        if n and isinstance(block, (Heading, Timeline)):  # a blank line before each section
            console.print()
        if isinstance(block, Heading):
            console.print(Text(block.text, style=style("bold cyan" if block.level == 1 else "bold")))
        elif isinstance(block, Fields):
            _fields(console, block.items, indent=0, key_style=style("bold"), colon="")
        elif isinstance(block, Table):
            _table(console, block, color=color)
        elif isinstance(block, Bullets):
            _bullets(console, block.items)
        elif isinstance(block, Para):
            console.print(Text(block.text, style=style(block.style)))
        elif isinstance(block, Tree):
            _tree(console, block, color=color)
        elif isinstance(block, Timeline):
            _timeline(console, block, color=color)


def _fields(console: Any, items: Sequence[tuple[str, str]], *, indent: int, key_style: str,
            colon: str) -> None:
    """Labelled values: side by side when every value's words fit beside the labels, else under."""
    from rich.padding import Padding
    from rich.table import Table as RichTable
    from rich.text import Text

    keys = [key + colon for key, _ in items]
    key_width = max(cell_width(k) for k in keys)
    room = console.width - indent - key_width - 2
    if all(longest_word(value) <= room for _, value in items):
        grid = RichTable.grid(padding=(0, 2))
        grid.add_column(width=key_width, no_wrap=True)
        grid.add_column(width=max(1, min(room, max(cell_width(v) for _, v in items))))
        for key, (_, value) in zip(keys, items, strict=True):
            grid.add_row(Text(key, style=key_style), Text(value))
        console.print(Padding(grid, (0, 0, 0, indent)) if indent else grid)
        return
    for key, (_, value) in zip(keys, items, strict=True):
        console.print(Padding(Text(key, style=key_style), (0, 0, 0, indent)))
        console.print(Padding(Text(value), (0, 0, 0, indent + INDENT)))


def _table(console: Any, block: Table, *, color: bool) -> None:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    columns = [[header, *(row[i] for row in block.rows)] for i, header in enumerate(block.columns)]
    widths = column_widths(columns, console.width)
    if widths is None or cramped(columns, widths):
        _stacked(console, block, color=color)
        return
    table = RichTable(title=Text(block.title) if block.title else None, box=box.SIMPLE_HEAD,
                      show_edge=False, pad_edge=False, padding=(0, 1, 0, 0),
                      header_style="bold" if color else "")
    styles = block.styles or ("",) * len(block.columns)
    for header, style, width in zip(block.columns, styles, widths, strict=True):
        table.add_column(Text(header), style=style if color else "", width=width)
    for row in block.rows:
        table.add_row(*(Text(cell, style=_cell_style(block, cell) if color else "")
                        for cell in row))
    console.print(table)


def _cell_style(table: Table, cell: str) -> str:
    """The style of the first of the table's cell words that starts the cell ('' for none)."""
    return next((style for word, style in table.cell_styles if cell.startswith(word)), "")


def _stacked(console: Any, block: Table, *, color: bool) -> None:
    """A table too wide for the terminal: one block per row, its first cell as the title."""
    from rich.text import Text

    if block.title:
        console.print(Text(block.title, style="bold" if color else ""))
    numbered = block.columns[0] == "#" and len(block.columns) > 1
    first = 2 if numbered else 1
    title_style = (block.styles[first - 1] if block.styles else "") or "bold"
    for n, row in enumerate(block.rows):
        if n:
            console.print()
        title = f"{row[0]}. {row[1]}" if numbered else row[0]
        console.print(Text(title, style=title_style if color else ""))
        items = list(zip(block.columns[first:], row[first:], strict=True))
        if items:
            _fields(console, items, indent=INDENT, key_style="dim" if color else "", colon=":")


def _bullets(console: Any, items: Sequence[str]) -> None:
    from rich.table import Table as RichTable
    from rich.text import Text

    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(width=max(1, min(console.width - 2, max(cell_width(i) for i in items))))
    for item in items:
        grid.add_row("•", Text(item))
    console.print(grid)


def _timeline(console: Any, block: Timeline, *, color: bool) -> None:
    """Bars beside their labels where they fit at a useful resolution, else each under its label."""
    from rich.padding import Padding
    from rich.table import Table as RichTable
    from rich.text import Text

    label_width = max(cell_width(label) for label, _, _ in block.rows)
    beside = console.width - label_width - 2
    wanted = min(block.weeks, _TIMELINE_LEAST)
    room = beside if beside >= wanted else console.width - INDENT
    per = bar_scale(block.weeks, room)
    drawn = bars([(a, b) for _, a, b in block.rows], block.weeks, per)
    console.print(Text(bar_header(block.weeks, per), style="bold" if color else ""))
    bar_style = "green" if color else ""
    if beside >= wanted:
        grid = RichTable.grid(padding=(0, 2))
        grid.add_column(width=label_width, no_wrap=True, style="bold" if color else "")
        grid.add_column(no_wrap=True, style=bar_style)
        for (label, _, _), bar in zip(block.rows, drawn, strict=True):
            grid.add_row(Text(label), Text(bar))
        console.print(grid)
        return
    for (label, _, _), bar in zip(block.rows, drawn, strict=True):
        console.print(Text(label, style="bold" if color else ""))
        console.print(Padding(Text(bar, style=bar_style), (0, 0, 0, INDENT)))


def _tree(console: Any, block: Tree, *, color: bool) -> None:
    from rich.text import Text
    from rich.tree import Tree as RichTree

    def label(node: Any) -> Text:
        return Text.assemble(*((text, style if color else "") for text, style in node.spans))

    for root in block.roots:
        top = RichTree(label(root), guide_style="dim" if color else "")
        stack = [(top, child) for child in reversed(root.children)]
        while stack:
            parent, node = stack.pop()
            branch = parent.add(label(node))
            stack.extend((branch, child) for child in reversed(node.children))
        console.print(top)
