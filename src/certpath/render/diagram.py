"""The prerequisite picture as text: a tree of blocks, Mermaid, or Graphviz DOT.

Every format tells the same things apart: levels (colours), held certifications (a tick),
required edges (solid) from recommended ones (dashed), and any-of groups (a choice node).
"""

from __future__ import annotations

from certpath.picture import Edge, Group, Node, Picture
from certpath.render import sanitiser
from certpath.render.blocks import TreeNode, View, tree_node

# Per level tier (the catalog's levels by rank): Rich style, SVG/DOT fill, stroke.
TIERS = (
    ("green", "#e8f5e9", "#43a047"),
    ("blue", "#e3f2fd", "#1e88e5"),
    ("yellow", "#fff8e1", "#f9a825"),
    ("magenta", "#f3e5f5", "#8e24aa"),
    ("cyan", "#e0f7fa", "#00acc1"),
    ("red", "#ffebee", "#e53935"),
)
NO_TIER = ("", "#f5f5f5", "#757575")
HELD_COLOR = "#2e7d32"
CHOICE_COLOR = "#c2185b"
HELD_MARK = "\u2713"


def tier_colors(node: Node) -> tuple[str, str, str]:
    """Return the Rich style, fill and stroke colour of a node's level."""
    return TIERS[node.tier % len(TIERS)] if node.tier >= 0 else NO_TIER


def _kind(recommended: bool) -> str:
    return "recommended" if recommended else "required"


def _choice_text(group: Group) -> str:
    count = "one" if group.choose == 1 else str(group.choose)
    return f"{_kind(group.recommended)}, {count} of:"


def tree_view(picture: Picture) -> View:
    """Return the picture as a tree: each certification above what it needs."""
    view = View()
    if picture.target:
        roots = [picture.target]
        view.heading(f"What {picture.node(picture.target).name} needs")
    else:
        needed = {e.source for e in picture.edges}
        roots = [n.id for n in picture.nodes if n.id not in needed]
        view.heading("Certifications and what they need")
    expanded: set[str] = set()
    view.tree(_subtree(picture, cid, "", expanded) for cid in roots)
    view.para("required: must be held first; recommended: the advised order only; "
              f"one of: a choice; {HELD_MARK}: held.", "dim")
    return view


def _subtree(picture: Picture, cid: str, prefix: str, expanded: set[str]) -> TreeNode:
    node = picture.node(cid)
    style = tier_colors(node)[0]
    spans: list[tuple[object, str]] = [(prefix, "dim"), (node.name, f"bold {style}".strip()),
                                       (f" \u00b7 {node.level}" if node.level else "", style)]
    if node.held:
        spans.append((f" {HELD_MARK} held", "bold green"))
    needs = picture.needs(cid)
    if needs and cid in expanded:
        return tree_node([*spans, (" (see above)", "dim")])
    expanded.add(cid)
    children: list[TreeNode] = []
    seen_groups: set[str] = set()
    for edge in needs:
        if edge.group is None:
            children.append(_subtree(picture, edge.source, f"{_kind(edge.recommended)}: ", expanded))
        elif edge.group not in seen_groups:
            seen_groups.add(edge.group)
            group = next(g for g in picture.groups if g.id == edge.group)
            options = [_subtree(picture, o, "", expanded) for o in group.options]
            children.append(tree_node([(_choice_text(group), "magenta")], options))
    return tree_node(spans, children)


def _label_lines(node: Node) -> list[str]:
    """Return a node's label as lines of raw text (each format escapes them its own way)."""
    lines = [node.name]
    detail = " \u00b7 ".join(x for x in (node.level, "held" if node.held else None) if x)
    if detail:
        lines.append(detail)
    if node.held:
        lines[0] = f"{HELD_MARK} {lines[0]}"
    return lines


def mermaid(picture: Picture) -> str:
    """Return a Mermaid flowchart (renders in GitHub, GitLab and most Markdown viewers)."""
    ids = {n.id: f"n{i}" for i, n in enumerate(picture.nodes, 1)}
    out = ["flowchart LR"]
    for node in picture.nodes:
        label = "<br/>".join(sanitiser.mermaid(line) for line in _label_lines(node))
        out.append(f'  {ids[node.id]}["{label}"]')
    for i, group in enumerate(picture.groups, 1):
        ids[group.id] = f"g{i}"
        out.append(f'  g{i}{{{{"{group.label}"}}}}')
    for edge in _direct_edges(picture):
        arrow = "-.->" if edge.recommended else "-->"
        out.append(f"  {ids[edge.source]} {arrow} {ids[edge.target]}")
    for group in picture.groups:
        out.extend(f"  {ids[o]} --- {ids[group.id]}" for o in group.options)
        out.append(f"  {ids[group.id]} {'-.->' if group.recommended else '-->'} {ids[group.of]}")
    for tier, (_, fill, stroke) in enumerate((*TIERS, NO_TIER)):
        out.append(f"  classDef tier{tier} fill:{fill},stroke:{stroke},color:#212121")
    out.append(f"  classDef held stroke:{HELD_COLOR},stroke-width:3px")
    out.append(f"  classDef choice fill:#fce4ec,stroke:{CHOICE_COLOR},color:{CHOICE_COLOR}")
    for node in picture.nodes:
        tier = node.tier % len(TIERS) if node.tier >= 0 else len(TIERS)
        out.append(f"  class {ids[node.id]} tier{tier}")
    held = [ids[n.id] for n in picture.nodes if n.held]
    if held:
        out.append(f"  class {','.join(held)} held")
    if picture.groups:
        out.append(f"  class {','.join(ids[g.id] for g in picture.groups)} choice")
    return "\n".join(out) + "\n"


def dot(picture: Picture) -> str:
    """Return a Graphviz DOT digraph (``dot -Tsvg``), prerequisites on the left."""
    out = ["digraph certpath {", "  rankdir=LR;",
           '  node [shape=box, style="rounded,filled", fontname="Helvetica"];',
           '  edge [color="#424242"];']
    for node in picture.nodes:
        _, fill, stroke = tier_colors(node)
        width = ", penwidth=3" if node.held else ""
        color = HELD_COLOR if node.held else stroke
        label = "\\n".join(sanitiser.dot(line) for line in _label_lines(node))
        out.append(f'  "{sanitiser.dot(node.id)}" [label="{label}", fillcolor="{fill}", '
                   f'color="{color}"{width}];')
    for group in picture.groups:
        out.append(f'  "{sanitiser.dot(group.id)}" [shape=diamond, label="{group.label}", '
                   f'style=filled, fillcolor="#fce4ec", color="{CHOICE_COLOR}", fontsize=10];')
    for edge in _direct_edges(picture):
        style = " [style=dashed]" if edge.recommended else ""
        out.append(f'  "{sanitiser.dot(edge.source)}" -> "{sanitiser.dot(edge.target)}"{style};')
    for group in picture.groups:
        out.extend(f'  "{sanitiser.dot(o)}" -> "{sanitiser.dot(group.id)}" '
                   f'[arrowhead=none, color="{CHOICE_COLOR}"];' for o in group.options)
        style = " [style=dashed]" if group.recommended else ""
        out.append(f'  "{sanitiser.dot(group.id)}" -> "{sanitiser.dot(group.of)}"{style};')
    out.append("}")
    return "\n".join(out) + "\n"


def _direct_edges(picture: Picture) -> list[Edge]:
    return [e for e in picture.edges if e.group is None]
