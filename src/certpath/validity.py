"""How long a certification stays valid: expiry dates, and which held certifications have expired."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from certpath.catalog import Catalog

SOON_DAYS = 90
"""A certification that expires within this many days is flagged as expiring soon."""


def add_months(day: dt.date, months: int) -> dt.date:
    """Return the same day ``months`` later, or the month's last day when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Standing:
    """A held certification's validity on a given day."""

    cert: str
    earned: dt.date | None
    expires: dt.date | None  # None: it does not expire, or the date it was earned is unknown
    # "valid", "expiring", "expired", "unknown" (validity but no earned date) or
    # "no-expiry-stated" (the catalog gives no validity: it may or may not expire)
    status: str

    @property
    def expired(self) -> bool:
        """Whether the certification is no longer valid."""
        return self.status == "expired"


def standing(catalog: Catalog, cert_id: str, earned: dt.date | None, today: dt.date) -> Standing:
    """Return whether a certification earned on ``earned`` is still valid on ``today``."""
    months = catalog.certifications[cert_id].validity_months
    if months is None:
        return Standing(cert_id, earned, None, "no-expiry-stated")
    if earned is None:
        return Standing(cert_id, None, None, "unknown")
    expires = add_months(earned, months)
    if expires <= today:
        status = "expired"
    elif (expires - today).days <= SOON_DAYS:
        status = "expiring"
    else:
        status = "valid"
    return Standing(cert_id, earned, expires, status)


def expired_ids(catalog: Catalog, earned: Mapping[str, dt.date | None], today: dt.date) -> list[str]:
    """Return the held certifications (known to the catalog) that have expired by ``today``."""
    return [cid for cid, day in earned.items()
            if cid in catalog.certifications and standing(catalog, cid, day, today).expired]
