"""The building blocks of human output, independent of how they are drawn.

A view is a list of blocks. ``render.console`` draws them as Rich tables on a terminal and as
plain, stable text elsewhere. Every string that enters a block passes through ``clean`` (the
shared sanitiser, ``render.sanitiser``): catalog text is untrusted, so terminal control and
bidirectional characters are removed here, once, for both outputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from certpath.render.sanitiser import clean, line


@dataclass(frozen=True)
class Heading:
    """A section title."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Fields:
    """Labelled values, one per line."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    """Rows under column headers; ``styles`` names a Rich style per column (or '').

    ``cell_styles`` gives a style to each cell that starts with a word, over its column's.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    title: str = ""
    styles: tuple[str, ...] = ()
    cell_styles: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Bullets:
    """A list of short items."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Para:
    """A paragraph; ``style`` is a Rich style for terminals ('' for none)."""

    text: str
    style: str = ""


@dataclass(frozen=True)
class TreeNode:
    """One line of a tree: spans of (text, Rich style), and the lines under it."""

    spans: tuple[tuple[str, str], ...]
    children: tuple[TreeNode, ...] = ()

    @property
    def text(self) -> str:
        """The line without styles."""
        return "".join(text for text, _ in self.spans)


@dataclass(frozen=True)
class Tree:
    """Nested lines: a Rich tree on a terminal, indented lines elsewhere."""

    roots: tuple[TreeNode, ...]


@dataclass(frozen=True)
class Timeline:
    """Bars over weeks, one per label: drawn at the resolution the output's width allows.

    Each row is (label, first week, last week), weeks counted from 0; ``weeks`` is how many the
    timeline spans.
    """

    rows: tuple[tuple[str, int, int], ...]
    weeks: int


Block = Heading | Fields | Table | Bullets | Para | Tree | Timeline


@dataclass
class View:
    """A list of blocks, built up by a view function."""

    blocks: list[Block] = field(default_factory=list)

    def heading(self, text: object, level: int = 1) -> None:
        self.blocks.append(Heading(line(text), level))

    def fields(self, items: Iterable[tuple[str, object]]) -> None:
        kept = tuple((clean(k), clean(v)) for k, v in items if v not in (None, "", [], ()))
        if kept:
            self.blocks.append(Fields(kept))

    def table(self, columns: Sequence[str], rows: Iterable[Sequence[object]], *, title: str = "",
              styles: Sequence[str] = (), cell_styles: Iterable[tuple[str, str]] = ()) -> None:
        self.blocks.append(Table(tuple(line(c) for c in columns),
                                 tuple(tuple(line(c) for c in r) for r in rows),
                                 line(title), tuple(styles), tuple(cell_styles)))

    def bullets(self, items: Iterable[object], *, heading: str = "") -> None:
        kept = tuple(line(i) for i in items if i)
        if kept:
            if heading:
                self.heading(heading, 2)
            self.blocks.append(Bullets(kept))

    def para(self, text: object, style: str = "") -> None:
        if text:
            self.blocks.append(Para(clean(text), style))

    def timeline(self, rows: Iterable[tuple[object, int, int]], weeks: int) -> None:
        kept = tuple((clean(label), first, last) for label, first, last in rows)
        if kept:
            self.blocks.append(Timeline(kept, max(1, weeks)))

    def tree(self, roots: Iterable[TreeNode]) -> None:
        kept = tuple(roots)
        if kept:
            self.blocks.append(Tree(kept))


def tree_node(spans: Iterable[tuple[object, str]], children: Iterable[TreeNode] = ()) -> TreeNode:
    """Return a tree line; its text is cleaned like every other block's."""
    return TreeNode(tuple((line(t, strip=False), s) for t, s in spans if t), tuple(children))


def joined(items: Iterable[object], sep: str = ", ") -> str:
    """Join items into one cell."""
    return sep.join(line(i) for i in items)


def sentences(items: Iterable[object]) -> str:
    """Join items into one cell: with spaces when each is a sentence, else with semicolons."""
    texts = [line(i) for i in items if i]
    if texts and all(t.endswith((".", "!", "?")) for t in texts):
        return " ".join(texts)
    return "; ".join(texts)
