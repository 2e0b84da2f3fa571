"""Draw the prerequisite picture as SVG, with a layered layout of certpath's own (no Graphviz).

Columns are depths (the longest chain of prerequisites below a certification), so prerequisites
sit to the left of what needs them. An edge that spans several columns passes through a point
reserved in each column it crosses, so it never runs through a box. Within a column, the order
is improved by barycentre sweeps and the order with the fewest crossings is kept. Boxes are sized
from their text; the output is deterministic, so it can be kept in the repository and diffed.
"""

from __future__ import annotations

import bisect
import functools
import textwrap
from dataclasses import dataclass

from certpath.picture import Group, Node, Picture
from certpath.render.diagram import CHOICE_COLOR, HELD_COLOR, HELD_MARK, NO_TIER, TIERS, tier_colors
from certpath.render.sanitiser import line as one_line
from certpath.render.sanitiser import xml as escape

_NAME_PX, _DETAIL_PX = 13, 11
_NAME_CHAR, _DETAIL_CHAR = 7.8, 6.6  # generous average glyph widths, so text stays inside its box
_LINE = 17
_PAD_X, _PAD_Y = 14, 10
_WRAP = 26
_MIN_BOX = 110
_COL_GAP, _ROW_GAP = 100, 24
_MARGIN, _TITLE = 24, 40
_DUMMY = 8
_PILL_H, _PILL_STEP, _PILL_GAP = 18, 24, 16
_SWEEPS = 6
_SWEEP_BUDGET = 120_000  # column items a picture may reorder, in all its sweeps after the first two
_EDGE, _RECOMMENDED = "#424242", "#9e9e9e"
_FONT = "Helvetica, Arial, sans-serif"


@dataclass
class _Box:
    """A placed rectangle: a certification, a reserved edge point, or an any-of pill."""

    x: float
    y: float
    w: float
    h: float

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def right(self) -> float:
        return self.x + self.w


@dataclass
class _Layout:
    layers: list[list[str]]
    boxes: dict[str, _Box]
    routes: dict[int, list[str]]  # edge index -> reserved points it passes through
    pills: dict[str, _Box]
    ports: dict[str, float]  # "e<edge index>" or a group id -> y where it meets its target
    width: float
    height: float


def render_svg(picture: Picture) -> str:
    """Return the picture as a standalone SVG document."""
    layout = _layout(picture)
    body: list[str] = []
    body.extend(_edges_svg(picture, layout))
    body.extend(_pill_svg(group, layout.pills[group.id]) for group in picture.groups)
    body.extend(_node_svg(node, layout.boxes[node.id]) for node in picture.nodes)
    legend, legend_w, legend_h = _legend(picture, layout.height + _ROW_GAP)
    width = max(layout.width, legend_w + 2 * _MARGIN)
    height = layout.height + _ROW_GAP + legend_h + _MARGIN
    title = (f"What {picture.node(picture.target).name} needs" if picture.target
             else "Certification paths: prerequisites on the left")
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(width)}" height="{_n(height)}" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" font-family="{_FONT}">',
        f"<title>{escape(title)}</title>",
        "<defs>",
        _marker("arrow", _EDGE), _marker("arrow-recommended", _RECOMMENDED),
        "</defs>",
        f'<rect class="background" x="0" y="0" width="{_n(width)}" height="{_n(height)}" '
        'fill="#ffffff"/>',
        f'<text x="{_MARGIN}" y="{_MARGIN + 6}" font-size="16" font-weight="bold" '
        f'fill="#212121">{escape(title)}</text>',
    ]
    return "\n".join([*head, *body, *legend, "</svg>"]) + "\n"


def _marker(name: str, color: str) -> str:
    return (f'<marker id="{name}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
            f'markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
            f'fill="{color}"/></marker>')


@functools.lru_cache(maxsize=1 << 16)  # a big picture formats ~20 times as many as it has values
def _n(value: float) -> str:
    """Format a coordinate: whole pixels when whole, else one decimal (stable output)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _name_lines(node: Node) -> list[str]:
    name = one_line(f"{HELD_MARK} {node.name}" if node.held else node.name)
    return textwrap.wrap(name, _WRAP) or [name]


def _detail(node: Node) -> str:
    return one_line(" \u00b7 ".join(x for x in (node.level, "held" if node.held else None) if x))


def _box_size(node: Node) -> tuple[float, float]:
    lines = _name_lines(node)
    width = max(max(len(line) for line in lines) * _NAME_CHAR, len(_detail(node)) * _DETAIL_CHAR)
    height = len(lines) * _LINE + (_LINE if _detail(node) else 0)
    return max(_MIN_BOX, width + 2 * _PAD_X), height + 2 * _PAD_Y


def _layout(picture: Picture) -> _Layout:
    depth = {n.id: n.depth for n in picture.nodes}
    layers: list[list[str]] = [[] for _ in range(max(depth.values(), default=0) + 1)]
    for node in picture.nodes:
        layers[node.depth].append(node.id)
    routes: dict[int, list[str]] = {}
    for index, edge in enumerate(picture.edges):
        points = [f"~{index}~{d}" for d in range(depth[edge.source] + 1, depth[edge.target])]
        for point in points:
            layers[int(point.rsplit("~", 1)[1])].append(point)
        routes[index] = points
    _order(layers, _links(picture, routes))
    sizes = {n.id: _box_size(n) for n in picture.nodes}
    groups_of: dict[str, list[Group]] = {}
    for group in picture.groups:
        groups_of.setdefault(group.of, []).append(group)
    return _place(picture, layers, sizes, groups_of, routes)


def _links(picture: Picture, routes: dict[int, list[str]]) -> list[tuple[str, str]]:
    """Return the segments between neighbouring columns (source to reserved points to target)."""
    links: list[tuple[str, str]] = []
    for index, edge in enumerate(picture.edges):
        chain = [edge.source, *routes[index], edge.target]
        links.extend(zip(chain, chain[1:], strict=False))
    return links


def _order(layers: list[list[str]], links: list[tuple[str, str]]) -> None:
    """Reorder each column in place to reduce crossings (barycentre sweeps, best kept).

    An item's place is the mean place of its neighbours in the column next to it, on the side the
    sweep comes from. Sweeping stops early once a forward and a backward sweep have both left every
    column as it was (later sweeps would repeat them), or when no crossing is left. A large picture
    gets at least two sweeps (one each way) and more only within a work budget, as Graphviz bounds
    its own crossing reduction, so that 10,000 certifications are laid out in seconds.
    """
    column = {item: c for c, layer in enumerate(layers) for item in layer}
    up: dict[str, list[str]] = {}
    down: dict[str, list[str]] = {}
    by_column: list[list[tuple[str, str]]] = [[] for _ in layers]
    for a, b in links:
        by_column[column[a]].append((a, b))
        if column[b] == column[a] + 1:  # (links always join neighbouring columns)
            down.setdefault(a, []).append(b)
            up.setdefault(b, []).append(a)
    best = [list(layer) for layer in layers]
    best_crossings = _crossings(layers, by_column)
    unchanged = 0
    items = sum(len(layer) for layer in layers)
    for sweep in range(max(2, min(_SWEEPS, 2 + _SWEEP_BUDGET // max(items, 1)))):
        if best_crossings == 0 or unchanged >= 2:
            break
        forward = sweep % 2 == 0
        indexes = range(1, len(layers)) if forward else range(len(layers) - 2, -1, -1)
        moved = False
        for i in indexes:
            pos = {item: p for p, item in enumerate(layers[i - 1] if forward else layers[i + 1])}
            near = up if forward else down
            keyed = []
            for here, item in enumerate(layers[i]):
                found = near.get(item)
                keyed.append((sum(map(pos.__getitem__, found)) / len(found) if found
                              else float(here), item))
            keyed.sort(key=lambda pair: pair[0])
            reordered = [item for _, item in keyed]
            if reordered != layers[i]:
                layers[i], moved = reordered, True
        unchanged = 0 if moved else unchanged + 1
        crossings = _crossings(layers, by_column) if moved else best_crossings
        if crossings < best_crossings:
            best, best_crossings = [list(layer) for layer in layers], crossings
    layers[:] = best


def _crossings(layers: list[list[str]], by_column: list[list[tuple[str, str]]]) -> int:
    """Count the pairs of segments between the same two columns that cross.

    ``by_column[c]`` holds the segments from column c to column c + 1. Two segments cross when
    their ends are in opposite orders in the two columns (sharing an end is no crossing). Sorted by
    their left end, they cross where the right ends are inverted: counted by inserting each right
    end into a sorted list, in O(E log E) comparisons rather than by comparing every pair.
    """
    pos = {item: p for layer in layers for p, item in enumerate(layer)}
    total = 0
    for segments in by_column:
        ordered = sorted((pos[a], pos[b]) for a, b in segments)
        seen: list[int] = []
        for count, (_, b) in enumerate(ordered):
            at_most = bisect.bisect_right(seen, b)  # seen so far with a right end <= b
            total += count - at_most
            seen.insert(at_most, b)
    return total


def _place(picture: Picture, layers: list[list[str]], sizes: dict[str, tuple[float, float]],
           groups_of: dict[str, list[Group]], routes: dict[int, list[str]]) -> _Layout:
    incoming = _incoming(picture)
    for item, arriving in incoming.items():  # room for the any-of pills on the left edge
        if item in groups_of:
            w, h = sizes[item]
            sizes[item] = (w, max(h, (len(arriving) - 1) * _PILL_STEP + 2 * _PAD_Y))

    def slot(item: str) -> float:  # the height an item takes in its column
        return sizes[item][1] if item in sizes else _DUMMY

    col_w = [max((sizes[i][0] for i in layer if i in sizes), default=_DUMMY) for layer in layers]
    col_h = [sum(slot(i) for i in layer) + _ROW_GAP * (len(layer) - 1) for layer in layers]
    tallest = max(col_h, default=0)
    boxes: dict[str, _Box] = {}
    x = float(_MARGIN)
    for c, layer in enumerate(layers):
        y = _MARGIN + _TITLE + (tallest - col_h[c]) / 2
        for item in layer:
            if item in sizes:
                w, h = sizes[item]
                boxes[item] = _Box(x + (col_w[c] - w) / 2, y, w, h)
            else:
                boxes[item] = _Box(x, y + slot(item) / 2, col_w[c], 0)
            y += slot(item) + _ROW_GAP
        x += col_w[c] + _COL_GAP
    ports = _ports(picture, boxes, routes, incoming, groups_of)
    pills: dict[str, _Box] = {}
    for group in picture.groups:
        w = len(group.label) * _DETAIL_CHAR + 14
        cy = ports[group.id]
        pills[group.id] = _Box(boxes[group.of].x - _PILL_GAP - w, cy - _PILL_H / 2, w, _PILL_H)
    width = x - _COL_GAP + _MARGIN
    return _Layout(layers, boxes, routes, pills, ports, width, _MARGIN + _TITLE + tallest)


def _incoming(picture: Picture) -> dict[str, list[str]]:
    """Return, per certification, what arrives on its left edge: direct edges and any-of groups."""
    found: dict[str, list[str]] = {}
    for index, edge in enumerate(picture.edges):
        key = f"e{index}" if edge.group is None else edge.group
        ports = found.setdefault(edge.target, [])
        if key not in ports:
            ports.append(key)
    return found


def _ports(picture: Picture, boxes: dict[str, _Box], routes: dict[int, list[str]],
           incoming: dict[str, list[str]], groups_of: dict[str, list[Group]]) -> dict[str, float]:
    """Spread what arrives at a box down its left edge, in the order its sources stand."""
    arriving: dict[str, list[float]] = {}
    for index, edge in enumerate(picture.edges):
        last = routes[index][-1] if routes[index] else edge.source
        key = f"e{index}" if edge.group is None else edge.group
        arriving.setdefault(key, []).append(boxes[last].cy)
    ports: dict[str, float] = {}
    for target, unsorted in incoming.items():
        box = boxes[target]
        keys = sorted(unsorted, key=lambda k: sum(arriving[k]) / len(arriving[k]))
        step = _PILL_STEP if target in groups_of else min(12, (box.h - 16) / max(len(keys) - 1, 1))
        for k, key in enumerate(keys):
            ports[key] = box.cy + (k - (len(keys) - 1) / 2) * step
    return ports


def _edges_svg(picture: Picture, layout: _Layout) -> list[str]:
    out: list[str] = []
    for index, edge in enumerate(picture.edges):
        start = layout.boxes[edge.source]
        points = [(start.right, start.cy)]
        for point in layout.routes[index]:
            reserved = layout.boxes[point]
            points += [(reserved.x, reserved.cy), (reserved.right, reserved.cy)]
        if edge.group is not None:
            pill = layout.pills[edge.group]
            points.append((pill.x, pill.cy))
            color, marker = CHOICE_COLOR, ""
        else:
            points.append((layout.boxes[edge.target].x, layout.ports[f"e{index}"]))
            color = _RECOMMENDED if edge.recommended else _EDGE
            marker = ' marker-end="url(#arrow-recommended)"' if edge.recommended else \
                ' marker-end="url(#arrow)"'
        dash = ' stroke-dasharray="6 4"' if edge.recommended else ""
        out.append(f'<path class="edge{" recommended" if edge.recommended else ""}" '
                   f'd="{_curve(points)}" fill="none" stroke="{color}" stroke-width="1.6"'
                   f'{dash}{marker}/>')
    for group in picture.groups:
        pill, target = layout.pills[group.id], layout.boxes[group.of]
        color = _RECOMMENDED if group.recommended else _EDGE
        dash = ' stroke-dasharray="6 4"' if group.recommended else ""
        marker = "arrow-recommended" if group.recommended else "arrow"
        out.append(f'<path class="edge choice" d="M{_n(pill.right)},{_n(pill.cy)} '
                   f'L{_n(target.x)},{_n(pill.cy)}" fill="none" stroke="{color}" '
                   f'stroke-width="1.6"{dash} marker-end="url(#{marker})"/>')
    return out


def _curve(points: list[tuple[float, float]]) -> str:
    """Return a path through the points, leaving and entering each one horizontally."""
    (x0, y0), rest = points[0], points[1:]
    parts = [f"M{_n(x0)},{_n(y0)}"]
    for x1, y1 in rest:
        half = (x1 - x0) / 2
        parts.append(f"C{_n(x0 + half)},{_n(y0)} {_n(x1 - half)},{_n(y1)} {_n(x1)},{_n(y1)}")
        x0, y0 = x1, y1
    return " ".join(parts)


def _pill_svg(group: Group, box: _Box) -> str:
    return (f'<g class="choice" data-for="{escape(group.of)}">'
            f'<rect class="anyof" x="{_n(box.x)}" y="{_n(box.y)}" width="{_n(box.w)}" '
            f'height="{_n(box.h)}" rx="9" fill="#fce4ec" stroke="{CHOICE_COLOR}"/>'
            f'<text x="{_n(box.x + box.w / 2)}" y="{_n(box.cy + 4)}" font-size="{_DETAIL_PX}" '
            f'text-anchor="middle" fill="{CHOICE_COLOR}">{escape(group.label)}</text></g>')


def _node_svg(node: Node, box: _Box) -> str:
    _, fill, stroke = tier_colors(node)
    stroke_width = 3 if node.held else 1.5
    color = HELD_COLOR if node.held else stroke
    out = [f'<g class="cert{" held" if node.held else ""}" data-id="{escape(node.id)}">',
           f"<title>{escape(node.id)}</title>",
           f'<rect class="node" x="{_n(box.x)}" y="{_n(box.y)}" width="{_n(box.w)}" '
           f'height="{_n(box.h)}" rx="8" fill="{fill}" stroke="{color}" '
           f'stroke-width="{stroke_width}"/>']
    cx = _n(box.x + box.w / 2)
    y = box.y + _PAD_Y + _LINE - 4
    for line in _name_lines(node):
        out.append(f'<text x="{cx}" y="{_n(y)}" font-size="{_NAME_PX}" font-weight="bold" '
                   f'text-anchor="middle" fill="#212121">{escape(line)}</text>')
        y += _LINE
    if _detail(node):
        out.append(f'<text x="{cx}" y="{_n(y)}" font-size="{_DETAIL_PX}" text-anchor="middle" '
                   f'fill="#424242">{escape(_detail(node))}</text>')
    out.append("</g>")
    return "".join(out)


def _legend(picture: Picture, top: float) -> tuple[list[str], float, float]:
    """Return the legend's elements, its width and its height."""
    tiers = sorted({(n.tier, n.level) for n in picture.nodes if n.level}, key=lambda t: t[0])
    entries: list[tuple[str, str]] = [("level", str(t)) for t, _ in tiers]
    if any(n.tier < 0 for n in picture.nodes):
        entries.append(("level", "-1"))
    entries += [("line", "required"), ("line", "recommended")]
    if picture.groups:
        entries.append(("pill", "any-of group"))
    if any(n.held for n in picture.nodes):
        entries.append(("held", "held"))
    names = dict(tiers)
    out = [f'<g class="legend-items" font-size="{_DETAIL_PX}" fill="#424242">']
    x, y = float(_MARGIN), top
    for kind, value in entries:
        label = one_line(names.get(int(value)) or "no level") if kind == "level" else value
        out.append(_legend_sample(kind, value, x, y))
        out.append(f'<text x="{_n(x + 40)}" y="{_n(y + 11)}">{escape(label)}</text>')
        x += 40 + len(label) * _DETAIL_CHAR + 24
    out.append("</g>")
    return out, x - _MARGIN, 16.0


def _legend_sample(kind: str, value: str, x: float, y: float) -> str:
    if kind == "level":
        tier = int(value)
        _, fill, stroke = TIERS[tier % len(TIERS)] if tier >= 0 else NO_TIER
        return (f'<rect class="legend" x="{_n(x)}" y="{_n(y)}" width="32" height="14" rx="4" '
                f'fill="{fill}" stroke="{stroke}"/>')
    if kind == "held":
        return (f'<rect class="legend" x="{_n(x)}" y="{_n(y)}" width="32" height="14" rx="4" '
                f'fill="#ffffff" stroke="{HELD_COLOR}" stroke-width="3"/>')
    if kind == "pill":
        return (f'<rect class="legend" x="{_n(x)}" y="{_n(y)}" width="32" height="14" rx="7" '
                f'fill="#fce4ec" stroke="{CHOICE_COLOR}"/>')
    recommended = value == "recommended"
    color = _RECOMMENDED if recommended else _EDGE
    dash = ' stroke-dasharray="6 4"' if recommended else ""
    marker = "arrow-recommended" if recommended else "arrow"
    return (f'<path d="M{_n(x)},{_n(y + 7)} L{_n(x + 32)},{_n(y + 7)}" stroke="{color}" '
            f'stroke-width="1.6"{dash} marker-end="url(#{marker})"/>')
