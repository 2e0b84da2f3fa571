"""Planning to a date: the fewest study hours a week that finish a path by a given day.

A certification with a preparation plan of the chosen pace keeps the plan's days (the plan says
how long it takes); the hours a week time the others. A pace allows at most the hours it assumes
(accelerated 40, focused 20, comprehensive 10 a week): a date that even those cannot meet is an
error that says when the path would finish, and what a faster pace would do.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from certpath.catalog import Catalog
from certpath.errors import InputError
from certpath.model import MIN_HOURS_PER_WEEK
from certpath.schedule import PACE_HOURS_PER_WEEK, PACES, Schedule, build_schedule

if TYPE_CHECKING:  # for annotations only
    from certpath.planning import Path

STEP = 0.5
"""Hours a week are found to the half hour (the least pace there is)."""


@dataclass(frozen=True)
class Deadline:
    """The schedule that finishes by ``by``, and the hours a week it needs (None: plans decide)."""

    by: dt.date
    hours_per_week: float | None
    schedule: Schedule


def plan_by(catalog: Catalog, path: Path, *, start: dt.date, by: dt.date, pace: str,
            earned: Mapping[str, dt.date | None] | None = None,
            stated: Mapping[str, dt.date] | None = None) -> Deadline:
    """Return the schedule with the fewest hours a week (to the half hour) that ends by ``by``."""
    if by < start:
        raise InputError(f"--by {by.isoformat()} is before the start, {start.isoformat()}")

    def lay_out(hours: float) -> Schedule:
        return build_schedule(catalog, path, start=start, pace=pace, hours_per_week=hours,
                              earned=earned, stated=stated, keep_plans=True)

    cap = PACE_HOURS_PER_WEEK[pace]
    fastest = lay_out(cap)
    if fastest.finish > by:
        raise InputError(_too_soon(by, pace, fastest.finish,
                                   _other_paces(catalog, path, start, pace)))
    if not _timed(catalog, path, pace):  # every window is a plan's: hours change nothing
        planned = build_schedule(catalog, path, start=start, pace=pace, earned=earned,
                                 stated=stated)
        return Deadline(by, None, _noted(planned, f"Finishes by {by.isoformat()}: the {pace} "
                                                  "plans' days decide, not hours a week"))
    low, high = 1, math.ceil(cap / STEP)  # in steps of STEP hours
    while low < high:  # the finish only moves earlier as hours grow
        middle = (low + high) // 2
        if lay_out(middle * STEP).finish <= by:
            high = middle
        else:
            low = middle + 1
    hours = max(MIN_HOURS_PER_WEEK, low * STEP)
    found = lay_out(hours)
    note = (f"To finish by {by.isoformat()}: {hours:g} h a week, the fewest (to the half hour) "
            f"at the {pace} pace")
    if len(_timed(catalog, path, pace)) < len(path.steps):
        note += f"; certifications with a {pace} plan follow its days"
    return Deadline(by, hours, _noted(found, note))


def _timed(catalog: Catalog, path: Path, pace: str) -> list[str]:
    """The certifications of the path whose window the hours a week decide (no plan of pace)."""
    return [s.id for s in path.steps
            if not any(p.id == pace for p in catalog.certifications[s.id].preparation)]


def _noted(schedule: Schedule, note: str) -> Schedule:
    return replace(schedule, notes=(note, *schedule.notes))


def _other_paces(catalog: Catalog, path: Path, start: dt.date,
                 pace: str) -> list[tuple[str, dt.date]]:
    """Each other pace's finish at its most hours, for the error's advice."""
    return [(other, build_schedule(catalog, path, start=start, pace=other,
                                   hours_per_week=PACE_HOURS_PER_WEEK[other],
                                   keep_plans=True).finish)
            for other in PACES if other != pace]


def _too_soon(by: dt.date, pace: str, finish: dt.date,
              others: list[tuple[str, dt.date]]) -> str:
    cap = PACE_HOURS_PER_WEEK[pace]
    text = (f"the plan cannot finish by {by.isoformat()} at the {pace} pace: even at its most, "
            f"{cap:g} h a week, it finishes on {finish.isoformat()}")
    meets = [other for other, ends in others if ends <= by]
    if meets:
        text += f"; --pace {meets[0]} can, or give a later --by"
    else:
        text += "; give a later --by"
    return text
