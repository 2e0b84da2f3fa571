"""The iCalendar writer: CRLF, folding at 75 octets, TEXT escaping, stable UIDs, parsed back."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from certpath.catalog import Catalog, load_catalog
from certpath.planning import plan_path
from certpath.render.ics import Event, calendar, fold, schedule_calendar
from certpath.render.sanitiser import ics as escape_text
from certpath.schedule import build_schedule
from tests.conftest import WriteCatalog
from tests.plan_fixtures import PLANNED_TRACKS

MONDAY = dt.date(2025, 1, 6)
STAMP = dt.datetime(2025, 1, 6, tzinfo=dt.timezone.utc)


@pytest.fixture
def planned(write_catalog: WriteCatalog) -> Catalog:
    """The catalog with preparation plans and validity periods."""
    return load_catalog([write_catalog(PLANNED_TRACKS)], builtin=False)


def test_escape_text() -> None:
    """Backslash, semicolon, comma and newlines are escaped; control characters dropped."""
    assert escape_text("a\\b;c,d\ne\r\nf\x1b[31m") == "a\\\\b\\;c\\,d\\ne\\nf[31m"


def test_fold_counts_octets_and_keeps_characters_whole() -> None:
    """Folded lines are at most 75 octets and never split a multi-byte character."""
    line = "SUMMARY:" + "é" * 100 + "x" * 40
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_calendar_lines_end_in_crlf() -> None:
    """Every line ends in CRLF and none is longer than 75 octets."""
    text = calendar([Event("u1@certpath", "A, long; summary " * 10, MONDAY, MONDAY)],
                    name="n", stamp=STAMP)
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))


def test_schedule_parses_back(planned: Catalog) -> None:
    """A real iCalendar parser reads every phase, exam and renewal with the right dates and text."""
    path = plan_path(planned, "arch")
    schedule = build_schedule(planned, path, start=MONDAY, earned={"basics": dt.date(2023, 3, 1)})
    parsed = icalendar.Calendar.from_ical(schedule_calendar(planned, schedule, stamp=STAMP))
    events = {str(e["SUMMARY"]): e for e in parsed.walk("VEVENT")}
    assert sorted(events) == sorted([
        "Cloud Basics: Study", "Exam target: Cloud Basics",
        "Associate: Study", "Exam target: Associate",
        "Architect: Labs", "Architect: Mocks", "Exam target: Architect",
        "Renew Cloud Basics (expires)", "Renew Associate (expires)"])
    mocks = events["Architect: Mocks"]
    assert mocks.decoded("DTSTART") == dt.date(2025, 1, 24)
    assert mocks.decoded("DTEND") == dt.date(2025, 1, 31)  # exclusive end of an all-day event
    assert str(mocks["DESCRIPTION"]) == "Mock exams; review, repeat"
    exam = events["Exam target: Architect"]
    assert exam.decoded("DTSTART") == dt.date(2025, 1, 30)
    assert [str(a["ACTION"]) for a in exam.walk("VALARM")] == ["DISPLAY"]
    # 2023-03-01 + 24 months; the planned basics renewal is a second event of the same summary
    renewals = [e for e in parsed.walk("VEVENT") if str(e["SUMMARY"]).startswith("Renew Cloud")]
    assert sorted(e.decoded("DTSTART") for e in renewals) == [dt.date(2025, 3, 1),
                                                              dt.date(2027, 1, 9)]
    uids = [str(e["UID"]) for e in parsed.walk("VEVENT")]
    assert len(uids) == len(set(uids))


def test_uids_are_stable_across_start_dates(planned: Catalog) -> None:
    """Re-planning from another start keeps each event's UID, so calendars update, not duplicate."""
    path = plan_path(planned, "arch")

    def uids(start: dt.date) -> list[str]:
        text = schedule_calendar(planned, build_schedule(planned, path, start=start), stamp=STAMP)
        return [str(e["UID"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")]

    assert uids(MONDAY) == uids(dt.date(2025, 6, 2))


def test_past_renewals_are_left_out(planned: Catalog) -> None:
    """A renewal that fell before the plan's start gets no reminder; later ones still do."""
    path = plan_path(planned, "arch")
    schedule = build_schedule(planned, path, start=MONDAY, earned={"basics": dt.date(2022, 6, 1)})
    assert dt.date(2024, 6, 1) in [r.expires for r in schedule.renewals]
    parsed = icalendar.Calendar.from_ical(schedule_calendar(planned, schedule, stamp=STAMP))
    renewals = [e.decoded("DTSTART") for e in parsed.walk("VEVENT")
                if str(e["SUMMARY"]).startswith("Renew")]
    assert renewals
    assert all(day >= MONDAY for day in renewals)


def test_stamp_and_sequence_follow_the_time_of_writing(planned: Catalog) -> None:
    """DTSTAMP is the writing time in UTC and SEQUENCE grows with it, so a re-plan updates events."""
    schedule = build_schedule(planned, plan_path(planned, "arch"), start=MONDAY)
    later = dt.datetime(2025, 3, 1, 9, 30, 15, tzinfo=dt.timezone(dt.timedelta(hours=2)))

    def events(stamp: dt.datetime) -> list[icalendar.Event]:
        text = schedule_calendar(planned, schedule, stamp=stamp)
        return list(icalendar.Calendar.from_ical(text).walk("VEVENT"))

    first, second = events(STAMP), events(later)
    assert second[0].decoded("DTSTAMP") == dt.datetime(2025, 3, 1, 7, 30, 15,
                                                       tzinfo=dt.timezone.utc)
    assert first[0]["SEQUENCE"] == 1832 * 86400  # 2020-01-01 to 2025-01-06, UTC
    assert all(b["SEQUENCE"] > a["SEQUENCE"] for a, b in zip(first, second, strict=True))
    assert [str(e["UID"]) for e in first] == [str(e["UID"]) for e in second]
