"""What the profile records about holdings and the saved plan: dates, months and expiries.

A certification is earned on a day, or in a month (``YYYY-MM``: a LinkedIn export gives no day),
and may carry the expiry date its credential states; the saved plan (``plan --save``) is what a
plan was made from. ``profile`` reads and writes the file; this module knows these values.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Literal

import msgspec

from certpath.dates import date_shaped, iso_date
from certpath.model import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK

if TYPE_CHECKING:  # for annotations only
    from certpath.yamldoc import Document, Key

_ENTRY_KEYS = ("earned", "expires")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")  # matched whole (fullmatch)


@dataclass(frozen=True)
class SavedPlan:
    """A plan saved with ``plan --save``, for ``progress``; ``done`` holds what was marked done."""

    target: str
    pace: str
    start: dt.date
    hours_per_week: float | None = None
    have: tuple[str, ...] = ()
    required_only: bool = False
    done: tuple[str, ...] = ()  # certification ids, or "cert-id:N" for its phase N (from 1)
    optimize: str = "hours"
    by: dt.date | None = None  # planned to finish by this date (hours_per_week was found)


@dataclass
class Held:
    """The ``earned`` section as it is read; given ``today``, an earned date after it is an error."""

    today: dt.date | None = None
    earned: dict[str, dt.date | None] = field(default_factory=dict)
    expires: dict[str, dt.date] = field(default_factory=dict)
    earned_months: set[str] = field(default_factory=set)
    expires_months: set[str] = field(default_factory=set)

    def read(self, doc: Document, raw: Any) -> None:
        """Read the ``earned`` mapping, recording every problem in ``doc``."""
        if raw is None:
            return
        if not isinstance(raw, dict):
            doc.error(("earned",), "earned must be a mapping of certification id to the date "
                      "earned (YYYY-MM-DD, YYYY-MM, or null when unknown)")
            return
        for cert_id, value in raw.items():
            if not _is_id(cert_id):
                doc.error(("earned", cert_id), f"{cert_id!r} is not a certification id (lower-case "
                          "letters, digits and hyphens)")
                continue
            entry = value if isinstance(value, dict) else {"earned": value}
            for key in entry:
                if key not in _ENTRY_KEYS:
                    doc.error(("earned", cert_id, key), f"unknown key {key!r}; known keys: "
                              f"{', '.join(_ENTRY_KEYS)}")
            at: Key = ("earned", cert_id) if entry is not value else ("earned", cert_id, "earned")
            day, month, ok = _day(doc, at, entry.get("earned"), f"the date {cert_id!r} was earned")
            if not ok:
                continue
            if day is not None and self.today is not None and day > self.today:
                doc.error(at, f"{cert_id!r} was earned on {date_text(day, month=month)}, which is "
                          f"in the future (today is {self.today.isoformat()}); give the day it was "
                          f"earned: certpath profile earn {cert_id} --on YYYY-MM-DD "
                          "(or --on unknown)")
                continue
            self.earned[cert_id] = day
            if month:
                self.earned_months.add(cert_id)
            if entry.get("expires") is not None:
                ends, month, ok = _day(doc, ("earned", cert_id, "expires"), entry["expires"],
                                       f"the date {cert_id!r} expires")
                if ends is not None:
                    self.expires[cert_id] = ends
                    if month:
                        self.expires_months.add(cert_id)


def _day(doc: Document, at: Key, value: Any, what: str) -> tuple[dt.date | None, bool, bool]:
    """A date of the profile: (the day or None for null, whether only the month, no error)."""
    if value is None:
        return None, False, True
    if isinstance(value, dt.date):
        return value, False, True
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return iso_date(value), False, True
        month = _MONTH.fullmatch(value)
        if month and 1 <= int(month[2]) <= 12 and int(month[1]) >= 1:
            return dt.date(int(month[1]), int(month[2]), 1), True, True
        if month or date_shaped(value):
            doc.error(at, f"{what}, {value}, is not a real date")
            return None, False, False
    doc.error(at, f"{what} must be YYYY-MM-DD or YYYY-MM (or null when unknown)")
    return None, False, False


class _PlanFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """The ``plan`` section as written."""

    target: Annotated[str, msgspec.Meta(min_length=1)]
    pace: Literal["accelerated", "focused", "comprehensive"]
    start: dt.date
    hours_per_week: Annotated[float, msgspec.Meta(ge=MIN_HOURS_PER_WEEK,
                                                  le=MAX_HOURS_PER_WEEK)] | None = None
    have: list[str] = []
    required_only: bool = False
    done: list[str] = []
    optimize: str = "hours"
    by: dt.date | None = None


def _is_id(text: object) -> bool:
    from certpath.model import Id
    try:
        msgspec.convert(text, Id)
    except msgspec.ValidationError:
        return False
    return True


def read_saved_plan(doc: Document, raw: Any) -> SavedPlan | None:
    """Read the ``plan`` section (None when there is none), recording problems in ``doc``."""
    if raw is None:
        return None
    from certpath.docdecode import convert
    found = convert(doc, ("plan",), raw, _PlanFile)
    if found is None:
        return None
    return SavedPlan(found.target, found.pace, found.start, found.hours_per_week,
                     tuple(found.have), found.required_only, tuple(found.done), found.optimize,
                     found.by)


def shown_date(day: dt.date | None, *, month: bool) -> Any:
    """A date as the profile writes it: the date, or ``YYYY-MM`` when only the month is known."""
    if day is None or not month:
        return day
    return f"{day.year:04d}-{day.month:02d}"


def date_text(day: dt.date | None, *, month: bool) -> str | None:
    """A date as certpath shows it: YYYY-MM-DD, or YYYY-MM when only the month is known."""
    shown = shown_date(day, month=month)
    return shown.isoformat() if isinstance(shown, dt.date) else shown
