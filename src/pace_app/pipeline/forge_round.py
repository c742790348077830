"""One FORGE round: check out the branch, run setup and FORGE, commit and push.

The round records a ``ForgeCheckpoint`` in the run's details once the branch is pushed,
then moves the run to ``pushed``: a crash after that point resumes at the review
instead of paying for FORGE again.

While FORGE runs, every turn is added to the round's timeline in the run record, and
the status comment is edited with the turn, the tool calls, the files touched and the
cost so far: at once for the first turn, then at most once per ``PROGRESS_INTERVAL``
seconds, and once more with the final turn if that one was held back. A failed edit
(a rate limit, a 5xx) is logged and skipped; it never fails the run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from pace_app.agents.forge import ForgeOutcome, TurnProgress, run_forge
from pace_app.agents.paths import refusal_note
from pace_app.agents.scribe import CONTEXT_PATH, bootstrap_context
from pace_app.config.repo import RepoConfig
from pace_app.domain.run import RunState
from pace_app.domain.run_details import ForgeCheckpoint, ForgeTurn, with_forge_turn
from pace_app.domain.story import Story
from pace_app.errors import BudgetExceeded, GitHubError, SandboxError, WorkspaceError
from pace_app.pipeline.reporter import report
from pace_app.pipeline.run_context import RunContext
from pace_app.workspace.worktree import Identity, Worktree

logger = logging.getLogger(__name__)

STOPPED_EARLY = {
    "max_turns": "FORGE reached forge.max_turns before handing off",
    "budget": "FORGE reached budget.max_usd_per_run before handing off",
    "no_tool_use": "FORGE stopped using its tools before handing off",
}
MAX_COMMIT_MESSAGE_CHARS = 4_000
PROGRESS_INTERVAL = 30.0  # seconds between two status-comment edits during FORGE
BRANCH_GONE = (
    "The branch {branch} was deleted on GitHub since the last round, so FORGE started "
    "again from the base branch."
)


@dataclass(frozen=True)
class ForgeRequest:
    """What a FORGE round works from."""

    story: Story
    branch: str
    config: RepoConfig
    identity: Identity
    feedback: str | None
    round: int
    instructions: tuple[tuple[str, str], ...] = ()


async def forge_round(ctx: RunContext, request: ForgeRequest) -> ForgeCheckpoint:
    """Run FORGE on the branch and push what it wrote; return the round's checkpoint."""
    config = request.config
    async with ctx.checkout(request.branch) as worktree:
        if worktree.remote_sha is None and ctx.details.forge is not None:
            ctx.warnings = (*ctx.warnings, BRANCH_GONE.format(branch=request.branch))
        await ctx.move(RunState.FORGE, branch=request.branch)
        await report(ctx)
        try:
            await bootstrap_context(
                worktree, config, ctx.model("scribe"), config.llm.analysis_model
            )
        except BudgetExceeded:
            ctx.warnings = (*ctx.warnings, "SCRIBE's first context was skipped: budget spent")
        outcome = await _forge(ctx, worktree, request)
        summary = outcome.handoff.summary if outcome.handoff else outcome.transcript_summary
        message = f"{request.story.title} (#{ctx.run.issue_number})\n\n{summary}"
        await worktree.commit(
            message[:MAX_COMMIT_MESSAGE_CHARS], request.identity, paths=_written(worktree, outcome)
        )
        if await worktree.head() == worktree.base_sha and worktree.remote_sha is None:
            raise WorkspaceError("FORGE finished without changing any file, so there is no PR")
        await worktree.push(await ctx.token())
        head = await worktree.head()
        files = tuple(await worktree.changed_files())
    handoff = outcome.handoff
    checkpoint = ForgeCheckpoint(
        round=request.round,
        head=head,
        files=files,
        turns=outcome.turns,
        stop_reason=outcome.stop_reason,
        summary=summary or "",
        tests_added=handoff.tests_added if handoff else (),
        risks=handoff.risks if handoff else (),
        handoff_files=handoff.files_changed if handoff else (),
        handed_off=handoff is not None,
        instructions=outcome.instructions_used,
    )
    # Recorded before the move: a crash in between resumes without running FORGE again.
    await ctx.save(forge=checkpoint)
    await ctx.move(RunState.PUSHED, head_sha=head)
    return checkpoint


async def _forge(ctx: RunContext, worktree: Worktree, request: ForgeRequest) -> ForgeOutcome:
    config = request.config
    runner = ctx.runner(config)
    # Fail before FORGE spends anything when the operator's sandbox cannot hold, and
    # tell the user how the policy came about (SANDBOX_MODE=off, ignored requests).
    _, note = await runner.isolation()
    if note and note not in ctx.warnings:
        ctx.warnings = (*ctx.warnings, note)
    setup = config.tech.setup_command
    if setup:
        result = await runner.run(
            setup, cwd=worktree.path, network=config.sandbox.network_during_setup
        )
        if result.warning and result.warning not in ctx.warnings:
            ctx.warnings = (*ctx.warnings, result.warning)
        if not result.succeeded:
            raise SandboxError(f"setup command `{setup}` failed:\n{result.tail(2000)}")
    progress = ForgeProgress(ctx, request.round, clock=ctx.services.clock)
    outcome = await run_forge(
        provider=ctx.model("forge"),
        model=config.llm.model,
        worktree=worktree.path,
        runner=runner,
        config=config,
        story=request.story,
        feedback=request.feedback,
        instructions=request.instructions,
        max_turns=config.forge.max_turns,
        test_command=config.tech.test_command,
        build_command=config.tech.build_command,
        on_turn=progress.turn,
    )
    await progress.finish()
    ctx.turns = outcome.turns
    note = refusal_note(outcome.refused_paths)
    if note is not None and note not in ctx.warnings:
        ctx.warnings = (*ctx.warnings, note)
    if outcome.stop_reason != "handoff":
        ctx.stopped_early = STOPPED_EARLY.get(outcome.stop_reason, outcome.stop_reason)
    return outcome


class Throttle:
    """Allow an action at once, then at most once per ``interval`` seconds."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._last: float | None = None

    def ready(self, now: float) -> bool:
        """Say whether the action may happen at ``now``, and if so count it as done."""
        if self._last is not None and now - self._last < self.interval:
            return False
        self._last = now
        return True


class ForgeProgress:
    """Record FORGE's turns in the run and show them in the status comment, throttled."""

    def __init__(
        self,
        ctx: RunContext,
        round: int,
        *,
        clock: Callable[[], float],
        interval: float = PROGRESS_INTERVAL,
    ) -> None:
        self._ctx = ctx
        self._round = round
        self._clock = clock
        self._throttle = Throttle(interval)
        self._files: tuple[str, ...] = ()
        self._held = False

    async def turn(self, progress: TurnProgress) -> None:
        """Add one turn to the round's timeline and edit the comment if it is time."""
        ctx = self._ctx
        new = tuple(path for path in progress.files if path not in self._files)
        self._files = progress.files
        cost = ctx.ledger.cost_usd if ctx.ledger is not None else 0.0
        turn = ForgeTurn(progress.turn, progress.tools, new, cost)
        timelines = with_forge_turn(
            ctx.details.forge_progress, self._round, progress.max_turns, turn
        )
        await ctx.save(forge_progress=timelines)
        if self._throttle.ready(self._clock()):
            await self._edit()
        else:
            self._held = True

    async def finish(self) -> None:
        """Show the last turn if the throttle held it back."""
        if self._held:
            await self._edit()

    async def _edit(self) -> None:
        self._held = False
        try:
            await report(self._ctx)
        except GitHubError as exc:
            # Progress is a courtesy: the run goes on, and the next edit catches up.
            logger.warning(
                "status comment not updated with FORGE's progress",
                extra={"run_id": self._ctx.run.id, "agent": "forge", "error": str(exc)[:200]},
            )


def _written(worktree: Worktree, outcome: ForgeOutcome) -> list[str]:
    """Return what FORGE's tools wrote, plus SCRIBE's first context if it exists."""
    paths = list(outcome.files_changed)
    if (worktree.path / CONTEXT_PATH).is_file():
        paths.append(CONTEXT_PATH)
    return paths
