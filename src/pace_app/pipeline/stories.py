"""Story jobs: start a run, cancel it, and answer ``/pace`` commands."""

from __future__ import annotations

import logging
from dataclasses import replace

from pace_app.domain import jobs
from pace_app.domain.job_store import JobState
from pace_app.domain.run import RunRecord, RunState
from pace_app.github import issues as effects
from pace_app.github.client import GitHubClient
from pace_app.pipeline.commands import (
    HELP_TEXT,
    DiscussionComment,
    DiscussionReview,
    ParsedCommand,
    feedback_for_retry,
    gather_pr_discussion,
    parse_command,
    refusal_text,
    unknown_command_text,
)
from pace_app.pipeline.services import Services
from pace_app.pipeline.story_run import StoryRun

logger = logging.getLogger(__name__)

ALREADY_RUNNING = "A new trigger arrived while this run was in progress; it was not started twice."


class Stories:
    """The handlers behind ``story.start``, ``story.cancel`` and ``command`` jobs."""

    def __init__(self, services: Services) -> None:
        self._services = services

    async def start(self, start: jobs.StoryStart) -> None:
        """Start (or resume after a crash) the issue's run, unless one is already active."""
        async with self._services.installation(start.installation_id) as gh:
            await self._start(gh, start)

    async def _start(self, gh: GitHubClient, start: jobs.StoryStart) -> None:
        repo = start.repo.full_name
        run, started = await self._services.runs.start_run(
            repo=repo, issue_number=start.issue_number, installation_id=start.installation_id
        )
        owner = run.details.get("job")
        if not started and not (
            owner == start.delivery_id or (owner is None and run.state is RunState.QUEUED)
        ):
            await StoryRun(self._services, gh, start.repo).report(run, note=ALREADY_RUNNING)
            return
        if owner != start.delivery_id:
            claimed = replace(run, details={**run.details, "job": start.delivery_id})
            run = await self._services.runs.update_run(claimed, expected=run.state)
        await effects.react(gh, repo, issue_number=start.issue_number, content="eyes")
        await StoryRun(self._services, gh, start.repo).execute(run)

    async def cancel(self, cancel: jobs.StoryCancel) -> None:
        """Cancel the issue's queued and running jobs and its active run."""
        await self._cancel(
            cancel.installation_id,
            cancel.repo,
            cancel.issue_number,
            reason=f"cancelled: {cancel.reason}",
        )

    async def command(self, command: jobs.Command, *, job_id: int) -> None:
        """Answer a ``/pace`` command from a user with write access; refuse anyone else."""
        parsed = parse_command(command.body)
        if parsed is None:
            return
        async with self._services.installation(command.installation_id) as gh:
            await self._command(gh, command, parsed, job_id)

    async def _command(
        self, gh: GitHubClient, command: jobs.Command, parsed: ParsedCommand, job_id: int
    ) -> None:
        repo = command.repo.full_name
        if not await self._services.permissions.can_write(gh, repo, command.author):
            await effects.react(gh, repo, comment_id=command.comment_id, content="confused")
            await self._reply(gh, command, refusal_text(command.author))
            return
        await effects.react(gh, repo, comment_id=command.comment_id, content="eyes")
        run = await self._run_for(command)
        if parsed.verb == "help":
            await self._reply(gh, command, HELP_TEXT)
        elif parsed.verb == "unknown":
            await self._reply(gh, command, unknown_command_text(parsed.raw_verb))
        elif run is None:
            await self._reply(
                gh,
                command,
                "There is no PACE run for this yet: label the issue `pace:story` to start one.",
            )
        elif parsed.verb == "status":
            await StoryRun(self._services, gh, command.repo).report(run)
        elif parsed.verb == "cancel":
            await self._cancel(
                command.installation_id,
                command.repo,
                run.issue_number,
                reason=f"cancelled by {command.author}",
                keep_job=job_id,
            )
        elif run.active:
            await self._reply(gh, command, "A run is already in progress; `/pace cancel` stops it.")
        else:
            await self._retry(gh, command, run, parsed.free_text)

    async def rerun_check(self, rerun: jobs.CheckRerun) -> None:
        """Re-run the agent behind one of our check runs on the story's current head."""
        repo = rerun.repo.full_name
        run = None
        if rerun.pr_number is not None:
            run = await self._services.runs.find_run_by_pr(repo, rerun.pr_number)
        context = {"repo": repo, "check": rerun.check_name, "pr": rerun.pr_number}
        if run is None or run.branch is None:
            logger.info("check rerun ignored: no story run for it", extra=context)
            return
        if run.active:
            logger.info("check rerun ignored: the run will report it", extra=context)
            return
        async with self._services.installation(rerun.installation_id) as gh:
            await StoryRun(self._services, gh, rerun.repo).rerun_check(
                run, rerun.check_name, key=f"rerun-{rerun.delivery_id}"
            )

    async def _retry(
        self, gh: GitHubClient, command: jobs.Command, run: RunRecord, free_text: str
    ) -> None:
        repo = command.repo.full_name
        comments: list[DiscussionComment] = []
        reviews: list[DiscussionReview] = []
        if run.pr_number is not None:
            comments, reviews = await gather_pr_discussion(gh, repo, run.pr_number)
        authors = {c.author for c in comments} | {r.author for r in reviews}
        writers = {a for a in authors if await self._services.permissions.can_write(gh, repo, a)}
        feedback = feedback_for_retry(
            free_text=free_text,
            comments=[(c.author, c.body, c.created_at) for c in comments],
            reviews=[(r.author, r.state, r.body, r.submitted_at) for r in reviews],
            findings=list(run.details.get("findings", [])),
            since=run.updated_at,
            writers=writers,
        )
        again, started = await self._services.runs.start_run(
            repo=repo, issue_number=run.issue_number, installation_id=command.installation_id
        )
        if not started:
            return
        logger.info(
            "story retry", extra={"run_id": again.id, "repo": repo, "attempt": again.attempt}
        )
        await StoryRun(self._services, gh, command.repo).execute(again, feedback=feedback)

    async def _run_for(self, command: jobs.Command) -> RunRecord | None:
        runs = self._services.runs
        repo = command.repo.full_name
        if command.is_pull_request:
            found = await runs.find_run_by_pr(repo, command.issue_number)
            if found is not None:
                return found
        return await runs.find_run(repo, command.issue_number)

    async def _cancel(
        self,
        installation_id: int,
        repo: jobs.RepoRef,
        issue_number: int,
        *,
        reason: str,
        keep_job: int | None = None,
    ) -> None:
        store = self._services.jobs
        group = jobs.story_group(repo.full_name, issue_number)
        await store.cancel_group(group, kinds=(jobs.STORY_START, jobs.CHECK_RERUN))
        # A retry runs inside a command job; the cancel command itself must keep running.
        for state in (JobState.QUEUED, JobState.RUNNING):
            for job in await store.list_jobs(state=state, kind=jobs.COMMAND):
                if job.group_key == group and job.id != keep_job:
                    await store.cancel(job.id)
        run = await self._services.runs.cancel_run(repo.full_name, issue_number, reason=reason)
        if run is None:
            return
        async with self._services.installation(installation_id) as gh:
            await effects.remove_label(gh, repo.full_name, issue_number, effects.RUNNING)
            await StoryRun(self._services, gh, repo).report(run)

    async def _reply(self, gh: GitHubClient, command: jobs.Command, body: str) -> None:
        await gh.post(
            "/repos/{+repo}/issues/{number}/comments",
            {"repo": command.repo.full_name, "number": command.issue_number},
            data={"body": body},
        )
