"""certpath import on files shaped like the formats' own published examples, and on hostile ones.

tests/data/vendors/ctdl-registry-graph.json follows the shape of Credential Engine's ingest
examples (credential-registry-ingest-examples, Credential/1/Credential-1-graph.json): a graph
with its own @id, registry resource URIs as @id and targetCredential, language maps, ownedBy
and offeredBy URIs, a ConditionProfile naming only a learning opportunity, a QA organisation as
a blank node, and an organisation whose @type is a list. mslearn-documented-records.json follows
the record shapes of Microsoft's Learn Catalog API developer reference (certification, exam,
instructor-led course, level, role and product records) and the mergedCertifications fields.
The facts are invented; only the field names and shapes are the formats'.
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

DATA = Path(__file__).parent / "data" / "vendors"


def run(*args: str) -> Any:
    """Invoke certpath with colour off."""
    return CliRunner().invoke(app, list(args), env={"NO_COLOR": "1", "CERTPATH_CATALOG": None})


def imported(kind: str, source: Path, out: Path) -> dict[str, Any]:
    """Import a vendor file with --json and return the document."""
    result = run("import", kind, str(source), "-o", str(out), "--json")
    assert result.exit_code == 0, result.stdout + result.stderr
    return dict(json.loads(result.stdout))


def test_ctdl_registry_graph(tmp_path: Path) -> None:
    """Registry URIs link a requirement; a list @type organisation offers both credentials."""
    doc = imported("ctdl", DATA / "ctdl-registry-graph.json", tmp_path / "c")
    assert validate_catalog([tmp_path / "c"], builtin=False).ok
    catalog = load_catalog([tmp_path / "c"], builtin=False)
    certs = catalog.certifications
    assert list(certs) == ["network-technician", "network-engineer"]
    assert [certs[c].validity_months for c in certs] == [36, 36]  # P36M and P3Y
    assert catalog.requirements("network-engineer") == (Requirement(cert="network-technician"),)
    assert catalog.requirements("network-technician") == ()
    assert [(i.id, i.certifications) for i in catalog.institutions.values()] == [
        ("network-institute", ["network-technician", "network-engineer"])]
    assert doc["not_mapped"] == [
        "network-technician: ceterms:requires: ceterms:targetLearningOpportunity (certpath "
        "records only certifications as prerequisites)",
        "network-technician: ceterms:credentialStatusType, ceterms:inLanguage, "
        "ceterms:recognizedBy, ceterms:subjectWebpage (no place in the catalog format)"]


def test_mslearn_documented_records(tmp_path: Path) -> None:
    """A certification in both lists is one entry; its exam code comes from the exam record."""
    doc = imported("mslearn", DATA / "mslearn-documented-records.json", tmp_path / "m")
    catalog = load_catalog([tmp_path / "m"], builtin=False)
    [cert] = catalog.certifications.values()
    assert cert.id == "d365-example-consultant"
    assert cert.description == "Configure and extend an example customer service application."
    assert (cert.level, cert.validity_months, cert.track) == ("intermediate", 12, "role-based")
    assert catalog.resolve_cert("77-881").id == "d365-example-consultant"
    assert cert.skills == ["Manage cases", "Configure queues"]
    assert [(r.id, r.target) for r in catalog.roles.values()] == [
        ("functional-consultant", "d365-example-consultant")]
    assert doc["not_mapped"] == [
        "d365-example-consultant: exam_duration_in_minutes, icon_url, locales, products, "
        "providers, study_guide (no place in the catalog format)",
        "courses (the catalog format has no place for them)",
        "modules (the catalog format has no place for them)",
        "products (the catalog format has no place for them)"]


def _graph(*credentials: dict[str, Any]) -> str:
    return json.dumps({"@graph": [{"@type": "ceterms:Certification", **c} for c in credentials]})


def _needs(target: str) -> dict[str, Any]:
    return {"ceterms:requires": {"@type": "ceterms:ConditionProfile",
                                 "ceterms:targetCredential": [target]}}


_HOSTILE: list[tuple[str, str, bytes, str]] = [
    ("ctdl", "cycle", _graph({"@id": "_:a", "ceterms:name": "Alpha", **_needs("_:b")},
                             {"@id": "_:b", "ceterms:name": "Beta", **_needs("_:a")}).encode(),
     "prerequisite cycle: alpha -> beta -> alpha"),
    ("ctdl", "self", _graph({"@id": "_:a", "ceterms:name": "Alpha", **_needs("_:a")}).encode(),
     "'alpha' cannot require itself"),
    ("ctdl", "names alike", _graph({"@id": "_:a", "ceterms:name": "Alpha"},
                                   {"@id": "_:b", "ceterms:name": "Alpha"}).encode(),
     "is also called 'Alpha'"),
    ("ctdl", "one @id twice", _graph({"@id": "_:a", "ceterms:name": "Alpha"},
                                     {"@id": "_:a", "ceterms:name": "Beta"}).encode(),
     "two credentials have the identifier '_:a'"),
    ("ctdl", "deep name", ('{"@type": "ceterms:Certification", "ceterms:name": '
                           + "[" * 900 + '"x"' + "]" * 900 + "}").encode(),
     "nested more than 64 levels deep"),
    ("ctdl", "NaN", b'{"@type": "ceterms:Certification", "ceterms:name": "X", '
                    b'"ceterms:estimatedCost": {"ceterms:price": NaN, "ceterms:currency": "USD"}}',
     "NaN is not a JSON number"),
    ("ctdl", "huge number", b'{"@type": "ceterms:Certification", "ceterms:name": "X", '
                            b'"ceterms:estimatedCost": {"ceterms:price": ' + b"9" * 5000
     + b', "ceterms:currency": "USD"}}', "a number too long to read"),
    ("ctdl", "price out of range", b'{"@type": "ceterms:Certification", "ceterms:name": "X", '
     b'"ceterms:estimatedCost": {"ceterms:price": 1e999, "ceterms:currency": "USD"}}',
     "is not a number certpath can use"),
    ("ctdl", "lone surrogate", b'{"@type": "ceterms:Certification", "ceterms:name": "A\\ud800"}',
     "lone surrogate"),
    ("ctdl", "UTF-16", '{"@type": "ceterms:Certification", "ceterms:name": "X"}'.encode("utf-16"),
     "is UTF-16 text; save the file as UTF-8"),
    ("mslearn", "a title that is another's id", json.dumps({"certifications": [
        {"uid": "certification.a", "title": "A"},
        {"uid": "certification.b", "title": "A"}]}).encode(), "is also called 'A'"),
]


@pytest.mark.parametrize(("kind", "what", "data", "expected"), _HOSTILE,
                         ids=[h[1] for h in _HOSTILE])
def test_hostile_files_are_one_line_and_write_nothing(tmp_path: Path, kind: str, what: str,
                                                      data: bytes, expected: str) -> None:
    """A file that cannot make a valid catalog is exit 1, one line naming it, nothing written."""
    source = tmp_path / "in.json"
    source.write_bytes(data)
    result = run("import", kind, str(source), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1, result.stdout
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"certpath: {source}")
    assert expected in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_utf8_byte_order_mark_is_skipped(tmp_path: Path) -> None:
    """A file saved with a UTF-8 byte order mark (as Windows tools write) imports."""
    source = tmp_path / "in.json"
    source.write_bytes(b"\xef\xbb\xbf" + _graph({"ceterms:name": "Café Operator"}).encode())
    imported("ctdl", source, tmp_path / "out")
    assert list(load_catalog([tmp_path / "out"], builtin=False).certifications) == [
        "cafe-operator"]


def test_credentials_without_identifiers_stay_apart(tmp_path: Path) -> None:
    """Two credentials with neither @id nor CTID are two certifications, not one id twice."""
    source = tmp_path / "in.json"
    source.write_text(_graph({"ceterms:name": "First"}, {"ceterms:name": "Second"}),
                      encoding="utf-8")
    imported("ctdl", source, tmp_path / "out")
    assert list(load_catalog([tmp_path / "out"], builtin=False).certifications) == [
        "first", "second"]


def test_mslearn_values_of_the_wrong_shape_are_left_out(tmp_path: Path) -> None:
    """A list where a level id belongs, a record as a skill, a title that is not text: left out."""
    source = tmp_path / "in.json"
    source.write_text(json.dumps({
        "certifications": [
            {"uid": "certification.a", "title": "A", "levels": [["advanced"], "beginner"],
             "roles": ["r", {"id": "x"}], "skills": [{"name": "x"}, "Plan"]},
            {"uid": "certification.b", "title": {"en-us": "B"}}],
        "exams": [], "levels": [{"id": "beginner", "name": {"en": "x"}}]}), encoding="utf-8")
    imported("mslearn", source, tmp_path / "out")
    catalog = load_catalog([tmp_path / "out"], builtin=False)
    [cert] = catalog.certifications.values()
    assert (cert.id, cert.level, cert.skills) == ("a", "beginner", ["Plan"])
    assert [(lv.id, lv.name) for lv in catalog.levels.values()] == [("beginner", "Beginner")]
    assert [r.target for r in catalog.roles.values()] == ["a"]
