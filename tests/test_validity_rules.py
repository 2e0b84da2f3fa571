"""Right answers where validity matters: the exam day, any-of, implied holdings, titles, targets."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from certpath.catalog import Catalog, load_catalog
from certpath.cli import app
from certpath.planning import plan_path
from certpath.schedule import build_schedule
from certpath.validity import not_valid_ids, standings
from tests.conftest import LEVELS, WriteCatalog

D = dt.date

# admin: 12 months; spec needs a valid admin at its exam; alt-a/alt-b: either one, valid;
# title: both alternatives, staying valid. Every effort is 7 h, so at 7 h a week an exam is
# on the 7th day of its window.
CATALOG = LEVELS + """\
certifications:
  - {id: admin, name: Admin, track: cloud, level: intermediate, validity_months: 12,
     effort: {hours: 7}}
  - id: spec
    name: Spec
    track: cloud
    level: advanced
    validity_months: 24
    effort: {hours: 7}
    requires:
      - {cert: admin, must_be_valid: true}
  - id: pro
    name: Pro
    track: cloud
    level: advanced
    effort: {hours: 7}
    requires:
      - {cert: admin, must_be_valid: true}
  - {id: alt-a, name: Alt A, track: data, level: beginner, validity_months: 12,
     effort: {hours: 7}}
  - {id: alt-b, name: Alt B, track: data, level: beginner, validity_months: 12,
     effort: {hours: 7}}
  - id: either
    name: Either
    track: data
    level: advanced
    effort: {hours: 7}
    requires:
      - {any_of: [alt-a, alt-b], must_be_valid: true}
  - id: both
    name: Both Title
    track: data
    level: advanced
    title: true
    requires:
      - {any_of: [alt-a, alt-b], choose: 2, must_stay_valid: true}
"""


def load(write_catalog: WriteCatalog) -> Catalog:
    """Load the catalog above."""
    return load_catalog([write_catalog(CATALOG)], builtin=False)


def plan_notes(catalog: Catalog, target: str, earned: dict[str, D], start: D) -> list[str]:
    """Plan ``target`` from ``earned`` at 7 h a week and return the plan's notes."""
    path = plan_path(catalog, target, list(earned),
                     expired=not_valid_ids(catalog, earned, start))
    return list(build_schedule(catalog, path, start=start, hours_per_week=7,
                               earned=earned).notes)


def test_expiry_on_the_exam_day_warns(write_catalog: WriteCatalog) -> None:
    """Admin earned 2024-01-10 expires 2025-01-10; a spec exam that day (start 01-04 + 6) warns."""
    catalog = load(write_catalog)
    notes = plan_notes(catalog, "spec", {"admin": D(2024, 1, 10)}, D(2025, 1, 4))
    assert any("Admin expires on 2025-01-10" in n for n in notes), notes


def test_expiry_the_day_after_the_exam_does_not_warn(write_catalog: WriteCatalog) -> None:
    """Admin earned 2024-01-11 is still valid on 2025-01-10, the exam day: no warning."""
    catalog = load(write_catalog)
    notes = plan_notes(catalog, "spec", {"admin": D(2024, 1, 11)}, D(2025, 1, 4))
    assert not any("expires" in n for n in notes), notes


def test_any_of_with_one_valid_alternative_does_not_ask_to_renew(
        write_catalog: WriteCatalog) -> None:
    """Alt A lapses on 2025-01-01, before the exam; Alt B lasts to 2025-06-01: no renewal asked."""
    catalog = load(write_catalog)
    held = {"alt-a": D(2024, 1, 1), "alt-b": D(2024, 6, 1)}
    notes = plan_notes(catalog, "either", held, D(2024, 12, 30))
    assert not any("renew" in n for n in notes), notes


def test_any_of_picks_the_held_alternative_valid_longest(write_catalog: WriteCatalog) -> None:
    """Both alternatives held and valid today: the one that expires later (Alt B) is chosen."""
    catalog = load(write_catalog)
    held = {"alt-a": D(2024, 1, 1), "alt-b": D(2024, 6, 1)}
    today = D(2024, 11, 1)
    exp = {cid: s.expires for cid, s in standings(catalog, held, today).items()}
    path = plan_path(catalog, "either", list(held), expired=not_valid_ids(catalog, held, today),
                     expires=exp)
    assert [c.chosen for c in path.choices] == [("alt-b",)]


def test_expired_holding_does_not_prove_a_valid_prerequisite(write_catalog: WriteCatalog) -> None:
    """Spec earned 2020 (expired) implies Admin was held, not that it is valid: Pro needs Admin."""
    catalog = load(write_catalog)
    held = {"spec": D(2020, 1, 1)}
    path = plan_path(catalog, "pro", list(held), expired=not_valid_ids(catalog, held,
                                                                        D(2025, 1, 1)))
    assert [s.id for s in path.steps] == ["admin", "pro"]


def test_valid_holding_does_not_date_its_must_be_valid_prerequisite(
        write_catalog: WriteCatalog) -> None:
    """Spec earned 2024-06 is valid, but Admin had only to be valid then: Pro still needs Admin."""
    catalog = load(write_catalog)
    assert not_valid_ids(catalog, {"spec": D(2024, 6, 1)}, D(2025, 1, 1)) == ["admin"]


def test_title_lapses_with_its_member(write_catalog: WriteCatalog) -> None:
    """Both Title with Alt A lapsed on 2025-01-01 is expired on 2025-02-01, lapsed by Alt A."""
    catalog = load(write_catalog)
    held = {"alt-a": D(2024, 1, 1), "alt-b": D(2024, 6, 1), "both": D(2024, 6, 1)}
    found = standings(catalog, held, D(2025, 2, 1))["both"]
    assert (found.status, found.expires, found.lapsed_by) == ("expired", D(2025, 1, 1), "alt-a")
    path = plan_path(catalog, "both", list(held),
                     expired=not_valid_ids(catalog, held, D(2025, 2, 1)))
    assert [s.id for s in path.steps] == ["alt-a", "both"]


def run_json(directory: Path, profile: Path, *args: str, today: str) -> dict[str, Any]:
    """Run a command with --json on the catalog, a profile and a fixed today."""
    result = CliRunner().invoke(
        app, ["--no-builtin", "--catalog", str(directory), *args, "--json"],
        env={"NO_COLOR": "1", "CERTPATH_PROFILE": str(profile), "CERTPATH_TODAY": today})
    assert result.exit_code == 0, result.stdout + result.stderr
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def test_profile_show_says_a_title_with_a_lapsed_member_expired(
        write_catalog: WriteCatalog, tmp_path: Path) -> None:
    """profile show: the title's status follows Alt A, which lapsed on 2025-01-01."""
    profile = tmp_path / "profile.yaml"
    profile.write_text("earned:\n  alt-a: 2024-01-01\n  alt-b: 2024-06-01\n  both: 2024-06-01\n",
                       encoding="utf-8")
    doc = run_json(write_catalog(CATALOG), profile, "profile", "show", today="2025-02-01")
    row = next(e for e in doc["earned"] if e["id"] == "both")
    assert (row["status"], row["expires"]) == ("expired", "2025-01-01")


def test_path_to_an_expired_target_plans_it_again(write_catalog: WriteCatalog,
                                                  tmp_path: Path) -> None:
    """Spec expired 2022-01-01 and Admin with it: path --to spec plans Admin, then Spec again."""
    profile = tmp_path / "profile.yaml"
    profile.write_text("earned:\n  spec: 2020-01-01\n", encoding="utf-8")
    doc = run_json(write_catalog(CATALOG), profile, "path", "--to", "spec", today="2025-02-01")
    assert [s["id"] for s in doc["steps"]] == ["admin", "spec"]


def test_tracks_lists_lower_levels_first_across_tracks(write_catalog: WriteCatalog) -> None:
    """Level rank beats the per-track order: beginners of any track, then by order, then catalog."""
    tracks = LEVELS + """\
certifications:
  - {id: c, name: C, track: data, level: beginner}
  - {id: a, name: A, track: cloud, level: advanced, order: 1}
  - {id: b, name: B, track: data, level: beginner, order: 2}
"""
    result = CliRunner().invoke(app, ["--no-builtin", "--catalog", str(write_catalog(tracks)),
                                      "tracks", "--json"])
    assert [c["id"] for c in json.loads(result.stdout)["certifications"]] == ["b", "c", "a"]


def test_unknown_key_in_a_requirement_suggests_the_near_one(write_catalog: WriteCatalog) -> None:
    """'recomended' in a requirement mapping: did you mean 'recommended'?"""
    from certpath.catalog import validate_catalog
    tracks = LEVELS + """\
certifications:
  - {id: x, name: X, track: cloud}
  - {id: y, name: Y, track: cloud, requires: [{cert: x, recomended: true}]}
"""
    report = validate_catalog([write_catalog(tracks)], builtin=False)
    assert [f.message for f in report.findings] == [
        "unknown key 'recomended'; did you mean 'recommended'?"]
