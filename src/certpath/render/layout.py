"""Fit output to a terminal's width without breaking a word, an id, a date or a number.

Text wraps only at spaces. A table's columns get the width their content needs: every column at
least its longest word, the room left shared by how much more each would use. When even the
longest words do not fit side by side, or when they fit only in columns so narrow that a row takes
four lines or more on average, the table is drawn stacked instead: one block per row,
``label: value``. Timeline bars are drawn at the resolution the width allows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

GAP = 2
"""Columns between two table columns: a space of padding and the space that separates them."""

INDENT = 2
"""How far a stacked row's fields, and a value under its label, are indented."""

PLAIN_BAR = 52
"""The widest timeline bar where no width is known (piped output)."""


def cell_width(text: str) -> int:
    """Return how many terminal columns ``text`` takes (wide characters count twice)."""
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.splitlines()), default=0)


def longest_word(text: str) -> int:
    """Return the width of the longest run of non-spaces in ``text``: the least it can wrap to."""
    from rich.cells import cell_len

    return max((cell_len(word) for word in text.split()), default=0)


def column_widths(columns: Sequence[Sequence[str]], width: int) -> list[int] | None:
    """Return each column's width for a table ``width`` wide, or None when it cannot fit.

    ``columns`` holds each column's texts, its header first. A column never gets less than its
    longest word nor more than its longest line. From the widest, columns narrow one column at a
    time where it costs the table fewest lines (then fewest lines within its cells).
    """
    least = [max((longest_word(t) for t in texts), default=0) for texts in columns]
    most = [max((cell_width(t) for t in texts), default=0) for texts in columns]
    room = width - GAP * (len(columns) - 1)
    if sum(least) > room:
        return None
    if sum(most) <= room:
        return most
    if sum(len(texts) for texts in columns) > _MOST_CELLS_WEIGHED:
        return _shrink_widest(least, most, room)
    return _fewest_lines([[_words(t) for t in texts] for texts in columns], least, most, room)


CRAMPED_ROW_LINES = 4
"""Rows of a table that take this many lines on average read better as stacked blocks."""


def cramped(columns: Sequence[Sequence[str]], widths: Sequence[int]) -> bool:
    """Say whether a table of these column ``widths`` wraps so much it reads better stacked.

    ``columns`` holds each column's texts, its header first. Narrow columns of prose wrap a few
    words to a line; when the rows average ``CRAMPED_ROW_LINES`` lines, one ``label: value``
    block per row is easier to read and rarely longer.
    """
    if sum(len(texts) for texts in columns) > _MOST_CELLS_WEIGHED or not columns:
        return False
    rows = len(columns[0]) - 1
    if rows < 1:
        return False
    lines = sum(max(_lines(_words(texts[r]), width) for texts, width in zip(columns, widths,
                                                                             strict=True))
                for r in range(1, rows + 1))
    return lines >= CRAMPED_ROW_LINES * rows


_CELL_LINES_WEIGHT = 1_000_000
"""A line of the table counts for more than any number of lines inside cells."""

_MOST_CELLS_WEIGHED = 1000
"""Above this many cells, widths are shared without counting lines (it would take too long)."""


def _words(text: str) -> list[int]:
    from rich.cells import cell_len

    return [cell_len(word) for word in text.split()]


def _lines(words: Sequence[int], width: int) -> int:
    """Return how many lines words of these widths take, wrapped at spaces to ``width``."""
    count, used = 1, 0
    for word in words:
        if used and used + 1 + word > width:
            count, used = count + 1, word
        else:
            used += word + (1 if used else 0)
    return count


def _fewest_lines(cells: list[list[list[int]]], least: list[int], most: list[int],
                  room: int) -> list[int]:
    """Narrow the columns from their widest, a column at a time, where it costs fewest lines."""
    widths = list(most)
    lines = [[1] * len(column) for column in cells]

    def cost(replaced: int, column: list[int]) -> int:
        """The table's lines, then (to break ties) the lines of all its cells."""
        chosen = [column if i == replaced else lines[i] for i in range(len(cells))]
        rows: int = sum(max(row) for row in zip(*chosen, strict=True))
        inside: int = sum(sum(column) for column in chosen)
        return rows * _CELL_LINES_WEIGHT + inside

    excess = sum(widths) - room
    while excess > 0:
        best: tuple[int, int, int, list[int]] | None = None
        for i, column in enumerate(cells):
            if widths[i] > least[i]:
                changed = [_lines(c, widths[i] - 1) for c in column]
                candidate = (cost(i, changed), -widths[i], i, changed)
                if best is None or candidate[:2] < best[:2]:
                    best = candidate
        if best is None:  # cannot happen: the least widths fit, so some column can narrow
            break
        _, _, i, changed = best
        widths[i] -= 1
        lines[i] = changed
        excess -= 1
    return widths


def _shrink_widest(least: list[int], most: list[int], room: int) -> list[int]:
    """Share the room by narrowing the widest column that can still wrap, one column at a time."""
    widths = list(most)
    excess = sum(widths) - room
    while excess > 0:
        i = max((i for i, w in enumerate(widths) if w > least[i]), key=lambda i: widths[i])
        widths[i] -= 1
        excess -= 1
    return widths


def bar_scale(weeks: int, width: int) -> int:
    """Return how many weeks one mark of a timeline stands for, to fit ``width`` marks."""
    return max(1, math.ceil(weeks / max(1, width)))


def bars(rows: Sequence[tuple[int, int]], weeks: int, per: int) -> list[str]:
    """Return one bar per (first week, last week) row, 0-based, ``per`` weeks to a mark."""
    marks = math.ceil(weeks / per)
    drawn = []
    for first, last in rows:
        start, end = first // per, last // per
        drawn.append("·" * start + "█" * (end - start + 1) + "·" * (marks - end - 1))
    return drawn


def bar_header(weeks: int, per: int) -> str:
    """Return the words above a timeline: its weeks and what one mark stands for."""
    unit = "week" if per == 1 else f"{per} weeks"
    return f"Weeks 1-{weeks} (one mark per {unit})"
