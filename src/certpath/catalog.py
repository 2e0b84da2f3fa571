"""Load catalog directories into one validated Catalog (the only module that reads catalog files)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from certpath import model
from certpath.errors import CatalogError, Finding, UnknownNameError
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
from certpath.yamldoc import Document, Key, read_yaml

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
    certifications: dict[str, Certification] = field(default_factory=dict)
    faq: dict[str, FaqSection] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    learning_paths: dict[str, LearningPath] = field(default_factory=dict)
    institutions: dict[str, Institution] = field(default_factory=dict)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)

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
        """Find a certification by id, alias or name (case, spaces, hyphens, underscores ignored)."""
        return self.certifications[_resolve("certification", name, self._names(self.certifications))]

    def resolve_role(self, name: str) -> Role:
        """Find a role by id, alias or name."""
        return self.roles[_resolve("role", name, self._names(self.roles))]

    def resolve_track(self, name: str) -> Track:
        """Find a track by id or name."""
        return self.tracks[_resolve("track", name, self._names(self.tracks))]

    def resolve_level(self, name: str) -> Level:
        """Find a level by id or name."""
        return self.levels[_resolve("level", name, self._names(self.levels))]

    def _names(self, entries: dict[str, Any]) -> dict[str, list[str]]:
        index = self._name_indexes.get(id(entries))
        if index is None:
            index = self._name_indexes[id(entries)] = self._index_names(entries)
        return index

    @staticmethod
    def _index_names(entries: dict[str, Any]) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for entry_id, entry in entries.items():
            for label in (entry_id, entry.name, *getattr(entry, "aliases", ())):
                ids = index.setdefault(normalize_name(label), [])
                if entry_id not in ids:
                    ids.append(entry_id)
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


def normalize_name(text: str) -> str:
    """Fold a name for matching: case, and runs of spaces, hyphens and underscores."""
    # str.split() without an argument splits on runs of the whitespace that \s matches; this is
    # three times quicker than a regular expression, and every name of a catalog passes here.
    return " ".join(text.casefold().replace("_", " ").replace("-", " ").split())


def _resolve(kind: str, name: str, index: dict[str, list[str]]) -> str:
    key = normalize_name(name)
    ids = index.get(key, [])
    if len(ids) == 1:
        return ids[0]
    if len(ids) > 1:
        raise UnknownNameError(kind, name, ids, ambiguous=True)
    close = difflib.get_close_matches(key, list(index), n=8, cutoff=0.6)
    prefixed = [k for k in index if key and (k.startswith(key) or key in k.split())]
    suggestions: list[str] = []
    for label in [*close, *prefixed]:
        for entry_id in index[label]:
            if entry_id not in suggestions:
                suggestions.append(entry_id)
    raise UnknownNameError(kind, name, suggestions[:5])


def load_catalog(dirs: Sequence[Path] = (), *, builtin: bool = True) -> Catalog:
    """Load the shipped catalog (unless ``builtin`` is false) and each directory on top of it.

    An entry whose id is already defined replaces the earlier one; new entries join. Raise
    CatalogError with every problem found if the result cannot be used.
    """
    layers = [builtin_data_dir()] if builtin else []
    layers.extend(Path(d) for d in dirs)
    if not layers:
        raise CatalogError([Finding("<catalog>", 0, 0, "error", "no catalog directory given")])
    catalog = Catalog()
    findings: list[Finding] = []
    for directory in layers:
        findings.extend(_load_layer(catalog, directory))
    if not any(f.severity == "error" for f in findings):
        findings.extend(check_references(catalog))
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise CatalogError(findings)
    catalog.warnings = [f for f in findings if f.severity != "error"]
    return catalog


def _load_layer(catalog: Catalog, directory: Path) -> list[Finding]:
    if not directory.is_dir():
        message = "no such directory" if not directory.exists() else "not a directory"
        return [Finding(str(directory), 0, 0, "error", f"catalog {message}")]
    findings: list[Finding] = []
    for stem in FILE_NAMES:
        path = directory / f"{stem}.yaml"
        if not path.exists() and not path.is_symlink():
            continue
        try:
            doc = read_yaml(path)
        except CatalogError as exc:
            findings.extend(exc.findings)
            continue
        catalog.files.append(path)
        findings.extend(doc.findings)
        findings.extend(_decode_file(catalog, doc, stem))
    return findings


def _decode_file(catalog: Catalog, doc: Document, stem: str) -> list[Finding]:
    file_type = model.FILE_TYPES[stem]
    if not isinstance(doc.data, dict):
        got = _json_kind(doc.data)
        return [doc.error((), f"expected a mapping at the top of {stem}.yaml, got {got}")]
    known = list(file_type.__struct_fields__)
    before = len(doc.findings)
    for key in doc.data:
        if key not in known:
            doc.error((key,), _unknown_key(key, known))
    version = doc.data.get("schema_version", model.SCHEMA_VERSION)
    if version != model.SCHEMA_VERSION:
        doc.error(("schema_version",), f"schema_version {version!r} is not supported; "
                  f"this certpath reads version {model.SCHEMA_VERSION}")
    for section, noun in _KINDS[stem].items():
        items = doc.data.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            doc.error((section,), f"{section} must be a list, got {_json_kind(items)}")
            continue
        element = _element_type(file_type, section)
        seen: dict[str, int] = {}
        target: dict[str, Any] = getattr(catalog, section)
        for index, raw in enumerate(items):
            entry = _convert(doc, (section, index), raw, element)
            if entry is None:
                continue
            if entry.id in seen:
                doc.error((section, index, "id"),
                          f"duplicate {noun} id {entry.id!r} (first at item {seen[entry.id] + 1})")
                continue
            seen[entry.id] = index
            target[entry.id] = entry
            catalog.origins[(section, entry.id)] = Origin(doc, (section, index))
    return doc.findings[before:]


def _convert(doc: Document, path: Key, raw: Any, element: type[T]) -> T | None:
    try:
        return msgspec.convert(raw, element)
    except msgspec.ValidationError as exc:
        where, message = _explain(doc, path, str(exc), element)
        doc.error(where, message)
        return None


_MSGSPEC_ERROR = re.compile(r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)
_KIND_WORDS = {"object": "a mapping", "array": "a list", "str": "text", "int": "a whole number",
               "float": "a number", "bool": "true or false", "null": "nothing (null)"}


def _explain(doc: Document, base: Key, text: str, element: type[Any]) -> tuple[Key, str]:
    match = _MSGSPEC_ERROR.match(text)
    assert match is not None  # noqa: S101 - the pattern matches any string
    rel: list[str | int] = []
    for name, index in re.findall(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]", match["path"] or ""):
        rel.append(name if name else int(index))
    where = (*base, *rel)
    message = match["message"]
    unknown = re.match(r"Object contains unknown field `(.+)`", message)
    if unknown:
        key = unknown[1]
        return (*where, key), _unknown_key(key, _fields_at(element, rel))
    missing = re.match(r"Object missing required field `(.+)`", message)
    if missing:
        return where, f"missing required field {missing[1]!r}"
    if "matching regex" in message:
        return where, "an id must be lower-case letters, digits and hyphens, starting with a " \
                      "letter or digit"
    expected = re.match(r"Expected `(.+?)`, got `(.+?)`", message)
    if expected:
        kinds = [w.strip() for w in expected[1].split("|") if w.strip() != "null"]
        want = " or ".join(_KIND_WORDS.get(w, w) for w in kinds)
        got = _KIND_WORDS.get(expected[2], expected[2])
        raw = doc.raw.get(where)
        message = f"expected {want}, got {got}"
        if raw is not None and "text" in want:
            message += f" ({raw}); quote it: \"{raw}\""
        return where, message
    return where, message[0].lower() + message[1:] if message else "invalid value"


def _unknown_key(key: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(known)}"
    return f"unknown key {key!r}{hint}"


def _element_type(file_type: type[Any], section: str) -> type[Any]:
    info = msgspec.inspect.type_info(file_type)
    assert isinstance(info, msgspec.inspect.StructType)  # noqa: S101 - file types are structs
    for fld in info.fields:
        if fld.name == section and isinstance(fld.type, msgspec.inspect.ListType):
            item = fld.type.item_type
            assert isinstance(item, msgspec.inspect.StructType)  # noqa: S101 - lists of structs
            return item.cls
    raise KeyError(section)


def _fields_at(element: type[Any], rel: Sequence[str | int]) -> list[str]:
    info: msgspec.inspect.Type = msgspec.inspect.type_info(element)
    for step in rel:
        info = _unwrap(info)
        if isinstance(step, int) and isinstance(info, msgspec.inspect.ListType):
            info = info.item_type
        elif isinstance(step, str) and isinstance(info, msgspec.inspect.StructType):
            info = next((f.type for f in info.fields if f.name == step), info)
    info = _unwrap(info)
    if isinstance(info, msgspec.inspect.StructType):
        return [f.name for f in info.fields]
    return []


def _unwrap(info: msgspec.inspect.Type) -> msgspec.inspect.Type:
    if isinstance(info, msgspec.inspect.UnionType):
        for member in info.types:
            if isinstance(member, (msgspec.inspect.StructType, msgspec.inspect.ListType)):
                return member
    return info


def _json_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"


def check_references(catalog: Catalog) -> list[Finding]:
    """Check that every id a catalog mentions exists, and that prerequisites form no cycle."""
    findings: list[Finding] = []

    def check(kind: str, entry_id: str, sub: Key, ref: str, pool: dict[str, Any], noun: str) -> None:
        if ref not in pool:
            origin = catalog.origins[(kind, entry_id)]
            close = difflib.get_close_matches(ref, list(pool), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            findings.append(origin.finding(f"unknown {noun} {ref!r}{hint}", sub=sub))

    certs = catalog.certifications
    for cid, cert in certs.items():
        check("certifications", cid, ("track",), cert.track, catalog.tracks, "track")
        if cert.level is not None:
            check("certifications", cid, ("level",), cert.level, catalog.levels, "level")
        findings.extend(_check_requirements(catalog, cid))
        for group in ("best_next", "next_steps"):
            for i, item in enumerate(getattr(cert, group)):
                for j, ref in enumerate(item.certifications):
                    check("certifications", cid, (group, i, "certifications", j), ref, certs,
                          "certification")
    for rid, role in catalog.roles.items():
        if role.target is not None:
            check("roles", rid, ("target",), role.target, certs, "certification")
        for j, ref in enumerate(role.learning_paths):
            check("roles", rid, ("learning_paths", j), ref, catalog.learning_paths, "learning path")
    for pid, lpath in catalog.learning_paths.items():
        for j, ref in enumerate(lpath.tracks):
            check("learning_paths", pid, ("tracks", j), ref, catalog.tracks, "track")
    for iid, inst in catalog.institutions.items():
        for sub, pool, noun in (("tracks", catalog.tracks, "track"),
                                ("learning_paths", catalog.learning_paths, "learning path"),
                                ("certifications", certs, "certification")):
            for j, ref in enumerate(getattr(inst, sub)):
                check("institutions", iid, (sub, j), ref, pool, noun)
    for fid, section in catalog.faq.items():
        if section.about is not None:
            check("faq", fid, ("about",), section.about, certs, "certification")
    if not findings:
        findings.extend(_check_cycles(catalog))
    return findings


def _check_requirements(catalog: Catalog, cid: str) -> Iterator[Finding]:
    origin = catalog.origins[("certifications", cid)]
    for i, req in enumerate(catalog.certifications[cid].requires):
        sub: Key = ("requires", i)
        if isinstance(req, str):
            req = Requirement(cert=req)
        elif (req.cert is None) == (req.any_of is None):
            yield origin.finding("a requirement needs exactly one of 'cert' or 'any_of'", sub=sub)
            continue
        options = req.options
        for j, ref in enumerate(options):
            where: Key = (*sub, "any_of", j) if req.any_of is not None else sub
            if ref == cid:
                yield origin.finding(f"{cid!r} cannot require itself", sub=where)
            elif ref not in catalog.certifications:
                close = difflib.get_close_matches(ref, list(catalog.certifications), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                yield origin.finding(f"unknown certification {ref!r}{hint}", sub=where)
        if len(set(options)) != len(options):
            yield origin.finding("the same certification is listed twice in one requirement",
                                 sub=sub)
        if req.choose > len(set(options)):
            yield origin.finding(f"cannot choose {req.choose} of {len(set(options))} "
                                 "certifications: the requirement can never be met", sub=sub)


def _check_cycles(catalog: Catalog) -> list[Finding]:
    cycle = find_cycle({cid: [o for r in catalog.requirements(cid) for o in r.options]
                        for cid in catalog.certifications})
    if not cycle:
        return []
    origin = catalog.origins[("certifications", cycle[0])]
    chain = " -> ".join([*cycle, cycle[0]])
    return [origin.finding(f"prerequisite cycle: {chain} (each requires the next)",
                           sub=("requires",))]


def find_cycle(needs: dict[str, list[str]]) -> list[str]:
    """Return one cycle of the 'needs' relation as a list of ids, or [] if there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in needs:
        if state.get(start):
            continue
        path: list[str] = []
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(needs.get(start, ())))]
        state[start] = 1
        path.append(start)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(child) == 1:
                return path[path.index(child):]
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(needs.get(child, ()))))
    return []
