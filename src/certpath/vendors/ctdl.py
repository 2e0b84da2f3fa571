"""Read Credential Engine CTDL JSON-LD: credentials, their condition profiles, their organisations.

What is read (the CTDL terms, https://credreg.net/ctdl/terms):

- a credential: any ``ceterms:`` credential class (``ceterms:Certification``, ``ceterms:Certificate``,
  ``ceterms:Badge``, ...), with ``ceterms:name``, ``ceterms:description``, ``ceterms:keyword`` (as
  skills) and ``ceterms:renewalFrequency`` (an ISO 8601 duration, as validity in months);
- ``ceterms:requires`` and ``ceterms:recommends``: ConditionProfiles whose
  ``ceterms:targetCredential`` are prerequisites (recommended ones for ``recommends``); a profile's
  ``ceterms:alternativeCondition`` profiles are alternatives, any one of which meets it;
- ``ceterms:CredentialOrganization`` / ``ceterms:QACredentialOrganization`` named by a
  credential's ``ceterms:offeredBy`` or ``ceterms:ownedBy``, as institutions;
- language maps (``{"en-US": "..."}``) for every text, taking ``lang`` first, then English.

A file holds one resource, a list of them, or a graph (``{"@graph": [...]}``).
"""

from __future__ import annotations

from typing import Any

from certpath.errors import CatalogError, Finding
from certpath.vendors.common import Draft, duration_months, slug

_CREDENTIAL_CLASSES = {
    "ApprenticeshipCertificate", "AssociateDegree", "BachelorDegree", "Badge", "Certificate",
    "CertificateOfCompletion", "Certification", "Credential", "Degree", "DigitalBadge", "Diploma",
    "DoctoralDegree", "GeneralEducationDevelopment", "JourneymanCertificate", "License",
    "MasterCertificate", "MasterDegree", "MicroCredential", "OpenBadge", "ProfessionalDoctorate",
    "QualityAssuranceCredential", "ResearchDoctorate", "SecondarySchoolDiploma",
}
_ORGANISATIONS = {"ceterms:CredentialOrganization", "ceterms:QACredentialOrganization",
                  "ceterms:Organization"}
_READ = {"@id", "@type", "@context", "ceterms:ctid", "ceterms:name", "ceterms:description",
         "ceterms:keyword", "ceterms:renewalFrequency", "ceterms:requires", "ceterms:recommends",
         "ceterms:offeredBy", "ceterms:ownedBy", "ceterms:estimatedCost"}
_TRACK = "credentials"


def read_ctdl(data: Any, *, source: str, lang: str = "en") -> Draft:
    """Turn parsed CTDL JSON-LD into a catalog draft."""
    resources = _resources(data, source)
    credentials = [r for r in resources if _is_credential(r)]
    if not credentials:
        raise CatalogError([Finding(source, 0, 0, "error", "no CTDL credential found: expected "
                                    "resources whose @type is ceterms:Certification (or another "
                                    "ceterms: credential class)")])
    draft = Draft(tracks=[{"id": _TRACK, "name": "Credentials"}])
    cids, ids = _index(credentials, lang, source)
    for cred, cid in zip(credentials, cids, strict=True):
        draft.certifications.append(_certification(cred, cid, ids, lang, draft.not_mapped))
    _institutions(resources, credentials, cids, lang, draft)
    others = sorted({", ".join(_types(r)) or "(none)" for r in resources
                     if not _is_credential(r) and not _is_organisation(r)})
    if others:
        draft.not_mapped.append(f"resources of type {'; '.join(others)} (not credentials)")
    return draft


def _index(credentials: list[dict[str, Any]], lang: str,
           source: str) -> tuple[list[str], dict[str, str]]:
    """Give each credential its catalog id, and map every @id and CTID to it (each once only)."""
    cids: list[str] = []
    ids: dict[str, str] = {}  # @id or CTID -> catalog id
    taken: set[str] = set()
    for cred in credentials:
        cid = slug(_text(cred.get("ceterms:name"), lang) or str(cred.get("ceterms:ctid", "")), taken)
        cids.append(cid)
        for key in dict.fromkeys(k for k in (cred.get("@id"), cred.get("ceterms:ctid"))
                                 if isinstance(k, str) and k):
            if key in ids:
                raise CatalogError([Finding(source, 0, 0, "error", f"two credentials have the "
                                            f"identifier {key!r}; each @id and CTID names one")])
            ids[key] = cid
    return cids, ids


def _resources(data: Any, source: str) -> list[dict[str, Any]]:
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        data = data["@graph"]
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise CatalogError([Finding(source, 0, 0, "error", "expected a CTDL resource, a list of "
                                    "them or a graph ({\"@graph\": [...]})")])
    return data


def _types(resource: dict[str, Any]) -> list[str]:
    found = resource.get("@type")
    return [t for t in (found if isinstance(found, list) else [found]) if isinstance(t, str)]


def _is_organisation(resource: dict[str, Any]) -> bool:
    return any(t in _ORGANISATIONS for t in _types(resource))


def _is_credential(resource: dict[str, Any]) -> bool:
    return any(t.removeprefix("ceterms:") in _CREDENTIAL_CLASSES and t.startswith("ceterms:")
               for t in _types(resource))


def _text(value: Any, lang: str) -> str:
    """Return the text of a plain string or a language map, preferring ``lang``, then English."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return next((t for t in (_text(v, lang) for v in value) if t), "")
    if not isinstance(value, dict):
        return ""
    if "@value" in value:
        return _text(value["@value"], lang)
    wanted = [lang.lower(), lang.split("-")[0].lower(), "en-us", "en"]
    by_lang = {str(k).lower(): v for k, v in value.items()}
    for key in [*wanted, *by_lang]:
        for found_key, found in by_lang.items():
            if found_key == key or found_key.split("-")[0] == key:
                text = _text(found, lang)
                if text:
                    return text
    return ""


def _texts(value: Any, lang: str) -> list[str]:
    """Return a list of texts from a string, a list, or a language map of lists."""
    if isinstance(value, dict) and "@value" not in value:
        chosen = None
        for key in (lang, lang.split("-")[0], "en-US", "en", *value):
            if key in value:
                chosen = value[key]
                break
        value = chosen
    items = value if isinstance(value, list) else [value]
    return [t for t in (_text(v, lang) for v in items) if t]


def _certification(cred: dict[str, Any], cid: str, ids: dict[str, str], lang: str,
                   not_mapped: list[str]) -> dict[str, Any]:
    name = _text(cred.get("ceterms:name"), lang) or cid
    entry: dict[str, Any] = {"id": cid, "name": name, "track": _TRACK}
    description = _text(cred.get("ceterms:description"), lang)
    if description:
        entry["description"] = description
    skills = _texts(cred.get("ceterms:keyword"), lang)
    if skills:
        entry["skills"] = skills
    renewal = cred.get("ceterms:renewalFrequency")
    if renewal is not None:
        months = duration_months(renewal) if isinstance(renewal, str) else None
        if months:
            entry["validity_months"] = months
        else:
            not_mapped.append(f"{cid}: ceterms:renewalFrequency {renewal!r} (not a duration in "
                              "whole months or years)")
    _fee(cred.get("ceterms:estimatedCost"), cid, entry, not_mapped)
    requires: list[Any] = []
    for key, recommended in (("ceterms:requires", False), ("ceterms:recommends", True)):
        for profile in _list(cred.get(key)):
            requires.extend(_requirements(profile, ids, recommended, f"{cid}: {key}", not_mapped))
    if requires:
        entry["requires"] = requires
    skipped = sorted(k for k in cred if k not in _READ)
    if skipped:
        not_mapped.append(f"{cid}: {', '.join(skipped)} (no place in the catalog format)")
    return entry


def _fee(costs: Any, cid: str, entry: dict[str, Any], not_mapped: list[str]) -> None:
    """A single CostProfile with a price and an ISO 4217 currency is the fee; else it is reported."""
    found = _list(costs)
    if not found:
        return
    cost = found[0] if len(found) == 1 and isinstance(found[0], dict) else {}
    price, currency = cost.get("ceterms:price"), cost.get("ceterms:currency")
    if isinstance(price, (int, float)) and not isinstance(price, bool) and price >= 0 \
            and isinstance(currency, str) and len(currency) == 3 and currency.isalpha():
        entry["fee"] = {"amount": price, "currency": currency.upper()}
    else:
        not_mapped.append(f"{cid}: ceterms:estimatedCost (not one CostProfile with a price and a "
                          "currency)")


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _targets(profile: dict[str, Any], ids: dict[str, str], where: str,
             not_mapped: list[str]) -> list[str]:
    found = []
    for target in _list(profile.get("ceterms:targetCredential")):
        key = target.get("@id") or target.get("ceterms:ctid") if isinstance(target, dict) else target
        if isinstance(key, str) and key in ids:
            found.append(ids[key])
        else:
            named = key.rstrip("/").rsplit("/", 1)[-1] if isinstance(key, str) else repr(key)
            not_mapped.append(f"{where}: target credential {named} (not in the file)")
    return found


def _requirements(profile: Any, ids: dict[str, str], recommended: bool, where: str,
                  not_mapped: list[str]) -> list[Any]:
    """One requirement per target credential; alternatives become one any-of requirement."""
    if not isinstance(profile, dict):
        not_mapped.append(f"{where}: a condition that is not a ConditionProfile")
        return []
    flag = {"recommended": True} if recommended else {}
    found: list[Any] = [{"cert": t, **flag} if flag else t
                        for t in _targets(profile, ids, where, not_mapped)]
    groups = []
    for alternative in _list(profile.get("ceterms:alternativeCondition")):
        if isinstance(alternative, dict):
            targets = _targets(alternative, ids, f"{where} (alternative)", not_mapped)
            if targets:
                groups.append(targets[0] if len(targets) == 1 else targets)
    if len(groups) == 1:
        group = groups[0]
        found.extend(group if isinstance(group, list) else [group])
    elif groups:
        found.append({"any_of": groups, "choose": 1, **flag})
    for key in ("ceterms:experience", "ceterms:minimumAge", "ceterms:yearsOfExperience",
                "ceterms:targetAssessment", "ceterms:targetLearningOpportunity",
                "ceterms:targetCompetency"):
        if key in profile:
            not_mapped.append(f"{where}: {key} (certpath records only certifications as "
                              "prerequisites)")
    return found


def _institutions(resources: list[dict[str, Any]], credentials: list[dict[str, Any]],
                  cids: list[str], lang: str, draft: Draft) -> None:
    offered_by: dict[str, list[str]] = {}  # organisation @id -> the credentials it offers or owns
    for cred, cid in zip(credentials, cids, strict=True):
        for org in _list(cred.get("ceterms:offeredBy")) + _list(cred.get("ceterms:ownedBy")):
            key = org.get("@id") if isinstance(org, dict) else org
            if isinstance(key, str):
                offered_by.setdefault(key, []).append(cid)
    taken: set[str] = set()
    for org in (r for r in resources if _is_organisation(r)):
        key = org.get("@id")
        offered = offered_by.get(key, []) if isinstance(key, str) else []
        name = _text(org.get("ceterms:name"), lang)
        if not name or not offered:
            continue
        entry: dict[str, Any] = {"id": slug(name, taken), "name": name,
                                 "certifications": list(dict.fromkeys(offered))}
        description = _text(org.get("ceterms:description"), lang)
        if description:
            entry["description"] = description
        draft.institutions.append(entry)
