"""Which catalog certification a credential means, and what importing it changes in the profile.

A credential means a certification when its name, folded (case and punctuation ignored), equals
one of the certification's ``badges`` (and, where the badge names one, the issuer matches too),
or else its id, name, an alias or an exam code; failing those, a name that contains an exam code
as whole words ("Azure Administrator (AZ-104)") means that certification. A name that fits two
certifications is never guessed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from certpath.catalog import Catalog
from certpath.credentials import Credential
from certpath.profile import Profile, earn

ACTIONS = ("add", "update", "recorded", "unmatched", "ambiguous", "superseded", "withdrawn")
"""What importing a credential does: add it, update its dates, nothing (already recorded), nothing
(it means no certification, or could mean several), nothing (a later one of the same import
records that certification), or nothing (its file says it is revoked, rejected or pending)."""

_PUNCTUATION = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Fold a name for matching a credential: case and every run of punctuation or spaces."""
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


@dataclass(frozen=True)
class Match:
    """The certification a credential means: one id, several (ambiguous) or none (unmatched)."""

    ids: tuple[str, ...]
    by: str | None  # "badge", "name" (id, name or alias), "exam"
    nearest: tuple[str, ...] = ()  # for an unmatched credential: the closest catalog names

    @property
    def cert(self) -> str | None:
        """The certification, when there is exactly one."""
        return self.ids[0] if len(self.ids) == 1 else None


@dataclass(frozen=True)
class Row:
    """One credential of an import and what happens to it."""

    credential: Credential
    match: Match
    action: str  # one of ACTIONS
    notes: tuple[str, ...] = ()


class Matcher:
    """Match credentials against one catalog (its names are folded once)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.names: dict[str, list[str]] = {}
        self.badges: dict[str, list[tuple[str, str | None]]] = {}
        self.exams: dict[str, list[str]] = {}
        for cert_id, cert in catalog.certifications.items():
            for label in (cert_id, cert.name, *cert.aliases, *cert.exam_codes):
                self._add(self.names, fold(label), cert_id)
            for code in cert.exam_codes:
                self._add(self.exams, fold(code), cert_id)
            for badge in cert.badges:
                entries = self.badges.setdefault(fold(badge.name), [])
                entries.append((cert_id, fold(badge.issuer) if badge.issuer else None))

    @staticmethod
    def _add(index: dict[str, list[str]], key: str, cert_id: str) -> None:
        ids = index.setdefault(key, [])
        if cert_id not in ids:
            ids.append(cert_id)

    def match(self, credential: Credential) -> Match:
        """Return the certification a credential means."""
        key = fold(credential.name)
        issuer = fold(credential.issuer) if credential.issuer else None
        by_badge = list(dict.fromkeys(
            cert_id for cert_id, wanted in self.badges.get(key, ())
            if wanted is None or wanted == issuer))
        if by_badge:
            return Match(tuple(by_badge), "badge")
        by_name = self.names.get(key, [])
        if by_name:
            return Match(tuple(by_name), "exam" if key in self.exams else "name")
        padded = f" {key} "
        by_code = list(dict.fromkeys(cert_id for code, ids in self.exams.items()
                                     if code and f" {code} " in padded for cert_id in ids))
        if by_code:
            return Match(tuple(by_code), "exam")
        return Match((), None, self._nearest(key))

    def _nearest(self, key: str) -> tuple[str, ...]:
        labels = [*self.names, *self.badges]
        close = difflib.get_close_matches(key, labels, n=6, cutoff=0.5)
        words = set(key.split())
        sharing = sorted((label for label in labels if words & set(label.split())),
                         key=lambda label: -len(words & set(label.split())))
        found: list[str] = []
        for label in [*close, *sharing]:
            ids = self.names.get(label) or [c for c, _ in self.badges.get(label, ())]
            for cert_id in ids:
                if cert_id not in found:
                    found.append(cert_id)
        return tuple(self.catalog.certifications[c].name for c in found[:3])


def plan_import(catalog: Catalog, profile: Profile, credentials: Sequence[Credential]) \
        -> tuple[Row, ...]:
    """Say what importing ``credentials`` into ``profile`` does to each, in the files' order.

    When several credentials mean one certification, the one earned last is recorded. A
    credential its file marks withdrawn (revoked, rejected, pending) is never recorded.
    """
    matcher = Matcher(catalog)
    matches = [matcher.match(c) for c in credentials]
    latest: dict[str, int] = {}
    for index, (credential, found) in enumerate(zip(credentials, matches, strict=True)):
        cert_id = found.cert
        if cert_id is not None and credential.withdrawn is None and (cert_id not in latest or
                                    credential.earned >= credentials[latest[cert_id]].earned):
            latest[cert_id] = index
    rows = []
    for index, (credential, found) in enumerate(zip(credentials, matches, strict=True)):
        cert_id = found.cert
        if credential.withdrawn is not None:
            rows.append(Row(credential, found, "withdrawn",
                            (f"its file marks it {credential.withdrawn}, so it is not "
                             "recorded",)))
        elif cert_id is None:
            rows.append(Row(credential, found, "ambiguous" if found.ids else "unmatched"))
        elif latest[cert_id] != index:
            rows.append(Row(credential, found, "superseded",
                            (f"a credential earned later records {cert_id}",)))
        else:
            rows.append(_row(catalog, profile, credential, found, cert_id))
    return tuple(rows)


def _row(catalog: Catalog, profile: Profile, credential: Credential, found: Match,
         cert_id: str) -> Row:
    notes = []
    months = catalog.certifications[cert_id].validity_months
    if credential.expires is not None and months is not None:
        notes.append(f"its own expiry date wins over the catalog's {months} months")
    if credential.signed:
        notes.append("signature not verified")
    if cert_id not in profile.earned:
        return Row(credential, found, "add", tuple(notes))
    if apply_import(profile, [Row(credential, found, "add")]) == profile:
        return Row(credential, found, "recorded", tuple(notes))
    held = profile.earned[cert_id]
    if held is not None and held > credential.earned:
        return Row(credential, found, "recorded",
                   (*notes, f"the profile's later date ({held.isoformat()}) is kept"))
    return Row(credential, found, "update", tuple(notes))


def apply_import(profile: Profile, rows: Sequence[Row]) -> Profile:
    """Return the profile with every added or updated credential recorded."""
    updated = profile
    for row in rows:
        if row.action in ("add", "update") and row.match.cert is not None:
            c = row.credential
            updated = earn(updated, row.match.cert, c.earned, expires=c.expires,
                           earned_month=c.earned_month, expires_month=c.expires_month)
    return updated
