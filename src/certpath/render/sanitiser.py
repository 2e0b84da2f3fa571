"""The one sanitiser of text that certpath did not write, for every output surface.

Catalogs, profiles and team files are untrusted: a name may hold terminal control sequences (a
screen clear, a clipboard write, a hyperlink), bidirectional overrides and isolates (the "Trojan
Source" trick, which shows text in an order other than its own), lone surrogates (which no UTF-8
stream can write) or characters that XML forbids. Every human surface starts from ``clean``, which
removes them; each format then escapes its own markup:

    clean       terminal and plain text that may run over lines (a paragraph, a field's value)
    line        one line of text (a heading, a table cell): every run of white space is one space
    markdown    literal Markdown on one line (CommonMark and GitHub tables)
    xml         XML and HTML text or attribute values (SVG, JUnit, HTML reports)
    mermaid     a quoted Mermaid label
    dot         a quoted Graphviz DOT string
    ics         an iCalendar TEXT value (RFC 5545, 3.3.11)
    workflow    a GitHub Actions workflow command's message or property value
    json_text   a JSON document: faithful data, with control and bidirectional characters escaped
    inert       finished output: no line a CI runner would read as a command

A CI runner reads every line a step prints: GitHub Actions runs a line that starts with ``::``
(after white space) or holds ``##[`` as a workflow command (``::add-mask::``,
``::stop-commands::``, ``::error::``), Azure Pipelines one that holds ``##vso[``. ``inert`` is
applied to the whole of what certpath prints, so catalog text cannot start such a line, wherever
a table or a wrapped paragraph puts it.

JSON keeps every character (it is data, read back exactly), but writes the dangerous ones as
``\\uXXXX`` escapes, so a document printed on a terminal cannot drive it.
"""

from __future__ import annotations

import re
from typing import Any

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f"  # ARABIC LETTER MARK, LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings, PDF, overrides
    "\u2066\u2067\u2068\u2069"  # isolates and POP DIRECTIONAL ISOLATE
)
"""Characters that reorder the text shown around them (Unicode Bidirectional Algorithm, UAX #9)."""

_REMOVED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 controls but tab and line feed; DEL; C1 controls
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # BIDI_CONTROLS
    "\ufffe\uffff]"  # noncharacters that XML forbids
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(r"\s+")
_JSON_ESCAPED = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff\ufffe\uffff]")
"""What ``json.dumps(ensure_ascii=False)`` leaves raw but a terminal or a JavaScript reader would
act on (it escapes C0 controls itself)."""

_COMMAND_START = re.compile(r"^([^\S\n]*):(?=:)", re.MULTILINE)
"""A line that is a GitHub Actions workflow command: ``::`` after leading white space (the runner
trims white space as .NET's ``TrimStart`` does; Python's white space class holds all it trims)."""
_COMMAND_INSIDE = re.compile(r"##(vso)?\[")
"""The older GitHub form and Azure Pipelines' logging commands, read anywhere in a line."""

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
"""Characters that start markup anywhere in a line: code, emphasis, links, HTML, strikethrough,
entities, and table pipes."""
_MARKDOWN_LEADING = re.compile(r"^(?:([#+=-])|(\d+)([.)]))")
"""What turns a line (or a list item's text) into a heading, a list or a numbered item."""
_XML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_MERMAID = {"&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;"}


def clean(text: object) -> str:
    """Return ``text`` as a string safe on a terminal: controls, bidi controls and surrogates gone.

    Line feeds and tabs stay, and the line and paragraph separators (U+2028, U+2029) become line
    feeds; a lone surrogate becomes U+FFFD (it has no UTF-8 form).
    """
    value = "" if text is None else str(text)
    value = _SURROGATE.sub("\ufffd", value).replace("\u2028", "\n").replace("\u2029", "\n")
    return _REMOVED.sub("", value)


def line(text: object, *, strip: bool = True) -> str:
    """Return ``text`` cleaned and on one line: each run of white space is one space.

    With ``strip=False`` a space at either end is kept (for a piece of a longer line).
    """
    joined = _SPACES.sub(" ", clean(text))
    return joined.strip() if strip else joined


def markdown(text: object) -> str:
    """Return ``text`` as literal Markdown on one line: markup escaped, controls dropped."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", line(text))
    return _MARKDOWN_LEADING.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped)


def xml(text: object) -> str:
    """Return ``text`` for XML or HTML, as element text or a quoted attribute value.

    Every character left is one XML 1.0 allows, so the document stays well-formed.
    """
    return "".join(_XML.get(char, char) for char in clean(text))


def mermaid(text: object) -> str:
    """Return ``text`` for a double-quoted Mermaid label, on one line, entities for markup."""
    return "".join(_MERMAID.get(char, char) for char in line(text))


def dot(text: object) -> str:
    """Return ``text`` for a double-quoted Graphviz DOT string, on one line."""
    return line(text).replace("\\", "\\\\").replace('"', '\\"')


def ics(text: object) -> str:
    """Return ``text`` as an iCalendar TEXT value: backslash, ``;`` and ``,`` escaped, ``\\n`` lines."""
    value = clean(("" if text is None else str(text)).replace("\r\n", "\n"))  # a lone CR is a
    # control character, not a line end
    return "\\n".join(part.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                       for part in value.split("\n"))


def workflow(text: object, *, in_property: bool = False) -> str:
    """Return ``text`` for a GitHub Actions workflow command: a message, or a property value."""
    value = clean(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if in_property else value


def inert(text: str, *, colon: str = "\\:", bracket: str = "\\[") -> str:
    """Return finished output in which no line is a CI runner's command (see the module's notes).

    A line's leading ``:`` becomes ``colon`` and the ``[`` of ``##[`` or ``##vso[`` becomes
    ``bracket``: a backslash by default (Markdown reads ``\\:`` and ``\\[`` as the plain
    characters), a character reference for XML, a ``\\u`` escape for JSON.
    """
    text = _COMMAND_START.sub(lambda m: m[1] + colon, text)
    return _COMMAND_INSIDE.sub(lambda m: m[0][:-1] + bracket, text)


def json_text(doc: Any, *, indent: int | None = 2) -> str:
    """Return ``doc`` as JSON text: every string kept exactly, dangerous characters escaped."""
    import json  # here, not above: commands without --json need not import it

    text = json.dumps(doc, indent=indent, ensure_ascii=False)
    # a JSON line starts with a quote, a bracket or a value, never "::"; "##[" may be in a string
    return inert(_JSON_ESCAPED.sub(lambda m: f"\\u{ord(m[0]):04x}", text), bracket="\\u005b")
