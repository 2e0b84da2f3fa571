"""A team's budget: exam and renewal fees in the planning window, per quarter, per currency.

The window runs from the plan's start to the team's ready date, or for a year when that is sooner
(renewals fall due whether or not anyone studies). Each exam on a member's plan costs the
certification's fee on its exam date. Each certification held or planned that expires inside the
window costs a renewal on its expiry date, by the cheapest route open then, as the member's plan
lists it (a retake costs the exam fee, and any prerequisite it needs valid; without a route, the
exam fee of earning it again); one that an exam of the plan renews costs nothing more.
Currencies are never converted; a fee the catalog does not give is counted as unknown, never as
zero. Study time is priced only at an hourly rate given by the user, spread over each study
window's days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from certpath.catalog import Catalog
from certpath.errors import InputError
from certpath.fees import FeeTotal, add_fees
from certpath.model import Fee
from certpath.renewal import RenewalOption, cheapest
from certpath.team import TeamPlan
from certpath.validity import standings, valid_until

BUDGET_DAYS = 365
"""The shortest planning window, in days from the start."""


@dataclass(frozen=True)
class Cost:
    """One fee in the budget: a member's exam or renewal of a certification on a day."""

    member: str
    cert: str
    kind: str  # "exam" or "renewal"
    day: dt.date
    fee: Fee | None  # None: unknown
    how: str  # how it is paid for: "exam fee", "renewal assessment", "retake", "earned again"

    @property
    def key(self) -> str:
        """Who and what, for the list of unknown fees ("Ana: expert exam")."""
        return f"{self.member}: {self.cert} {self.kind}"


@dataclass(frozen=True)
class Quarter:
    """The fees, and the study time when priced, in one calendar quarter."""

    name: str  # "2025-Q1"
    exams: FeeTotal
    renewals: FeeTotal
    study_hours: float
    study: FeeTotal | None  # None: no hourly rate given

    @property
    def total(self) -> FeeTotal:
        """Exams, renewals and priced study time together, per currency."""
        return combine([self.exams, self.renewals, *([self.study] if self.study else [])])


@dataclass(frozen=True)
class Budget:
    """The costs in the window, per quarter, and in total."""

    start: dt.date
    end: dt.date
    costs: tuple[Cost, ...]
    quarters: tuple[Quarter, ...]
    rate: Fee | None
    hours_estimate: bool = False  # some study hours counted are an estimate

    @property
    def total(self) -> FeeTotal:
        """Everything in the window, per currency."""
        return combine(q.total for q in self.quarters)

    @property
    def unknown(self) -> tuple[Cost, ...]:
        """The costs whose fee the catalog does not give."""
        return tuple(c for c in self.costs if c.fee is None)


def parse_rate(text: str) -> Fee:
    """Parse an hourly rate such as ``80 EUR`` or ``EUR 80`` (a currency is required)."""
    parts = text.replace(",", ".").split()
    amount = next((p for p in parts if p.replace(".", "", 1).isdigit()), None)
    currency = next((p for p in parts if len(p) == 3 and p.isalpha() and p.isupper()), None)
    if amount is None or currency is None or len(parts) != 2:
        raise InputError(f"--hourly-rate {text!r}: give an amount and an ISO 4217 currency, "
                         "such as '80 EUR'")
    return Fee(amount=float(amount), currency=currency)


def quarter_of(day: dt.date) -> str:
    """Return a day's calendar quarter, such as ``2025-Q1``."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def combine(totals: Iterable[FeeTotal]) -> FeeTotal:
    """Add totals per currency, keeping every unknown."""
    amounts: dict[str, float] = {}
    unknown: list[str] = []
    estimate = False
    for total in totals:
        for currency, value in total.amounts.items():
            amounts[currency] = amounts.get(currency, 0.0) + value
        unknown += [u for u in total.unknown if u not in unknown]
        estimate = estimate or total.estimate
    return FeeTotal(amounts, tuple(unknown), estimate)


def build_budget(catalog: Catalog, plan: TeamPlan, *, rate: Fee | None = None) -> Budget:
    """Return the team's costs from the plan's start through the window's end."""
    start = plan.start
    end = max(plan.ready or start, start + dt.timedelta(days=BUDGET_DAYS - 1))
    costs: list[Cost] = []
    hours: dict[str, float] = {}
    estimate = False
    for mp in plan.members:
        who = mp.member.name
        planned: dict[str, dt.date] = {}
        for w in mp.schedule.windows if mp.schedule else ():
            planned[w.cert] = w.exam
            cert = catalog.certifications[w.cert]
            if not cert.title:
                costs.append(Cost(who, w.cert, "exam", w.exam, cert.fee, "exam fee"))
            _spread(hours, w.start, w.exam, w.hours)
            estimate = estimate or (w.hours_estimate and w.hours > 0)
        if mp.schedule is not None:  # the plan's renewals: the cheapest route, or its exams
            costs.extend(_renewal(catalog, who, r.cert, r.expires, r.route)
                         for r in mp.schedule.renewals if start <= r.expires <= end
                         and r.renewed_by is None and (r.planned or r.cert not in planned))
            continue
        found = standings(catalog, mp.member.earned, start, stated=mp.member.stated)
        until = valid_until(catalog, found)
        for held in mp.member.held:
            ends = found[held.cert].expires if held.cert in found else None
            if ends is not None and start <= ends <= end:
                option = cheapest(catalog, held.cert, ends, start, held=until)
                costs.append(_renewal(catalog, who, held.cert, ends, option))
    costs.sort(key=lambda c: (c.day, c.member, catalog.order_key(c.cert), c.kind))
    return Budget(start, end, tuple(costs), _quarters(costs, hours, start, end, rate, estimate),
                  rate, estimate)


def _renewal(catalog: Catalog, who: str, cert_id: str, day: dt.date,
             option: RenewalOption | None) -> Cost:
    """The cost of renewing by ``option`` (None: no route is open, so it is earned again)."""
    if option is None:
        return Cost(who, cert_id, "renewal", day, catalog.certifications[cert_id].fee,
                    "earned again")
    how = {"assessment": "renewal assessment", "retake": "retake",
           "certification": "by another certification", "earn-again": "earned again"}
    return Cost(who, cert_id, "renewal", day, option.fee, how[option.kind])


def _spread(hours: dict[str, float], first: dt.date, last: dt.date, total: float) -> None:
    """Share a window's study hours among its quarters by the days that fall in each."""
    days = (last - first).days + 1
    day = first
    while day <= last:
        name = quarter_of(day)
        month = (day.month - 1) // 3 * 3 + 4  # the first month of the next quarter
        following = dt.date(day.year + (month > 12), (month - 1) % 12 + 1, 1)
        stop = min(last, following - dt.timedelta(days=1))
        hours[name] = hours.get(name, 0.0) + total * ((stop - day).days + 1) / days
        day = stop + dt.timedelta(days=1)


def _quarters(costs: list[Cost], hours: dict[str, float], start: dt.date, end: dt.date,
              rate: Fee | None, estimate: bool) -> tuple[Quarter, ...]:
    names: list[str] = []
    year, index = start.year, (start.month - 1) // 3
    while (year, index) <= (end.year, (end.month - 1) // 3):
        names.append(f"{year}-Q{index + 1}")
        year, index = (year + 1, 0) if index == 3 else (year, index + 1)
    out = []
    for name in names:
        mine = [c for c in costs if quarter_of(c.day) == name]
        study_hours = round(hours.get(name, 0.0), 1)
        study = None if rate is None else add_fees(
            [("study", Fee(amount=round(study_hours * rate.amount, 2), currency=rate.currency,
                           estimate=estimate and study_hours > 0))])
        out.append(Quarter(name, add_fees((c.key, c.fee) for c in mine if c.kind == "exam"),
                           add_fees((c.key, c.fee) for c in mine if c.kind == "renewal"),
                           study_hours, study))
    return tuple(out)
