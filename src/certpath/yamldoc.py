"""Read one YAML file safely into plain data, keeping each node's position.

Every YAML input of certpath (catalog files, team files, the profile) comes through here, so the
same rules hold everywhere: a regular file within a size limit, UTF-8 without a byte-order mark,
a safe loader only, syntax errors with their position. What the parser's events may hold (tags,
merge keys, aliases, duplicate keys, YAML 1.1 traps) is ``yamltree``'s rule, applied here.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from certpath.errors import CatalogError, Finding
from certpath.yamltree import MAX_ALIASED as MAX_ALIASED
from certpath.yamltree import MAX_DEPTH as MAX_DEPTH
from certpath.yamltree import MAX_INTEGER as MAX_INTEGER
from certpath.yamltree import Builder, Index
from certpath.yamltree import Key as Key

if TYPE_CHECKING:
    from collections.abc import Iterable

    import yaml

MAX_FILE_BYTES = 16 * 1024 * 1024
"""The largest YAML file certpath reads (16 MiB)."""

_Loader: Any = None
"""The YAML loader class whose parser is used; None for the C safe loader where PyYAML has it
(several times faster) and the pure-Python safe loader otherwise, which behaves the same."""


@dataclass
class Document:
    """Plain data from one YAML file, with where each value stood and what was wrong.

    Positions are found only when something asks for one (a finding to report): a catalog that
    loads cleanly never pays for them.
    """

    source: str
    data: Any
    findings: list[Finding] = field(default_factory=list)
    text: str = field(default="", repr=False)
    _index: Index | None = field(default=None, repr=False)
    _packed: bytes | None = field(default=None, repr=False)

    def pack(self) -> None:
        """Keep the text compressed until a position is asked for (once the data is decoded).

        A loaded catalog keeps each file's text only to find positions for problems, which a
        catalog that loads cleanly never asks for; compressed, it takes a few times less memory.
        """
        if self._index is None and self.text:
            import zlib

            self._packed = zlib.compress(self.text.encode("utf-8"), 1)
            self.text = ""

    def _full_text(self) -> str:
        if self._packed is not None:
            import zlib

            self.text = zlib.decompress(self._packed).decode("utf-8")
            self._packed = None
        return self.text

    @property
    def marks(self) -> dict[Key, tuple[int, int]]:
        """The (line, column) of each value, by path."""
        return self._indexed()[0]

    @property
    def raw(self) -> dict[Key, str]:
        """The text of each plain scalar that YAML read as something other than text, by path."""
        return self._indexed()[1]

    def _indexed(self) -> Index:
        if self._index is None:
            index: Index = ({}, {})
            Builder(Document(self.source, None, _index=index), index).build(
                _events(self._full_text(), self.source))
            self._index = index
        return self._index

    def position(self, path: Key) -> tuple[int, int]:
        """Return the (line, column) of the value at ``path``, or of its nearest parent."""
        marks = self.marks
        while path not in marks and path:
            path = path[:-1]
        return marks.get(path, (0, 0))

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
    doc = Document(source, None, text=text)
    found = Builder(doc).build(_events(text, source))
    if found is None:
        doc.error((), "the file is empty (or holds only comments); expected a mapping")
        raise CatalogError(doc.findings)
    doc.data = found[0]
    if not keep_going and any(f.severity == "error" for f in doc.findings):
        raise CatalogError(doc.findings)
    return doc


def _char_at(text: str, line: int, column: int) -> str:
    """Return the character at a 0-based line and column of ``text`` ('' past its end)."""
    lines = text.split("\n", line + 1)
    return lines[line][column:column + 1] if line < len(lines) else ""


def _events(text: str, source: str) -> Iterable[yaml.Event]:
    """Yield the parser's events, turning a syntax error into a CatalogError."""
    import yaml  # only when a file is parsed: a cached catalog needs no YAML at all

    loader = _Loader or getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        yield from yaml.parse(text, Loader=loader)  # noqa: S506 - a safe loader only
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        if mark and _char_at(text, mark.line, mark.column) == "\t":
            problem = "a tab where YAML needs spaces: indent with spaces, not tabs"
        raise CatalogError([Finding(source, line, column, "error", f"YAML syntax: {problem}")]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids: binary data, most likely
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        message = (f"character U+{exc.character:04X} is not allowed in YAML; is this a binary file?"
                   if isinstance(exc.character, int) else f"YAML: {exc.reason}")
        raise CatalogError([Finding(source, line, column, "error", message)]) from None
    except yaml.YAMLError as exc:
        raise CatalogError([Finding(source, 0, 0, "error", f"YAML: {exc}")]) from None


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
