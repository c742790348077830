"""The symbol index: public symbols from source text, test counts, failures reported."""

from __future__ import annotations

import json
from pathlib import Path

from pace_app.agents.scribe.symbols import (
    MAX_FILE_BYTES,
    index_repository,
    is_test_path,
    module_name,
    tech_summary,
)

PACKAGE = '''"""Widgets and their makers.

More detail here.
"""

import os


class Widget(Base, metaclass=Meta):
    """A widget."""

    def __init__(self, size: int = 3) -> None:
        self.size = size

    def grow(self, by: int) -> "Widget":
        return Widget(self.size + by)

    async def fetch(self, *, url: str) -> bytes:
        return b""

    def _hidden(self) -> None:
        pass


class _Private:
    pass


def make(name: str, *sizes: int, **options: object) -> list[Widget]:
    return []


async def load(path: os.PathLike[str] | None = None) -> None:
    return None


def _helper() -> None:
    pass
'''


def write(root: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)


def test_public_symbols_come_with_signatures(tmp_path: Path) -> None:
    write(tmp_path, {"src/shop/__init__.py": '"""The shop."""\n', "src/shop/widgets.py": PACKAGE})
    index = index_repository(tmp_path)
    assert [m.name for m in index.modules] == ["shop", "shop.widgets"]
    module = index.modules[1]
    assert module.path == "src/shop/widgets.py"
    assert module.doc == "Widgets and their makers."
    assert module.package == "shop"
    [widget] = module.classes
    assert widget.render() == "class Widget(Base)"
    assert [m.render() for m in widget.methods] == [
        "def __init__(self, size: int=3) -> None",
        "def grow(self, by: int) -> 'Widget'",
        "async def fetch(self, *, url: str) -> bytes",
    ]
    assert [f.render() for f in module.functions] == [
        "def make(name: str, *sizes: int, **options: object) -> list[Widget]",
        "async def load(path: os.PathLike[str] | None=None) -> None",
    ]
    assert index.not_indexed == ()


def test_a_syntax_error_is_reported_not_raised(tmp_path: Path) -> None:
    write(tmp_path, {"pkg/good.py": "def ok() -> int:\n    return 1\n", "pkg/bad.py": "def (:\n"})
    write(tmp_path, {"pkg/nul.py": "x = 1\x00\n"})
    index = index_repository(tmp_path)
    assert [m.name for m in index.modules] == ["pkg.good"]
    reasons = dict(index.not_indexed)
    assert reasons["pkg/bad.py"].startswith("syntax error at line 1")
    assert "pkg/nul.py" in reasons


def test_large_binary_private_and_vendored_files_are_skipped(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pkg/_internal.py": "def f() -> None: ...\n",
            "pkg/__main__.py": "def main() -> None: ...\n",
            ".venv/lib/x.py": "def f() -> None: ...\n",
            "node_modules/a/b.py": "def f() -> None: ...\n",
            "pkg/__pycache__/c.py": "def f() -> None: ...\n",
        },
    )
    (tmp_path / "pkg" / "big.py").write_text("x = 1\n" * (MAX_FILE_BYTES // 6 + 1))
    (tmp_path / "pkg" / "latin.py").write_bytes(b"x = '\xff'\n")
    index = index_repository(tmp_path)
    assert [m.path for m in index.modules] == []
    reasons = dict(index.not_indexed)
    assert "larger than" in reasons["pkg/big.py"]
    assert reasons["pkg/latin.py"] == "cannot be read as UTF-8 text"
    assert set(reasons) == {"pkg/big.py", "pkg/latin.py"}


def test_symlinks_are_never_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside, {"secret.py": "def secret() -> None: ...\n"})
    root = tmp_path / "repo"
    write(root, {"pkg/a.py": "def a() -> None: ...\n"})
    (root / "pkg" / "link.py").symlink_to(outside / "secret.py")
    (root / "linked").symlink_to(outside, target_is_directory=True)
    assert [m.path for m in index_repository(root).modules] == ["pkg/a.py"]


def test_tests_are_counted_separately(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "tests/conftest.py": "def fixture_thing() -> None: ...\n",
            "tests/unit/test_a.py": (
                "def test_one() -> None: ...\nasync def test_two() -> None: ...\n"
                "class TestGroup:\n    def test_three(self) -> None: ...\n"
                "    def helper(self) -> None: ...\nclass Other:\n    def test_no(self): ...\n"
            ),
            "tests/test_broken.py": "def (\n",
            "pkg/mod_test.py": "def test_x() -> None: ...\n",
        },
    )
    index = index_repository(tmp_path)
    assert index.modules == ()
    counts = {t.path: t.tests for t in index.test_modules}
    assert counts == {
        "pkg/mod_test.py": 1,
        "tests/conftest.py": 0,
        "tests/test_broken.py": 0,
        "tests/unit/test_a.py": 3,
    }


def test_the_index_is_bounded(tmp_path: Path) -> None:
    write(tmp_path, {f"pkg/m{i}.py": "def f() -> None: ...\n" for i in range(5)})
    index = index_repository(tmp_path, max_files=3)
    assert index.truncated
    assert [m.name for m in index.modules] == ["pkg.m0", "pkg.m1", "pkg.m2"]


def test_names_and_test_paths() -> None:
    assert module_name("src/a/b/__init__.py") == "a.b"
    assert module_name("src/a/c.py") == "a.c"
    assert module_name("setup.py") == "setup"
    assert module_name("__init__.py") == "__init__"
    assert is_test_path("tests/x.py")
    assert is_test_path("a/test_b.py")
    assert not is_test_path("a/contest.py")


def test_tech_summary_reads_manifests(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": (
                '[project]\nname = "shop"\nrequires-python = ">=3.11"\n'
                'dependencies = ["httpx>=0.27", 3]\n[tool.pytest.ini_options]\n'
            ),
            "package.json": json.dumps(
                {"name": "shop-ui", "scripts": {"test": "vitest", "build": "vite build", "x": 1}}
            ),
            "tests/test_a.py": "def test_a() -> None: ...\n",
            "test_root.py": "def test_r() -> None: ...\n",
        },
    )
    index = index_repository(tmp_path)
    tech = tech_summary(tmp_path, index)
    assert tech.python_name == "shop"
    assert tech.requires_python == ">=3.11"
    assert tech.dependencies == ("httpx>=0.27",)
    assert tech.node_name == "shop-ui"
    assert tech.node_scripts == (("build", "vite build"), ("test", "vitest"))
    assert tech.test_dirs == ("tests",)
    assert (tech.test_modules, tech.tests) == (2, 2)
    assert tech.uses_pytest


def test_tech_summary_survives_broken_or_missing_manifests(tmp_path: Path) -> None:
    assert tech_summary(tmp_path, index_repository(tmp_path)).python_name is None
    write(tmp_path, {"pyproject.toml": "[project\n", "package.json": "{nope"})
    tech = tech_summary(tmp_path, index_repository(tmp_path))
    assert (tech.python_name, tech.node_name, tech.uses_pytest) == (None, None, False)
    write(tmp_path, {"pyproject.toml": "project = 1\n", "package.json": "[1]"})
    tech = tech_summary(tmp_path, index_repository(tmp_path))
    assert (tech.python_name, tech.node_name) == (None, None)
