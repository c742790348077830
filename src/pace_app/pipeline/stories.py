"""Story jobs: start a run, cancel it, and answer ``/pace`` commands."""

from __future__ import annotations

import logging
from dataclasses import replace

from pace_app.domain import jobs
from pace_app.domain.job_store import JobState
from pace_app.domain.run import RunRecord, RunState
from pace_app.domain.run_details import RunDetails, StorySnapshot
from pace_app.domain.text import neutralise
from pace_app.github import issues as effects
from pace_app.github.auth import STORY_RUN
from pace_app.github.client import GitHubClient
from pace_app.pipeline.commands import (
    HELP_TEXT,
    ParsedCommand,
    acknowledge,
    parse_command,
    refusal_text,
    reply,
    unknown_command_text,
)
from pace_app.pipeline.retry_feedback import PrDiscussion, feedback_for_retry, gather_pr_discussion
from pace_app.pipeline.services import Services
from pace_app.pipeline.story_run import StoryRun

logger = logging.getLogger(__name__)

ALREADY_RUNNING = "A new trigger arrived while this run was in progress; it was not started twice."
LABEL_REFUSED = (
    "{who}, only people with write access can start PACE runs, so the `pace:story` "
    "label was removed. A maintainer can add it again."
)


def next_attempt(details: RunDetails, *, job: str, story: StorySnapshot | None) -> RunDetails:
    """Return the details a new attempt starts from: the run's spend and links kept.

    The ledger stays (the budget caps the whole run), so do the status comment and the
    clearance issue; what one attempt learnt about its rounds starts afresh, and the
    base commit is read again at the attempt's start.
    """
    return RunDetails(
        job=job,
        story=story or details.story,
        ledger=details.ledger,
        clearance_issue=details.clearance_issue,
        findings=details.findings,
        checks=details.open_checks(),
    )


class Stories:
    """The handlers behind ``story.start``, ``story.cancel`` and ``command`` jobs."""

    def __init__(self, services: Services) -> None:
        self._services = services

    async def start(self, start: jobs.StoryStart, *, last_try: bool = True) -> None:
        """Start (or resume after a crash) the issue's run, unless one is already active."""
        async with self._services.installation(
            start.installation_id, repo=start.repo.full_name, permissions=STORY_RUN
        ) as gh:
            await self._start(gh, start, last_try)

    async def _start(self, gh: GitHubClient, start: jobs.StoryStart, last_try: bool) -> None:
        repo = start.repo.full_name
        writer = start.by_operator or await self._services.permissions.can_write(
            gh, repo, start.sender
        )
        if not writer:
            await self._refuse_label(gh, start)
            return
        issue = await gh.getitem(
            "/repos/{+repo}/issues/{number}", {"repo": repo, "number": start.issue_number}
        )
        labels = {str(label.get("name", "")) for label in issue.get("labels") or ()}
        if effects.STORY not in labels or issue.get("state") == "closed":
            logger.info(
                "story start ignored: the label is gone or the issue is closed",
                extra={"repo": repo, "issue": start.issue_number},
            )
            return
        run, started = await self._services.runs.start_run(
            repo=repo, issue_number=start.issue_number, installation_id=start.installation_id
        )
        details = RunDetails.from_json(run.details)
        owner = details.job
        if not started and not (
            owner == start.delivery_id or (owner is None and run.state is RunState.QUEUED)
        ):
            await StoryRun(self._services, gh, start.repo).report(run, note=ALREADY_RUNNING)
            return
        if owner != start.delivery_id:
            snapshot = StorySnapshot(
                title=str(issue.get("title") or ""),
                body=str(issue.get("body") or ""),
                approved_by=start.sender,
            )
            fresh = next_attempt(details, job=start.delivery_id, story=snapshot)
            run = await self._services.runs.update_run(
                replace(run, details=fresh.to_json()), expected=run.state
            )
        await effects.react(gh, repo, issue_number=start.issue_number, content="eyes")
        await StoryRun(self._services, gh, start.repo).execute(run, last_try=last_try)

    async def _refuse_label(self, gh: GitHubClient, start: jobs.StoryStart) -> None:
        repo = start.repo.full_name
        logger.info("story label from a non-writer refused", extra={"repo": repo})
        await effects.remove_label(gh, repo, start.issue_number, effects.STORY)
        who = neutralise("@" + start.sender.lstrip("@"), limit=60, one_line=True)
        await gh.post(
            "/repos/{+repo}/issues/{number}/comments",
            {"repo": repo, "number": start.issue_number},
            data={"body": LABEL_REFUSED.format(who=who)},
        )

    async def abandon(self, job_payload: jobs.StoryStart | jobs.Command, reason: str) -> None:
        """End the issue's active run visibly: its job will not run again."""
        repo = job_payload.repo.full_name
        run = await self._services.runs.find_run(repo, job_payload.issue_number)
        if run is None or not run.active:
            return
        async with self._services.installation(
            job_payload.installation_id, repo=repo, permissions=STORY_RUN
        ) as gh:
            await StoryRun(self._services, gh, job_payload.repo).abandon(run, reason)

    async def cancel(self, cancel: jobs.StoryCancel) -> None:
        """Cancel the issue's queued and running jobs and its active run."""
        await self._cancel(
            cancel.installation_id,
            cancel.repo,
            cancel.issue_number,
            reason=f"cancelled: {cancel.reason}",
        )

    async def command(self, command: jobs.Command, *, job_id: int, last_try: bool = True) -> None:
        """Answer a ``/pace`` command from a user with write access; refuse anyone else."""
        parsed = parse_command(command.body)
        if parsed is None:
            return
        async with self._services.installation(
            command.installation_id, repo=command.repo.full_name, permissions=STORY_RUN
        ) as gh:
            await self._command(gh, command, parsed, job_id, last_try)

    async def _command(
        self,
        gh: GitHubClient,
        command: jobs.Command,
        parsed: ParsedCommand,
        job_id: int,
        last_try: bool,
    ) -> None:
        repo = command.repo.full_name
        if not await self._services.permissions.can_write(gh, repo, command.author):
            await acknowledge(gh, command, "confused")
            await self._reply(gh, command, refusal_text(command.author))
            return
        await acknowledge(gh, command, "eyes")
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
        elif run.active and RunDetails.from_json(run.details).job != _owner(command):
            await self._reply(gh, command, "A run is already in progress; `/pace cancel` stops it.")
        else:
            await self._retry(gh, command, run, parsed.free_text, last_try)

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
        async with self._services.installation(
            rerun.installation_id, repo=repo, permissions=STORY_RUN
        ) as gh:
            if not await self._services.permissions.can_write(gh, repo, rerun.sender):
                logger.info("check rerun refused: the sender cannot write", extra=context)
                return
            await StoryRun(self._services, gh, rerun.repo).rerun_check(
                run, rerun.check_name, key=f"rerun-{rerun.delivery_id}"
            )

    async def _retry(
        self,
        gh: GitHubClient,
        command: jobs.Command,
        run: RunRecord,
        free_text: str,
        last_try: bool,
    ) -> None:
        repo = command.repo.full_name
        owner = _owner(command)
        if run.active:
            # This command's own attempt, re-claimed after a crash: resume it.
            await StoryRun(self._services, gh, command.repo).execute(run, last_try=last_try)
            return
        details = RunDetails.from_json(run.details)
        discussion = PrDiscussion()
        if run.pr_number is not None:
            discussion = await gather_pr_discussion(gh, repo, run.pr_number)
        can_write = self._services.permissions.can_write
        writers = {a for a in discussion.authors if await can_write(gh, repo, a)}
        feedback = feedback_for_retry(
            findings=details.findings,
            discussion=discussion,
            free_text=free_text,
            since=run.updated_at,
            writers=writers,
        )
        again, started = await self._services.runs.start_run(
            repo=repo, issue_number=run.issue_number, installation_id=command.installation_id
        )
        if not started:
            return
        fresh = next_attempt(RunDetails.from_json(again.details), job=owner, story=None)
        again = await self._services.runs.update_run(
            replace(again, details=fresh.to_json()), expected=again.state
        )
        logger.info(
            "story retry", extra={"run_id": again.id, "repo": repo, "attempt": again.attempt}
        )
        await StoryRun(self._services, gh, command.repo).execute(
            again, feedback=feedback, last_try=last_try
        )

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
        async with self._services.installation(
            installation_id, repo=repo.full_name, permissions=STORY_RUN
        ) as gh:
            await effects.remove_label(gh, repo.full_name, issue_number, effects.RUNNING)
            await StoryRun(self._services, gh, repo).report(run)

    async def _reply(self, gh: GitHubClient, command: jobs.Command, body: str) -> None:
        await reply(gh, command, body)


def _owner(command: jobs.Command) -> str:
    """Return the job owner a retry records: one per comment, so a re-claim resumes it."""
    return f"command:{command.source}:{command.comment_id}"
