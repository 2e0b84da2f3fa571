"""Recommendations: for a role, a target and the path to it; for a certification, what comes next."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from certpath.catalog import Catalog
from certpath.model import Certification, Institution, LearningPath, Role
from certpath.planning import Path, plan_path
from certpath.provenance import reading, requirement_reading, trainer_reading


@dataclass(frozen=True)
class NextSuggestion:
    """Something to take after a certification, and where the suggestion comes from.

    ``source`` is ``best_next`` or ``next_steps`` (the catalog's own advice) or ``leads_to``
    (a certification that lists this one as a prerequisite, required or recommended).
    ``reading`` says why the link to ``certifications`` is the catalog's reading of its source.
    """

    source: str
    direction: str
    text: str
    certifications: tuple[str, ...]
    reading: str | None = None
    recommended: bool = False  # (leads_to) the link is a recommendation, not a requirement


@dataclass(frozen=True)
class Recommendation:
    """What the catalog recommends for a role."""

    role: Role
    target: Certification | None
    path: Path | None
    learning_paths: tuple[LearningPath, ...]
    next: tuple[NextSuggestion, ...]
    institutions: tuple[Institution, ...]


def suggest_next(catalog: Catalog, cert_id: str) -> tuple[NextSuggestion, ...]:
    """Return what to take after ``cert_id``: the catalog's advice, then what builds on it."""
    cert = catalog.certifications[cert_id]
    found: list[NextSuggestion] = []
    for source, items in (("best_next", cert.best_next), ("next_steps", cert.next_steps)):
        found.extend(NextSuggestion(source, i.direction, i.text, tuple(i.certifications),
                                    reading(i, "certifications"))
                     for i in items)
    advised = {c: item.direction for item in found for c in item.certifications}
    for dependent in sorted(catalog.dependents(cert_id), key=catalog.order_key):
        other = catalog.certifications[dependent]
        direction = advised.get(dependent)  # the catalog's own word, where it gives one
        if direction is None:
            direction = "same-track" if other.track == cert.track else "cross-track"
        req = next(r for r in catalog.requirements(dependent) if cert_id in r.options)
        found.append(NextSuggestion("leads_to", direction, other.name, (dependent,),
                                    requirement_reading(req), req.recommended))
    return tuple(found)


def recommend(catalog: Catalog, role_id: str, have: Iterable[str] = (), *,
              required_only: bool = False, expired: Collection[str] = (),
              expires: Mapping[str, dt.date | None] | None = None,
              optimize: str = "hours", today: dt.date | None = None) -> Recommendation:
    """Recommend a target certification, the path to it, and what follows, for a role."""
    role = catalog.roles[role_id]
    paths = tuple(catalog.learning_paths[p] for p in role.learning_paths)
    if role.target is None:
        return Recommendation(role, None, None, paths, (), ())
    target = catalog.certifications[role.target]
    path = plan_path(catalog, target.id, have, required_only=required_only, expired=expired,
                     expires=expires, optimize=optimize, today=today)
    return Recommendation(
        role=role,
        target=target,
        path=path,
        learning_paths=paths,
        next=suggest_next(catalog, target.id),
        institutions=_institutions(catalog, role, target.id),
    )


def _institutions(catalog: Catalog, role: Role, cert_id: str) -> tuple[Institution, ...]:
    """Return institutions that train for the target or serve one of the role's learning paths."""
    trainers = {inst.id for inst in catalog.trainers(cert_id)}
    paths = set(role.learning_paths)
    return tuple(inst for inst in catalog.institutions.values()
                 if inst.id in trainers or paths.intersection(inst.learning_paths))


def institution_reading(rec: Recommendation, inst: Institution) -> str | None:
    """Return why an institution of a recommendation is there by the catalog's reading, if it is."""
    target = rec.target
    if target is not None and (target.id in inst.certifications or target.track in inst.tracks):
        return trainer_reading(inst, target.id)
    if set(rec.role.learning_paths).intersection(inst.learning_paths):
        return reading(inst, "learning_paths") or reading(rec.role, "learning_paths")
    return None


def leads_to(catalog: Catalog, cert_id: str) -> list[str]:
    """Return every certification that builds on ``cert_id``, directly or not, in catalog order."""
    found: set[str] = set()
    pending = [cert_id]
    while pending:
        for dependent in catalog.dependents(pending.pop()):
            if dependent not in found:
                found.add(dependent)
                pending.append(dependent)
    return sorted(found, key=catalog.order_key)
