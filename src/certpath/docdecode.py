"""Decode a parsed YAML document into typed structs, pointing every error at its file:line:column.

The catalog (``catalog.py``), team files and the profile all explain decoding errors through
``explain``, so every file a user writes gets the same wording.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any, TypeVar

import msgspec

from certpath.yamldoc import Document, Key

T = TypeVar("T")

_ERROR = re.compile(r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)
_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[\.\.\.\]")
_WORDS = {"object": "a mapping", "array": "a list", "str": "text", "int": "a whole number",
          "float": "a number", "bool": "true or false", "date": "a date (YYYY-MM-DD)"}
_BOUNDS = {">": "above", ">=": "at least", "<": "below", "<=": "at most"}


def convert(doc: Document, base: Key, raw: Any, kind: type[T]) -> T | None:
    """Convert ``raw`` (found at ``base`` in ``doc``) to ``kind``; record a finding and return None."""
    try:
        return msgspec.convert(raw, kind)
    except msgspec.ValidationError as exc:
        where, message = explain(doc, base, str(exc), kind)
        doc.error(where, message)
        return None


def explain(doc: Document, base: Key, text: str, kind: type[Any]) -> tuple[Key, str]:
    """Turn a msgspec validation message into a document path and a plain message."""
    match = _ERROR.match(text)
    message, rel_text = (match["message"], match["path"] or "") if match else (text, "")
    rel: list[str | int] = []
    for step in _STEP.finditer(rel_text):
        if step.group(0) == "[...]":  # a mapping key msgspec does not name: stop at the mapping
            break
        rel.append(step[1] if step[1] else int(step[2]))
    where = (*base, *rel)
    unknown = re.match(r"Object contains unknown field `(.+)`", message)
    if unknown:
        return (*where, unknown[1]), unknown_key(unknown[1], fields_at(kind, rel))
    missing = re.match(r"Object missing required field `(.+)`", message)
    if missing:
        return where, f"missing required field {missing[1]!r}"
    choice = re.match(r"Invalid enum value '(.*)'$", message, re.DOTALL)
    if choice:
        return where, unknown_value(choice[1], _choices_at(kind, rel))
    return where, _plain(message, doc.raw.get(where))


def unknown_value(value: str, known: Sequence[str]) -> str:
    """Say that ``value`` is not one of the values ``known``, suggesting the nearest."""
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    listed = f" (one of: {', '.join(known)})" if known else ""
    return f"unknown value {value!r}{hint}{listed}"


def _plain(message: str, raw: str | None) -> str:
    """Say a msgspec type or constraint message in words, with a hint where one helps."""
    if "matching regex '^[A-Z]{3}" in message:
        return "a currency must be an ISO 4217 code of three capital letters, such as USD or EUR"
    if "matching regex" in message:
        return "an id must be lower-case letters, digits and hyphens, starting with a letter or digit"
    if "RFC3339" in message:
        return "expected a date written YYYY-MM-DD (a real date)"
    length = re.match(r"Expected `(?:str|array)` of length (>=|<=) (\d+)", message)
    if length:
        return "expected a value that is not empty" if length[2] == "1" and length[1] == ">=" \
            else f"expected a length {_BOUNDS[length[1]]} {length[2]}"
    bound = re.match(r"Expected `(?:int|float)` (>=|<=|>|<) ([-\d.e+]+)", message)
    if bound:
        return f"expected a number {_BOUNDS[bound[1]]} {float(bound[2]):g}"
    expected = re.match(r"Expected `(.+?)`, got `(.+?)`", message)
    if expected:
        kinds = [w.strip() for w in expected[1].split("|") if w.strip() != "null"]
        want = " or ".join(_WORDS.get(w, w) for w in kinds)
        text = f"expected {want}, got {_WORDS.get(expected[2], expected[2])}"
        if raw is not None and "text" in want:
            text += f" ({raw}); quote it: \"{raw}\""
        return text
    return (message[:1].lower() + message[1:]) if message else "invalid value"


def unknown_key(key: str, known: list[str]) -> str:
    """Say that ``key`` is not one of ``known``, suggesting the nearest."""
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else \
        (f"; known keys: {', '.join(known)}" if known else "")
    return f"unknown key {key!r}{hint}"


def fields_at(kind: type[Any], rel: Sequence[str | int]) -> list[str]:
    """Return the field names of the struct found by following ``rel`` from ``kind``."""
    info = _type_at(kind, rel)
    if isinstance(info, msgspec.inspect.StructType):
        return [f.name for f in info.fields]
    return []


def _choices_at(kind: type[Any], rel: Sequence[str | int]) -> list[str]:
    """Return the values a field found by following ``rel`` from ``kind`` may take, in order."""
    info = _type_at(kind, rel)
    if isinstance(info, msgspec.inspect.LiteralType):
        return [str(v) for v in info.values]
    if isinstance(info, msgspec.inspect.EnumType):
        return [str(m.value) for m in info.cls]
    return []


def _type_at(kind: type[Any], rel: Sequence[str | int]) -> msgspec.inspect.Type:
    """Follow ``rel`` (field names and list indexes) from ``kind`` to the type found there."""
    info: msgspec.inspect.Type = msgspec.inspect.type_info(kind)
    for step in rel:
        info = _unwrap(info)
        if isinstance(step, int) and isinstance(info, msgspec.inspect.ListType):
            info = info.item_type
        elif isinstance(step, str) and isinstance(info, msgspec.inspect.StructType):
            info = next((f.type for f in info.fields if f.name == step), info)
    return _unwrap(info)


def _unwrap(info: msgspec.inspect.Type) -> msgspec.inspect.Type:
    while isinstance(info, msgspec.inspect.Metadata):  # a field with a description or bounds
        info = info.type
    if isinstance(info, msgspec.inspect.UnionType):
        for member in info.types:
            member = _unwrap(member) if isinstance(member, msgspec.inspect.Metadata) else member
            if isinstance(member, (msgspec.inspect.StructType, msgspec.inspect.ListType)):
                return member
    return info
