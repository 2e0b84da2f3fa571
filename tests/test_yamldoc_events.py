"""Reading YAML from the parser's events: anchors, aliases, documents, depth, lazy positions."""

from __future__ import annotations

import pytest

from certpath.errors import CatalogError
from certpath.yamldoc import MAX_DEPTH, parse_yaml


def messages(text: str) -> list[str]:
    """Return the findings for a document that must be rejected."""
    with pytest.raises(CatalogError) as info:
        parse_yaml(text.encode(), source="f.yaml")
    return [str(f) for f in info.value.findings]


def test_alias_repeats_the_anchored_value() -> None:
    """An alias stands for the value of its anchor."""
    doc = parse_yaml(b"a: &x [1, {b: c}]\nd: *x\n", source="f.yaml")
    assert doc.data == {"a": [1, {"b": "c"}], "d": [1, {"b": "c"}]}


def test_positions_are_found_after_a_clean_parse() -> None:
    """A document read without findings still gives each value's line and column when asked."""
    doc = parse_yaml(b"top:\n  - id: a\n    name: A\n  - id: b\n", source="f.yaml")
    assert doc.position(("top", 1, "id")) == (4, 9)
    assert doc.position(("top", 0, "missing")) == (2, 5)
    assert doc.raw == {}


def test_raw_text_of_plain_scalars_read_as_non_text() -> None:
    """The raw text of a plain scalar read as a number is kept, for a 'quote it' hint."""
    doc = parse_yaml(b"version: 1.10\nname: x\n", source="f.yaml")
    assert doc.raw == {("version",): "1.10"}


@pytest.mark.parametrize(("text", "expected"), [
    ("a: *x\n", "f.yaml:1:4: error: alias *x refers to no anchor before it"),
    ("a: &x [*x]\n", "f.yaml:1:8: error: alias *x refers to a value that contains it"),
    ("a: 1\n---\nb: 2\n", "f.yaml:2:1: error: expected a single document in the file, but found another"),
    ("? [a]\n: 1\n", "f.yaml:1:3: error: a mapping key must be a plain string"),
    ("a: &x 1\nb: &x 2\n", "f.yaml:2:4: error: duplicate anchor &x; rename one of them"),
    ("a: {c: 2, c: 3}\n", "f.yaml:1:14: error: duplicate key 'c' (first at line 1)"),
])
def test_structural_problems_are_errors_with_position(text: str, expected: str) -> None:
    """Undefined, recursive and duplicate anchors, extra documents and odd keys are errors."""
    assert messages(text) == [expected]


def test_nesting_limit_is_exact() -> None:
    """Nesting up to the limit is read; one level more is an error."""
    deep = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    assert parse_yaml(f"a: {deep}\n".encode(), source="f.yaml").data["a"] is not None
    [message] = messages(f"a: [{deep}]\n")
    assert f"nesting depth over {MAX_DEPTH} levels" in message
