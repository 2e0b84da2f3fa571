"""The cache's key, and the content hashes of catalog files that it is made of.

A key names the certpath version, the machine's layout, and each catalog file in overlay order
with its size and SHA-256. Hashing a large catalog costs more than loading it from the cache, so
a file's hash is remembered beside the cache while the file stays as it was (``FileDigests``).
Also here: the two ways the cache touches its own files, opening only a regular file and
replacing a file whole without failing when the cache directory cannot be written.
"""

from __future__ import annotations

import array
import contextlib
import hashlib
import os
import stat
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

import msgspec

from certpath import __version__
from certpath.errors import CertpathError
from certpath.layers import layer_files
from certpath.yamldoc import MAX_FILE_BYTES

FORMAT = 4
"""The layout of a cache entry; part of the key, so a new layout never reads an old entry."""


def catalog_key(overlay: Sequence[Path], digests: FileDigests | None = None) -> str | None:
    """Return the cache key of the catalog made of ``overlay``, or None if a file cannot be read.

    ``digests`` supplies the content hashes of files that have not changed since it last saw them.
    """
    digests = digests or FileDigests(None)
    machine = f"{sys.byteorder} {array.array('I').itemsize}"  # how ``spans`` is laid out
    digest = hashlib.sha256(f"certpath {__version__} cache {FORMAT} {machine}\n".encode())
    for layer in overlay:
        digest.update(b"dir " + os.fsencode(os.path.abspath(layer)) + b"\n")
        for _, file in layer_files(layer).files:
            try:
                info = file.stat()
                if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
                    return None  # a FIFO would block here: the loader explains what is wrong
                size, content = digests.of(file, info)
            except FileNotFoundError:
                continue
            except OSError:
                return None
            digest.update(b"file " + os.fsencode(file.relative_to(layer)) + f" {size}\n".encode())
            digest.update(content)
    return digest.hexdigest()


class _Known(msgspec.Struct, array_like=True, frozen=True):
    """A file's content hash, and the identity, size and times it had when it was hashed."""

    stamp: tuple[int, int, int, int, int]  # device, inode, size, modified, changed (ns)
    sha256: bytes


_REMEMBERED = msgspec.msgpack.Decoder(dict[str, _Known])


class FileDigests:
    """Content hashes of catalog files, remembered while the files stay as they were.

    Hashing a catalog file means reading all of it, which for a large catalog costs more than
    the rest of a cached load. So each hash is kept (in ``digests.msgpack`` in the cache
    directory) with the file's device, inode, size, modification time and change time, and used
    again while all five are unchanged. Any write to a file sets its change time to the current
    time, which no program can set back, so a changed file is always hashed again. A file changed
    within the last ``SETTLED_NS`` is not remembered: a second change within the same tick of the
    file system's clock could leave its times as they were. Nothing is remembered when
    ``directory`` is None, or on Windows, where a file has no change time; an unreadable or
    damaged ``digests.msgpack`` is ignored. A file system that keeps no change time of its own
    (FAT) would not show a same-size edit whose modification time was then set back; such a
    catalog can be read with ``--no-cache``.
    """

    SETTLED_NS = 2_000_000_000
    KEEP = 64

    def __init__(self, directory: Path | None) -> None:
        # On Windows a file's st_ctime is when it was created, not when it last changed.
        remember = os.name != "nt"
        self._file = directory / "digests.msgpack" if directory is not None and remember else None
        self._known: dict[str, _Known] = {}
        self._changed = False
        stream = None if self._file is None else open_regular(self._file, limit=1 << 20)
        if stream is not None:
            with stream, contextlib.suppress(OSError, msgspec.DecodeError,
                                             msgspec.ValidationError):
                self._known = _REMEMBERED.decode(stream.read())

    def of(self, file: Path, info: os.stat_result) -> tuple[int, bytes]:
        """Return the size and SHA-256 of ``file``, whose ``stat()`` is ``info``."""
        name = os.path.abspath(file)
        stamp = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        known = self._known.get(name)
        if known is not None and known.stamp == stamp:
            return info.st_size, known.sha256
        size, content = _file_digest(file)
        settled = time.time_ns() - self.SETTLED_NS
        if self._file is not None and size == info.st_size and max(stamp[3:]) < settled \
                and _storable(name):
            self._known.pop(name, None)
            self._known[name] = _Known(stamp, content)  # the most recent last
            self._changed = True
        return size, content

    def save(self) -> None:
        """Keep what was learnt (the most recent ``KEEP`` files); a failure to write is ignored."""
        if self._file is None or not self._changed:
            return
        kept = dict(list(self._known.items())[-self.KEEP:])
        replace_file(self._file, msgspec.msgpack.encode(kept))
        self._changed = False


def _storable(name: str) -> bool:
    """Whether a file name can be kept as text (a name that is not UTF-8 is hashed each time)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _file_digest(file: Path) -> tuple[int, bytes]:
    """Return a file's size and SHA-256, read through one small buffer (no copy of the file)."""
    content = hashlib.sha256()
    buffer = bytearray(1 << 18)
    view = memoryview(buffer)
    size = 0
    with file.open("rb", buffering=0) as stream:
        while count := stream.readinto(buffer):
            content.update(view[:count])
            size += count
    return size, content.digest()


def open_regular(path: Path, limit: int | None = None) -> BinaryIO | None:
    """Open ``path`` for reading if it is a regular file (of at most ``limit`` bytes), else None.

    Opened without blocking first: a FIFO put in its place must not hang certpath.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or (limit is not None and info.st_size > limit):
        os.close(fd)
        return None
    return os.fdopen(fd, "rb")


def replace_file(path: Path, data: bytes | Iterable[bytes]) -> bool:
    """Put ``data`` in place of ``path``, whole (not flushed to disk: a cache can be rebuilt).

    Return whether it was written; a directory that cannot be written is no error here.
    """
    from certpath.files import make_parent, write_atomic  # only when something is written
    try:
        make_parent(path)
        write_atomic(path, data, durable=False, new_owner_of=path.parent)
    except (OSError, CertpathError):
        return False
    return True
