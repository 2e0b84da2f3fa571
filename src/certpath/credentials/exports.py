"""Exports of the credentials a person holds: Credly's badge list and LinkedIn's Certifications.csv.

Credly: ``{"data": [...]}``, each badge with ``issued_at_date``, ``expires_at_date``,
``badge_template.name``, the issuer's name (``issuer.entities[].entity.name``, on the badge or
its template) and its ``state``: only an ``accepted`` badge (or one without a state) is held; a
``pending``, ``rejected`` or ``revoked`` one is read but marked withdrawn. LinkedIn's data
export: a CSV with the columns Name, Url, Authority, Started On, Finished On and License Number;
dates are months such as ``Mar 2024`` or ``2024-03`` (or a full date), and Finished On is when
the certification expires.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

from certpath.credentials import Credential
from certpath.errors import CredentialError

LINKEDIN_COLUMNS = ("Name", "Url", "Authority", "Started On", "Finished On", "License Number")
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MONTH_DATE = re.compile(r"([A-Za-z]{3})[a-z]*\.?\s+([0-9]{4})")
_YEAR_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def is_credly(data: Any) -> bool:
    """Whether parsed JSON is Credly's badge list."""
    items = data.get("data") if isinstance(data, dict) else None
    if isinstance(items, list) and not items:  # an empty list: known by its paging metadata
        return isinstance(data.get("metadata"), dict) and "total_count" in data["metadata"]
    return isinstance(items, list) and any(isinstance(i, dict) and "badge_template" in i
                                           for i in items)


def read_credly(data: dict[str, Any], name: str) -> list[Credential]:
    """Read each badge of Credly's badge list."""
    found = []
    for index, item in enumerate(data["data"]):
        where = f"{name}, data[{index}]"
        if not isinstance(item, dict):
            raise CredentialError(f"{where}: expected a badge object")
        template = item.get("badge_template")
        title = template.get("name") if isinstance(template, dict) else None
        if not isinstance(title, str) or not title.strip():
            raise CredentialError(f"{where}: the badge has no badge_template.name")
        issued = _iso(item.get("issued_at_date") or item.get("issued_at"), where,
                      "issued_at_date")
        if issued is None:
            raise CredentialError(f"{where}: the badge has no issued_at_date")
        expires = _iso(item.get("expires_at_date") or item.get("expires_at"), where,
                       "expires_at_date")
        issuer = _credly_issuer(item.get("issuer")) or _credly_issuer(
            template.get("issuer") if isinstance(template, dict) else None)
        found.append(Credential(title.strip(), issuer, issued, expires, "Credly", where,
                                withdrawn=_credly_state(item.get("state"), where)))
    if not found:
        raise CredentialError(f"{name}: Credly's badge list, but it lists no badge")
    return found


def _credly_state(value: Any, where: str) -> str | None:
    """None for a badge its earner holds (``accepted``, or no state given), else its state."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise CredentialError(f"{where}: the badge's state {str(value)[:60]!r} is not a word such "
                              "as 'accepted'")
    state = value.strip().lower()
    return None if state == "accepted" else state


def _credly_issuer(value: Any) -> str | None:
    if not isinstance(value, dict):
        return None
    listed = value.get("entities")
    raw = [e for e in listed if isinstance(e, dict)] if isinstance(listed, list) else []
    entities = [e["entity"] for e in raw if e.get("primary") and isinstance(e.get("entity"), dict)]
    entities += [e["entity"] for e in raw if isinstance(e.get("entity"), dict)]
    for entity in entities:
        if isinstance(entity.get("name"), str) and entity["name"].strip():
            return str(entity["name"]).strip()
    summary = value.get("summary")
    if isinstance(summary, str) and summary.strip():
        return re.sub(r"^issued by\s+", "", summary.strip(), flags=re.IGNORECASE)
    return None


_ISO_DAY = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:\Z|[Tt ])")


def _day(text: str) -> dt.date:
    """YYYY-MM-DD, optionally followed by a time; nothing looser (no week dates, no 20240315)."""
    found = _ISO_DAY.match(text)
    if found is None:
        raise ValueError(text)
    return dt.date(int(found[1]), int(found[2]), int(found[3]))


def _iso(value: Any, where: str, key: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return _day(str(value))
    except ValueError:
        raise CredentialError(f"{where}: {key} {value!r} is not a date (YYYY-MM-DD)") from None


def is_linkedin_csv(text: str) -> bool:
    """Whether text is LinkedIn's Certifications.csv (by its header row)."""
    first = text.lstrip().splitlines()[0] if text.strip() else ""
    header = next(csv.reader([first]), [])
    return {"Name", "Authority", "Started On"} <= {h.strip() for h in header}


def read_linkedin(text: str, name: str) -> list[Credential]:
    """Read each row of LinkedIn's Certifications.csv."""
    try:
        rows = list(csv.DictReader(io.StringIO(text.lstrip(), newline="")))
    except csv.Error as exc:
        raise CredentialError(f"{name}: malformed CSV: {exc}") from None
    found = []
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        where = f"{name}, row {number}"
        if None in row:
            raise CredentialError(f"{where}: more fields than the header has columns")
        cells = {k.strip(): (v or "").strip() for k, v in row.items() if k is not None}
        if not any(cells.values()):
            continue
        if not cells.get("Name"):
            raise CredentialError(f"{where}: the certification has no Name")
        earned = _linkedin_date(cells.get("Started On", ""), where, "Started On")
        if earned is None:
            raise CredentialError(f"{where}: {cells['Name']!r} has no Started On date")
        expires = _linkedin_date(cells.get("Finished On", ""), where, "Finished On")
        found.append(Credential(cells["Name"], cells.get("Authority") or None, earned[0],
                                expires[0] if expires else None, "LinkedIn", where,
                                earned_month=earned[1], expires_month=bool(expires and expires[1])))
    if not found:
        raise CredentialError(f"{name}: LinkedIn's Certifications.csv, but it lists no "
                              "certification")
    return found


def _linkedin_date(text: str, where: str, column: str) -> tuple[dt.date, bool] | None:
    """A date of the export: a month (``Mar 2024`` or ``2024-03``: its first day, marked) or
    YYYY-MM-DD."""
    if not text:
        return None
    month = _MONTH_DATE.fullmatch(text)
    if month and month[1].lower() in _MONTHS and int(month[2]) >= 1:
        return dt.date(int(month[2]), _MONTHS[month[1].lower()], 1), True
    numeric = _YEAR_MONTH.fullmatch(text)
    if numeric and 1 <= int(numeric[2]) <= 12 and int(numeric[1]) >= 1:
        return dt.date(int(numeric[1]), int(numeric[2]), 1), True
    try:
        return _day(text), False
    except ValueError:
        raise CredentialError(f"{where}: {column} {text!r} is not a date such as 'Mar 2024', "
                              "2024-03 or 2024-03-15") from None
