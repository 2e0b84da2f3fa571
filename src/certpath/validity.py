"""How long a certification stays valid: expiry dates, and which holdings are valid on a day.

This is the one place that says what "valid on a day" means, for every command: a certification
is valid on a day when it never expires or that day is before its expiry date; on the expiry
date itself it has expired. A certification whose requirement must stay valid (a title, or
``must_stay_valid``) lapses when that requirement does. A held certification that renews
another (a renewal route of kind ``certification``), earned while that one could still be
renewed, renews it: an RHCE earned as a current RHCSA keeps the RHCSA current three years on.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from certpath.catalog import Catalog
from certpath.model import Certification, Requirement

SOON_DAYS = 90
"""A certification that expires within this many days is flagged as expiring soon."""


def add_months(day: dt.date, months: int) -> dt.date:
    """Return the same day ``months`` later, or the month's last day when it is shorter.

    Raise OverflowError past 9999-12-31, as adding a ``timedelta`` does.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise OverflowError(f"{day.isoformat()} plus {months} months is past the year 9999")
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def valid_on(expires: dt.date | None, day: dt.date) -> bool:
    """Whether something expiring on ``expires`` (None: never) is still valid on ``day``."""
    return expires is None or day < expires


def months_valid(cert: Certification, earned: dt.date | None) -> int | None:
    """Return how many months ``cert`` earned on ``earned`` stays valid (None: it never expires).

    ``validity_periods`` apply by the date earned; before the first, ``validity_months``. With
    no date, the most recent period is assumed.
    """
    months = cert.validity_months
    for period in cert.validity_periods:
        if earned is None or earned >= period.since:
            months = period.months
    return months


def expires(cert: Certification, earned: dt.date) -> dt.date | None:
    """Return the date a certification earned on ``earned`` expires by its own validity.

    None when it never expires, or not before 9999-12-31 (the last day a date can name).
    """
    months = months_valid(cert, earned)
    if months is None:
        return None
    try:
        return add_months(earned, months)
    except OverflowError:
        return None


def renewed(catalog: Catalog, cid: str, day: dt.date, ends: dt.date | None,
            held: Mapping[str, dt.date | None]) -> dt.date | None:
    """Return the expiry of ``cid`` earned on ``day`` after the renewals that ``held`` earned.

    A held certification renews it when one of its ``certification`` routes names it and it was
    earned after ``day``, while the route was open: once its window had opened, and before the
    expiry unless the route allows ``after_expiry``. Each renewal can open the next.
    """
    routes = [r for r in catalog.certifications[cid].renewal if r.kind == "certification"]
    while ends is not None and routes:
        best = ends
        for route in routes:
            opens = None if route.window_months is None else add_months(ends, -route.window_months)
            for other in route.any_of:
                when = held.get(other)
                if when is None or when <= day or (opens is not None and when < opens) or (
                        not route.after_expiry and not valid_on(ends, when)):
                    continue
                months = route.months or months_valid(catalog.certifications[cid], when)
                if months is None:
                    return None
                try:
                    best = max(best, add_months(ends if route.from_expiry else when, months))
                except OverflowError:
                    return None
        if best == ends:
            break
        ends = best
    return ends


def stays(cert: Certification, req: Requirement) -> bool:
    """Whether ``cert`` stays valid only while ``req`` is met (on a title, must_be_valid too)."""
    return not req.recommended and (req.must_stay_valid or (cert.title and req.must_be_valid))


@dataclass(frozen=True)
class Standing:
    """A held certification's validity on a given day."""

    cert: str
    earned: dt.date | None
    expires: dt.date | None  # None: it does not expire, or the date it was earned is unknown
    status: str  # "valid", "expiring", "expired" or "unknown" (validity but no earned date)
    lapsed_by: str | None = None  # the member whose expiry ends it (titles, must_stay_valid)

    @property
    def expired(self) -> bool:
        """Whether the certification is no longer valid."""
        return self.status == "expired"

    def said(self, catalog: Catalog) -> str:
        """Return the status the profile shows: no-expiry-stated where no validity is given."""
        # "valid" with no expiry date may only mean the catalog is silent: it may expire
        if self.status == "valid" and self.expires is None \
                and months_valid(catalog.certifications[self.cert], self.earned) is None:
            return "no-expiry-stated"
        return self.status


def _status(ends: dt.date | None, today: dt.date) -> str:
    if not valid_on(ends, today):
        return "expired"
    if ends is not None and (ends - today).days <= SOON_DAYS:
        return "expiring"
    return "valid"


def standing(catalog: Catalog, cert_id: str, earned: dt.date | None, today: dt.date,
             held: Mapping[str, dt.date | None] | None = None, *,
             stated: Mapping[str, dt.date] | None = None) -> Standing:
    """Return whether a certification earned on ``earned`` is still valid on ``today``.

    ``held`` (every holding with its date) is needed for a certification that lapses with its
    members: a title, or one with a ``must_stay_valid`` requirement. ``stated`` holds the expiry
    dates imported credentials state; they win over the catalog's validity.
    """
    return standings(catalog, {**(held or {}), cert_id: earned}, today, stated=stated)[cert_id]


def standings(catalog: Catalog, held: Mapping[str, dt.date | None], today: dt.date, *,
              stated: Mapping[str, dt.date] | None = None) -> dict[str, Standing]:
    """Return the standing on ``today`` of every held certification known to the catalog.

    ``stated``: expiry dates that credentials state, which win over the catalog's validity.
    """
    found: dict[str, Standing] = {}
    given = stated or {}

    def of(cid: str) -> Standing:
        if cid not in found:
            found[cid] = _standing(catalog, cid, held, today, of, given.get(cid))
        return found[cid]

    for cid in held:
        if cid in catalog.certifications:
            of(cid)
    return {cid: found[cid] for cid in held if cid in found}


def _standing(catalog: Catalog, cid: str, held: Mapping[str, dt.date | None], today: dt.date,
              of: Callable[[str], Standing], stated: dt.date | None) -> Standing:
    cert = catalog.certifications[cid]
    day = held.get(cid)
    own = stated if stated is not None else None if day is None else renewed(
        catalog, cid, day, expires(cert, day), held)
    unknown = stated is None and day is None and months_valid(cert, None) is not None
    ends, lapsed_by = own, None
    for req in catalog.requirements(cid):
        if not stays(cert, req):
            continue
        limit, member = _lasts(req, held, of)
        if member is None and limit is None:
            continue
        if member == "":
            unknown = True
        elif limit is not None and (ends is None or limit < ends):
            ends, lapsed_by = limit, member
    if cert.held_to_year_end and lapsed_by is not None and ends is not None \
            and ends.year < dt.MAXYEAR:
        ends = dt.date(ends.year + 1, 1, 1)  # held through 31 December of the year it lapses
    if unknown and valid_on(ends, today):
        return Standing(cid, day, None if ends == own else ends, "unknown", lapsed_by)
    return Standing(cid, day, ends, _status(ends, today), lapsed_by)


def _lasts(req: Requirement, held: Mapping[str, dt.date | None],
           of: Callable[[str], Standing]) -> tuple[dt.date | None, str | None]:
    """Return until when ``req`` stays met by what is held, and the member that ends it.

    ("", None) member means: not enough is held with known dates to say.
    """
    ends: list[tuple[dt.date | None, str | None]] = []
    for group in req.alternatives:
        if not all(o in held for o in group):
            continue
        members = [(of(o).expires, o) for o in group]
        if any(of(o).status == "unknown" for o in group):
            continue
        dated = [m for m in members if m[0] is not None]
        ends.append(min(dated) if dated else (None, None))
    if len(ends) < req.choose:
        return None, ""
    ends.sort(key=lambda e: (e[0] is None, e[0] or dt.date.min), reverse=True)
    return ends[req.choose - 1]


def not_valid_ids(catalog: Catalog, held: Mapping[str, dt.date | None], today: dt.date, *,
                  stated: Mapping[str, dt.date] | None = None) -> list[str]:
    """Return what is held (or implied by it) but cannot be shown valid on ``today``.

    Holding a certification implies holding its required prerequisites, but an implied holding
    has no date: it counts as valid only when it never expires, or when it is implied by a
    valid holding through a requirement that did not need it valid (which would date it).
    """
    return not_valid_among(catalog, standings(catalog, held, today, stated=stated))


def not_valid_among(catalog: Catalog, found: Mapping[str, Standing]) -> list[str]:
    """Return what ``not_valid_ids`` does, from the standings of what is held on that day."""
    bad = [cid for cid, s in found.items() if s.expired]
    bad.extend(cid for cid, shown in _implied(catalog, found).items() if not shown)
    return bad


def valid_until(catalog: Catalog, found: Mapping[str, Standing]) -> dict[str, dt.date | None]:
    """Return until when each holding is valid (None: no known end), as a later exam sees it.

    Holdings implied by ``found`` that are shown valid (see ``not_valid_ids``) count, with no
    known end; those that are not shown valid are left out, as if not held.
    """
    until = {cid: s.expires for cid, s in found.items()}
    until.update({cid: None for cid, shown in _implied(catalog, found).items() if shown})
    return until


def _implied(catalog: Catalog, found: Mapping[str, Standing]) -> dict[str, bool]:
    """Return what the holdings in ``found`` imply but do not hold, and whether each is valid."""
    proven = {cid for cid, s in found.items() if not s.expired}
    pending = list(found)
    implied: dict[str, bool] = {}  # id -> shown valid
    while pending:
        cid = pending.pop(0)
        valid = cid in proven or implied.get(cid, False)
        for req in catalog.requirements(cid):
            if req.recommended or len(req.alternatives) != req.choose:
                continue
            for option in req.options:
                if option in found:
                    continue
                never = months_valid(catalog.certifications[option], None) is None
                shown = never or (valid and not req.needs_valid)
                if option not in implied:
                    implied[option] = shown
                    pending.append(option)
                elif shown and not implied[option]:
                    implied[option] = True
                    pending.append(option)
    return implied


def expired_ids(catalog: Catalog, earned: Mapping[str, dt.date | None], today: dt.date) -> list[str]:
    """Return the held certifications (known to the catalog) that are not valid on ``today``."""
    return not_valid_ids(catalog, earned, today)
