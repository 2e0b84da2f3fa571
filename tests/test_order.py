"""Ordering certifications without a graph library: the same order networkx gives."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from certpath.catalog import Catalog
from certpath.graph import build_graph
from certpath.model import Certification, Level, Requirement, Track
from certpath.order import prerequisites_first


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
