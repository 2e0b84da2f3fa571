"""Invariants over random catalogs (Hypothesis): paths, cycles, and validate on random YAML."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certpath.catalog import Catalog, validate_catalog
from certpath.checks import check_references
from certpath.model import Certification, Effort, Level, Requirement, Track
from certpath.planning import implied_held, plan_path

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LEVELS = {f"l{i}": Level(id=f"l{i}", name=f"Level {i}", rank=i) for i in range(3)}


@st.composite
def requirement(draw: st.DrawFn, earlier: list[str]) -> str | Requirement:
    """Draw one requirement on earlier certifications: all-of, any-of, or recommended."""
    options = draw(st.lists(st.sampled_from(earlier), min_size=1, max_size=4, unique=True))
    recommended = draw(st.booleans())
    if len(options) == 1 and not recommended and draw(st.booleans()):
        return options[0]
    if len(options) == 1:
        return Requirement(cert=options[0], recommended=recommended)
    choose = draw(st.integers(1, len(options)))
    return Requirement(any_of=options, choose=choose, recommended=recommended)


@st.composite
def dag_catalog(draw: st.DrawFn, min_size: int = 1) -> Catalog:
    """Draw a catalog whose prerequisites form a DAG: each certification needs only earlier ones."""
    count = draw(st.integers(min_size, 12))
    certs: dict[str, Certification] = {}
    for i in range(count):
        cid = f"c{i}"
        earlier = list(certs)
        requires = draw(st.lists(requirement(earlier), max_size=3)) if earlier else []
        hours = draw(st.one_of(st.none(), st.integers(1, 100)))
        certs[cid] = Certification(
            id=cid, name=f"Cert {i}", track="t", level=draw(st.sampled_from(sorted(LEVELS))),
            requires=requires, effort=Effort(hours=hours) if hours else None,
            prerequisites=draw(st.lists(st.sampled_from(["Linux", "Git", "SQL"]), max_size=2,
                                        unique=True)))
    return Catalog(levels=dict(LEVELS), tracks={"t": Track(id="t", name="T")},
                   certifications=certs)


@st.composite
def planning_case(draw: st.DrawFn) -> tuple[Catalog, str, list[str], bool]:
    """Draw a DAG catalog, a target, what is held (never the target) and --required-only."""
    catalog = draw(dag_catalog())
    ids = list(catalog.certifications)
    target = draw(st.sampled_from(ids))
    have = draw(st.lists(st.sampled_from([i for i in ids if i != target] or ids), max_size=4,
                         unique=True))
    return catalog, target, [h for h in have if h != target], draw(st.booleans())


@SETTINGS
@given(planning_case())
def test_path_invariants(case: tuple[Catalog, str, list[str], bool]) -> None:
    """A path holds every needed prerequisite not held, in order, meets each any-of, holds nothing held."""
    catalog, target, have, required_only = case
    path = plan_path(catalog, target, have, required_only=required_only)
    held = set(implied_held(catalog, have))
    steps = [s.id for s in path.steps]
    assert len(steps) == len(set(steps))
    assert not set(steps) & held
    if target in held:
        assert steps == []
        return
    assert steps[-1] == target
    done = held | set(steps)
    for position, cid in enumerate(steps):
        for req in catalog.requirements(cid):
            before = {o for o in req.options if o in steps and steps.index(o) < position}
            assert {o for o in req.options if o in steps} == before  # prerequisites come first
            if req.recommended and required_only:
                continue
            assert len(set(req.options) & done) >= req.choose  # every group is satisfied
    if required_only:
        assert all(s.required for s in path.steps)
    assert check_references(_with_origins(catalog)) == []


@SETTINGS
@given(planning_case())
def test_path_is_deterministic(case: tuple[Catalog, str, list[str], bool]) -> None:
    """Planning the same question twice gives the same answer."""
    catalog, target, have, required_only = case
    assert plan_path(catalog, target, have, required_only=required_only) == \
        plan_path(catalog, target, have, required_only=required_only)


def _with_origins(catalog: Catalog) -> Catalog:
    """Give an in-memory catalog the origins that checks need to place a finding."""
    from certpath.catalog import Origin
    from certpath.yamldoc import Document

    doc = Document("memory", None)
    for section in ("levels", "tracks", "certifications"):
        for entry_id in getattr(catalog, section):
            catalog.origins[(section, entry_id)] = Origin(doc, (section, 0))
    return catalog


def _as_yaml(catalog: Catalog, extra: dict[str, list[str]]) -> str:
    """Write a catalog's certifications as tracks.yaml text, adding the ``extra`` requirements."""
    certs = []
    for cid, cert in catalog.certifications.items():
        requires: list[Any] = [r if isinstance(r, str) else
                               {k: v for k, v in (("cert", r.cert), ("any_of", r.any_of),
                                                  ("choose", r.choose),
                                                  ("recommended", r.recommended)) if v is not None}
                               for r in cert.requires]
        requires.extend({"cert": e, "recommended": True} if i % 2 else e
                        for i, e in enumerate(extra.get(cid, [])))
        certs.append({"id": cid, "name": cert.name, "track": "t", "requires": requires})
    return yaml.safe_dump({"tracks": [{"id": "t", "name": "T"}], "certifications": certs})


@SETTINGS
@given(dag_catalog(min_size=2), st.data())
def test_cycles_are_rejected_and_named(catalog: Catalog, data: st.DataObject) -> None:
    """A catalog with a prerequisite cycle is always rejected, and the cycle named is a real one."""
    ids = list(catalog.certifications)
    loop = data.draw(st.lists(st.sampled_from(ids), min_size=2, max_size=len(ids), unique=True))
    extra: dict[str, list[str]] = {}
    for here, there in zip(loop, loop[1:] + loop[:1], strict=True):
        extra.setdefault(here, []).append(there)
    needs = {cid: {o for r in catalog.requirements(cid) for o in r.options} | set(extra.get(cid, []))
             for cid in ids}
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "tracks.yaml").write_text(_as_yaml(catalog, extra), encoding="utf-8")
        report = validate_catalog([Path(tmp)], builtin=False)
    assert not report.ok
    named = [m for f in report.findings for m in re.findall(r"prerequisite cycle: (.*) \(", f.message)]
    assert named
    for chain in named:
        members = chain.split(" -> ")
        assert members[0] == members[-1]
        for here, there in zip(members, members[1:], strict=False):
            assert there in needs[here]


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["id", "name", "track", "requires", "any_of", "choose",
                                       "certifications", "tracks", "levels", "roles", "target",
                                       "institutions", "schema_version", "x"]) | st.text(max_size=8),
                      inner, max_size=5),
    max_leaves=30)


@SETTINGS
@given(st.one_of(yaml_values.map(lambda v: yaml.safe_dump(v).encode()),
                 st.text(max_size=200).map(str.encode), st.binary(max_size=200)),
       st.sampled_from(["tracks", "roles", "institutions"]))
def test_validate_never_raises_on_random_yaml(content: bytes, stem: str) -> None:
    """validate returns findings for any file content: it never raises."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / f"{stem}.yaml").write_bytes(content)
        report = validate_catalog([Path(tmp)], builtin=False)
    assert all(f.severity in ("error", "warning") for f in report.findings)
