"""The parkgraph package imports one way: no module imports, at any depth, a module that imports it.

Regression: ``build`` ↔ ``formats`` ↔ ``views`` (through ``TYPE_CHECKING`` imports of the build's
``Project`` and ``BuiltGraph``), ``build`` ↔ ``api`` (the callable module's ``__call__``), ``api`` →
``parkgraph`` → ``api`` (an import for the doctests' name), and ``query`` ↔ ``store.endpoint`` (each
importing the other inside a function). Every ``import`` statement counts: at module level, inside
``if TYPE_CHECKING:``, and inside functions, since a cycle there is one a reader has to untangle too.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def modules_of(root: Path, package: str) -> dict[str, tuple[Path, bool]]:
    """Every module of ``package`` (under ``root``): dotted name → (file, whether it is a package)."""
    found = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        found[".".join(parts)] = (path, is_package)
    return found


def _absolute(module: str, is_package: bool, level: int, name: str | None) -> str:
    """The module a ``from ... import`` names, relative imports resolved against ``module``."""
    if level == 0:
        return name or ""
    parts = module.split(".")
    if not is_package:
        parts = parts[:-1]
    parts = parts[: len(parts) - (level - 1)]
    return ".".join(parts + ([name] if name else []))


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Module → the package's modules it imports anywhere in its code. ``from a import b`` is an edge to
    ``a.b`` when that is a module, else to ``a``."""
    modules = modules_of(root, package)
    graph: dict[str, set[str]] = {}
    for module, (path, is_package) in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                source = _absolute(module, is_package, node.level, node.module)
                for alias in node.names:
                    child = f"{source}.{alias.name}"
                    targets.add(child if child in modules else source)
        graph[module] = {t for t in targets if t in modules and t != module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def describe(component: list[str], graph: dict[str, set[str]]) -> str:
    return "; ".join(f"{m} → {', '.join(sorted(graph[m] & set(component)))}" for m in component)


def test_no_import_cycles_such_as_build_formats_views_or_query_endpoint() -> None:
    graph = import_graph(ROOT, "parkgraph")
    assert "parkgraph.corpus.build" in graph and "parkgraph.store.endpoint" in graph  # the walk saw them
    found = cycles(graph)
    assert not found, "import cycles: " + " | ".join(describe(c, graph) for c in found)


def test_the_cycle_check_sees_function_level_type_checking_and_relative_imports(tmp_path: Path) -> None:
    """The detector itself, on a package with each kind of cycle the parkgraph package had."""
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    files = {
        "__init__.py": "",
        "a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .b import B\n",
        "b.py": "from . import a\n",
        "c.py": "def f():\n    from .sub import d\n",
        "sub/__init__.py": "",
        "sub/d.py": "import pkg.c\n",
        "e.py": "from .sub.d import x\n",  # imports into the cycle, is not in it
    }
    for name, text in files.items():
        (package / name).write_text(text, encoding="utf-8")
    graph = import_graph(tmp_path, "pkg")
    assert cycles(graph) == [["pkg.a", "pkg.b"], ["pkg.c", "pkg.sub.d"]]
