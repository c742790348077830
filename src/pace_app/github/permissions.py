"""Who may run ``/pace`` commands: people with write, maintain or admin permission.

GitHub's collaborator-permission endpoint answers ``permission`` as admin, write, read
or none (maintain folds into write, triage into read) and ``role_name`` with the finer
role. Answers are cached briefly so a burst of comments costs one request.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from urllib.parse import quote

from pace_app.errors import GitHubError
from pace_app.github.client import GitHubClient

logger = logging.getLogger(__name__)

WRITE_ROLES = frozenset({"admin", "maintain", "write"})
DEFAULT_TTL = 60.0


def is_bot(login: str) -> bool:
    """Say whether a login is a GitHub App's bot user."""
    return login.lower().endswith("[bot]")


class PermissionChecker:
    """Answer whether a user may run commands on a repository, caching each answer."""

    def __init__(
        self, *, ttl: float = DEFAULT_TTL, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl = ttl
        self._clock = clock
        self._cache: dict[tuple[str, str], tuple[bool, float]] = {}

    async def can_write(self, gh: GitHubClient, repo: str, login: str) -> bool:
        """Say whether ``login`` has write, maintain or admin permission on ``repo``."""
        if is_bot(login):
            return False  # bots, this app included, never drive the pipeline
        key = (repo.lower(), login.lower())
        now = self._clock()
        cached = self._cache.get(key)
        if cached is not None and cached[1] > now:
            return cached[0]
        allowed = await self._ask(gh, repo, login)
        self._cache[key] = (allowed, now + self._ttl)
        return allowed

    async def _ask(self, gh: GitHubClient, repo: str, login: str) -> bool:
        url = f"/repos/{repo}/collaborators/{quote(login, safe='')}/permission"
        try:
            answer = await gh.getitem(url)
        except GitHubError as exc:
            if exc.status == 404:
                return False  # not a collaborator (or no such user)
            raise
        roles = {answer.get("permission"), answer.get("role_name")}
        allowed = bool(roles & WRITE_ROLES)
        logger.debug("permission checked", extra={"repo": repo, "allowed": allowed})
        return allowed
