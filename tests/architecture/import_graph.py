"""The package's import graph, read from the source (no module is imported): every ``import`` and
``from ... import`` of an ``embargo_kit`` module, at module level or inside functions and classes; imports under
``if TYPE_CHECKING:`` are left out (they never run). Used by the cycle and layer tests."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = "embargo_kit"


@dataclass(frozen=True)
class Edge:
    source: str  # importing module, e.g. embargo_kit.exercises.runtime
    target: str  # imported module, e.g. embargo_kit.exercises.checking
    line: int


def modules(src: Path = SRC) -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name, for its __init__.py)."""
    out = {}
    for path in sorted((src / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST):
    """Import nodes anywhere in the tree, except in the body of ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def edges(src: Path = SRC) -> list[Edge]:
    known = modules(src)
    out = []
    for name, path in known.items():
        is_pkg = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in _imports(tree):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                if node.level:
                    base = name.split(".") if is_pkg else name.split(".")[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    mod = ".".join(base + ([node.module] if node.module else []))
                else:
                    mod = node.module or ""
                # `from pkg import sub` imports the submodule; `from mod import name` imports mod
                subs = [f"{mod}.{a.name}" for a in node.names if f"{mod}.{a.name}" in known]
                rest = [a for a in node.names if f"{mod}.{a.name}" not in known]
                targets = subs + ([mod] if rest or not subs else [])
            for t in targets:
                while t and t not in known and "." in t:  # `import a.b.c` of a name inside a module
                    t = t.rsplit(".", 1)[0]
                if t in known and t != name:
                    out.append(Edge(name, t, node.lineno))
    return out


def cycles(graph_edges: list[Edge]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each as a sorted list."""
    graph: dict[str, set[str]] = {}
    for e in graph_edges:
        graph.setdefault(e.source, set()).add(e.target)
        graph.setdefault(e.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def part_of(module: str) -> str:
    """The part a module belongs to: ``embargo_kit.exercises.grade`` → ``exercises``; top-level modules are
    their own part (``embargo_kit.book`` → ``book``); the package itself is ``embargo_kit``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]
