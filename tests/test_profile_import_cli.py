"""certpath profile import: the dry-run table, the JSON document, and all-or-nothing writes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from certpath.cli import app
from tests import credential_fixtures as fx


def run(catalog: Path, *args: str) -> Any:
    """Invoke certpath on a fixture catalog with today fixed at 2025-01-06."""
    return CliRunner().invoke(app, ["--no-builtin", "--catalog", str(catalog), *args],
                              env={"NO_COLOR": "1", "CERTPATH_TODAY": "2025-01-06",
                                   "COLUMNS": "160"})


def files(tmp_path: Path) -> list[str]:
    """An Open Badges 2.0 PNG for Cloud Basics and a LinkedIn export with Associate A."""
    assertion = {**fx.OB2_ASSERTION, "badge": {**fx.OB2_ASSERTION["badge"],
                                                "name": "Cloud Basics"}}
    png = tmp_path / "basics.png"
    png.write_bytes(fx.png(fx.itxt("openbadges", json.dumps(assertion))))
    csv = tmp_path / "Certifications.csv"
    csv.write_text("Name,Url,Authority,Started On,Finished On,License Number\n"
                   "Associate A,,Cloud Org,Mar 2024,,\nUnknown Thing,,Other,Jan 2020,,\n",
                   encoding="utf-8")
    return [str(png), str(csv)]


def test_dry_run_shows_the_table_and_writes_nothing(small_dir: Path, tmp_path: Path,
                                                    isolated_profile: Path) -> None:
    """--dry-run prints each credential's certification, dates and action; no profile appears."""
    result = run(small_dir, "profile", "import", "--dry-run", *files(tmp_path))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.split() == ["Cloud", "Basics", "Example", "Maker", "Society", "Cloud",
                                "Basics", "2016-12-31", "-", "add"] for line in lines)
    assert any(line.split()[-3:] == ["2024-03", "-", "add"] for line in lines)
    assert any(line.split()[-3:] == ["2020-01", "-", "unmatched"] for line in lines)
    assert "would record 2 of 3 credentials (1 unmatched)" in result.stdout
    assert not isolated_profile.exists()


def test_import_records_and_reports(small_dir: Path, tmp_path: Path,
                                    isolated_profile: Path) -> None:
    """Without --dry-run the matched credentials are recorded, months as months."""
    result = run(small_dir, "profile", "import", *files(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("certpath: recorded 2 of 3 credentials (1 unmatched): ")
    text = isolated_profile.read_text(encoding="utf-8")
    assert "basics: 2016-12-31\n" in text
    assert "assoc-a: 2024-03\n" in text
    again = run(small_dir, "profile", "import", "--json", *files(tmp_path))
    assert [c["action"] for c in json.loads(again.stdout)["credentials"]] == [
        "recorded", "recorded", "unmatched"]


def test_json_document_keys(small_dir: Path, tmp_path: Path) -> None:
    """The --json document and each credential in it have exactly the documented keys."""
    result = run(small_dir, "profile", "import", "--dry-run", "--json", *files(tmp_path))
    doc = json.loads(result.stdout)
    assert set(doc) == {"schema_version", "file", "dry_run", "credentials", "counts"}
    assert doc["counts"] == {"add": 2, "update": 0, "recorded": 0, "unmatched": 1,
                             "ambiguous": 0, "superseded": 0, "withdrawn": 0}
    first = doc["credentials"][0]
    assert set(first) == {"name", "issuer", "format", "source", "signed", "verified", "earned",
                          "expires", "certification", "matched_by", "candidates", "nearest",
                          "action", "notes"}
    assert first["certification"] == {"id": "basics", "name": "Cloud Basics"}
    assert (first["format"], first["verified"]) == ("Open Badges 2.0", False)


def test_signed_credential_says_not_verified(small_dir: Path, tmp_path: Path) -> None:
    """A JWT credential is imported with the note that its signature is not verified."""
    credential = {**fx.OB3_CREDENTIAL, "credentialSubject": {
        **fx.OB3_CREDENTIAL["credentialSubject"], "achievement": {"name": "Associate B"}}}
    token = tmp_path / "b.jwt"
    token.write_text(fx.jws(credential), encoding="utf-8")
    result = run(small_dir, "profile", "import", "--dry-run", str(token))
    assert "Associate B: signature not verified" in result.stdout


def test_one_bad_file_writes_nothing(small_dir: Path, tmp_path: Path,
                                     isolated_profile: Path) -> None:
    """A good file and a bad one: one error line naming the bad file, exit 1, no profile."""
    bad = tmp_path / "plain.png"
    bad.write_bytes(fx.png())
    result = run(small_dir, "profile", "import", *files(tmp_path), str(bad))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"certpath: error: {bad}: a PNG image without badge data (no iTXt "
                             "chunk 'openbadges' or 'openbadgecredential')\n")
    assert not isolated_profile.exists()


def test_bad_file_with_json_is_an_error_document(small_dir: Path, tmp_path: Path) -> None:
    """With --json the error is also a JSON document, code invalid_credential."""
    bad = tmp_path / "m.json"
    bad.write_text("{", encoding="utf-8")
    result = run(small_dir, "profile", "import", "--json", str(bad))
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"]["code"] == "invalid_credential"


def test_import_that_records_nothing_leaves_the_profile_alone(small_dir: Path, tmp_path: Path,
                                                             isolated_profile: Path) -> None:
    """Only unmatched credentials: no profile is created, and an existing hand-edited one keeps
    every byte (its comments too)."""
    csv = tmp_path / "Certifications.csv"
    csv.write_text("Name,Url,Authority,Started On,Finished On,License Number\n"
                   "Unknown Thing,,Other,Jan 2020,,\n", encoding="utf-8")
    result = run(small_dir, "profile", "import", str(csv))
    assert result.exit_code == 0, result.stderr
    assert not isolated_profile.exists()
    isolated_profile.parent.mkdir(parents=True, exist_ok=True)
    text = "# mine, kept by hand\nschema_version: 1\nearned:\n  basics: 2020-01-02  # first\n"
    isolated_profile.write_text(text, encoding="utf-8")
    result = run(small_dir, "profile", "import", str(csv))
    assert result.exit_code == 0, result.stderr
    assert isolated_profile.read_text(encoding="utf-8") == text
    assert "unchanged" in result.stderr


def credly_list(tmp_path: Path) -> Path:
    """A Credly badge list: Cloud Basics revoked, Associate A accepted."""
    basics = {**fx.CREDLY["data"][0], "state": "revoked",
              "badge_template": {"id": "t-9", "name": "Cloud Basics"}}
    assoc = {**fx.CREDLY["data"][1], "state": "accepted",
             "badge_template": {"id": "t-8", "name": "Associate A"}}
    path = tmp_path / "badges.json"
    path.write_text(json.dumps({"data": [basics, assoc]}), encoding="utf-8")
    return path


def test_revoked_credly_badge_is_reported_not_recorded(small_dir: Path, tmp_path: Path,
                                                       isolated_profile: Path) -> None:
    """A Credly badge in state revoked is listed as withdrawn with a note; only the accepted one
    is recorded, in the profile and in a team member's have list."""
    badges = credly_list(tmp_path)
    result = run(small_dir, "profile", "import", str(badges))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(
        "certpath: recorded 1 of 2 credentials (1 withdrawn: not recorded): ")
    text = isolated_profile.read_text(encoding="utf-8")
    assert "assoc-a: 2024-02-29\n" in text
    assert "basics" not in text
    doc = json.loads(run(small_dir, "profile", "import", "--json", "--dry-run",
                         str(badges)).stdout)
    assert [(c["action"], c["notes"]) for c in doc["credentials"]] == [
        ("withdrawn", ["its file marks it revoked, so it is not recorded"]), ("recorded", [])]
    assert (doc["counts"]["withdrawn"], doc["counts"]["recorded"]) == (1, 1)
    team = tmp_path / "team.yaml"
    team.write_text("schema_version: 1\nmembers:\n  - name: Asha\n    target: expert\n",
                    encoding="utf-8")
    result = run(small_dir, "team", "import", str(team), "--member", "Asha", str(badges))
    assert result.exit_code == 0, result.stderr
    assert "have: [\"assoc-a:2024-02-29\"]" in team.read_text(encoding="utf-8")


def test_a_credential_issued_after_today_writes_nothing(small_dir: Path, tmp_path: Path,
                                                        isolated_profile: Path) -> None:
    """A badge dated after today (2025-01-06 here) fails the whole import, good files too:
    recorded, the date would make every later command refuse the profile."""
    future = tmp_path / "future.json"
    future.write_text(json.dumps({**fx.OB2_ASSERTION, "issuedOn": "2025-01-07"}),
                      encoding="utf-8")
    result = run(small_dir, "profile", "import", *files(tmp_path), str(future))
    assert result.exit_code == 1
    assert result.stderr == (f"certpath: error: {future}: '3-D Printmaster' was issued on "
                             "2025-01-07, after today (2025-01-06); no certification can be "
                             "earned yet, so the file is wrong\n")
    assert not isolated_profile.exists()
