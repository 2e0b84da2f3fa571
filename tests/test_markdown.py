"""Markdown plans: a table a person can share and a checklist, with catalog text made safe."""

from __future__ import annotations

import datetime as dt

from certpath.catalog import load_catalog
from certpath.planning import plan_path
from certpath.render.markdown import plan_markdown
from certpath.render.sanitiser import markdown as inline
from certpath.schedule import build_schedule
from tests.conftest import WriteCatalog
from tests.plan_fixtures import PLANNED_TRACKS


def test_cell_escapes_pipes_and_newlines() -> None:
    """A table cell stays one line and a pipe cannot open a new column."""
    assert inline("a | b\nc\\d\x1b") == "a \\| b c\\\\d"


def test_plan_markdown(write_catalog: WriteCatalog) -> None:
    """The plan has its totals, one table row per certification and a checklist with exams."""
    catalog = load_catalog([write_catalog(PLANNED_TRACKS)], builtin=False)
    schedule = build_schedule(catalog, plan_path(catalog, "arch"), start=dt.date(2025, 1, 6))
    text = plan_markdown(catalog, schedule)
    lines = text.splitlines()
    assert lines[0] == "# Study plan: Architect"
    assert "- Finish: 2025-01-30" in lines
    assert ("| Architect | 2025-01-17 to 2025-01-30 | 2025-01-30 | \\~40 h (estimate) "
            "| 14 Days Focused Plan |") in lines
    assert "- [ ] 2025-01-24 to 2025-01-30: Architect: Mocks" in lines
    assert "  - [ ] Mock exams; review, repeat" in lines
    assert "- [ ] 2025-01-30: take the Architect exam" in lines
    assert "## Renewals" in lines


def test_plan_markdown_marks_recommended_steps(write_catalog: WriteCatalog) -> None:
    """A step only recommended is marked so in the table and the checklist, as in the terminal."""
    catalog = load_catalog([write_catalog(PLANNED_TRACKS)], builtin=False)
    schedule = build_schedule(catalog, plan_path(catalog, "nohours"), start=dt.date(2025, 1, 6))
    lines = plan_markdown(catalog, schedule).splitlines()
    rows = {line.split(" | ")[0] for line in lines if line.startswith("| ")}
    assert {"| Architect (recommended)", "| No Hours"} <= rows
    assert "- [ ] 2025-01-30: take the Architect exam (recommended)" in lines
    assert "- [ ] 2025-02-13: take the No Hours exam" in lines


def test_plan_markdown_marks_estimated_dates(write_catalog: WriteCatalog) -> None:
    """Windows and phases stretched by hours a week or taken from effort say "(estimate)"."""
    # At 10 h a week: basics 10 h = 7 days, assoc 20 h = 14, arch 40 h = 28 (its 14-day plan
    # doubled, so Labs, days 1-7, become days 1-14).
    catalog = load_catalog([write_catalog(PLANNED_TRACKS)], builtin=False)
    schedule = build_schedule(catalog, plan_path(catalog, "arch"), start=dt.date(2025, 1, 6),
                              hours_per_week=10)
    lines = plan_markdown(catalog, schedule).splitlines()
    study = [line.split(" | ")[1] for line in lines if line.startswith("| Architect ")]
    assert study == ["2025-01-27 to 2025-02-23 (estimate)"]
    assert "- [ ] 2025-01-27 to 2025-02-09 (estimate): Architect: Labs" in lines
    assert "- [ ] 2025-01-06 to 2025-01-12 (estimate): Cloud Basics: Study" in lines
