"""Sources and readings as users see them: show --sources, reading labels, about, the whole source."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certpath.cli import app
from tests.conftest import WriteCatalog
from tests.test_provenance import SOURCE, needs_source, normalize


def run(*args: str, catalog: Path | None = None) -> Any:
    """Invoke certpath on the shipped catalog (or on a fixture catalog alone) and return the result."""
    prefix = ["--no-builtin", "--catalog", str(catalog)] if catalog else []
    return CliRunner().invoke(app, [*prefix, *args], env={"NO_COLOR": "1", "COLUMNS": "250"})


def as_json(*args: str, catalog: Path | None = None) -> dict[str, Any]:
    """Run with --json, check success, and parse stdout."""
    result = run(*args, "--json", catalog=catalog)
    assert result.exit_code == 0, result.stderr
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def test_show_sources_gives_section_and_words() -> None:
    """show --sources lists each fact with the source section and the words it rests on."""
    facts = {f["fact"]: f for f in as_json("show", "foundation", "--sources")["certification"]["sources"]}
    audience = facts["audience"]
    assert audience["kind"] == "source"
    assert audience["section"] == "Certification Overview Table"
    assert audience["value"] == ["Software Engineers"]
    assert "Software Engineers" in audience["quotes"][0]
    assert facts["effort"]["kind"] == "estimate"
    assert facts["aliases"]["kind"] == "reading"
    assert {f["kind"] for f in facts.values()} <= {"source", "reading", "estimate"}
    human = run("show", "foundation", "--sources").stdout
    assert re.search(r"^audience +Software Engineers +Certification Overview Table +“\| MLOps "
                     r"Foundation \| Beginner \| Software Engineers", human, re.M)


def test_show_without_sources_has_no_sources_key() -> None:
    """Without --sources the document has the readings but no per-fact sources."""
    cert = as_json("show", "expert")["certification"]
    assert "sources" not in cert
    assert cert["readings"]["requires[0].cert"].startswith("The source names it as a next")
    assert cert["requires"][0]["reading"] == cert["readings"]["requires[0].cert"]


def test_best_next_links_are_labelled_readings_in_path_and_tracks() -> None:
    """'Architect before DevSecOps Architect' is drawn from best-next advice: labelled a reading."""
    doc = as_json("path", "--to", "devsecops-architect", "--have", "mlops-professional")
    [architect] = [s for s in doc["steps"] if s["id"] == "mlops-architect"]
    assert architect["reason"] == "recommended before Certified DevSecOps Architect (reading)"
    assert architect["reading"] is not None
    ladder = as_json("path", "--to", "architect")
    assert [s["reading"] for s in ladder["steps"]] == [None, None, None, None]
    rows = {r["id"]: r for r in as_json("tracks")["certifications"]}
    assert rows["devsecops-architect"]["requires"][0]["reading"] is not None
    assert rows["mlops-associate"]["requires"][0]["reading"] is None
    human = run("tracks").stdout
    assert "MLOps Architect (recommended, reading)" in human
    assert "(reading): certpath's reading" in human


def test_institutions_are_readings_wherever_shown() -> None:
    """The source never says what an institution trains for: show, recommend and team say so."""
    shown = as_json("show", "architect")["certification"]["institutions"]
    assert shown
    assert all(i["reading"] for i in shown)
    assert "- DevOpsSchool (reading)" in run("show", "architect").stdout
    rec = as_json("recommend", "--role", "sre")
    assert rec["institutions"]
    assert all(i["reading"] for i in rec["institutions"])
    assert rec["learning_paths"][0]["reading"].startswith("The SRE Path is")
    human = run("recommend", "--role", "sre").stdout
    assert "Learning paths:  Site Reliability Engineering (SRE) Path (reading)" in human


def test_team_institutions_are_readings() -> None:
    """A team plan's ranked institutions carry the reading in JSON and are labelled on screen."""
    team = Path(__file__).resolve().parent.parent / "examples" / "team.yaml"
    doc = as_json("team", str(team), "--start", "2027-01-04")
    assert doc["institutions"]
    assert all(i["reading"] for i in doc["institutions"])
    assert "(reading)" in run("team", str(team), "--start", "2027-01-04").stdout


def test_team_targets_inferred_from_a_role_are_readings(tmp_path: Path) -> None:
    """A member's target is labelled when it is their role's inferred one, not when stated."""
    # The source's role table gives the DevOps Engineer the MLOps Associate; for the Data
    # Engineer it names "DataOps / MLOps", and certpath infers the MLOps Associate.
    team = tmp_path / "team.yaml"
    team.write_text("hours_per_week: 5\nmembers:\n  - {name: Ana, role: devops-engineer}\n"
                    "  - {name: Bo, role: data-engineer}\n"
                    "  - {name: Cy, role: data-engineer, target: professional}\n",
                    encoding="utf-8")
    md, page = tmp_path / "team.md", tmp_path / "team.html"
    result = run("team", str(team), "--start", "2027-01-04", "--markdown", str(md),
                 "--html", str(page))
    assert result.exit_code == 0, result.stderr
    targets = {line.split()[0]: re.split(r"\s{2,}", line)[2]
               for line in result.stdout.splitlines() if line.split()[:1] in (["Ana"], ["Bo"],
                                                                              ["Cy"])}
    assert targets == {"Ana": "MLOps Associate", "Bo": "MLOps Associate (reading)",
                       "Cy": "MLOps Professional"}
    assert "| Bo | MLOps Associate (reading) |" in md.read_text(encoding="utf-8")
    html = page.read_text(encoding="utf-8")
    assert html.count("MLOps Associate (reading)") == 1
    assert "(reading): certpath&#39;s reading of the catalog&#39;s source" in html
    doc = as_json("team", str(team), "--start", "2027-01-04")
    read = {m["name"]: m["target_reading"] for m in doc["members"]}
    assert read["Ana"] is None
    assert read["Cy"] is None
    assert read["Bo"]
    assert "inferred" in read["Bo"]


def test_learning_paths_roles_are_a_reading() -> None:
    """The source maps no role to a learning path: the Roles column and JSON say it is a reading."""
    paths = {p["id"]: p for p in as_json("learning-paths")["learning_paths"]}
    assert paths["devops"]["roles"] == ["devops-engineer"]
    assert "does not map roles to paths" in paths["devops"]["roles_reading"]
    assert "DevOps Engineer (reading)" in run("learning-paths").stdout


def test_focused_plan_split_is_a_reading() -> None:
    """The 30 day plan's second phase starts on day 15 by certpath's reading, and says so."""
    plans = {p["id"]: p for p in as_json("show", "architect")["certification"]["preparation"]}
    first, second = plans["focused"]["phases"]
    assert (first["start_day"], first["end_day"], first["reading"]) == (1, 14, None)
    assert (second["start_day"], second["end_day"]) == (15, 30)
    assert "17–30" in second["reading"]
    assert re.search(r"^15-30 \(reading\) ", run("show", "architect").stdout, re.M)


def test_tracks_table_labels_read_tracks_and_levels() -> None:
    """The tracks table labels a level, track or track name that the source does not state."""
    # The source's overview table gives the four MLOps certifications their track and level;
    # the Expert's level comes from "the Expert-level MLOps certification" (a reading), the
    # DevSecOps Architect and the DataOps credential are only "cross-track", and the leadership
    # track's name is certpath's.
    rows = {line.split("  ")[0]: re.split(r"\s{2,}", line)
            for line in run("tracks").stdout.splitlines()}
    assert rows["MLOps Architect"][1:3] == ["MLOps", "Expert"]
    assert rows["Certified MLOps Expert"][1:3] == ["MLOps", "Expert (reading)"]
    assert rows["Certified DevSecOps Architect"][1] == "DevSecOps (reading)"
    assert rows["DataOps credential"][1] == "DataOps (reading)"
    assert rows["Certified Engineering Manager"][1] == "Engineering leadership / management (reading)"
    assert run("show", "devsecops-architect").stdout.splitlines()[1] == "Track:         DevSecOps (reading)"
    readings = {r["id"]: r["readings"] for r in as_json("tracks")["certifications"]}
    assert {"track", "level"} & set(readings["mlops-architect"]) == set()
    assert "level" in readings["mlops-expert"]
    assert "track" not in readings["mlops-expert"]
    assert "track" in readings["devsecops-architect"]
    assert "track" in readings["dataops-credential"]


def test_engineering_leadership_is_kept_apart() -> None:
    """'Engineering Leadership certification' is its own entry, not the Engineering Manager's alias."""
    doc = as_json("show", "engineering leadership")["certification"]
    assert doc["id"] == "engineering-leadership"
    manager = as_json("show", "engineering-manager")["certification"]
    assert all("leadership" not in a.lower() for a in manager["aliases"])
    steps = as_json("show", "architect")["certification"]["next_steps"]
    assert steps[2]["certifications"] == ["engineering-leadership"]
    assert steps[1]["text"].startswith("Knowledge is broadened by obtaining a DataOps credential, "
                                       "as referenced by data from gurukulgalaxy.com.")


def test_about_gives_narrative_and_testimonials() -> None:
    """about shows the source's narrative sections and its five testimonials with their authors."""
    [cert] = as_json("about", "architect")["certifications"]
    assert [p["title"] for p in cert["narrative"]] == [
        "Introduction", "Understanding the Certified MLOps Architect Credential",
        "Why Machine Learning Operations Matter Today",
        "The Importance of MLOps Architect Certifications", "Why Choose AIOps School?",
        "Final Thoughts"]
    assert [t["author"] for t in cert["testimonials"]] == [
        "Rajat Sharma", "Emily Chen", "Michael Osei", "Priya Patel", "David Rossi"]
    human = run("about").stdout
    assert "— Priya Patel" in human
    assert "“Confidence was greatly improved when designing massive, scalable machine learning " \
           "systems.”" in human
    assert as_json("about")["certifications"] == [cert]


def test_about_a_certification_without_narrative() -> None:
    """about for a certification with no narrative says so, and an unknown name is exit 1."""
    result = run("about", "foundation")
    assert result.exit_code == 0
    assert "no narrative or testimonials" in result.stdout
    assert as_json("about", "foundation")["certifications"][0]["narrative"] == []
    unknown = run("about", "nosuch")
    assert unknown.exit_code == 1
    assert unknown.stdout == ""


def test_focus_sentences_and_track_descriptions_are_shown() -> None:
    """institutions shows every focus sentence; tracks shows what each track is."""
    institutions = run("institutions").stdout
    assert "A strong reputation for quality curriculum design is maintained." in institutions
    assert "MLOps (reading)" in institutions
    tracks = run("tracks").stdout
    assert "The reliable deployment and management of machine learning models." in tracks


def test_an_organisations_reading_is_labelled(write_catalog: WriteCatalog) -> None:
    """A catalog's own 'reading' on a prerequisite shows as a reading; untraced facts stay plain."""
    directory = write_catalog("""
tracks: [{id: t, name: T}]
certifications:
  - {id: a, name: Alpha, track: t}
  - id: b
    name: Beta
    track: t
    requires:
      - cert: a
        recommended: true
        sources: [{fields: [cert], reading: Our trainers advise it; the vendor does not.}]
""")
    rows = {r["id"]: r for r in as_json("tracks", catalog=directory)["certifications"]}
    assert rows["b"]["requires"][0]["reading"] == "Our trainers advise it; the vendor does not."
    shown = run("show", "b", catalog=directory).stdout
    assert "- Alpha (recommended, reading)" in shown
    traced = run("show", "a", "--sources", catalog=directory).stdout
    assert re.search(r"^name +Alpha +- +not traced to a source$", traced, re.M)


def _sentences(source: str) -> list[str]:
    """Every sentence, question, table cell and attribution of the source document."""
    pieces = []
    previous = ""
    for raw in source.splitlines():
        line = raw.strip()
        header, previous = line.startswith("|") and not previous.startswith("|"), line
        if line.startswith("|"):
            if not header:  # a table's first row names its columns
                pieces.extend(c for c in (c.strip() for c in line.strip("|").split("|")) if c)
            continue
        if line.startswith("— "):  # a testimonial's author
            pieces.append(line.removeprefix("— "))
            continue
        question = "Q:" in line
        line = re.sub(r"^(?:- |\d+\. |Q: |A: )+", "", line)
        line = re.sub(r"^[^:]{1,45}:\s*", "", line)  # "DevOps Path:", "Same track:" labels
        pieces.extend(s for s in re.split(r"(?<=[.?])\s+", line) if s.endswith(".") or question)
    return pieces


@needs_source
def test_everything_the_source_states_is_reachable() -> None:
    """Every sentence, FAQ, table cell and author of the source is in some command's output."""
    assert SOURCE is not None
    docs = [as_json("show", c["id"]) for c in as_json("tracks")["certifications"]]
    docs += [as_json(*args) for args in (["about"], ["faq"], ["roles"], ["learning-paths"],
                                         ["institutions"], ["tracks"])]
    shown = f" {normalize(json.dumps(docs, ensure_ascii=False))} "
    pieces = _sentences(SOURCE)
    assert len(pieces) > 150
    missing = [p for p in pieces if f" {normalize(p)} " not in shown]
    assert missing == []


@pytest.mark.parametrize("cert", ["foundation", "architect", "expert", "dataops-credential"])
def test_every_shipped_fact_is_traced(cert: str) -> None:
    """No fact of a shipped certification is left untraced in show --sources."""
    facts = as_json("show", cert, "--sources")["certification"]["sources"]
    assert facts
    assert [f["fact"] for f in facts if f["kind"] == "untraced"] == []
