"""Fixtures for GATE: a tiny pytest project and the JUnit reports pytest writes for it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_FILES = {
    "pytest.ini": "[pytest]\n",
    "tests/__init__.py": "",
    "tests/test_calc.py": (
        "import pytest\n"
        "\n"
        "\n"
        "def add(a, b):\n"
        "    return a + b\n"
        "\n"
        "\n"
        "def test_adds():\n"
        "    assert add(1, 2) == 3\n"
        "\n"
        "\n"
        "def test_subtracts():\n"
        "    result = add(2, -1)\n"
        "    assert result == 3\n"
        "\n"
        "\n"
        "@pytest.mark.skip(reason='later')\n"
        "def test_later():\n"
        "    pass\n"
    ),
}


def write_project(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` under ``root`` and return it."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def run_pytest(project: Path, report: Path, *options: str) -> bytes:
    """Run pytest on ``project`` writing a JUnit report, and return the report's bytes."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_"))}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "-p",
            "no:cov",
            "-p",
            "no:randomly",
            f"--junitxml={report}",
            *options,
        ],
        cwd=project,
        env=env,
        capture_output=True,
        check=False,
        timeout=120,
    )
    return report.read_bytes()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Return a tiny project with one passing, one failing and one skipped test."""
    return write_project(tmp_path / "project", PROJECT_FILES)
