"""Checks across a whole catalog: references, cycles, names, and what nothing leads to.

Errors make a catalog unusable (``load_catalog`` refuses it); warnings point at entries that are
valid but probably not what their author meant, and are reported by ``certpath validate``.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from certpath.errors import ECHO, Finding
from certpath.model import Requirement
from certpath.names import normalize_name
from certpath.programme_checks import check_programme
from certpath.provenance import check_sources

if TYPE_CHECKING:
    from certpath.catalog import Catalog
    from certpath.layers import Origin
    from certpath.yamldoc import Key

_PLURAL = {"learning_paths": "learning paths", "faq": "FAQ sections"}
_NAMED = {"certifications": "certification", "roles": "role", "tracks": "track", "levels": "level"}


def check_references(catalog: Catalog) -> list[Finding]:
    """Check that every id a catalog mentions exists, and that prerequisites form no cycle."""
    findings: list[Finding] = []
    hidden: dict[str, int] = {}  # section -> references that an unreadable file may explain

    def check(kind: str, entry_id: str, sub: Key, ref: str, pool: str, noun: str) -> None:
        if ref in getattr(catalog, pool):
            return
        if pool in catalog.unreadable:
            hidden[pool] = hidden.get(pool, 0) + 1
        elif not catalog.may_lack(pool, ref):
            findings.append(_unknown(catalog.origins[(kind, entry_id)], sub, ref,
                                     getattr(catalog, pool), noun))

    for cid, cert in catalog.certifications.items():
        check("certifications", cid, ("track",), cert.track, "tracks", "track")
        if cert.level is not None:
            check("certifications", cid, ("level",), cert.level, "levels", "level")
        findings.extend(_check_requirements(catalog, cid, hidden))
        findings.extend(check_programme(catalog, cid))
        for group in ("best_next", "next_steps"):
            for i, item in enumerate(getattr(cert, group)):
                for j, ref in enumerate(item.certifications):
                    check("certifications", cid, (group, i, "certifications", j), ref,
                          "certifications", "certification")
    for rid, role in catalog.roles.items():
        if role.target is not None:
            check("roles", rid, ("target",), role.target, "certifications", "certification")
        for j, ref in enumerate(role.learning_paths):
            check("roles", rid, ("learning_paths", j), ref, "learning_paths", "learning path")
    for pid, lpath in catalog.learning_paths.items():
        for j, ref in enumerate(lpath.tracks):
            check("learning_paths", pid, ("tracks", j), ref, "tracks", "track")
    for iid, inst in catalog.institutions.items():
        for sub, noun in (("tracks", "track"), ("learning_paths", "learning path"),
                          ("certifications", "certification")):
            for j, ref in enumerate(getattr(inst, sub)):
                check("institutions", iid, (sub, j), ref, sub, noun)
    for fid, section in catalog.faq.items():
        if section.about is not None:
            check("faq", fid, ("about",), section.about, "certifications", "certification")
    findings.extend(_check_cycles(catalog))
    findings.extend(_check_names(catalog))
    findings.extend(check_sources(catalog))
    findings.extend(_summarise_hidden(catalog, hidden))
    return findings


def _summarise_hidden(catalog: Catalog, hidden: dict[str, int]) -> Iterator[Finding]:
    """One line per unreadable section instead of an "unknown" error for each reference to it."""
    for section, count in hidden.items():
        files = catalog.unreadable[section]
        noun = _PLURAL.get(section, section)
        names = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
        verb = "which could not be read" if len(files) == 1 else "which could not all be read"
        yield Finding(files[0], 0, 0, "error", f"{count} reference{'s' if count != 1 else ''} to "
                      f"{noun} that may be defined in {names}, {verb}", priority=ECHO)


def _unknown(origin: Origin, sub: Key, ref: str, pool: Iterable[str], noun: str) -> Finding:
    close = difflib.get_close_matches(ref, list(pool), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return origin.finding(f"unknown {noun} {ref!r}{hint}", sub=sub)


def _check_requirements(catalog: Catalog, cid: str, hidden: dict[str, int]) -> Iterator[Finding]:
    origin = catalog.origins[("certifications", cid)]
    for i, req in enumerate(catalog.certifications[cid].requires):
        sub: Key = ("requires", i)
        if isinstance(req, str):
            req = Requirement(cert=req)
        elif (req.cert is None) == (req.any_of is None):
            yield origin.finding("a requirement needs exactly one of 'cert' or 'any_of'", sub=sub)
            continue
        named = [(j, k, ref) for j, group in enumerate(req.alternatives)
                 for k, ref in enumerate(group)]
        for j, k, ref in named:
            where: Key = sub
            if req.any_of is not None:
                where = (*sub, "any_of", j) if isinstance(req.any_of[j], str) \
                    else (*sub, "any_of", j, k)
            if ref == cid:
                yield origin.finding(f"{cid!r} cannot require itself", sub=where)
            elif ref in catalog.certifications:
                pass
            elif "certifications" in catalog.unreadable:
                hidden["certifications"] = hidden.get("certifications", 0) + 1
            elif not catalog.may_lack("certifications", ref):
                yield _unknown(origin, where, ref, catalog.certifications, "certification")
        if len({ref for _, _, ref in named}) != len(named):
            yield origin.finding("the same certification is listed twice in one requirement",
                                 sub=sub)
        if req.choose > len(req.alternatives):
            noun = "certifications" if len(named) == len(req.alternatives) else "alternatives"
            yield origin.finding(f"cannot choose {req.choose} of {len(req.alternatives)} "
                                 f"{noun}: the requirement can never be met", sub=sub)


def _check_cycles(catalog: Catalog) -> list[Finding]:
    """Name every prerequisite cycle; a catalog without one (the usual case) needs no networkx."""
    from certpath.order import has_cycle
    if not has_cycle(catalog):
        return []
    from certpath.graph import prerequisite_cycles
    findings = []
    for cycle in prerequisite_cycles(catalog):
        origin = catalog.origins[("certifications", cycle[0])]
        chain = " -> ".join([*cycle, cycle[0]])
        findings.append(origin.finding(f"prerequisite cycle: {chain} (each requires the next)",
                                       sub=("requires",)))
    return findings


def _check_names(catalog: Catalog) -> Iterator[Finding]:
    """An alias or name equal to another entry's id makes that id ambiguous: an error, as are
    two ids that are the same name once hyphens are folded (``net-ops``, ``net--ops``).

    Two entries sharing a name or alias is only a warning: both stay reachable by id.
    """
    for section, noun in _NAMED.items():
        entries: dict[str, Any] = getattr(catalog, section)
        ids: dict[str, str] = {}
        for entry_id in entries:
            first = ids.setdefault(normalize_name(entry_id), entry_id)
            if first != entry_id:
                yield catalog.origins[(section, entry_id)].finding(
                    f"{noun} ids {first!r} and {entry_id!r} differ only in hyphens, which names "
                    f"ignore; rename one", sub=("id",))
        labels: dict[str, str] = {}
        for entry_id, entry in entries.items():
            origin = catalog.origins[(section, entry_id)]
            aliases = getattr(entry, "aliases", [])
            for sub, label in [(("name",), entry.name),
                               *((("aliases", i), a) for i, a in enumerate(aliases)),
                               *_exam_labels(entry)]:
                key = normalize_name(label)
                other = ids.get(key)
                if other is not None and other != entry_id:
                    yield origin.finding(f"{noun} {entry_id!r} is also called {label!r}, which is "
                                         f"the id of {noun} {other!r}; rename one", sub=sub)
                elif labels.setdefault(key, entry_id) != entry_id:
                    yield origin.finding(f"{noun}s {labels[key]!r} and {entry_id!r} are both "
                                         f"called {label!r}; use their ids to tell them apart",
                                         severity="warning", sub=sub)


def _exam_labels(entry: Any) -> list[tuple[Key, str]]:
    """Return a certification's exam codes with where each is written (names, like aliases)."""
    exam = getattr(entry, "exam", None)
    if isinstance(exam, str):
        return [(("exam",), exam)]
    return [(("exam", i), code) for i, code in enumerate(exam or ())]


def check_coverage(catalog: Catalog, today: dt.date | None = None) -> list[Finding]:
    """Warn about what no advice reaches: lone certifications, idle institutions, stuck roles.

    Given ``today``, a role whose target is retired by then is a warning too.
    """
    findings: list[Finding] = []
    met = _satisfiable(catalog)
    if today is not None:
        findings.extend(_retired_targets(catalog, today))
        findings.extend(_retired_prerequisites(catalog, today))
    for rid, role in catalog.roles.items():
        stuck = role.target in catalog.certifications and role.target not in met
        if role.target is not None and stuck:
            blocker = _blocker(catalog, role.target, met)
            why = ("one of its own requirements can never be met" if blocker == role.target
                   else f"its prerequisite {blocker!r} can never be met")
            findings.append(catalog.origins[("roles", rid)].finding(
                f"role {rid!r}: its target {role.target!r} can never be reached: {why}",
                severity="warning", sub=("target",)))
    if catalog.roles:
        reached = _reached_by_roles(catalog)
        for cid in catalog.certifications:
            if cid not in reached:
                findings.append(catalog.origins[("certifications", cid)].finding(
                    f"certification {cid!r} is reached by no role: no role targets it or leads "
                    "to it through prerequisites, next steps or a learning path",
                    severity="warning", sub=("id",)))
    for iid, inst in catalog.institutions.items():
        if not inst.learning_paths and not any(
                cid in inst.certifications or cert.track in inst.tracks
                for cid, cert in catalog.certifications.items()):
            findings.append(catalog.origins[("institutions", iid)].finding(
                f"institution {iid!r} serves nothing: it names no learning path and trains for "
                "no certification of the catalog", severity="warning", sub=("id",)))
    return findings


def _retired_targets(catalog: Catalog, today: dt.date) -> Iterator[Finding]:
    """Warn about each role whose target can no longer be earned, naming its successor."""
    for rid, role in catalog.roles.items():
        cert = catalog.certifications.get(role.target or "")
        if cert is None or not cert.retired(today):
            continue
        day = cert.retired_on.isoformat() if cert.retired_on else "?"
        succ = cert.replaced_by
        then = (f"; point it at its successor {succ!r}" if succ in catalog.certifications
                else "; the catalog names no successor")
        yield catalog.origins[("roles", rid)].finding(
            f"role {rid!r}: its target {cert.id!r} was retired on {day} and can no longer be "
            f"earned{then}", severity="warning", sub=("target",))


def _retired_prerequisites(catalog: Catalog, today: dt.date) -> Iterator[Finding]:
    """Warn where a requirement can only be met with certifications that are retired by today.

    Only a holder of them can then earn the certification; a retired one itself is left alone.
    """
    retired = {cid for cid, cert in catalog.certifications.items() if cert.retired(today)}
    if not retired:  # most catalogs: nothing to look at
        return
    for cid in catalog.certifications:
        if cid in retired:
            continue
        for i, req in enumerate(catalog.requirements(cid)):
            if req.recommended or (req.cert is None) == (req.any_of is None) \
                    or retired.isdisjoint(req.options):
                continue
            open_ = [g for g in req.alternatives if retired.isdisjoint(g)]
            if len(open_) >= req.choose:
                continue
            gone = sorted({o for g in req.alternatives for o in g if o in retired})
            one = len(gone) == 1
            yield catalog.origins[("certifications", cid)].finding(
                f"certification {cid!r} requires {' and '.join(map(repr, gone))}, which "
                f"{'is' if one else 'are'} retired: only those who hold {'it' if one else 'them'}"
                f" can still earn {cid!r}", severity="warning", sub=("requires", i))


def _satisfiable(catalog: Catalog) -> set[str]:
    """Return the certifications whose required prerequisites can all be met (a worklist)."""
    dependents: dict[str, set[str]] = {}
    needed: dict[str, list[Requirement]] = {}
    for cid in catalog.certifications:
        needed[cid] = [req for req in catalog.requirements(cid) if not req.recommended]
        for req in needed[cid]:
            for option in req.options:
                dependents.setdefault(option, set()).add(cid)
    met: set[str] = set()
    pending = list(needed)
    while pending:
        cid = pending.pop()
        if cid in met or not _can_meet(needed[cid], met):
            continue
        met.add(cid)
        pending.extend(d for d in dependents.get(cid, ()) if d not in met)
    return met


def _can_meet(needed: list[Requirement], met: set[str]) -> bool:
    return all(sum(all(o in met for o in group) for group in req.alternatives) >= req.choose
               for req in needed)


def _blocker(catalog: Catalog, cid: str, met: set[str]) -> str:
    """Follow unmet requirements down to the first certification that is itself the problem."""
    seen = {cid}
    while True:
        unmet = [o for req in catalog.requirements(cid) if not req.recommended
                 for o in req.options if o not in met and o in catalog.certifications]
        nxt = next((o for o in unmet if o not in seen), None)
        if nxt is None:
            return cid
        seen.add(nxt)
        cid = nxt


def _reached_by_roles(catalog: Catalog) -> set[str]:
    """Return the certifications connected to a role's target, next steps or learning paths."""
    from certpath.graph import reached_from
    tracks = {t for role in catalog.roles.values() for p in role.learning_paths
              if p in catalog.learning_paths for t in catalog.learning_paths[p].tracks}
    start = [r.target for r in catalog.roles.values() if r.target in catalog.certifications]
    start += [cid for cid, cert in catalog.certifications.items() if cert.track in tracks]
    links = [(cid, other) for cid, cert in catalog.certifications.items()
             for other in [*(o for req in catalog.requirements(cid) for o in req.options),
                           *(c for item in (*cert.best_next, *cert.next_steps)
                             for c in item.certifications)]
             if other in catalog.certifications]
    return reached_from((s for s in start if s is not None), catalog.certifications, links)
