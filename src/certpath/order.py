"""Put certifications in the order to take them, without a graph library (the light planner).

Planning orders a few certifications on every ``path``, ``recommend`` and ``plan``; importing
networkx for that costs more than the rest of such a command (see docs/performance.md), so this
small algorithm does it, tested to give networkx's order. ``graph.py`` keeps networkx for the
whole-graph work; ``has_cycle`` lets loading a catalog without a cycle (the usual case) skip it.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from certpath.catalog import Catalog


def prerequisites_first(catalog: Catalog, ids: Collection[str]) -> list[str]:
    """Order ``ids``: prerequisites first, then by level, then in catalog order.

    Only prerequisites among ``ids`` count. This is the lexicographic topological order that
    ``networkx.lexicographical_topological_sort`` gives with ``Catalog.order_key`` as the key.
    """
    chosen = set(ids)
    waiting = dict.fromkeys(chosen, 0)  # how many of its prerequisites are not yet placed
    unlocks: dict[str, list[str]] = {}
    for cid in chosen:
        needs = {o for r in catalog.requirements(cid) for o in r.options if o in chosen}
        waiting[cid] = len(needs)
        for option in needs:
            unlocks.setdefault(option, []).append(cid)
    ready = [(catalog.order_key(c), c) for c, n in waiting.items() if n == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _, cid = heapq.heappop(ready)
        order.append(cid)
        for after in unlocks.get(cid, ()):
            waiting[after] -= 1
            if waiting[after] == 0:
                heapq.heappush(ready, (catalog.order_key(after), after))
    if len(order) != len(chosen):
        raise ValueError("the prerequisites of these certifications form a cycle")
    return order


def has_cycle(catalog: Catalog) -> bool:
    """Whether the catalog's prerequisites form a cycle (a certification requiring itself aside).

    The walk of ``prerequisites_first`` without its ordering: repeatedly set aside what needs
    nothing left; a cycle is what remains.
    """
    certs = catalog.certifications
    waiting: dict[str, int] = {}
    unlocks: dict[str, list[str]] = {}
    for cid in certs:
        needs = {o for r in catalog.requirements(cid) for o in r.options if o != cid and o in certs}
        waiting[cid] = len(needs)
        for option in needs:
            unlocks.setdefault(option, []).append(cid)
    ready = [c for c, n in waiting.items() if n == 0]
    placed = 0
    while ready:
        placed += 1
        for after in unlocks.get(ready.pop(), ()):
            waiting[after] -= 1
            if waiting[after] == 0:
                ready.append(after)
    return placed != len(waiting)
