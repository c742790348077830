"""Fixtures for the workspace tests: origin repositories, a recording git runner."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pace_app.workspace import Git, Repository, UrlPolicy, Workspace, spawn_process

TOKEN = "ghs_workspaceTestToken0123456789"
_ENV = {
    "PATH": os.environ["PATH"],
    "HOME": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "Human",
    "GIT_AUTHOR_EMAIL": "human@example.com",
    "GIT_COMMITTER_NAME": "Human",
    "GIT_COMMITTER_EMAIL": "human@example.com",
}


def git(*args: str, cwd: Path | None = None) -> str:
    """Run git as a human would, outside the app, and return its output."""
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=_ENV, capture_output=True, text=True, check=True
    )
    return result.stdout


@dataclass
class Origin:
    """A bare repository standing in for GitHub, with a scratch clone to change it."""

    bare: Path
    scratch: Path

    @property
    def url(self) -> str:
        """Return its file:// clone URL."""
        return self.bare.as_uri()

    def repository(self, owner: str = "octo", name: str = "widgets") -> Repository:
        """Return the repository as the workspace sees it."""
        return Repository(owner=owner, name=name, clone_url=self.url)

    def commit(self, branch: str, files: Mapping[str, str], message: str = "Change") -> str:
        """Commit ``files`` on ``branch`` (created from main if new) and push it."""
        git("fetch", "--quiet", "origin", cwd=self.scratch)
        exists = git("ls-remote", "--heads", "origin", branch, cwd=self.scratch).strip()
        start = f"origin/{branch}" if exists else "origin/main"
        git("checkout", "--quiet", "-B", branch, start, cwd=self.scratch)
        for path, content in files.items():
            target = self.scratch / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content)
        git("add", "--all", cwd=self.scratch)
        git("commit", "--quiet", "-m", message, cwd=self.scratch)
        git("push", "--quiet", "--force", "origin", branch, cwd=self.scratch)
        return self.head(branch)

    def head(self, branch: str) -> str:
        """Return the origin's head of ``branch``."""
        return git("rev-parse", f"refs/heads/{branch}", cwd=self.bare).strip()

    def branches(self) -> set[str]:
        """Return the origin's branch names."""
        out = git("for-each-ref", "--format=%(refname:short)", "refs/heads", cwd=self.bare)
        return set(out.split())


@pytest.fixture
def origin(tmp_path: Path) -> Origin:
    """A bare repository with one commit on main."""
    bare = tmp_path / "origin" / "widgets.git"
    git("init", "--quiet", "--bare", "--initial-branch=main", str(bare))
    scratch = tmp_path / "scratch"
    git("init", "--quiet", "--initial-branch=main", str(scratch))
    (scratch / "README.md").write_text("# Widgets\n")
    (scratch / "src").mkdir()
    (scratch / "src" / "app.py").write_text("x = 1\n")
    git("add", "--all", cwd=scratch)
    git("commit", "--quiet", "-m", "Seed", cwd=scratch)
    git("remote", "add", "origin", str(bare), cwd=scratch)
    git("push", "--quiet", "origin", "main", cwd=scratch)
    return Origin(bare=bare, scratch=scratch)


@dataclass
class RecordingSpawn:
    """Run processes for real and keep the argv and environment of each."""

    calls: list[tuple[tuple[str, ...], dict[str, str]]] = field(default_factory=list)

    async def __call__(
        self, argv: Sequence[str], *, env: Mapping[str, str], cwd: Path | None, limit: float
    ) -> tuple[int, bytes, bytes]:
        self.calls.append((tuple(argv), dict(env)))
        return await spawn_process(argv, env=env, cwd=cwd, limit=limit)


@pytest.fixture
def spawn() -> RecordingSpawn:
    """A recording spawn function."""
    return RecordingSpawn()


@pytest.fixture
def workspace(tmp_path: Path, spawn: RecordingSpawn) -> Workspace:
    """A workspace under a temporary data directory that may use file:// URLs."""
    return Workspace(
        tmp_path / "data", git=Git(spawn=spawn, timeout=60), policy=UrlPolicy(allow_file=True)
    )
