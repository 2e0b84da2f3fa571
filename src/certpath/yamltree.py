"""Turn a YAML parser's events into plain values, by the rules every certpath input follows.

No tags beyond the standard scalar and collection ones, no merge keys, a bound on alias expansion
and on nesting, duplicate keys as errors, and YAML 1.1 readings that differ from what a person
meant (``NO`` as false, ``012`` as octal, ``12:30`` as sexagesimal) reported with their position
instead of silently changing a value. Reading the file and keeping the result is ``yamldoc``'s job.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn, Protocol

from certpath.dates import iso_date
from certpath.errors import CatalogError, Finding

if TYPE_CHECKING:
    from collections.abc import Iterable

    import yaml

MAX_ALIASED = 100_000
"""The most values that aliases may repeat in one document (a bound on "billion laughs")."""

MAX_DEPTH = 500
"""The deepest nesting of lists and mappings certpath reads."""

MAX_INTEGER = 2**53 - 1
"""The largest whole number (in magnitude) certpath reads, in any file: every JSON reader keeps it
exactly, and it fits the 64-bit integers of the cache. Each field has its own, smaller bounds."""
_MAX_DIGITS = len(str(MAX_INTEGER))

Key = tuple[str | int, ...]
Index = tuple[dict[Key, tuple[int, int]], dict[Key, str]]
"""Where each value stood (line, column) and the text of each plain non-text scalar, by path."""
_TAG = "tag:yaml.org,2002:"
_BOOL_WORDS = {"true", "false"}
_SCALAR_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {f"{_TAG}seq", f"{_TAG}map"}
_SKIP = object()  # the key of a mapping entry that is reported and left out


class Findings(Protocol):
    """Where the builder reports problems: a document's findings, positioned by path."""

    source: str
    findings: list[Finding]

    def position(self, path: Key) -> tuple[int, int]:
        """Return the (line, column) of the value at ``path``, or of its nearest parent."""
        ...

    def error(self, path: Key, message: str, *, severity: str = "error") -> Finding:
        """Record a finding at the value at ``path`` and return it."""
        ...


@dataclass(frozen=True)
class _Duplicate:
    """A key seen before in the same mapping: its value is reported and left out."""

    key: str
    line: int


class _Frame:
    """A list or mapping being filled: where it stands and which key its next value goes under."""

    __slots__ = ("anchor", "is_key", "key", "path", "start", "value")

    def __init__(self, value: Any, path: Key, start: int, anchor: str | None, *, is_key: bool):
        self.value = value
        self.path = path
        self.start = start
        self.anchor = anchor
        self.is_key = is_key
        self.key: Any = None  # in a mapping: None while a key is expected


_SHARED_LEN = 200
"""Texts up to this length that repeat in a file are kept once (a catalog repeats its ids, skill
names and notes thousands of times; a loaded catalog holds every one)."""


class Builder:
    """Turn the parser's events into plain Python values, without recursion and without nodes.

    Building from events rather than a composed node tree keeps memory low (no node or mark objects
    for a whole file) and resolves each scalar's type only once. Positions are recorded only for
    a builder given an ``index`` to fill (see ``yamldoc.Document.marks``).
    """

    def __init__(self, doc: Findings, index: Index | None = None) -> None:
        import yaml

        self.doc = doc
        self.marks: dict[Key, tuple[int, int]] | None = None
        self.raw: dict[Key, str] | None = None
        if index is not None:
            self.marks, self.raw = index
        self.resolvers = yaml.resolver.Resolver.yaml_implicit_resolvers
        self.scalar_event = yaml.ScalarEvent
        self.alias_event = yaml.AliasEvent
        self.collection_ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        self.mapping_start = yaml.MappingStartEvent
        self.document_start = yaml.DocumentStartEvent
        self.anchors: dict[str, tuple[Any, int | None]] = {}
        self.nodes = 0  # values built so far, counting what aliases repeat
        self.strings: dict[str, str] = {}  # one object for each text repeated in the file
        self.aliased = 0

    def build(self, events: Iterable[yaml.Event]) -> tuple[Any] | None:
        """Return the document's value (in a 1-tuple), or None if the stream holds no value."""
        stack: list[_Frame] = []
        root: list[Any] = []
        documents = 0
        for event in events:
            kind = type(event)
            if kind is self.document_start:
                documents += 1
                if documents > 1:
                    self._fail(event, "expected a single document in the file, but found another")
            elif kind in self.collection_ends:
                self._close(stack)
            elif kind is self.scalar_event or kind is self.alias_event or hasattr(event, "anchor"):
                self._node(event, stack, root)
        return (root[0],) if root else None

    def _node(self, event: Any, stack: list[_Frame], root: list[Any]) -> None:
        parent = stack[-1] if stack else None
        if parent is not None and type(parent.value) is dict and parent.key is None:
            self._key_event(event, parent, stack)
            return
        if parent is not None and type(parent.key) is _Duplicate:
            self._finding(event, f"duplicate key {parent.key.key!r} (first at line {parent.key.line})")
            parent.key = _SKIP
        path = self._child_path(parent)
        if self.marks is not None:
            self.marks.setdefault(path, (event.start_mark.line + 1, event.start_mark.column + 1))
        self.nodes += 1
        if type(event) is self.scalar_event:
            value = self._scalar(self._resolved(event), path)
            if type(value) is str and len(value) <= _SHARED_LEN:  # ids, levels, skills, notes
                value = self.strings.setdefault(value, value)
            if event.anchor is not None:
                self._anchor(event, value, 1)
        elif type(event) is self.alias_event:
            value = self._alias(event, path)
        else:
            value = self._collection(event, path, stack, is_key=False)
            if value is None:
                return
        self._attach(parent, value, root)

    @staticmethod
    def _child_path(parent: _Frame | None) -> Key:
        if parent is None:
            return ()
        if type(parent.value) is list:
            return (*parent.path, len(parent.value))
        return parent.path if parent.key is _SKIP else (*parent.path, parent.key)

    def _attach(self, parent: _Frame | None, value: Any, root: list[Any]) -> None:
        if parent is None:
            root.append(value)
        elif type(parent.value) is dict:
            if parent.key is not _SKIP:
                parent.value[parent.key] = value
            parent.key = None
        else:
            parent.value.append(value)

    def _collection(self, event: Any, path: Key, stack: list[_Frame], *, is_key: bool) -> Any:
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _COLLECTION_TAGS:
            self.doc.error(path, f"unsupported YAML tag {tag!r}; certpath reads plain data only")
        if len(stack) >= MAX_DEPTH:
            self._fail(event, f"nested too deeply (nesting depth over {MAX_DEPTH} levels); flatten the data")
        value: Any = {} if type(event) is self.mapping_start else []
        if event.anchor is not None:
            self._anchor(event, value, None)
        stack.append(_Frame(value, path, self.nodes, event.anchor, is_key=is_key))
        return None if is_key else value

    def _close(self, stack: list[_Frame]) -> None:
        frame = stack.pop()
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.value, self.nodes - frame.start + 1)
        if frame.is_key:
            return
        if stack and type(stack[-1].value) is dict:
            stack[-1].key = None

    def _key_event(self, event: Any, parent: _Frame, stack: list[_Frame]) -> None:
        if type(event) is not self.scalar_event:
            self._finding(event, "a mapping key must be a plain string")
            parent.key = _SKIP
            if type(event) is not self.alias_event:
                self._collection(event, parent.path, stack, is_key=True)
            return
        key = self._key(self._resolved(event), parent.path)
        if key is None:
            parent.key = _SKIP
        elif key in parent.value:
            first = self.doc.position((*parent.path, key))
            parent.key = _Duplicate(key, first[0])
        else:
            parent.key = key

    def _alias(self, event: Any, path: Key) -> Any:
        if event.anchor not in self.anchors:
            self._fail(event, f"alias *{event.anchor} refers to no anchor before it")
        value, size = self.anchors[event.anchor]
        if size is None:
            self._fail(event, f"alias *{event.anchor} refers to a value that contains it")
        self.aliased += size
        self.nodes += size - 1
        if self.aliased > MAX_ALIASED:
            self._fail(event, f"aliases repeat more than {MAX_ALIASED} values (an alias bomb?); "
                       "write the values out")
        return value

    def _anchor(self, event: Any, value: Any, size: int | None) -> None:
        if event.anchor in self.anchors:
            self._finding(event, f"duplicate anchor &{event.anchor}; rename one of them")
        self.anchors[event.anchor] = (value, size)

    def _resolved(self, event: Any) -> Any:
        """Give a scalar event the tag YAML's resolver would (as composing a node does)."""
        if event.tag is None or event.tag == "!":
            text = event.value
            tag = f"{_TAG}str"
            if event.implicit[0]:
                for candidate, pattern in self.resolvers.get(text[:1] if text else "", []):
                    if pattern.match(text):
                        tag = candidate
                        break
            event.tag = tag
        return event

    def _finding(self, event: Any, message: str) -> Finding:
        mark = event.start_mark
        finding = Finding(self.doc.source, mark.line + 1, mark.column + 1, "error", message)
        self.doc.findings.append(finding)
        return finding

    def _fail(self, event: Any, message: str) -> NoReturn:
        self._finding(event, message)
        raise CatalogError(self.doc.findings)

    def _key(self, node: Any, path: Key) -> str | None:
        mark = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag == f"{_TAG}merge":
            self.doc.findings.append(Finding(self.doc.source, *mark, "error",
                                             "merge keys ('<<') are not supported; write the keys out"))
            return None
        value = self._scalar(node, (*path, node.value))
        if isinstance(value, bool) or value is None or not isinstance(value, (str, int)):
            self.doc.findings.append(Finding(self.doc.source, *mark, "error",
                                             f"key {node.value!r} is not a string; quote it"))
            return None
        return str(value)

    def _scalar(self, node: yaml.ScalarNode, path: Key) -> Any:
        text: str = node.value
        tag: str = node.tag
        if tag not in _SCALAR_TAGS:
            self.doc.error(path, f"unsupported YAML tag {tag!r}; certpath reads plain data only")
            return text
        if node.style or tag == f"{_TAG}str":  # quoted or block scalars are always text
            return text
        if self.raw is not None:
            self.raw[path] = text
        if tag == f"{_TAG}null":
            return None
        if tag == f"{_TAG}bool":
            if text.lower() in _BOOL_WORDS:
                return text.lower() == "true"
            return self._trap(path, text, "YAML 1.1 reads it as a boolean")
        if tag == f"{_TAG}int":
            return self._int(path, text)
        if tag == f"{_TAG}float":
            return self._float(path, text)
        return self._timestamp(path, text)

    def _trap(self, path: Key, text: str, reading: str) -> str:
        self.doc.error(path, f"ambiguous value {text}: {reading}; quote it (\"{text}\") if it is "
                       "text, or write the value plainly")
        return text

    def _int(self, path: Key, text: str) -> Any:
        digits = text.lstrip("+-")
        if "_" in text or ":" in text:
            return self._trap(path, text, "YAML 1.1 reads it as a number")
        if len(digits) > 1 and digits[0] == "0" and digits[1] not in "xb":
            return self._trap(path, text, "YAML 1.1 reads a leading 0 as octal")
        # Count digits before converting: Python refuses to convert thousands of them.
        value = None if len(digits) > 2 + 64 else int(text, 0) if digits[:2] in ("0x", "0b") \
            else None if len(digits) > _MAX_DIGITS else int(text)
        if value is None or abs(value) > MAX_INTEGER:
            return self._too_large(path, text)
        return value

    def _float(self, path: Key, text: str) -> Any:
        if "_" in text or ":" in text:
            return self._trap(path, text, "YAML 1.1 reads it as a number")
        value = float(text.lower().replace(".inf", "inf").replace(".nan", "nan"))
        if math.isnan(value) or "inf" in text.lower():
            self.doc.error(path, f"{text} is not a number certpath can use: write a finite number")
            return text
        if math.isinf(value):
            return self._too_large(path, text, "numbers")
        return value

    def _too_large(self, path: Key, text: str, what: str = "whole numbers") -> str:
        shown = text if len(text) <= 20 else f"{text[:12]}... ({len(text)} characters)"
        self.doc.error(path, f"the number {shown} is too large: certpath reads {what} from "
                       f"-{MAX_INTEGER:,} to {MAX_INTEGER:,} (each field has its own bounds)")
        return text

    def _timestamp(self, path: Key, text: str) -> Any:
        try:
            return iso_date(text)
        except ValueError:
            pass
        if len(text) == 10 and text[4] == text[7] == "-":  # YYYY-MM-DD, but no such day
            self.doc.error(path, f"{text} is not a real date")
            return text
        return self._trap(path, text, "YAML 1.1 reads it as a timestamp")
