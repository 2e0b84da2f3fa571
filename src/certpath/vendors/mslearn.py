"""Read a saved Microsoft Learn catalog API response: certifications, exams, levels, roles.

The response of ``GET https://learn.microsoft.com/api/catalog/`` (or with ``?type=...``) is one
JSON object with a list per kind. What is read:

- ``certifications`` and ``mergedCertifications``: ``uid``, ``title``, ``summary`` or
  ``subtitle`` (as description), ``certification_type`` (as the track), ``levels`` (the first, as
  the level), ``roles``, ``exams`` (exam uids, as exam codes), ``skills``, ``prerequisites``
  (knowledge, as text), ``renewal_frequency_in_days`` (0: it does not expire; else validity in
  months, when the days make whole years) and ``retirement_date``; a certification listed in both
  lists (same ``uid``) is one entry;
- ``exams``: ``uid`` and ``display_name`` (the exam code, ``AZ-104``);
- ``levels`` and ``roles``: ``id`` and ``name``.

Microsoft's prerequisites are text, not certifications, so no certification requires another;
the catalog does not give fees, which stay unknown. A role's target is certpath's reading: the
certification of that role at the highest level (marked ``target_inferred``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from certpath.errors import CatalogError, Finding
from certpath.vendors.common import Draft, slug

_LEVEL_RANKS = {"beginner": 1, "intermediate": 2, "advanced": 3}
_READ = {"uid", "type", "title", "summary", "subtitle", "certification_type", "levels", "roles",
         "exams", "skills", "prerequisites", "renewal_frequency_in_days", "retirement_date", "url",
         "locale", "last_modified"}
_PREFIX = "certification."


def read_mslearn(data: Any, *, source: str) -> Draft:
    """Turn a parsed Microsoft Learn catalog response into a catalog draft."""
    if not isinstance(data, dict):
        raise CatalogError([Finding(source, 0, 0, "error", "expected the catalog API's JSON "
                                    "object (with 'certifications', 'exams', ...)")])
    records = _certifications(data)
    if not records:
        raise CatalogError([Finding(source, 0, 0, "error", "no certification found: expected a "
                                    "'certifications' or 'mergedCertifications' list")])
    draft = Draft()
    level_ids = _levels(data, records, draft)
    codes = {e["uid"]: str(e.get("display_name") or e["uid"].removeprefix("exam.")).upper()
             for e in _list(data.get("exams")) if isinstance(e, dict) and isinstance(e.get("uid"), str)}
    taken: set[str] = set()
    by_uid: dict[str, str] = {}
    for record in records:
        by_uid[record["uid"]] = slug(record["uid"].removeprefix(_PREFIX), taken)
    tracks: dict[str, str] = {}
    for record in records:
        draft.certifications.append(_certification(record, by_uid, level_ids, codes, tracks, draft))
    draft.tracks = [{"id": tid, "name": name} for tid, name in tracks.items()]
    _roles(data, records, by_uid, level_ids, draft)
    for kind in sorted(k for k in data if k not in {"certifications", "mergedCertifications",
                                                     "exams", "levels", "roles"}):
        if data[kind]:
            draft.not_mapped.append(f"{kind} (the catalog format has no place for them)")
    return draft


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _certifications(data: dict[str, Any]) -> list[dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for kind in ("mergedCertifications", "certifications"):
        for record in _list(data.get(kind)):
            if isinstance(record, dict) and isinstance(record.get("uid"), str) and record.get("title"):
                merged.setdefault(record["uid"], {}).update(
                    {k: v for k, v in record.items() if v not in (None, "", [])
                     and k not in merged.get(record["uid"], {})})
    return list(merged.values())


def _levels(data: dict[str, Any], records: list[dict[str, Any]], draft: Draft) -> dict[str, str]:
    names = {lv["id"]: str(lv.get("name") or lv["id"]) for lv in _list(data.get("levels"))
             if isinstance(lv, dict) and isinstance(lv.get("id"), str)}
    used = [lv for r in records for lv in _list(r.get("levels")) if isinstance(lv, str)]
    ids: dict[str, str] = {}
    taken: set[str] = set()
    ordered = sorted(dict.fromkeys(used), key=lambda lv: (_LEVEL_RANKS.get(lv, 99), used.index(lv)))
    for rank, level in enumerate(ordered, start=1):
        ids[level] = slug(level, taken)
        draft.levels.append({"id": ids[level], "name": names.get(level, level.title()), "rank": rank})
    return ids


def _certification(record: dict[str, Any], by_uid: dict[str, str], level_ids: dict[str, str],
                   codes: dict[str, str], tracks: dict[str, str], draft: Draft) -> dict[str, Any]:
    cid = by_uid[record["uid"]]
    kind = str(record.get("certification_type") or "certifications")
    track = slug(kind)
    tracks.setdefault(track, kind.replace("-", " ").title() if kind.islower() else kind)
    entry: dict[str, Any] = {"id": cid, "name": str(record["title"]).strip(), "track": track}
    levels = [lv for lv in _list(record.get("levels")) if lv in level_ids]
    if levels:
        entry["level"] = level_ids[min(levels, key=lambda lv: _LEVEL_RANKS.get(lv, 99))]
    exams = [codes.get(uid, uid.removeprefix("exam.").upper()) for uid in _list(record.get("exams"))
             if isinstance(uid, str)]
    if exams:
        entry["exam"] = exams[0] if len(exams) == 1 else exams
    description = record.get("summary") or record.get("subtitle")
    if isinstance(description, str) and description.strip():
        entry["description"] = description.strip()
    for key, field in (("prerequisites", "prerequisites"), ("skills", "skills")):
        texts = [str(t).strip() for t in _list(record.get(key)) if str(t).strip()]
        if texts:
            entry[field] = texts
    _validity(record, entry, draft)
    retired = record.get("retirement_date")
    if isinstance(retired, str):
        try:
            entry["retired_on"] = dt.date.fromisoformat(retired[:10])
        except ValueError:
            draft.not_mapped.append(f"{cid}: retirement_date {retired!r} (not a date)")
    skipped = sorted(k for k in record if k not in _READ)
    if skipped:
        draft.not_mapped.append(f"{cid}: {', '.join(skipped)} (no place in the catalog format)")
    return entry


def _validity(record: dict[str, Any], entry: dict[str, Any], draft: Draft) -> None:
    days = record.get("renewal_frequency_in_days")
    if not isinstance(days, int) or isinstance(days, bool) or days <= 0:
        return
    if days % 365 == 0:
        entry["validity_months"] = 12 * (days // 365)
    else:
        draft.not_mapped.append(f"{entry['id']}: renewal_frequency_in_days {days} (not whole years)")


def _roles(data: dict[str, Any], records: list[dict[str, Any]], by_uid: dict[str, str],
           level_ids: dict[str, str], draft: Draft) -> None:
    names = {r["id"]: str(r.get("name") or r["id"]) for r in _list(data.get("roles"))
             if isinstance(r, dict) and isinstance(r.get("id"), str)}
    used = list(dict.fromkeys(role for r in records for role in _list(r.get("roles"))
                              if isinstance(role, str)))
    ranks = {lv: i for i, lv in enumerate(level_ids)}
    taken: set[str] = set()
    for role in used:
        certs = [r for r in records if role in _list(r.get("roles"))]
        current = [r for r in certs if not r.get("retirement_date")]
        certs = current or certs
        top = max(certs, key=lambda r: max((ranks.get(lv, -1) for lv in _list(r.get("levels"))),
                                           default=-1))
        draft.roles.append({
            "id": slug(role, taken), "name": names.get(role, role.replace("-", " ").title()),
            "target": by_uid[top["uid"]], "target_inferred": True,
            "target_note": "certpath's reading: the role's certification at the highest level in "
                           "the imported catalog (not retired)"})
