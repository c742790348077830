"""Who the app is on GitHub: its slug and bot user, for commit authorship.

``GET /app`` takes the App JWT; ``GET /users/{slug}[bot]`` is no App endpoint, so it
takes an installation token (one that may only read metadata).
"""

from __future__ import annotations

import anyio

from pace_app.errors import GitHubError
from pace_app.github.auth import METADATA_READ
from pace_app.github.client import GitHubApp
from pace_app.workspace.worktree import Identity, bot_identity


class AppIdentity:
    """Look up the App's bot identity once per process and remember it."""

    def __init__(self, github: GitHubApp) -> None:
        self._github = github
        self._identity: Identity | None = None
        self._lock = anyio.Lock()

    async def get(self, installation_id: int | None = None) -> Identity:
        """Return ``<slug>[bot]`` with its noreply address, asking GitHub the first time.

        The user look-up goes through ``installation_id``, or the App's first installation.
        """
        async with self._lock:
            if self._identity is None:
                app_client = self._github.app_client()
                app = await app_client.getitem("/app")
                slug = str(app["slug"])
                if installation_id is None:
                    installation_id = await self._any_installation()
                gh = await self._github.for_installation(installation_id, permissions=METADATA_READ)
                user = await gh.getitem("/users/{login}", {"login": f"{slug}[bot]"})
                self._identity = bot_identity(slug, int(user["id"]))
            return self._identity

    async def _any_installation(self) -> int:
        async for installation in self._github.app_client().getiter(
            "/app/installations?per_page=1"
        ):
            return int(installation["id"])
        raise GitHubError("the App has no installation to look its bot user up with")
