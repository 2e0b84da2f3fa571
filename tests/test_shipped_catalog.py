"""The shipped catalog says what its source document says: checked fact by fact."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from certpath.catalog import Catalog, load_catalog
from certpath.cli import app
from certpath.planning import plan_path
from certpath.recommend import recommend

# The source's overview table: track, level, who it's for, prerequisites, skills, order.
LADDER = [
    ("mlops-foundation", "MLOps Foundation", "Beginner", "Software Engineers", ["Basic Linux"], 1),
    ("mlops-associate", "MLOps Associate", "Intermediate", "Data Engineers", ["Cloud basics"], 2),
    ("mlops-professional", "MLOps Professional", "Advanced", "SRE / DevOps", ["Containerization"], 3),
    ("mlops-architect", "MLOps Architect", "Expert", "Platform Leads", ["Kubernetes", "CI/CD"], 4),
]

# The source's role-to-certification table, word for word.
ROLES = [
    ("DevOps Engineer", "MLOps Associate", "CI/CD processes are adapted for ML models."),
    ("Site Reliability Engineer (SRE)", "MLOps Professional", "Model uptime and observability are ensured."),
    ("Platform Engineer", "MLOps Architect", "Scalable enterprise AI platforms are designed."),
    ("Cloud Engineer", "MLOps Foundation", "Basic cloud infrastructure is aligned with AI."),
    ("Security Engineer", "DevSecOps / MLOps", "AI pipelines and data access are secured."),
    ("Data Engineer", "DataOps / MLOps", "Data workflows and model training are unified."),
    ("FinOps Practitioner", "FinOps / MLOps", "Expensive GPU resource costs are controlled."),
    ("Engineering Manager", "MLOps Architect", "Technical strategy and team hiring are guided."),
]


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    """The shipped catalog."""
    return load_catalog()


@pytest.mark.parametrize(("cid", "name", "level", "audience", "knowledge", "order"), LADDER)
def test_ladder_matches_overview_table(shipped: Catalog, cid: str, name: str, level: str,
                                       audience: str, knowledge: list[str], order: int) -> None:
    """Each rung of the ladder has the level, audience, prerequisites and order of the table."""
    cert = shipped.certifications[cid]
    assert (cert.name, shipped.level_name(cid), cert.audience, cert.prerequisites, cert.order) == (
        name, level, audience, knowledge, order)
    assert cert.track == "mlops"


def test_ladder_order_is_a_recommendation(shipped: Catalog) -> None:
    """Each rung recommends (does not require) the one before it."""
    for before, after in zip(LADDER, LADDER[1:], strict=False):
        [req] = shipped.requirements(after[0])
        assert req.options == (before[0],)
        assert req.recommended


def test_path_to_architect_is_the_ladder(shipped: Catalog) -> None:
    """`path --to architect` is the four rungs in order; only the Architect is required."""
    path = plan_path(shipped, shipped.resolve_cert("architect").id)
    assert [s.id for s in path.steps] == [row[0] for row in LADDER]
    assert [s.required for s in path.steps] == [False, False, False, True]
    assert plan_path(shipped, "mlops-architect", required_only=True).steps[0].id == "mlops-architect"


@pytest.mark.parametrize(("name", "focus", "value"), ROLES)
def test_every_role_of_the_table(shipped: Catalog, name: str, focus: str, value: str) -> None:
    """All eight roles have the table's focus area and strategic value, and get a recommendation."""
    role = shipped.resolve_role(name)
    assert (role.name, role.focus_area, role.strategic_value) == (name, focus, value)
    rec = recommend(shipped, role.id)
    assert rec.target is not None
    assert rec.path is not None
    assert rec.path.steps[-1].id == rec.target.id
    if rec.target.name == focus:
        assert not role.target_inferred
    else:
        assert role.target_inferred
        assert role.target_note


def test_role_aliases(shipped: Catalog) -> None:
    """The names people type find their roles."""
    for typed, rid in [("sre", "sre"), ("site reliability engineer", "sre"),
                       ("devops", "devops-engineer"), ("Engineering-Manager", "engineering-manager")]:
        assert shipped.resolve_role(typed).id == rid


def test_architect_details(shipped: Catalog) -> None:
    """The Architect carries the source's competencies, projects, plans, pitfalls and next steps."""
    cert = shipped.certifications["mlops-architect"]
    assert len(cert.competencies) == 5
    assert len(cert.projects) == 4
    assert len(cert.pitfalls) == 4
    plans = {p.id: (p.min_days, p.max_days) for p in cert.preparation}
    assert plans == {"accelerated": (7, 14), "focused": (30, 30), "comprehensive": (60, 60)}
    focused = next(p for p in cert.preparation if p.id == "focused")
    assert [(ph.start_day, ph.end_day) for ph in focused.phases] == [(1, 14), (15, 30)]
    assert {n.direction for n in cert.best_next} == {"same-track", "cross-track", "leadership"}
    assert {n.direction for n in cert.next_steps} == {"same-track", "cross-track", "leadership"}


def test_certifications_beyond_the_ladder_are_linked(shipped: Catalog) -> None:
    """Expert, cloud-vendor, DevSecOps, leadership and DataOps certifications follow the Architect."""
    for cid in ("mlops-expert", "cloud-vendor-mlops", "devsecops-architect", "engineering-manager",
                "dataops-credential"):
        reqs = shipped.requirements(cid)
        assert any("mlops-architect" in r.options for r in reqs), cid


def test_learning_paths_institutions_and_faqs(shipped: Catalog) -> None:
    """Six learning paths, AIOps School and nine institutions, and both FAQ sets."""
    assert len(shipped.learning_paths) == 6
    assert list(shipped.institutions)[0] == "aiops-school"
    assert len(shipped.institutions) == 10
    assert sorted(len(s.entries) for s in shipped.faq.values()) == [8, 12]


def test_no_guess_is_presented_as_fact(shipped: Catalog) -> None:
    """The source gives no study hours: every effort figure is marked as an estimate."""
    efforts = [c.effort for c in shipped.certifications.values() if c.effort is not None]
    assert efforts
    assert all(e.estimate for e in efforts)
    assert all(c.validity_months is None for c in shipped.certifications.values())


def test_estimates_are_shown_as_estimates() -> None:
    """The human output labels estimated hours as estimates."""
    result = CliRunner().invoke(app, ["path", "--to", "architect"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "(estimate)" in result.stdout


def test_recommend_sre_end_to_end() -> None:
    """`recommend --role sre` targets the MLOps Professional through the recommended ladder."""
    result = CliRunner().invoke(app, ["recommend", "--role", "sre", "--json"])
    doc = json.loads(result.stdout)
    assert doc["target"]["id"] == "mlops-professional"
    assert [s["id"] for s in doc["path"]] == ["mlops-foundation", "mlops-associate",
                                               "mlops-professional"]
    assert doc["focus_area"] == "MLOps Professional"
