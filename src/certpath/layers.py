"""Read one catalog directory (a layer) into a Catalog: its files, then each entry of each file.

A layer holds ``tracks.yaml``, ``roles.yaml`` and ``institutions.yaml`` (any may be absent) and,
for a catalog that outgrows one file, ``tracks.d/``, ``roles.d/`` and ``institutions.d/``: any
number of ``*.yaml`` files in the same format, read after the single file, in name order.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import msgspec

from certpath import model
from certpath.errors import UNREADABLE, CatalogError, Finding

if TYPE_CHECKING:  # for annotations only
    from certpath.catalog import Catalog
    from certpath.yamldoc import Document, Key

FILE_NAMES = ("tracks", "roles", "institutions")
KINDS = {  # file -> (top-level key, human name of one entry)
    "tracks": {"levels": "level", "tracks": "track", "certifications": "certification",
               "faq": "FAQ section"},
    "roles": {"roles": "role", "learning_paths": "learning path"},
    "institutions": {"institutions": "institution"},
}
T = TypeVar("T")
_MAX_ERRORS_PER_ENTRY = 20


@dataclass
class Origin:
    """Where an entry of the catalog was defined."""

    doc: Document
    path: Key

    def finding(self, message: str, *, severity: str = "error", sub: Key = ()) -> Finding:
        """Return a finding at this entry (or at ``sub``, a path inside it)."""
        line, column = self.doc.position((*self.path, *sub))
        return Finding(self.doc.source, line, column, severity, message)


@dataclass
class LayerFiles:
    """The catalog files of one directory, in reading order, and what was wrong with the listing."""

    files: list[tuple[str, Path]] = field(default_factory=list)  # (kind of file, path)
    findings: list[Finding] = field(default_factory=list)


def layer_files(directory: Path) -> LayerFiles:
    """List a catalog directory's files: each ``KIND.yaml``, then ``KIND.d/*.yaml`` in name order.

    Names starting with a dot (editor and lock files) are skipped; another file in a ``.d``
    directory is a warning, since its author most likely meant it to be read.
    """
    found = LayerFiles()
    for stem in FILE_NAMES:
        single = directory / f"{stem}.yaml"
        if single.exists() or single.is_symlink():
            found.files.append((stem, single))
        folder = directory / f"{stem}.d"
        if not (folder.exists() or folder.is_symlink()):
            continue
        try:
            names = sorted(os.listdir(folder))
        except NotADirectoryError:
            found.findings.append(_blocking(folder, f"{stem}.d must be a directory of *.yaml files"))
            continue
        except OSError as exc:
            found.findings.append(_blocking(folder, f"cannot list the directory: "
                                                    f"{os.strerror(exc.errno or 0) or exc}"))
            continue
        for name in names:
            path = folder / name
            if name.startswith("."):
                continue
            if name.endswith(".yaml"):
                found.files.append((stem, path))
            elif not path.is_dir():
                found.findings.append(Finding(str(path), 0, 0, "warning",
                                              f"not read: only *.yaml files of {stem}.d are read"))
    return found


def _blocking(path: Path, message: str) -> Finding:
    return Finding(str(path), 0, 0, "error", message, priority=UNREADABLE)


def load_layer(catalog: Catalog, directory: Path) -> list[Finding]:
    """Add one directory's entries to ``catalog``; return every problem found in its files."""
    from certpath.yamldoc import read_yaml  # not needed when the catalog comes from the cache

    if not directory.is_dir():
        if directory.is_symlink() and not directory.exists():
            message = "catalog directory is a broken symbolic link (or a loop of links)"
        else:
            message = f"catalog {'no such directory' if not directory.exists() else 'not a directory'}"
        return [_blocking(directory, message)]
    listing = layer_files(directory)
    findings = list(listing.findings)
    if not listing.files and not findings:  # most likely a wrong path: say so rather than add nothing
        names = ", ".join(f"{s}.yaml" for s in FILE_NAMES)
        return [_blocking(directory, f"not a catalog directory: none of {names} (or of their .d "
                                     "directories)")]
    seen: dict[tuple[str, str], Origin] = {}  # first definitions in this layer, across its files
    for stem, path in listing.files:
        try:
            doc = read_yaml(path, keep_going=True)
        except CatalogError as exc:
            findings.extend(f if f.severity != "error" else _as_blocking(f) for f in exc.findings)
            _mark_unreadable(catalog, stem, str(path))
            continue
        catalog.files.append(path)
        findings.extend(doc.findings)
        findings.extend(_decode_file(catalog, doc, stem, seen))
        doc.data = None  # decoded: positions, if asked for, come from the text, kept compressed
        doc.pack()
    return findings


def _as_blocking(finding: Finding) -> Finding:
    return Finding(finding.file, finding.line, finding.column, finding.severity, finding.message,
                   priority=UNREADABLE)


def _mark_unreadable(catalog: Catalog, stem: str, source: str, sections: Any = None) -> None:
    for section in sections or KINDS[stem]:
        catalog.unreadable.setdefault(section, []).append(source)


def _decode_file(catalog: Catalog, doc: Document, stem: str,
                 seen: dict[tuple[str, str], Origin]) -> list[Finding]:
    from certpath.docdecode import unknown_key
    file_type = model.FILE_TYPES[stem]
    name = Path(doc.source).name
    if not isinstance(doc.data, dict):
        _mark_unreadable(catalog, stem, doc.source)
        message = f"expected a mapping at the top of {name}, got {json_kind(doc.data)}"
        return [_as_blocking(doc.error((), message))]
    known = list(file_type.__struct_fields__)
    before = len(doc.findings)
    for key in doc.data:
        if key not in known:
            doc.error((key,), unknown_key(key, known))
    version = doc.data.get("schema_version", model.SCHEMA_VERSION)
    if version != model.SCHEMA_VERSION:
        doc.error(("schema_version",), f"schema_version {version!r} is not supported; "
                  f"this certpath reads version {model.SCHEMA_VERSION}")
    for section, noun in KINDS[stem].items():
        items = doc.data.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            _mark_unreadable(catalog, stem, doc.source, [section])
            doc.error((section,), f"{section} must be a list, got {json_kind(items)}")
            continue
        element = _element_type(file_type, section)
        target: dict[str, Any] = getattr(catalog, section)
        for index, raw in enumerate(items):
            items[index] = None  # each entry's plain values are let go once it is decoded
            entry = _convert(doc, (section, index), raw, element, catalog)
            if entry is None:
                if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                    catalog.undecoded.add((section, raw["id"]))
                continue
            first = seen.get((section, entry.id))
            if first is not None:
                line = first.doc.position((*first.path, "id"))[0]
                where = f"line {line}" if first.doc is doc else f"{first.doc.source}:{line}"
                doc.error((section, index, "id"), f"duplicate {noun} id {entry.id!r} "
                          f"(first defined at {where})")
                continue
            origin = seen[(section, entry.id)] = Origin(doc, (section, index))
            target[entry.id] = entry
            catalog.origins[(section, entry.id)] = origin
    return doc.findings[before:]


def _convert(doc: Document, path: Key, raw: Any, element: type[T], catalog: Catalog) -> T | None:
    """Decode one entry, reporting every field that is wrong, not only the first.

    msgspec stops at the first problem, so each optional field found wrong is reported, set
    aside, and the rest decoded again; a key unknown deeper down (in a renewal route, say) is set
    aside alone, so every wrong key of a nested block is reported too. What remains is still
    returned, so that the entry's id
    and references are checked too (the catalog is marked damaged: it cannot be used). A wrong
    required field ends the search: nothing is returned.
    """
    from certpath.docdecode import explain
    remaining = dict(raw) if isinstance(raw, dict) else raw
    failed = False
    for _ in range(_MAX_ERRORS_PER_ENTRY):
        try:
            entry = msgspec.convert(remaining, element)
        except msgspec.ValidationError as exc:
            failed = catalog.damaged = True
            where, message = explain(doc, path, str(exc), element)
            line, column = doc.position(where)
            if not any((f.line, f.column) == (line, column) for f in doc.findings):  # said already
                doc.error(where, message)
            rel = where[len(path):]
            nested = _without(remaining, rel) if len(rel) > 1 and message.startswith(
                "unknown key") else None
            if nested is not None:  # a wrong key deeper down: only it is set aside
                remaining = nested
                continue
            field_name = rel[0] if rel else None
            if not isinstance(remaining, dict) or field_name not in remaining \
                    or field_name in _required_fields(cast(Any, element)):
                return None
            del remaining[field_name]
        else:
            if failed:
                catalog.damaged = True
            return entry
    return None


def _without(raw: Any, rel: Key) -> Any:
    """Return a copy of ``raw`` without the mapping key that ``rel`` leads to, or None if there is
    none (only the containers on the way are copied)."""
    if not rel:
        return None
    step, rest = rel[0], rel[1:]
    if isinstance(raw, dict) and step in raw:
        if not rest:
            return {k: v for k, v in raw.items() if k != step}
        inner = _without(raw[step], rest)
        return None if inner is None else {**raw, step: inner}
    if isinstance(raw, list) and isinstance(step, int) and 0 <= step < len(raw) and rest:
        inner = _without(raw[step], rest)
        return None if inner is None else [*raw[:step], inner, *raw[step + 1:]]
    return None


@functools.cache
def _required_fields(element: type[Any]) -> frozenset[str]:
    """Return the fields an entry type requires (msgspec works them out slowly: once per type)."""
    struct: Any = element  # every entry type is a msgspec Struct
    return frozenset(f.name for f in msgspec.structs.fields(struct) if f.required)


def _element_type(file_type: type[Any], section: str) -> type[Any]:
    info = msgspec.inspect.type_info(file_type)
    assert isinstance(info, msgspec.inspect.StructType)  # noqa: S101 - file types are structs
    for fld in info.fields:
        if fld.name == section and isinstance(fld.type, msgspec.inspect.ListType):
            item = fld.type.item_type
            assert isinstance(item, msgspec.inspect.StructType)  # noqa: S101 - lists of structs
            return item.cls
    raise KeyError(section)


def json_kind(value: Any) -> str:
    """Name the kind of a plain value for a message: a mapping, a list, nothing, str 'x'."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"


def directory_of(path: Path) -> Path:
    """Return the catalog directory that ``path`` is, or that the catalog file ``path`` belongs to.

    A file is ``KIND.yaml`` or ``KIND.d/NAME.yaml`` (as a pre-commit hook passes the files it
    checks); a path that does not exist is returned as it is, for the loader to report.
    """
    if not path.is_file():
        return path
    if path.name in {f"{stem}.yaml" for stem in FILE_NAMES}:
        return path.parent
    if path.suffix == ".yaml" and path.parent.name in {f"{stem}.d" for stem in FILE_NAMES}:
        return path.parent.parent
    from certpath.errors import InputError
    raise InputError(f"{path}: not a catalog file; give a catalog directory, or one of its "
                     "tracks.yaml, roles.yaml, institutions.yaml or KIND.d/*.yaml files")
