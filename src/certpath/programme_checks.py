"""Checks of how a certification programme works: renewal routes, validity periods, retirement,
titles and exam codes. Each finding points at the field it is about.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from certpath.errors import Finding

if TYPE_CHECKING:
    from certpath.catalog import Catalog
    from certpath.layers import Origin
    from certpath.model import Certification
    from certpath.yamldoc import Key


def check_programme(catalog: Catalog, cid: str) -> Iterator[Finding]:
    """Check one certification's renewal, validity periods, retirement and title fields."""
    cert = catalog.certifications[cid]
    origin = catalog.origins[("certifications", cid)]
    if cert.replaced_by is not None:
        yield from _reference(catalog, origin, cid, cert.replaced_by, ("replaced_by",))
    yield from _periods(origin, cert)
    yield from _routes(catalog, origin, cid, cert)
    if cert.title:
        yield from _title(catalog, origin, cid, cert)


def _reference(catalog: Catalog, origin: Origin, cid: str, ref: str, sub: Key) \
        -> Iterator[Finding]:
    if ref == cid:
        yield origin.finding(f"{cid!r} cannot refer to itself here", sub=sub)
    elif ref not in catalog.certifications and not catalog.may_lack("certifications", ref):
        close = difflib.get_close_matches(ref, list(catalog.certifications), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        yield origin.finding(f"unknown certification {ref!r}{hint}", sub=sub)


def _periods(origin: Origin, cert: Certification) -> Iterator[Finding]:
    for i in range(1, len(cert.validity_periods)):
        before, period = cert.validity_periods[i - 1], cert.validity_periods[i]
        if period.since <= before.since:
            yield origin.finding(
                f"validity period {i + 1} starts on {period.since.isoformat()}, not after the "
                f"one before it ({before.since.isoformat()}); list periods oldest first",
                sub=("validity_periods", i, "since"))


def _routes(catalog: Catalog, origin: Origin, cid: str, cert: Certification) \
        -> Iterator[Finding]:
    expires = cert.validity_months is not None or bool(cert.validity_periods)
    if cert.renewal and not expires and not cert.title:
        yield origin.finding(f"{cid!r} lists renewal routes but never expires: give "
                             "validity_months or validity_periods", sub=("renewal",))
    for i, route in enumerate(cert.renewal):
        sub: Key = ("renewal", i)
        if route.kind == "certification" and not route.any_of:
            yield origin.finding("a renewal of kind 'certification' needs 'any_of': the "
                                 "certifications whose earning renews it", sub=(*sub, "kind"))
        if route.kind != "certification" and route.any_of:
            yield origin.finding(f"'any_of' belongs to renewals of kind 'certification', not "
                                 f"{route.kind!r}", sub=(*sub, "any_of"))
        if route.kind == "retake" and cert.title:
            yield origin.finding("a title has no exam to retake", sub=(*sub, "kind"))
        for j, ref in enumerate(route.any_of):
            yield from _reference(catalog, origin, cid, ref, (*sub, "any_of", j))


def _title(catalog: Catalog, origin: Origin, cid: str, cert: Certification) -> Iterator[Finding]:
    if not any(not r.recommended for r in catalog.requirements(cid)):
        yield origin.finding(f"title {cid!r} is earned by holding its requirements, but it "
                             "requires nothing", sub=("title",))
    for key, value in (("exam", cert.exam), ("effort", cert.effort), ("fee", cert.fee)):
        if value is not None:
            yield origin.finding(f"title {cid!r} has no exam: it cannot have '{key}'",
                                 sub=(key,))
