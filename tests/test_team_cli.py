"""The team command: spreadsheets, coverage, goals and --check, and the files it writes."""

from __future__ import annotations

import csv
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

import icalendar
import pytest
from typer.testing import CliRunner

from certpath.cli import app
from tests.conftest import SMALL_INSTITUTIONS, SMALL_ROLES, SMALL_TRACKS, WriteCatalog
from tests.test_coverage import TEAM

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def catalog(write_catalog: WriteCatalog) -> Path:
    """The small catalog with Associate B valid for 12 months."""
    tracks = SMALL_TRACKS.replace("    name: Associate B\n",
                                  "    name: Associate B\n    validity_months: 12\n")
    return write_catalog(tracks, SMALL_ROLES, SMALL_INSTITUTIONS)


@pytest.fixture
def team_file(tmp_path: Path) -> Path:
    """The coverage tests' team, planned from 2025-01-06."""
    path = tmp_path / "team.yaml"
    path.write_text("name: Cloud team\nstart: 2025-01-06\n" + textwrap.dedent(TEAM),
                    encoding="utf-8")
    return path


def run(*args: str, catalog: Path | None = None) -> Any:
    """Invoke certpath (on a fixture catalog when given) with today fixed at 2025-01-06."""
    prefix = ["--no-builtin", "--catalog", str(catalog)] if catalog else []
    return CliRunner().invoke(app, [*prefix, *args],
                              env={"NO_COLOR": "1", "COLUMNS": "200",
                                   "CERTPATH_TODAY": "2025-01-06"})


def test_check_exits_3_when_a_goal_is_missed(catalog: Path, team_file: Path) -> None:
    """--check exits 3 and says how many goals are missed; without it the answer is exit 0."""
    result = run("team", str(team_file), "--check", catalog=catalog)
    assert result.exit_code == 3
    assert result.stderr == "certpath: 3 of 6 goals not met\n"
    assert "NOT MET" in result.stdout
    assert run("team", str(team_file), catalog=catalog).exit_code == 0


def test_check_passes_when_goals_are_met(catalog: Path, tmp_path: Path) -> None:
    """--check exits 0 when every goal is met, now or by the plan."""
    path = tmp_path / "team.yaml"
    path.write_text("start: 2025-01-06\nmembers:\n  - {name: Bo, target: assoc-b, hours_per_week: 5}\n"
                    "goals:\n  - {at_least: 1, hold: assoc-b, by: 2025-02-02}\n", encoding="utf-8")
    result = run("team", str(path), "--check", catalog=catalog)
    assert result.exit_code == 0, result.stderr
    assert "met by the plan on 2025-02-02" in result.stdout


def test_coverage_counts_of_a_plan_started_before_today(catalog: Path, team_file: Path) -> None:
    """With --start in the past, today counts the holdings and the ready column its own day."""
    # From 2024-11-04: Bo's assoc-b (20 h at 5 h a week, 28 days) ends 2024-12-01, Ana's expert
    # (50 h at 10 h, 35 days) 2024-12-08, the ready date. Today, 2025-01-06, the team file
    # records neither exam: basics 1 (Ana), assoc-b 1 (Ana's, to 03-01), expert 0. On 12-08
    # with the plan: basics 1, assoc-b 2 (Ana, Bo), expert 1 (Ana).
    result = run("team", str(team_file), "--start", "2024-11-04", "--coverage", "--json",
                 catalog=catalog)
    assert result.exit_code == 0, result.stderr
    cov = json.loads(result.stdout)["coverage"]
    assert (cov["today"], cov["ready"]) == ("2025-01-06", "2024-12-08")
    assert [(c["id"], c["valid_today"], c["valid_at_ready"]) for c in cov["certifications"]] == [
        ("basics", 1, 1), ("assoc-b", 1, 2), ("expert", 0, 1)]
    text = run("team", str(team_file), "--start", "2024-11-04", "--coverage",
               catalog=catalog).stdout
    assert "Valid today: valid holders on 2025-01-06, from the holdings alone" in text
    assert "Valid at ready: on the team's ready date, 2024-12-08, counting the plan's exams." \
        in text


def test_coverage_text_and_json(catalog: Path, team_file: Path) -> None:
    """--coverage prints the matrix and its legend; --json always carries coverage and goals."""
    text = run("team", str(team_file), "--coverage", catalog=catalog).stdout
    assert "Coverage on 2025-01-06" in text
    matrix = text.split("Coverage on 2025-01-06")[1]
    row = next(line for line in matrix.splitlines() if line.startswith("Associate B"))
    assert row.split() == ["Associate", "B", "expires", "2025-03-01", "plan", "2025-02-02",
                           "EXPIRED", "2024-06-01", "1", "2"]
    assert "Legend:" in text
    doc = json.loads(run("team", str(team_file), "--json", catalog=catalog).stdout)
    assert set(doc["coverage"]) == {"today", "ready", "certifications", "members"}
    assert set(doc["coverage"]["members"][0]["cells"][0]) == {"id", "status", "issued", "expires",
                                                             "planned"}
    assert set(doc["goals"][0]) == {"goal", "certification", "by", "at_least", "role", "status",
                                    "on", "holders", "reasons"}
    assert [g["status"] for g in doc["goals"]] == ["planned", "not-met", "met", "not-met",
                                                   "planned", "not-met"]


def test_csv_and_calendar(catalog: Path, team_file: Path, tmp_path: Path) -> None:
    """--csv writes the matrix a spreadsheet opens; --ics every member's exams and renewals."""
    matrix, cal = tmp_path / "cov.csv", tmp_path / "team.ics"
    result = run("team", str(team_file), "--csv", str(matrix), "--ics", str(cal), catalog=catalog)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(matrix.read_text(encoding="utf-8").splitlines()))
    assert rows[0] == ["Member", "Cloud Basics", "Associate B", "Cloud Expert"]
    assert rows[1] == ["Ana", "valid", "expires 2025-03-01", "plan 2025-02-09"]
    assert rows[-2:] == [["Valid today (2025-01-06)", "1", "1", "0"],
                         ["Valid at ready (2025-02-09), with the plan", "1", "2", "1"]]
    events = [(str(e["SUMMARY"]), e.decoded("DTSTART").isoformat())
              for e in icalendar.Calendar.from_ical(cal.read_bytes()).walk("VEVENT")]
    # Ana: expert exam 02-09; her assoc-b (2024-03-01) expires 2025-03-01. Bo: assoc-b exam
    # 02-02, expiring 12 months later. Cy's expired on 2024-06-01, before the start: no event.
    assert sorted(events) == [
        ("Ana: exam target: Cloud Expert", "2025-02-09"),
        ("Ana: renew Associate B (expires)", "2025-03-01"),
        ("Bo: exam target: Associate B", "2025-02-02"),
        ("Bo: renew Associate B (expires)", "2026-02-02"),
    ]


def test_formula_cells_are_defused(catalog: Path, tmp_path: Path) -> None:
    """A name that a spreadsheet would run as a formula is written as text in --csv."""
    sheet = tmp_path / "people.csv"
    sheet.write_text('Name,Certifications\n"=HYPERLINK(""x"")",basics\n', encoding="utf-8")
    out = tmp_path / "cov.csv"
    assert run("team", str(sheet), "--csv", str(out), catalog=catalog).exit_code == 0
    assert list(csv.reader(out.read_text(encoding="utf-8").splitlines()))[1][0] == \
        "'=HYPERLINK(\"x\")"


def test_spreadsheet_errors_are_lines_with_rows(catalog: Path, tmp_path: Path) -> None:
    """A bad spreadsheet gives exit 1 and one line per problem, with row and column."""
    sheet = tmp_path / "people.csv"
    sheet.write_text("Name,Role,Certifications\nAna,sre,basic\n", encoding="utf-8")
    result = run("team", str(sheet), "--hours-per-week", "5", catalog=catalog)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"certpath: {sheet}:2:3: error: row 2, column C (Certifications): "
                             "unknown certification 'basic'; nearest: basics\n")


def test_xlsx_without_extra_is_one_line(catalog: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Without openpyxl an XLSX team gets one line naming the extra, and exit 1."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    book = tmp_path / "team.xlsx"
    book.write_bytes(b"PK")
    result = run("team", str(book), catalog=catalog)
    assert result.exit_code == 1
    assert result.stderr == (f"certpath: error: {book}: reading XLSX needs the xlsx extra: "
                             "pip install 'certpath[xlsx]'\n")


def test_bad_columns_option(catalog: Path, team_file: Path) -> None:
    """A malformed --columns is a usage error (exit 2)."""
    result = run("team", str(team_file), "--columns", "name", catalog=catalog)
    assert result.exit_code == 2
    assert "is not FIELD=Heading" in result.stderr


@pytest.mark.parametrize(("example", "extra"), [
    ("team.csv", []), ("team-goals.yaml", []),
    ("team.xlsx", ["--columns", "name=Employee,role=Job title"])])
def test_shipped_examples(example: str, extra: list[str], tmp_path: Path) -> None:
    """The sample spreadsheets and the team file with goals work on the shipped catalog."""
    result = run("team", str(ROOT / "examples" / example), "--coverage", "--hours-per-week", "5",
                 "--html", str(tmp_path / "team.html"), *extra)
    assert result.exit_code == 0, result.stderr
    assert "Coverage on" in result.stdout


def test_budget_in_json_and_text(write_catalog: WriteCatalog, team_file: Path) -> None:
    """The budget is in --json (schema'd keys) and in the text, with unknown fees named."""
    tracks = SMALL_TRACKS.replace("    name: Associate B\n",
                                  "    name: Associate B\n    validity_months: 12\n"
                                  "    fee: {amount: 150, currency: USD}\n")
    catalog = write_catalog(tracks, SMALL_ROLES, SMALL_INSTITUTIONS)
    doc = json.loads(run("team", str(team_file), "--json", "--hourly-rate", "10 EUR",
                         catalog=catalog).stdout)
    budget = doc["budget"]
    assert set(budget) == {"start", "end", "hourly_rate", "quarters", "total", "costs"}
    # Bo's assoc-b exam (USD 150); Ana's assoc-b, expiring 2025-03-01 with no renewal route,
    # is earned again (USD 150); the catalog gives no fee for expert; 70 h at EUR 10, hours the
    # catalog estimates (its efforts do not say 'estimate: false'), so the EUR 700 is an estimate.
    assert budget["total"] == {"amounts": {"USD": 300, "EUR": 700}, "estimate": True,
                               "unknown": ["Ana: expert exam"]}
    text = run("team", str(team_file), catalog=catalog).stdout
    assert "Fees the catalog does not give (1, counted as unknown, not as zero): Ana: Cloud " \
           "Expert exam 2025-02-09." in text


def test_markdown_has_the_goals(catalog: Path, team_file: Path, tmp_path: Path) -> None:
    """--markdown carries the goals table, with each goal's status and reasons."""
    md = tmp_path / "team.md"
    assert run("team", str(team_file), "--markdown", str(md), catalog=catalog).exit_code == 0
    text = md.read_text(encoding="utf-8")
    assert "| at least 2 valid holders of Associate B by 2025-02-15 | met by the plan on " \
           "2025-02-02 | \\- |" in text
    assert "| everyone with role Intern holds Cloud Basics by 2025-03-01 | NOT MET | no member " \
           "has this role |" in text
