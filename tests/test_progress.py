"""plan --by (the hours a week a date needs), and progress on a saved plan, worked out by hand.

The planned fixture: Cloud Basics 10 h, Associate 20 h, Architect with a 14-day focused plan
(Labs days 1-7, Mocks 8-14) and a 5-10 day accelerated one. At H hours a week a window without a
plan lasts ceil(hours / H * 7) days.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certpath.catalog import Catalog, load_catalog
from certpath.cli import app
from certpath.deadline import plan_by
from certpath.errors import CertpathError, InputError
from certpath.holdings import SavedPlan
from certpath.planned import progress
from certpath.planning import plan_path
from certpath.profile import Profile
from tests.conftest import WriteCatalog
from tests.plan_fixtures import PLANNED_TRACKS

MONDAY = dt.date(2025, 1, 6)


@pytest.fixture
def planned_dir(write_catalog: WriteCatalog) -> Path:
    """The planned fixture catalog's directory."""
    return write_catalog(PLANNED_TRACKS)


@pytest.fixture
def planned(planned_dir: Path) -> Catalog:
    """The planned fixture catalog."""
    return load_catalog([planned_dir], builtin=False)


def test_by_finds_the_fewest_half_hours(planned: Catalog) -> None:
    """By 2025-02-16 (42 days): 8 h gives 9 + 18 + 14 = 41 days; 7.5 h gives 10 + 19 + 14 = 43."""
    found = plan_by(planned, plan_path(planned, "arch"), start=MONDAY,
                    by=dt.date(2025, 2, 16), pace="focused")
    assert found.hours_per_week == 8.0
    assert found.schedule.finish == dt.date(2025, 2, 15)
    assert [w.days for w in found.schedule.windows] == [9, 18, 14]  # the plan keeps 14 days


def test_by_too_soon_names_a_pace_that_can(planned: Catalog) -> None:
    """By 2025-01-21 (16 days) focused cannot (4 + 7 + 14 = 25 days at 20 h); accelerated can
    (2 + 4 + 10 = 16 days at 40 h)."""
    with pytest.raises(InputError, match=r"cannot finish by 2025-01-21 at the focused pace: even "
                       r"at its most, 20 h a week, it finishes on 2025-01-30; --pace accelerated "
                       r"can"):
        plan_by(planned, plan_path(planned, "arch"), start=MONDAY, by=dt.date(2025, 1, 21),
                pace="focused")


def test_by_no_pace_can(planned: Catalog) -> None:
    """By 2025-01-19 (14 days) not even accelerated's 16 days fit: a later date is the advice."""
    with pytest.raises(InputError, match=r"finishes on 2025-01-21; give a later --by$"):
        plan_by(planned, plan_path(planned, "arch"), start=MONDAY, by=dt.date(2025, 1, 19),
                pace="accelerated")


def test_by_when_plans_decide(planned: Catalog) -> None:
    """Only the Architect left: its 14-day plan decides, so no hours a week are named."""
    found = plan_by(planned, plan_path(planned, "arch", ["assoc"]), start=MONDAY,
                    by=dt.date(2025, 3, 1), pace="focused")
    assert (found.hours_per_week, found.schedule.finish) == (None, dt.date(2025, 1, 19))


def test_by_before_start_is_refused(planned: Catalog) -> None:
    """A finish date before the start is bad usage."""
    with pytest.raises(InputError, match="is before the start"):
        plan_by(planned, plan_path(planned, "arch"), start=MONDAY, by=dt.date(2025, 1, 1),
                pace="focused")


SAVED = SavedPlan("arch", "focused", MONDAY, 8.0, by=dt.date(2025, 2, 16))
# Planned to a date, so the Architect keeps its 14-day plan. At 8 h a week: Basics
# 2025-01-06..14 (9 days), Associate 01-15..02-01 (18 days), Architect 02-02..02-15
# (Labs 02-02..08, Mocks 02-09..15).


def at(planned: Catalog, today: dt.date, earned: tuple[str, ...] = (),
       done: tuple[str, ...] = ()) -> Any:
    """Progress on SAVED, with ``earned`` in the profile and ``done`` marked."""
    profile = Profile(earned=dict.fromkeys(earned, dt.date(2025, 1, 10)),
                      plan=SavedPlan(**{**SAVED.__dict__, "done": done}), source="p.yaml")
    return progress(planned, profile, today)


def test_on_schedule_while_under_way(planned: Catalog) -> None:
    """Basics earned, Associate due 02-01: on 01-20 that is under way, so on schedule."""
    found = at(planned, dt.date(2025, 1, 20), ("basics",))
    assert (found.status, found.days_ahead) == ("on schedule", 0)
    assert [u.state for u in found.units] == ["done", "under way", "to come", "to come"]
    # The 5 days studied since 01-15 count: the rest keeps the plan's dates and finish.
    assert [(w.start, w.exam) for w in found.rest.windows] == [
        (dt.date(2025, 1, 20), dt.date(2025, 2, 1)), (dt.date(2025, 2, 2), dt.date(2025, 2, 15))]


def test_behind_counts_from_the_missed_end(planned: Catalog) -> None:
    """On 02-05 the Associate should have ended on 02-01: 4 days behind; the rest from 02-05
    is Associate 02-05..22 and Architect 02-23..03-08."""
    found = at(planned, dt.date(2025, 2, 5), ("basics",))
    assert (found.status, found.days_ahead) == ("behind", -4)
    assert [u.state for u in found.units] == ["done", "late", "under way", "to come"]
    assert [(w.cert, w.start, w.exam) for w in found.rest.windows] == [
        ("assoc", dt.date(2025, 2, 5), dt.date(2025, 2, 22)),
        ("arch", dt.date(2025, 2, 23), dt.date(2025, 3, 8))]
    assert found.original.finish == dt.date(2025, 2, 15)


def test_ahead_counts_to_the_next_start(planned: Catalog) -> None:
    """On 01-10 with Basics and Associate done, the Labs start 02-02: 23 days ahead."""
    found = at(planned, dt.date(2025, 1, 10), ("basics", "assoc"))
    assert (found.status, found.days_ahead) == ("ahead", 23)


def test_a_phase_marked_done_leaves_the_rest(planned: Catalog) -> None:
    """Labs marked done: the re-planned Architect is the 7 Mocks days, 02-23..03-01, 20 h."""
    found = at(planned, dt.date(2025, 2, 5), ("basics",), ("arch:1",))
    assert [u.state for u in found.units][2] == "done"
    arch = found.rest.windows[-1]
    assert ([p.name for p in arch.phases], arch.start, arch.exam, arch.hours) == (
        ["Mocks"], dt.date(2025, 2, 23), dt.date(2025, 3, 1), 20.0)


def test_everything_done(planned: Catalog) -> None:
    """All three earned: done, and nothing left to re-plan."""
    found = at(planned, dt.date(2025, 2, 20), ("basics", "assoc", "arch"))
    assert found.status == "done"
    assert found.rest.windows == ()


def test_no_saved_plan_is_an_error(planned: Catalog) -> None:
    """progress without a saved plan says how to save one."""
    with pytest.raises(CertpathError, match=r"no saved plan; make one with 'certpath plan"):
        progress(planned, Profile(source="p.yaml"), MONDAY)


def run(catalog: Path, *args: str, today: str = "2025-01-06") -> Any:
    """Invoke certpath on a fixture catalog with today fixed."""
    return CliRunner().invoke(app, ["--no-builtin", "--catalog", str(catalog), *args],
                              env={"NO_COLOR": "1", "CERTPATH_TODAY": today, "COLUMNS": "160"})


def test_save_then_progress_done_and_undo(planned_dir: Path, isolated_profile: Path) -> None:
    """plan --save keeps the plan; done marks a phase, undo takes the latest mark back."""
    saved = run(planned_dir, "plan", "--to", "arch", "--by", "2025-02-16", "--save")
    assert saved.exit_code == 0, saved.stderr
    assert "hours_per_week: 8.0" in isolated_profile.read_text(encoding="utf-8")
    marked = run(planned_dir, "progress", "done", "Architect:1", "--json", today="2025-02-05")
    assert marked.exit_code == 0, marked.stderr
    doc = json.loads(marked.stdout)
    # Nothing earned: Basics should have ended 01-14, 22 days ago. The rest from 02-05: Basics
    # 02-05..13, Associate 02-14..03-03, the Architect's Mocks 03-04..10.
    assert (doc["marks"], doc["days_ahead"], doc["finish"]) == (["arch:1"], -22, "2025-03-10")
    undone = run(planned_dir, "progress", "undo", "--json", today="2025-02-05")
    assert json.loads(undone.stdout)["marks"] == []
    assert undone.stderr == "certpath: arch:1 is no longer marked done\n"


def test_progress_json_keys(planned_dir: Path) -> None:
    """The progress document has exactly the documented keys."""
    run(planned_dir, "plan", "--to", "arch", "--hours-per-week", "8", "--save")
    doc = json.loads(run(planned_dir, "progress", "--json", today="2025-01-20").stdout)
    assert set(doc) == {"schema_version", "target", "today", "start", "pace", "hours_per_week",
                        "by", "status", "days_ahead", "done", "marks", "phases",
                        "planned_finish", "finish", "rest"}
    assert set(doc["phases"][0]) == {"id", "phase", "name", "start", "end", "state", "estimate",
                                     "reading"}


@pytest.mark.usefixtures("isolated_profile")
def test_progress_marks_the_days_that_are_a_reading() -> None:
    """The shipped 30 day plan: the source dates its first two and final two weeks (days 1-14 and
    17-30); certpath's final phase from day 15 is its reading, in the table and in JSON."""
    env = {"NO_COLOR": "1", "CERTPATH_TODAY": "2025-01-10", "COLUMNS": "160",
           "CERTPATH_CATALOG": None}
    saved = CliRunner().invoke(app, ["plan", "--to", "architect", "--have", "professional",
                                     "--start", "2025-01-06", "--save"], env=env)
    assert saved.exit_code == 0, saved.stderr
    shown = CliRunner().invoke(app, ["progress"], env=env).stdout.splitlines()
    assert any("2025-01-06 to 2025-01-19  " in line and "(reading)" not in line for line in shown)
    assert any("2025-01-20 to 2025-02-04 (reading)" in line for line in shown)
    assert shown[-1].startswith("(reading): certpath's reading of the catalog's source")
    doc = json.loads(CliRunner().invoke(app, ["progress", "--json"], env=env).stdout)
    first, final = doc["phases"]
    assert (first["start"], first["reading"], first["estimate"]) == ("2025-01-06", None, False)
    assert final["start"] == "2025-01-20"
    assert "day 15" in final["reading"]


@pytest.mark.parametrize(("args", "code", "message"), [
    (("plan", "--to", "arch", "--by", "+6w", "--hours-per-week", "5"), 2,
     "give --by or --hours-per-week, not both"),
    (("plan", "--to", "arch", "--by", "soon"), 2, "--by 'soon' is not a date"),
    (("progress",), 1, "no saved plan"),
    (("progress", "done", "arch:9"), 1, "no saved plan"),
])
def test_bad_progress_input(planned_dir: Path, args: tuple[str, ...], code: int,
                            message: str) -> None:
    """Bad --by use and progress without a saved plan: one line, the right exit code."""
    result = run(planned_dir, *args)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_phase_is_refused(planned_dir: Path) -> None:
    """A phase number the certification does not have is named with the numbers it has."""
    run(planned_dir, "plan", "--to", "arch", "--save")
    result = run(planned_dir, "progress", "done", "arch:9")
    assert result.exit_code == 1
    assert result.stderr == ("certpath: error: 'arch:9': the plan has no such phase (arch has "
                             "phases 1 to 2)\n")


def test_progress_ics_writes_the_rest(planned_dir: Path, tmp_path: Path) -> None:
    """--ics writes the re-planned rest as a calendar: its exam target is the new one."""
    run(planned_dir, "plan", "--to", "arch", "--by", "2025-02-16", "--save")
    target = tmp_path / "rest.ics"
    result = run(planned_dir, "progress", "--ics", str(target), today="2025-02-05")
    assert result.exit_code == 0, result.stderr
    text = target.read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20250317\r\n" in text  # Architect 03-04..17, re-planned
