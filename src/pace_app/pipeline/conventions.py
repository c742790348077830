"""Which trigger label, command word and branch prefix count in a repository.

Intake cannot read a repository's ``pace.config.yaml`` (the request path makes no
GitHub calls), so it queues every label that is not a status label and every comment
whose command line looks like ``/<word>``; the worker decides here. The answer comes
from the ``github`` section of the config on the default branch's head, read from the
repository's mirror (the same file, rules and caps a run uses), and is cached per
repository and commit: one fetch per event, at most one config read per base commit.
See docs/adr/006-configurable-conventions.md.
"""

from __future__ import annotations

import logging
from collections import OrderedDict

from pace_app.config.repo import CONFIG_PATHS, parse_repo_config
from pace_app.domain.conventions import Conventions
from pace_app.domain.jobs import RepoRef
from pace_app.errors import RepoConfigError, WorkspaceError
from pace_app.github.auth import STORY_RUN
from pace_app.pipeline.services import Services
from pace_app.pipeline.trusted_config import config_entry
from pace_app.workspace import Mirror, Repository
from pace_app.workspace.worktree import CommittedFile, parse_ls_tree

logger = logging.getLogger(__name__)

MAX_CACHED = 512


def conventions_from(text: str | None, source: str, defaults: Conventions) -> Conventions:
    """Return the conventions a config file's text sets over ``defaults``.

    An invalid file counts as no override: the operator's names decide, and a run they
    start ends with the file's error, where a writer sees it.
    """
    if text is None:
        return defaults
    try:
        return parse_repo_config(text, source=source).config.github.over(defaults)
    except RepoConfigError:
        return defaults


class RepoConventions:
    """The conventions of each repository, read from its default branch's head."""

    def __init__(self, services: Services, *, max_cached: int = MAX_CACHED) -> None:
        self._services = services
        self._max_cached = max_cached
        self._cache: OrderedDict[tuple[str, str], Conventions] = OrderedDict()
        self.config_reads = 0  # how many times a config file was read, for tests and logs

    async def get(self, installation_id: int, repo: RepoRef) -> Conventions:
        """Return the repository's conventions; the operator's if its head cannot be read."""
        defaults = self._services.conventions
        try:
            return await self._read(installation_id, repo, defaults)
        except WorkspaceError as exc:
            # The operator's names decide; a run they start meets the same error visibly.
            logger.warning(
                "repository conventions not read",
                extra={"repo": repo.full_name, "error": str(exc)},
            )
            return defaults

    async def _read(
        self, installation_id: int, repo: RepoRef, defaults: Conventions
    ) -> Conventions:
        token = await self._services.token(
            installation_id, repo=repo.full_name, permissions=STORY_RUN
        )
        owner, name = repo.full_name.split("/", 1)
        repository = Repository(owner, name, repo.clone_url)
        mirrors = self._services.workspace.mirrors
        async with mirrors.lock(repository):
            mirror = await mirrors.sync_locked(repository, token)
            head = await mirror.branch_head(repo.default_branch)
            if head is None:
                return defaults
            key = (repo.full_name.casefold(), head)
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
            try:
                entry = config_entry(await _config_files(mirror, head))
            except RepoConfigError:
                entry = None
            text = None
            if entry is not None:
                text = (
                    await mirror.git.run("cat-file", "blob", entry.object_id, cwd=mirror.path)
                ).stdout
                self.config_reads += 1
        conventions = conventions_from(text, entry.path if entry else "", defaults)
        self._cache[key] = conventions
        while len(self._cache) > self._max_cached:
            self._cache.popitem(last=False)
        return conventions


async def _config_files(mirror: Mirror, commit: str) -> dict[str, CommittedFile]:
    """Return the config file candidates ``commit`` holds, as ``git ls-tree`` lists them."""
    listing = await mirror.git.run(
        "ls-tree", "-z", "-l", "--full-tree", commit, "--", *CONFIG_PATHS, cwd=mirror.path
    )
    return parse_ls_tree(listing.stdout)
