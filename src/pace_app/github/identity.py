"""Who the app is on GitHub: its slug and bot user, for commit authorship."""

from __future__ import annotations

import anyio

from pace_app.github.client import GitHubApp
from pace_app.workspace.worktree import Identity, bot_identity


class AppIdentity:
    """Look up the App's bot identity once per process and remember it."""

    def __init__(self, github: GitHubApp) -> None:
        self._github = github
        self._identity: Identity | None = None
        self._lock = anyio.Lock()

    async def get(self) -> Identity:
        """Return ``<slug>[bot]`` with its noreply address, asking GitHub the first time."""
        async with self._lock:
            if self._identity is None:
                client = self._github.app_client()
                app = await client.getitem("/app")
                slug = str(app["slug"])
                user = await client.getitem("/users/{login}", {"login": f"{slug}[bot]"})
                self._identity = bot_identity(slug, int(user["id"]))
            return self._identity
