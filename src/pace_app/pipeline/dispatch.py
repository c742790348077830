"""Job handlers the worker runs, keyed by job kind."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping

from pace_app.domain import jobs
from pace_app.domain.job_store import Job, JobStore
from pace_app.pipeline.installations import record_installation
from pace_app.pipeline.plan_sync import PlanSyncer
from pace_app.pipeline.stories import Stories

logger = logging.getLogger(__name__)

JobHandler = Callable[[Job], Awaitable[None]]


class Dispatch:
    """The handlers for every job kind webhooks produce."""

    def __init__(
        self, store: JobStore, stories: Stories, *, plans: PlanSyncer | None = None
    ) -> None:
        self._store = store
        self._stories = stories
        self._plans = plans

    def handlers(self) -> Mapping[str, JobHandler]:
        """Return the handler for each job kind."""
        found: dict[str, JobHandler] = {
            jobs.STORY_START: self.story_start,
            jobs.STORY_CANCEL: self.story_cancel,
            jobs.COMMAND: self.command,
            jobs.CHECK_RERUN: self.check_rerun,
            jobs.INSTALLATION_SYNC: self.installation_sync,
        }
        if self._plans is not None:
            found[jobs.PLAN_SYNC] = self.plan_sync
        return found

    async def plan_sync(self, job: Job) -> None:
        """Sync the plan's issues with ``plan.yaml`` at a pushed commit."""
        assert self._plans is not None  # registered only with a syncer
        await self._plans.sync(jobs.PlanSync.from_json(job.payload))

    async def installation_sync(self, job: Job) -> None:
        """Record an installation's account, repositories and status."""
        await record_installation(self._store, jobs.InstallationSync.from_json(job.payload))

    async def story_cancel(self, job: Job) -> None:
        """Cancel the issue's queued and running story jobs and its run."""
        await self._stories.cancel(jobs.StoryCancel.from_json(job.payload))

    async def story_start(self, job: Job) -> None:
        """Start the issue's story run."""
        await self._stories.start(jobs.StoryStart.from_json(job.payload), last_try=_last(job))

    async def command(self, job: Job) -> None:
        """Answer a ``/pace`` command."""
        await self._stories.command(
            jobs.Command.from_json(job.payload), job_id=job.id, last_try=_last(job)
        )

    async def dead(self, job: Job, reason: str) -> None:
        """Show on GitHub that a story job will not run again, and why."""
        payload: jobs.StoryStart | jobs.Command
        if job.kind == jobs.STORY_START:
            payload = jobs.StoryStart.from_json(job.payload)
        elif job.kind == jobs.COMMAND:
            payload = jobs.Command.from_json(job.payload)
        else:
            return
        await self._stories.abandon(
            payload, f"the job stopped after {job.attempts} attempt(s): {reason}"
        )

    async def check_rerun(self, job: Job) -> None:
        """Re-run the agent behind one of our check runs."""
        await self._stories.rerun_check(jobs.CheckRerun.from_json(job.payload))


def _last(job: Job) -> bool:
    """Say whether this is the job's last attempt, after which it will not run again."""
    return job.attempts >= job.max_attempts
