"""Where a catalog's facts come from: each field's source section and words, reading or estimate.

An entry's ``sources`` (see ``model.Source``) say, for named fields, which section of the
catalog's source document a fact is taken from and in which words, or that it is the catalog's
reading of the source (with the reason), or an estimate. Views ask here whether what they show
is a reading, so that it is labelled as one wherever it appears.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import msgspec

from certpath.model import Effort, Phase, Role, Source, Sourced

if TYPE_CHECKING:
    from certpath.catalog import Catalog
    from certpath.errors import Finding
    from certpath.model import Certification, Institution, Requirement
    from certpath.team import TeamMember
    from certpath.yamldoc import Key

NOT_FACTS = frozenset({"id", "sources"})
"""Fields that name or trace an entry rather than state a fact about it."""

_MARKERS = {Phase: {"estimate"}, Role: {"target_inferred", "target_note"}}
"""Fields that mark other fields as estimates or readings: flags, not facts."""


@dataclass(frozen=True)
class Fact:
    """One field of an entry and what it rests on."""

    path: str  # where it is within the entry: "audience", "requires[0].cert", ...
    value: Any
    kind: str  # "source", "reading", "estimate", or "untraced" (nothing said)
    section: str | None = None
    quotes: tuple[str, ...] = ()  # the source's words (a stated fact's own text if none are given)
    reason: str | None = None


def source_of(entry: Any, name: str) -> Source | None:
    """Return the item of ``entry.sources`` that traces field ``name``, if there is one."""
    items: list[Source] = getattr(entry, "sources", [])
    for item in items:
        if name in item.fields:
            return item
    return None


def reading(entry: Any, name: str) -> str | None:
    """Return why field ``name`` of ``entry`` is a reading of the source, or None if it is not."""
    item = source_of(entry, name)
    if item is not None and item.kind == "reading":
        return item.reading
    if isinstance(entry, Role) and name == "target" and entry.target_inferred:
        return entry.target_note or "inferred from the focus area"
    return None


def successor_words(catalog: Catalog, cert: Certification) -> str:
    """Name a retired certification's successor, marked as a reading when the catalog says so."""
    if cert.replaced_by is None:
        return ""
    why = reading(cert, "replaced_by")
    name = catalog.certifications[cert.replaced_by].name
    return name + (f" (certpath's reading: {why.rstrip('.')})" if why else "")


def requirement_reading(req: Requirement | str) -> str | None:
    """Return why a prerequisite link is a reading of the source (None: it is stated, or untraced)."""
    if isinstance(req, str):
        return None
    return reading(req, "cert") or reading(req, "any_of") or reading(req, "recommended")


def member_target_reading(catalog: Catalog, member: TeamMember) -> str | None:
    """Return why a team member's target is a reading: it is their role's, and that is inferred."""
    if member.target is not None or member.role is None:
        return None
    return reading(catalog.roles[member.role], "target")


def trainer_reading(inst: Institution, cert_id: str) -> str | None:
    """Return why an institution is said to train for a certification, when that is a reading."""
    if cert_id in inst.certifications:
        return reading(inst, "certifications")
    return reading(inst, "tracks")


def coverage_reading(inst: Institution, cert_ids: Iterable[str]) -> str | None:
    """Return why an institution is said to train for any of ``cert_ids``, when that is a reading."""
    return next((why for c in cert_ids if (why := trainer_reading(inst, c)) is not None), None)


def text_of(value: Any) -> tuple[str, ...]:
    """Return the text a value states: itself, its items, or a struct's text fields."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, bool | int | float):
        return (f"{value:g}" if isinstance(value, float) else str(value),)
    if isinstance(value, list | tuple):
        return tuple(t for item in value for t in text_of(item))
    if isinstance(value, Effort):
        return text_of(value.hours)
    if isinstance(value, msgspec.Struct):
        return tuple(t for name in value.__struct_fields__ if name not in NOT_FACTS
                     for t in text_of(getattr(value, name)))
    return ()


def facts(entry: Sourced, prefix: str = "") -> list[Fact]:
    """Return every fact an entry states (fields left at their default state none), traced."""
    found: list[Fact] = []
    markers = _MARKERS.get(type(entry), set())
    for name in entry.__struct_fields__:
        value = getattr(entry, name)
        if name in NOT_FACTS or name in markers or value == _default(entry, name):
            continue
        path = f"{prefix}{name}"
        nested = _nested(value)
        if nested and source_of(entry, name) is None:
            for i, item in enumerate(nested):
                found.extend(facts(item, f"{path}[{i}].") if isinstance(item, Sourced)
                             else [_fact(entry, name, f"{path}[{i}]", item)])
            continue
        found.append(_fact(entry, name, path, value))
    return found


def _nested(value: Any) -> list[Any]:
    """Return the items of a list that holds traceable structs (each traced on its own)."""
    if isinstance(value, list) and any(isinstance(v, Sourced) for v in value):
        return value
    return [value] if isinstance(value, Sourced) else []


def _fact(entry: Sourced, name: str, path: str, value: Any) -> Fact:
    item = source_of(entry, name)
    if item is not None:
        quotes = item.quotes or (text_of(value) if item.kind == "source" else ())
        return Fact(path, value, item.kind, item.section, quotes,
                    item.reading if item.kind == "reading" else item.estimate)
    why = reading(entry, name)
    if why is not None:
        return Fact(path, value, "reading", reason=why)
    if isinstance(value, msgspec.Struct) and getattr(value, "estimate", False) is True:
        return Fact(path, value, "estimate", reason=getattr(value, "note", None))  # effort, fee
    if isinstance(entry, Phase) and entry.estimate and name in ("start_day", "end_day"):
        return Fact(path, value, "estimate", reason="the day boundaries are an estimate")
    return Fact(path, value, "untraced")


def _default(entry: Sourced, name: str) -> Any:
    return _defaults(type(entry)).get(name, _NO_DEFAULT)


@functools.cache
def _defaults(kind: type[Sourced]) -> dict[str, Any]:
    """Return each optional field's default value (a fresh one for a default factory)."""
    found: dict[str, Any] = {}
    for info in msgspec.structs.fields(kind):
        if info.default is not msgspec.NODEFAULT:
            found[info.name] = info.default
        elif info.default_factory is not msgspec.NODEFAULT:
            found[info.name] = info.default_factory()
    return found


_NO_DEFAULT = object()


def check_sources(catalog: Catalog) -> list[Finding]:
    """Check every entry's ``sources``: known fields, each traced once, and a kind for each."""
    findings: list[Finding] = []
    for (section, entry_id), origin in catalog.origins.items():
        entry = getattr(catalog, section).get(entry_id)
        if entry is None:
            continue
        for struct, key in _walk(entry, ()):
            for message, sub in _problems(struct):
                findings.append(origin.finding(message, sub=(*key, *sub)))
    return findings


def _walk(value: Any, key: Key) -> Iterator[tuple[Sourced, Key]]:
    """Yield each traceable struct within ``value`` with its key path."""
    if isinstance(value, Sourced):
        yield value, key
        for name in value.__struct_fields__:
            if name != "sources":
                yield from _walk(getattr(value, name), (*key, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, (*key, i))


def _problems(struct: Sourced) -> Iterator[tuple[str, Key]]:
    known = [f for f in struct.__struct_fields__ if f != "sources"]
    seen: set[str] = set()
    for i, item in enumerate(struct.sources):
        for j, name in enumerate(item.fields):
            where: Key = ("sources", i, "fields", j)
            if name not in known:
                close = difflib.get_close_matches(name, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                yield f"sources: {name!r} is not a field here{hint}", where
            elif name in seen:
                yield f"sources: field {name!r} is traced twice", where
            seen.add(name)
        if item.reading is not None and item.estimate is not None:
            yield "sources: an item is a reading or an estimate, not both", ("sources", i)
        elif item.section is None and item.kind == "source":
            yield "sources: an item needs a section, a reading or an estimate", ("sources", i)
        if item.quote is not None and item.section is None:
            yield "sources: a quote needs the section it is quoted from", ("sources", i, "quote")
