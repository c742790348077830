"""One cached bare mirror per repository, fetched incrementally, locked while in use.

Mirrors live at ``<root>/<owner>/<repo>.git`` (names lower-cased: GitHub names are
case-insensitive). A mirror holds the remote's branches as its own ``refs/heads/*``
and nothing else: no remote, no URL and no credentials are stored in its config.
Access is serialised by an anyio lock (tasks in this process) and ``flock`` on a lock
file next to the mirror (``pace worker`` processes sharing the data directory).
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import anyio

from pace_app.workspace.git import REMOTE_PROTOCOLS, Git
from pace_app.workspace.policy import Repository, UrlPolicy

logger = logging.getLogger(__name__)

HEADS_REFSPEC = "+refs/heads/*:refs/heads/*"
_LOCK_POLL = 0.05


@dataclass(frozen=True)
class Mirror:
    """A bare mirror of one repository, and how to reach its origin."""

    repository: Repository
    path: Path
    mirrors: Mirrors

    @property
    def git(self) -> Git:
        """Return the git runner this mirror uses."""
        return self.mirrors.git

    @property
    def protocols(self) -> tuple[str, ...]:
        """Return the transports git may use to reach the origin."""
        return self.mirrors.protocols

    def lock(self) -> contextlib.AbstractAsyncContextManager[None]:
        """Hold this mirror's lock (in-process and across processes)."""
        return self.mirrors.lock(self.repository)

    async def branch_head(self, branch: str) -> str | None:
        """Return the mirrored head of ``branch``, or None when the origin lacks it."""
        result = await self.git.run(
            "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{commit}}",
            cwd=self.path, check=False,
        )  # fmt: skip
        return result.stdout.strip() or None


class Mirrors:
    """The mirrors under one directory (``DATA_DIR/mirrors``)."""

    def __init__(self, root: Path, *, git: Git | None = None, policy: UrlPolicy | None = None):
        self.root = root
        self.git = git or Git()
        self.policy = policy or UrlPolicy()
        self._locks: dict[Path, anyio.Lock] = {}

    @property
    def protocols(self) -> tuple[str, ...]:
        """Return the transports git may use for remote operations under this policy."""
        return (*REMOTE_PROTOCOLS, "file") if self.policy.allow_file else REMOTE_PROTOCOLS

    def path_for(self, repository: Repository) -> Path:
        """Return where ``repository``'s mirror lives."""
        return self.root / repository.owner.lower() / f"{repository.name.lower()}.git"

    @contextlib.asynccontextmanager
    async def lock(self, repository: Repository) -> AsyncIterator[None]:
        """Hold the repository's lock: first this process's, then the file lock."""
        path = self.path_for(repository)
        lock = self._locks.setdefault(path, anyio.Lock())
        async with lock:
            await anyio.to_thread.run_sync(lambda: path.parent.mkdir(parents=True, exist_ok=True))
            fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
            try:
                await _flock(fd)
                yield
            finally:
                # Closing the descriptor releases the flock.
                os.close(fd)

    async def sync(self, repository: Repository, token: str | None) -> Mirror:
        """Create the mirror on first use, otherwise fetch what changed; return it."""
        self.policy.check(repository.clone_url)
        async with self.lock(repository):
            return await self.sync_locked(repository, token)

    async def sync_locked(self, repository: Repository, token: str | None) -> Mirror:
        """Like ``sync``, for a caller already holding the repository's lock."""
        url = self.policy.check(repository.clone_url)
        path = self.path_for(repository)
        if not await anyio.to_thread.run_sync((path / "HEAD").is_file):
            await self._create(path)
        await self.git.run(
            "fetch", "--prune", "--no-tags", "--quiet", "--", url, HEADS_REFSPEC,
            cwd=path, token=token, url=url, protocols=self.protocols,
        )  # fmt: skip
        logger.info("mirror fetched", extra={"repo": repository.full_name})
        return Mirror(repository=repository, path=path, mirrors=self)

    async def _create(self, path: Path) -> None:
        """Initialise an empty bare repository at ``path`` atomically."""
        staging = path.with_name(path.name + ".new")
        # Left over from a crash: a half-made repository is not trusted.
        await anyio.to_thread.run_sync(lambda: shutil.rmtree(staging, ignore_errors=True))
        await anyio.to_thread.run_sync(lambda: shutil.rmtree(path, ignore_errors=True))
        await self.git.run("init", "--quiet", "--bare", "--", str(staging))
        await anyio.to_thread.run_sync(staging.rename, path)


async def _flock(fd: int) -> None:
    """Take an exclusive flock on ``fd``, polling so that cancellation stays prompt."""
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            await anyio.sleep(_LOCK_POLL)
        else:
            return
