"""The catalog's types: what the YAML files hold, as frozen, typed structs.

The structs double as the published format: ``certpath schema`` generates the JSON Schema of each
file from them, so a field documented here is documented there too.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

SCHEMA_VERSION = 1

Id = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="Lower-case letters, digits and hyphens; unique within its kind.",
    ),
]
Text = Annotated[str, msgspec.Meta(min_length=1)]


class _Struct(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True, gc=False):
    """Base of every catalog struct: immutable, no unknown keys, keyword-only."""


class Level(_Struct, frozen=True, kw_only=True):
    """A certification level; ``rank`` orders them (lower comes first)."""

    id: Id
    name: Text
    rank: int


class Track(_Struct, frozen=True, kw_only=True):
    """A family of certifications (the MLOps ladder, DevSecOps, ...)."""

    id: Id
    name: Text
    description: str | None = None


class Requirement(_Struct, frozen=True, kw_only=True):
    """A certification prerequisite: one certification, or N of a list of alternatives."""

    cert: Id | None = None
    any_of: Annotated[list[Id], msgspec.Meta(min_length=1)] | None = None
    choose: Annotated[int, msgspec.Meta(ge=1)] = 1
    recommended: bool = False
    must_be_valid: bool = False
    note: str | None = None

    @property
    def options(self) -> tuple[str, ...]:
        """The certifications that can satisfy this requirement."""
        if self.cert is not None:
            return (self.cert,)
        return tuple(self.any_of or ())

    @property
    def is_choice(self) -> bool:
        """Whether the requirement leaves a choice among alternatives."""
        return len(self.options) > self.choose


class Effort(_Struct, frozen=True, kw_only=True):
    """Study effort in hours; ``estimate`` marks a number the catalog's source does not state."""

    hours: Annotated[float, msgspec.Meta(gt=0)]
    estimate: bool = True
    note: str | None = None


class Phase(_Struct, frozen=True, kw_only=True):
    """One phase of a preparation plan, placed by day within the plan (1-based, inclusive)."""

    name: Text
    start_day: Annotated[int, msgspec.Meta(ge=1)]
    end_day: Annotated[int, msgspec.Meta(ge=1)]
    activities: list[str] = []
    estimate: bool = False


class PrepPlan(_Struct, frozen=True, kw_only=True):
    """A preparation plan: how long it takes, whom it suits, and its phases."""

    id: Literal["accelerated", "focused", "comprehensive"]
    name: Text
    min_days: Annotated[int, msgspec.Meta(ge=1)]
    max_days: Annotated[int, msgspec.Meta(ge=1)]
    suits: str | None = None
    caution: str | None = None
    phases: list[Phase] = []


class NextItem(_Struct, frozen=True, kw_only=True):
    """A suggestion of what to take after a certification."""

    direction: Literal["same-track", "cross-track", "leadership"]
    text: Text
    certifications: list[Id] = []


class Certification(_Struct, frozen=True, kw_only=True):
    """A certification: who it is for, what it needs, what it covers, how to prepare."""

    id: Id
    name: Text
    aliases: list[str] = []
    track: Id
    level: Id | None = None
    order: int | None = None
    audience: str | None = None
    description: str | None = None
    recommended_for: str | None = None
    prerequisites: list[str] = []
    requires: list[Id | Requirement] = []
    skills: list[str] = []
    competencies: list[str] = []
    projects: list[str] = []
    preparation: list[PrepPlan] = []
    pitfalls: list[str] = []
    best_next: list[NextItem] = []
    next_steps: list[NextItem] = []
    validity_months: Annotated[int, msgspec.Meta(ge=1)] | None = None
    effort: Effort | None = None
    note: str | None = None


class Faq(_Struct, frozen=True, kw_only=True):
    """One question and its answer."""

    question: Text
    answer: Text


class FaqSection(_Struct, frozen=True, kw_only=True):
    """A set of questions and answers, optionally about one certification."""

    id: Id
    title: Text
    about: Id | None = None
    entries: list[Faq] = []


class LearningPath(_Struct, frozen=True, kw_only=True):
    """A learning path: a direction of study and whom it is built for."""

    id: Id
    name: Text
    aliases: list[str] = []
    description: str | None = None
    audience: str | None = None
    tracks: list[Id] = []


class Role(_Struct, frozen=True, kw_only=True):
    """A job role and the certification focus the catalog recommends for it."""

    id: Id
    name: Text
    aliases: list[str] = []
    focus_area: str | None = None
    strategic_value: str | None = None
    target: Id | None = None
    target_inferred: bool = False
    target_note: str | None = None
    learning_paths: list[Id] = []


class Institution(_Struct, frozen=True, kw_only=True):
    """A training institution and what it trains for."""

    id: Id
    name: Text
    aliases: list[str] = []
    description: str | None = None
    focus: list[str] = []
    tracks: list[Id] = []
    learning_paths: list[Id] = []
    certifications: list[Id] = []


class TracksFile(_Struct, frozen=True, kw_only=True):
    """The contents of tracks.yaml: levels, tracks, certifications and FAQs."""

    schema_version: Literal[1] = 1
    levels: list[Level] = []
    tracks: list[Track] = []
    certifications: list[Certification] = []
    faq: list[FaqSection] = []


class RolesFile(_Struct, frozen=True, kw_only=True):
    """The contents of roles.yaml: roles and learning paths."""

    schema_version: Literal[1] = 1
    roles: list[Role] = []
    learning_paths: list[LearningPath] = []


class InstitutionsFile(_Struct, frozen=True, kw_only=True):
    """The contents of institutions.yaml: training institutions."""

    schema_version: Literal[1] = 1
    institutions: list[Institution] = []


FILE_TYPES: dict[str, type[_Struct]] = {
    "tracks": TracksFile,
    "roles": RolesFile,
    "institutions": InstitutionsFile,
}
