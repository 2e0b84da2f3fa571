"""The plan, next, team and profile commands, and the profile's defaults for path and recommend."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import icalendar
import pytest
from typer.testing import CliRunner

from certpath.cli import app
from tests.conftest import WriteCatalog
from tests.plan_fixtures import PLANNED_TRACKS

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2025-01-06"
WINDOW_KEYS = {"id", "name", "required", "start", "exam", "days", "hours", "hours_estimate",
               "estimate", "plan", "phases"}


@pytest.fixture
def planned_dir(write_catalog: WriteCatalog) -> Path:
    """The catalog with preparation plans and validity periods."""
    return write_catalog(PLANNED_TRACKS)


def run(*args: str, catalog: Path | None = None, env: dict[str, str] | None = None) -> Any:
    """Invoke certpath with a fixed today (on a fixture catalog when given)."""
    prefix = ["--no-builtin", "--catalog", str(catalog)] if catalog else []
    return CliRunner().invoke(app, [*prefix, *args],
                              env={"NO_COLOR": "1", "COLUMNS": "200", "CERTPATH_TODAY": TODAY,
                                   **(env or {})})


def ok_json(*args: str, catalog: Path | None = None) -> dict[str, Any]:
    """Run with --json, check success and an empty stderr, and parse stdout."""
    result = run(*args, "--json", catalog=catalog)
    assert result.exit_code == 0, result.stderr
    doc: dict[str, Any] = json.loads(result.stdout)
    assert doc["schema_version"] == 3
    return doc


def test_plan_json_contract(planned_dir: Path) -> None:
    """plan --json has exactly the documented keys, dates as YYYY-MM-DD."""
    doc = ok_json("plan", "--to", "Architect", catalog=planned_dir)
    assert set(doc) == {"schema_version", "target", "have", "start", "pace", "hours_per_week",
                        "certifications", "totals", "renewals", "notes"}
    assert doc["start"] == TODAY
    assert [c["id"] for c in doc["certifications"]] == ["basics", "assoc", "arch"]
    arch = doc["certifications"][2]
    assert set(arch) == WINDOW_KEYS
    assert set(arch["plan"]) == {"id", "name", "caution"}
    assert set(arch["phases"][0]) == {"name", "start", "end", "activities", "estimate", "reading"}
    assert doc["totals"] == {"hours": 70, "hours_estimate": True, "weeks": 4,
                             "finish": "2025-01-30",
                             "fees": {"amounts": {}, "unknown": ["basics", "assoc", "arch"],
                                      "estimate": False}}  # the fixture gives no fees
    assert set(doc["renewals"][0]) == {"id", "name", "earned", "expires", "planned", "renewal",
                                       "renewed_by"}


def test_plan_writes_ics_and_markdown(planned_dir: Path, tmp_path: Path) -> None:
    """--ics and --markdown write files, say so on stderr, and keep stdout for the plan."""
    ics_file, md_file = tmp_path / "plan.ics", tmp_path / "plan.md"
    result = run("plan", "--to", "arch", "--start", "2025-02-03", "--ics", str(ics_file),
                 "--markdown", str(md_file), catalog=planned_dir)
    assert result.exit_code == 0, result.stderr
    assert f"wrote the calendar to {ics_file}" in result.stderr
    assert "Study plan for Architect" in result.stdout
    parsed = icalendar.Calendar.from_ical(ics_file.read_bytes())
    assert len(list(parsed.walk("VEVENT"))) == 9
    assert md_file.read_text(encoding="utf-8").startswith("# Study plan: Architect\n")


def test_plan_timeline_view(planned_dir: Path) -> None:
    """The terminal view draws a bar per certification over the weeks."""
    result = run("plan", "--to", "arch", "--hours-per-week", "10", catalog=planned_dir)
    assert result.exit_code == 0, result.stderr
    timeline = result.stdout.split("Weeks 1-7 (one mark per week):\n", 1)[1].splitlines()[:3]
    assert [line.split()[-1] for line in timeline] == ["█······", "·██····", "···████"]
    assert [line.rsplit(maxsplit=1)[0] for line in timeline] == [
        "Cloud Basics", "Associate", "Architect"]


def test_plan_without_target_is_a_usage_error(planned_dir: Path) -> None:
    """plan with neither --to nor a profile role exits 2 with one line saying what to do."""
    result = run("plan", catalog=planned_dir)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == ("certpath: error: no target: give --to CERT, or set a role with "
                             "'certpath profile set --role ROLE'\n")


@pytest.mark.parametrize(("args", "code", "text"), [
    (("--start", "next monday"), 2, "--start 'next monday' is not a date; write YYYY-MM-DD, "
                                    "today, tomorrow, next-monday (any weekday), +10d or +2w"),
    (("--pace", "leisurely"), 2, "Invalid value for '--pace'"),
    (("--hours-per-week", "0"), 2, "Invalid value for '--hours-per-week'"),
])
def test_plan_bad_input(planned_dir: Path, args: tuple[str, ...], code: int, text: str) -> None:
    """Bad dates, paces and hours are usage errors without a traceback."""
    result = run("plan", "--to", "arch", *args, catalog=planned_dir)
    assert result.exit_code == code
    assert text in result.stderr
    assert "Traceback" not in result.stderr


def test_next_json_contract(small_dir: Path) -> None:
    """next --json lists the suggestions and everything the certification leads to."""
    doc = ok_json("next", "basics", catalog=small_dir)
    assert set(doc) == {"schema_version", "certification", "next", "leads_to", "retired_on",
                        "replaced_by", "renews"}
    assert [n["certifications"] for n in doc["next"]] == [["assoc-a"], ["expert"]]
    assert [c["id"] for c in doc["leads_to"]] == ["assoc-a", "expert", "data-pro"]


def test_next_view_groups(small_dir: Path) -> None:
    """next shows what lists the certification as a prerequisite, of which kind, and what follows."""
    result = run("next", "basics", catalog=small_dir)
    assert result.exit_code == 0
    assert ("Leads to (lists it as a prerequisite):\n- Associate A (same track; requires it)\n"
            "- Cloud Expert (same track; recommended before it)\n") in result.stdout
    assert "nlock" not in result.stdout
    assert "Further on (builds on those):\n- Data Pro" in result.stdout


def test_profile_commands_round_trip(small_dir: Path, isolated_profile: Path) -> None:
    """set, earn and forget change the profile file; show reports it; messages go to stderr."""
    result = run("profile", "set", "--role", "SRE", "--hours-per-week", "6", catalog=small_dir)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"certpath: profile updated: {isolated_profile}\n"
    assert run("profile", "earn", "basics", "--on", "2024-05-01", catalog=small_dir).exit_code == 0
    assert run("profile", "earn", "assoc-b", catalog=small_dir).exit_code == 0
    assert run("profile", "forget", "Cloud Basics", catalog=small_dir).exit_code == 0
    doc = ok_json("profile", "show", catalog=small_dir)
    assert set(doc) == {"schema_version", "file", "role", "hours_per_week", "earned"}
    assert doc["role"] == {"id": "sre", "name": "Site Reliability Engineer"}
    assert doc["earned"] == [{"id": "assoc-b", "name": "Associate B", "earned": TODAY,
                              "expires": None, "expiry_from": None, "status": "no-expiry-stated"}]


def test_profile_show_flags_expiry(planned_dir: Path, isolated_profile: Path) -> None:
    """profile show marks expired and soon-to-expire certifications."""
    run("profile", "earn", "basics", "--on", "2022-06-01", catalog=planned_dir)
    run("profile", "earn", "assoc", "--on", "2022-03-01", catalog=planned_dir)
    result = run("profile", "show", catalog=planned_dir)
    assert result.exit_code == 0
    rows = [line.split("  ") for line in result.stdout.splitlines()[-2:]]
    assert [[cell.strip() for cell in row if cell.strip()] for row in rows] == [
        ["Cloud Basics", "2022-06-01", "2024-06-01", "EXPIRED"],
        ["Associate", "2022-03-01", "2025-03-01", "EXPIRES SOON"]]


def test_path_uses_profile_and_renews_expired(planned_dir: Path) -> None:
    """path takes held certifications from the profile and renews an expired must-be-valid one."""
    run("profile", "earn", "basics", "--on", "2022-06-01", catalog=planned_dir)
    doc = ok_json("path", "--to", "assoc", catalog=planned_dir)
    assert doc["have"] == ["basics"]
    assert [s["id"] for s in doc["steps"]] == ["basics", "assoc"]
    assert doc["notes"] == ["Cloud Basics is held but has expired; Associate needs it to be valid, "
                            "so it is renewed"]
    flags = ok_json("path", "--to", "assoc", "--have", "assoc", catalog=planned_dir)
    assert flags["have"] == ["assoc"]


def test_recommend_role_from_profile_environment_and_flag(small_dir: Path) -> None:
    """recommend takes --role, else CERTPATH_ROLE, else the profile's role; none is a usage error."""
    missing = run("recommend", catalog=small_dir)
    assert missing.exit_code == 2
    assert "no role: give --role ROLE" in missing.stderr
    run("profile", "set", "--role", "intern", catalog=small_dir)
    assert ok_json("recommend", catalog=small_dir)["role"]["id"] == "intern"
    env_run = run("recommend", "--json", catalog=small_dir, env={"CERTPATH_ROLE": "sre"})
    assert json.loads(env_run.stdout)["role"]["id"] == "sre"
    assert ok_json("recommend", "--role", "sre", catalog=small_dir)["role"]["id"] == "sre"


def test_plan_uses_profile_role_and_hours(planned_dir: Path, write_catalog: WriteCatalog) -> None:
    """plan without --to plans to the profile role's target at the profile's hours a week."""
    roles = "roles:\n  - {id: architect-role, name: Architect role, target: arch}\n"
    both = write_catalog(PLANNED_TRACKS, roles)
    run("profile", "set", "--role", "architect-role", "--hours-per-week", "10", catalog=both)
    doc = ok_json("plan", catalog=both)
    assert (doc["target"]["id"], doc["hours_per_week"]) == ("arch", 10)
    assert doc["totals"]["finish"] == "2025-02-23"


def test_corrupt_profile_stops_path_and_is_untouched(planned_dir: Path,
                                                     isolated_profile: Path) -> None:
    """A corrupt profile is one error line with file and line, exit 1, and the file is unchanged."""
    isolated_profile.parent.mkdir(parents=True)
    isolated_profile.write_bytes(b"schema_version: 1\nearned: {basics: [\n")
    for args in (("path", "--to", "assoc"), ("profile", "earn", "assoc")):
        result = run(*args, catalog=planned_dir)
        assert result.exit_code == 1
        assert result.stderr.startswith(f"certpath: {isolated_profile}:3:")
        assert result.stderr.count("\n") == 1
    assert isolated_profile.read_bytes() == b"schema_version: 1\nearned: {basics: [\n"


def test_profile_naming_an_unknown_certification(planned_dir: Path,
                                                 isolated_profile: Path) -> None:
    """A profile id the catalog does not know is reported at its line, with how to remove it."""
    isolated_profile.parent.mkdir(parents=True)
    isolated_profile.write_text("schema_version: 1\nearned:\n  retired: 2020-01-01\n",
                                     encoding="utf-8")
    result = run("path", "--to", "assoc", catalog=planned_dir)
    assert result.exit_code == 1
    assert result.stderr == (f"certpath: {isolated_profile}:3:12: error: unknown "
                             "certification 'retired' (the catalog has no such certification); "
                             "'certpath profile forget retired' changes it\n")
    assert run("profile", "forget", "retired", catalog=planned_dir).exit_code == 0


def test_profile_set_needs_something(small_dir: Path) -> None:
    """profile set with no option is a usage error."""
    result = run("profile", "set", catalog=small_dir)
    assert (result.exit_code, result.stdout) == (2, "")
    assert "nothing to set" in result.stderr


def test_profile_reset_needs_yes_when_not_interactive(small_dir: Path,
                                                      isolated_profile: Path) -> None:
    """reset refuses without --yes off a terminal, and with it keeps a backup."""
    run("profile", "earn", "basics", catalog=small_dir)
    refused = run("profile", "reset", catalog=small_dir)
    assert refused.exit_code == 2
    assert isolated_profile.exists()
    done = run("profile", "reset", "--yes", catalog=small_dir)
    assert done.exit_code == 0
    assert not isolated_profile.exists()
    assert isolated_profile.with_name("profile.yaml.bak").exists()


def test_team_json_contract(small_dir: Path, tmp_path: Path) -> None:
    """team --json has exactly the documented keys and the hand-computed totals."""
    team = tmp_path / "team.yaml"
    team.write_text("hours_per_week: 10\nstart: 2025-01-06\nmembers:\n"
                    "  - {name: Ana, role: sre}\n  - {name: Cy, role: intern}\n", encoding="utf-8")
    md = tmp_path / "team.md"
    result = run("team", str(team), "--json", "--markdown", str(md), catalog=small_dir)
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) == {"schema_version", "team", "file", "start", "members", "totals", "demand",
                        "institutions", "without_path", "coverage", "goals", "budget"}
    assert set(doc["members"][0]) == {"name", "role", "target", "target_reading", "have",
                                      "hours_per_week", "path", "hours", "hours_estimate", "weeks",
                                      "finish", "problem"}
    assert doc["totals"] == {"hours": 80, "hours_estimate": True, "ready": "2025-03-02",
                             "members": 2, "without_path": 1,
                             "fees": {"amounts": {}, "unknown": ["Ana: basics exam",
                                                                 "Ana: assoc-b exam",
                                                                 "Ana: expert exam"],
                                      "estimate": False}}
    assert set(doc["demand"][0]) == {"id", "name", "count", "members"}
    assert set(doc["institutions"][0]) == {"id", "name", "needs_covered", "certifications",
                                           "reading"}
    assert doc["without_path"] == [{"name": "Cy", "reason": "the catalog names no target for Intern"}]
    written = md.read_text(encoding="utf-8")
    assert written.startswith("# Team plan\n")
    assert "\n## Coverage on " in written
    assert "\n## Budget from 2025-01-06 to 2026-01-05\n" in written  # ready 03-02: a year


def test_bad_team_file_cli(small_dir: Path, tmp_path: Path) -> None:
    """A bad team file gives file:line:column on stderr and exit 1; with --json, an error document."""
    team = tmp_path / "team.yaml"
    team.write_text("members:\n  - {name: Ana, role: astronaut, hours_per_week: 5}\n",
                    encoding="utf-8")
    result = run("team", str(team), "--json", catalog=small_dir)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"certpath: {team}:2:23: error: unknown role 'astronaut'")
    assert json.loads(result.stdout)["error"]["code"] == "invalid_team"


def test_shipped_example_team() -> None:
    """The shipped example team file plans against the shipped catalog."""
    doc = ok_json("team", str(ROOT / "examples" / "team.yaml"), "--start", TODAY)
    assert doc["totals"]["members"] == len(doc["members"]) == 5
    assert doc["without_path"] == []
    assert doc["demand"][0]["count"] == 3


def test_shipped_architect_focused_plan() -> None:
    """The shipped Architect follows the source's 30-day focused plan: weeks 1-2, then 3-4."""
    doc = ok_json("plan", "--to", "architect", "--have", "professional", "--start", TODAY)
    [arch] = doc["certifications"]
    assert (arch["start"], arch["exam"], arch["days"], arch["estimate"]) == (
        TODAY, "2025-02-04", 30, False)
    assert [(p["start"], p["end"]) for p in arch["phases"]] == [
        ("2025-01-06", "2025-01-19"), ("2025-01-20", "2025-02-04")]


def test_help_ends_with_an_example() -> None:
    """Each new command's help ends with an example."""
    for args in (["plan"], ["next"], ["team"], ["profile", "show"], ["profile", "set"],
                 ["profile", "earn"], ["profile", "forget"], ["profile", "reset"]):
        result = run(*args, "--help")
        assert result.exit_code == 0
        assert "Example: certpath " in result.stdout


@pytest.mark.parametrize(("args", "env"), [
    (("--start", "9999-12-20"), {}),
    ((), {"CERTPATH_HOURS_PER_WEEK": "0.0001"}),
])
def test_plan_past_the_calendar_is_an_error_not_a_crash(planned_dir: Path, args: tuple[str, ...],
                                                         env: dict[str, str]) -> None:
    """A plan that would end after 9999-12-31, or a pace too slow to plan, is one clear line."""
    result = run("plan", "--to", "arch", *args, catalog=planned_dir, env=env)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("certpath: error: ")
    assert "Traceback" not in result.stderr


def test_empty_have_means_none_held_even_with_a_profile(planned_dir: Path) -> None:
    """--have '' overrides the profile's certifications: the answer is 'none'."""
    run("profile", "earn", "basics", "--on", "2024-06-01", catalog=planned_dir)
    assert ok_json("path", "--to", "assoc", catalog=planned_dir)["have"] == ["basics"]
    assert ok_json("path", "--to", "assoc", "--have", "", catalog=planned_dir)["have"] == []


def test_unknown_name_from_the_environment_names_the_variable(small_dir: Path) -> None:
    """CERTPATH_HAVE=nosuch is reported as coming from CERTPATH_HAVE."""
    result = run("path", "--to", "expert", catalog=small_dir, env={"CERTPATH_HAVE": "nosuch"})
    assert result.exit_code == 1
    assert "unknown certification 'nosuch' (from CERTPATH_HAVE)" in result.stderr


def test_plan_view_gives_phases_only_for_preparation_plans(planned_dir: Path) -> None:
    """Basics and Associate have no preparation plan: one line names them, with no phase table."""
    result = run("plan", "--to", "arch", "--hours-per-week", "10", catalog=planned_dir)
    assert result.exit_code == 0, result.stderr
    assert "Cloud Basics, Associate: no preparation plan in the catalog; their windows come " \
           "from the study effort." in result.stdout
    # Only arch has plans; at 10 h a week it follows its focused plan, so one phase heading.
    assert result.stdout.count("Dates ") == 1
    assert "Architect: " in result.stdout


def test_shipped_focused_plan_marks_its_own_split(tmp_path: Path) -> None:
    """The second phase of the 30 day plan is dated as certpath's reading, on every surface."""
    # The source: "the first two weeks" (days 1-14, 2025-01-06 to 01-19) and "the final two weeks"
    # of 30 days; certpath starts the second on day 15 (2025-01-20) and ends it on day 30 (02-04).
    md, ics = tmp_path / "plan.md", tmp_path / "plan.ics"
    result = run("plan", "--to", "architect", "--have", "professional", "--start", TODAY,
                 "--markdown", str(md), "--ics", str(ics))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("2025-01-06 to 2025-01-19  ") for line in lines)
    assert any(line.startswith("2025-01-20 to 2025-02-04 (reading)  Governance") for line in lines)
    assert lines[-1].startswith("(reading): certpath's reading of the catalog's source")
    assert "- [ ] 2025-01-20 to 2025-02-04 (reading): MLOps Architect: Governance, security and " \
           "mock assessments" in md.read_text(encoding="utf-8").splitlines()
    events = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    notes = {str(e["SUMMARY"]): str(e["DESCRIPTION"]) for e in events}
    assert notes["MLOps Architect: Governance, security and mock assessments"].endswith(
        "(dates: certpath's reading of the catalog's source)")
    assert "reading" not in notes["MLOps Architect: Advanced CI/CD for AI and hands-on labs"]
    doc = ok_json("plan", "--to", "architect", "--have", "professional", "--start", TODAY)
    first, final = doc["certifications"][0]["phases"]
    assert (first["start"], first["end"], first["reading"]) == ("2025-01-06", "2025-01-19", None)
    assert (final["start"], final["end"]) == ("2025-01-20", "2025-02-04")
    assert "day 15" in final["reading"]
    assert final["estimate"] is False
