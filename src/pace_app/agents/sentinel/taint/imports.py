"""What the names in a module stand for: imports resolved to dotted names."""

from __future__ import annotations

import ast
from pathlib import PurePosixPath


def module_names(path: str) -> tuple[str, ...]:
    """Return the dotted names a file may be imported as (with and without ``src.``)."""
    parts = list(PurePosixPath(path).with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    names = [".".join(parts)]
    for root in ("src", "lib"):
        if len(parts) > 1 and parts[0] == root:
            names.append(".".join(parts[1:]))
    return tuple(n for n in names if n)


def import_map(tree: ast.Module, module: str, *, package: bool) -> dict[str, str]:
    """Map each name bound by an import anywhere in the module to its dotted target."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    names[top] = top
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, module, package=package)
            for alias in node.names:
                if alias.name != "*":
                    names[alias.asname or alias.name] = (
                        f"{base}.{alias.name}" if base else alias.name
                    )
    return names


def _absolute(node: ast.ImportFrom, module: str, *, package: bool) -> str:
    if not node.level:
        return node.module or ""
    parts = module.split(".") if module else []
    # A module's package is its parent; a package's own __init__ is its package.
    keep = len(parts) - node.level + (1 if package else 0)
    base = parts[: max(keep, 0)]
    if node.module:
        base.append(node.module)
    return ".".join(base)


def dotted(node: ast.expr, names: dict[str, str]) -> str | None:
    """Return ``node`` as a dotted name with its root resolved through the imports."""
    if isinstance(node, ast.Name):
        return names.get(node.id, node.id)
    if isinstance(node, ast.Attribute):
        base = dotted(node.value, names)
        return None if base is None else f"{base}.{node.attr}"
    return None


def raw_dotted(node: ast.expr) -> str | None:
    """Return ``node`` as written, e.g. ``self.request.GET``, or None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = raw_dotted(node.value)
        return None if base is None else f"{base}.{node.attr}"
    return None
