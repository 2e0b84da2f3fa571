"""A cache of loaded catalogs, so that a catalog that has not changed is not parsed again.

An entry is keyed by the certpath version and, for each catalog directory in overlay order, the
name and content hash of each catalog file in it: any change to any file (or to which files and
directories are used) gives a new key, so an entry is never stale. Only a catalog that loaded
without errors is stored, with its warnings. An entry that cannot be read or decoded, or a cache
directory that cannot be written, is ignored: the catalog is loaded from its files as if there
were no cache, and the answer is the same. The index of an entry is checked (CRC-32) when it is
read, and each certification when it is decoded; a certification found damaged then makes the
catalog's certifications load from the files after all.

Positions of entries (``Catalog.origins``) are not stored: they serve only to report problems,
and a cached catalog has none. ``certpath validate`` therefore always loads from the files.
"""

from __future__ import annotations

import array
import contextlib
import gc
import itertools
import mmap
import os
import struct
import time
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import msgspec

from certpath.cachekey import FileDigests, catalog_key, open_regular, replace_file
from certpath.catalog import Catalog, layer_dirs, load_catalog
from certpath.errors import Finding
from certpath.model import (
    Certification,
    FaqSection,
    Institution,
    LearningPath,
    Level,
    Role,
    Track,
)

KEEP = 8
"""How many entries the cache keeps (the most recently written)."""

ENV_DISABLE = "CERTPATH_NO_CACHE"
"""Set to a non-empty value other than ``0`` to turn the cache off."""

ENV_DIR = "CERTPATH_CACHE_DIR"
"""Set to a directory to keep the cache there instead of the user's cache directory."""


class _Index(msgspec.Struct, frozen=True):
    """A cache entry's index: every entry but the certifications, and where each of those is.

    An entry is a header (the CRC-32 and length of the index), the index, then every
    certification encoded on its own, back to back. ``spans`` holds, for each certification in
    catalog order, the offset where it ends and its own CRC-32 (unsigned 32-bit integers in this
    machine's order, which is part of the key). A command decodes only the certifications it
    looks at, each checked first (a path through 10,000 in the benchmark decodes about 1,500).
    """

    files: list[str]
    warnings: list[Finding]
    levels: list[Level]
    tracks: list[Track]
    faq: list[FaqSection]
    roles: list[Role]
    learning_paths: list[LearningPath]
    institutions: list[Institution]
    key: str  # the key the entry is stored under, so a misplaced entry is not believed
    certification_ids: list[str]
    spans: memoryview
    dependents: memoryview  # dict[str, list[str]], decoded when first asked for


_HEADER = struct.Struct("<II")  # the index's CRC-32 and length
_SECTIONS = ("levels", "tracks", "faq", "roles", "learning_paths", "institutions")
_CERTIFICATION = msgspec.msgpack.Decoder(Certification)
_DEPENDENTS = msgspec.msgpack.Decoder(dict[str, list[str]])


class StoredCertifications(Mapping[str, Certification]):
    """A cached catalog's certifications, in catalog order, each decoded when first asked for.

    A certification whose bytes fail their check (the file was damaged after it was written)
    makes it load every certification from the catalog files instead, through ``recover``: the
    answer is the same as without a cache.
    """

    def __init__(self, ids: list[str], encoded: memoryview, spans: memoryview,
                 recover: Callable[[], Mapping[str, Certification]]) -> None:
        self._at = {cert_id: i for i, cert_id in enumerate(ids)}
        self._encoded = encoded
        self._spans = spans
        self._recover = recover
        self._decoded: dict[str, Certification] = {}

    def __getitem__(self, cert_id: str) -> Certification:
        found = self._decoded.get(cert_id)
        if found is None:
            i = self._at[cert_id]
            start = self._spans[2 * i - 2] if i else 0
            encoded = self._encoded[start:self._spans[2 * i]]
            try:
                if zlib.crc32(encoded) != self._spans[2 * i + 1]:
                    raise msgspec.DecodeError("damaged")
                found = _CERTIFICATION.decode(encoded)
            except (msgspec.DecodeError, msgspec.ValidationError):
                self._decoded = dict(self._recover())
                return self._decoded[cert_id]
            self._decoded[cert_id] = found
        return found

    def __contains__(self, cert_id: object) -> bool:
        return cert_id in self._at

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)


def default_dir() -> Path:
    """Return $CERTPATH_CACHE_DIR, or the user's cache directory for certpath."""
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    import platformdirs  # only when a catalog is loaded

    return platformdirs.user_cache_path("certpath", appauthor=False)


def disabled_by_env() -> bool:
    """Whether the environment turns the cache off (``CERTPATH_NO_CACHE=1``)."""
    return os.environ.get(ENV_DISABLE, "") not in ("", "0")


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Load without garbage collection, then exempt what was loaded from later collections.

    Loading allocates hundreds of thousands of long-lived objects and frees almost none, so a
    collection during it is pure overhead, and so is every later collection that scans them
    again. certpath's command line loads one catalog, which lives until the command ends: it
    loads inside this block, and the objects are then frozen (``gc.freeze``) out of the
    collector's way. Not for a long-running program that loads many catalogs.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def load(dirs: Sequence[Path] = (), *, builtin: bool = True, use_cache: bool = True) -> Catalog:
    """Load the catalog in effect: from the cache unless ``use_cache`` or the environment says no."""
    if use_cache and not disabled_by_env():
        return load_cached(dirs, builtin=builtin)
    return load_catalog(dirs, builtin=builtin)


def load_cached(dirs: Sequence[Path] = (), *, builtin: bool = True,
                directory: Path | None = None) -> Catalog:
    """Load a catalog like ``load_catalog``, from the cache in ``directory`` when it holds it."""
    directory = directory or default_dir()
    digests = FileDigests(directory)
    try:
        return _load_keyed(dirs, builtin, layer_dirs(dirs, builtin=builtin), directory, digests)
    finally:
        digests.save()


def _load_keyed(dirs: Sequence[Path], builtin: bool, overlay: list[Path], directory: Path,
                digests: FileDigests) -> Catalog:
    key = catalog_key(overlay, digests)
    if key is None:  # a directory or file that cannot be read: let the loader say what is wrong
        return load_catalog(dirs, builtin=builtin)
    path = directory / f"catalog-{key}.msgpack"

    def recover() -> Mapping[str, Certification]:  # the entry was damaged after it was read
        with contextlib.suppress(OSError):
            path.unlink()
        return load_catalog(dirs, builtin=builtin).certifications

    found = _read(path, key, recover)
    if found is not None:
        return found
    catalog = load_catalog(dirs, builtin=builtin)
    if catalog_key(overlay, digests) == key:  # the files did not change while they were read
        _write(path, key, catalog)
    return catalog


def _read(path: Path, key: str,
          recover: Callable[[], Mapping[str, Certification]]) -> Catalog | None:
    # Mapped, not read: most of it is never looked at. certpath replaces entries whole, never
    # in place; a program that truncated one while a command ran would stop that command.
    stream = open_regular(path)
    if stream is None:
        return None
    try:
        with stream:
            data = memoryview(mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError):  # ValueError: an empty file cannot be mapped
        return None
    if len(data) < _HEADER.size:
        return None
    check, size = _HEADER.unpack_from(data)
    index = data[_HEADER.size:_HEADER.size + size]
    if len(index) != size or zlib.crc32(index) != check:
        return None
    try:
        entry = msgspec.msgpack.decode(index, type=_Index)
        spans = entry.spans.cast("I")
    except (msgspec.DecodeError, msgspec.ValidationError, TypeError):
        return None
    encoded = data[_HEADER.size + size:]
    ids = entry.certification_ids
    if entry.key != key:
        return None
    if len(spans) != 2 * len(ids) or (ids and spans[-2] != len(encoded)):
        return None
    stored_dependents = entry.dependents
    catalog = Catalog(files=[Path(f) for f in entry.files], warnings=list(entry.warnings),
                      certifications=StoredCertifications(ids, encoded, spans, recover),
                      stored_dependents=lambda: _DEPENDENTS.decode(stored_dependents))
    for section in _SECTIONS:
        target = getattr(catalog, section)
        for item in getattr(entry, section):
            target[item.id] = item
    return catalog


def _write(path: Path, key: str, catalog: Catalog) -> None:
    try:
        blobs, index = _encode(key, catalog)
    except (UnicodeEncodeError, msgspec.EncodeError):  # a file name that is not UTF-8: not kept
        return
    header = _HEADER.pack(zlib.crc32(index), len(index))
    if replace_file(path, itertools.chain([header, index], blobs)):
        _prune(path.parent)


def _encode(key: str, catalog: Catalog) -> tuple[Iterator[bytes], bytes]:
    """Return the index that finds each certification, and the certifications encoded.

    The index, written first, holds each certification's end and check, so every one is encoded
    once to find them and again as it is written (the same bytes): the encoded catalog is never
    held whole in memory beside the loaded one.
    """
    encode = msgspec.msgpack.Encoder().encode
    spans = array.array("I")
    end = 0
    for cert in catalog.certifications.values():
        blob = encode(cert)
        end += len(blob)
        spans.extend((end, zlib.crc32(blob)))
    index = encode(_Index(
        files=[str(f) for f in catalog.files], warnings=list(catalog.warnings),
        **{s: list(getattr(catalog, s).values()) for s in _SECTIONS},
        key=key, certification_ids=list(catalog.certifications),
        spans=memoryview(spans.tobytes()),
        dependents=memoryview(encode({c: catalog.dependents(c) for c in catalog.certifications
                                      if catalog.dependents(c)}))))
    return (encode(c) for c in catalog.certifications.values()), index


def _prune(directory: Path) -> None:
    """Keep the most recently written entries, so old catalogs do not pile up.

    Also remove temporary files over an hour old: a certpath stopped while writing left them.
    """
    try:
        entries = sorted(directory.glob("catalog-*.msgpack"), key=lambda p: p.stat().st_mtime,
                         reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
        hour_ago = time.time() - 3600
        for left in directory.glob("*.tmp"):
            if left.stat().st_mtime < hour_ago:
                left.unlink(missing_ok=True)
    except OSError:
        return
