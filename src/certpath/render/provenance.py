"""Readings and sources in human output: labels for readings, and ``show --sources``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from certpath.provenance import facts, source_of, text_of
from certpath.provenance import reading as reading_of
from certpath.render.blocks import Bullets, Fields, Heading, Para, Table, View, joined

if TYPE_CHECKING:  # types only
    from certpath.model import Sourced

READING = " (reading)"
LEGEND = ("(reading): certpath's reading of the catalog's source, not its words "
          "('certpath show CERT --sources' and the JSON say why).")


def mark(entry: Any, name: str, text: str | None) -> str | None:
    """Return ``text`` labelled when field ``name`` of ``entry`` is a reading or an estimate."""
    if text is None:
        return None
    if reading_of(entry, name) is not None:
        return text + READING
    item = source_of(entry, name)
    if item is not None and item.kind == "estimate":
        return text + " (estimate)"
    return text


def heading(entry: Any, name: str, title: str) -> str:
    """Return a list's heading, labelled when the list is a reading or an estimate."""
    return mark(entry, name, title) or title


def legend(view: View) -> View:
    """Add the line that explains the reading label, if the view uses it."""
    if any(READING.strip() in text for text in _texts(view)):
        view.para(LEGEND, "italic")
    return view


def _texts(view: View) -> Iterator[str]:
    for block in view.blocks:
        if isinstance(block, Heading | Para):
            yield block.text
        elif isinstance(block, Bullets):
            yield from block.items
        elif isinstance(block, Fields):
            yield from (value for _, value in block.items)
        elif isinstance(block, Table):
            yield from (cell for row in block.rows for cell in row)


def sources_view(entry: Sourced, view: View) -> View:
    """Each fact of an entry with its source section and words, or its reading or estimate."""
    rows = []
    for fact in facts(entry):
        words = joined((f"“{q}”" for q in fact.quotes), " ")
        if fact.kind in ("reading", "estimate"):
            words = f"{fact.kind}: {fact.reason or 'not stated'}" + (f" (from {words})" if words
                                                                     else "")
        elif fact.kind == "untraced":
            words = "not traced to a source"
        rows.append((fact.path, _short(fact.value), fact.section or "-", words))
    view.heading("Sources", 2)
    view.table(("Fact", "Value", "Section of the source", "Its words, or why not"), rows,
               styles=("bold", "", "cyan", ""))
    return view


def _short(value: Any, limit: int = 60) -> str:
    text = joined(text_of(value), "; ")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
