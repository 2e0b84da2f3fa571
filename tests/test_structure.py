"""The shape of the house: certpath's modules import one another in no circle."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

SRC = Path(__file__).resolve().parent.parent / "src"


def _module(file: Path) -> str:
    return ".".join(file.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__")


def _imports(file: Path) -> set[str]:
    """Return the certpath modules ``file`` imports when it runs (annotation-only imports aside)."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and "TYPE_CHECKING" in ast.unparse(node.test)
                   for stmt in node.body for n in ast.walk(stmt)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("certpath"):
            for alias in node.names:  # `from certpath.cli import completion` imports a module
                sub = f"{node.module}.{alias.name}"
                is_module = (SRC / sub.replace(".", "/")).with_suffix(".py").exists()
                found.add(sub if is_module else str(node.module))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("certpath"))
    return found


def test_no_module_imports_another_that_imports_it_back() -> None:
    """No circle of imports, at module level or inside functions (name lookup sits below both).

    A package's ``__init__`` handing work to its own modules is how a package is built, and is not
    counted; any other circle is.
    """
    graph = nx.DiGraph()
    for file in (SRC / "certpath").rglob("*.py"):
        module = _module(file)
        package = module if file.name == "__init__.py" else None
        graph.add_node(module)
        graph.add_edges_from((module, other) for other in _imports(file)
                             if package is None or not other.startswith(package + "."))
    assert ("certpath.catalog", "certpath.checks") in graph.edges  # the walk sees inner imports
    assert list(nx.simple_cycles(graph)) == []
