"""The I/O a story run needs, assembled once per worker process."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pace_app.github.client import GitHubApp
from pace_app.llm.provider import ModelProvider
from pace_app.pipeline.identity import AppIdentity
from pace_app.pipeline.permissions import PermissionChecker
from pace_app.pipeline.run_store import RunStore
from pace_app.queue.store import JobStore
from pace_app.workspace import Workspace


@dataclass(frozen=True)
class Services:
    """Store, GitHub, workspace and model access shared by every run in a process."""

    jobs: JobStore
    runs: RunStore
    github: GitHubApp
    workspace: Workspace
    model: Callable[[], ModelProvider]
    identity: AppIdentity
    permissions: PermissionChecker
    data_dir: Path

    async def token(self, installation_id: int) -> str:
        """Return a current installation token for git (minted or cached)."""
        return (await self.github.tokens.get(installation_id)).value
