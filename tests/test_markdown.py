"""Markdown plans: a table a person can share and a checklist, with catalog text made safe."""

from __future__ import annotations

import datetime as dt

from certpath.catalog import load_catalog
from certpath.planning import plan_path
from certpath.render.markdown import cell, plan_markdown
from certpath.schedule import build_schedule
from tests.conftest import WriteCatalog
from tests.plan_fixtures import PLANNED_TRACKS


def test_cell_escapes_pipes_and_newlines() -> None:
    """A table cell stays one line and a pipe cannot open a new column."""
    assert cell("a | b\nc\\d\x1b") == "a \\| b c\\\\d"


def test_plan_markdown(write_catalog: WriteCatalog) -> None:
    """The plan has its totals, one table row per certification and a checklist with exams."""
    catalog = load_catalog([write_catalog(PLANNED_TRACKS)], builtin=False)
    schedule = build_schedule(catalog, plan_path(catalog, "arch"), start=dt.date(2025, 1, 6))
    text = plan_markdown(catalog, schedule)
    lines = text.splitlines()
    assert lines[0] == "# Study plan: Architect"
    assert "- Finish: 2025-01-30" in lines
    assert "| Architect | 2025-01-17 | 2025-01-30 | \\~40 h (estimate) | 14 Days Focused Plan |" in lines
    assert "- [ ] 2025-01-24 to 2025-01-30: Mocks" in lines
    assert "  - [ ] Mock exams; review, repeat" in lines
    assert "- [ ] 2025-01-30: take the Architect exam" in lines
    assert "## Renewals" in lines
