"""Guided advice: a role's recommendation and the dated study plan of its path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from certpath.catalog import Catalog
from certpath.recommend import Recommendation, recommend
from certpath.schedule import Schedule, build_schedule, check_hours_per_week


@dataclass(frozen=True)
class Advice:
    """The answer to a guided session: the recommendation and, if it has a path, its schedule."""

    recommendation: Recommendation
    schedule: Schedule | None


def advise(catalog: Catalog, role_id: str, have: Iterable[str] = (), *, hours_per_week: float,
           start: dt.date, pace: str = "focused", required_only: bool = False,
           expired: Collection[str] = (),
           earned: Mapping[str, dt.date | None] | None = None) -> Advice:
    """Recommend for a role and lay out its path from ``start`` at ``hours_per_week``.

    ``expired`` and ``earned`` come from the profile, as for ``plan``: held certifications that
    are no longer valid, and when each was earned (for renewal reminders).
    """
    check_hours_per_week(hours_per_week)
    rec = recommend(catalog, role_id, have, required_only=required_only, expired=expired)
    schedule = None
    if rec.path is not None:
        schedule = build_schedule(catalog, rec.path, start=start, pace=pace,
                                  hours_per_week=hours_per_week, earned=earned)
    return Advice(rec, schedule)
