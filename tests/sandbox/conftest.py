"""Fixtures for the sandbox tests: runners and process inspection."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def worktree(tmp_path: Path) -> Path:
    """Return an empty directory standing in for a run's worktree."""
    path = tmp_path / "run" / "worktree"
    path.mkdir(parents=True)
    return path


@pytest.fixture
def run_dir(worktree: Path) -> Path:
    """Return the run directory that holds the worktree."""
    return worktree.parent
