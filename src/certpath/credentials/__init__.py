"""Credentials a person already holds, read from the files that prove them.

``read_credentials`` recognises a file by its content, never its name: an Open Badges 2.0
assertion or an Open Badges 3.0 credential (JSON, a compact JWT, or baked into a PNG or SVG
image), Credly's badge list, or LinkedIn's ``Certifications.csv``. Every problem is a
CredentialError naming the file. ``matching`` says which catalog certification each one means.

Nothing here verifies a signature: certpath works offline, so a signed credential is read and
marked "not verified".
"""

from __future__ import annotations

import datetime as dt
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from certpath.errors import CredentialError

MAX_BYTES = 8 * 1024 * 1024
"""The largest file read: badge images and exports are far smaller; a bigger one is refused."""


@dataclass(frozen=True)
class Credential:
    """One credential as its file states it (names not yet matched to the catalog)."""

    name: str
    issuer: str | None
    earned: dt.date
    expires: dt.date | None
    format: str  # "Open Badges 2.0", "Open Badges 3.0", "Credly", "LinkedIn"
    source: str  # the file, and where in it: "badges.json, data[2]"
    earned_month: bool = False  # the file gives only the month it was earned
    expires_month: bool = False  # the file gives only the month it expires
    signed: bool = False  # it carries a signature, which certpath does not verify
    withdrawn: str | None = None  # the file says it is not in force: "revoked", "pending"...


def read_credentials(path: Path) -> list[Credential]:
    """Read every credential in ``path``; raise CredentialError naming the file and the problem."""
    data = _read_bytes(path)
    name = str(path)
    if not data.strip():
        raise CredentialError(f"{name}: the file is empty")
    from certpath.credentials import badges, exports, images
    if data.startswith(images.PNG_SIGNATURE):
        return [images.read_png(data, name)]
    text = _text(data, name)
    head = text.lstrip()
    if head.startswith("<"):
        return [images.read_svg(data, name)]
    if head.startswith(("{", "[")):
        return _from_json(badges.parse_json(text, name), name)
    if badges.is_compact_jws(head.strip()):
        return [badges.from_jws(head.strip(), name)]
    if exports.is_linkedin_csv(text):
        return exports.read_linkedin(text, name)
    raise CredentialError(
        f"{name}: not a credential certpath reads (an Open Badges assertion or credential as "
        "JSON, JWT, PNG or SVG; Credly's badge list JSON; LinkedIn's Certifications.csv)")


def read_all(paths: Sequence[Path], *, today: dt.date) -> list[Credential]:
    """Read every file, in order; the first one that is not a credential raises.

    A credential issued after ``today``, or expiring on or before the day it was issued, raises
    too: recorded, such a date would make the profile itself wrong.
    """
    found = [credential for path in paths for credential in read_credentials(path)]
    for credential in found:
        check_dates(credential, today=today)
    return found


def check_dates(credential: Credential, *, today: dt.date) -> None:
    """Raise CredentialError if the credential was issued after ``today`` or expires on or before
    the day it was issued (compared by month when the file gives only a month), as a team
    spreadsheet's holdings are checked."""
    from certpath.holdings import date_text
    c = credential
    earned = date_text(c.earned, month=c.earned_month)
    if c.earned > today:
        raise CredentialError(f"{c.source}: {c.name[:80]!r} was issued on {earned}, after today "
                              f"({today.isoformat()}); no certification can be earned yet, so "
                              "the file is wrong")
    if c.expires is None:
        return
    by_month = c.earned_month or c.expires_month
    if (c.expires.year, c.expires.month) < (c.earned.year, c.earned.month) or \
            (not by_month and c.expires <= c.earned):
        raise CredentialError(f"{c.source}: {c.name[:80]!r} expires on "
                              f"{date_text(c.expires, month=c.expires_month)}, not after it was "
                              f"issued on {earned}; the file is wrong")


def _from_json(data: object, name: str) -> list[Credential]:
    from certpath.credentials import badges, exports
    if isinstance(data, dict) and exports.is_credly(data):
        return exports.read_credly(data, name)
    return [badges.from_document(data, name)]


def _read_bytes(path: Path) -> bytes:
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO or a device would never end
            raise CredentialError(f"{path}: not a regular file; give a credential file")
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise CredentialError(f"{path}: a folder, not a file") from None
    except OSError as exc:
        raise CredentialError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise CredentialError(f"{path}: larger than {MAX_BYTES // (1024 * 1024)} MiB; a badge or "
                              "an export is far smaller, so this is not one")
    return data


def _text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CredentialError(f"{name}: not UTF-8 text (byte {exc.start + 1}) and not a PNG "
                              "image, so not a credential certpath reads") from None


__all__ = ["MAX_BYTES", "Credential", "check_dates", "read_all", "read_credentials"]
