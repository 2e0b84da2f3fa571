"""Markdown plans: a table a person can share and a checklist, with catalog text made safe."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from certpath.budget import build_budget, parse_rate
from certpath.catalog import load_catalog
from certpath.coverage import coverage
from certpath.planning import plan_path
from certpath.render.markdown import plan_markdown, team_markdown
from certpath.render.sanitiser import markdown as inline
from certpath.schedule import build_schedule
from certpath.team import load_team, plan_team
from tests.conftest import PRICED_TRACKS, SMALL_INSTITUTIONS, SMALL_ROLES, WriteCatalog
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


def test_team_markdown_coverage_and_budget(write_catalog: WriteCatalog, tmp_path: Path) -> None:
    """The team plan in Markdown has the coverage matrix and the budget, as worked out by hand."""
    from tests.test_coverage import TEAM, TODAY
    catalog = load_catalog([write_catalog(PRICED_TRACKS, SMALL_ROLES, SMALL_INSTITUTIONS)],
                           builtin=False)
    path = tmp_path / "team.yaml"
    path.write_text(textwrap.dedent(TEAM), encoding="utf-8")
    plan = plan_team(catalog, load_team(path, catalog, today=TODAY), start=TODAY)
    text = team_markdown(catalog, plan, cov=coverage(catalog, plan, today=TODAY),
                         budget=build_budget(catalog, plan, rate=parse_rate("10 EUR")))
    lines = text.splitlines()
    # Ana: basics (no validity), assoc-b 2024-03-01 + 12 months (within 90 days), expert planned
    # 2025-02-09 (50 h at 10 h a week); Bo: assoc-b planned 2025-02-02 (20 h at 5 h a week);
    # Cy: assoc-b expired 2024-06-01. Ready 2025-02-09.
    start = lines.index("## Coverage on 2025-01-06")
    assert lines[start + 2:start + 7] == [
        "| Certification | Ana | Bo | Cy | Valid today | Valid at ready |",
        "|---|---|---|---|---|---|",
        "| Cloud Basics | valid | \\- | \\- | 1 | 1 |",
        "| Associate B | expires 2025-03-01 | plan 2025-02-02 | EXPIRED 2024-06-01 | 1 | 2 |",
        "| Cloud Expert | plan 2025-02-09 | \\- | \\- | 0 | 1 |",
    ]
    assert any(line.startswith("Valid today: valid holders on 2025-01-06") and
               "ready date, 2025-02-09" in line for line in lines)
    # Q1: Bo's exam USD 150, Ana's expert exam (no fee), Ana's assoc-b renewal on 2025-03-01
    # (EUR 50), 70 h of study at EUR 10 = EUR 700, estimates as the catalog's hours are.
    start = lines.index("## Budget from 2025-01-06 to 2026-01-05")
    assert lines[start + 2:start + 5] == [
        "| Quarter | Exams | Renewals | Study time at EUR 10 an hour | Total |",
        "|---|---|---|---|---|",
        "| 2025-Q1 | USD 150 (fee of 1 unknown) | EUR 50 | \\~70 h (estimate) = EUR 700 (estimate) "
        "| USD 150 + EUR 750 (fee of 1 unknown) (estimate) |",
    ]
    assert "- Ana: Cloud Expert exam 2025-02-09" in lines
