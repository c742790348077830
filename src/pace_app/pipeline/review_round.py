"""Reviewing a pushed head: GATE and SENTINEL, each reported as its check run."""

from __future__ import annotations

from dataclasses import dataclass

from pace_app.agents.gate import GateResult, run_gate
from pace_app.agents.sentinel.checks import CHECK_NAME as SENTINEL_CHECK_NAME
from pace_app.agents.sentinel.checks import CONCLUSIONS, check_output
from pace_app.agents.sentinel.sentinel import SentinelResult, run_sentinel
from pace_app.config.repo import RepoConfig
from pace_app.domain.story import Story
from pace_app.github.checks import GATE_CHECK_NAME, CheckRun
from pace_app.github.client import GitHubClient
from pace_app.github.reviews import post_review, read_posted
from pace_app.llm.provider import ModelProvider
from pace_app.sandbox import SandboxRunner
from pace_app.workspace.worktree import Worktree


@dataclass(frozen=True)
class ReviewOutcome:
    """What GATE (and SENTINEL, if it ran) said about one pushed head."""

    gate: GateResult
    sentinel: SentinelResult | None

    @property
    def hold(self) -> bool:
        """Say whether either agent blocks the change."""
        return self.gate.verdict == "HOLD" or (
            self.sentinel is not None and self.sentinel.verdict == "HOLD"
        )

    @property
    def advisory(self) -> bool:
        """Say whether only non-blocking findings remain."""
        return not self.hold and self.sentinel is not None and self.sentinel.verdict == "ADVISORY"

    @property
    def findings(self) -> tuple[str, ...]:
        """Return what FORGE must address on a retry."""
        found = self.gate.findings_for_retry
        if self.sentinel is not None:
            found += self.sentinel.findings_for_retry
        return found


@dataclass(frozen=True)
class Reviewer:
    """Everything a review needs besides the head it reviews."""

    gh: GitHubClient
    repo: str
    pr_number: int
    bot_login: str
    config: RepoConfig
    story: Story
    runner: SandboxRunner
    gate_model: ModelProvider
    sentinel_model: ModelProvider

    async def gate(self, worktree: Worktree, head: str, job_key: str) -> tuple[GateResult, str]:
        """Run GATE on the clean checkout and report it as the ``PACE / GATE`` check run."""
        check = await CheckRun.create(
            self.gh, self.repo, head, name=GATE_CHECK_NAME, external_id=f"{job_key}:gate"
        )
        result = await run_gate(
            runner=self.runner,
            worktree=worktree.path,
            config=self.config,
            story=self.story,
            diff=await worktree.diff(),
            provider=self.gate_model,
            analysis_model=self.config.llm.analysis_model,
        )
        await check.complete(
            result.conclusion,
            title=result.title,
            summary=result.summary,
            text=result.text,
            annotations=result.annotations,
        )
        return result, check.html_url or ""

    async def sentinel(
        self, worktree: Worktree, head: str, job_key: str
    ) -> tuple[SentinelResult, str]:
        """Audit the PR diff, post one review, and report the ``PACE / SENTINEL`` check."""
        check = await CheckRun.create(
            self.gh, self.repo, head, name=SENTINEL_CHECK_NAME, external_id=f"{job_key}:sentinel"
        )
        result = await run_sentinel(
            worktree=worktree.path,
            diff=await worktree.diff(),
            changed_files=await worktree.changed_files(),
            provider=self.sentinel_model,
            analysis_model=self.config.llm.analysis_model,
            block_on=self.config.sentinel.block_on,
            already_posted=await read_posted(
                self.gh, self.repo, self.pr_number, author=self.bot_login
            ),
        )
        if result.review is not None:
            await post_review(self.gh, self.repo, self.pr_number, head, result.review)
        output = check_output(result.verdict, result.summary)["output"]
        await check.complete(
            CONCLUSIONS[result.verdict], title=output["title"], summary=output["summary"]
        )
        return result, check.html_url or ""
