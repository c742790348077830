"""The workspace of one run: a synced mirror, a worktree, and removal on every exit."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import anyio

from pace_app.errors import WorkspaceError
from pace_app.workspace.git import Git
from pace_app.workspace.mirror import Mirrors
from pace_app.workspace.policy import Repository, UrlPolicy
from pace_app.workspace.publish import ApiPublisher, GitData
from pace_app.workspace.signing import Signing
from pace_app.workspace.worktree import Worktree, create_worktree

logger = logging.getLogger(__name__)


class Workspace:
    """Mirrors under ``DATA_DIR/mirrors`` and run worktrees under ``DATA_DIR/runs``."""

    def __init__(
        self,
        data_dir: Path,
        *,
        git: Git | None = None,
        policy: UrlPolicy | None = None,
        signing: Signing | None = None,
    ) -> None:
        self.mirrors = Mirrors(data_dir / "mirrors", git=git, policy=policy)
        self.runs_root = data_dir / "runs"
        self.signing = signing or Signing()

    @contextlib.asynccontextmanager
    async def run(
        self,
        repository: Repository,
        *,
        run_id: str,
        base: str,
        branch: str,
        token: str | None,
        git_data: GitData | None = None,
    ) -> AsyncIterator[Worktree]:
        """Yield a fresh worktree for a run; remove it however the block ends.

        In ``api`` signing mode its pushes go through ``git_data``, GitHub's Git Data API.
        """
        publisher = None
        if self.signing.mode == "api":
            if git_data is None:
                raise WorkspaceError("COMMIT_SIGNING=api needs GitHub's Git Data API for pushes")
            publisher = ApiPublisher(git_data)
        mirror = await self.mirrors.sync(repository, token)
        worktree = await create_worktree(
            mirror,
            run_id,
            base=base,
            branch=branch,
            runs_root=self.runs_root,
            signing=self.signing,
            publisher=publisher,
        )
        try:
            yield worktree
        finally:
            # Shielded: a cancelled run still gets its checkout removed.
            with anyio.CancelScope(shield=True):
                await worktree.remove()
            logger.info("worktree removed", extra={"repo": repository.full_name, "run_id": run_id})
