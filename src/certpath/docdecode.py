"""Decode a parsed YAML document into typed structs, pointing every error at its file:line:column.

The catalog has its own, richer decoder (``catalog.py``); this one serves the smaller files a user
writes by hand (the profile, team files) with the same quality of message.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, TypeVar

import msgspec

from certpath.yamldoc import Document, Key

T = TypeVar("T")

_ERROR = re.compile(r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)
_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[\.\.\.\]")
_WORDS = {"object": "a mapping", "array": "a list", "str": "text", "int": "a whole number",
          "float": "a number", "bool": "true or false", "date": "a date (YYYY-MM-DD)"}


def convert(doc: Document, base: Key, raw: Any, kind: type[T]) -> T | None:
    """Convert ``raw`` (found at ``base`` in ``doc``) to ``kind``; record a finding and return None."""
    try:
        return msgspec.convert(raw, kind)
    except msgspec.ValidationError as exc:
        where, message = explain(str(exc), base, kind)
        doc.error(where, message)
        return None


def explain(text: str, base: Key, kind: type[Any]) -> tuple[Key, str]:
    """Turn a msgspec validation message into a document path and a plain message."""
    match = _ERROR.match(text)
    message, rel = (match["message"], match["path"] or "") if match else (text, "")
    where: list[str | int] = list(base)
    for step in _STEP.finditer(rel):
        if step.group(0) == "[...]":  # a mapping key msgspec does not name: stop at the mapping
            break
        where.append(step[1] if step[1] else int(step[2]))
    unknown = re.match(r"Object contains unknown field `(.+)`", message)
    if unknown:
        known = list(getattr(kind, "__struct_fields__", ()))
        close = difflib.get_close_matches(unknown[1], known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(known)}"
        return (*where, unknown[1]), f"unknown key {unknown[1]!r}{hint}"
    missing = re.match(r"Object missing required field `(.+)`", message)
    if missing:
        return tuple(where), f"missing required field {missing[1]!r}"
    expected = re.match(r"Expected `(.+?)`, got `(.+?)`", message)
    if expected:
        want = " or ".join(_WORDS.get(w.strip(), w.strip()) for w in expected[1].split("|")
                           if w.strip() != "null")
        return tuple(where), f"expected {want}, got {_WORDS.get(expected[2], expected[2])}"
    return tuple(where), (message[:1].lower() + message[1:]) if message else "invalid value"
