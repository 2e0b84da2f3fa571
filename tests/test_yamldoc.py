"""Reading YAML safely: positions, YAML 1.1 traps, and hostile documents."""

from __future__ import annotations

import pytest

from certpath.errors import CatalogError
from certpath.yamldoc import MAX_ALIASED, parse_yaml


def messages(text: str | bytes) -> list[str]:
    """Return the findings for a document that must be rejected."""
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(CatalogError) as info:
        parse_yaml(data, source="f.yaml")
    return [str(f) for f in info.value.findings]


def test_values_and_positions() -> None:
    """Plain scalars are typed as YAML 1.2 reads them, and each value keeps its line and column."""
    doc = parse_yaml(b"a: 1\nb:\n  - true\n  - 'NO'\n  - 1.5\n", source="f.yaml")
    assert doc.data == {"a": 1, "b": [True, "NO", 1.5]}
    assert doc.position(("b", 1)) == (4, 5)
    assert doc.position(("a",)) == (1, 4)


@pytest.mark.parametrize(("text", "word"), [
    ("level: NO\n", "NO"), ("x: on\n", "on"), ("x: Yes\n", "Yes"), ("x: 012\n", "012"),
    ("x: 12:30\n", "12:30"), ("x: 1_000\n", "1_000"),
])
def test_yaml11_traps_are_errors_with_position(text: str, word: str) -> None:
    """A plain scalar that YAML 1.1 would silently turn into a bool or number is an error."""
    [message] = messages(text)
    column = text.index(word) + 1
    assert message.startswith(f"f.yaml:1:{column}: error: ambiguous value")
    assert f'"{word}"' in message


def test_duplicate_key_names_both_lines() -> None:
    """A duplicate key is an error at the second, naming the first."""
    [message] = messages("a: 1\nb: 2\na: 3\n")
    assert message == "f.yaml:3:4: error: duplicate key 'a' (first at line 1)"


@pytest.mark.parametrize("text", [
    "x: !!python/object:os.system ls\n", "x: !custom 1\n", "x: !!binary aGk=\n",
    "x: !!set {a: null}\n",
])
def test_non_standard_tags_are_rejected(text: str) -> None:
    """Only plain data is read: any tag beyond the standard scalars and collections is an error."""
    [message] = messages(text)
    assert "unsupported YAML tag" in message


def test_alias_bomb_is_bounded() -> None:
    """A billion-laughs document stops at the expansion limit instead of eating memory."""
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 10) + "]")
    [message] = messages("\n".join(lines) + "\n")
    assert f"more than {MAX_ALIASED} values" in message


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    """Nesting 100,000 levels deep gives a syntax error, not a RecursionError or a crash."""
    [message] = messages("[" * 100_000 + "]" * 100_000)
    assert "f.yaml:1:" in message
    assert "nest" in message


@pytest.mark.parametrize(("data", "expected"), [
    (b"", "empty"), (b"# only a comment\n", "empty"),
    (b"\xef\xbb\xbfa: 1\n", "byte-order mark"), (b"a: \xff\xfe\n", "not valid UTF-8"),
    (b"a:\n\tb: 1\n", "YAML syntax"), (b"a: [1, 2\n", "YAML syntax"),
    (b"<<: {a: 1}\n", "merge keys"),
])
def test_unusable_documents(data: bytes, expected: str) -> None:
    """Empty, mis-encoded and malformed documents are errors that say what is wrong."""
    assert any(expected in m for m in messages(data))


def test_deep_nesting_with_the_pure_python_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the C loader, 100,000 levels of nesting still give an error, not a RecursionError."""
    import yaml

    from certpath import yamldoc

    monkeypatch.setattr(yamldoc, "_Loader", yaml.SafeLoader)
    [message] = messages("a: " + "[" * 100_000 + "]" * 100_000)
    assert "nested too deeply" in message


def test_positions_survive_packing_the_text() -> None:
    """After its text is packed away, a document still places a value at its line and column."""
    doc = parse_yaml(b"a: 1\nitems:\n  - {id: x, name: Y}\n", source="t.yaml")
    doc.pack()
    assert doc.text == ""
    assert doc.position(("items", 0, "name")) == (3, 19)  # the Y of "name: Y"
    assert doc.position(("a",)) == (1, 4)


def test_repeated_texts_are_one_object() -> None:
    """A text repeated in a file is held once, however often it appears."""
    doc = parse_yaml(b"- {track: cloud-ops}\n- {track: cloud-ops}\n", source="t.yaml")
    first, second = doc.data
    assert first["track"] == "cloud-ops"
    assert first["track"] is second["track"]
