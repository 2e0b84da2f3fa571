"""The prerequisite structure to draw: certifications, edges, any-of groups and their depth.

``render.diagram`` and ``render.svg`` turn a Picture into text or an image; this module decides
what is in it. Depth is the length of the longest chain of prerequisites below a certification,
so every prerequisite is drawn to the left of (or above) what needs it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from certpath.catalog import Catalog
from certpath.planning import implied_held


@dataclass(frozen=True)
class Node:
    """One certification in the picture."""

    id: str
    name: str
    level: str | None  # the level's display name
    tier: int  # the level's place among the catalog's levels (0 first), -1 without one
    track: str
    held: bool
    depth: int
    level_id: str | None = None  # the level's id, for JSON


@dataclass(frozen=True)
class Group:
    """An any-of requirement: ``choose`` of ``options`` are needed by ``of``."""

    id: str
    of: str
    choose: int
    options: tuple[str, ...]
    recommended: bool

    @property
    def label(self) -> str:
        """Say how many of how many are needed ("1 of 2")."""
        return f"{self.choose} of {len(self.options)}"


@dataclass(frozen=True)
class Edge:
    """A prerequisite (``source``) needed by ``target``; ``group`` names its any-of group."""

    source: str
    target: str
    recommended: bool
    group: str | None = None


@dataclass(frozen=True)
class Picture:
    """What to draw: nodes in drawing order, edges, any-of groups, and the target if narrowed."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    groups: tuple[Group, ...]
    target: str | None
    have: tuple[str, ...]

    def node(self, node_id: str) -> Node:
        """Return the node with this id."""
        return next(n for n in self.nodes if n.id == node_id)

    def needs(self, node_id: str) -> list[Edge]:
        """Return the edges into ``node_id`` (its prerequisites), in catalog order."""
        return [e for e in self.edges if e.target == node_id]


def build_picture(catalog: Catalog, *, to: str | None = None, have: Iterable[str] = ()) -> Picture:
    """Collect the prerequisite structure: all of it, or ``to`` and everything it can need."""
    from certpath import graph as graphs  # networkx loads only for a graph command

    graph = graphs.build_graph(catalog)
    keep = set(catalog.certifications)
    if to is not None:
        keep = graphs.prerequisites_of(graph, to) | {to}
        graph = graph.subgraph(keep)
    order = graphs.drawing_order(graph, catalog)
    depth = graphs.depths(graph)
    edges, groups = _edges(catalog, order, keep)
    have_t = tuple(dict.fromkeys(have))
    held = set(implied_held(catalog, have_t))
    tiers = {lid: i for i, lid in enumerate(sorted(catalog.levels,
                                                   key=lambda k: catalog.levels[k].rank))}
    certs = catalog.certifications
    nodes = tuple(Node(cid, certs[cid].name, catalog.level_name(cid),
                       tiers.get(certs[cid].level or "", -1), certs[cid].track, cid in held,
                       depth[cid], certs[cid].level) for cid in order)
    return Picture(nodes, tuple(edges), tuple(groups), to, have_t)


def _edges(catalog: Catalog, order: list[str], keep: set[str]) -> tuple[list[Edge], list[Group]]:
    edges: list[Edge] = []
    groups: list[Group] = []
    for cid in order:
        for index, req in enumerate(catalog.requirements(cid), 1):
            options = tuple(o for o in req.options if o in keep)
            group = None
            if req.is_choice:
                group = f"{cid}:{index}"
                groups.append(Group(group, cid, req.choose, options, req.recommended))
            edges.extend(Edge(o, cid, req.recommended, group) for o in options)
    return edges, groups

