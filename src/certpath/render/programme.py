"""How a certification's programme works, in words and as JSON: exam codes, fee, validity,
renewal routes, retirement and titles (``show``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # types only: importing them would slow every command's start-up
    from certpath.catalog import Catalog
    from certpath.model import Certification, Effort, Fee, RenewalRoute

Doc = dict[str, Any]  # as render.jsondoc's, which imports this module
_ROUTE = {"assessment": "renewal assessment", "retake": "retake the exam",
          "certification": "earn"}


def fee_text(fee: Fee | None) -> str:
    """Say a fee: ``USD 165`` (``free`` for 0), or that it is unknown."""
    if fee is None:
        return "unknown"
    text = "free" if fee.amount == 0 else f"{fee.currency} {fee.amount:g}"
    return text + (" (estimate)" if fee.estimate else "")


def validity_text(cert: Certification) -> str | None:
    """Say how long it stays valid, by the date earned when that changed."""
    year_end = "; when one lapses, held to the end of that year" if cert.held_to_year_end else ""
    if cert.title:
        return "while its must-be-valid members are valid" + year_end
    parts = []
    if cert.validity_months is not None:
        parts.append(f"{cert.validity_months} months"
                     + (" if earned before " + cert.validity_periods[0].since.isoformat()
                        if cert.validity_periods else ""))
    parts += [f"{p.months} months if earned from {p.since.isoformat()}"
              for p in cert.validity_periods]
    return ("; ".join(parts) + year_end if parts else None)


def route_text(catalog: Catalog, route: RenewalRoute) -> str:
    """Describe one renewal route in words."""
    text = _ROUTE[route.kind]
    if route.kind == "certification":
        text += " " + " or ".join(catalog.certifications[c].name for c in route.any_of)
    details = []
    if route.window_months is not None:
        details.append(f"opens {route.window_months} months before expiry")
    if route.effort is not None:
        details.append(f"~{route.effort.hours:g} h" + (" (estimate)" if route.effort.estimate
                                                       else ""))
    if route.fee is not None or route.kind != "certification":
        details.append("fee " + (fee_text(route.fee) if route.fee or route.kind != "retake"
                                 else "as the exam"))
    details.append("also after expiry" if route.after_expiry else "before expiry only")
    text += f" ({', '.join(details)})"
    return text + (f": {route.note}" if route.note else "")


def programme_fields(catalog: Catalog, cert: Certification) -> list[tuple[str, object]]:
    """Return the label-value pairs ``show`` prints about the programme."""
    retired = None
    if cert.retired_on is not None:
        from certpath.render.provenance import mark
        retired = mark(cert, "retired_on", cert.retired_on.isoformat()) or ""
        if cert.replaced_by is not None:
            from certpath.provenance import successor_words
            retired += f"; succeeded by {successor_words(catalog, cert)}"
    return [
        ("Exam", ", ".join(cert.exam_codes) or ("none: a title, held with its members"
                                                 if cert.title else None)),
        ("Exam fee", None if cert.title else fee_text(cert.fee)),
        ("Validity", validity_text(cert)),
        ("Retired", retired),
    ]


def _effort(value: Effort | None) -> Doc | None:
    return None if value is None else {"hours": value.hours, "estimate": value.estimate,
                                       "note": value.note}


def fee_json(fee: Fee | None) -> Doc | None:
    """Return a fee as JSON (``null`` when unknown)."""
    return None if fee is None else {"amount": fee.amount, "currency": fee.currency,
                                     "estimate": fee.estimate}


def programme_json(cert: Certification) -> Doc:
    """Return the programme keys of ``show --json``."""
    return {
        "exam": list(cert.exam_codes),
        "title": cert.title,
        "fee": fee_json(cert.fee),
        "validity_periods": [{"since": p.since.isoformat(), "months": p.months}
                             for p in cert.validity_periods],
        "renewal": [{"kind": r.kind, "any_of": list(r.any_of), "window_months": r.window_months,
                     "effort": _effort(r.effort), "fee": fee_json(r.fee),
                     "after_expiry": r.after_expiry, "months": r.months,
                     "from_expiry": r.from_expiry, "note": r.note} for r in cert.renewal],
        "retired_on": cert.retired_on.isoformat() if cert.retired_on else None,
        "replaced_by": cert.replaced_by,
    }
