"""Every fact of the shipped catalog is in its source document, or marked a reading or an estimate.

The source document is not part of the repository: it is looked for in the directory named by
$CERTPATH_SEED_DIR, else in ../shared/seed/ beside the checkout (or beside the nearest folder
above it that has one); the source tests are skipped when it is absent.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest

from certpath.catalog import Catalog, load_catalog
from certpath.provenance import Fact, facts

ROOT = Path(__file__).resolve().parent.parent
_SECTIONS = ("levels", "tracks", "certifications", "faq", "roles", "learning_paths", "institutions")


def _seed_dir() -> Path:
    named = os.environ.get("CERTPATH_SEED_DIR")
    if named:
        return Path(named)
    # beside the checkout, or beside a folder above it (a worktree kept in a folder of its own)
    places = [folder / "shared" / "seed" for folder in ROOT.parents]
    return next((p for p in places if p.is_dir()), places[0])


def _source_text() -> str | None:
    found = sorted(_seed_dir().glob("*.txt")) if _seed_dir().is_dir() else []
    return "\n".join(p.read_text(encoding="utf-8") for p in found) if found else None


def normalize(text: str) -> str:
    """Fold text for comparison: case, and every run of punctuation and spaces to one space."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def unsupported(catalog: Catalog, source: str) -> list[str]:
    """Return each fact of ``catalog`` that ``source`` does not back, with why."""
    body = f" {normalize(source)} "
    headings = {normalize(line) for line in source.splitlines() if line.strip()}
    problems = []
    for section in _SECTIONS:
        for entry_id, entry in getattr(catalog, section).items():
            for fact in facts(entry):
                problems.extend(f"{section}/{entry_id}: {fact.path}: {why}"
                                for why in _problems(fact, body, headings))
    return problems


def _problems(fact: Fact, body: str, headings: set[str]) -> list[str]:
    if fact.kind == "untraced":
        return ["neither traced to the source nor marked as a reading or an estimate"]
    found = []
    if fact.section is not None and normalize(fact.section) not in headings:
        found.append(f"no section {fact.section!r} in the source")
    found.extend(f"not in the source: {quote!r}" for quote in fact.quotes
                 if f" {normalize(quote)} " not in body)
    if fact.kind == "source" and not fact.quotes:
        found.append("nothing quoted")
    return found


SOURCE = _source_text()
needs_source = pytest.mark.skipif(SOURCE is None, reason=f"no source document in {_seed_dir()}")


@needs_source
def test_every_shipped_fact_is_in_the_source_or_marked() -> None:
    """Each fact of the shipped catalog is quoted from the source, or is a reading or an estimate."""
    assert SOURCE is not None
    assert unsupported(load_catalog(), SOURCE) == []


@needs_source
def test_every_testimonial_and_narrative_section_is_shipped() -> None:
    """The source's five testimonials (with their authors) and its narrative sections are all in."""
    assert SOURCE is not None
    architect = load_catalog().certifications["mlops-architect"]
    lines = SOURCE.splitlines()
    authors = [line.removeprefix("— ").strip() for line in lines if line.startswith("— ")]
    assert [t.author for t in architect.testimonials] == authors
    for t in architect.testimonials:
        assert lines[lines.index(f"— {t.author}") - 1].strip() == " ".join(t.text.split())
    for passage in architect.narrative:
        heading = lines.index(passage.title)
        assert lines[heading + 1].strip() == passage.text


def test_checker_reports_an_invented_fact(tmp_path: Path) -> None:
    """A quote the source lacks, a section it lacks and an untraced field are each reported."""
    (tmp_path / "tracks.yaml").write_text(
        "tracks:\n"
        "  - id: t\n"
        "    name: Cloud\n"
        "    description: Made up here.\n"
        "    sources:\n"
        "      - {fields: [name], section: Overview, quote: \"Cloud, Inc.\"}\n"
        "certifications:\n"
        "  - id: c\n"
        "    name: Cloud Basics\n"
        "    track: t\n"
        "    audience: Everyone\n"
        "    sources:\n"
        "      - {fields: [name], section: Overview}\n"
        "      - {fields: [track], section: Nowhere, reading: the name says so}\n"
        "      - {fields: [audience], section: Overview, quote: for all engineers}\n",
        encoding="utf-8")
    source = "Overview\nThe Cloud, Inc. course: the basics of cloud, for everyone.\n"
    catalog = load_catalog([tmp_path], builtin=False)
    assert sorted(unsupported(catalog, source)) == [
        "certifications/c: audience: not in the source: 'for all engineers'",
        "certifications/c: name: not in the source: 'Cloud Basics'",
        "certifications/c: track: no section 'Nowhere' in the source",
        "tracks/t: description: neither traced to the source nor marked as a reading or an estimate",
    ]


def test_normalize_ignores_punctuation_case_and_spacing() -> None:
    """Quotes match across line breaks, table bars, dashes and case."""
    assert normalize("| MLOps  Foundation |\n Beginner|") == "mlops foundation beginner"
    assert normalize("7–14 Days") == normalize("7-14 days")


@pytest.mark.parametrize(("item", "message"), [
    ("{fields: [nmae], section: S}", "sources: 'nmae' is not a field here; did you mean 'name'?"),
    ("{fields: [name, name], section: S}", "sources: field 'name' is traced twice"),
    ("{fields: [name], quote: x, reading: r}", "sources: a quote needs the section it is quoted from"),
    ("{fields: [name]}", "sources: an item needs a section, a reading or an estimate"),
    ("{fields: [name], reading: r, estimate: e}",
     "sources: an item is a reading or an estimate, not both"),
])
def test_validate_reports_a_wrong_source(tmp_path: Path, item: str, message: str) -> None:
    """Each kind of mistake in a sources item is an error at its position in the file."""
    from certpath.catalog import validate_catalog
    (tmp_path / "tracks.yaml").write_text(
        f"tracks:\n  - id: t\n    name: T\n    sources:\n      - {item}\n", encoding="utf-8")
    report = validate_catalog([tmp_path], builtin=False)
    found = [(f.line, f.message) for f in report.findings if f.severity == "error"]
    assert len(found) == 1
    assert found[0][1] == message
    assert found[0][0] == 5
