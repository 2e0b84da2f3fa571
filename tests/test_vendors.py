"""certpath import ctdl|mslearn: vendor files written to the published formats become catalogs.

The fixtures in tests/data/vendors/ are written by hand from Credential Engine's CTDL terms
(ceterms:Certification, ConditionProfile with targetCredential and alternativeCondition,
renewalFrequency as an ISO 8601 duration, language maps) and from the field list of Microsoft
Learn's catalog API (certifications, mergedCertifications, exams, levels, roles).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certpath.catalog import load_catalog, validate_catalog
from certpath.cli import app
from certpath.model import Requirement
from certpath.vendors.common import duration_months, slug

DATA = Path(__file__).parent / "data" / "vendors"
CTDL = DATA / "ctdl-graph.json"
MSLEARN = DATA / "mslearn-catalog.json"


def run(*args: str) -> Any:
    """Invoke certpath with colour off."""
    return CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "CERTPATH_CATALOG": None})


def imported(kind: str, source: Path, out: Path, *extra: str) -> dict[str, Any]:
    """Import a vendor file with --json and return the document."""
    result = run("import", kind, str(source), "-o", str(out), *extra, "--json")
    assert result.exit_code == 0, result.stdout + result.stderr
    return dict(json.loads(result.stdout))


def test_ctdl_credentials_requirements_and_validity(tmp_path: Path) -> None:
    """requires, recommends, alternativeCondition and renewalFrequency map as CTDL defines them."""
    imported("ctdl", CTDL, tmp_path / "c")
    assert validate_catalog([tmp_path / "c"], builtin=False).ok
    catalog = load_catalog([tmp_path / "c"], builtin=False)
    certs = catalog.certifications
    assert list(certs) == ["cloud-practitioner", "security-basics-badge", "cloud-architect-associate",
                           "cloud-developer-associate", "cloud-expert"]
    # P3Y, P2Y, P18M and P1Y6M in months
    assert [certs[c].validity_months for c in certs] == [36, None, 24, 18, 18]
    assert catalog.requirements("cloud-architect-associate") == (
        Requirement(cert="cloud-practitioner"),
        Requirement(cert="security-basics-badge", recommended=True))
    # two alternative conditions: the architect alone, or the developer and the badge together
    [expert] = catalog.requirements("cloud-expert")
    assert expert.any_of == ["cloud-architect-associate",
                             ["cloud-developer-associate", "security-basics-badge"]]
    assert expert.choose == 1
    assert certs["cloud-practitioner"].skills == ["cloud concepts", "billing"]
    fee = certs["cloud-architect-associate"].fee  # one CostProfile: price 150, currency USD
    assert fee is not None
    assert (fee.amount, fee.currency) == (150, "USD")
    assert certs["cloud-practitioner"].fee is None  # no cost given: unknown, not zero
    assert [i.certifications for i in catalog.institutions.values()] == [
        ["cloud-practitioner", "security-basics-badge", "cloud-architect-associate"]]


def test_ctdl_reports_what_it_could_not_map(tmp_path: Path) -> None:
    """A web page, years of experience, a target outside the file and an assessment are listed."""
    doc = imported("ctdl", CTDL, tmp_path / "c")
    not_mapped = "\n".join(doc["not_mapped"])
    assert "ceterms:yearsOfExperience" in not_mapped
    assert "ce-99999999-9999-4999-8999-999999999999" in not_mapped
    assert "ceterms:AssessmentProfile" in not_mapped
    assert "cloud-practitioner: ceterms:subjectWebpage" in not_mapped
    assert len(doc["not_mapped"]) == 4


def test_ctdl_language_maps_follow_lang(tmp_path: Path) -> None:
    """--lang es takes the Spanish names and keywords where the maps have them, English elsewhere."""
    imported("ctdl", CTDL, tmp_path / "es", "--lang", "es")
    certs = load_catalog([tmp_path / "es"], builtin=False).certifications
    assert certs["practicante-de-nube"].name == "Practicante de Nube"
    assert certs["practicante-de-nube"].skills == ["conceptos de nube"]
    assert certs["cloud-expert"].name == "Cloud Expert"


def test_mslearn_certifications_exams_levels_roles(tmp_path: Path) -> None:
    """Exam codes, levels by rank, validity from renewal days, retirement and inferred role targets."""
    doc = imported("mslearn", MSLEARN, tmp_path / "m")
    assert validate_catalog([tmp_path / "m"], builtin=False).ok
    catalog = load_catalog([tmp_path / "m"], builtin=False)
    certs = catalog.certifications
    assert list(certs) == ["azure-fundamentals", "azure-administrator", "azure-solutions-architect",
                           "old-specialty"]
    assert [(lv.id, lv.rank) for lv in catalog.levels.values()] == [
        ("beginner", 1), ("intermediate", 2), ("advanced", 3)]
    assert certs["azure-administrator"].level == "intermediate"
    assert catalog.resolve_cert("AZ-104").id == "azure-administrator"  # from the exams list
    assert catalog.resolve_cert("az-305").id == "azure-solutions-architect"
    # 0 days: it does not expire; 365 days: twelve months; 500 days: not whole years
    assert [certs[c].validity_months for c in certs] == [None, 12, 12, None]
    assert str(certs["old-specialty"].retired_on) == "2025-07-31"
    assert {r.id: r.target for r in catalog.roles.values()} == {
        "administrator": "azure-administrator", "developer": "azure-fundamentals",
        "solution-architect": "azure-solutions-architect"}
    assert all(r.target_inferred for r in catalog.roles.values())
    assert [t.id for t in catalog.tracks.values()] == ["fundamentals", "role-based", "specialty"]
    assert "old-specialty: renewal_frequency_in_days 500 (not whole years)" in doc["not_mapped"]
    assert "learningPaths (the catalog format has no place for them)" in doc["not_mapped"]


def test_an_existing_directory_is_kept_unless_forced(tmp_path: Path) -> None:
    """Import never writes into an existing directory without --force."""
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "notes.txt").write_text("mine", encoding="utf-8")
    refused = run("import", "mslearn", str(MSLEARN), "-o", str(tmp_path / "m"))
    assert refused.exit_code == 1
    assert "--force" in refused.stderr
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == ["notes.txt"]
    assert run("import", "mslearn", str(MSLEARN), "-o", str(tmp_path / "m"), "--force").exit_code == 0
    assert (tmp_path / "m" / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(("kind", "text", "expected"), [
    ("ctdl", "{", "not valid JSON"),
    ("ctdl", '{"@type": "ceterms:CredentialOrganization"}', "no CTDL credential found"),
    ("ctdl", "[1, 2]", "expected a CTDL resource"),
    ("mslearn", '{"exams": []}', "no certification found"),
    ("mslearn", "[]", "expected the catalog API's JSON object"),
])
def test_bad_files_are_one_clear_error(tmp_path: Path, kind: str, text: str, expected: str) -> None:
    """A file that is not the format gives exit 1 and one line naming the file; nothing is written."""
    source = tmp_path / "in.json"
    source.write_text(text, encoding="utf-8")
    result = run("import", kind, str(source), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert expected in result.stderr
    assert str(source) in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("text", "months"), [
    ("P3Y", 36), ("P18M", 18), ("P1Y6M", 18), ("P365D", 12), ("P730D", 24),
    ("P90D", None), ("P", None), ("3 years", None), ("PT5H", None),
])
def test_iso_8601_durations_in_months(text: str, months: int | None) -> None:
    """Years and months convert exactly; days only as whole 365-day years; the rest is None."""
    assert duration_months(text) == months


def test_slugs_are_catalog_ids_and_unique() -> None:
    """Any text becomes a valid id; a second equal text gets a numbered id."""
    taken: set[str] = set()
    assert slug("Microsoft Certified: Azure Fundamentals", taken) == "microsoft-certified-azure-fundamentals"
    assert slug("Émile's Café ++", taken) == "emile-s-cafe"
    assert slug("Émile's Café", taken) == "emile-s-cafe-2"
    assert slug("***", taken) == "item"
