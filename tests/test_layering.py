"""The package's layering: no import cycles, the domain layer at the bottom, SDKs loaded late."""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from pathlib import Path

import pace_app

ROOT = Path(pace_app.__file__).parent
# What the bottom layer may import from the package: itself and the shared leaves.
DOMAIN_MAY_IMPORT = ("pace_app.domain", "pace_app.errors", "pace_app.types")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(("pace_app", *parts)).removesuffix(".__init__")


class _Imports(ast.NodeVisitor):
    """Collect the package modules a file imports at run time (not for type checking)."""

    def __init__(self) -> None:
        self.found: set[str] = set()

    def visit_If(self, node: ast.If) -> None:
        if isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            return
        self.generic_visit(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.module and node.module.startswith("pace_app"):
            self.found.add(node.module)
            self.found.update(f"{node.module}.{alias.name}" for alias in node.names)

    def visit_Import(self, node: ast.Import) -> None:
        self.found.update(a.name for a in node.names if a.name.startswith("pace_app"))


# Parsing every module is the cost of these tests: read the package once per process.
@functools.cache
def import_graph() -> dict[str, frozenset[str]]:
    modules: dict[str, set[str]] = {}
    for path in ROOT.rglob("*.py"):
        visitor = _Imports()
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        modules[module_name(path)] = visitor.found
    return {
        name: frozenset(d for d in deps if d in modules and d != name)
        for name, deps in modules.items()
    }


def test_there_are_no_import_cycles() -> None:
    graph = import_graph()
    state: dict[str, int] = {}
    path: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for dep in sorted(graph[module]):
            if state.get(dep) == 1:
                cycles.append([*path[path.index(dep) :], dep])
            elif dep not in state:
                visit(dep)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert cycles == []


def test_the_domain_layer_imports_nothing_above_it() -> None:
    graph = import_graph()
    upward = {
        (module, dep)
        for module, deps in graph.items()
        if module.startswith("pace_app.domain")
        for dep in deps
        if not dep.startswith(DOMAIN_MAY_IMPORT)
    }
    assert upward == set()


def test_starting_the_service_imports_no_model_or_sentry_sdk() -> None:
    # The SDKs take about a second to import; only a process that makes a provider pays.
    probe = "import sys, pace_app.cli, pace_app.service; print(sorted(sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert "'anthropic'" not in loaded
    assert "'openai'" not in loaded
    assert "'sentry_sdk'" not in loaded  # imported only when SENTRY_DSN is set
