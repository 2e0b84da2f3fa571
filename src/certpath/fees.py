"""Fees: what certifications and their renewals cost, totalled per currency.

Currencies are never converted (certpath works offline), and a fee the catalog does not give is
unknown, never zero: a total lists the certifications whose fee is unknown beside the sums.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from certpath.catalog import Catalog
from certpath.model import Fee, RenewalRoute


@dataclass(frozen=True)
class FeeTotal:
    """Sums per currency (in catalog order of first use), and what has no known fee."""

    amounts: dict[str, float] = field(default_factory=dict)
    unknown: tuple[str, ...] = ()  # ids (of certifications) whose fee the catalog does not give
    estimate: bool = False  # some amount added is an estimate

    @property
    def complete(self) -> bool:
        """Whether every fee counted is known."""
        return not self.unknown

    def describe(self) -> str:
        """Say the total in words: ``USD 330 + EUR 150 (fees of 2 unknown)``."""
        parts = [f"{cur} {_amount(value)}" for cur, value in self.amounts.items()]
        text = " + ".join(parts) if parts else ("none" if not self.unknown else "")
        if self.unknown:
            count = len(self.unknown)
            unknown = f"fee{'s' if count != 1 else ''} of {count} unknown"
            text = f"{text} ({unknown})" if parts else unknown
        if self.estimate:
            text += " (estimate)"
        return text

    def as_json(self) -> dict[str, object]:
        """Return the total as a JSON-ready mapping (the shape every document uses)."""
        return {"amounts": dict(self.amounts), "unknown": list(self.unknown),
                "estimate": self.estimate}


def add_fees(items: Iterable[tuple[str, Fee | None]]) -> FeeTotal:
    """Total ``(id, fee)`` pairs per currency; a None fee makes that id unknown."""
    amounts: dict[str, float] = {}
    unknown: list[str] = []
    estimate = False
    for owner, fee in items:
        if fee is None:
            if owner not in unknown:
                unknown.append(owner)
            continue
        amounts[fee.currency] = amounts.get(fee.currency, 0.0) + fee.amount
        estimate = estimate or fee.estimate
    return FeeTotal(amounts, tuple(unknown), estimate)


def certification_fees(catalog: Catalog, cert_ids: Iterable[str]) -> FeeTotal:
    """Total the exam fees of ``cert_ids`` per currency.

    A title is earned by holding its members: it costs nothing of its own, so it adds nothing.
    """
    return add_fees((cid, catalog.certifications[cid].fee) for cid in cert_ids
                    if not catalog.certifications[cid].title)


def route_fee(catalog: Catalog, cert_id: str, route: RenewalRoute) -> Fee | None:
    """Return what renewing by ``route`` costs on its own: a retake costs the exam fee.

    A renewal by earning another certification costs that one's fee, counted where it is taken.
    """
    if route.fee is not None:
        return route.fee
    if route.kind == "retake":
        return catalog.certifications[cert_id].fee
    return None


def _amount(value: float) -> str:
    return f"{value:,.2f}" if value % 1 else f"{value:,.0f}"
