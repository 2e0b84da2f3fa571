"""Load catalog directories into one validated Catalog (the only module that reads catalog files)."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import msgspec

from certpath import model
from certpath.errors import CatalogError, Finding
from certpath.model import (
    Certification,
    FaqSection,
    Institution,
    LearningPath,
    Level,
    Requirement,
    Role,
    Track,
)
from certpath.names import index_names, resolve_name

if TYPE_CHECKING:  # for annotations only
    from certpath.yamldoc import Document, Key

FILE_NAMES = ("tracks", "roles", "institutions")
_KINDS = {  # file -> (top-level key, human name of one entry)
    "tracks": {"levels": "level", "tracks": "track", "certifications": "certification",
               "faq": "FAQ section"},
    "roles": {"roles": "role", "learning_paths": "learning path"},
    "institutions": {"institutions": "institution"},
}
T = TypeVar("T")


def builtin_data_dir() -> Path:
    """Return the directory of the shipped catalog: inside the package, or the checkout's data/."""
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    if (packaged / "tracks.yaml").is_file():
        return packaged
    return here.parent.parent / "data"


def environment_dirs() -> list[Path]:
    """Return the catalog directories named by $CERTPATH_CATALOG (a path-separator list)."""
    return [Path(p) for p in os.environ.get("CERTPATH_CATALOG", "").split(os.pathsep) if p]


@dataclass
class Origin:
    """Where an entry of the catalog was defined."""

    doc: Document
    path: Key

    def finding(self, message: str, *, severity: str = "error", sub: Key = ()) -> Finding:
        line, column = self.doc.position((*self.path, *sub))
        return Finding(self.doc.source, line, column, severity, message)


@dataclass
class Catalog:
    """A validated catalog: every kind of entry by id, in catalog order."""

    levels: dict[str, Level] = field(default_factory=dict)
    tracks: dict[str, Track] = field(default_factory=dict)
    certifications: Mapping[str, Certification] = field(default_factory=dict)
    faq: dict[str, FaqSection] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    learning_paths: dict[str, LearningPath] = field(default_factory=dict)
    institutions: dict[str, Institution] = field(default_factory=dict)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)
    undecoded: set[tuple[str, str]] = field(default_factory=set)
    stored_dependents: Callable[[], dict[str, list[str]]] | None = field(default=None, repr=False)
    """Where a cached catalog keeps its dependents index; None: worked out from the requirements."""

    def may_lack(self, section: str, entry_id: str) -> bool:
        """Whether ``entry_id`` may be missing only because its file or entry had an error.

        A reference to it is then not reported as unknown: the first error is the real one.
        """
        return section in self.unreadable or (section, entry_id) in self.undecoded

    def requirements(self, cert_id: str) -> tuple[Requirement, ...]:
        """Return a certification's prerequisites, each as a Requirement."""
        found = self._requirements.get(cert_id)
        if found is None:
            found = self._requirements[cert_id] = tuple(
                Requirement(cert=r) if isinstance(r, str) else r
                for r in self.certifications[cert_id].requires
            )
        return found

    # Planning asks for the same certifications' requirements, dependents and names many times
    # over; these are worked out once, after loading (a loaded catalog is not changed).
    @cached_property
    def _requirements(self) -> dict[str, tuple[Requirement, ...]]:
        return {}

    @cached_property
    def _dependents(self) -> dict[str, list[str]]:
        if self.stored_dependents is not None:
            return self.stored_dependents()
        index: dict[str, list[str]] = {}
        for cid in self.certifications:
            for option in dict.fromkeys(o for r in self.requirements(cid) for o in r.options):
                index.setdefault(option, []).append(cid)
        return index

    @cached_property
    def _name_indexes(self) -> dict[int, dict[str, list[str]]]:
        return {}

    def level_rank(self, cert_id: str) -> int:
        """Return the rank of a certification's level (levels without one sort last)."""
        level = self.certifications[cert_id].level
        return self.levels[level].rank if level in self.levels else 1_000_000

    def level_name(self, cert_id: str) -> str | None:
        """Return the display name of a certification's level, if it has one."""
        level = self.certifications[cert_id].level
        return self.levels[level].name if level in self.levels else None

    def order_key(self, cert_id: str) -> tuple[int, int]:
        """Return the sort key that puts certifications by level, then catalog order."""
        return (self.level_rank(cert_id), self._position(cert_id))

    def _position(self, cert_id: str) -> int:
        return self._positions[cert_id]

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {cid: i for i, cid in enumerate(self.certifications)}

    def resolve_cert(self, name: str) -> Certification:
        """Find a certification by id, alias or name (case, spaces, hyphens, underscores ignored).

        An exact id is always that entry, found without indexing every name.
        """
        return self.certifications[self._find("certification", name, self.certifications)]

    def resolve_role(self, name: str) -> Role:
        """Find a role by id, alias or name."""
        return self.roles[self._find("role", name, self.roles)]

    def resolve_track(self, name: str) -> Track:
        """Find a track by id or name."""
        return self.tracks[self._find("track", name, self.tracks)]

    def resolve_level(self, name: str) -> Level:
        """Find a level by id or name."""
        return self.levels[self._find("level", name, self.levels)]

    def _find(self, kind: str, name: str, entries: Mapping[str, Any]) -> str:
        return name if name in entries else resolve_name(kind, name, self._names(entries))

    def _names(self, entries: Mapping[str, Any]) -> dict[str, list[str]]:
        index = self._name_indexes.get(id(entries))
        if index is None:
            index = self._name_indexes[id(entries)] = index_names(entries)
        return index

    def dependents(self, cert_id: str) -> list[str]:
        """Return the certifications that list ``cert_id`` among their prerequisites, in order."""
        return list(self._dependents.get(cert_id, ()))

    def trainers(self, cert_id: str) -> list[Institution]:
        """Return the institutions that train for a certification (by certification or track)."""
        cert = self.certifications[cert_id]
        return [
            inst for inst in self.institutions.values()
            if cert_id in inst.certifications or cert.track in inst.tracks
        ]


def load_catalog(dirs: Sequence[Path] = (), *, builtin: bool = True) -> Catalog:
    """Load the shipped catalog (unless ``builtin`` is false) and each directory on top of it.

    An entry whose id is already defined replaces the earlier one; new entries join. Raise
    CatalogError with every problem found if the result cannot be used.
    """
    catalog, findings = _assemble(layers(dirs, builtin=builtin))
    if any(f.severity == "error" for f in findings):
        raise CatalogError(findings)
    catalog.warnings = [f for f in findings if f.severity != "error"]
    return catalog


@dataclass(frozen=True)
class Report:
    """What ``validate_catalog`` found: the files it read and every problem, sorted."""

    files: tuple[Path, ...]
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """Whether the catalog can be used (warnings allowed)."""
        return not any(f.severity == "error" for f in self.findings)


def validate_catalog(dirs: Sequence[Path] = (), *, builtin: bool = True) -> Report:
    """Check a catalog as ``load_catalog`` would, and return every error and warning at once."""
    from certpath.checks import check_coverage
    catalog, findings = _assemble(layers(dirs, builtin=builtin))
    if not catalog.unreadable and not catalog.undecoded:  # else they would only echo the errors
        findings.extend(check_coverage(catalog))
    return Report(tuple(catalog.files), tuple(sorted(set(findings))))


def layers(dirs: Sequence[Path], *, builtin: bool) -> list[Path]:
    """Return the catalog directories in overlay order: the shipped one (if used), then ``dirs``."""
    found = [builtin_data_dir()] if builtin else []
    found.extend(Path(d) for d in dirs)
    return found


def _assemble(directories: Sequence[Path]) -> tuple[Catalog, list[Finding]]:
    from certpath.checks import check_references
    catalog = Catalog()
    if not directories:
        return catalog, [Finding("<catalog>", 0, 0, "error", "no catalog directory given")]
    findings: list[Finding] = []
    for directory in directories:
        findings.extend(_load_layer(catalog, directory))
    findings.extend(check_references(catalog))
    return catalog, findings


def _load_layer(catalog: Catalog, directory: Path) -> list[Finding]:
    from certpath.yamldoc import read_yaml  # not needed when the catalog comes from the cache

    if not directory.is_dir():
        if directory.is_symlink() and not directory.exists():
            message = "catalog directory is a broken symbolic link (or a loop of links)"
        else:
            message = f"catalog {'no such directory' if not directory.exists() else 'not a directory'}"
        return [Finding(str(directory), 0, 0, "error", message)]
    findings: list[Finding] = []
    present = [s for s in FILE_NAMES if (directory / f"{s}.yaml").exists()
               or (directory / f"{s}.yaml").is_symlink()]
    if not present:  # most likely a wrong path: say so rather than add nothing
        names = ", ".join(f"{s}.yaml" for s in FILE_NAMES)
        return [Finding(str(directory), 0, 0, "error", f"not a catalog directory: none of {names}")]
    for stem in present:
        path = directory / f"{stem}.yaml"
        try:
            doc = read_yaml(path, keep_going=True)
        except CatalogError as exc:
            findings.extend(exc.findings)
            catalog.unreadable.update(_KINDS[stem])
            continue
        catalog.files.append(path)
        findings.extend(doc.findings)
        findings.extend(_decode_file(catalog, doc, stem))
    return findings


def _decode_file(catalog: Catalog, doc: Document, stem: str) -> list[Finding]:
    from certpath.docdecode import unknown_key
    file_type = model.FILE_TYPES[stem]
    if not isinstance(doc.data, dict):
        got = _json_kind(doc.data)
        catalog.unreadable.update(_KINDS[stem])
        return [doc.error((), f"expected a mapping at the top of {stem}.yaml, got {got}")]
    known = list(file_type.__struct_fields__)
    before = len(doc.findings)
    for key in doc.data:
        if key not in known:
            doc.error((key,), unknown_key(key, known))
    version = doc.data.get("schema_version", model.SCHEMA_VERSION)
    if version != model.SCHEMA_VERSION:
        doc.error(("schema_version",), f"schema_version {version!r} is not supported; "
                  f"this certpath reads version {model.SCHEMA_VERSION}")
    for section, noun in _KINDS[stem].items():
        items = doc.data.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            catalog.unreadable.add(section)
            doc.error((section,), f"{section} must be a list, got {_json_kind(items)}")
            continue
        element = _element_type(file_type, section)
        seen: dict[str, int] = {}
        target: dict[str, Any] = getattr(catalog, section)
        for index, raw in enumerate(items):
            entry = _convert(doc, (section, index), raw, element)
            if entry is None:
                if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                    catalog.undecoded.add((section, raw["id"]))
                continue
            if entry.id in seen:
                doc.error((section, index, "id"),
                          f"duplicate {noun} id {entry.id!r} (first at item {seen[entry.id] + 1})")
                continue
            seen[entry.id] = index
            target[entry.id] = entry
            catalog.origins[(section, entry.id)] = Origin(doc, (section, index))
    return doc.findings[before:]


_MAX_ERRORS_PER_ENTRY = 20


def _convert(doc: Document, path: Key, raw: Any, element: type[T]) -> T | None:
    """Decode one entry; on failure report every field that is wrong, not only the first.

    msgspec stops at the first problem, so each optional field found wrong is reported, set
    aside, and the rest decoded again; a wrong required field ends the search.
    """
    from certpath.docdecode import explain
    remaining = dict(raw) if isinstance(raw, dict) else raw
    failed = False
    for _ in range(_MAX_ERRORS_PER_ENTRY):
        try:
            entry = msgspec.convert(remaining, element)
        except msgspec.ValidationError as exc:
            failed = True
            where, message = explain(doc, path, str(exc), element)
            line, column = doc.position(where)
            if not any((f.line, f.column) == (line, column) for f in doc.findings):  # said already
                doc.error(where, message)
            field_name = where[len(path)] if len(where) > len(path) else None
            if not isinstance(remaining, dict) or field_name not in remaining \
                    or field_name in _required_fields(cast(Any, element)):
                return None
            del remaining[field_name]
        else:
            return None if failed else entry
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


def _json_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"
