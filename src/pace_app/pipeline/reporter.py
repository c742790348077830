"""Keep a run's status comment current, and leave nothing open when the run ends.

``report`` renders the ONE status comment from the run context; ``close`` completes
every check run the run opened and did not complete (``cancelled`` for a cancel,
``neutral`` with the reason otherwise), so no exit leaves a check spinning on GitHub.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from pace_app.domain.run import FINAL_RUN_STATES, RunState
from pace_app.domain.run_details import OwnedCheck
from pace_app.errors import GitHubError
from pace_app.github import issues
from pace_app.github.checks import CheckRun
from pace_app.pipeline.run_context import RunContext
from pace_app.pipeline.status import StatusView, render_status

logger = logging.getLogger(__name__)


async def report(ctx: RunContext) -> None:
    """Create or edit the run's status comment from what the context knows."""
    run = ctx.run
    final = run.state in {RunState.FAILED, RunState.CANCELLED}
    view = StatusView(
        run_id=run.id,
        state=run.state,
        attempt=run.attempt,
        issue_title=ctx.title,
        stopped_at=ctx.stopped_at if final else None,
        pr_url=ctx.pr_url,
        branch_url=branch_url(ctx.repo.clone_url, run.branch),
        check_runs=tuple(
            (check.name, check.url) for check in _latest_checks(ctx.details.checks) if check.url
        ),
        turns=ctx.turns,
        usage=ctx.ledger.summary() if ctx.ledger else None,
        warnings=ctx.warnings,
        outcome=run.outcome if run.state is RunState.DONE else None,
        reason=run.outcome if final else None,
        stopped_early=ctx.stopped_early,
        instructions=ctx.details.forge.instructions if ctx.details.forge else (),
        command=ctx.conventions.command,
        forge=ctx.details.forge_progress[-1] if ctx.details.forge_progress else None,
    )
    comment_id, url = await issues.write_status_comment(
        ctx.gh,
        ctx.full_name,
        run.issue_number,
        render_status(view),
        comment_id=run.status_comment_id,
        run_id=run.id,
    )
    if comment_id != run.status_comment_id or (url and url != ctx.details.status_comment_url):
        ctx.details = replace(ctx.details, status_comment_url=url or None)
        await ctx.save(replace(ctx.run, status_comment_id=comment_id))


async def close(ctx: RunContext) -> None:
    """Complete the check runs this run left open, saying why the run ended."""
    state = ctx.run.state
    if state not in FINAL_RUN_STATES:
        return
    reason = ctx.run.outcome or "the run ended"
    for check in ctx.details.open_checks():
        run = CheckRun(ctx.gh, ctx.full_name, {"id": check.id})
        try:
            if state is RunState.CANCELLED:
                await run.cancel(f"The PACE run was cancelled: {reason}")
            else:
                await run.complete(
                    "neutral",
                    title="Not finished",
                    summary=f"The PACE run ended before this check finished: {reason}",
                )
        except GitHubError as exc:
            logger.warning("check run left open", extra={"run_id": ctx.run.id, "error": str(exc)})
            continue
        ctx.details = ctx.details.with_check(replace(check, completed=True))
    await ctx.save()


def branch_url(clone_url: str, branch: str | None) -> str | None:
    """Return the branch's page from the repository's clone URL, if it has a branch."""
    if not branch or not clone_url.startswith(("https://", "http://")):
        return None
    base = clone_url.removesuffix(".git")
    return f"{base}/tree/{branch}"


def _latest_checks(checks: tuple[OwnedCheck, ...]) -> list[OwnedCheck]:
    """Return the newest check run of each name, in name order."""
    newest: dict[str, OwnedCheck] = {}
    for check in checks:
        if check.name not in newest or check.id > newest[check.name].id:
            newest[check.name] = check
    return [newest[name] for name in sorted(newest)]
