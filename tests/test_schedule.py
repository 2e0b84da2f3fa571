"""Dated schedules on fixed dates: plan phases, effort windows, hours a week, renewals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from certpath.catalog import Catalog, load_catalog
from certpath.errors import InputError
from certpath.planning import plan_path
from certpath.schedule import FALLBACK_HOURS, Schedule, build_schedule, parse_date, parse_when
from tests.conftest import WriteCatalog
from tests.plan_fixtures import PLANNED_TRACKS

MONDAY = dt.date(2025, 1, 6)


def d(text: str) -> dt.date:
    """Parse an ISO date."""
    return dt.date.fromisoformat(text)


@pytest.fixture
def planned(write_catalog: WriteCatalog) -> Catalog:
    """The catalog with preparation plans and validity periods."""
    directory: Path = write_catalog(PLANNED_TRACKS)
    return load_catalog([directory], builtin=False)


def spans(schedule: Schedule) -> list[tuple[str, str, str]]:
    """Return (certification, first day, exam day) of each window."""
    return [(w.cert, w.start.isoformat(), w.exam.isoformat()) for w in schedule.windows]


def test_focused_pace_uses_the_plan_and_effort(planned: Catalog) -> None:
    """Without hours a week, a plan of the pace sets its days; the rest come from effort at 20 h."""
    s = build_schedule(planned, plan_path(planned, "arch"), start=MONDAY)
    # basics 10 h / 20 h a week = 3.5 -> 4 days; assoc 20 h -> 7 days; arch: the 14-day plan
    assert spans(s) == [("basics", "2025-01-06", "2025-01-09"),
                        ("assoc", "2025-01-10", "2025-01-16"),
                        ("arch", "2025-01-17", "2025-01-30")]
    arch = s.windows[2]
    assert [(p.name, p.start, p.end) for p in arch.phases] == [
        ("Labs", d("2025-01-17"), d("2025-01-23")), ("Mocks", d("2025-01-24"), d("2025-01-30"))]
    assert not arch.estimate
    assert s.windows[0].estimate
    assert (s.total_hours, s.finish, s.weeks) == (70, d("2025-01-30"), 4)
    assert s.hours_estimate


def test_hours_per_week_turns_effort_into_weeks(planned: Catalog) -> None:
    """With hours a week every window is hours / weekly hours, and plan phases stretch to fit."""
    s = build_schedule(planned, plan_path(planned, "arch"), start=MONDAY, hours_per_week=10)
    assert spans(s) == [("basics", "2025-01-06", "2025-01-12"),
                        ("assoc", "2025-01-13", "2025-01-26"),
                        ("arch", "2025-01-27", "2025-02-23")]
    assert [(p.start, p.end, p.estimate) for p in s.windows[2].phases] == [
        (d("2025-01-27"), d("2025-02-09"), True), (d("2025-02-10"), d("2025-02-23"), True)]
    assert (s.finish, s.weeks) == (d("2025-02-23"), 7)
    assert any("stretched" in n for n in s.notes)


def test_accelerated_pace_warns_and_takes_the_longer_end(planned: Catalog) -> None:
    """The accelerated plan's caution is a note, and a 5-10 day plan is scheduled at 10 days."""
    s = build_schedule(planned, plan_path(planned, "arch"), start=MONDAY, pace="accelerated")
    assert spans(s) == [("basics", "2025-01-06", "2025-01-07"),
                        ("assoc", "2025-01-08", "2025-01-11"),
                        ("arch", "2025-01-12", "2025-01-21")]
    assert "Architect, 5-10 Days Plan: Only with extensive prior experience." in s.notes
    assert any("scheduled at its longer end (10 days)" in n for n in s.notes)


def test_comprehensive_pace_without_a_plan_falls_back_to_effort(planned: Catalog) -> None:
    """A certification without a plan of the pace gets an estimated window at 10 h a week."""
    s = build_schedule(planned, plan_path(planned, "arch"), start=MONDAY, pace="comprehensive")
    assert spans(s)[2] == ("arch", "2025-01-27", "2025-02-23")  # 40 h / 10 h a week = 28 days
    assert s.windows[2].plan is None
    assert s.windows[2].estimate


def test_unknown_effort_is_assumed_and_said(planned: Catalog) -> None:
    """A certification without effort is given the fallback hours, with a note."""
    s = build_schedule(planned, plan_path(planned, "nohours", ["arch"]), start=MONDAY)
    [window] = s.windows
    assert (window.hours, window.hours_estimate) == (FALLBACK_HOURS, True)
    assert any("states no study effort" in n for n in s.notes)


def test_nothing_to_take(planned: Catalog) -> None:
    """A held target gives an empty schedule that finishes on the start day."""
    s = build_schedule(planned, plan_path(planned, "assoc", ["assoc"]), start=MONDAY)
    assert (s.windows, s.finish, s.weeks, s.total_hours) == ((), MONDAY, 0, 0)


def test_renewals_for_held_and_planned(planned: Catalog) -> None:
    """Renewals come from earned dates and from planned exam dates plus the validity period."""
    path = plan_path(planned, "assoc", ["basics"], expired=["basics"])
    s = build_schedule(planned, path, start=MONDAY, earned={"basics": d("2022-01-31")})
    assert [(r.cert, r.expires, r.planned) for r in s.renewals] == [
        ("basics", d("2024-01-31"), False),
        ("basics", d("2027-01-09"), True),
        ("assoc", d("2028-01-16"), True)]


@pytest.mark.parametrize(("pace", "hours"), [("leisurely", None), ("focused", 0), ("focused", 200)])
def test_bad_pace_or_hours(planned: Catalog, pace: str, hours: float | None) -> None:
    """An unknown pace or impossible hours a week is bad input."""
    with pytest.raises(InputError):
        build_schedule(planned, plan_path(planned, "arch"), start=MONDAY, pace=pace,
                       hours_per_week=hours)


def test_parse_date() -> None:
    """Dates are YYYY-MM-DD; anything else is bad input that says the format."""
    assert parse_date("2025-02-28") == d("2025-02-28")
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        parse_date("28/02/2025")


def test_warns_when_a_must_be_valid_prerequisite_lapses_before_the_exam(planned: Catalog) -> None:
    """An exam planned after a required-valid prerequisite expires is flagged; one before is not."""
    earned = {"basics": dt.date(2025, 1, 10)}  # valid for 24 months: until 2027-01-10
    path = plan_path(planned, "assoc", ["basics"])
    late = build_schedule(planned, path, start=dt.date(2027, 1, 1), hours_per_week=1, earned=earned)
    assert late.windows[-1].exam > dt.date(2027, 1, 10)
    assert any("Cloud Basics expires on 2027-01-10, on or before the Associate exam" in n
               for n in late.notes)
    early = build_schedule(planned, path, start=dt.date(2026, 1, 5), hours_per_week=10,
                           earned=earned)
    assert not any("expires on" in n for n in early.notes)


@pytest.mark.parametrize(("text", "expected"), [
    # 2025-01-06 is a Monday.
    ("today", dt.date(2025, 1, 6)), ("Tomorrow", dt.date(2025, 1, 7)),
    ("next-monday", dt.date(2025, 1, 13)),  # a week on: not today
    ("next-tuesday", dt.date(2025, 1, 7)), ("next-sunday", dt.date(2025, 1, 12)),
    ("+10d", dt.date(2025, 1, 16)), ("+2w", dt.date(2025, 1, 20)), ("+0d", dt.date(2025, 1, 6)),
    ("2025-03-01", dt.date(2025, 3, 1)),
])
def test_relative_dates(text: str, expected: dt.date) -> None:
    """today, tomorrow, next-<weekday>, +Nd and +Nw count from today; a date is itself."""
    assert parse_when(text, today=dt.date(2025, 1, 6), what="--start") == expected


@pytest.mark.parametrize("text", ["next week", "+2m", "-1d", "+123456d", "yesterday", ""])
def test_relative_dates_refused(text: str) -> None:
    """Anything else is a usage error that lists what is accepted."""
    with pytest.raises(InputError, match=r"is not a date; write YYYY-MM-DD, today, tomorrow"):
        parse_when(text, today=dt.date(2025, 1, 6), what="--start")


def test_phase_days_that_are_a_reading_are_marked(write_catalog: WriteCatalog) -> None:
    """A phase whose days the catalog marks as its reading is dated as one, unless stretched."""
    tracks = PLANNED_TRACKS.replace(
        "          - {name: Mocks, start_day: 8, end_day: 14, activities: [\"Mock exams; review, "
        "repeat\"]}\n",
        "          - name: Mocks\n            start_day: 8\n            end_day: 14\n"
        "            sources: [{fields: [start_day], reading: The split is the catalog's.}]\n")
    catalog = load_catalog([write_catalog(tracks)], builtin=False)
    plain = build_schedule(catalog, plan_path(catalog, "arch"), start=MONDAY).windows[2]
    assert [(p.name, p.reading, p.estimate) for p in plain.phases] == [
        ("Labs", None, False), ("Mocks", "The split is the catalog's.", False)]
    # At 10 h a week the 40 h take 28 days: the phases are stretched, so estimates instead.
    stretched = build_schedule(catalog, plan_path(catalog, "arch"), start=MONDAY,
                               hours_per_week=10).windows[2]
    assert [(p.reading, p.estimate) for p in stretched.phases] == [(None, True), (None, True)]
