"""Renewal options: what sitting an exam again needs valid, all the way down."""

from __future__ import annotations

import datetime as dt

from certpath.catalog import Catalog, load_catalog
from certpath.planning import plan_path
from certpath.renewal import due
from certpath.validity import not_valid_ids
from tests.conftest import LEVELS, WriteCatalog

D = dt.date

# A chain of exams, each needing the one below valid on its day: alpha (12 months, 10 h,
# USD 100) <- bravo (12 months, 20 h, USD 200) <- charlie (24 months, 30 h, USD 300).
CHAIN = LEVELS + """\
certifications:
  - {id: alpha, name: Alpha, track: cloud, level: beginner, validity_months: 12,
     renewal: [{kind: retake}], effort: {hours: 10, estimate: false},
     fee: {amount: 100, currency: USD}}
  - {id: bravo, name: Bravo, track: cloud, level: intermediate, validity_months: 12,
     requires: [{cert: alpha, must_be_valid: true}], renewal: [{kind: retake}],
     effort: {hours: 20, estimate: false}, fee: {amount: 200, currency: USD}}
  - {id: charlie, name: Charlie, track: cloud, level: advanced, validity_months: 24,
     requires: [{cert: bravo, must_be_valid: true}], renewal: [{kind: retake}],
     effort: {hours: 30, estimate: false}, fee: {amount: 300, currency: USD}}
"""


def load(write_catalog: WriteCatalog) -> Catalog:
    """Load the chain above."""
    return load_catalog([write_catalog(CHAIN)], builtin=False)


def test_retake_earns_the_prerequisites_prerequisite_first(write_catalog: WriteCatalog) -> None:
    """Charlie's retake needs a valid Bravo, whose exam needs a valid Alpha: both are earned.

    By hand: Alpha earned 2023-01-01 expired 2024-01-01, Bravo earned 2023-06-01 expired
    2024-06-01, Charlie earned 2024-01-01 expires 2026-01-01, 31 days after 2025-12-01. Sitting
    Charlie again needs Bravo valid, so Bravo is earned first, and Bravo's exam needs Alpha
    valid, so Alpha before it: Alpha, Bravo, then the retake, 10 + 20 + 30 = 60 h and
    USD 100 + 200 + 300 = 600.
    """
    catalog = load(write_catalog)
    earned = {"alpha": D(2023, 1, 1), "bravo": D(2023, 6, 1), "charlie": D(2024, 1, 1)}
    found = {d.cert: d for d in due(catalog, earned, D(2025, 12, 1), within_days=90)}
    best = found["charlie"].cheapest
    assert best is not None
    assert (best.kind, best.needs, best.hours) == ("retake", ("alpha", "bravo"), 60)
    assert best.fee is not None
    assert (best.fee.amount, best.fee.currency) == (600, "USD")


def test_a_valid_prerequisites_prerequisite_is_not_earned_again(
        write_catalog: WriteCatalog) -> None:
    """With Alpha earned 2025-06-01 (valid to 2026-06-01), only Bravo is earned: 50 h, USD 500."""
    catalog = load(write_catalog)
    earned = {"alpha": D(2025, 6, 1), "bravo": D(2023, 6, 1), "charlie": D(2024, 1, 1)}
    found = {d.cert: d for d in due(catalog, earned, D(2025, 12, 1), within_days=90)}
    best = found["charlie"].cheapest
    assert best is not None
    assert best.fee is not None
    assert (best.needs, best.hours, best.fee.amount) == (("bravo",), 50, 500)


# spec needs a valid admin (12 months) and a valid fund (never expires) at its exam; only spec
# is recorded, so admin and fund are implied by it, without a date.
IMPLIED = LEVELS + """\
certifications:
  - {id: fund, name: Fund, track: cloud, level: beginner, effort: {hours: 5, estimate: false},
     fee: {amount: 50, currency: USD}}
  - {id: admin, name: Admin, track: cloud, level: beginner, validity_months: 12,
     renewal: [{kind: retake}], effort: {hours: 10, estimate: false},
     fee: {amount: 100, currency: USD}}
  - id: spec
    name: Spec
    track: cloud
    level: advanced
    validity_months: 24
    renewal: [{kind: retake}]
    effort: {hours: 30, estimate: false}
    fee: {amount: 300, currency: USD}
    requires:
      - {cert: admin, must_be_valid: true}
      - {cert: fund, must_be_valid: true}
"""


def test_retake_counts_implied_holdings_as_the_validity_rule_does(
        write_catalog: WriteCatalog) -> None:
    """Spec earned 2024-01-01 expires 2026-01-01, 31 days after 2025-12-01. Holding it implies
    Fund and Admin, undated: Fund never expires, so it is valid; Admin's validity cannot be
    shown. Retaking Spec earns Admin first (not Fund): 30 + 10 = 40 h, USD 400, in `due` and in
    the path to Spec alike."""
    catalog = load_catalog([write_catalog(IMPLIED)], builtin=False)
    today = D(2025, 12, 1)
    earned = {"spec": D(2024, 1, 1)}
    [item] = due(catalog, earned, today, within_days=90)
    best = item.cheapest
    assert best is not None
    assert best.fee is not None
    assert (best.needs, best.hours, best.fee.amount) == (("admin",), 40, 400)
    path = plan_path(catalog, "spec", ["spec"], expired=not_valid_ids(catalog, earned, today),
                     expires={"spec": D(2026, 1, 1)}, today=today)
    assert path.notes[1] == ("it expires on 2026-01-01; cheapest renewal: retake the exam after "
                             "earning Admin, which its exam needs valid (~40 h, USD 400)")


LATE = LEVELS + """\
certifications:
  - {id: admin, name: Admin, track: cloud, level: beginner, validity_months: 12,
     effort: {hours: 10, estimate: false}, fee: {amount: 100, currency: USD}}
  - id: pro
    name: Pro
    track: cloud
    level: advanced
    validity_months: 24
    effort: {hours: 30, estimate: false}
    fee: {amount: 300, currency: USD}
    requires: [{cert: admin, must_be_valid: true}]
    renewal: [{kind: retake, after_expiry: true}]
"""


def test_expired_target_retaken_after_expiry_is_planned_with_its_prerequisites(
        write_catalog: WriteCatalog) -> None:
    """Pro (earned 2023-06-01, expired 2025-06-01) may be retaken after expiry, but its exam
    needs a valid Admin, expired 2024-01-01: on 2025-09-01 the path to Pro is Admin, then Pro,
    40 h and USD 400, not a note with nothing planned."""
    catalog = load_catalog([write_catalog(LATE)], builtin=False)
    today = D(2025, 9, 1)
    earned = {"admin": D(2023, 1, 1), "pro": D(2023, 6, 1)}
    path = plan_path(catalog, "pro", list(earned), expired=not_valid_ids(catalog, earned, today),
                     expires={"admin": D(2024, 1, 1), "pro": D(2025, 6, 1)}, today=today)
    assert [s.id for s in path.steps] == ["admin", "pro"]


def routes_of(write_catalog: WriteCatalog, assessment: str, retake: str) -> list[str]:
    """The renewal routes of one certification, cheapest first, for the two route fees given."""
    catalog = load_catalog([write_catalog(LEVELS + f"""\
certifications:
  - {{id: delta, name: Delta, track: cloud, level: beginner, validity_months: 12,
     effort: {{hours: 40, estimate: false}}, fee: {{amount: 300, currency: USD}},
     renewal: [{{kind: assessment, effort: {{hours: 2, estimate: false}}, fee: {assessment}}},
               {{kind: retake, fee: {retake}}}]}}
""")], builtin=False)
    found = {d.cert: d for d in due(catalog, {"delta": D(2025, 1, 10)}, D(2025, 12, 1),
                                    within_days=90)}
    from certpath.renewal import renewal_options
    return [o.kind for o in renewal_options(catalog, "delta", found["delta"].expires,
                                            D(2025, 12, 1))]


def test_fees_in_one_currency_are_compared_by_amount(write_catalog: WriteCatalog) -> None:
    """USD 200 retake < USD 300 exam afresh < USD 350 assessment, whatever the kinds."""
    assert routes_of(write_catalog, "{amount: 350, currency: USD}",
                     "{amount: 200, currency: USD}") == ["retake", "earn-again", "assessment"]


def test_fees_in_several_currencies_are_never_compared_by_amount(
        write_catalog: WriteCatalog) -> None:
    """JPY 15,000 is not dearer than USD 200 because 15,000 > 200: amounts in other currencies are
    not comparable (certpath converts nothing), so the kind of route decides, then the hours;
    a free route still comes first."""
    assert routes_of(write_catalog, "{amount: 15000, currency: JPY}",
                     "{amount: 200, currency: USD}") == ["assessment", "retake", "earn-again"]
    assert routes_of(write_catalog, "{amount: 15000, currency: JPY}",
                     "{amount: 0, currency: USD}") == ["retake", "assessment", "earn-again"]


def test_a_prerequisite_in_another_currency_is_chosen_by_hours(write_catalog: WriteCatalog) -> None:
    """A retake needs one of two valid: JPY 20,000 and 2 h, or USD 300 and 40 h. The amounts are
    not comparable, so the fewer hours decide: the JPY one (by amount, USD 300 would win)."""
    catalog = load_catalog([write_catalog(LEVELS + """\
certifications:
  - {id: yen, name: Yen, track: cloud, level: beginner, validity_months: 12,
     effort: {hours: 2, estimate: false}, fee: {amount: 20000, currency: JPY}}
  - {id: usd, name: Usd, track: cloud, level: beginner, validity_months: 12,
     effort: {hours: 40, estimate: false}, fee: {amount: 300, currency: USD}}
  - {id: top, name: Top, track: cloud, level: advanced, validity_months: 24,
     requires: [{any_of: [usd, yen], must_be_valid: true}], renewal: [{kind: retake}],
     effort: {hours: 30, estimate: false}, fee: {amount: 500, currency: USD}}
""")], builtin=False)
    earned = {"top": D(2024, 1, 1)}  # expires 2026-01-01, within 90 days of 2025-12-01
    best = {d.cert: d for d in due(catalog, earned, D(2025, 12, 1), within_days=90)}["top"].cheapest
    assert best is not None
    assert (best.kind, best.needs, best.hours) == ("retake", ("yen",), 32)
