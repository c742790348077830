"""Publish a worktree's new commit through GitHub's Git Data API, so GitHub signs it.

``ApiPublisher.publish`` sends what HEAD changes against the branch's head on GitHub
(or the base, for a new branch): each changed file's content as a blob (bounded
concurrency, each blob at most ``MAX_BLOB_BYTES``), one tree on top of the parent's
tree, one commit with the parent and HEAD's message but no author or committer (so
GitHub signs it as the App), then the branch ref: created, or moved forward only
(``force: false``), so a branch that moved meanwhile is never overwritten. The tree
GitHub built must be HEAD's tree to the byte (git objects are content-addressed), and
the worktree's branch is then moved to GitHub's commit, fetched back, so every later
step sees the real head sha.

Several local commits since the branch head are published as one commit, with the
newest message.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

import anyio

from pace_app.errors import WorkspaceError
from pace_app.workspace.changes import TreeChange

if TYPE_CHECKING:
    from pace_app.workspace.worktree import Worktree

logger = logging.getLogger(__name__)

# GitHub's documented ceiling for a blob written through the Git Data API.
MAX_BLOB_BYTES = 100 * 1024 * 1024
UPLOADS_AT_ONCE = 8


class GitData(Protocol):
    """GitHub's Git Data API for one repository, as the publisher uses it."""

    async def create_blob(self, content: bytes) -> str:
        """Store ``content`` as a blob; return its sha."""

    async def create_tree(self, base_tree: str, entries: Sequence[dict[str, str | None]]) -> str:
        """Store ``base_tree`` with ``entries`` applied; return the new tree's sha."""

    async def create_commit(self, message: str, tree: str, parents: Sequence[str]) -> str:
        """Store a commit of ``tree`` on ``parents``, signed by GitHub; return its sha."""

    async def set_branch(self, branch: str, sha: str, *, create: bool) -> None:
        """Create the branch at ``sha``, or move it there if that is a fast-forward."""


class ApiPublisher:
    """Publish HEAD through the Git Data API and point the worktree at GitHub's commit."""

    def __init__(
        self,
        api: GitData,
        *,
        uploads_at_once: int = UPLOADS_AT_ONCE,
        max_blob_bytes: int = MAX_BLOB_BYTES,
    ) -> None:
        self._api = api
        self._uploads_at_once = uploads_at_once
        self._max_blob_bytes = max_blob_bytes

    async def publish(
        self, worktree: Worktree, changes: Sequence[TreeChange], token: str | None
    ) -> str:
        """Create HEAD's change on GitHub, move the branch there; return GitHub's commit."""
        parent = worktree.remote_sha or worktree.base_sha
        head = await worktree.head()
        sha = parent
        if head != parent:
            await _check_sizes(worktree, changes, self._max_blob_bytes)
            blobs = await self._upload(worktree, changes)
            tree = await self._api.create_tree(
                await worktree.tree_of(parent),
                [change.entry(blobs.get(change.path)) for change in changes],
            )
            expected = await worktree.tree_of(head)
            if tree != expected:
                raise WorkspaceError(
                    f"GitHub built tree {tree} where the worktree has {expected}; nothing was "
                    "pushed"
                )
            sha = await self._api.create_commit(await worktree.message_of(head), tree, [parent])
        if sha == worktree.remote_sha:
            return sha
        await self._api.set_branch(worktree.branch, sha, create=worktree.remote_sha is None)
        await worktree.adopt(sha, token)
        logger.info(
            "worktree published through the api",
            extra={"repo": worktree.repository.full_name, "sha": sha, "files": len(changes)},
        )
        return sha

    async def _upload(self, worktree: Worktree, changes: Sequence[TreeChange]) -> dict[str, str]:
        """Upload every changed file's content; return GitHub's blob sha by path."""
        wanted = [change for change in changes if change.uploads_blob]
        limit = anyio.Semaphore(self._uploads_at_once)
        # One git command at a time in a worktree: each one resets its .git first.
        reading = anyio.Lock()
        by_object: dict[str, str] = {}

        async def upload(object_id: str) -> None:
            async with limit:
                async with reading:
                    content = await worktree.blob_bytes(object_id)
                sha = await self._api.create_blob(content)
            if sha != object_id:
                raise WorkspaceError(f"GitHub stored blob {sha} for the worktree's {object_id}")
            by_object[object_id] = sha

        async with anyio.create_task_group() as group:
            for object_id in sorted({c.object_id for c in wanted if c.object_id is not None}):
                group.start_soon(upload, object_id)
        return {c.path: by_object[c.object_id] for c in wanted if c.object_id is not None}


async def _check_sizes(worktree: Worktree, changes: Sequence[TreeChange], limit: int) -> None:
    """Refuse, before anything is sent, a file GitHub's API would not take."""
    sizes = await worktree.blob_sizes(
        [c.object_id for c in changes if c.uploads_blob and c.object_id]
    )
    for change in changes:
        size = sizes.get(change.object_id or "", 0)
        if change.uploads_blob and size > limit:
            raise WorkspaceError(
                f"{change.path!r} has {size} bytes; GitHub's API takes files of up to "
                f"{limit} bytes, so nothing was pushed"
            )
