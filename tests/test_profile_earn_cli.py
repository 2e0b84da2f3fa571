"""profile earn --on: a past date, 'unknown', or a one-line refusal of a future date."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from certpath.cli import app
from tests.conftest import WriteCatalog
from tests.plan_fixtures import PLANNED_TRACKS


def run(catalog: Path, *args: str) -> Any:
    """Invoke certpath on a fixture catalog with today fixed at 2025-01-06."""
    return CliRunner().invoke(app, ["--no-builtin", "--catalog", str(catalog), *args],
                              env={"NO_COLOR": "1", "CERTPATH_TODAY": "2025-01-06"})


def test_earn_refuses_a_future_date(small_dir: Path, isolated_profile: Path) -> None:
    """A date after today is bad usage: one line naming today, exit 2, no profile written."""
    result = run(small_dir, "profile", "earn", "basics", "--on", "2025-01-07")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == ("certpath: error: --on 2025-01-07 is in the future (today is "
                             "2025-01-06); give the day it was earned, or 'unknown'\n")
    assert not isolated_profile.exists()


def test_earn_on_unknown_records_no_date(write_catalog: WriteCatalog,
                                        isolated_profile: Path) -> None:
    """--on unknown records a null date; a certification that expires then shows as unknown."""
    result = run(write_catalog(PLANNED_TRACKS), "profile", "earn", "basics", "--on", "unknown", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "certpath: recorded Cloud Basics, date unknown\n"
    assert json.loads(result.stdout)["earned"] == [
        {"id": "basics", "name": "Cloud Basics", "earned": None, "expires": None,
         "expiry_from": None,
         "status": "unknown"}]
    assert "basics: null" in isolated_profile.read_text(encoding="utf-8")


def test_earn_today_is_accepted(small_dir: Path, isolated_profile: Path) -> None:
    """Today itself is not in the future."""
    result = run(small_dir, "profile", "earn", "basics", "--on", "2025-01-06")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("certpath: recorded Cloud Basics, earned on 2025-01-06\n")


def test_earn_several_at_once(small_dir: Path, isolated_profile: Path) -> None:
    """Comma-separated names are all recorded with the one date, in one write."""
    result = run(small_dir, "profile", "earn", "basics, Associate A,expert", "--on", "2024-05-01")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("certpath: recorded Cloud Basics, Associate A, Cloud Expert, "
                             "earned on 2024-05-01\n")
    text = isolated_profile.read_text(encoding="utf-8")
    for cert_id in ("basics", "assoc-a", "expert"):
        assert f"{cert_id}: 2024-05-01\n" in text


def test_earn_several_with_one_unknown_writes_nothing(small_dir: Path,
                                                      isolated_profile: Path) -> None:
    """One unknown name among several: exit 1, nothing recorded."""
    result = run(small_dir, "profile", "earn", "basics,nosuch", "--on", "2024-05-01")
    assert result.exit_code == 1
    assert "unknown certification 'nosuch'" in result.stderr
    assert not isolated_profile.exists()
