"""Tests for guessing setup, build and test commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pace_app.sandbox.infer import (
    MAKE_VENV,
    infer_build_command,
    infer_setup_command,
    infer_test_command,
    project_files,
)

PYPROJECT_TEST_EXTRA = """
[project]
name = "demo"
[project.optional-dependencies]
test = ["pytest"]
"""
PYPROJECT_UV = """
[project]
name = "demo"
[tool.uv]
dev-dependencies = ["pytest"]
"""
PYPROJECT_PLAIN = '[project]\nname = "demo"\n'


def npm(**scripts: str) -> str:
    """Return a package.json with the given scripts."""
    return json.dumps({"name": "demo", "scripts": scripts})


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"uv.lock": "", "pyproject.toml": PYPROJECT_PLAIN}, "uv sync"),
        ({"pyproject.toml": PYPROJECT_UV}, "uv sync"),
        ({"uv.lock": "", "pyproject.toml": PYPROJECT_TEST_EXTRA}, "uv sync --extra test"),
        ({"pyproject.toml": PYPROJECT_TEST_EXTRA}, f"{MAKE_VENV} -e '.[test]'"),
        ({"pyproject.toml": PYPROJECT_PLAIN}, f"{MAKE_VENV} -e '.'"),
        ({"setup.py": ""}, f"{MAKE_VENV} -e '.'"),
        ({"pyproject.toml": "not = [toml"}, f"{MAKE_VENV} -e '.'"),
        ({"pyproject.toml": "project = 3\ntool = 4"}, f"{MAKE_VENV} -e '.'"),
        ({"requirements.txt": "pytest\n"}, f"{MAKE_VENV} -r requirements.txt"),
        ({"package.json": npm(), "package-lock.json": "{}"}, "npm ci"),
        ({"package.json": npm()}, "npm install"),
        ({"Cargo.toml": ""}, "cargo fetch"),
        ({"go.mod": ""}, "go mod download"),
        ({"README.md": ""}, None),
        ({}, None),
    ],
)
def test_infer_setup_command(files: dict[str, str], expected: str | None) -> None:
    assert infer_setup_command(files) == expected


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"pyproject.toml": PYPROJECT_PLAIN}, "pytest"),
        ({"setup.cfg": ""}, "pytest"),
        ({"pytest.ini": ""}, "pytest"),
        ({"tests/": ""}, "pytest"),
        ({"pyproject.toml": "", "package.json": npm(test="jest")}, "pytest"),
        ({"package.json": npm(test="jest")}, "npm test"),
        ({"package.json": npm(test='echo "Error: no test specified" && exit 1')}, None),
        ({"package.json": npm()}, None),
        ({"package.json": "{broken"}, None),
        ({"package.json": "[1, 2]"}, None),
        ({"package.json": json.dumps({"scripts": {"test": 3}})}, None),
        ({"Cargo.toml": ""}, "cargo test"),
        ({"go.mod": ""}, "go test ./..."),
        ({"Makefile": "build:\n\tcc x.c\ntest: build\n\t./x\n"}, "make test"),
        ({"Makefile": "all:\n\ttrue\n"}, None),
        ({}, None),
    ],
)
def test_infer_test_command(files: dict[str, str], expected: str | None) -> None:
    assert infer_test_command(files) == expected


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"package.json": npm(build="tsc")}, "npm run build"),
        ({"Cargo.toml": ""}, "cargo build"),
        ({"go.mod": ""}, "go build ./..."),
        ({"Makefile": "build:\n\tcc x.c\n"}, "make build"),
        ({"pyproject.toml": PYPROJECT_PLAIN}, None),
        ({}, None),
    ],
)
def test_infer_build_command(files: dict[str, str], expected: str | None) -> None:
    assert infer_build_command(files) == expected


def test_project_files_reads_markers_only(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT_TEST_EXTRA)
    (tmp_path / "uv.lock").write_bytes(b"x" * 300_000)
    (tmp_path / "tests").mkdir()
    (tmp_path / "src").mkdir()
    (tmp_path / "notes.txt").write_text("ignored")
    (tmp_path / "setup.py").symlink_to("/etc/passwd")
    files = project_files(tmp_path)
    assert set(files) == {"pyproject.toml", "uv.lock", "tests/"}
    assert files["pyproject.toml"] == PYPROJECT_TEST_EXTRA
    assert len(files["uv.lock"]) == 256 * 1024
    assert infer_setup_command(files) == "uv sync --extra test"
    assert infer_test_command(files) == "pytest"
