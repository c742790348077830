"""What a commit changes, as tree entries GitHub's Git Data API takes, and what it may not.

``tree_changes`` parses ``git diff-tree -r -z --raw`` between a parent and a commit into
``TreeChange`` entries: added or modified files with their mode (regular ``100644``,
executable ``100755``, symlink ``120000``, submodule ``160000``) and blob, deletions with
no blob. ``refuse_workflow_changes`` stops a change to ``.github/workflows/`` before
anything is created or pushed: GitHub refuses such a push without the ``workflows``
permission, which this App does not ask for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pace_app.errors import WorkspaceError

WORKFLOWS_DIR = ".github/workflows/"
WORKFLOWS_REFUSED = (
    "GitHub refuses a push that changes {paths} without the workflows permission, "
    "which this App does not ask for; make that change by hand"
)
MODES = {"100644": "blob", "100755": "blob", "120000": "blob", "160000": "commit"}
_NO_OBJECT = "0" * 40
_MAX_LISTED = 3


@dataclass(frozen=True)
class TreeChange:
    """One path a commit adds, changes or deletes (``object_id`` None: deleted)."""

    path: str
    mode: str
    object_id: str | None

    @property
    def kind(self) -> str:
        """Return the git object type the entry points at: ``blob`` or ``commit``."""
        return MODES[self.mode]

    @property
    def uploads_blob(self) -> bool:
        """Say whether GitHub needs this entry's content (a file or symlink, not deleted)."""
        return self.object_id is not None and self.kind == "blob"

    def entry(self, blob_sha: str | None = None) -> dict[str, str | None]:
        """Return the entry of ``POST /git/trees`` for this change."""
        sha = None if self.object_id is None else (blob_sha or self.object_id)
        return {"path": self.path, "mode": self.mode, "type": self.kind, "sha": sha}


def tree_changes(raw: str) -> list[TreeChange]:
    """Parse ``git diff-tree -r -z --raw --no-renames`` output into tree changes."""
    fields = raw.split("\0")
    changes: list[TreeChange] = []
    index = 0
    while index + 1 < len(fields) and fields[index]:
        meta, path = fields[index], fields[index + 1]
        index += 2
        parts = meta.lstrip(":").split()
        if len(parts) != 5:
            raise WorkspaceError(f"git diff-tree wrote an entry this App cannot read: {meta!r}")
        old_mode, new_mode, _old, new, status = parts
        if status.startswith("D"):
            changes.append(TreeChange(path, old_mode, None))
            continue
        if new_mode not in MODES or new == _NO_OBJECT:
            raise WorkspaceError(f"{path!r} has git mode {new_mode}, which GitHub cannot store")
        changes.append(TreeChange(path, new_mode, new))
    return changes


def workflow_paths(paths: Iterable[str]) -> list[str]:
    """Return the paths under ``.github/workflows/`` (any letter case, as GitHub checks)."""
    return sorted(p for p in paths if p.casefold().startswith(WORKFLOWS_DIR))


def refuse_workflow_changes(paths: Iterable[str]) -> None:
    """Raise ``WorkspaceError`` with the reason when a change touches a workflow file."""
    found = workflow_paths(paths)
    if not found:
        return
    listed = ", ".join(found[:_MAX_LISTED])
    if len(found) > _MAX_LISTED:
        listed += f" and {len(found) - _MAX_LISTED} more"
    raise WorkspaceError(WORKFLOWS_REFUSED.format(paths=listed))
