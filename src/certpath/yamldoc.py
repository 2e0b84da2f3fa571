"""Read one YAML file safely into plain data, keeping each node's position.

Every YAML input of certpath (catalog files, team files, the profile) comes through here, so the
same rules hold everywhere: a safe loader only, a size limit, no tags beyond the standard scalar and
collection ones, no merge keys, a bound on alias expansion, duplicate keys as errors, and YAML 1.1
readings that differ from what a person meant (``NO`` as false, ``012`` as octal, ``12:30`` as
sexagesimal) reported with their position instead of silently changing a value.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from certpath.errors import CatalogError, Finding

MAX_FILE_BYTES = 16 * 1024 * 1024
"""The largest YAML file certpath reads (16 MiB)."""

MAX_ALIASED = 100_000
"""The most values that aliases may repeat in one document (a bound on "billion laughs")."""

Key = tuple[str | int, ...]
_TAG = "tag:yaml.org,2002:"
_BOOL_WORDS = {"true", "false"}
_SCALAR_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {f"{_TAG}seq", f"{_TAG}map"}

try:  # The C loader is several times faster; the pure-Python one behaves the same.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass
class Document:
    """Plain data from one YAML file, with where each value stood and what was wrong."""

    source: str
    data: Any
    marks: dict[Key, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Key, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def position(self, path: Key) -> tuple[int, int]:
        """Return the (line, column) of the value at ``path``, or of its nearest parent."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (0, 0))

    def error(self, path: Key, message: str, *, severity: str = "error") -> Finding:
        """Record a finding at the value at ``path`` and return it."""
        line, column = self.position(path)
        finding = Finding(self.source, line, column, severity, message)
        self.findings.append(finding)
        return finding


def read_yaml(path: Path, *, label: str | None = None, keep_going: bool = False) -> Document:
    """Read and parse the YAML file at ``path``; raise CatalogError if it cannot be used.

    With ``keep_going``, problems that leave a usable value (a YAML 1.1 trap, a duplicate key, a
    tag) are only recorded in the Document's findings, so that a caller can report them together
    with what it finds next.
    """
    source = label or str(path)
    data = _read_bytes(path, source)
    return parse_yaml(data, source=source, keep_going=keep_going)


def parse_yaml(data: bytes, *, source: str, keep_going: bool = False) -> Document:
    """Parse YAML bytes into a Document; raise CatalogError if they are not usable YAML."""
    text = _decode(data, source)
    try:
        node = yaml.compose(text, Loader=_Loader)  # noqa: S506 - a safe loader: CSafeLoader or SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise CatalogError([Finding(source, line, column, "error", f"YAML syntax: {problem}")]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids: binary data, most likely
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        message = (f"character U+{exc.character:04X} is not allowed in YAML; is this a binary file?"
                   if isinstance(exc.character, int) else f"YAML: {exc.reason}")
        raise CatalogError([Finding(source, line, column, "error", message)]) from None
    except yaml.YAMLError as exc:
        raise CatalogError([Finding(source, 0, 0, "error", f"YAML: {exc}")]) from None
    except RecursionError:
        raise CatalogError([Finding(source, 0, 0, "error", "YAML nested too deeply")]) from None
    doc = Document(source, None)
    if node is None:
        doc.error((), "the file is empty (or holds only comments); expected a mapping")
        raise CatalogError(doc.findings)
    doc.data = _Builder(doc).build(node)
    if not keep_going and any(f.severity == "error" for f in doc.findings):
        raise CatalogError(doc.findings)
    return doc


def _read_bytes(path: Path, source: str) -> bytes:
    def fail(message: str) -> CatalogError:
        return CatalogError([Finding(source, 0, 0, "error", message)])

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise fail("is a directory; expected a YAML file")
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
            raise fail("is not a regular file; expected a YAML file")
        if info.st_size > MAX_FILE_BYTES:
            raise fail(f"file is {info.st_size} bytes; the limit is {MAX_FILE_BYTES} bytes (16 MiB)")
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        broken = path.is_symlink()
        raise fail("is a broken symbolic link" if broken else "no such file") from None
    except PermissionError:
        raise fail("permission denied: cannot read the file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise fail("is a loop of symbolic links; point it at a real file") from None
        raise fail(f"cannot read the file: {os.strerror(exc.errno or 0) or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise fail(f"file is larger than the limit of {MAX_FILE_BYTES} bytes (16 MiB)")
    return data


def _decode(data: bytes, source: str) -> str:
    for bom, name in ((b"\xef\xbb\xbf", "UTF-8"), (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16")):
        if data.startswith(bom):
            message = f"the file starts with a {name} byte-order mark; save it as UTF-8 without one"
            raise CatalogError([Finding(source, 1, 1, "error", message)])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        raise CatalogError([Finding(source, line, column, "error", message)]) from None


class _Builder:
    """Turn a composed node tree into plain Python values without recursion."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.seen: set[int] = set()
        self.aliased = 0

    def build(self, root: yaml.Node) -> Any:
        holder: list[Any] = [None]
        stack: list[tuple[yaml.Node, Key, Any, Any]] = [(root, (), holder, 0)]
        while stack:
            node, path, parent, slot = stack.pop()
            if id(node) in self.seen:  # reached again through an alias
                self.aliased += 1
                if self.aliased > MAX_ALIASED:
                    self.doc.error(path, f"aliases repeat more than {MAX_ALIASED} values "
                                   "(an alias bomb?); write the values out")
                    raise CatalogError(self.doc.findings)
            else:
                self.seen.add(id(node))
            self.doc.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
            parent[slot] = self._value(node, path, stack)
        return holder[0]

    def _value(self, node: yaml.Node, path: Key, stack: list[Any]) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        if node.tag not in _COLLECTION_TAGS:
            self.doc.error(path, f"unsupported YAML tag {node.tag!r}; certpath reads plain data only")
        if isinstance(node, yaml.SequenceNode):
            items: list[Any] = [None] * len(node.value)
            for index in range(len(node.value) - 1, -1, -1):
                stack.append((node.value[index], (*path, index), items, index))
            return items
        mapping: dict[str, Any] = {}
        pending = []
        for key_node, value_node in node.value:
            key = self._key(key_node, path)
            if key is None:
                continue
            if key in mapping:
                first = self.doc.marks.get((*path, key), (0, 0))
                line, column = value_node.start_mark.line + 1, value_node.start_mark.column + 1
                self.doc.findings.append(Finding(self.doc.source, line, column, "error",
                                                 f"duplicate key {key!r} (first at line {first[0]})"))
                continue
            mapping[key] = None
            child = path + (key,)
            self.doc.marks[child] = (value_node.start_mark.line + 1, value_node.start_mark.column + 1)
            pending.append((value_node, child, mapping, key))
        stack.extend(reversed(pending))
        return mapping

    def _key(self, node: yaml.Node, path: Key) -> str | None:
        mark = (node.start_mark.line + 1, node.start_mark.column + 1)
        if not isinstance(node, yaml.ScalarNode):
            self.doc.findings.append(Finding(self.doc.source, *mark, "error",
                                             "a mapping key must be a plain string"))
            return None
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
        self.doc.raw[path] = text
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
        if digits.startswith(("0x", "0b")):
            return int(text, 0)
        if len(digits) > 1 and digits.startswith("0"):
            return self._trap(path, text, "YAML 1.1 reads a leading 0 as octal")
        return int(text)

    def _float(self, path: Key, text: str) -> Any:
        if "_" in text or ":" in text:
            return self._trap(path, text, "YAML 1.1 reads it as a number")
        lowered = text.lower().lstrip("+-")
        if lowered in (".inf", ".nan"):
            return float(text.lower().replace(".", ""))
        return float(text)

    def _timestamp(self, path: Key, text: str) -> Any:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return self._trap(path, text, "YAML 1.1 reads it as a timestamp")
