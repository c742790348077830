"""Reviewing a pushed head: GATE and SENTINEL, each reported as its check run.

Every check run is recorded in the run's details when it is opened and again when it
is completed, so whatever ends the run can complete the ones left open. The verdicts
are recorded after each agent: a crash during SENTINEL resumes without running GATE
(and paying its judge) again, and a head that was already reviewed is not reviewed a
second time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial

from pace_app.agents.gate import render, run_gate
from pace_app.agents.paths import is_protected
from pace_app.agents.sentinel.checks import CHECK_NAME as SENTINEL_CHECK_NAME
from pace_app.agents.sentinel.checks import CONCLUSIONS, check_output
from pace_app.agents.sentinel.sentinel import run_sentinel
from pace_app.config.repo import RepoConfig
from pace_app.domain.retry_findings import SentinelFinding
from pace_app.domain.run import RunState
from pace_app.domain.run_details import OwnedCheck, ReviewRecord
from pace_app.domain.story import Story
from pace_app.github.checks import GATE_CHECK_NAME, CheckRun
from pace_app.github.reviews import post_review, read_posted
from pace_app.pipeline.reporter import report
from pace_app.pipeline.retry_feedback import findings_from_review
from pace_app.pipeline.run_context import RunContext
from pace_app.workspace.worktree import Worktree


@dataclass(frozen=True)
class ReviewRequest:
    """What a review of one head needs besides the run context."""

    story: Story
    config: RepoConfig
    pr_number: int
    bot_login: str
    head: str
    round: int
    key: str


async def review_round(ctx: RunContext, request: ReviewRequest, branch: str) -> ReviewRecord:
    """Run GATE, then SENTINEL unless GATE holds, on the branch's pushed head."""
    previous = ctx.details.review
    if previous is not None and previous.head == request.head and previous.complete:
        # Nothing changed since this head was reviewed: its checks and verdicts stand.
        await ctx.move(RunState.GATE, pr_number=request.pr_number)
        if previous.sentinel_verdict is not None:
            await ctx.move(RunState.SENTINEL)
        return previous
    review = previous if previous is not None and previous.head == request.head else None
    async with ctx.checkout(branch) as worktree:
        if review is None:
            await ctx.move(RunState.GATE, pr_number=request.pr_number)
            await report(ctx)
            review = await gate(ctx, worktree, request)
        if not review.hold:
            await ctx.move(RunState.SENTINEL, pr_number=request.pr_number)
            await report(ctx)
            review = await sentinel(ctx, worktree, request, review)
    await report(ctx)
    return review


async def gate(ctx: RunContext, worktree: Worktree, request: ReviewRequest) -> ReviewRecord:
    """Run GATE on the checkout and report it as the ``PACE / GATE`` check run."""
    check = await _open(ctx, GATE_CHECK_NAME, request)
    result = await run_gate(
        runner=ctx.runner(request.config),
        worktree=worktree.path,
        config=request.config,
        story=request.story,
        diff=await worktree.diff(),
        provider=ctx.model("gate"),
        analysis_model=request.config.llm.analysis_model,
    )
    await check.complete(
        result.conclusion,
        title=render.title(result),
        summary=render.summary(result),
        text=render.details(result),
        annotations=result.annotations,
    )
    review = ReviewRecord(
        head=request.head,
        round=request.round,
        gate_verdict=result.verdict,
        gate_findings=result.findings_for_retry,
    )
    # The latest GATE findings, and SENTINEL's from the last head it reviewed.
    found = replace(findings_from_review(result, None), sentinel=ctx.details.findings.sentinel)
    ctx.details = replace(ctx.details, findings=found)
    await _closed(ctx, check, request.head, review=review)
    return review


async def sentinel(
    ctx: RunContext, worktree: Worktree, request: ReviewRequest, review: ReviewRecord
) -> ReviewRecord:
    """Audit the PR diff, post one review, and report the ``PACE / SENTINEL`` check."""
    check = await _open(ctx, SENTINEL_CHECK_NAME, request)
    result = await run_sentinel(
        worktree=worktree.path,
        diff=await worktree.diff(),
        changed_files=await worktree.changed_files(),
        provider=ctx.model("sentinel"),
        analysis_model=request.config.llm.analysis_model,
        block_on=request.config.sentinel.block_on,
        already_posted=await read_posted(
            ctx.gh, ctx.full_name, request.pr_number, author=request.bot_login
        ),
        base=worktree.base_sha,
        is_protected=partial(is_protected, extra=ctx.services.sandbox.policy.protected_paths),
    )
    if result.review is not None:
        await post_review(ctx.gh, ctx.full_name, request.pr_number, request.head, result.review)
    output = check_output(result.verdict, result.summary)["output"]
    await check.complete(
        CONCLUSIONS[result.verdict], title=output["title"], summary=output["summary"]
    )
    found = tuple(SentinelFinding.of(finding) for finding in result.findings)
    ctx.details = replace(ctx.details, findings=replace(ctx.details.findings, sentinel=found))
    reviewed = replace(
        review,
        sentinel_verdict=result.verdict,
        sentinel_findings=result.findings_for_retry if result.verdict == "HOLD" else (),
        advisories=result.findings_for_retry if result.verdict == "ADVISORY" else (),
    )
    await _closed(ctx, check, request.head, review=reviewed)
    return reviewed


async def rerun(ctx: RunContext, request: ReviewRequest, check_name: str) -> None:
    """Run GATE or SENTINEL again on the branch's current head, as a check's button asks."""
    assert ctx.run.branch is not None
    async with ctx.checkout(ctx.run.branch) as worktree:
        head = await worktree.head()
        request = replace(request, head=head)
        first = ReviewRecord(head=head, round=request.round, gate_verdict="SHIP")
        if check_name == GATE_CHECK_NAME:
            await gate(ctx, worktree, request)
        else:
            await sentinel(ctx, worktree, request, first)


async def _open(ctx: RunContext, name: str, request: ReviewRequest) -> CheckRun:
    """Find or create the check run and record it as open in the run's details."""
    check = await CheckRun.create(
        ctx.gh,
        ctx.full_name,
        request.head,
        name=name,
        external_id=f"{request.key}:{name.rsplit(' ', 1)[-1].lower()}",
    )
    owned = OwnedCheck(name, check.id, request.head, check.html_url or "")
    ctx.details = ctx.details.with_check(owned)
    await ctx.save()
    return check


async def _closed(ctx: RunContext, check: CheckRun, head: str, *, review: ReviewRecord) -> None:
    """Record the check run as completed and the verdicts so far."""
    name = str(check.data.get("name", ""))
    known = next((c for c in ctx.details.checks if c.id == check.id), None)
    owned = OwnedCheck(
        known.name if known else name, check.id, head, check.html_url or "", completed=True
    )
    ctx.details = replace(ctx.details.with_check(owned), review=review)
    await ctx.save()
