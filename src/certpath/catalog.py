"""Load catalog directories into one validated Catalog (the only module that reads catalog files)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from certpath.errors import CatalogError, Finding, UnknownNameError, in_order
from certpath.layers import FILE_NAMES as FILE_NAMES  # re-exported: the kinds of catalog file
from certpath.layers import Origin as Origin  # re-exported: where an entry was defined
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
    unreadable: dict[str, list[str]] = field(default_factory=dict)
    """The sections that may lack entries because a file could not be read: section -> files."""
    undecoded: set[tuple[str, str]] = field(default_factory=set)
    stored_dependents: Callable[[], dict[str, list[str]]] | None = field(default=None, repr=False)
    """Where a cached catalog keeps its dependents index; None: worked out from the requirements."""
    damaged: bool = False
    """Whether an entry was read only in part (a field of it was wrong and left out)."""

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
        """Find a certification by id, alias, exam code or name (case, spaces, hyphens, underscores
        ignored).

        An exact id is always that entry, found without indexing every name. A name that is a
        role's says so, with the command that takes a role.
        """
        try:
            return self.certifications[self._find("certification", name, self.certifications)]
        except UnknownNameError as exc:
            role = None if exc.ambiguous else self._found(name, self.roles)
            if role is None:
                raise
            raise UnknownNameError("certification", name, exc.suggestions, hint=(
                f"{name!r} is a role: certpath recommend --role {role}")) from None

    def resolve_role(self, name: str) -> Role:
        """Find a role by id, alias or name."""
        return self.roles[self._find("role", name, self.roles)]

    def resolve_track(self, name: str) -> Track:
        """Find a track by id or name."""
        return self.tracks[self._find("track", name, self.tracks)]

    def resolve_level(self, name: str) -> Level:
        """Find a level by id or name; an unknown one is told the level ids."""
        try:
            return self.levels[self._find("level", name, self.levels)]
        except UnknownNameError as exc:
            if exc.ambiguous:
                raise
            raise UnknownNameError("level", name, list(self.levels), hint=(
                f"the levels are {', '.join(self.levels) or 'none'}")) from None

    def _found(self, name: str, entries: Mapping[str, Any]) -> str | None:
        """Return the id ``name`` resolves to among ``entries``, or None."""
        try:
            return self._find("entry", name, entries)
        except UnknownNameError:
            return None

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
    catalog, findings = _assemble(layer_dirs(dirs, builtin=builtin))
    if any(f.severity == "error" for f in findings):
        raise CatalogError(findings)
    catalog.warnings = [f for f in findings if f.severity != "error"]
    # Positions serve only to report problems, and these are reported: let go of the entries'
    # origins and the file text they hold (a large catalog's text is tens of MB), as a catalog
    # read from the cache has none. ``validate_catalog`` keeps them for its further checks.
    catalog.origins = {}
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


def validate_catalog(dirs: Sequence[Path] = (), *, builtin: bool = True,
                     today: dt.date | None = None) -> Report:
    """Check a catalog as ``load_catalog`` would, and return every error and warning at once.

    Given ``today``, roles whose target is retired by then are warned about too.
    """
    from certpath.checks import check_coverage
    catalog, findings = _assemble(layer_dirs(dirs, builtin=builtin))
    if not (catalog.unreadable or catalog.undecoded or catalog.damaged):  # else they would only
        findings.extend(check_coverage(catalog, today))                   # echo the errors
    return Report(tuple(catalog.files), in_order(findings))


def layer_dirs(dirs: Sequence[Path], *, builtin: bool) -> list[Path]:
    """Return the catalog directories in overlay order: the shipped one (if used), then ``dirs``."""
    found = [builtin_data_dir()] if builtin else []
    found.extend(Path(d) for d in dirs)
    return found


def _assemble(layers: Sequence[Path]) -> tuple[Catalog, list[Finding]]:
    from certpath.checks import check_references
    from certpath.layers import load_layer
    catalog = Catalog()
    if not layers:
        return catalog, [Finding("<catalog>", 0, 0, "error", "no catalog directory given")]
    findings: list[Finding] = []
    for directory in layers:
        findings.extend(load_layer(catalog, directory))
    findings.extend(check_references(catalog))
    return catalog, findings
