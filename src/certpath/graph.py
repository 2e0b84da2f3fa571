"""The prerequisite graph (the only module that imports networkx): whole-graph questions.

The rule (README, "Design notes"): networkx answers the questions about a whole catalog, whose
work is large beside networkx's import: naming prerequisite cycles, what no role reaches, and the
picture (what a certification can need, in what order, at what depth). The light planner
(order.py, planning.py) answers a command's own path from the catalog's indexes without importing
networkx; tests check it gives networkx's answer.

An edge runs from a prerequisite to the certification that needs it, so that a topological order
puts prerequisites first. Each edge carries ``recommended`` (True for a recommendation only).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:
    from certpath.catalog import Catalog


def build_graph(catalog: Catalog) -> nx.DiGraph:
    """Build the prerequisite graph of every certification in the catalog."""
    graph = nx.DiGraph()
    graph.add_nodes_from(catalog.certifications)
    for cid in catalog.certifications:
        for req in catalog.requirements(cid):
            for option in req.options:
                if graph.has_edge(option, cid) and not req.recommended:
                    graph[option][cid]["recommended"] = False
                elif not graph.has_edge(option, cid):
                    graph.add_edge(option, cid, recommended=req.recommended)
    return graph


def prerequisites_of(graph: nx.DiGraph, cert_id: str) -> set[str]:
    """Return every certification that can lead to ``cert_id``, directly or not."""
    return set(nx.ancestors(graph, cert_id))


def drawing_order(graph: nx.DiGraph, catalog: Catalog) -> list[str]:
    """Return the graph's certifications prerequisites first, then by level, then catalog order."""
    return list(nx.lexicographical_topological_sort(graph, key=catalog.order_key))


def depths(graph: nx.DiGraph) -> dict[str, int]:
    """Return each certification's depth: the length of the longest chain of prerequisites below it.

    networkx's topological generations are exactly that: a certification joins the generation after
    the last of its prerequisites.
    """
    return {cid: depth for depth, generation in enumerate(nx.topological_generations(graph))
            for cid in generation}


def prerequisite_cycles(catalog: Catalog) -> list[list[str]]:
    """Name every cycle of prerequisites once, each as the ids in the order each requires the next.

    A cycle lies within one strongly connected component; one is named per component, from its
    first member in catalog order, and its members leave the graph before the search goes on, so
    a knot of cycles is named by a few, not by every cycle through it. A certification requiring
    itself is left to the per-entry checks.
    """
    position = {cid: i for i, cid in enumerate(catalog.certifications)}
    needs = nx.DiGraph()
    needs.add_nodes_from(catalog.certifications)
    for cid in catalog.certifications:
        needs.add_edges_from((cid, o) for r in catalog.requirements(cid) for o in r.options
                             if o != cid and o in position)
    cycles: list[list[str]] = []
    while knots := [k for k in nx.strongly_connected_components(needs) if len(k) > 1]:
        for knot in sorted(knots, key=lambda k: min(position[c] for c in k)):
            start = min(knot, key=position.__getitem__)
            edges = nx.find_cycle(needs.subgraph(knot), source=start)
            cycles.append([source for source, _ in edges])
        needs.remove_nodes_from(c for cycle in cycles[-len(knots):] for c in cycle)
    return cycles


def reached_from(starts: Iterable[str], nodes: Iterable[str],
                 links: Iterable[tuple[str, str]]) -> set[str]:
    """Return the nodes connected to any of ``starts`` by ``links``, in either direction."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(links)
    reached: set[str] = set()
    for start in starts:
        if start in graph and start not in reached:
            reached |= nx.node_connected_component(graph, start)
    return reached
