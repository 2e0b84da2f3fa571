"""Validity periods: expiry dates, expiring soon, and expired certifications on a path."""

from __future__ import annotations

import datetime as dt

import pytest

from certpath.catalog import Catalog, load_catalog
from certpath.planning import plan_path
from certpath.validity import add_months, expired_ids, standing
from tests.conftest import WriteCatalog
from tests.plan_fixtures import PLANNED_TRACKS

TODAY = dt.date(2025, 1, 6)


@pytest.fixture
def planned(write_catalog: WriteCatalog) -> Catalog:
    """The catalog with validity periods (basics 24 months, assoc 36)."""
    return load_catalog([write_catalog(PLANNED_TRACKS)], builtin=False)


@pytest.mark.parametrize(("day", "months", "expected"), [
    ("2024-01-31", 1, "2024-02-29"),
    ("2023-01-31", 1, "2023-02-28"),
    ("2024-11-15", 3, "2025-02-15"),
    ("2024-02-29", 12, "2025-02-28"),
    ("2024-05-10", 36, "2027-05-10"),
])
def test_add_months(day: str, months: int, expected: str) -> None:
    """Adding months keeps the day, or takes the month's last day when it is shorter."""
    assert add_months(dt.date.fromisoformat(day), months) == dt.date.fromisoformat(expected)


@pytest.mark.parametrize(("earned", "status"), [
    ("2023-01-06", "expired"),      # expires 2025-01-06: on the day itself it is no longer valid
    ("2023-01-07", "expiring"),     # expires tomorrow
    ("2023-04-06", "expiring"),     # expires in 90 days
    ("2023-04-07", "valid"),        # expires in 91 days
    (None, "unknown"),
])
def test_standing(planned: Catalog, earned: str | None, status: str) -> None:
    """A 24-month certification is expired, expiring (90 days) or valid on a fixed day."""
    day = dt.date.fromisoformat(earned) if earned else None
    assert standing(planned, "basics", day, TODAY).status == status


def test_no_validity_never_expires(planned: Catalog) -> None:
    """A certification without a validity period never expires; the profile says none is stated."""
    found = standing(planned, "arch", dt.date(1990, 1, 1), TODAY)
    assert (found.status, found.expires, found.expired) == ("valid", None, False)
    assert found.said(planned) == "no-expiry-stated"
    dated = standing(planned, "basics", TODAY, TODAY)
    assert dated.said(planned) == dated.status == "valid"


def test_expired_ids(planned: Catalog) -> None:
    """Only held, known certifications past their expiry are expired."""
    earned = {"basics": dt.date(2020, 1, 1), "assoc": dt.date(2023, 1, 1), "arch": None,
              "gone": dt.date(2000, 1, 1)}
    assert expired_ids(planned, earned, TODAY) == ["basics"]


def test_expired_prerequisite_that_must_be_valid_is_renewed(planned: Catalog) -> None:
    """An expired certification that must be valid is not held for the path, and a note says so."""
    path = plan_path(planned, "assoc", ["basics"], expired=["basics"])
    assert [s.id for s in path.steps] == ["basics", "assoc"]
    assert any("has expired" in n and "Cloud Basics" in n for n in path.notes)


def test_expired_prerequisite_that_need_not_be_valid_still_counts(planned: Catalog) -> None:
    """An expired certification still counts where the requirement does not ask for validity."""
    path = plan_path(planned, "arch", ["assoc"], expired=["assoc"])
    assert [s.id for s in path.steps] == ["arch"]
