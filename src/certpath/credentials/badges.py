"""Open Badges 2.0 assertions and Open Badges 3.0 credentials (W3C Verifiable Credentials).

Open Badges 2.0 (1EdTech): an ``Assertion`` with ``issuedOn``, optional ``expires``, and ``badge``,
a BadgeClass (embedded, with ``name`` and ``issuer``) or only its URL; ``revoked: true`` (with an
optional ``revocationReason``) marks an assertion withdrawn. Open Badges 3.0: a
credential whose ``type`` holds ``OpenBadgeCredential`` (or ``AchievementCredential``), with
``credentialSubject.achievement.name``, ``issuer``, and ``validFrom``/``validUntil`` (VC data
model 2.0) or ``issuanceDate``/``expirationDate`` (1.1). Either may come as a compact JWS, whose
payload is the credential itself or holds it in a ``vc`` claim; the signature is not verified.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from dataclasses import replace
from typing import Any

from certpath.credentials import Credential
from certpath.errors import CredentialError

_JWS = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})"
                   r"(?:[Tt ](?:[01]\d|2[0-3]):[0-5]\d(?::(?:[0-5]\d|60)(?:\.\d+)?)?"
                   r"(?:[Zz]|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?)?", re.ASCII)
_EPOCH = re.compile(r"[0-9]{10}")  # Open Badges 2.0's DateTime: ISO 8601, or 10-digit Unix time
_OB3_TYPES = {"OpenBadgeCredential", "AchievementCredential"}
_NOT_EARNED = {"EndorsementCredential": "an endorsement of a badge or issuer",
               "ClrCredential": "a Comprehensive Learner Record (a bundle of credentials)"}


MAX_DEPTH = 64
"""The deepest nesting of lists and objects read: a credential needs about ten levels."""


def parse_json(text: str, name: str) -> Any:
    """Parse JSON text; a mistake is reported with its line and column.

    Nesting deeper than MAX_DEPTH is refused here, so nothing after this meets it.
    """
    try:
        return _shallow(json.loads(text), name)
    except json.JSONDecodeError as exc:
        raise CredentialError(f"{name}:{exc.lineno}:{exc.colno}: malformed JSON: {exc.msg}") \
            from None
    except RecursionError:
        raise CredentialError(f"{name}: JSON nested too deeply to be a credential") from None
    except ValueError:  # Python refuses integers of more than 4300 digits
        raise CredentialError(f"{name}: malformed JSON: a number too long to read") from None


def _shallow(data: Any, name: str) -> Any:
    """Return ``data`` if it nests no deeper than MAX_DEPTH, else raise (without recursing)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > MAX_DEPTH:
                raise CredentialError(f"{name}: JSON nested more than {MAX_DEPTH} levels deep; "
                                      "not a credential")
            stack.extend((item, depth + 1) for item in
                         (value.values() if isinstance(value, dict) else value))
    return data


def is_compact_jws(text: str) -> bool:
    """Whether ``text`` has the shape of a compact JWS (three base64url parts)."""
    return bool(_JWS.match(text))


def from_text(text: str, name: str) -> Credential:
    """Read a credential baked into an image: its JSON, a compact JWS, or (not fetched) a URL."""
    body = text.strip()
    if body.startswith("{"):
        return from_document(parse_json(body, name), name)
    if is_compact_jws(body):
        return from_jws(body, name)
    if body.startswith(("http://", "https://")):
        raise CredentialError(f"{name}: the badge holds only the address of its assertion "
                              f"({body[:200]}); certpath works offline and does not fetch it: "
                              "download the assertion's JSON and import that")
    raise CredentialError(f"{name}: the badge data is neither JSON, a signed credential (JWS) "
                          "nor an address")


def from_jws(token: str, name: str) -> Credential:
    """Decode a compact JWS's payload (the signature is not verified) and read the credential."""
    payload_part = token.split(".")[1]
    try:
        raw = base64.urlsafe_b64decode(payload_part + "=" * (-len(payload_part) % 4))
        payload = _shallow(json.loads(raw.decode("utf-8")), name)
    except (binascii.Error, ValueError, RecursionError):
        raise CredentialError(f"{name}: a signed credential (JWS) whose payload is not "
                              "base64url-encoded JSON") from None
    if not isinstance(payload, dict):
        raise CredentialError(f"{name}: a signed credential (JWS) whose payload is not an object")
    inner = payload.get("vc")
    document = dict(inner if isinstance(inner, dict) else payload)
    # VC-JWT: nbf and exp stand for validFrom and validUntil when the credential omits them.
    for claim, keys in (("nbf", ("validFrom", "issuanceDate")),
                        ("exp", ("validUntil", "expirationDate"))):
        if isinstance(payload.get(claim), (int, float)) and not isinstance(payload[claim], bool) \
                and not any(_has_date(document, key) for key in keys):
            document[keys[0]] = _epoch_day(payload[claim], name, f"the JWT's {claim}").isoformat()
    # VC-JWT (VC data model 1.1): iss stands for the issuer when the credential omits it.
    if document.get("issuer") in (None, "") and isinstance(payload.get("iss"), str):
        document["issuer"] = payload["iss"]
    return replace(from_document(document, name), signed=True)


def from_document(data: Any, name: str) -> Credential:
    """Read an Open Badges 2.0 assertion or 3.0 credential already parsed from JSON."""
    if not isinstance(data, dict):
        raise CredentialError(f"{name}: expected a JSON object (an Open Badges assertion or "
                              "credential, or Credly's badge list)")
    types = data.get("type")
    listed = [types] if isinstance(types, str) else types if isinstance(types, list) else []
    kinds = {k for k in listed if isinstance(k, str)}
    for kind, what in _NOT_EARNED.items():
        if kind in kinds:
            raise CredentialError(f"{name}: {what} ({kind}), not a credential someone earned; "
                                  "import each OpenBadgeCredential itself")
    if kinds & _OB3_TYPES or ("VerifiableCredential" in kinds and "credentialSubject" in data):
        return _ob3(data, name)
    if "Assertion" in kinds or ("issuedOn" in data and "badge" in data):
        return _ob2(data, name)
    raise CredentialError(f"{name}: JSON, but not a credential certpath reads (an Open Badges "
                          "Assertion or OpenBadgeCredential, or Credly's badge list)")


def _ob2(data: dict[str, Any], name: str) -> Credential:
    badge = data.get("badge")
    if isinstance(badge, str):
        raise CredentialError(f"{name}: the assertion names its badge only by address "
                              f"({badge[:200]}); certpath does not fetch it: import a file with "
                              "the badge embedded, or the baked badge image")
    if not isinstance(badge, dict):
        raise CredentialError(f"{name}: the assertion has no badge")
    title = _text(badge.get("name"))
    if title is None:
        raise CredentialError(f"{name}: the badge has no name")
    earned = _date(data.get("issuedOn"), name, "issuedOn", required=True, epoch=True)
    assert earned is not None  # noqa: S101 - required=True raises instead
    return Credential(title, _issuer(badge.get("issuer")), earned,
                      _date(data.get("expires"), name, "expires", epoch=True),
                      "Open Badges 2.0", name, withdrawn=_revoked(data, name))


def _revoked(data: dict[str, Any], name: str) -> str | None:
    """Say "revoked" (with the reason given) when the assertion says so, else None."""
    revoked = data.get("revoked", False)
    if not isinstance(revoked, bool):
        raise CredentialError(f"{name}: revoked {str(revoked)[:60]!r} is not true or false")
    if not revoked:
        return None
    reason = _text(data.get("revocationReason"))
    return f"revoked ({reason[:200]})" if reason else "revoked"


def _ob3(data: dict[str, Any], name: str) -> Credential:
    subject = data.get("credentialSubject")
    subjects = subject if isinstance(subject, list) else [subject]
    achievement = next((s["achievement"] for s in subjects
                        if isinstance(s, dict) and isinstance(s.get("achievement"), dict)), None)
    title = _text(achievement.get("name")) if achievement else None
    title = title or _text(data.get("name"))
    if title is None:
        raise CredentialError(f"{name}: the credential names no achievement "
                              "(credentialSubject.achievement.name)")
    start_key = "validFrom" if _has_date(data, "validFrom") else "issuanceDate"
    end_key = "validUntil" if _has_date(data, "validUntil") else "expirationDate"
    if not _has_date(data, start_key):
        raise CredentialError(f"{name}: the credential has no date (validFrom or issuanceDate)")
    earned = _date(data.get(start_key), name, start_key, required=True)
    assert earned is not None  # noqa: S101 - required=True raises instead
    return Credential(title, _issuer(data.get("issuer")), earned,
                      _date(data.get(end_key), name, end_key), "Open Badges 3.0", name)


def _issuer(value: Any) -> str | None:
    if isinstance(value, dict):
        return _text(value.get("name")) or _text(value.get("id"))
    return _text(value)


def _text(value: Any) -> str | None:
    """A plain string, a JSON-LD value object {"@value": ..., "@language": ...}, a list of them
    (one per language: the first is taken) or a language map {"en": "..."}."""
    if isinstance(value, list):
        return next((t for t in map(_text, value) if t is not None), None)
    if isinstance(value, dict):
        value = value["@value"] if "@value" in value else \
            next((v for v in value.values() if isinstance(v, str)), None)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _has_date(data: dict[str, Any], key: str) -> bool:
    return data.get(key) not in (None, "")


def _date(value: Any, name: str, key: str, *, required: bool = False,
          epoch: bool = False) -> dt.date | None:
    """Read an ISO 8601 date or date-time as the calendar date it was written in.

    With ``epoch`` (Open Badges 2.0, whose DateTime may also be "a standard 10-digit Unix
    timestamp"), ten digits, as a JSON number or a string, are seconds since 1970 in UTC.
    """
    if value in (None, ""):
        if required:
            raise CredentialError(f"{name}: the credential has no {key} date")
        return None
    if epoch and not isinstance(value, bool) and isinstance(value, (int, str)) \
            and _EPOCH.fullmatch(str(value)):
        return _epoch_day(int(value), name, key)
    found = _DATE.fullmatch(value) if isinstance(value, str) else None
    try:
        if found is None:
            raise ValueError(value)
        return dt.date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        also = ", or a 10-digit Unix timestamp" if epoch else ""
        raise CredentialError(f"{name}: {key} {str(value)[:60]!r} is not a date and time such "
                              "as 2024-03-15T00:00:00Z (ISO 8601, with year, month and day"
                              f"{also})") from None


def _epoch_day(seconds: float, name: str, claim: str) -> dt.date:
    try:
        return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date()
    except (OverflowError, OSError, ValueError):
        raise CredentialError(f"{name}: {claim} ({seconds}) is not a date") from None
