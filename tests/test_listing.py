"""What the listing commands select, in the core: certifications by level and track, FAQ matches."""

from __future__ import annotations

import pytest

from certpath.catalog import Catalog, load_catalog
from certpath.errors import UnknownNameError
from certpath.listing import (
    list_certifications,
    list_institutions,
    roles_following,
    search_faq,
    stem,
)
from tests.conftest import LEVELS, WriteCatalog

FAQ = LEVELS + """\
certifications:
  - {id: late, name: Late, track: cloud, level: beginner}
  - {id: second, name: Second, track: cloud, level: advanced, order: 2}
  - {id: first, name: First, track: data, level: advanced, order: 1}
  - {id: early, name: Early, track: cloud, level: intermediate}
faq:
  - id: general
    title: General
    entries:
      - {question: "How long does Model-Drift take?", answer: About a week.}
      - {question: Is it online?, answer: "Yes, model drift included."}
  - id: other
    title: Other
    entries:
      - {question: "Who signs it?", answer: The board.}
"""


@pytest.fixture
def faq_catalog(write_catalog: WriteCatalog) -> Catalog:
    """A catalog with suggested orders on some certifications and two FAQ sections."""
    return load_catalog([write_catalog(FAQ)], builtin=False)


def test_certifications_come_by_level_then_suggested_order(faq_catalog: Catalog) -> None:
    """Beginner, intermediate, then advanced; within advanced ``order`` 1 before 2, whatever the
    catalog order or the track."""
    assert [c.id for c in list_certifications(faq_catalog)] == ["late", "early", "first", "second"]


def test_level_and_track_filters_take_names_and_combine(small: Catalog) -> None:
    """--level and --track accept names, and both must hold."""
    assert [c.id for c in list_certifications(small, level="Intermediate")] == ["assoc-a", "assoc-b"]
    assert [c.id for c in list_certifications(small, level="advanced", track="Cloud")] == ["expert"]
    assert [c.id for c in list_certifications(small, track="data")] == ["data-pro"]
    with pytest.raises(UnknownNameError):
        list_certifications(small, level="expertise")


def test_faq_words_all_match_folded_anywhere(faq_catalog: Catalog) -> None:
    """Every word must appear, case and hyphens folded, in the question or the answer."""
    matches = search_faq(faq_catalog, "model DRIFT")
    assert [(s.id, hits) for s, hits in matches] == [("general", [0, 1])]
    assert [(s.id, hits) for s, hits in search_faq(faq_catalog, "drift week")] == [("general", [0])]
    assert search_faq(faq_catalog, "drift board") == []


def test_no_query_matches_every_entry(faq_catalog: Catalog) -> None:
    """Without a query every section and every entry is listed."""
    assert [(s.id, hits) for s, hits in search_faq(faq_catalog, None)] == [
        ("general", [0, 1]), ("other", [0])]


def test_institutions_by_track_and_roles_by_learning_path(small: Catalog) -> None:
    """Only Cloud School names the cloud track; only the SRE role follows the reliability path."""
    assert [i.id for i in list_institutions(small, track="cloud")] == ["cloud-school"]
    assert [i.id for i in list_institutions(small)] == ["cloud-school", "rel-school"]
    assert roles_following(small, "reliability") == ["sre"]


RANKED = LEVELS + """\
faq:
  - id: a
    title: A
    entries:
      - {question: What does it cost?, answer: Pipelines drifting are covered.}
      - {question: How is drift handled?, answer: By retraining.}
  - id: b
    title: B
    entries:
      - {question: Is drifting monitored?, answer: "Yes."}
"""


def test_faq_finds_word_forms_and_ranks_the_best_first(write_catalog: WriteCatalog) -> None:
    """'drift' is best in a question as typed, then as another form, then in an answer."""
    catalog = load_catalog([write_catalog(RANKED)], builtin=False)
    ranked = [(s.id, hits) for s, hits in search_faq(catalog, "drift")]
    assert ranked == [("a", [1, 0]), ("b", [0])]  # a/1 question; b/0 question, a form; a/0 answer
    assert [(s.id, hits) for s, hits in search_faq(catalog, "drifted")] == [
        ("a", [1, 0]), ("b", [0])]  # every entry has a form of it; ties keep catalog order
    assert [(s.id, hits) for s, hits in search_faq(catalog, "pipeline monitoring")] == []
    assert [(s.id, hits) for s, hits in search_faq(catalog, "pipeline drifts")] == [("a", [0])]


@pytest.mark.parametrize(("word", "root"), [
    ("drifting", "drift"), ("drifted", "drift"), ("drifts", "drift"), ("running", "run"),
    ("policies", "policy"), ("automation", "automat"), ("automated", "automat"),
    ("deployments", "deploy"), ("class", "class"), ("status", "status"), ("cost", "cost")])
def test_stems(word: str, root: str) -> None:
    """Common English endings come off; words that only look like they have one keep it."""
    assert stem(word) == root
