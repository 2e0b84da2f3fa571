"""Paths: what to take, in what order, which alternative, and why."""

from __future__ import annotations

import datetime as dt

import pytest

from certpath.catalog import Catalog, load_catalog
from certpath.planning import plan_path
from tests.conftest import LEVELS, WriteCatalog


def ids(path: object) -> list[str]:
    """Return the step ids of a path."""
    return [s.id for s in path.steps]  # type: ignore[attr-defined]


def test_any_of_takes_least_remaining_work(small: Catalog) -> None:
    """With nothing held, the any-of picks the alternative with fewer hours and says why."""
    path = plan_path(small, "expert")
    assert ids(path) == ["basics", "assoc-b", "expert"]
    [choice] = path.choices
    assert choice.chosen == ("assoc-b",)
    assert choice.alternatives == ("assoc-a",)
    assert "least remaining work" in choice.reason


def test_any_of_prefers_what_is_held(small: Catalog) -> None:
    """A held alternative satisfies the any-of even when another is cheaper."""
    path = plan_path(small, "expert", ["assoc-a"])
    assert ids(path) == ["expert"]
    assert path.choices[0].chosen == ("assoc-a",)
    assert "already held" in path.choices[0].reason


def test_recommended_steps_are_marked_and_optional(small: Catalog) -> None:
    """Recommended prerequisites are on the path but not required; --required-only drops them."""
    path = plan_path(small, "expert")
    kinds = {s.id: s.required for s in path.steps}
    assert kinds == {"basics": False, "assoc-b": True, "expert": True}
    assert ids(plan_path(small, "expert", required_only=True)) == ["assoc-b", "expert"]


def test_required_under_recommended_is_not_required(small: Catalog) -> None:
    """A step needed only by a recommended step is itself only recommended."""
    path = plan_path(small, "data-pro")
    assert ids(path) == ["basics", "assoc-b", "expert", "data-pro"]
    assert [s.required for s in path.steps] == [False, False, False, True]


def test_knowledge_follows_the_steps(small: Catalog) -> None:
    """Knowledge prerequisites are listed with the steps that need them."""
    path = plan_path(small, "expert")
    assert [(k.topic, k.needed_for) for k in path.knowledge] == [
        ("Linux", ("basics",)), ("Kubernetes", ("expert",))]


def test_target_already_held(small: Catalog) -> None:
    """Holding the target gives no steps and a note."""
    path = plan_path(small, "expert", ["expert"])
    assert path.steps == ()
    assert "already held" in path.notes[0]


def test_held_certification_implies_its_prerequisites(small: Catalog) -> None:
    """Holding a certification counts its required prerequisites as held."""
    path = plan_path(small, "data-pro", ["assoc-a"])
    assert ids(path) == ["expert", "data-pro"]


@pytest.fixture
def validity(write_catalog: WriteCatalog) -> Catalog:
    """A catalog where the expert needs a still-valid associate."""
    tracks = LEVELS + """\
certifications:
  - {id: assoc, name: Assoc, track: cloud, validity_months: 24, effort: {hours: 5}}
  - {id: other, name: Other, track: cloud, effort: {hours: 50}}
  - id: expert
    name: Expert
    track: cloud
    requires: [{any_of: [assoc, other], must_be_valid: true}]
"""
    return load_catalog([write_catalog(tracks)], builtin=False)


def test_expired_certification_does_not_satisfy_must_be_valid(validity: Catalog) -> None:
    """An expired certification is renewed when a prerequisite must still be valid, and noted."""
    path = plan_path(validity, "expert", ["assoc"], expired=["assoc"])
    assert ids(path) == ["assoc", "expert"]
    assert any("expired" in n for n in path.notes)
    assert ids(plan_path(validity, "expert", ["assoc"])) == ["expert"]


def test_n_of_m(write_catalog: WriteCatalog) -> None:
    """A choose-2-of-3 group takes the two cheapest and lists the third as not taken."""
    tracks = LEVELS + """\
certifications:
  - {id: a, name: A, track: cloud, effort: {hours: 30}}
  - {id: b, name: B, track: cloud, effort: {hours: 10}}
  - {id: c, name: C, track: cloud, effort: {hours: 20}}
  - {id: top, name: Top, track: cloud, requires: [{any_of: [a, b, c], choose: 2}]}
"""
    catalog = load_catalog([write_catalog(tracks)], builtin=False)
    path = plan_path(catalog, "top", ["a"])
    assert ids(path) == ["b", "top"]
    assert path.choices[0].chosen == ("a", "b")
    assert path.choices[0].alternatives == ("c",)


def test_order_is_prerequisites_then_level_then_catalog(write_catalog: WriteCatalog) -> None:
    """Independent steps are ordered by level, then by catalog order."""
    tracks = LEVELS + """\
certifications:
  - {id: z-adv, name: Z, track: cloud, level: advanced}
  - {id: y-beg, name: Y, track: cloud, level: beginner}
  - {id: x-beg, name: X, track: cloud, level: beginner}
  - {id: top, name: Top, track: cloud, level: beginner, requires: [z-adv, x-beg, y-beg]}
"""
    catalog = load_catalog([write_catalog(tracks)], builtin=False)
    assert ids(plan_path(catalog, "top")) == ["y-beg", "x-beg", "z-adv", "top"]


RETIRED = LEVELS + """\
certifications:
  - {id: old, name: Old, track: cloud, level: beginner, retired_on: 2024-06-30, replaced_by: new}
  - {id: new, name: New, track: cloud, level: beginner}
  - {id: top, name: Top, track: cloud, level: advanced, requires: [old]}
  - {id: top2, name: Top Two, track: cloud, level: advanced,
     requires: [{cert: old, recommended: true}]}
"""


def test_a_retired_prerequisite_is_not_planned_and_is_explained(
        write_catalog: WriteCatalog) -> None:
    """Old, retired 2024-06-30, cannot be earned on 2024-07-01: Top's path lacks it and says
    Top cannot be earned without it; Top Two only recommends it and leaves it out. On
    2024-06-30 Old can still be earned and is planned."""
    catalog = load_catalog([write_catalog(RETIRED)], builtin=False)
    after = dt.date(2024, 7, 1)
    top = plan_path(catalog, "top", today=after)
    assert ids(top) == ["top"]
    assert top.notes == ("Top requires Old, which was retired on 2024-06-30 and can no longer "
                         "be earned: unless you hold it, Top cannot be earned as the catalog "
                         "describes it; the successor of Old is New (certpath path --to new)",)
    two = plan_path(catalog, "top2", today=after)
    assert ids(two) == ["top2"]
    assert two.notes == ("Top Two recommends Old, which was retired on 2024-06-30 and can no "
                         "longer be earned: it is left out; the successor of Old is New "
                         "(certpath path --to new)",)
    assert ids(plan_path(catalog, "top", today=dt.date(2024, 6, 30))) == ["old", "top"]
    assert ids(plan_path(catalog, "top", ["old"], today=after)) == ["top"]
    assert plan_path(catalog, "top", ["old"], today=after).notes == ()
