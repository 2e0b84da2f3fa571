"""The team budget: fees per quarter and currency, unknown fees kept apart, study time priced."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest

from certpath.budget import build_budget, parse_rate, quarter_of
from certpath.catalog import Catalog, load_catalog
from certpath.errors import InputError
from certpath.team import TeamPlan, load_team, plan_team
from tests.conftest import PRICED_TRACKS, SMALL_INSTITUTIONS, SMALL_ROLES, SMALL_TRACKS, WriteCatalog
from tests.test_coverage import TEAM, TODAY


@pytest.fixture
def priced(write_catalog: WriteCatalog) -> Catalog:
    """The small catalog with fees in two currencies, a renewal route, and one fee not given."""
    return load_catalog([write_catalog(PRICED_TRACKS, SMALL_ROLES, SMALL_INSTITUTIONS)],
                        builtin=False)


@pytest.fixture
def plan(priced: Catalog, tmp_path: Path) -> TeamPlan:
    """The coverage tests' team, planned from TODAY."""
    path = tmp_path / "team.yaml"
    path.write_text(textwrap.dedent(TEAM), encoding="utf-8")
    return plan_team(priced, load_team(path, priced, today=TODAY), start=TODAY)


def test_budget_by_hand(priced: Catalog, plan: TeamPlan) -> None:
    """Exams and renewals fall in the right quarters; USD and EUR stay apart; unknown stays unknown."""
    budget = build_budget(priced, plan)
    # The ready date (2025-02-09) is within a year: the window is 2025-01-06 to 2026-01-05.
    assert (budget.start, budget.end) == (TODAY, dt.date(2026, 1, 5))
    # Ana: expert exam 02-09 (no fee given); her assoc-b (2024-03-01, 12 months) is renewed
    # by assessment on 2025-03-01 for EUR 50. Bo: assoc-b exam 02-02, USD 150; it expires on
    # 2026-02-02, after the window. Cy's expired before the start: nothing to renew.
    assert [(c.member, c.cert, c.kind, c.day, c.fee and (c.fee.amount, c.fee.currency), c.how)
            for c in budget.costs] == [
        ("Bo", "assoc-b", "exam", dt.date(2025, 2, 2), (150, "USD"), "exam fee"),
        ("Ana", "expert", "exam", dt.date(2025, 2, 9), None, "exam fee"),
        ("Ana", "assoc-b", "renewal", dt.date(2025, 3, 1), (50, "EUR"), "renewal assessment"),
    ]
    q1 = budget.quarters[0]
    assert [q.name for q in budget.quarters] == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4",
                                                 "2026-Q1"]
    assert q1.exams.amounts == {"USD": 150}
    assert q1.exams.unknown == ("Ana: expert exam",)
    assert q1.renewals.amounts == {"EUR": 50}
    assert budget.total.amounts == {"USD": 150, "EUR": 50}
    assert budget.total.describe() == "USD 150 + EUR 50 (fee of 1 unknown)"
    assert all(not q.total.amounts for q in budget.quarters[1:])


def test_study_time_priced(priced: Catalog, plan: TeamPlan) -> None:
    """Study hours are priced at the given rate in its currency, never converted."""
    budget = build_budget(priced, plan, rate=parse_rate("10 EUR"))
    # Ana 50 h and Bo 20 h, all studied in the first quarter: 70 h at EUR 10
    assert budget.quarters[0].study_hours == 70
    assert budget.total.amounts == {"USD": 150, "EUR": 50 + 700}


def test_hours_split_by_days() -> None:
    """A window across quarters shares its hours by the days in each (and quarters are named)."""
    from certpath.budget import _spread
    hours: dict[str, float] = {}
    _spread(hours, dt.date(2025, 3, 20), dt.date(2025, 4, 10), 22.0)  # 12 days + 10 days
    assert hours == {"2025-Q1": 12.0, "2025-Q2": 10.0}
    assert [quarter_of(dt.date(2025, m, 1)) for m in (1, 3, 4, 12)] == [
        "2025-Q1", "2025-Q1", "2025-Q2", "2025-Q4"]


@pytest.mark.parametrize("text", ["80", "EUR", "80 euros", "80 EUR extra", "-5 EUR"])
def test_bad_rate(text: str) -> None:
    """An hourly rate needs an amount and an ISO currency code."""
    with pytest.raises(InputError, match="give an amount and an ISO 4217 currency"):
        parse_rate(text)


def test_study_time_says_when_its_hours_are_estimates(priced: Catalog, plan: TeamPlan,
                                                       write_catalog: WriteCatalog,
                                                       tmp_path: Path) -> None:
    """Estimated study hours are marked ~ and (estimate) in the budget, as in the team's totals."""
    from certpath.render.teamviews import budget_rows

    # The small catalog's efforts give no 'estimate: false': they are estimates. Ana 50 h and
    # Bo 20 h all fall in 2025-Q1; at EUR 10 an hour that is EUR 700, an estimate too.
    rows = budget_rows(build_budget(priced, plan, rate=parse_rate("10 EUR")))
    assert rows[0][3] == "~70 h (estimate) = EUR 700 (estimate)"
    assert rows[1][3] == "0 h = EUR 0"
    assert rows[-1][3] == "~70 h (estimate) = EUR 700 (estimate)"
    stated = re.sub(r"effort: \{hours: (\d+)\}", r"effort: {hours: \1, estimate: false}",
                    SMALL_TRACKS)
    catalog = load_catalog([write_catalog(stated, SMALL_ROLES, SMALL_INSTITUTIONS)], builtin=False)
    path = tmp_path / "stated-team.yaml"
    path.write_text(textwrap.dedent(TEAM), encoding="utf-8")
    team = plan_team(catalog, load_team(path, catalog, today=TODAY), start=TODAY)
    assert budget_rows(build_budget(catalog, team))[0][3] == "70 h"


def test_team_exam_fees_count_each_unknown_exam(priced: Catalog, plan: TeamPlan,
                                                tmp_path: Path) -> None:
    """The team's exam fees: known ones added per exam, an unknown one counted per member."""
    # Bo's assoc-b exam, USD 150; Ana's expert exam has no fee: the budget's exams, all in a year.
    fees = plan.exam_fees(priced)
    assert (fees.amounts, fees.unknown) == ({"USD": 150}, ("Ana: expert exam",))
    # Two members taking Cloud Expert (no fee given) are two unknown fees, not one.
    path = tmp_path / "two.yaml"
    path.write_text("hours_per_week: 10\nmembers:\n"
                    "  - {name: Ana, target: expert, have: [basics, assoc-b]}\n"
                    "  - {name: Bo, target: expert, have: [basics, assoc-b]}\n", encoding="utf-8")
    two = plan_team(priced, load_team(path, priced, today=TODAY), start=TODAY)
    assert two.exam_fees(priced).unknown == ("Ana: expert exam", "Bo: expert exam")
    assert two.exam_fees(priced).describe() == "fees of 2 unknown"
