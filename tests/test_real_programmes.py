"""The three example programmes in examples/, with answers worked out by hand from their rules.

Kubernetes: CKS needs a valid CKA; CKA/CKAD/KCNA/KCSA earned from 2024-04-01 last 24 months
(36 before); Kubestronaut is all five, valid together, kept to the end of the year the first
lapses. Role-based cloud: associates and experts
last 12 months, renewed by a free assessment open 6 months before expiry; experts need a valid
associate; DP-203 retired 2025-03-31. Recommendations-only cloud: 36 months, renewed by retaking
or by a higher exam.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from certpath.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
K8S, AZURE, AWS = EXAMPLES / "kubernetes", EXAMPLES / "role-based-cloud", EXAMPLES / "cloud-provider"


def run(catalog: Path, *args: str, earned: str = "", today: str = "2025-06-01",
        tmp: Path | None = None) -> Any:
    """Run certpath on one example alone, with a profile holding ``earned`` (YAML lines)."""
    env = {"NO_COLOR": "1", "COLUMNS": "200", "CERTPATH_TODAY": today,
           "CERTPATH_PROFILE": "/nonexistent/profile.yaml", "CERTPATH_HAVE": None}
    if tmp is not None:
        profile = tmp / "profile.yaml"
        profile.write_text("earned:\n" + earned if earned else "{}\n", encoding="utf-8")
        env["CERTPATH_PROFILE"] = str(profile)
    return CliRunner().invoke(app, ["--no-builtin", "--catalog", str(catalog), *args], env=env)


def doc(catalog: Path, *args: str, **kw: Any) -> dict[str, Any]:
    """Run with --json and parse the document."""
    result = run(catalog, *args, "--json", **kw)
    assert result.exit_code == 0, result.stdout + result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def steps(document: dict[str, Any]) -> list[str]:
    """Return the ids of a path document's steps."""
    return [s["id"] for s in document["steps"]]


def test_kubestronaut_from_nothing() -> None:
    """All five, associates first, CKA before CKS, then the title; fees 250+250+445*3 = 1835."""
    found = doc(K8S, "path", "--to", "kubestronaut", "--have", "")
    assert steps(found) == ["kcna", "kcsa", "cka", "ckad", "cks", "kubestronaut"]
    assert found["totals"]["fees"]["amounts"] == {"USD": 1835.0}
    assert found["totals"]["hours"] == 25 + 25 + 60 + 50 + 60


def test_exam_code_finds_the_certification() -> None:
    """'path --to CKS' matches the exam code; from a held CKA (no date) only CKS is left."""
    assert steps(doc(K8S, "path", "--to", "CKS", "--have", "cka")) == ["cks"]


def test_cka_validity_depends_on_when_it_was_earned(tmp_path: Path) -> None:
    """CKA earned 2024-03-31 lasts 36 months (to 2027-03-31); earned 2024-04-01, 24 (2026-04-01)."""
    found = doc(K8S, "profile", "show", tmp=tmp_path,
                earned="  cka: 2024-03-31\n  ckad: 2024-04-01\n", today="2025-06-01")
    assert {e["id"]: e["expires"] for e in found["earned"]} == {
        "cka": "2027-03-31", "ckad": "2026-04-01"}


def test_expired_cka_is_retaken_before_cks(tmp_path: Path) -> None:
    """CKA earned 2022-01-10 expired on 2025-01-10 (36 months): the CKS path takes CKA again."""
    found = doc(K8S, "path", "--to", "cks", tmp=tmp_path, earned="  cka: 2022-01-10\n")
    assert steps(found) == ["cka", "cks"]


def test_held_line_marks_what_has_expired(tmp_path: Path) -> None:
    """On 2025-06-01: KCNA earned 2022-01-10 expired 2025-01-10 (36 months); CKA earned
    2022-06-01 expires 2025-06-01, that very day, so it has expired too; CKAD earned 2025-01-01
    lasts 24 months. The path and the plan mark the two as expired on their "Held:" line."""
    earned = "  kcna: 2022-01-10\n  cka: 2022-06-01\n  ckad: 2025-01-01\n"
    held = ("Held: Kubernetes and Cloud Native Associate (expired), Certified Kubernetes "
            "Administrator (expired), Certified Kubernetes Application Developer")
    for command in ("path", "plan"):
        result = run(K8S, command, "--to", "kubestronaut", tmp=tmp_path, earned=earned)
        assert result.exit_code == 0, result.stdout + result.stderr
        [line] = [line for line in result.stdout.splitlines() if line.startswith("Held:")]
        assert " ".join(line.split()) == held


def test_expired_cks_does_not_prove_a_valid_cka(tmp_path: Path) -> None:
    """CKS earned 2022-01-01 expired 2024-01-01: Kubestronaut needs CKA taken, not implied."""
    found = doc(K8S, "path", "--to", "kubestronaut", tmp=tmp_path, earned="  cks: 2022-01-01\n")
    assert steps(found) == ["kcna", "kcsa", "cka", "ckad", "cks", "kubestronaut"]


def test_kubestronaut_is_kept_to_the_end_of_the_year_its_first_member_lapses(
        tmp_path: Path) -> None:
    """Five held; KCNA (2024-05-01 + 24 months) is the first to lapse, on 2026-05-01. The CNCF
    keeps the title "until the end of the year in which their first of the 5 certifications
    expires": held through 2026-12-31, so it expires on 2027-01-01, and the path says to earn
    KCNA again. Without the title recorded, only KCNA is taken again (KCSA is valid to
    2026-06-01), then the title; on 2027-01-02 the title has lapsed."""
    earned = ("  kcna: 2024-05-01\n  kcsa: 2024-06-01\n  cka: 2024-07-01\n  ckad: 2024-08-01\n"
              "  cks: 2024-09-01\n")
    titled = earned + "  kubestronaut: 2024-09-01\n"
    found = doc(K8S, "profile", "show", tmp=tmp_path, earned=titled, today="2026-05-15")
    rows = {e["id"]: (e["status"], e["expires"]) for e in found["earned"]}
    assert rows["kubestronaut"] == ("valid", "2027-01-01")
    assert rows["kcna"] == ("expired", "2026-05-01")
    kept = doc(K8S, "path", "--to", "kubestronaut", tmp=tmp_path, earned=titled,
               today="2026-05-15")
    assert steps(kept) == []
    assert any("earn again before then: Kubernetes and Cloud Native Associate" in n
               for n in kept["notes"])
    again = doc(K8S, "path", "--to", "kubestronaut", tmp=tmp_path, earned=earned,
                today="2026-05-15")
    assert steps(again) == ["kcna", "kubestronaut"]
    late = doc(K8S, "profile", "show", tmp=tmp_path, earned=titled, today="2027-01-02")
    assert {e["id"]: e["status"] for e in late["earned"]}["kubestronaut"] == "expired"


def test_team_totals_the_exam_fees_of_every_plan(tmp_path: Path) -> None:
    """On 2025-09-01: Ann's CKA (2022-01-10, 36 months) has expired, so CKA and CKS, USD 890;
    Bob holds KCNA, so KCSA, CKA, CKAD and CKS for Kubestronaut, 250 + 445 * 3 = USD 1,585;
    Cy's CKA (2025-01-10, 24 months) is valid, so CKS alone, USD 445. Team: USD 2,920, an
    estimate (the KCSA, CKAD and CKS prices are)."""
    team = tmp_path / "team.yaml"
    team.write_text("hours_per_week: 8\nmembers:\n"
                    "  - {name: Ann, role: k8s-security-engineer, have: ['cka:2022-01-10']}\n"
                    "  - {name: Bob, role: k8s-platform-engineer, have: [kcna]}\n"
                    "  - {name: Cy, target: CKS, have: ['cka:2025-01-10']}\n", encoding="utf-8")
    found = doc(K8S, "team", str(team), today="2025-09-01")
    assert found["totals"]["fees"] == {"amounts": {"USD": 2920.0}, "unknown": [],
                                       "estimate": True}
    text = run(K8S, "team", str(team), today="2025-09-01").stdout
    assert "Exam fees:         USD 2,920 (estimate)" in text


def test_show_says_the_title_is_kept_to_the_year_end() -> None:
    """show Kubestronaut: no exam, valid while its members are, and kept to the year end."""
    lines = [" ".join(line.split()) for line in run(K8S, "show", "kubestronaut").stdout.splitlines()]
    assert "Exam: none: a title, held with its members" in lines
    assert ("Validity: while its must-be-valid members are valid; when one lapses, held to the "
            "end of that year") in lines


def test_title_whose_members_are_all_held_costs_nothing(tmp_path: Path) -> None:
    """All five held and valid on 2025-09-01 (the first, KCNA from 2024-05-01, lasts to
    2026-05-01): the path is the title alone, with no study and no fee (not "not stated" or
    "not in the catalog"), and the plan says it is held now, not from the day before."""
    earned = ("  kcna: 2024-05-01\n  kcsa: 2024-06-01\n  cka: 2024-07-01\n  ckad: 2024-08-01\n"
              "  cks: 2024-09-01\n")
    found = doc(K8S, "path", "--to", "kubestronaut", tmp=tmp_path, earned=earned,
                today="2025-09-01")
    assert steps(found) == ["kubestronaut"]
    assert found["totals"] == {"certifications": 1, "hours": 0, "hours_estimate": False,
                               "without_effort": [],
                               "fees": {"amounts": {}, "unknown": [], "estimate": False}}
    text = run(K8S, "path", "--to", "kubestronaut", tmp=tmp_path, earned=earned,
               today="2025-09-01").stdout
    assert "Total: 1 certification, 0 h; no fees" in text
    plan = doc(K8S, "plan", "--to", "kubestronaut", tmp=tmp_path, earned=earned,
               today="2025-09-01")
    assert ("Kubestronaut is a title, earned by holding its requirements: no exam; held now: "
            "you hold its requirements") in plan["notes"]


def test_title_has_no_study_window() -> None:
    """In a plan, the title gets no window of its own: five windows, and a note."""
    found = doc(K8S, "plan", "--to", "kubestronaut", "--have", "", "--start", "2025-01-06")
    assert [w["id"] for w in found["certifications"]] == ["kcna", "kcsa", "cka", "ckad", "cks"]
    assert any("Kubestronaut is a title" in n for n in found["notes"])


def test_due_lists_the_soon_expiring_with_its_renewal(tmp_path: Path) -> None:
    """CKA earned 2024-04-01 expires 2026-04-01, 59 days after 2026-02-01: retake, USD 445."""
    found = doc(K8S, "due", tmp=tmp_path, earned="  cka: 2024-04-01\n  kcna: 2025-01-01\n",
                today="2026-02-01")
    [item] = found["due"]
    assert (item["id"], item["expires"], item["expired"]) == ("cka", "2026-04-01", False)
    assert item["cheapest"]["kind"] == "retake"
    assert item["cheapest"]["fee"] == {"amount": 445.0, "currency": "USD", "estimate": False}


def test_expert_from_nothing_with_fees() -> None:
    """AZ-305: fundamentals (recommended), the administrator, the expert; USD 99+165+165."""
    found = doc(AZURE, "path", "--to", "AZ-305", "--have", "")
    assert steps(found) == ["azure-fundamentals", "azure-administrator",
                            "azure-solutions-architect"]
    assert found["totals"]["fees"]["amounts"] == {"USD": 429.0}


def test_devops_expert_uses_the_valid_associate(tmp_path: Path) -> None:
    """Administrator expired 2025-01-10, developer valid to 2025-06-01: AZ-400 uses the developer,
    and the path does not say the expired administrator is renewed."""
    found = doc(AZURE, "path", "--to", "az-400", tmp=tmp_path, today="2025-03-01",
                earned="  azure-administrator: 2024-01-10\n  azure-developer: 2024-06-01\n")
    assert steps(found) == ["devops-engineer-expert"]
    assert found["choices"][0]["chosen"] == ["azure-developer"]
    assert not any("renewed" in note for note in found["notes"])  # nothing is renewed for it


def test_renewal_assessment_window(tmp_path: Path) -> None:
    """AZ-104 earned 2024-12-15 expires 2025-12-15; its free assessment opens 2025-06-15 and
    extends it a year from the old expiry, to 2026-12-15."""
    result = run(AZURE, "due", "--check", tmp=tmp_path, today="2025-11-01",
                 earned="  azure-administrator: 2024-12-15\n")
    assert result.exit_code == 3
    found = doc(AZURE, "due", tmp=tmp_path, today="2025-11-01",
                earned="  azure-administrator: 2024-12-15\n")
    cheapest = found["due"][0]["cheapest"]
    assert (cheapest["kind"], cheapest["opens"], cheapest["until"]) == (
        "assessment", "2025-06-15", "2026-12-15")
    assert cheapest["fee"]["amount"] == 0


def test_nothing_due_exits_zero_even_with_check(tmp_path: Path) -> None:
    """AZ-104 earned 2025-10-01 expires 2026-10-01, beyond 90 days: exit 0 with --check."""
    result = run(AZURE, "due", "--check", tmp=tmp_path, today="2025-11-01",
                 earned="  azure-administrator: 2025-10-01\n")
    assert result.exit_code == 0
    assert "Nothing held expires" in result.stdout


def test_retired_target_points_at_its_successor(tmp_path: Path) -> None:
    """DP-203 retired 2025-03-31: a path to it on 2025-06-01 plans nothing and names DP-700.

    A role still aimed at DP-203 (an overlay's) is recommended nothing but its successor.
    """
    found = doc(AZURE, "path", "--to", "DP-203", "--have", "")
    assert steps(found) == []
    assert "Fabric Data Engineer Associate" in found["notes"][0]
    (tmp_path / "roles.yaml").write_text(
        "roles:\n  - {id: old-data, name: Old data role, target: azure-data-engineer}\n",
        encoding="utf-8")
    role = doc(AZURE, "--catalog", str(tmp_path), "recommend", "--role", "old-data",
               "--have", "")
    assert role["path"] == []
    assert (role["target"]["retired_on"], role["target"]["replaced_by"]) == (
        "2025-03-31", "fabric-data-engineer")


def test_team_member_aimed_at_a_retired_certification_has_no_path(tmp_path: Path) -> None:
    """On 2025-09-01 DP-203 (retired 2025-03-31) cannot be earned: a member aimed at it has no
    path (not "nothing left", ready on the start day), and the reason names its successor; a
    member who holds it, earned 2025-02-01 and valid to 2026-02-01, has nothing left."""
    team = tmp_path / "team.yaml"
    team.write_text("hours_per_week: 5\nmembers:\n  - {name: Ann, target: DP-203}\n"
                    "  - {name: Cy, target: DP-203, have: ['azure-data-engineer:2025-02-01']}\n",
                    encoding="utf-8")
    found = doc(AZURE, "team", str(team), today="2025-09-01")
    ann, cy = found["members"]
    assert (ann["path"], ann["finish"]) == ([], None)
    assert ann["problem"].startswith("Microsoft Certified: Azure Data Engineer Associate was "
                                     "retired on 2025-03-31 and can no longer be earned; its "
                                     "successor is Microsoft Certified: Fabric Data Engineer")
    assert [m["name"] for m in found["without_path"]] == ["Ann"]
    assert (cy["path"], cy["finish"], cy["problem"]) == ([], "2025-09-01", None)


def test_retired_held_certification_stays_valid_until_it_expires(tmp_path: Path) -> None:
    """DP-203 earned 2025-02-01 (before retirement) is valid on 2025-06-01, to 2026-02-01."""
    found = doc(AZURE, "profile", "show", tmp=tmp_path,
                earned="  azure-data-engineer: 2025-02-01\n")
    [row] = found["earned"]
    assert (row["status"], row["expires"]) == ("valid", "2026-02-01")


def test_higher_exam_renews_the_associate_on_the_plan(tmp_path: Path) -> None:
    """SAA earned 2023-06-01 expires 2026-06-01; the SAP exam on the plan (before then) renews it."""
    found = doc(AWS, "plan", "--to", "SAP-C02", "--start", "2026-01-05", tmp=tmp_path,
                today="2026-01-05", earned="  aws-solutions-architect-associate: 2023-06-01\n")
    [held] = [r for r in found["renewals"] if not r["planned"]]
    assert (held["id"], held["renewed_by"]) == ("aws-solutions-architect-associate",
                                                 "aws-solutions-architect-professional")


def test_a_later_exam_of_the_plan_renews_an_earlier_one(tmp_path: Path) -> None:
    """Practitioner earned 2023-01-01 (to 2026-01-01); SAA then SAP at 10 h a week from
    2025-09-01: SAA's 60 h end on 2025-10-12, SAP's 100 h on 2025-12-21. SAA's exam renews the
    practitioner, SAP's renews the SAA planned before it (AWS: the professional exam renews the
    associate), so neither lists a renewal of its own or gets a reminder; SAP (to 2028-12-21)
    is renewed by retaking it, USD 300."""
    args = ("plan", "--to", "SAP", "--start", "2025-09-01", "--hours-per-week", "10")
    earned = "  aws-cloud-practitioner: 2023-01-01\n"
    found = doc(AWS, *args, tmp=tmp_path, today="2025-09-01", earned=earned)
    renewals = {r["id"]: (r["expires"], r["renewed_by"],
                          r["renewal"]["kind"] if r["renewed_by"] is None else None)
                for r in found["renewals"]}
    assert renewals == {
        "aws-cloud-practitioner": ("2026-01-01", "aws-solutions-architect-associate", None),
        "aws-solutions-architect-associate": ("2028-10-12", "aws-solutions-architect-professional",
                                              None),
        "aws-solutions-architect-professional": ("2028-12-21", None, "retake"),
    }
    ics = tmp_path / "plan.ics"
    assert run(AWS, *args, "--ics", str(ics), tmp=tmp_path, today="2025-09-01",
               earned=earned).exit_code == 0
    reminders = [line for line in ics.read_text(encoding="utf-8").splitlines()
                 if line.startswith("SUMMARY:Renew")]
    assert reminders == ["SUMMARY:Renew AWS Certified Solutions Architect - Professional (expires)"]


def test_team_budget_counts_no_renewal_that_the_plan_makes(tmp_path: Path) -> None:
    """Practitioner earned 2023-01-01 expires 2026-01-01, inside the budget year from
    2025-09-01; the SAA exam on the plan (60 h at 10 h a week: 2025-10-12) renews it, so the
    budget holds that exam (USD 150) and no renewal of the practitioner."""
    team = tmp_path / "team.yaml"
    team.write_text("hours_per_week: 10\nmembers:\n"
                    "  - {name: Ann, target: SAA, have: ['aws-cloud-practitioner:2023-01-01']}\n",
                    encoding="utf-8")
    found = doc(AWS, "team", str(team), today="2025-09-01")
    assert [(c["id"], c["kind"], c["day"], c["fee"]["amount"]) for c in found["budget"]["costs"]] \
        == [("aws-solutions-architect-associate", "exam", "2025-10-12", 150)]


def test_a_retired_exam_is_not_retaken(tmp_path: Path) -> None:
    """Data Analytics - Specialty earned 2021-09-01 lasts 36 months, to 2024-09-01; its exam was
    retired on 2024-04-08. On 2024-06-15 its only route, a retake, sits an exam that can no
    longer be sat, and it cannot be earned again: nothing can renew it. On 2024-03-15, before
    the retirement, the retake (USD 300) was still open."""
    earned = "  aws-data-analytics-specialty: 2021-09-01\n"
    late = doc(AWS, "due", tmp=tmp_path, earned=earned, today="2024-06-15")
    [item] = late["due"]
    assert (item["expires"], item["cheapest"], item["options"]) == ("2024-09-01", None, [])
    path = doc(AWS, "path", "--to", "DAS-C01", tmp=tmp_path, earned=earned, today="2024-06-15")
    assert path["notes"][1].startswith("it expires on 2024-09-01; it cannot be renewed: AWS "
                                       "Certified Data Analytics - Specialty was retired on "
                                       "2024-04-08")
    early = doc(AWS, "due", "--within", "200d", tmp=tmp_path, earned=earned, today="2024-03-15")
    [item] = early["due"]
    assert (item["cheapest"]["kind"], item["cheapest"]["fee"]["amount"]) == ("retake", 300)


def test_an_exam_planned_after_its_retirement_is_flagged() -> None:
    """From 2024-03-15 at 5 h a week, the 80 h of Data Analytics - Specialty take 16 weeks:
    the exam target is 2024-07-04 (day 112), after 2024-04-08, its last day, so the plan says
    so; at 40 h a week it is 2024-03-28, in time, and nothing is said."""
    args = ("plan", "--to", "DAS-C01", "--have", "", "--start", "2024-03-15")
    slow = doc(AWS, *args, "--hours-per-week", "5", today="2024-03-15")
    assert slow["certifications"][0]["exam"] == "2024-07-04"
    assert ("AWS Certified Data Analytics - Specialty is planned for 2024-07-04, after "
            "2024-04-08, the last day it can be earned (it is retired): study faster, or plan "
            "its successor") in slow["notes"]
    fast = doc(AWS, *args, "--hours-per-week", "40", today="2024-03-15")
    assert fast["certifications"][0]["exam"] == "2024-03-28"
    assert not any("retired" in n for n in fast["notes"])


def test_aws_path_fees_and_recommendations() -> None:
    """SAP from nothing: the practitioner and associate are recommended; USD 100+150+300."""
    found = doc(AWS, "path", "--to", "aws-solutions-architect-professional", "--have", "")
    assert [(s["id"], s["required"]) for s in found["steps"]] == [
        ("aws-cloud-practitioner", False), ("aws-solutions-architect-associate", False),
        ("aws-solutions-architect-professional", True)]
    assert found["totals"]["fees"]["amounts"] == {"USD": 550.0}


def test_expired_aws_certification_is_earned_again(tmp_path: Path) -> None:
    """SAA earned 2021-01-01 expired 2024-01-01; no route renews after expiry: it is earned again."""
    found = doc(AWS, "path", "--to", "SAA-C03", tmp=tmp_path,
                earned="  aws-solutions-architect-associate: 2021-01-01\n")
    assert steps(found) == ["aws-cloud-practitioner", "aws-solutions-architect-associate"]


def test_next_says_what_a_higher_exam_renews_and_what_is_retired() -> None:
    """SAP renews the practitioner and the SA associate (AWS's table); DP-203 names DP-700."""
    assert doc(AWS, "next", "SAP-C02")["renews"] == ["aws-cloud-practitioner",
                                                    "aws-solutions-architect-associate"]
    retired = doc(AZURE, "next", "DP-203")
    assert (retired["retired_on"], retired["replaced_by"]) == ("2025-03-31", "fabric-data-engineer")


def test_due_ics_reminds_before_each_expiry(tmp_path: Path) -> None:
    """AZ-104 expiring 2025-12-15, seen on 2025-09-01 within 120 days: reminders on 09-16, 10-16,
    11-15 and 12-08 (90, 60, 30 and 7 days before)."""
    import icalendar

    target = tmp_path / "due.ics"
    result = run(AZURE, "due", "--within", "120d", "--ics", str(target), tmp=tmp_path,
                 today="2025-09-01",
                 earned="  azure-administrator: 2024-12-15\n")
    assert result.exit_code == 0, result.stderr
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    days = sorted(str(e.decoded("DTSTART")) for e in calendar.walk("VEVENT"))
    assert days == ["2025-09-16", "2025-10-16", "2025-11-15", "2025-12-08"]


def test_cks_retake_needs_the_expired_cka_first(tmp_path: Path) -> None:
    """CKS renewed by retaking its exam, which needs a valid CKA: CKA expired, so CKA first.

    By hand: CKA earned 2022-01-10 lasts 36 months, to 2025-01-10; CKS earned 2023-06-01 lasts
    24, to 2025-06-01, 92 days after 2025-03-01. Sitting the CKS exam again needs an active CKA
    (the Linux Foundation's rule), so the cheapest renewal is CKA (60 h, USD 445) and then the
    CKS retake (60 h, USD 445): 120 h, USD 890. With CKA valid to 2027-01-10, the retake alone.
    """
    found = doc(K8S, "due", "--within", "120d", tmp=tmp_path, today="2025-03-01",
                earned="  cka: 2022-01-10\n  cks: 2023-06-01\n")
    cks = next(d for d in found["due"] if d["id"] == "cks")
    best = cks["cheapest"]
    assert (cks["expires"], best["kind"], best["needs"], best["hours"]) == (
        "2025-06-01", "retake", ["cka"], 120)
    assert (best["fee"]["amount"], best["fee"]["currency"]) == (890, "USD")
    valid = doc(K8S, "due", "--within", "120d", tmp=tmp_path, today="2025-03-01",
                earned="  cka: 2024-01-10\n  cks: 2023-06-01\n")
    [alone] = valid["due"]
    assert (alone["cheapest"]["needs"], alone["cheapest"]["fee"]["amount"]) == ([], 445)


def test_optimize_count_tie_falls_to_hours() -> None:
    """AZ-400 needs AZ-104 or AZ-204: one certification either way, so fewest certifications ties
    and the lesser work decides, as it does for a tie of fees (USD 165 each): AZ-204 (55 h) over
    AZ-104 (60 h); the reason says the measure tied."""
    for optimize in ("count", "fees", "hours"):
        found = doc(AZURE, "path", "--to", "AZ-400", "--have", "", "--optimize", optimize)
        assert steps(found) == ["azure-fundamentals", "azure-developer", "devops-engineer-expert"]
        said = found["choices"][0]["reason"]
        assert said.startswith({"count": "fewest certifications tie, so least remaining work:",
                                "fees": "least fees tie, so least remaining work:",
                                "hours": "least remaining work:"}[optimize])


def test_any_associate_exam_renews_the_cloud_practitioner() -> None:
    """AWS renews the Cloud Practitioner by "any one of the Associate-level exams": the Data
    Engineer - Associate too, so its exam renews the practitioner."""
    assert doc(AWS, "next", "DEA-C01")["renews"] == ["aws-cloud-practitioner"]


def test_a_higher_certification_held_renews_the_one_it_renews(tmp_path: Path) -> None:
    """A held certification earned while another could be renewed by it renews that one.

    By hand, AWS: Cloud Practitioner earned 2021-06-01 lasts to 2024-06-01; the SA associate
    earned 2023-01-01 (an associate exam, while the practitioner was active) recertifies it for
    three years from that day, to 2026-01-01. Earned 2024-07-01, after the practitioner had
    expired, it renews nothing ("must be active"). Red Hat: RHCSA earned 2022-05-01 is current to
    2025-05-01; RHCE earned 2023-02-01 as a current RHCSA moves that to 2026-02-01.
    """
    def expiries(catalog: Path, earned: str) -> dict[str, str]:
        found = doc(catalog, "profile", "show", tmp=tmp_path, earned=earned)
        return {row["id"]: row["expires"] for row in found["earned"]}

    assert expiries(AWS, "  aws-cloud-practitioner: 2021-06-01\n"
                         "  aws-solutions-architect-associate: 2023-01-01\n") == {
        "aws-cloud-practitioner": "2026-01-01", "aws-solutions-architect-associate": "2026-01-01"}
    assert expiries(AWS, "  aws-cloud-practitioner: 2021-06-01\n"
                         "  aws-solutions-architect-associate: 2024-07-01\n") == {
        "aws-cloud-practitioner": "2024-06-01", "aws-solutions-architect-associate": "2027-07-01"}
    linux = EXAMPLES / "enterprise-linux"
    assert expiries(linux, "  rhcsa: 2022-05-01\n  rhce: 2023-02-01\n") == {
        "rhcsa": "2026-02-01", "rhce": "2026-02-01"}


def test_a_successor_that_is_a_reading_is_said_to_be_one() -> None:
    """DP-700 succeeding DP-203 is certpath's reading (Microsoft names no single successor):
    the retired note of a path to DP-203 says so, as the catalog marks it."""
    result = run(AZURE, "path", "--to", "DP-203", "--have", "")
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert ("its successor is Microsoft Certified: Fabric Data Engineer Associate "
            "(certpath's reading: Microsoft names no single successor") in text


def test_an_estimated_renewal_fee_is_shown_as_an_estimate(tmp_path: Path) -> None:
    """CKS's USD 445 is an estimate (assumed to be CKA's price), so its retake's fee, CKS earned
    2024-06-01 and expiring 2026-06-01, 31 days after 2026-05-01, reads "USD 445 (estimate)"."""
    result = run(K8S, "due", tmp=tmp_path, today="2026-05-01",
                 earned="  cka: 2025-01-10\n  cks: 2024-06-01\n")
    assert result.exit_code == 0, result.stderr
    assert "retake the exam (~60 h (estimate), USD 445 (estimate))" in result.stdout


def test_tracks_says_what_is_retired_and_what_retires() -> None:
    """DP-203 (Azure Data Engineer Associate) can be earned to 2025-03-31 and no longer after it;
    AWS's Data Analytics - Specialty retired in April 2024, on a day the example estimates."""
    name = "Microsoft Certified: Azure Data Engineer Associate"
    for today, shown in (("2025-01-01", "retires"), ("2025-03-31", "retires"),
                         ("2025-04-01", "retired")):
        out = run(AZURE, "tracks", today=today).stdout
        assert f"{name} ({shown} 2025-03-31)" in out, today
    rows = {r["id"]: r["retired_on"] for r in doc(AZURE, "tracks")["certifications"]}
    assert rows["azure-data-engineer"] == "2025-03-31"
    assert rows["azure-administrator"] is None
    assert "AWS Certified Data Analytics - Specialty (retired 2024-04-08, estimate)" in \
        run(AWS, "tracks").stdout
