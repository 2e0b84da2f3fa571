"""The light planner (no graph library) gives exactly networkx's answers; graph.py's cycles."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from certpath.catalog import Catalog
from certpath.graph import build_graph, prerequisite_cycles
from certpath.model import Certification, Level, Requirement, Track
from certpath.order import has_cycle, prerequisites_first
from certpath.planning import plan_path
from certpath.recommend import leads_to


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    """Draw a catalog whose prerequisites form a random DAG with random levels and kinds."""
    size = draw(st.integers(1, 14))
    catalog = Catalog(levels={f"l{r}": Level(id=f"l{r}", name=f"L{r}", rank=r) for r in range(3)},
                      tracks={"t": Track(id="t", name="T")})
    ids = [f"c{i}" for i in draw(st.permutations(range(size)))]
    for index, cid in enumerate(ids):
        requires: list[str | Requirement] = []
        earlier = ids[:index]
        if earlier:
            for option in draw(st.lists(st.sampled_from(earlier), max_size=3, unique=True)):
                requires.append(Requirement(cert=option, recommended=draw(st.booleans())))
            group = draw(st.lists(st.sampled_from(earlier), min_size=2, max_size=3, unique=True)
                         if len(earlier) > 1 else st.just([]))
            if group:
                requires.append(Requirement(any_of=group))
        level = draw(st.sampled_from([None, "l0", "l1", "l2"]))
        catalog.certifications[cid] = Certification(id=cid, name=cid.upper(), track="t",
                                                    level=level, requires=requires)
    return catalog


@settings(max_examples=200, deadline=None)
@given(catalogs(), st.data())
def test_order_matches_networkx(catalog: Catalog, data: st.DataObject) -> None:
    """Any subset is ordered exactly as networkx's lexicographic topological sort orders it."""
    subset = data.draw(st.sets(st.sampled_from(sorted(catalog.certifications)), min_size=1))
    graph = build_graph(catalog).subgraph(subset)
    expected = list(nx.lexicographical_topological_sort(graph, key=catalog.order_key))
    assert prerequisites_first(catalog, subset) == expected


def test_prerequisites_come_first_then_level_then_catalog_order(small: Catalog) -> None:
    """Prerequisites precede what needs them; otherwise lower levels, then catalog order, come first."""
    assert prerequisites_first(small, ["data-pro", "expert", "assoc-b", "basics", "assoc-a"]) == [
        "basics", "assoc-a", "assoc-b", "expert", "data-pro"]


def test_a_cycle_is_refused() -> None:
    """A cycle (which a loaded catalog never has) raises instead of dropping certifications."""
    catalog = Catalog(certifications={
        "a": Certification(id="a", name="A", track="t", requires=["b"]),
        "b": Certification(id="b", name="B", track="t", requires=["a"]),
    })
    with pytest.raises(ValueError, match="cycle"):
        prerequisites_first(catalog, ["a", "b"])
    assert not nx.is_directed_acyclic_graph(build_graph(catalog))


@st.composite
def any_graph_catalogs(draw: st.DrawFn) -> Catalog:
    """Draw a catalog whose requirements point anywhere: cycles, self-references, knots."""
    size = draw(st.integers(1, 10))
    ids = [f"c{i}" for i in range(size)]
    catalog = Catalog(tracks={"t": Track(id="t", name="T")})
    for cid in ids:
        needs = draw(st.lists(st.sampled_from(ids), max_size=3, unique=True))
        catalog.certifications[cid] = Certification(id=cid, name=cid, track="t",
                                                    requires=list(needs))
    return catalog


@settings(max_examples=150, deadline=None)
@given(any_graph_catalogs())
def test_has_cycle_matches_networkx(catalog: Catalog) -> None:
    """The light check finds a cycle exactly when networkx does (self-references aside)."""
    graph = build_graph(catalog)
    graph.remove_edges_from(list(nx.selfloop_edges(graph)))
    assert has_cycle(catalog) == (not nx.is_directed_acyclic_graph(graph))


@settings(max_examples=150, deadline=None)
@given(any_graph_catalogs())
def test_named_cycles_are_real_disjoint_and_leave_no_cycle(catalog: Catalog) -> None:
    """Each cycle named is a real one, no certification is in two, and without them none is left."""
    cycles = prerequisite_cycles(catalog)
    members = [cid for cycle in cycles for cid in cycle]
    assert len(members) == len(set(members))
    for cycle in cycles:
        for here, there in zip(cycle, cycle[1:] + cycle[:1], strict=True):
            assert there in catalog.certifications[here].requires
    rest = build_graph(catalog)
    rest.remove_edges_from(list(nx.selfloop_edges(rest)))
    rest.remove_nodes_from(members)
    assert nx.is_directed_acyclic_graph(rest)
    assert bool(cycles) == has_cycle(catalog)


@settings(max_examples=200, deadline=None)
@given(catalogs(), st.data())
def test_leads_to_matches_networkx_descendants(catalog: Catalog, data: st.DataObject) -> None:
    """What a certification leads to (``next``) is networkx's descendants, in catalog order."""
    cert = data.draw(st.sampled_from(sorted(catalog.certifications)))
    expected = sorted(nx.descendants(build_graph(catalog), cert), key=catalog.order_key)
    assert leads_to(catalog, cert) == expected


@settings(max_examples=200, deadline=None)
@given(catalogs(), st.data())
def test_a_path_without_choices_is_networkx_ancestors_in_order(catalog: Catalog,
                                                              data: st.DataObject) -> None:
    """With no any-of to choose, a path from nothing is the target's ancestors and the target,
    in networkx's lexicographic topological order."""
    for cid, cert in list(catalog.certifications.items()):  # keep only all-of requirements
        plain = [r for r in cert.requires if isinstance(r, Requirement) and r.any_of is None]
        catalog.certifications[cid] = Certification(id=cid, name=cert.name, track="t",
                                                    level=cert.level, requires=list(plain))
    target = data.draw(st.sampled_from(sorted(catalog.certifications)))
    graph = build_graph(catalog)
    keep = nx.ancestors(graph, target) | {target}
    expected = list(nx.lexicographical_topological_sort(graph.subgraph(keep),
                                                        key=catalog.order_key))
    assert [s.id for s in plan_path(catalog, target).steps] == expected
