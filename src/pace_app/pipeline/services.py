"""The I/O a story run needs, assembled once per worker process."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pace_app.domain.conventions import DEFAULT, Conventions
from pace_app.domain.daily_cap import DailyCaps
from pace_app.domain.job_store import JobStore
from pace_app.domain.run_store import RunStore
from pace_app.github.auth import TokenScope
from pace_app.github.client import GitHubApp, GitHubClient
from pace_app.github.identity import AppIdentity
from pace_app.github.permissions import PermissionChecker
from pace_app.llm.provider import ModelProvider
from pace_app.sandbox import OperatorSandbox
from pace_app.workspace import Workspace

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Services:
    """Store, GitHub, workspace and model access shared by every run in a process."""

    jobs: JobStore
    runs: RunStore
    github: GitHubApp
    workspace: Workspace
    model: Callable[[str], ModelProvider]  # by llm.provider name
    identity: AppIdentity
    permissions: PermissionChecker
    data_dir: Path
    sandbox: OperatorSandbox = field(default_factory=OperatorSandbox)
    conventions: Conventions = DEFAULT  # the operator's; a repository may override them
    clock: Callable[[], float] = time.monotonic  # seconds, for throttling status edits
    caps: DailyCaps = field(default_factory=DailyCaps)

    @asynccontextmanager
    async def installation(
        self,
        installation_id: int,
        *,
        repo: str | None = None,
        permissions: Mapping[str, str] | None = None,
    ) -> AsyncIterator[GitHubClient]:
        """Yield a client for the installation, limited to ``repo`` and ``permissions`` if given.

        Logs the rate limit left when done.
        """
        gh = await self.github.for_installation(
            installation_id,
            repositories=None if repo is None else [repo],
            permissions=permissions,
        )
        try:
            yield gh
        finally:
            logger.info(
                "github rate limit after job",
                extra={
                    "installation_id": installation_id,
                    "rate_limit_remaining": gh.remaining_rate_limit(),
                },
            )

    async def token(
        self,
        installation_id: int,
        *,
        repo: str | None = None,
        permissions: Mapping[str, str] | None = None,
    ) -> str:
        """Return a current installation token for git, limited like ``installation``."""
        scope = TokenScope.of(None if repo is None else [repo], permissions)
        return (await self.github.tokens.get(installation_id, scope)).value
