"""Column widths: never below a column's longest word, never past its longest line, and fitting."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from certpath.render.layout import GAP, bar_scale, bars, column_widths

WORD = st.text(alphabet="abcdefghij-/0123456789", min_size=1, max_size=12)
CELL = st.lists(WORD, min_size=1, max_size=6).map(" ".join)
TABLE = st.integers(min_value=2, max_value=8).flatmap(
    lambda rows: st.lists(st.lists(CELL, min_size=rows, max_size=rows), min_size=1, max_size=6))


@given(TABLE, st.integers(min_value=10, max_value=250))
def test_widths_keep_words_whole_and_fit(columns: list[list[str]], width: int) -> None:
    """Either the table fits with every word whole, or no layout can (the least exceeds the room)."""
    widths = column_widths(columns, width)
    least = [max(len(w) for t in texts for w in t.split()) for texts in columns]
    most = [max(len(t) for t in texts) for texts in columns]
    room = width - GAP * (len(columns) - 1)
    if widths is None:
        assert sum(least) > room
        return
    assert all(lo <= w <= hi for lo, w, hi in zip(least, widths, most, strict=True))
    assert sum(widths) <= room
    if sum(most) <= room:
        assert widths == most


def test_the_column_that_costs_no_lines_narrows_first() -> None:
    """In a row that wraps anyway, the other cell wraps too rather than a row that fits wrapping."""
    columns = [["A", "aaa bbb ccc", "x"], ["B", "dd ee", "ff gg hh"]]
    # 11 + 8 + GAP is 21: at 19, 2 columns must go. Either first row or second row wraps (one
    # line more either way); taking both from A (11 -> 9: 'aaa bbb' / 'ccc') costs no more lines.
    assert column_widths(columns, 19) == [9, 8]


def test_bars_scale_to_the_room() -> None:
    """A timeline of 104 weeks in 52 marks puts two weeks in a mark; bars are equally long."""
    per = bar_scale(104, 52)
    assert per == 2
    drawn = bars([(0, 9), (10, 103)], 104, per)
    assert drawn == ["█" * 5 + "·" * 47, "·" * 5 + "█" * 47]
    assert bar_scale(10, 40) == 1


def test_cramped_tables_are_told_apart() -> None:
    """Rows of 4 lines on average read better stacked; rows of 3 lines do not."""
    from certpath.render.layout import cramped

    # At width 5 'aa bb cc dd' wraps to 'aa bb' / 'cc dd': 2 lines; 'aa bb cc dd ee ff gg' to 4.
    prose = [["Head", "aa bb cc dd ee ff gg", "aa bb cc dd ee ff gg"], ["B", "x", "y"]]
    assert cramped(prose, [5, 1])
    mixed = [["Head", "aa bb cc dd ee ff gg", "aa bb"], ["B", "x", "y"]]
    assert not cramped(mixed, [5, 1])  # 4 + 1 lines over 2 rows: 2.5 on average
    assert not cramped(prose, [20, 1])  # each row on one line
