"""Index a Python repository's public symbols by reading its source with ``ast``.

Repository code is never imported or executed: every file is parsed as text, so a
repository cannot run anything here. Files too large or that do not parse (perhaps
written for a newer Python than ours) are listed with the reason rather than failing
the index. Test modules are counted separately instead of listed symbol by symbol.
"""

from __future__ import annotations

import ast
import json
import os
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MAX_FILE_BYTES = 1_000_000
MAX_FILES = 3_000
MAX_SIGNATURE_CHARS = 240
MAX_DOC_CHARS = 160
MAX_LISTED = 40

# Directories that hold dependencies, caches or build output, never the project's code.
_SKIPPED_DIRS = frozenset(
    {
        "__pycache__",
        "node_modules",
        "site-packages",
        "build",
        "dist",
        "venv",
        "env",
    }
)
_TEST_DIRS = frozenset({"tests", "test", "testing"})


@dataclass(frozen=True)
class Function:
    """A public function or method and its signature as source text."""

    name: str
    signature: str
    is_async: bool = False

    def render(self) -> str:
        """Return ``[async ]def name(args) -> ret``."""
        return f"{'async ' if self.is_async else ''}def {self.name}{self.signature}"


@dataclass(frozen=True)
class Class:
    """A public class with its bases and public methods."""

    name: str
    bases: tuple[str, ...]
    methods: tuple[Function, ...]

    def render(self) -> str:
        """Return ``class Name(Base, ...)``."""
        return f"class {self.name}({', '.join(self.bases)})" if self.bases else f"class {self.name}"


@dataclass(frozen=True)
class Module:
    """One indexed module: dotted name, path, first docstring line and public symbols."""

    name: str
    path: str
    doc: str
    classes: tuple[Class, ...]
    functions: tuple[Function, ...]

    @property
    def package(self) -> str:
        """Return the top-level package the module belongs to."""
        return self.name.split(".", 1)[0]


@dataclass(frozen=True)
class ModuleTests:
    """A test module and how many tests it defines."""

    path: str
    tests: int


@dataclass(frozen=True)
class SymbolIndex:
    """The public symbols of a repository, its test modules and what could not be read."""

    modules: tuple[Module, ...]
    test_modules: tuple[ModuleTests, ...]
    not_indexed: tuple[tuple[str, str], ...]
    truncated: bool = False


@dataclass(frozen=True)
class TechSummary:
    """What the repository's manifest files say about its stack and test layout."""

    python_name: str | None = None
    requires_python: str | None = None
    dependencies: tuple[str, ...] = ()
    node_name: str | None = None
    node_scripts: tuple[tuple[str, str], ...] = ()
    test_dirs: tuple[str, ...] = ()
    test_modules: int = 0
    tests: int = 0
    uses_pytest: bool = False


def module_name(path: str) -> str:
    """Return the dotted module name of a repository-relative ``.py`` path."""
    parts = list(PurePosixPath(path).with_suffix("").parts)
    # src layout: the package starts below src/.
    if len(parts) > 1 and parts[0] == "src":
        parts = parts[1:]
    if len(parts) > 1 and parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def is_test_path(path: str) -> bool:
    """Say whether a repository-relative path is a test module or lives in a tests directory."""
    pure = PurePosixPath(path)
    name = pure.name
    return (
        any(part in _TEST_DIRS for part in pure.parts[:-1])
        or name.startswith("test_")
        or name.endswith("_test.py")
        or name == "conftest.py"
    )


def parse_module(path: str, source: str) -> Module:
    """Return the public symbols of one module's source, or raise ``SyntaxError``."""
    tree = ast.parse(source, filename=path)
    classes: list[Class] = []
    functions: list[Function] = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and _public(node.name):
            classes.append(_class(node))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _public(node.name):
            functions.append(_function(node))
    return Module(
        name=module_name(path),
        path=path,
        doc=_first_line(ast.get_docstring(tree)),
        classes=tuple(classes),
        functions=tuple(functions),
    )


def count_tests(source: str) -> int:
    """Return how many test functions a test module's source defines (0 if it does not parse)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return 0
    count = 0
    for node in tree.body:
        if _is_test_function(node):
            count += 1
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            count += sum(1 for item in node.body if _is_test_function(item))
    return count


def index_repository(root: Path, *, max_files: int = MAX_FILES) -> SymbolIndex:
    """Index every Python file under ``root`` (no symlinks, no hidden or vendored dirs)."""
    modules: list[Module] = []
    tests: list[ModuleTests] = []
    failures: list[tuple[str, str]] = []
    truncated = False
    for count, (path, file) in enumerate(_python_files(root)):
        if count >= max_files:
            truncated = True
            break
        try:
            size = file.stat().st_size
        except OSError as exc:
            failures.append((path, f"cannot be read ({exc.strerror or 'error'})"))
            continue
        if size > MAX_FILE_BYTES:
            failures.append((path, f"larger than {MAX_FILE_BYTES} bytes"))
            continue
        try:
            source = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            failures.append((path, "cannot be read as UTF-8 text"))
            continue
        if is_test_path(path):
            tests.append(ModuleTests(path, count_tests(source)))
            continue
        if PurePosixPath(path).stem.startswith("_") and PurePosixPath(path).stem != "__init__":
            continue
        try:
            modules.append(parse_module(path, source))
        except SyntaxError as exc:
            failures.append((path, f"syntax error at line {exc.lineno}: {exc.msg}"))
        except (ValueError, RecursionError) as exc:
            failures.append((path, f"does not parse ({type(exc).__name__})"))
    return SymbolIndex(
        modules=tuple(sorted(modules, key=lambda m: m.path)),
        test_modules=tuple(tests),
        not_indexed=tuple(failures),
        truncated=truncated,
    )


def tech_summary(root: Path, index: SymbolIndex) -> TechSummary:
    """Summarise pyproject.toml, package.json and the test layout found in ``index``."""
    project = _pyproject(root)
    package = _package_json(root)
    scripts = package.get("scripts")
    test_dirs = sorted(
        {
            str(PurePosixPath(t.path).parent)
            for t in index.test_modules
            if str(PurePosixPath(t.path).parent) != "."
        }
    )
    dependencies = project.get("dependencies")
    uses_pytest = any(PurePosixPath(t.path).name == "conftest.py" for t in index.test_modules)
    if not uses_pytest:
        pyproject = _read_small(root / "pyproject.toml") or ""
        uses_pytest = "pytest" in pyproject
    return TechSummary(
        python_name=_string(project.get("name")),
        requires_python=_string(project.get("requires-python")),
        dependencies=tuple(
            _clip(d, 80)
            for d in (dependencies if isinstance(dependencies, list) else [])
            if isinstance(d, str)
        )[:MAX_LISTED],
        node_name=_string(package.get("name")),
        node_scripts=tuple(
            (_clip(k, 40), _clip(v, 120))
            for k, v in sorted(scripts.items() if isinstance(scripts, dict) else [])
            if isinstance(v, str)
        )[:MAX_LISTED],
        test_dirs=tuple(test_dirs[:MAX_LISTED]),
        test_modules=len(index.test_modules),
        tests=sum(t.tests for t in index.test_modules),
        uses_pytest=uses_pytest,
    )


def _python_files(root: Path) -> Iterator[tuple[str, Path]]:
    """Yield (relative posix path, file) for every regular ``.py`` file, sorted."""
    for directory, dirs, files in os.walk(root):
        base = Path(directory)
        # Pruned in place so os.walk never descends; symlinks could lead anywhere.
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and d not in _SKIPPED_DIRS and not (base / d).is_symlink()
        )
        for name in sorted(files):
            file = base / name
            if name.endswith(".py") and not file.is_symlink() and file.is_file():
                yield file.relative_to(root).as_posix(), file


def _public(name: str) -> bool:
    return not name.startswith("_")


def _class(node: ast.ClassDef) -> Class:
    methods = tuple(
        _function(item)
        for item in node.body
        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
        and (_public(item.name) or item.name == "__init__")
    )
    bases = tuple(_clip(ast.unparse(base), 80) for base in node.bases)
    return Class(name=node.name, bases=bases, methods=methods)


def _function(node: ast.FunctionDef | ast.AsyncFunctionDef) -> Function:
    signature = f"({ast.unparse(node.args)})"
    if node.returns is not None:
        signature += f" -> {ast.unparse(node.returns)}"
    return Function(
        name=node.name,
        signature=_clip(signature, MAX_SIGNATURE_CHARS),
        is_async=isinstance(node, ast.AsyncFunctionDef),
    )


def _is_test_function(node: ast.stmt) -> bool:
    return isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test")


def _first_line(doc: str | None) -> str:
    lines = (doc or "").strip().splitlines()
    return _clip(lines[0].strip(), MAX_DOC_CHARS) if lines else ""


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _string(value: object) -> str | None:
    return _clip(value, 120) if isinstance(value, str) and value.strip() else None


def _read_small(file: Path) -> str | None:
    """Return a manifest's text, or None if it is missing, a symlink, huge or unreadable."""
    try:
        if file.is_symlink() or not file.is_file() or file.stat().st_size > MAX_FILE_BYTES:
            return None
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _pyproject(root: Path) -> dict[str, object]:
    text = _read_small(root / "pyproject.toml")
    if text is None:
        return {}
    try:
        project = tomllib.loads(text).get("project")
    except tomllib.TOMLDecodeError:
        return {}
    return project if isinstance(project, dict) else {}


def _package_json(root: Path) -> dict[str, object]:
    text = _read_small(root / "package.json")
    if text is None:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
