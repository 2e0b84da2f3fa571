"""Renewal: the ways a held certification can be kept valid, and the cheapest one open.

A route is open on a day when its window has opened (``window_months`` before expiry) and,
once the certification has expired, only if the route allows it (``after_expiry``). Earning the
certification again is always the last option, unless it is retired.

A retake, like earning it again, sits the certification's exam, so the exam's prerequisites that
must be valid on its day must be: when the holder's other holdings are known and one is not
valid then, the option first earns it, and its effort and fee are counted in the option's. So
on down: a prerequisite earned first needs its own must-be-valid prerequisites valid too.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace

from certpath.catalog import Catalog
from certpath.fees import route_fee
from certpath.model import Fee, RenewalRoute
from certpath.validity import add_months, months_valid, standings, valid_on, valid_until

KINDS = ("assessment", "retake", "certification", "earn-again")
"""The kinds of renewal, as documents name them; ``earn-again`` is the exam taken afresh."""


@dataclass(frozen=True)
class RenewalOption:
    """One way to renew a held certification, when it opens, and what it costs."""

    cert: str
    kind: str  # one of KINDS
    expires: dt.date | None
    opens: dt.date | None  # the day the route's window opens (None: open any time)
    hours: float | None
    hours_estimate: bool
    fee: Fee | None
    by: tuple[str, ...]  # kind certification: earning one of these renews it
    route: RenewalRoute | None  # None for earn-again
    until: dt.date | None = None  # the new expiry, when it counts from the old one
    needs: tuple[str, ...] = ()  # exam prerequisites to earn first: not valid on the day


    def describe(self, catalog: Catalog) -> str:
        """Say the option in words: ``renewal assessment (opens 2025-01-10, ~4 h, USD 0)``."""
        names = " or ".join(catalog.certifications[c].name for c in self.by)
        head = {"assessment": "renewal assessment", "retake": "retake the exam",
                "certification": f"earn {names}", "earn-again": "earn it again"}[self.kind]
        if self.needs:
            first = " and ".join(catalog.certifications[c].name for c in self.needs)
            head += f" after earning {first}, which its exam needs valid"
        parts = []
        if self.opens is not None:
            parts.append(f"opens {self.opens.isoformat()}")
        if self.hours is not None:
            parts.append(f"~{self.hours:g} h" + (" (estimate)" if self.hours_estimate else ""))
        if self.fee is None:
            parts.append("fee unknown")
        else:
            estimate = " (estimate)" if self.fee.estimate else ""
            parts.append(f"{self.fee.currency} {self.fee.amount:g}{estimate}")
        if self.until is not None:
            parts.append(f"valid to {self.until.isoformat()}")
        return f"{head} ({', '.join(parts)})"


@dataclass(frozen=True)
class Due:
    """A holding that expires (or needs renewal) within a window, and its cheapest route."""

    cert: str
    earned: dt.date | None
    expires: dt.date
    expired: bool
    cheapest: RenewalOption | None  # None: no way to renew (retired, and no route open)
    options: tuple[RenewalOption, ...]
    note: str | None


def renewal_options(catalog: Catalog, cert_id: str, expires: dt.date | None,
                    today: dt.date, *, held: Mapping[str, dt.date | None] | None = None,
                    ) -> list[RenewalOption]:
    """Return every way to renew ``cert_id`` still possible on or after ``today``, cheapest first.

    A retired certification's exam can no longer be sat: neither retaken nor earned again.

    ``held``: the expiry of each of the holder's certifications (None: never expires); given, a
    retake or earning again first earns the exam's must-be-valid prerequisites not valid then.
    """
    cert = catalog.certifications[cert_id]
    lapsed = not valid_on(expires, today)
    found: list[RenewalOption] = []
    for route in cert.renewal:
        if lapsed and not route.after_expiry:
            continue
        opens = None
        if route.window_months is not None and expires is not None:
            opens = add_months(expires, -route.window_months)
        if route.kind == "retake" and cert.retired(max(today, opens or today)):
            continue  # its exam can no longer be sat
        effort = route.effort if route.effort is not None else (
            cert.effort if route.kind == "retake" else None)
        hours, estimate = (effort.hours, effort.estimate) if effort else (None, False)
        fee = route_fee(catalog, cert_id, route)
        if route.kind == "certification":
            hours, estimate, fee = _cheapest_member(catalog, route.any_of)
        until = None
        months = route.months or months_valid(cert, expires)
        if route.from_expiry and expires is not None and months is not None:
            until = add_months(expires, months)
        option = RenewalOption(cert_id, route.kind, expires, opens, hours, estimate, fee,
                               tuple(route.any_of), route, until)
        if route.kind == "retake" and held is not None:
            option = _first_earning(catalog, option, max(today, opens or today), held)
        found.append(option)
    if not cert.title and not cert.retired(today):
        effort = cert.effort
        option = RenewalOption(cert_id, "earn-again", expires, None,
                               effort.hours if effort else None,
                               effort.estimate if effort else False, cert.fee, (), None)
        found.append(option if held is None else _first_earning(catalog, option, today, held))
    return _cheapest_first(found)


def _first_earning(catalog: Catalog, option: RenewalOption, day: dt.date,
                   held: Mapping[str, dt.date | None]) -> RenewalOption:
    """Add to an option that sits the exam on ``day`` the prerequisites it needs valid then."""
    needs = _not_valid(catalog, option.cert, day, held)
    if not needs:
        return option
    hours, estimate, fee = option.hours, option.hours_estimate, option.fee
    for cid in needs:
        cert = catalog.certifications[cid]
        hours = None if hours is None or cert.effort is None else hours + cert.effort.hours
        estimate = estimate or (cert.effort.estimate if cert.effort else False)
        fee = _add_fees(fee, cert.fee)
    return replace(option, hours=hours, hours_estimate=estimate, fee=fee, needs=needs)


def _not_valid(catalog: Catalog, cert_id: str, day: dt.date,
               held: Mapping[str, dt.date | None]) -> tuple[str, ...]:
    """Return the must-be-valid prerequisites of an exam that are not valid on ``day``.

    Each of them is earned first, by its own exam, which needs its own must-be-valid
    prerequisites valid: those not valid on ``day`` are earned before it (prerequisites first).
    """
    needs: list[str] = []
    _add_needs(catalog, cert_id, day, held, needs, {cert_id})
    return tuple(needs)


def _add_needs(catalog: Catalog, cert_id: str, day: dt.date, held: Mapping[str, dt.date | None],
               needs: list[str], seen: set[str]) -> None:
    """Append to ``needs`` what the exam of ``cert_id`` needs earned first, deepest first."""
    def good(cid: str) -> bool:
        return cid in needs or (cid in held and valid_on(held[cid], day))

    for req in catalog.requirements(cert_id):
        if req.recommended or not req.needs_valid:
            continue
        groups = req.alternatives
        short = req.choose - sum(all(good(c) for c in g) for g in groups)
        open_groups = [g for g in groups if not all(good(c) for c in g)]
        comparable = _one_currency(catalog.certifications[c].fee for g in open_groups for c in g)

        def group_cost(group: tuple[str, ...], comparable: bool = comparable,
                       ) -> tuple[float, ...]:  # the members' costs added up, part by part
            parts = [_cost_of(catalog.certifications[c].fee, _hours(catalog, c), comparable)
                     for c in group]
            return tuple(sum(column) for column in zip(*parts, strict=True))

        rest = sorted(open_groups, key=group_cost)
        for group in rest[:max(short, 0)]:
            for cid in group:
                if good(cid) or cid in seen:
                    continue
                seen.add(cid)
                _add_needs(catalog, cid, day, held, needs, seen)
                needs.append(cid)


def _hours(catalog: Catalog, cert_id: str) -> float | None:
    effort = catalog.certifications[cert_id].effort
    return effort.hours if effort else None


def _add_fees(one: Fee | None, other: Fee | None) -> Fee | None:
    """Add two fees in one currency; a fee unknown, or in another currency, makes it unknown."""
    if one is None or other is None or one.currency != other.currency:
        return None
    return Fee(amount=one.amount + other.amount, currency=one.currency,
               estimate=one.estimate or other.estimate)


def cheapest(catalog: Catalog, cert_id: str, expires: dt.date | None, today: dt.date, *,
             taken: Collection[str] = (), held: Mapping[str, dt.date | None] | None = None,
             ) -> RenewalOption | None:
    """Return the cheapest way to renew; a certification in ``taken`` renews it for nothing."""
    options = renewal_options(catalog, cert_id, expires, today, held=held)
    free = [o for o in options if o.kind == "certification" and set(o.by) & set(taken)]
    best = free or options
    return best[0] if best else None


def _cheapest_member(catalog: Catalog, ids: Collection[str]) -> tuple[float | None, bool,
                                                                      Fee | None]:
    entries = [(cert.effort.hours if cert.effort else None,
                cert.effort.estimate if cert.effort else False, cert.fee)
               for cert in (catalog.certifications[cid] for cid in ids)]
    comparable = _one_currency(fee for _, _, fee in entries)
    return min(entries, key=lambda e: _cost_of(e[2], e[0], comparable),
               default=(None, False, None))


def _one_currency(fees: Iterable[Fee | None]) -> bool:
    """Whether the fees that are known and not free are all in one currency (so comparable)."""
    return len({f.currency for f in fees if f is not None and f.amount > 0}) <= 1


def _cost_of(fee: Fee | None, hours: float | None, comparable: bool = True,
             kind: int = 0) -> tuple[int, float, float, float]:
    """Known fees before unknown ones; then lower amounts first and fewer hours, or, where the
    fees are in several currencies (never converted, so not comparable), free before not free,
    then the kind of route (``KINDS`` order) and fewer hours."""
    hours_key = math.inf if hours is None else hours
    if comparable:
        return (fee is None, fee.amount if fee else 0.0, hours_key, kind)
    return (fee is None, 0.0 if fee is not None and fee.amount == 0 else 1.0, kind, hours_key)


def _cheapest_first(options: list[RenewalOption]) -> list[RenewalOption]:
    comparable = _one_currency(o.fee for o in options)
    return sorted(options, key=lambda o: _cost_of(o.fee, o.hours, comparable,
                                                  KINDS.index(o.kind)))


def due(catalog: Catalog, earned: Mapping[str, dt.date | None], today: dt.date, *,
        within_days: int, stated: Mapping[str, dt.date] | None = None) -> list[Due]:
    """Return what is held and expires within ``within_days`` of ``today`` (or has expired).

    A title is not listed: it lapses with its members, which are listed themselves. ``stated``
    holds expiry dates that imported credentials state (they win over the catalog's).
    """
    horizon = today + dt.timedelta(days=within_days)
    found: list[Due] = []
    standing = standings(catalog, earned, today, stated=stated)
    until = valid_until(catalog, standing)  # what a renewal's exam may count as valid
    for cid, held in standing.items():
        cert = catalog.certifications[cid]
        if held.expires is None or cert.title or valid_on(held.expires, horizon):
            continue
        options = renewal_options(catalog, cid, held.expires, today, held=until)
        note = None
        if cert.retired(today):
            note = f"retired on {cert.retired_on.isoformat() if cert.retired_on else '?'}"
            if cert.replaced_by is not None:
                from certpath.provenance import successor_words
                note += f"; its successor is {successor_words(catalog, cert)}"
        found.append(Due(cid, held.earned, held.expires, held.expired,
                         options[0] if options else None, tuple(options), note))
    return sorted(found, key=lambda d: (d.expires, catalog.order_key(d.cert)))
