"""The prerequisite graph (the only module that imports networkx).

An edge runs from a prerequisite to the certification that needs it, so that a topological order
puts prerequisites first. Each edge carries ``recommended`` (True for a recommendation only).
"""

from __future__ import annotations

import networkx as nx

from certpath.catalog import Catalog


def build_graph(catalog: Catalog) -> nx.DiGraph:
    """Build the prerequisite graph of every certification in the catalog."""
    graph = nx.DiGraph()
    for cid in catalog.certifications:
        graph.add_node(cid)
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
