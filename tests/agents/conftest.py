"""A worktree with a .git directory, a secret outside it, and symlinks pointing out."""

from pathlib import Path

import pytest

SECRET = "outside-secret-value"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A directory next to the worktree holding a file the tools must never reach."""
    directory = tmp_path / "outside"
    directory.mkdir()
    (directory / "secret.txt").write_text(SECRET + "\n")
    return directory


@pytest.fixture
def repo(tmp_path: Path, outside: Path) -> Path:
    """A worktree: sources, a .git directory, and symlinks inside and out."""
    root = tmp_path / "repo"
    (root / "src" / "pkg").mkdir(parents=True)
    (root / "src" / "pkg" / "app.py").write_text("def main():\n    return 1\n")
    (root / "src" / "pkg" / "util.py").write_text("X = 1\nY = 2\nX = 1\n")
    (root / "README.md").write_text("# Demo\n")
    (root / "node_modules" / "dep").mkdir(parents=True)
    (root / "node_modules" / "dep" / "index.js").write_text("main()\n")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]\n\tbare = false\n")
    (root / "link_out_file").symlink_to(outside / "secret.txt")
    (root / "link_out_dir").symlink_to(outside, target_is_directory=True)
    (root / "link_git").symlink_to(root / ".git", target_is_directory=True)
    (root / "link_in").symlink_to(root / "src" / "pkg" / "app.py")
    (root / "dangling_out").symlink_to(outside / "new.txt")
    return root
