"""One FORGE round: check out the branch, run setup and FORGE, commit and push.

The round records a ``ForgeCheckpoint`` in the run's details once the branch is pushed,
then moves the run to ``pushed``: a crash after that point resumes at the review
instead of paying for FORGE again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from pace_app.agents.forge import ForgeOutcome, run_forge
from pace_app.agents.scribe import CONTEXT_PATH, bootstrap_context
from pace_app.config.repo import RepoConfig
from pace_app.domain.run import RunState
from pace_app.domain.run_details import ForgeCheckpoint
from pace_app.domain.story import Story
from pace_app.errors import BudgetExceeded, SandboxError, WorkspaceError
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
    )
    ctx.turns = outcome.turns
    if outcome.stop_reason != "handoff":
        ctx.stopped_early = STOPPED_EARLY.get(outcome.stop_reason, outcome.stop_reason)
    return outcome


def _written(worktree: Worktree, outcome: ForgeOutcome) -> list[str]:
    """Return what FORGE's tools wrote, plus SCRIBE's first context if it exists."""
    paths = list(outcome.files_changed)
    if (worktree.path / CONTEXT_PATH).is_file():
        paths.append(CONTEXT_PATH)
    return paths
