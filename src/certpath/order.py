"""Put certifications in the order to take them, without a graph library.

Planning orders a few certifications on every ``path``, ``recommend`` and ``plan``; importing
networkx for that costs more than the rest of such a command (see docs/performance.md), so this
small, well-tested algorithm does it. ``graph.py`` keeps networkx for the whole-graph work.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection

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
