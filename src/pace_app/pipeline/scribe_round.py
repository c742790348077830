"""The SCRIBE round: bring ``.pace/context/engineering.md`` up to date on the branch."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from pace_app.agents.forge.tool_specs import CompleteHandoffInput
from pace_app.agents.scribe import commit_context, update_context
from pace_app.config.repo import RepoConfig
from pace_app.domain.run import RunState
from pace_app.domain.run_details import ForgeCheckpoint
from pace_app.errors import BudgetExceeded
from pace_app.pipeline.reporter import report
from pace_app.pipeline.run_context import RunContext
from pace_app.workspace.worktree import Identity


async def scribe_round(
    ctx: RunContext, branch: str, forged: ForgeCheckpoint, config: RepoConfig, identity: Identity
) -> None:
    """Record the change's decisions in the context document and push it (once)."""
    await ctx.move(RunState.SCRIBE)
    if ctx.details.scribed:
        return
    await report(ctx)
    async with ctx.checkout(branch) as worktree:
        try:
            changed = await update_context(
                worktree,
                issue_number=ctx.run.issue_number,
                handoff=CompleteHandoffInput(
                    summary=forged.summary or "(no summary)",
                    files_changed=forged.handoff_files,
                    tests_added=forged.tests_added,
                    risks=forged.risks,
                ),
                diff=await worktree.diff(),
                provider=ctx.model("scribe"),
                model=config.llm.analysis_model,
                today=datetime.now(UTC).date(),
            )
        except BudgetExceeded:
            ctx.warnings = (*ctx.warnings, "SCRIBE was skipped: the run's model budget is spent")
            changed = False
        if changed:
            token = await ctx.token()
            if await commit_context(worktree, ctx.run.issue_number, identity, token):
                # The published head: through the API it is GitHub's commit, not the local one.
                await ctx.save(replace(ctx.run, head_sha=await worktree.head()))
    await ctx.save(scribed=True)
