"""Team goals as a team file states them: how many valid holders of what, or who holds what, by when.

Two kinds, each checked by ``coverage.assess_goals``::

    goals:
      - at_least: 3                   # at least 3 valid holders of the certification
        hold: mlops-associate
        by: 2025-06-30
      - everyone_with_role: sre       # every member with this role holds it
        hold: mlops-professional
        by: 2025-09-30
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import msgspec

from certpath.docdecode import convert
from certpath.errors import UnknownNameError

if TYPE_CHECKING:  # for annotations only
    from certpath.catalog import Catalog
    from certpath.yamldoc import Document


class GoalEntry(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """One goal as written."""

    hold: Annotated[str, msgspec.Meta(min_length=1)]
    by: dt.date
    at_least: Annotated[int, msgspec.Meta(ge=1)] | None = None
    everyone_with_role: Annotated[str, msgspec.Meta(min_length=1)] | None = None


@dataclass(frozen=True)
class Goal:
    """A goal with its names resolved: ``at_least`` holders, or everyone with ``role``."""

    cert: str
    by: dt.date
    at_least: int | None = None
    role: str | None = None


def describe(catalog: Catalog, goal: Goal) -> str:
    """Say the goal in words."""
    cert = catalog.certifications[goal.cert].name
    if goal.role is not None:
        return f"everyone with role {catalog.roles[goal.role].name} holds {cert} by {goal.by}"
    plural = "holder" if goal.at_least == 1 else "holders"
    return f"at least {goal.at_least} valid {plural} of {cert} by {goal.by}"


def parse_goals(doc: Document, catalog: Catalog, raw: Sequence[Any]) -> tuple[Goal, ...]:
    """Decode and resolve a team file's goals, recording each problem at its place."""
    goals: list[Goal] = []
    for index, item in enumerate(raw):
        at = ("goals", index)
        entry = convert(doc, at, item, GoalEntry)
        if entry is None:
            continue
        if (entry.at_least is None) == (entry.everyone_with_role is None):
            doc.error(at, "a goal says either 'at_least: N' (valid holders) or "
                          "'everyone_with_role: ROLE', not both or neither")
            continue
        try:
            cert = catalog.resolve_cert(entry.hold).id
            role = (catalog.resolve_role(entry.everyone_with_role).id
                    if entry.everyone_with_role is not None else None)
        except UnknownNameError as exc:
            key = "hold" if exc.kind == "certification" else "everyone_with_role"
            doc.error((*at, key), str(exc))
            continue
        goals.append(Goal(cert, entry.by, entry.at_least, role))
    return tuple(goals)
