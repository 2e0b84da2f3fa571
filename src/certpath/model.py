"""The catalog's types: what the YAML files hold, as frozen, typed structs.

The structs double as the published format: ``certpath schema`` generates the JSON Schema of each
file from them, so a field documented here is documented there too.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from certpath.yamldoc import MAX_INTEGER

SCHEMA_VERSION = 1

MIN_HOURS_PER_WEEK = 0.5
MAX_HOURS_PER_WEEK = 168
"""The bounds of a weekly study pace, wherever it is given: flag, environment, profile, team."""

# The bounds of every number in a catalog (docs/catalog-format.md, "Limits"). Within them every
# command works: a plan, an expiry date or a fee total never overflows a date or a number.
MAX_WHOLE = MAX_INTEGER
"""Ranks, orders and counts: any whole number a JSON reader keeps exactly."""
MAX_MONTHS = 1200
"""The longest validity or renewal period: 100 years (a certification that never expires has no
validity at all)."""
MAX_DAYS = 3660
"""The longest preparation plan, and the last day of a phase: ten years."""
MAX_EFFORT_HOURS = 10_000
"""The most study hours one certification can need."""
MAX_FEE = 1_000_000_000
"""The largest fee, in any currency."""

# Patterns are anchored for a whole string both in Python (where ``$`` alone would also match
# before a final line feed) and in the JSON Schema's ECMA-262 regular expressions.
Id = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z0-9][a-z0-9-]*(?!\n)$",
        description="Lower-case letters, digits and hyphens; unique within its kind.",
    ),
]
Text = Annotated[str, msgspec.Meta(min_length=1)]
Currency = Annotated[
    str,
    msgspec.Meta(pattern=r"^[A-Z]{3}(?!\n)$", description="An ISO 4217 currency code, such as USD or EUR."),
]
Months = Annotated[int, msgspec.Meta(ge=1, le=MAX_MONTHS)]
Days = Annotated[int, msgspec.Meta(ge=1, le=MAX_DAYS)]
Whole = Annotated[int, msgspec.Meta(ge=-MAX_WHOLE, le=MAX_WHOLE)]


def _about(text: str) -> msgspec.Meta:
    """Describe a field in the published JSON Schema."""
    return msgspec.Meta(description=text)


class _Struct(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True, gc=False):
    """Base of every catalog struct: immutable, no unknown keys, keyword-only."""


class Source(_Struct, frozen=True, kw_only=True):
    """Where some facts of an entry come from: the source's section and words, a reading, an estimate.

    A catalog that has a source document (the shipped one has) can say, field by field, what each
    fact rests on; an entry's fields left out of every ``sources`` item are simply not traced.
    """

    fields: Annotated[list[Text], msgspec.Meta(min_length=1),
                      _about("The fields of the entry whose facts this item traces.")]
    section: Annotated[str | None, _about("The heading of the source section they are taken "
                                          "from.")] = None
    quote: Annotated[str | list[str] | None,
                     _about("The source's words behind them; left out, the fields' own text is "
                            "the source's words.")] = None
    reading: Annotated[str | None, _about("They are the catalog's reading of the source, not its "
                                          "words: why.")] = None
    estimate: Annotated[str | None, _about("They are estimates the source does not state: on what "
                                           "basis.")] = None

    @property
    def quotes(self) -> tuple[str, ...]:
        """The quoted words, as a tuple (empty when the fields' own text is quoted)."""
        if self.quote is None:
            return ()
        return (self.quote,) if isinstance(self.quote, str) else tuple(self.quote)

    @property
    def kind(self) -> Literal["source", "reading", "estimate"]:
        """Whether the facts are the source's, a reading of it, or an estimate."""
        if self.estimate is not None:
            return "estimate"
        return "reading" if self.reading is not None else "source"


class Sourced(_Struct, frozen=True, kw_only=True):
    """Base of the structs whose facts can be traced to a source (see ``Source``)."""

    sources: Annotated[list[Source], _about("Where the entry's facts come from, field by field.")] \
        = []


class Level(Sourced, frozen=True, kw_only=True):
    """A certification level; ``rank`` orders them (lower comes first)."""

    id: Id
    name: Text
    rank: Annotated[Whole, _about("Position among the levels: lower ranks come first.")]


class Track(Sourced, frozen=True, kw_only=True):
    """A family of certifications (the MLOps ladder, DevSecOps, ...)."""

    id: Id
    name: Text
    description: str | None = None


class Requirement(Sourced, frozen=True, kw_only=True):
    """A certification prerequisite: one certification, or N of a list of alternatives.

    An alternative of ``any_of`` is a certification id, or a list of ids that counts only as a
    whole ("A and B together, or C").
    """

    cert: Annotated[Id | None, _about("The one certification needed (or use any_of).")] = None
    any_of: Annotated[
        Annotated[list[Id | Annotated[list[Id], msgspec.Meta(min_length=1)]],
                  msgspec.Meta(min_length=1)] | None,
        _about("Alternatives, of which `choose` are needed; an alternative that is a list of ids "
               "counts only when all of them are held."),
    ] = None
    choose: Annotated[int, msgspec.Meta(ge=1, le=MAX_WHOLE), _about("How many of any_of are needed.")] = 1
    recommended: Annotated[bool, _about("Advised before, but not required.")] = False
    must_be_valid: Annotated[bool, _about("Must be held and not expired on the day of the "
                                          "dependent's exam (see validity_months).")] = False
    must_stay_valid: Annotated[bool, _about(
        "Must stay valid for as long as the dependent is to stay valid: the dependent lapses "
        "when this one does (implies must_be_valid).")] = False
    note: str | None = None

    @property
    def alternatives(self) -> tuple[tuple[str, ...], ...]:
        """The alternatives that can satisfy this requirement, each a group of one or more ids."""
        if self.cert is not None:
            return ((self.cert,),)
        return tuple((o,) if isinstance(o, str) else tuple(o) for o in self.any_of or ())

    @property
    def options(self) -> tuple[str, ...]:
        """Every certification named by the requirement, once each, in order."""
        return tuple(dict.fromkeys(o for group in self.alternatives for o in group))

    @property
    def is_choice(self) -> bool:
        """Whether the requirement leaves a choice among alternatives."""
        return len(self.alternatives) > self.choose

    @property
    def needs_valid(self) -> bool:
        """Whether a held certification satisfies it only while valid (either kind)."""
        return self.must_be_valid or self.must_stay_valid


class Effort(_Struct, frozen=True, kw_only=True):
    """Study effort in hours; ``estimate`` marks a number the catalog's source does not state."""

    hours: Annotated[float, msgspec.Meta(gt=0, le=MAX_EFFORT_HOURS)]
    estimate: Annotated[bool, _about("True when the source does not state the hours.")] = True
    note: str | None = None


class Fee(_Struct, frozen=True, kw_only=True):
    """A fee in one currency; a fee left out of the catalog is unknown, never zero."""

    amount: Annotated[float, msgspec.Meta(ge=0, le=MAX_FEE), _about("The amount, in `currency`; 0 is free.")]
    currency: Currency
    estimate: Annotated[bool, _about("True when the source does not state the amount.")] = False
    note: str | None = None


class ValidityPeriod(_Struct, frozen=True, kw_only=True):
    """How long a certification earned on or after ``since`` stays valid."""

    since: Annotated[dt.date, _about("The first earned date this period applies to.")]
    months: Months


class RenewalRoute(_Struct, frozen=True, kw_only=True):
    """One way to renew a certification before (or, if allowed, after) it expires."""

    kind: Annotated[Literal["assessment", "retake", "certification"], _about(
        "assessment: a renewal assessment; retake: pass the exam again; certification: earn "
        "one of `any_of`.")]
    any_of: Annotated[list[Id], _about("(kind certification) The certifications whose earning "
                                       "renews this one.")] = []
    window_months: Annotated[Months | None, _about(
        "The route opens this many months before expiry (absent: any time while valid).")] = None
    effort: Effort | None = None
    fee: Fee | None = None
    after_expiry: Annotated[bool, _about(
        "The route can still be used after expiry (else the certification is earned again).")] \
        = False
    months: Annotated[Months | None, _about(
        "How long a renewal lasts (absent: the certification's own validity).")] = None
    from_expiry: Annotated[bool, _about(
        "The renewed validity counts from the old expiry date, not from the day renewed.")] = False
    note: str | None = None


class Phase(Sourced, frozen=True, kw_only=True):
    """One phase of a preparation plan, placed by day within the plan (1-based, inclusive)."""

    name: Text
    start_day: Days
    end_day: Days
    activities: list[str] = []
    estimate: bool = False


class PrepPlan(Sourced, frozen=True, kw_only=True):
    """A preparation plan: how long it takes, whom it suits, and its phases."""

    id: Literal["accelerated", "focused", "comprehensive"]
    name: Text
    min_days: Days
    max_days: Days
    suits: str | None = None
    caution: str | None = None
    phases: list[Phase] = []


class NextItem(Sourced, frozen=True, kw_only=True):
    """A suggestion of what to take after a certification."""

    direction: Literal["same-track", "cross-track", "leadership"]
    text: Text
    certifications: list[Id] = []


class Badge(_Struct, frozen=True, kw_only=True):
    """A badge or certificate, as issuers name it, that means a certification."""

    name: Annotated[Text, _about("The badge's name, as its file states it (matched like a name).")]
    issuer: Annotated[str | None, _about("Its issuer's name; when given, the issuer must match "
                                         "too.")] = None


class Passage(Sourced, frozen=True, kw_only=True):
    """A section of narrative about a certification: what it is, why it matters, ..."""

    title: Text
    text: Text


class Testimonial(Sourced, frozen=True, kw_only=True):
    """Words of someone who took a certification, and who they are."""

    text: Text
    author: Annotated[Text, _about("Who said it, as the source attributes it.")]


class Certification(Sourced, frozen=True, kw_only=True):
    """A certification: who it is for, what it needs, what it covers, how to prepare."""

    id: Id
    name: Text
    aliases: Annotated[list[str], _about("Other names it is known by (matched like the name).")] \
        = []
    exam: Annotated[Text | list[Text] | None, _about(
        "Its exam code or codes (AZ-104, CKA), matched like the name.")] = None
    title: Annotated[bool, _about(
        "Earned by holding its requirements: no exam, no study; valid while its must-be-valid "
        "members are.")] = False
    held_to_year_end: Annotated[bool, _about(
        "When a member it must keep valid lapses, it stays held to the end of that calendar "
        "year (a title's grace).")] = False
    track: Annotated[Id, _about("The id of its track.")]
    level: Annotated[Id | None, _about("The id of its level.")] = None
    order: Annotated[Whole | None, _about("Its place in the recommended order of its track.")] = None
    audience: Annotated[str | None, _about("Who it is for.")] = None
    description: str | None = None
    recommended_for: str | None = None
    prerequisites: Annotated[list[str], _about("Knowledge to have first (text, not ids).")] = []
    requires: Annotated[
        list[Id | Requirement],
        _about("Certification prerequisites: an id (required), or a requirement mapping."),
    ] = []
    skills: list[str] = []
    competencies: list[str] = []
    projects: list[str] = []
    preparation: list[PrepPlan] = []
    pitfalls: list[str] = []
    best_next: list[NextItem] = []
    next_steps: list[NextItem] = []
    validity_months: Annotated[Months | None,
                               _about("How long it stays valid once earned.")] = None
    validity_periods: Annotated[list[ValidityPeriod], _about(
        "Validity by earned date: each period applies from its `since` date; before the first, "
        "validity_months applies.")] = []
    effort: Effort | None = None
    fee: Annotated[Fee | None, _about("The exam fee (absent: unknown).")] = None
    renewal: Annotated[list[RenewalRoute], _about("The ways it can be renewed.")] = []
    retired_on: Annotated[dt.date | None, _about(
        "The last day it can be earned; held ones stay valid until they expire.")] = None
    replaced_by: Annotated[Id | None, _about("Its successor, once retired.")] = None
    note: str | None = None
    narrative: Annotated[list[Passage], _about("Sections of narrative about it ('certpath about').")] \
        = []
    testimonials: list[Testimonial] = []
    badges: Annotated[list[Badge], _about("Badges and certificates that mean it, for "
                                          "'certpath profile import'.")] = []

    @property
    def exam_codes(self) -> tuple[str, ...]:
        """Its exam codes, as a tuple (the catalog may give one as text)."""
        if self.exam is None:
            return ()
        return (self.exam,) if isinstance(self.exam, str) else tuple(self.exam)

    def retired(self, day: dt.date) -> bool:
        """Whether it can no longer be earned on ``day``."""
        return self.retired_on is not None and day > self.retired_on


class Faq(Sourced, frozen=True, kw_only=True):
    """One question and its answer."""

    question: Text
    answer: Text


class FaqSection(Sourced, frozen=True, kw_only=True):
    """A set of questions and answers, optionally about one certification."""

    id: Id
    title: Text
    about: Id | None = None
    entries: list[Faq] = []


class LearningPath(Sourced, frozen=True, kw_only=True):
    """A learning path: a direction of study and whom it is built for."""

    id: Id
    name: Text
    aliases: list[str] = []
    description: str | None = None
    audience: str | None = None
    tracks: list[Id] = []


class Role(Sourced, frozen=True, kw_only=True):
    """A job role and the certification focus the catalog recommends for it."""

    id: Id
    name: Text
    aliases: list[str] = []
    focus_area: str | None = None
    strategic_value: str | None = None
    target: Annotated[Id | None, _about("The certification to aim for.")] = None
    target_inferred: Annotated[bool, _about("The target is a reading of the focus area.")] = False
    target_note: Annotated[str | None, _about("Why the target was inferred.")] = None
    learning_paths: Annotated[list[Id], _about("Ids of the learning paths for the role.")] = []


class Institution(Sourced, frozen=True, kw_only=True):
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
