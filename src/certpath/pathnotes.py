"""What a path says, in words, about held, expiring, expired and retired certifications.

``planning`` lays out the path; these are the notes it adds where the target is held and
expires, has expired but can still be renewed, or is retired, and where a prerequisite is
retired.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from certpath.catalog import Catalog


def retired_note(catalog: Catalog, cert_id: str) -> str:
    """Say that a certification is retired, and what succeeds it."""
    cert = catalog.certifications[cert_id]
    day = cert.retired_on.isoformat() if cert.retired_on else "?"
    return f"{cert.name} was retired on {day} and can no longer be earned" + _successor(
        catalog, cert_id, "; its successor is ")


def retired_prerequisite_note(catalog: Catalog, cert_id: str, prerequisite: str, *,
                              recommended: bool) -> str:
    """Say that ``cert_id`` asks for a retired certification, which its path therefore lacks."""
    names = catalog.certifications
    gone = names[prerequisite]
    day = gone.retired_on.isoformat() if gone.retired_on else "?"
    head = (f"{names[cert_id].name} {'recommends' if recommended else 'requires'} {gone.name}, "
            f"which was retired on {day} and can no longer be earned")
    tail = ("it is left out" if recommended else f"unless you hold it, {names[cert_id].name} "
            "cannot be earned as the catalog describes it")
    return f"{head}: {tail}" + _successor(catalog, prerequisite, f"; the successor of {gone.name} is ")


def _successor(catalog: Catalog, cert_id: str, lead: str) -> str:
    cert = catalog.certifications[cert_id]
    if cert.replaced_by is None:
        return ""
    from certpath.provenance import successor_words
    return f"{lead}{successor_words(catalog, cert)} (certpath path --to {cert.replaced_by})"


def renewal_note(catalog: Catalog, cert_id: str, ends: dt.date | None, today: dt.date | None,
                 held: Mapping[str, dt.date | None], lapsed: Collection[str]) -> tuple[str, ...]:
    """For a held target that expires on ``ends``: when, and its cheapest renewal.

    ``held``: the valid holdings' expiries, for what a retake needs; ``lapsed``: what is held
    but not valid now (a title's members to earn again).
    """
    if ends is None or today is None:
        return ()
    from certpath.renewal import cheapest
    option = cheapest(catalog, cert_id, ends, today, held=held)
    how = f"; cheapest renewal: {option.describe(catalog)}" if option else ""
    if option is None and catalog.certifications[cert_id].retired(today):
        how = "; it cannot be renewed: " + retired_note(catalog, cert_id)
    members = [o for req in catalog.requirements(cert_id) if not req.recommended
               for o in req.options if o in lapsed]
    if catalog.certifications[cert_id].title and members:  # held to year end: members to renew
        how += "; to keep it, earn again before then: " + ", ".join(
            catalog.certifications[o].name for o in dict.fromkeys(members))
    return (f"it expires on {ends.isoformat()}{how}",)


def late_renewal_note(catalog: Catalog, cert_id: str, ends: dt.date | None,
                      today: dt.date | None, held: Mapping[str, dt.date | None]) -> str | None:
    """Say how to renew an expired target when a route still allows it and costs less.

    None when the cheapest way sits the exam again (a retake, or earning it again): then the
    path plans the exam, with the prerequisites it needs valid on its day.
    """
    if ends is None or today is None:
        return None
    from certpath.renewal import cheapest
    option = cheapest(catalog, cert_id, ends, today, held=held)
    if option is None or option.kind in ("earn-again", "retake"):
        return None
    return (f"{catalog.certifications[cert_id].name} expired on {ends.isoformat()}; it can "
            f"still be renewed: {option.describe(catalog)}")
