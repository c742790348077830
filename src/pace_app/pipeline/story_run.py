"""Run one attempt of a story: FORGE, push and PR, GATE and SENTINEL, SCRIBE.

A HOLD from GATE or SENTINEL sends the findings back to FORGE, at most
``forge.max_retries`` times; advisories get one retry, and what remains becomes a
clearance issue. The attempt resumes from its run record after a crash: finished
rounds are not run (or paid for) again.

Every exit is visible: success, HOLD, cancel, the budget, a known failure, an
unexpected exception and a GitHub outage that outlasts the job's retries all leave the
status comment in a final state with the reason, every check run the run opened
completed, and ``pace:running`` removed. A transient GitHub error before the job's last
attempt is re-raised so the worker retries it with backoff.
"""

from __future__ import annotations

import logging
from dataclasses import replace

import anyio

from pace_app.config.repo import RepoConfig
from pace_app.domain.daily_cap import CapReached
from pace_app.domain.jobs import RepoRef
from pace_app.domain.run import RunRecord, RunState
from pace_app.domain.run_details import ForgeCheckpoint, ReviewRecord, RunDetails
from pace_app.domain.story import Story, parse_story
from pace_app.errors import (
    BudgetExceeded,
    GitHubError,
    GitHubUnavailable,
    ModelError,
    RateLimited,
    RepoConfigError,
    RunConflict,
    RunStopped,
    SandboxError,
    StoryError,
    WorkspaceError,
)
from pace_app.github import issues
from pace_app.github.client import GitHubClient
from pace_app.github.issues import HOLD, RUNNING
from pace_app.github.pulls import ensure_pull_request, pr_title, render_pr_body
from pace_app.pipeline.clearance import open_clearance_issue
from pace_app.pipeline.forge_round import ForgeRequest, forge_round
from pace_app.pipeline.reporter import close, report
from pace_app.pipeline.retry_feedback import PrDiscussion, feedback_for_retry
from pace_app.pipeline.review_round import ReviewRequest, rerun, review_round
from pace_app.pipeline.run_context import RunContext
from pace_app.pipeline.scribe_round import scribe_round
from pace_app.pipeline.services import Services
from pace_app.pipeline.trusted_config import TrustedInputs, read_trusted_inputs
from pace_app.workspace.worktree import Identity

logger = logging.getLogger(__name__)

# Failures the user must fix or know about: the run ends failed, the job succeeds.
RUN_FAILURES = (
    StoryError,
    RepoConfigError,
    SandboxError,
    ModelError,
    WorkspaceError,
    BudgetExceeded,
)
# Failures that may pass: retried by the worker with backoff, unless it is the last try.
TRANSIENT = (GitHubUnavailable, RateLimited)
UNEXPECTED = (
    "an unexpected error ended the run ({kind}); the service's logs have the details. "
    "`/{word} retry` starts it again."
)
EDITED = (
    "The issue text changed since a writer started this run; PACE keeps using the text "
    "the writer approved. A writer can re-apply the `{label}` label to use the new text."
)


class StoryRun:
    """Drive one attempt of a story run and keep its status comment current."""

    def __init__(self, services: Services, gh: GitHubClient, repo: RepoRef) -> None:
        self._services = services
        self._gh = gh
        self._repo = repo

    def context(self, run: RunRecord) -> RunContext:
        """Return a fresh context for ``run``."""
        return RunContext(self._services, self._gh, self._repo, run)

    async def execute(
        self, run: RunRecord, *, feedback: str | None = None, last_try: bool = True
    ) -> RunRecord:
        """Run the attempt to its end; whatever ends it is shown on GitHub."""
        ctx = self.context(run)
        try:
            await self._cycle(ctx, feedback)
        except RunConflict:
            # Someone else moved the run (a cancel); their update is the one that counts.
            logger.info("story run superseded", extra={"run_id": run.id})
        except RunStopped as exc:
            await self._end(ctx, RunState.CANCELLED, str(exc))
        except RUN_FAILURES as exc:
            await self._end(ctx, RunState.FAILED, str(exc))
        except TRANSIENT as exc:
            if not last_try:
                await self._note(ctx, f"GitHub did not answer ({exc}); trying again shortly.")
                raise
            await self._end(ctx, RunState.FAILED, f"GitHub did not answer after every retry: {exc}")
        except GitHubError as exc:
            await self._end(ctx, RunState.FAILED, f"GitHub refused a request: {exc}")
        except Exception as exc:
            logger.exception("story run failed unexpectedly", extra={"run_id": run.id})
            unexpected = UNEXPECTED.format(kind=type(exc).__name__, word=ctx.conventions.command)
            await self._end(ctx, RunState.FAILED, unexpected)
        finally:
            with anyio.CancelScope(shield=True):
                await self._leave(ctx)
        return ctx.run

    async def abandon(self, run: RunRecord, reason: str) -> None:
        """End a run whose job will not run again, visibly."""
        ctx = self.context(run)
        await self._end(ctx, RunState.FAILED, reason)
        await self._leave(ctx)

    async def rerun_check(self, run: RunRecord, check_name: str, *, key: str) -> None:
        """Run GATE or SENTINEL again on the branch's current head, as a check's button asks."""
        assert run.pr_number is not None
        ctx = self.context(run)
        story = await self._story(ctx)
        identity = await self._services.identity.get(ctx.run.installation_id)
        assert run.branch is not None
        inputs = await self._trusted(ctx, run.branch)
        config = inputs.loaded.config
        allowance = await ctx.daily_allowance(config)
        # A reached cap leaves the re-run no model budget: the agents' checks still run.
        left = 0.0 if isinstance(allowance, CapReached) else allowance.left_usd
        ctx.start_ledger(config, left_today=left)
        request = self._review_request(ctx, story, config, identity, head="", key=key)
        await rerun(ctx, request, check_name)

    async def report(self, run: RunRecord, *, note: str | None = None) -> None:
        """Re-render the run's status comment, optionally with a note."""
        ctx = self.context(run)
        ctx.warnings = (note,) if note else ()
        await report(ctx)

    async def _cycle(self, ctx: RunContext, feedback: str | None) -> None:
        story = await self._story(ctx)
        await issues.add_label(self._gh, ctx.full_name, ctx.run.issue_number, RUNNING)
        await ctx.move(RunState.PREPARING)
        await report(ctx)
        # Known before FORGE runs, so a lookup failure cannot waste a model session.
        identity = await self._services.identity.get(ctx.run.installation_id)
        branch = ctx.run.branch or ctx.branch_for(story.title)
        inputs = await self._trusted(ctx, branch)
        config = inputs.loaded.config
        ctx.warnings = (*ctx.warnings, *inputs.loaded.warnings)
        allowance = await ctx.daily_allowance(config)
        if isinstance(allowance, CapReached):
            # Before FORGE: no model call is made for a run the day's budget cannot pay.
            await self._end(ctx, RunState.FAILED, f"The run did not start: {allowance.message()}")
            return
        ledger = ctx.start_ledger(config, left_today=allowance.left_usd)
        if feedback is not None:
            await ctx.save(feedback=feedback)
        while True:
            if ctx.run.pr_number is not None:
                await self._check_open(ctx, ctx.run.pr_number)
            forged = await self._forged(ctx, story, branch, inputs, identity)
            pr_number = await self._open_pr(ctx, story, branch, forged)
            review = await review_round(
                ctx,
                self._review_request(
                    ctx,
                    story,
                    config,
                    identity,
                    head=forged.head,
                    key=f"run-{ctx.run.id}-{ctx.run.attempt}-{forged.round}",
                    pr_number=pr_number,
                ),
                branch,
            )
            if ctx.run.state is RunState.SCRIBE:
                break  # resumed after the decision below was taken and recorded
            if review.hold:
                if ledger.exhausted:
                    await self._hold(ctx, review, because="the run's model budget is spent")
                    return
                if ctx.details.holds >= config.forge.max_retries:
                    await self._hold(ctx, review)
                    return
                await self._again(ctx, review, holds=ctx.details.holds + 1)
            elif review.advisory and not ctx.details.advisory_retried and not ledger.exhausted:
                await self._again(ctx, review, advisory_retried=True, holds=ctx.details.holds)
            else:
                break
        if review.advisory:
            await self._clear_later(ctx, pr_number, review)
        await scribe_round(ctx, branch, forged, config, identity)
        outcome = "stopped early" if ctx.stopped_early else "PR ready for review"
        await self._end(ctx, RunState.DONE, outcome)

    async def _forged(
        self,
        ctx: RunContext,
        story: Story,
        branch: str,
        inputs: TrustedInputs,
        identity: Identity,
    ) -> ForgeCheckpoint:
        """Return the round's FORGE checkpoint: the recorded one, or a new FORGE round."""
        done = ctx.details.forge
        # Each decision to send findings back adds a round; the first round is round 1.
        due = ctx.details.holds + int(ctx.details.advisory_retried) + 1
        if done is not None and done.round >= due:
            ctx.turns = done.turns
            await ctx.move(RunState.PUSHED, head_sha=done.head)
            return done
        request = ForgeRequest(
            story=story,
            branch=branch,
            config=inputs.loaded.config,
            identity=identity,
            feedback=ctx.details.feedback,
            instructions=inputs.instructions,
            round=(done.round if done else 0) + 1,
        )
        return await forge_round(ctx, request)

    async def _again(
        self, ctx: RunContext, review: ReviewRecord, *, holds: int, advisory_retried: bool = False
    ) -> None:
        """Record the decision to send the findings back to FORGE, and move there."""
        feedback = feedback_for_retry(
            findings=ctx.details.findings,
            discussion=PrDiscussion(),
            free_text="",
            since=None,
            writers=(),
        ) or "\n".join(f"- {finding}" for finding in review.findings or review.advisories)
        await ctx.save(
            feedback=feedback,
            holds=holds,
            advisory_retried=advisory_retried or ctx.details.advisory_retried,
        )
        # The one move backwards: a HOLD or an advisory sends the run back to FORGE.
        await ctx.save(ctx.run.moved(RunState.FORGE))

    async def _story(self, ctx: RunContext) -> Story:
        """Return the story a writer approved, warning when the issue changed since."""
        issue = await self._gh.getitem(
            "/repos/{+repo}/issues/{number}",
            {"repo": ctx.full_name, "number": ctx.run.issue_number},
        )
        title = str(issue.get("title") or "")
        body = str(issue.get("body") or "")
        snapshot = ctx.details.story
        label = ctx.conventions.trigger_label
        if snapshot is None:
            ctx.title = title
            return parse_story(title, body, trigger_label=label)
        ctx.title = snapshot.title
        if (title, body) != (snapshot.title, snapshot.body):
            ctx.warnings = (*ctx.warnings, EDITED.format(label=label))
        return parse_story(snapshot.title, snapshot.body, trigger_label=label)

    async def _trusted(self, ctx: RunContext, branch: str) -> TrustedInputs:
        """Read config and instructions from the recorded base commit (the first: now)."""
        async with ctx.checkout(branch) as worktree:
            base = ctx.details.base_sha or worktree.base_sha
            inputs = await read_trusted_inputs(worktree, base)
        await ctx.save(
            base_sha=base, config_path=inputs.loaded.source, config_text=inputs.config_text
        )
        return inputs

    def _review_request(
        self,
        ctx: RunContext,
        story: Story,
        config: RepoConfig,
        identity: Identity,
        *,
        head: str,
        key: str,
        pr_number: int | None = None,
    ) -> ReviewRequest:
        number = pr_number if pr_number is not None else ctx.run.pr_number
        assert number is not None
        return ReviewRequest(
            story=story,
            config=config,
            pr_number=number,
            bot_login=identity.name,
            head=head,
            round=ctx.details.forge.round if ctx.details.forge else 0,
            key=key,
        )

    async def _open_pr(
        self, ctx: RunContext, story: Story, branch: str, forged: ForgeCheckpoint
    ) -> int:
        body = render_pr_body(
            issue_number=ctx.run.issue_number,
            summary=forged.summary,
            criteria=story.criteria,
            files_changed=forged.files,
            tests_added=forged.tests_added,
            risks=forged.risks,
            usage=ctx.ledger.summary() if ctx.ledger else None,
            stopped_early=ctx.stopped_early,
        )
        number, ctx.pr_url = await ensure_pull_request(
            self._gh,
            repo=ctx.full_name,
            branch=branch,
            base=self._repo.default_branch,
            title=pr_title(story.title),
            body=body,
        )
        if ctx.run.pr_number != number or ctx.details.pr_url != ctx.pr_url:
            await ctx.save(replace(ctx.run, pr_number=number), pr_url=ctx.pr_url)
        return number

    async def _check_open(self, ctx: RunContext, number: int) -> None:
        """Stop the run if a person closed its pull request since the last round."""
        pull = await self._gh.getitem(
            "/repos/{+repo}/pulls/{number}", {"repo": ctx.full_name, "number": number}
        )
        if pull.get("state") == "closed":
            merged = "merged" if pull.get("merged") else "closed"
            raise RunStopped(f"pull request #{number} was {merged}, so the run stopped")

    async def _hold(self, ctx: RunContext, review: ReviewRecord, *, because: str = "") -> None:
        await issues.add_label(self._gh, ctx.full_name, ctx.run.issue_number, HOLD)
        still = "\n".join(f"- {finding}" for finding in review.findings[:20])
        rounds = ctx.details.forge.round if ctx.details.forge else 0
        why = f" ({because})" if because else ""
        reason = f"HOLD after {rounds} FORGE round(s){why}; what still fails:\n{still}"
        await self._end(ctx, RunState.FAILED, reason)

    async def _clear_later(self, ctx: RunContext, pr_number: int, review: ReviewRecord) -> None:
        if ctx.details.clearance_issue is not None:
            return
        number = await open_clearance_issue(
            self._gh,
            ctx.full_name,
            story_issue=ctx.run.issue_number,
            pr_number=pr_number,
            advisories=review.advisories,
            trigger_label=ctx.conventions.trigger_label,
        )
        await ctx.save(clearance_issue=number)

    async def _end(self, ctx: RunContext, state: RunState, outcome: str) -> None:
        """Move the run to its final state and show it; never raise past a failed report."""
        ctx.stopped_at = ctx.run.state
        try:
            await ctx.move(state, outcome=outcome)
        except RunConflict:
            logger.info("story run superseded", extra={"run_id": ctx.run.id})
            return
        logger.info(
            "story run finished",
            extra={"run_id": ctx.run.id, "repo": ctx.full_name, "state": state.value},
        )
        await self._shown(ctx)

    async def _note(self, ctx: RunContext, note: str) -> None:
        ctx.warnings = (*ctx.warnings, note)
        await self._shown(ctx)

    async def _shown(self, ctx: RunContext) -> None:
        try:
            await report(ctx)
        except Exception:
            # GitHub may be what failed; the outcome is stored and shown on the next report.
            logger.warning("status comment not updated", extra={"run_id": ctx.run.id})

    async def _leave(self, ctx: RunContext) -> None:
        """Complete open check runs once the run is final, and remove ``pace:running``.

        Each step is tried on its own: an issue deleted or moved away must not stop the
        check runs, which live on the repository, from being completed.
        """
        try:
            stored = await self._services.runs.get_run(ctx.run.id)
            if stored is not None:
                ctx.run = stored
                ctx.details = RunDetails.from_json(stored.details)
            await close(ctx)
        except Exception:
            logger.warning("check runs left open", extra={"run_id": ctx.run.id})
        try:
            await issues.remove_label(self._gh, ctx.full_name, ctx.run.issue_number, RUNNING)
        except Exception:
            logger.warning("pace:running left on the issue", extra={"run_id": ctx.run.id})
