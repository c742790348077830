"""A worktree builder: files at the head, and the diff that added them."""

from __future__ import annotations

from pathlib import Path

import pytest


def added_file_diff(path: str, text: str) -> str:
    """Return the diff that adds ``path`` with ``text`` as a new file."""
    lines = text.splitlines()
    body = "".join(f"+{line}\n" for line in lines)
    return (
        f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
        f"@@ -0,0 +1,{len(lines)} @@\n{body}"
    )


class Repo:
    """A directory standing for a worktree at the pull request's head."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.diff = ""

    def add(self, path: str, text: str) -> None:
        """Write a new file and extend the diff with it."""
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        self.diff += added_file_diff(path, text)

    def write(self, path: str, text: str) -> None:
        """Write a file without touching the diff (an unchanged file)."""
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """Return an empty worktree."""
    root = tmp_path / "worktree"
    root.mkdir()
    return Repo(root)
