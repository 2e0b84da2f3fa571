"""Guided advice: a role's recommendation plus a rough timeline at a given pace.

The timeline is deliberately simple (total study hours over hours per week, from a start
date). A fuller week-by-week schedule belongs to the planning of ``certpath plan``; see
``study_time`` for where it plugs in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from certpath.catalog import Catalog
from certpath.errors import InputError
from certpath.planning import Path
from certpath.recommend import Recommendation, recommend

MAX_HOURS_PER_WEEK = 168


@dataclass(frozen=True)
class Study:
    """How long the path takes at a pace: hours, weeks, and the dates."""

    hours: float  # the study hours of the steps whose effort the catalog gives
    estimate: bool  # whether any of those hours is an estimate
    unknown: tuple[str, ...]  # steps with no effort figure (not counted)
    hours_per_week: float
    weeks: int
    start: date
    finish: date


@dataclass(frozen=True)
class Advice:
    """The answer to a guided session: the recommendation and, if it has a path, its timeline."""

    recommendation: Recommendation
    study: Study | None


def advise(catalog: Catalog, role_id: str, have: Iterable[str] = (), *, hours_per_week: float,
           start: date, required_only: bool = False) -> Advice:
    """Recommend for a role and estimate how long the path takes at ``hours_per_week``."""
    check_hours_per_week(hours_per_week)
    rec = recommend(catalog, role_id, have, required_only=required_only)
    study = None
    if rec.path is not None:
        study = study_time(catalog, rec.path, hours_per_week=hours_per_week, start=start)
    return Advice(rec, study)


def check_hours_per_week(hours: float) -> None:
    """Raise InputError unless ``hours`` is a usable weekly pace."""
    if not 0 < hours <= MAX_HOURS_PER_WEEK:
        raise InputError(f"hours per week must be more than 0 and at most {MAX_HOURS_PER_WEEK}, "
                         f"not {hours:g}")


def study_time(catalog: Catalog, path: Path, *, hours_per_week: float, start: date) -> Study:
    """Add up the path's study hours and spread them over weeks from ``start``.

    Extension point: when the schedule of ``certpath plan`` exists, ``advise`` should show its
    week-by-week plan for the same path, pace and start instead of this total.
    """
    hours, estimate, unknown = 0.0, False, []
    for step in path.steps:
        effort = catalog.certifications[step.id].effort
        if effort is None:
            unknown.append(step.id)
        else:
            hours += effort.hours
            estimate = estimate or effort.estimate
    weeks = math.ceil(hours / hours_per_week)
    return Study(hours, estimate, tuple(unknown), hours_per_week, weeks, start,
                 start + timedelta(weeks=weeks))
