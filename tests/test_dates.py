"""Dates from files and options are YYYY-MM-DD only, on every Python certpath supports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certpath.cli import app
from certpath.dates import date_shaped, iso_date

# Python 3.11's date.fromisoformat also reads the ISO 8601 basic and week forms: 20240304 and
# 2024-W10-1 are both Monday 4 March 2024 (week 10 of 2024 starts on 4 March, since 1 January
# 2024 is a Monday). Python 3.10 refuses them, so certpath refuses them everywhere.
OTHER_FORMS = ["20240304", "2024-W10-1", "2024W101", "2024-064", "2024-3-4", "2024-03-04\n",
               "\uff12\uff10\uff12\uff14-03-04", "+2024-03-04", "2024-03-04T00:00", ""]


def test_iso_date_reads_the_whole_text() -> None:
    """2024-03-04 and the first and last days certpath knows are read as written."""
    assert [iso_date(t) for t in ("2024-03-04", "0001-01-01", "9999-12-31")] == [
        dt.date(2024, 3, 4), dt.date(1, 1, 1), dt.date(9999, 12, 31)]


@pytest.mark.parametrize("text", [*OTHER_FORMS, "2024-02-30", "2023-02-29", "0000-01-01"])
def test_iso_date_refuses_other_forms_and_days_that_do_not_exist(text: str) -> None:
    """Other ISO 8601 forms, non-ASCII digits, a final newline and impossible days are refused."""
    with pytest.raises(ValueError, match=r"."):
        iso_date(text)


def test_date_shaped_tells_an_impossible_day_from_another_form() -> None:
    """2024-02-30 has the shape (so it is "not a real date"); 20240304 has not."""
    assert [date_shaped(t) for t in ("2024-02-30", "20240304", "2024-W10-1")] == [
        True, False, False]


def run(catalog: Path, tmp_path: Path, *args: str) -> Any:
    """Run certpath on a small catalog with a fresh profile in ``tmp_path`` and today fixed."""
    return CliRunner().invoke(app, ["--no-builtin", "-c", str(catalog), *args], env={
        "CERTPATH_PROFILE": str(tmp_path / "profile.yaml"), "CERTPATH_TODAY": "2026-03-02",
        "CERTPATH_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"})


@pytest.mark.parametrize("text", ["20240304", "2024-W10-1"])
def test_options_refuse_other_iso_forms(small_dir: Path, tmp_path: Path, text: str) -> None:
    """--on, --start and --by take YYYY-MM-DD (or a relative word), not other ISO forms."""
    for args in (["profile", "earn", "basics", "--on", text],
                 ["plan", "--to", "expert", "--start", text],
                 ["plan", "--to", "expert", "--by", text]):
        result = run(small_dir, tmp_path, *args)
        assert result.exit_code == 2, (args, result.output)
        assert f"'{text}' is not a date" in result.output
    assert not (tmp_path / "profile.yaml").exists()


def test_a_profile_date_in_another_iso_form_is_an_error(small_dir: Path,
                                                        tmp_path: Path) -> None:
    """A hand-edited profile date written 20240304 is an error at its line, not a date."""
    (tmp_path / "profile.yaml").write_text(
        'schema_version: 1\nearned:\n  basics: "20240304"\n', encoding="utf-8")
    result = run(small_dir, tmp_path, "profile", "show")
    assert result.exit_code == 1
    assert "profile.yaml:3:11: error: the date 'basics' was earned must be YYYY-MM-DD" \
        in result.output
