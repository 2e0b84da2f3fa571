"""View blocks: the text that goes into tables and lists."""

from __future__ import annotations

from certpath.render.blocks import sentences
from certpath.render.sanitiser import clean


def test_sentences_join_with_spaces_and_phrases_with_semicolons() -> None:
    """Whole sentences read on with a space; short phrases are separated by semicolons."""
    assert sentences(["Labs are done.", "Exams are taken."]) == "Labs are done. Exams are taken."
    assert sentences(["labs", "mock exams"]) == "labs; mock exams"
    assert sentences(["Labs are done.", "mock exams"]) == "Labs are done.; mock exams"


def test_clean_removes_control_characters_but_keeps_text() -> None:
    """ESC, BEL and CR are dropped; markup-like text stays as it is."""
    assert clean("[red]x[/]\x1b[2J\x07\r") == "[red]x[/][2J"


def test_plain_section_headings_get_one_colon_unless_they_end_in_punctuation() -> None:
    """Piped, a section heading reads 'Testimonials:' but 'Why choose it?' keeps its own mark."""
    from certpath.render.blocks import View
    from certpath.render.console import plain_text

    view = View()
    view.heading("Testimonials", 2)
    view.heading("Why Choose AIOps School?", 2)
    view.heading("Note:", 2)
    assert plain_text(view).splitlines() == ["Testimonials:", "", "Why Choose AIOps School?", "", "Note:"]
