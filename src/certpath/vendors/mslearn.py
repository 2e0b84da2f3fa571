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

from typing import Any

from certpath.dates import iso_date
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
                                    "'certifications' or 'mergedCertifications' list of records "
                                    "with a 'uid' and a 'title'")])
    draft = Draft()
    level_ids = _levels(data, records, draft)
    codes = {e["uid"]: _code(e) for e in _list(data.get("exams"))
             if isinstance(e, dict) and isinstance(e.get("uid"), str)}
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


def _names(value: Any) -> list[str]:
    """Return the strings of a list of ids (anything else in it is not an id, and is dropped)."""
    return [v for v in _list(value) if isinstance(v, str)]


def _labels(items: Any) -> dict[str, str]:
    """Return the name of each ``{"id", "name"}`` record that has one as text, by id."""
    return {item["id"]: item["name"].strip() for item in _list(items)
            if isinstance(item, dict) and isinstance(item.get("id"), str)
            and isinstance(item.get("name"), str) and item["name"].strip()}


def _code(exam: dict[str, Any]) -> str:
    """Return an exam's code: its ``display_name`` (``AZ-104``), else its uid without ``exam.``."""
    name = exam.get("display_name")
    text = name if isinstance(name, str) and name.strip() else exam["uid"].removeprefix("exam.")
    return text.strip().upper()


def _certifications(data: dict[str, Any]) -> list[dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for kind in ("mergedCertifications", "certifications"):
        for record in _list(data.get(kind)):
            if isinstance(record, dict) and isinstance(record.get("uid"), str) \
                    and isinstance(record.get("title"), str) and record["title"].strip():
                merged.setdefault(record["uid"], {}).update(
                    {k: v for k, v in record.items() if v not in (None, "", [])
                     and k not in merged.get(record["uid"], {})})
    return list(merged.values())


def _levels(data: dict[str, Any], records: list[dict[str, Any]], draft: Draft) -> dict[str, str]:
    names = _labels(data.get("levels"))
    used = [lv for r in records for lv in _names(r.get("levels"))]
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
    levels = [lv for lv in _names(record.get("levels")) if lv in level_ids]
    if levels:
        entry["level"] = level_ids[min(levels, key=lambda lv: _LEVEL_RANKS.get(lv, 99))]
    exams = [codes.get(uid, uid.removeprefix("exam.").upper()) for uid in _names(record.get("exams"))]
    if exams:
        entry["exam"] = exams[0] if len(exams) == 1 else exams
    description = record.get("summary") or record.get("subtitle")
    if isinstance(description, str) and description.strip():
        entry["description"] = description.strip()
    for key, field in (("prerequisites", "prerequisites"), ("skills", "skills")):
        texts = [t.strip() for t in _names(record.get(key)) if t.strip()]
        if texts:
            entry[field] = texts
    _validity(record, entry, draft)
    retired = record.get("retirement_date")
    if isinstance(retired, str):
        try:
            entry["retired_on"] = iso_date(retired[:10])
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
    names = _labels(data.get("roles"))
    by_role: dict[str, list[dict[str, Any]]] = {}  # role id -> its certifications, in file order
    for record in records:
        for role in dict.fromkeys(_names(record.get("roles"))):
            by_role.setdefault(role, []).append(record)
    ranks = {lv: i for i, lv in enumerate(level_ids)}
    taken: set[str] = set()
    for role, certs in by_role.items():
        current = [r for r in certs if not r.get("retirement_date")]
        certs = current or certs
        top = max(certs, key=lambda r: max((ranks.get(lv, -1) for lv in _names(r.get("levels"))),
                                           default=-1))
        draft.roles.append({
            "id": slug(role, taken), "name": names.get(role, role.replace("-", " ").title()),
            "target": by_uid[top["uid"]], "target_inferred": True,
            "target_note": "certpath's reading: the role's certification at the highest level in "
                           "the imported catalog (not retired)"})
