"""Job handlers the worker runs, keyed by job kind."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping

from pace_app.handlers import jobs
from pace_app.queue.store import Installation, Job, JobStore

logger = logging.getLogger(__name__)

JobHandler = Callable[[Job], Awaitable[None]]


class Dispatch:
    """The handlers for every job kind webhooks produce."""

    def __init__(self, store: JobStore) -> None:
        self._store = store

    def handlers(self) -> Mapping[str, JobHandler]:
        """Return the handler for each job kind."""
        return {
            jobs.STORY_START: self.story_start,
            jobs.STORY_CANCEL: self.story_cancel,
            jobs.COMMAND: self.command,
            jobs.CHECK_RERUN: self.check_rerun,
            jobs.INSTALLATION_SYNC: self.installation_sync,
        }

    async def installation_sync(self, job: Job) -> None:
        """Record an installation's account, repositories and status."""
        sync = jobs.InstallationSync.from_json(job.payload)
        known = {i.id: i for i in await self._store.list_installations()}
        previous = known.get(sync.installation_id)
        if sync.action in {"created", "deleted"} or previous is None:
            repositories = set(sync.repositories)
        else:
            repositories = set(previous.repositories) | set(sync.repositories)
        repositories -= set(sync.repositories_removed)
        await self._store.upsert_installation(
            Installation(
                id=sync.installation_id,
                account_login=sync.account_login,
                repositories=tuple(sorted(repositories)),
                suspended=sync.suspended and sync.action != "unsuspend",
                deleted=sync.action == "deleted",
            )
        )
        logger.info(
            "installation recorded",
            extra={"installation_id": sync.installation_id, "action": sync.action},
        )

    async def story_cancel(self, job: Job) -> None:
        """Cancel the issue's queued and running story jobs."""
        cancel = jobs.StoryCancel.from_json(job.payload)
        group = jobs.story_group(cancel.repo.full_name, cancel.issue_number)
        cancelled = await self._store.cancel_group(group, kinds=jobs.STORY_KINDS)
        logger.info(
            "story cancelled",
            extra={
                "repo": cancel.repo.full_name,
                "issue": cancel.issue_number,
                "reason": cancel.reason,
                "jobs_cancelled": cancelled,
            },
        )

    async def story_start(self, job: Job) -> None:
        """Accept a story start; the story pipeline takes it from here."""
        start = jobs.StoryStart.from_json(job.payload)
        logger.info(
            "story start received",
            extra={
                "repo": start.repo.full_name,
                "issue": start.issue_number,
                "installation_id": start.installation_id,
            },
        )

    async def command(self, job: Job) -> None:
        """Accept a ``/pace`` command; the story pipeline takes it from here."""
        command = jobs.Command.from_json(job.payload)
        logger.info(
            "command received",
            extra={
                "repo": command.repo.full_name,
                "issue": command.issue_number,
                "author": command.author,
            },
        )

    async def check_rerun(self, job: Job) -> None:
        """Accept a check re-run request; the story pipeline takes it from here."""
        rerun = jobs.CheckRerun.from_json(job.payload)
        logger.info(
            "check rerun received",
            extra={"repo": rerun.repo.full_name, "check": rerun.check_name},
        )
