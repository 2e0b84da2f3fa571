"""What a change to a catalog does: entries, requirements, roles and fees added, removed, changed,
and the paths it changes, for ``certpath diff``.

Paths are compared only for what a change can reach: the certifications added, removed or
changed, and every certification or role that needs one of them (through prerequisites), in the
old catalog or the new. A 50,000-certification catalog with one change plans a handful of paths.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import msgspec

from certpath.catalog import Catalog
from certpath.errors import CertpathError
from certpath.model import Requirement

_OWN = {"requires", "fee"}  # certification fields reported in their own sections


@dataclass(frozen=True)
class FieldChange:
    """One field of an entry, before and after (plain data; None when absent)."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class EntryChanges:
    """The entries of one kind added, removed and changed: (id, name) pairs, changes by id."""

    added: tuple[tuple[str, str], ...]
    removed: tuple[tuple[str, str], ...]
    changed: tuple[tuple[str, tuple[FieldChange, ...]], ...]


@dataclass(frozen=True)
class PathChange:
    """A role's or certification's path before and after: (id, required) steps, or a reason."""

    kind: str  # "role" or "certification"
    id: str
    target: str | None
    before: tuple[tuple[str, bool], ...] | str
    after: tuple[tuple[str, bool], ...] | str


@dataclass(frozen=True)
class CatalogDiff:
    """Everything ``certpath diff`` reports."""

    certifications: EntryChanges
    requirements_added: tuple[tuple[str, str], ...]  # (certification, requirement as text)
    requirements_removed: tuple[tuple[str, str], ...]
    roles: EntryChanges
    fees: tuple[tuple[str, str | None, str | None], ...]  # (certification, before, after)
    paths: tuple[PathChange, ...]

    @property
    def empty(self) -> bool:
        """Whether the two catalogs say the same."""
        c, r = self.certifications, self.roles
        return not (c.added or c.removed or c.changed or self.requirements_added
                    or self.requirements_removed or r.added or r.removed or r.changed
                    or self.fees or self.paths)


def diff_catalogs(old: Catalog, new: Catalog) -> CatalogDiff:
    """Compare two loaded catalogs."""
    certs = _entries(old.certifications, new.certifications, skip=_OWN)
    added_req, removed_req = _requirements(old, new)
    fees = tuple((cid, fee_text(old.certifications[cid].fee), fee_text(new.certifications[cid].fee))
                 for cid in new.certifications if cid in old.certifications
                 and old.certifications[cid].fee != new.certifications[cid].fee)
    touched = {cid for cid, _ in (*certs.added, *certs.removed)} | {cid for cid, _ in certs.changed}
    touched |= {cid for cid, _ in (*added_req, *removed_req)}
    roles = _entries(old.roles, new.roles, skip=set())
    return CatalogDiff(certs, added_req, removed_req, roles, fees,
                       _paths(old, new, touched, {rid for rid, _ in roles.changed}))


def fee_text(fee: Any) -> str | None:
    """Return a fee as ``USD 445`` (None for an unknown fee)."""
    if fee is None:
        return None
    amount = f"{fee.amount:,.2f}".rstrip("0").rstrip(".")
    return f"{fee.currency} {amount}" + (" (estimate)" if fee.estimate else "")


def requirement_text(req: Requirement) -> str:
    """Return a requirement as one line: ``b``, ``one of a, b``, ``b (recommended, valid)``."""
    if req.cert is not None:
        text = req.cert
    else:
        options = [o if isinstance(o, str) else "+".join(o) for o in (req.any_of or ())]
        text = f"{req.choose} of {', '.join(options)}"
    marks = [m for m, on in (("recommended", req.recommended), ("must be valid", req.must_be_valid))
             if on]
    return text + (f" ({', '.join(marks)})" if marks else "")


def _entries(old: Mapping[str, Any], new: Mapping[str, Any], *, skip: set[str]) -> EntryChanges:
    added = tuple((i, new[i].name) for i in new if i not in old)
    removed = tuple((i, old[i].name) for i in old if i not in new)
    changed = []
    for entry_id in new:
        if entry_id in old and old[entry_id] != new[entry_id]:
            before, after = msgspec.to_builtins(old[entry_id]), msgspec.to_builtins(new[entry_id])
            fields = tuple(FieldChange(f, before.get(f), after.get(f))
                           for f in dict.fromkeys([*before, *after])
                           if f not in skip and before.get(f) != after.get(f))
            if fields:
                changed.append((entry_id, fields))
    return EntryChanges(added, removed, tuple(changed))


def _requirements(old: Catalog, new: Catalog) -> tuple[tuple[tuple[str, str], ...], ...]:
    added, removed = [], []
    for cid in new.certifications:
        if cid not in old.certifications:
            continue
        before = [requirement_text(r) for r in old.requirements(cid)]
        after = [requirement_text(r) for r in new.requirements(cid)]
        added += [(cid, t) for t in after if t not in before]
        removed += [(cid, t) for t in before if t not in after]
    return tuple(added), tuple(removed)


def _reach(catalogs: Iterable[Catalog], start: set[str]) -> set[str]:
    """Return ``start`` and every certification that needs one of them, in any of ``catalogs``."""
    found = set(start)
    pending = list(start)
    while pending:
        cid = pending.pop()
        for catalog in catalogs:
            for dependent in catalog.dependents(cid):
                if dependent not in found:
                    found.add(dependent)
                    pending.append(dependent)
    return found


def _steps(catalog: Catalog, target: str | None) -> tuple[tuple[str, bool], ...] | str:
    from certpath.planning import plan_path
    if target is None:
        return "no target"
    if target not in catalog.certifications:
        return f"{target!r} is not in the catalog"
    try:
        path = plan_path(catalog, target)
    except CertpathError as exc:
        return f"cannot be planned: {exc}"
    return tuple((s.id, s.required) for s in path.steps)


def _paths(old: Catalog, new: Catalog, touched: set[str], roles_changed: set[str]) -> tuple[PathChange, ...]:
    reached = _reach((old, new), touched)
    found: list[PathChange] = []
    for rid in dict.fromkeys([*new.roles, *old.roles]):
        before_role, after_role = old.roles.get(rid), new.roles.get(rid)
        targets = {r.target for r in (before_role, after_role) if r is not None}
        if not (targets & reached) and rid not in roles_changed:
            continue
        before = _steps(old, before_role.target) if before_role else "no such role"
        after = _steps(new, after_role.target) if after_role else "no such role"
        role = after_role or before_role
        if before != after and role is not None:
            found.append(PathChange("role", rid, role.target, before, after))
    for cid in new.certifications:
        if cid in old.certifications and cid in reached:
            before, after = _steps(old, cid), _steps(new, cid)
            if before != after:
                found.append(PathChange("certification", cid, cid, before, after))
    return tuple(found)
