"""The format of real programmes: exam codes, fees, renewal, validity periods, retirement, titles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from certpath.catalog import load_catalog, validate_catalog
from certpath.fees import add_fees, certification_fees, route_fee
from certpath.model import Fee
from tests.conftest import LEVELS, WriteCatalog

PROGRAMME = LEVELS + """\
certifications:
  - id: admin
    name: Cluster Administrator
    exam: CKA
    track: cloud
    level: intermediate
    fee: {amount: 445, currency: USD}
    validity_months: 36
    validity_periods:
      - {since: 2024-04-01, months: 24}
    renewal:
      - kind: retake
  - id: security
    name: Cluster Security Specialist
    exam: [CKS, CKS-2]
    track: cloud
    level: advanced
    fee: {amount: 445, currency: USD}
    validity_months: 24
    requires:
      - {cert: admin, must_be_valid: true}
  - id: assoc
    name: Associate
    exam: AZ-104
    track: cloud
    level: intermediate
    fee: {amount: 165, currency: EUR}
    validity_months: 12
    retired_on: 2025-06-30
    replaced_by: admin
    renewal:
      - kind: assessment
        window_months: 6
        effort: {hours: 4}
        fee: {amount: 0, currency: USD}
      - {kind: certification, any_of: [security], after_expiry: false}
  - id: free-text
    name: Unpriced
    track: data
  - id: kubestronaut
    name: Kubestronaut
    title: true
    track: cloud
    requires:
      - {any_of: [admin, [assoc, free-text]], must_stay_valid: true}
      - {cert: security, must_stay_valid: true}
"""


def programme(write_catalog: WriteCatalog, tracks: str = PROGRAMME) -> Path:
    """Write the programme catalog and return its directory."""
    return write_catalog(tracks, None, None)


def findings(directory: Path) -> list[str]:
    """Return the validation findings, without the directory."""
    report = validate_catalog([directory], builtin=False)
    return [str(f).replace(f"{directory}/", "") for f in report.findings]


def test_programme_fields_load(write_catalog: WriteCatalog) -> None:
    """Every new field is optional, typed, and read as written."""
    catalog = load_catalog([programme(write_catalog)], builtin=False)
    admin, assoc = catalog.certifications["admin"], catalog.certifications["assoc"]
    assert admin.exam_codes == ("CKA",)
    assert catalog.certifications["security"].exam_codes == ("CKS", "CKS-2")
    assert admin.validity_periods[0].since == dt.date(2024, 4, 1)
    assert assoc.renewal[0].window_months == 6
    assert assoc.retired(dt.date(2025, 7, 1))
    assert not assoc.retired(dt.date(2025, 6, 30))
    title = catalog.certifications["kubestronaut"]
    assert title.title
    first = catalog.requirements("kubestronaut")[0]
    assert first.alternatives == (("admin",), ("assoc", "free-text"))
    assert first.options == ("admin", "assoc", "free-text")
    assert first.needs_valid
    assert first.is_choice


def test_exam_codes_are_names(write_catalog: WriteCatalog) -> None:
    """An exam code finds its certification like a name: case and hyphens folded."""
    catalog = load_catalog([programme(write_catalog)], builtin=False)
    assert catalog.resolve_cert("cka").id == "admin"
    assert catalog.resolve_cert("az 104").id == "assoc"
    assert catalog.resolve_cert("cks-2").id == "security"


def test_fees_total_per_currency_and_unknown_is_not_zero(write_catalog: WriteCatalog) -> None:
    """USD 445 + 445 and EUR 165 stay apart; the unpriced one is unknown; the title adds nothing."""
    catalog = load_catalog([programme(write_catalog)], builtin=False)
    total = certification_fees(catalog, ["admin", "security", "assoc", "free-text",
                                         "kubestronaut"])
    assert total.amounts == {"USD": 890.0, "EUR": 165.0}
    assert total.unknown == ("free-text",)
    assert total.describe() == "USD 890 + EUR 165 (fee of 1 unknown)"
    assert certification_fees(catalog, ["kubestronaut"]).describe() == "none"


def test_route_fees(write_catalog: WriteCatalog) -> None:
    """A retake costs the exam fee; an assessment its own; earning another costs nothing extra here."""
    catalog = load_catalog([programme(write_catalog)], builtin=False)
    admin, assoc = catalog.certifications["admin"], catalog.certifications["assoc"]
    assert route_fee(catalog, "admin", admin.renewal[0]) == Fee(amount=445, currency="USD")
    assert route_fee(catalog, "assoc", assoc.renewal[0]) == Fee(amount=0, currency="USD")
    assert route_fee(catalog, "assoc", assoc.renewal[1]) is None


def test_add_fees_estimate() -> None:
    """An estimated amount marks the total as an estimate."""
    total = add_fees([("a", Fee(amount=12.5, currency="GBP", estimate=True)), ("b", None)])
    assert total.describe() == "GBP 12.50 (fee of 1 unknown) (estimate)"


def test_valid_programme_has_no_errors(write_catalog: WriteCatalog) -> None:
    """The programme is valid as written (no roles: no coverage warnings)."""
    assert findings(programme(write_catalog)) == []


def test_programme_errors_point_at_the_field(write_catalog: WriteCatalog) -> None:
    """Wrong references, periods out of order, bad kinds and title contradictions, each located."""
    tracks = LEVELS + """\
certifications:
  - id: a
    name: A
    track: cloud
    validity_months: 12
    validity_periods:
      - {since: 2024-04-01, months: 24}
      - {since: 2023-01-01, months: 24}
    replaced_by: zz
    renewal:
      - {kind: certification}
      - {kind: assessment, any_of: [b]}
  - id: b
    name: B
    track: cloud
    exam: A
  - id: c
    name: C
    track: cloud
    fee: {amount: 10, currency: usd}
  - id: t
    name: T
    title: true
    track: cloud
    effort: {hours: 3}
"""
    assert findings(programme(write_catalog, tracks)) == [
        "tracks.yaml:15:17: error: validity period 2 starts on 2023-01-01, not after the one "
        "before it (2024-04-01); list periods oldest first",
        "tracks.yaml:16:18: error: unknown certification 'zz'",
        "tracks.yaml:18:16: error: a renewal of kind 'certification' needs 'any_of': the "
        "certifications whose earning renews it",
        "tracks.yaml:19:36: error: 'any_of' belongs to renewals of kind 'certification', not "
        "'assessment'",
        "tracks.yaml:23:11: error: certification 'b' is also called 'A', which is the id of "
        "certification 'a'; rename one",
        "tracks.yaml:27:33: error: a currency must be an ISO 4217 code of three capital letters, "
        "such as USD or EUR",
        "tracks.yaml:30:12: error: title 't' is earned by holding its requirements, but it "
        "requires nothing",
        "tracks.yaml:32:13: error: title 't' has no exam: it cannot have 'effort'",
    ]


def test_misspelt_renewal_kind_suggests_the_near_one(write_catalog: WriteCatalog) -> None:
    """A renewal kind that is not one of the three names the nearest and lists them."""
    tracks = LEVELS + """\
certifications:
  - {id: a, name: A, track: cloud, validity_months: 12, renewal: [{kind: assesment}]}
"""
    assert findings(programme(write_catalog, tracks)) == [
        "tracks.yaml:9:74: error: unknown value 'assesment'; did you mean 'assessment'? (one "
        "of: assessment, certification, retake)",
    ]


def test_group_alternatives_count_as_a_whole(write_catalog: WriteCatalog) -> None:
    """choose: 2 of [x, [y, z]] is two alternatives; choose: 3 can never be met."""
    tracks = LEVELS + """\
certifications:
  - {id: x, name: X, track: cloud}
  - {id: y, name: Y, track: cloud}
  - {id: z, name: Z, track: cloud}
  - id: w
    name: W
    track: cloud
    requires:
      - {any_of: [x, [y, z]], choose: 3}
      - {any_of: [x, [x, y]]}
"""
    assert findings(programme(write_catalog, tracks)) == [
        "tracks.yaml:16:9: error: cannot choose 3 of 2 alternatives: the requirement can never "
        "be met",
        "tracks.yaml:17:9: error: the same certification is listed twice in one requirement",
    ]
