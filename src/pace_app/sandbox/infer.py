"""Guess setup, build and test commands from a repository's files.

Used only when ``pace.config.yaml`` does not name the command. The functions take
``files``: a mapping from a path relative to the repository root to the file's text;
a directory appears with a trailing ``/`` and empty text. ``project_files`` builds that
mapping from a worktree for the few names these rules look at.

Python setups install into ``.venv`` in the worktree: the sandbox puts ``.venv/bin``
first on ``PATH``, so the test command finds what setup installed, and the service's
own Python installation (read-only in the sandbox) is never written to.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

MARKER_FILES: tuple[str, ...] = (
    "Cargo.toml",
    "Makefile",
    "conftest.py",
    "go.mod",
    "package-lock.json",
    "package.json",
    "pyproject.toml",
    "pytest.ini",
    "requirements.txt",
    "setup.cfg",
    "setup.py",
    "tox.ini",
    "uv.lock",
)
MARKER_DIRS: tuple[str, ...] = ("tests", "test")
# Read at most this much of a marker file; manifests are small, lock files are not
# looked into.
MAX_MARKER_BYTES = 256 * 1024
TEST_EXTRAS: tuple[str, ...] = ("test", "tests", "testing")
MAKE_VENV = "python3 -m venv .venv && .venv/bin/python -m pip install"
# What `npm init` writes when there are no tests.
NPM_PLACEHOLDER_TEST = "no test specified"


def project_files(root: Path) -> dict[str, str]:
    """Read the marker files and directories the inference rules look at."""
    files: dict[str, str] = {}
    for name in MARKER_FILES:
        path = root / name
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                files[name] = handle.read(MAX_MARKER_BYTES).decode("utf-8", errors="replace")
    for name in MARKER_DIRS:
        if (root / name).is_dir():
            files[name + "/"] = ""
    return files


def infer_setup_command(files: Mapping[str, str]) -> str | None:
    """Return the command that installs the project's dependencies, if one is evident."""
    pyproject = _toml(files.get("pyproject.toml"))
    extra = _test_extra(pyproject)
    if "uv.lock" in files or "uv" in _table(pyproject, "tool"):
        return f"uv sync --extra {extra}" if extra else "uv sync"
    if "pyproject.toml" in files or "setup.py" in files:
        target = f".[{extra}]" if extra else "."
        return f"{MAKE_VENV} -e '{target}'"
    if "requirements.txt" in files:
        return f"{MAKE_VENV} -r requirements.txt"
    if "package.json" in files:
        return "npm ci" if "package-lock.json" in files else "npm install"
    if "Cargo.toml" in files:
        return "cargo fetch"
    if "go.mod" in files:
        return "go mod download"
    return None


def infer_test_command(files: Mapping[str, str]) -> str | None:
    """Return the command that runs the project's tests, if one is evident."""
    python_markers = ("pyproject.toml", "setup.cfg", "pytest.ini", "tox.ini", "conftest.py")
    if any(name in files for name in (*python_markers, "tests/", "test/")):
        return "pytest"
    if _npm_script(files, "test"):
        return "npm test"
    if "Cargo.toml" in files:
        return "cargo test"
    if "go.mod" in files:
        return "go test ./..."
    if _make_target(files, "test"):
        return "make test"
    return None


def infer_build_command(files: Mapping[str, str]) -> str | None:
    """Return the command that builds the project, or None when there is no build step."""
    if _npm_script(files, "build"):
        return "npm run build"
    if "Cargo.toml" in files:
        return "cargo build"
    if "go.mod" in files:
        return "go build ./..."
    if _make_target(files, "build"):
        return "make build"
    return None


def _toml(text: str | None) -> dict[str, Any]:
    if text is None:
        return {}
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return {}


def _test_extra(pyproject: Mapping[str, Any]) -> str | None:
    extras = _table(_table(pyproject, "project"), "optional-dependencies")
    return next((name for name in TEST_EXTRAS if name in extras), None)


def _table(table: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = table.get(key)
    return value if isinstance(value, dict) else {}


def _npm_script(files: Mapping[str, str], name: str) -> bool:
    text = files.get("package.json")
    if text is None:
        return False
    try:
        manifest = json.loads(text)
    except json.JSONDecodeError:
        return False
    scripts = manifest.get("scripts") if isinstance(manifest, dict) else None
    script = scripts.get(name) if isinstance(scripts, dict) else None
    return isinstance(script, str) and NPM_PLACEHOLDER_TEST not in script


def _make_target(files: Mapping[str, str], target: str) -> bool:
    return any(line.startswith(f"{target}:") for line in files.get("Makefile", "").splitlines())
