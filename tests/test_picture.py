"""The picture of the prerequisite graph, and its tree, Mermaid, DOT and SVG renderings."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from certpath.catalog import Catalog, load_catalog
from certpath.picture import Edge, Group, Node, Picture, build_picture
from certpath.render import diagram
from certpath.render.console import plain_text
from certpath.render.svg import render_svg
from tests.conftest import WriteCatalog

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
REGENERATE = "python -m certpath --no-builtin --catalog data graph -o docs/catalog.svg"


def rects(svg: str) -> list[tuple[str, float, float, float, float]]:
    """Return every drawn rectangle but the background: (class, x, y, width, height)."""
    root = ET.fromstring(svg)  # noqa: S314 - certpath's own output, not untrusted XML
    return [(r.get("class", ""), *(float(r.get(k, "0")) for k in ("x", "y", "width", "height")))
            for r in root.iter(f"{SVG}rect") if r.get("class") != "background"]


def overlapping(svg: str) -> list[tuple[object, object]]:
    """Return the pairs of rectangles that overlap."""
    found = []
    for a, b in itertools.combinations(rects(svg), 2):
        if a[1] < b[1] + b[3] and b[1] < a[1] + a[3] and a[2] < b[2] + b[4] and b[2] < a[2] + a[4]:
            found.append((a, b))
    return found


def cert_ids(svg: str) -> list[str]:
    """Return the ids of the certifications drawn, in drawing order."""
    root = ET.fromstring(svg)  # noqa: S314 - certpath's own output
    return [g.get("data-id", "") for g in root.iter(f"{SVG}g") if g.get("data-id")]


def boxes(svg: str) -> dict[str, tuple[float, float]]:
    """Return each certification's box as (x, width), by id."""
    root = ET.fromstring(svg)  # noqa: S314 - certpath's own output
    found = {}
    for group in root.iter(f"{SVG}g"):
        rect = group.find(f"{SVG}rect")
        if group.get("data-id") and rect is not None:
            found[group.get("data-id", "")] = (float(rect.get("x", 0)), float(rect.get("width", 0)))
    return found


def test_picture_has_every_certification_at_its_depth(small: Catalog) -> None:
    """Depth is the longest prerequisite chain; any-of options form one group."""
    picture = build_picture(small)
    assert {n.id: n.depth for n in picture.nodes} == {
        "basics": 0, "assoc-b": 0, "assoc-a": 1, "expert": 2, "data-pro": 3}
    assert picture.groups == (Group("expert:1", "expert", 1, ("assoc-a", "assoc-b"), False),)
    assert Edge("basics", "expert", True) in picture.edges
    assert Edge("assoc-b", "expert", False, "expert:1") in picture.edges


def test_picture_narrowed_to_a_target(small: Catalog) -> None:
    """--to keeps the target and everything it can need, nothing else."""
    picture = build_picture(small, to="assoc-a")
    assert [n.id for n in picture.nodes] == ["basics", "assoc-a"]
    assert picture.groups == ()


def test_holding_marks_implied_prerequisites(small: Catalog) -> None:
    """Holding a certification marks its required prerequisites held too."""
    picture = build_picture(small, have=["assoc-a"])
    assert {n.id for n in picture.nodes if n.held} == {"assoc-a", "basics"}


def test_tree_shows_choices_kinds_and_held(small: Catalog) -> None:
    """The tree puts each certification above what it needs, with the any-of group as a choice."""
    text = plain_text(diagram.tree_view(build_picture(small, have=["basics"])))
    assert text.splitlines()[:8] == [
        "Certifications and what they need",
        "Data Pro \u00b7 Advanced",
        "  recommended: Cloud Expert \u00b7 Advanced",
        "    required, one of:",
        "      Associate A \u00b7 Intermediate",
        "        required: Cloud Basics \u00b7 Beginner \u2713 held",
        "      Associate B \u00b7 Intermediate",
        "    recommended: Cloud Basics \u00b7 Beginner \u2713 held",
    ]


def test_tree_shows_a_repeated_subtree_once(write_catalog: WriteCatalog) -> None:
    """A prerequisite needed twice is expanded once and referred to after that."""
    directory = write_catalog("""\
        tracks: [{id: t, name: T}]
        certifications:
          - {id: a, name: A, track: t}
          - {id: b, name: B, track: t, requires: [a]}
          - {id: c, name: C, track: t, requires: [b]}
          - {id: d, name: D, track: t, requires: [b]}
        """)
    text = plain_text(diagram.tree_view(build_picture(load_catalog([directory], builtin=False))))
    assert "  required: B\n    required: A\nD\n  required: B (see above)\n" in text


def test_mermaid_marks_kinds_and_escapes(write_catalog: WriteCatalog) -> None:
    """Mermaid output: solid and dotted arrows, a choice node, and quotes escaped."""
    directory = write_catalog("""\
        tracks: [{id: t, name: T}]
        certifications:
          - {id: a, name: 'The "A" <cert>', track: t}
          - {id: b, name: B, track: t}
          - {id: c, name: C, track: t, requires: [{any_of: [a, b]}, {cert: a, recommended: true}]}
        """)
    text = diagram.mermaid(build_picture(load_catalog([directory], builtin=False)))
    assert text.startswith("flowchart LR\n")
    assert 'n1["The #quot;A#quot; #lt;cert#gt;"]' in text
    assert '  g1{{"1 of 2"}}' in text
    assert "  n1 -.-> n3" in text
    assert "  n1 --- g1\n  n2 --- g1\n  g1 --> n3" in text


def test_dot_escapes_and_dashes_recommended(write_catalog: WriteCatalog) -> None:
    """DOT output: quotes and backslashes escaped, recommended edges dashed."""
    directory = write_catalog("""\
        tracks: [{id: t, name: T}]
        certifications:
          - {id: a, name: 'Say "hi" \\ bye', track: t}
          - {id: b, name: B, track: t, requires: [{cert: a, recommended: true}]}
        """)
    text = diagram.dot(build_picture(load_catalog([directory], builtin=False)))
    assert text.startswith("digraph certpath {\n")
    assert text.endswith("}\n")
    assert 'label="Say \\"hi\\" \\\\ bye"' in text
    assert '"a" -> "b" [style=dashed];' in text


def test_svg_is_well_formed_with_every_node_and_no_overlap(small: Catalog) -> None:
    """The SVG parses, draws every certification once, and no two boxes overlap."""
    svg = render_svg(build_picture(small, have=["basics"]))
    assert sorted(cert_ids(svg)) == sorted(small.certifications)
    kinds = [r[0] for r in rects(svg)]
    assert kinds.count("node") == 5
    assert kinds.count("anyof") == 1
    assert overlapping(svg) == []
    assert 'class="cert held" data-id="basics"' in svg
    assert svg.count('class="edge recommended"') == 2


def test_svg_puts_prerequisites_left_of_what_needs_them(small: Catalog) -> None:
    """Every edge runs left to right: a prerequisite's box ends before its dependant's begins."""
    picture = build_picture(small)
    box = boxes(render_svg(picture))
    for edge in picture.edges:
        assert sum(box[edge.source]) < box[edge.target][0]


def test_svg_escapes_catalog_text(write_catalog: WriteCatalog) -> None:
    """Names with XML specials are escaped, so the document still parses and shows them."""
    directory = write_catalog("""\
        tracks: [{id: t, name: T}]
        certifications:
          - {id: a, name: '<b>Tom & "Jerry"</b>', track: t}
        """)
    svg = render_svg(build_picture(load_catalog([directory], builtin=False)))
    root = ET.fromstring(svg)  # noqa: S314 - certpath's own output
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert '<b>Tom & "Jerry"</b>' in texts


@st.composite
def pictures(draw: st.DrawFn) -> Picture:
    """Random prerequisite DAGs, with any-of groups, held nodes and awkward names."""
    count = draw(st.integers(1, 10))
    pairs = draw(st.sets(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1))
                         .filter(lambda p: p[0] < p[1]), max_size=20))
    edges: list[Edge] = []
    groups: list[Group] = []
    for target in range(count):
        sources = sorted(s for s, t in pairs if t == target)
        if len(sources) >= 2 and draw(st.booleans()):
            gid = f"c{target}:1"
            groups.append(Group(gid, f"c{target}", 1, tuple(f"c{s}" for s in sources), False))
            edges.extend(Edge(f"c{s}", f"c{target}", False, gid) for s in sources)
        else:
            edges.extend(Edge(f"c{s}", f"c{target}", draw(st.booleans())) for s in sources)
    depth: dict[int, int] = {}
    for i in range(count):
        depth[i] = max((depth[s] + 1 for s, t in pairs if t == i), default=0)
    names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1,
                    max_size=60)
    nodes = tuple(Node(f"c{i}", draw(names), draw(st.sampled_from([None, "Beginner"])),
                       draw(st.integers(-1, 7)), "t", draw(st.booleans()), depth[i])
                  for i in range(count))
    return Picture(nodes, tuple(edges), tuple(groups), None, ())


@settings(max_examples=60, deadline=None)
@given(pictures())
def test_svg_layout_properties(picture: Picture) -> None:
    """For any DAG: well-formed XML, every node drawn, no overlapping boxes."""
    svg = render_svg(picture)
    assert sorted(cert_ids(svg)) == sorted(n.id for n in picture.nodes)
    assert overlapping(svg) == []
    box = boxes(svg)
    for edge in picture.edges:
        assert sum(box[edge.source]) < box[edge.target][0]


def test_shipped_catalog_picture_is_up_to_date() -> None:
    """docs/catalog.svg is what certpath draws for the shipped catalog today."""
    picture = build_picture(load_catalog([ROOT / "data"], builtin=False))
    stored = (ROOT / "docs" / "catalog.svg").read_text(encoding="utf-8")
    assert stored == render_svg(picture), f"docs/catalog.svg is stale; regenerate it: {REGENERATE}"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), max_size=40))
def test_svg_crossing_count_is_every_crossing_pair(ends: list[tuple[int, int]]) -> None:
    """The fast count equals the pairs whose ends lie in opposite orders in the two columns."""
    from certpath.render.svg import _crossings

    left = [f"a{i}" for i in range(7)]
    right = [f"b{i}" for i in range(7)]
    links = [(left[a], right[b]) for a, b in ends]
    by_hand = sum(1 for i, (a1, b1) in enumerate(ends) for a2, b2 in ends[i + 1:]
                  if (a1 < a2 and b1 > b2) or (a1 > a2 and b1 < b2))
    assert _crossings([left, right], [links, []]) == by_hand


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.just(0), min_size=1, max_size=9), min_size=2, max_size=6),
       st.data())
def test_svg_column_order_never_adds_crossings(columns: list[list[int]], data: st.DataObject) -> None:
    """Whatever the sweeps do, the order kept has no more crossings than the order given, and each
    column keeps exactly its own items."""
    from certpath.render.svg import _crossings, _order

    layers = [[f"c{c}i{i}" for i in range(len(items))] for c, items in enumerate(columns)]
    links = [(a, data.draw(st.sampled_from(layers[c + 1])))
             for c in range(len(layers) - 1) for a in layers[c]
             for _ in range(data.draw(st.integers(0, 3)))]
    by_column = [[(a, b) for a, b in links if a in layer] for layer in layers]
    before = _crossings(layers, by_column)
    ordered = [list(layer) for layer in layers]
    _order(ordered, links)
    assert [sorted(layer) for layer in ordered] == [sorted(layer) for layer in layers]
    assert _crossings(ordered, by_column) <= before
