"""Reading what a commit changes as Git Data tree entries, and the workflow refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from pace_app.errors import WorkspaceError
from pace_app.workspace.changes import (
    TreeChange,
    refuse_workflow_changes,
    tree_changes,
    workflow_paths,
)
from tests.workspace.conftest import git


def _diff(repo: Path) -> list[TreeChange]:
    raw = git("diff-tree", "-r", "-z", "--raw", "--no-renames", "HEAD~1", "HEAD", cwd=repo)
    return tree_changes(raw)


def test_modes_deletions_binary_and_symlinks_become_tree_entries(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    git("init", "--quiet", "--initial-branch=main", str(repo))
    (repo / "gone.txt").write_text("bye\n")
    (repo / "run.sh").write_text("echo hi\n")
    (repo / "same.txt").write_text("same\n")
    git("add", "--all", cwd=repo)
    git("commit", "--quiet", "-m", "Seed", cwd=repo)
    (repo / "gone.txt").unlink()
    (repo / "run.sh").chmod(0o755)
    (repo / "logo.png").write_bytes(bytes(range(256)) * 4)
    (repo / "link").symlink_to("same.txt")
    git("add", "--all", cwd=repo)
    git("commit", "--quiet", "-m", "Change", cwd=repo)
    changes = {c.path: c for c in _diff(repo)}
    assert set(changes) == {"gone.txt", "run.sh", "logo.png", "link"}
    assert changes["gone.txt"].object_id is None
    assert changes["gone.txt"].entry() == {
        "path": "gone.txt", "mode": "100644", "type": "blob", "sha": None,
    }  # fmt: skip
    assert changes["run.sh"].mode == "100755"
    assert changes["link"].mode == "120000"
    blob = git("rev-parse", "HEAD:logo.png", cwd=repo).strip()
    assert changes["logo.png"] == TreeChange("logo.png", "100644", blob)
    assert all(changes[p].uploads_blob for p in ("run.sh", "logo.png", "link"))
    assert not changes["gone.txt"].uploads_blob


def test_submodules_are_commit_entries_and_odd_paths_survive() -> None:
    sub = "a" * 40
    raw = (
        f":000000 160000 {'0' * 40} {sub} A\0vendor/lib\0"
        f":100644 100644 {'1' * 40} {'2' * 40} M\0dir/with space\ttab.txt\0"
    )
    vendor, spaced = tree_changes(raw)
    assert vendor.entry() == {"path": "vendor/lib", "mode": "160000", "type": "commit", "sha": sub}
    assert not vendor.uploads_blob
    assert spaced.path == "dir/with space\ttab.txt"
    assert tree_changes("") == []


def test_an_unreadable_entry_is_an_error() -> None:
    with pytest.raises(WorkspaceError, match="cannot read"):
        tree_changes(":100644 M\0path\0")
    with pytest.raises(WorkspaceError, match="mode 040000"):
        tree_changes(f":000000 040000 {'0' * 40} {'1' * 40} A\0dir\0")


def test_workflow_changes_are_refused_with_the_reason() -> None:
    assert workflow_paths(["src/a.py", ".GitHub/Workflows/ci.yml", ".github/CODEOWNERS"]) == [
        ".GitHub/Workflows/ci.yml"
    ]
    refuse_workflow_changes(["src/a.py", ".github/dependabot.yml"])
    paths = [f".github/workflows/w{i}.yml" for i in range(5)]
    with pytest.raises(WorkspaceError) as refused:
        refuse_workflow_changes(paths)
    message = str(refused.value)
    assert message.startswith("GitHub refuses a push that changes .github/workflows/w0.yml, ")
    assert "and 2 more without the workflows permission, which this App does not ask for" in message
    assert message.endswith("make that change by hand")
