"""Run one attempt of a story: FORGE, push and PR, GATE and SENTINEL, SCRIBE.

A HOLD from GATE or SENTINEL sends the findings back to FORGE, at most
``forge.max_retries`` times; advisories get one retry, and what remains becomes a
clearance issue. Every step is reported in the issue's status comment.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import anyio

from pace_app.agents.forge.loop import ForgeOutcome, run_forge
from pace_app.agents.forge.tool_specs import CompleteHandoffInput
from pace_app.agents.scribe import (
    CONTEXT_PATH,
    bootstrap_context,
    commit_context,
    update_context,
)
from pace_app.agents.sentinel.checks import CHECK_NAME as SENTINEL_CHECK_NAME
from pace_app.config.repo import LoadedConfig, RepoConfig, resolve_repo_config
from pace_app.domain.jobs import RepoRef
from pace_app.domain.run import RunRecord, RunState
from pace_app.domain.story import Story, branch_name, parse_story
from pace_app.errors import (
    ModelError,
    RepoConfigError,
    RunConflict,
    SandboxError,
    StoryError,
    WorkspaceError,
)
from pace_app.github import issues as effects
from pace_app.github.checks import GATE_CHECK_NAME
from pace_app.github.client import GitHubClient
from pace_app.github.pulls import ensure_pull_request, pr_title, render_pr_body
from pace_app.llm.usage import MeteredProvider, UsageLedger
from pace_app.pipeline.clearance import open_clearance_issue
from pace_app.pipeline.review_round import Reviewer, ReviewOutcome
from pace_app.pipeline.services import Services
from pace_app.pipeline.status import StatusView, render_status
from pace_app.sandbox import SandboxPolicy, SandboxRunner
from pace_app.sandbox.infer import infer_setup_command, infer_test_command, project_files
from pace_app.workspace import Repository
from pace_app.workspace.worktree import Identity, Worktree

logger = logging.getLogger(__name__)

# Failures the user must fix or know about: the run ends failed, the job succeeds.
RUN_FAILURES = (StoryError, RepoConfigError, SandboxError, ModelError, WorkspaceError)

_STOPPED_EARLY = {
    "max_turns": "FORGE reached forge.max_turns before handing off",
    "budget": "FORGE reached budget.max_usd_per_run before handing off",
    "no_tool_use": "FORGE stopped using its tools before handing off",
}
_FORWARD = (
    RunState.QUEUED,
    RunState.PREPARING,
    RunState.FORGE,
    RunState.PUSHED,
    RunState.GATE,
    RunState.SENTINEL,
    RunState.SCRIBE,
)


@dataclass
class Attempt:
    """What one attempt knows so far, shown in the status comment."""

    run: RunRecord
    title: str = ""
    warnings: tuple[str, ...] = ()
    ledger: UsageLedger | None = None
    turns: int | None = None
    pr_url: str | None = None
    stopped_early: str | None = None
    check_runs: tuple[tuple[str, str], ...] = ()
    round: int = 0
    stopped_at: RunState | None = None


@dataclass(frozen=True)
class Forged:
    """What a FORGE round left: the configuration it ran with, its outcome, the head."""

    config: RepoConfig
    outcome: ForgeOutcome
    head: str
    files: tuple[str, ...]


class StoryRun:
    """Drive one attempt of a story run and keep its status comment current."""

    def __init__(self, services: Services, gh: GitHubClient, repo: RepoRef) -> None:
        self._services = services
        self._gh = gh
        self._repo = repo

    async def execute(self, run: RunRecord, *, feedback: str | None = None) -> RunRecord:
        """Run the attempt to its end; failures the user must see end the run, visibly."""
        attempt = Attempt(run)
        try:
            await self._cycle(attempt, feedback)
        except RUN_FAILURES as exc:
            await self._finish(attempt, RunState.FAILED, outcome=str(exc))
        except RunConflict:
            # Someone else moved the run (a cancel); their update is the one that counts.
            logger.info("story run superseded", extra={"run_id": run.id})
        finally:
            with anyio.CancelScope(shield=True):
                await effects.remove_label(
                    self._gh, self._repo.full_name, run.issue_number, effects.RUNNING
                )
        return attempt.run

    async def rerun_check(self, run: RunRecord, check_name: str, *, key: str) -> None:
        """Run GATE or SENTINEL again on the branch's current head, as a check's button asks."""
        assert run.branch is not None
        assert run.pr_number is not None
        attempt = Attempt(run)
        _, story = await self._read_story(run.issue_number)
        identity = await self._services.identity.get()
        async with self._checkout(attempt, run.branch) as worktree:
            config = (await anyio.to_thread.run_sync(_load_config, worktree.path)).config
            attempt.ledger = UsageLedger(budget_usd=config.budget.max_usd_per_run)
            reviewer = self._reviewer(attempt, config, story, run.pr_number, identity)
            head = await worktree.head()
            if check_name == GATE_CHECK_NAME:
                await reviewer.gate(worktree, head, key)
            else:
                await reviewer.sentinel(worktree, head, key)

    async def report(self, run: RunRecord, *, note: str | None = None) -> None:
        """Re-render the run's status comment, optionally with a note."""
        await self._report(Attempt(run, warnings=(note,) if note else ()))

    async def _cycle(self, attempt: Attempt, feedback: str | None) -> None:
        number = attempt.run.issue_number
        attempt.title, story = await self._read_story(number)
        await effects.add_label(self._gh, self._repo.full_name, number, effects.RUNNING)
        await self._advance(attempt, RunState.PREPARING)
        # Known before FORGE runs, so a lookup failure cannot waste a model session.
        identity = await self._services.identity.get()
        branch = attempt.run.branch or branch_name(number, story.title)
        holds = 0
        advisory_retried = False
        while True:
            attempt.round += 1
            forged = await self._forge_round(attempt, story, branch, identity, feedback)
            pr_number = await self._open_pr(attempt, story, branch, forged)
            review = await self._review_round(attempt, story, branch, forged, pr_number, identity)
            if review.hold:
                if holds >= forged.config.forge.max_retries:
                    await self._hold(attempt, review)
                    return
                holds += 1
            elif review.advisory and not advisory_retried:
                advisory_retried = True
            else:
                break
            feedback = "\n".join(f"- {finding}" for finding in review.findings)
            await self._save(attempt, attempt.run.moved(RunState.FORGE))
        if review.advisory:
            await self._clear_later(attempt, pr_number, review)
        await self._scribe_round(attempt, branch, forged, identity)
        outcome = "stopped early" if attempt.stopped_early else "PR ready for review"
        await self._finish(attempt, RunState.DONE, outcome=outcome)

    async def _read_story(self, number: int) -> tuple[str, Story]:
        """Fetch the issue now (it may have been edited) and read it as a story."""
        issue = await self._gh.getitem(
            "/repos/{+repo}/issues/{number}", {"repo": self._repo.full_name, "number": number}
        )
        title = str(issue.get("title", ""))
        return title, parse_story(title, issue.get("body"))

    @asynccontextmanager
    async def _checkout(self, attempt: Attempt, branch: str) -> AsyncIterator[Worktree]:
        token = await self._services.token(attempt.run.installation_id)
        owner, name = self._repo.full_name.split("/", 1)
        async with self._services.workspace.run(
            Repository(owner, name, self._repo.clone_url),
            run_id=str(attempt.run.id),
            base=self._repo.default_branch,
            branch=branch,
            token=token,
        ) as worktree:
            yield worktree

    def _runner(self, attempt: Attempt, config: RepoConfig) -> SandboxRunner:
        run_dir = self._services.data_dir / "runs" / str(attempt.run.id)
        return SandboxRunner(run_dir, SandboxPolicy(mode=config.sandbox.mode))

    def _model(self, attempt: Attempt, agent: str, config: RepoConfig) -> MeteredProvider:
        assert attempt.ledger is not None  # set from the configuration in the first round
        return MeteredProvider(self._services.model(config.llm.provider), attempt.ledger, agent)

    async def _forge_round(
        self,
        attempt: Attempt,
        story: Story,
        branch: str,
        identity: Identity,
        feedback: str | None,
    ) -> Forged:
        async with self._checkout(attempt, branch) as worktree:
            loaded = await anyio.to_thread.run_sync(_load_config, worktree.path)
            config = loaded.config
            attempt.warnings = loaded.warnings
            if attempt.ledger is None:
                attempt.ledger = UsageLedger(budget_usd=config.budget.max_usd_per_run)
            await self._advance(attempt, RunState.FORGE, branch=branch)
            await bootstrap_context(
                worktree, config, self._model(attempt, "scribe", config), config.llm.analysis_model
            )
            outcome = await self._forge(attempt, worktree, config, story, feedback)
            summary = outcome.handoff.summary if outcome.handoff else outcome.transcript_summary
            message = f"{story.title} (#{attempt.run.issue_number})\n\n{summary}"
            await worktree.commit(message[:4000], identity, paths=_written(worktree, outcome))
            if await worktree.head() == worktree.base_sha and worktree.remote_sha is None:
                raise WorkspaceError("FORGE finished without changing any file, so there is no PR")
            await worktree.push(await self._services.token(attempt.run.installation_id))
            head = await worktree.head()
            files = tuple(await worktree.changed_files())
            await self._advance(attempt, RunState.PUSHED, head_sha=head)
            return Forged(config, outcome, head, files)

    async def _forge(
        self,
        attempt: Attempt,
        worktree: Worktree,
        config: RepoConfig,
        story: Story,
        feedback: str | None,
    ) -> ForgeOutcome:
        runner = self._runner(attempt, config)
        files = await anyio.to_thread.run_sync(project_files, worktree.path)
        setup = config.tech.setup_command or infer_setup_command(files)
        if setup:
            result = await runner.run(
                setup, cwd=worktree.path, network=config.sandbox.network_during_setup
            )
            if result.warning:
                attempt.warnings = (*attempt.warnings, result.warning)
            if not result.succeeded:
                raise SandboxError(f"setup command `{setup}` failed:\n{result.tail(2000)}")
        outcome = await run_forge(
            provider=self._model(attempt, "forge", config),
            model=config.llm.model,
            worktree=worktree.path,
            runner=runner,
            config=config,
            story=story,
            feedback=feedback,
            max_turns=config.forge.max_turns,
            test_command=config.tech.test_command or infer_test_command(files),
            build_command=config.tech.build_command,
        )
        attempt.turns = outcome.turns
        if outcome.stop_reason != "handoff":
            attempt.stopped_early = _STOPPED_EARLY.get(outcome.stop_reason, outcome.stop_reason)
        return outcome

    async def _open_pr(self, attempt: Attempt, story: Story, branch: str, forged: Forged) -> int:
        handoff = forged.outcome.handoff
        body = render_pr_body(
            issue_number=attempt.run.issue_number,
            summary=handoff.summary if handoff else forged.outcome.transcript_summary,
            criteria=story.criteria,
            files_changed=forged.files,
            tests_added=handoff.tests_added if handoff else (),
            risks=handoff.risks if handoff else (),
            usage=attempt.ledger.summary() if attempt.ledger else None,
            stopped_early=attempt.stopped_early,
        )
        number, attempt.pr_url = await ensure_pull_request(
            self._gh,
            repo=self._repo.full_name,
            branch=branch,
            base=self._repo.default_branch,
            title=pr_title(story.title),
            body=body,
        )
        return number

    async def _review_round(
        self,
        attempt: Attempt,
        story: Story,
        branch: str,
        forged: Forged,
        pr_number: int,
        identity: Identity,
    ) -> ReviewOutcome:
        reviewer = self._reviewer(attempt, forged.config, story, pr_number, identity)
        job_key = f"run-{attempt.run.id}-{attempt.run.attempt}-{attempt.round}"
        async with self._checkout(attempt, branch) as worktree:
            await self._advance(attempt, RunState.GATE, pr_number=pr_number)
            gate, gate_url = await reviewer.gate(worktree, forged.head, job_key)
            attempt.check_runs = ((GATE_CHECK_NAME, gate_url),)
            sentinel = None
            if gate.verdict != "HOLD":
                await self._advance(attempt, RunState.SENTINEL)
                sentinel, sentinel_url = await reviewer.sentinel(worktree, forged.head, job_key)
                attempt.check_runs += ((SENTINEL_CHECK_NAME, sentinel_url),)
        await self._report(attempt)
        return ReviewOutcome(gate, sentinel)

    def _reviewer(
        self,
        attempt: Attempt,
        config: RepoConfig,
        story: Story,
        pr_number: int,
        identity: Identity,
    ) -> Reviewer:
        return Reviewer(
            gh=self._gh,
            repo=self._repo.full_name,
            pr_number=pr_number,
            bot_login=identity.name,
            config=config,
            story=story,
            runner=self._runner(attempt, config),
            gate_model=self._model(attempt, "gate", config),
            sentinel_model=self._model(attempt, "sentinel", config),
        )

    async def _hold(self, attempt: Attempt, review: ReviewOutcome) -> None:
        await effects.add_label(
            self._gh, self._repo.full_name, attempt.run.issue_number, effects.HOLD
        )
        still = "\n".join(f"- {finding}" for finding in review.findings[:20])
        reason = f"HOLD after {attempt.round} FORGE round(s); what still fails:\n{still}"
        await self._finish(attempt, RunState.FAILED, outcome=reason)

    async def _clear_later(self, attempt: Attempt, pr_number: int, review: ReviewOutcome) -> None:
        if attempt.run.details.get("clearance_issue") is not None:
            return
        assert review.sentinel is not None
        number = await open_clearance_issue(
            self._gh,
            self._repo.full_name,
            story_issue=attempt.run.issue_number,
            pr_number=pr_number,
            advisories=review.sentinel.findings_for_retry,
        )
        details = {**attempt.run.details, "clearance_issue": number}
        await self._save(attempt, replace(attempt.run, details=details))

    async def _scribe_round(
        self, attempt: Attempt, branch: str, forged: Forged, identity: Identity
    ) -> None:
        await self._advance(attempt, RunState.SCRIBE)
        handoff = forged.outcome.handoff
        summary = handoff.summary if handoff else forged.outcome.transcript_summary
        async with self._checkout(attempt, branch) as worktree:
            changed = await update_context(
                worktree,
                issue_number=attempt.run.issue_number,
                handoff=CompleteHandoffInput(
                    summary=summary or "(no summary)",
                    files_changed=handoff.files_changed if handoff else (),
                    tests_added=handoff.tests_added if handoff else (),
                    risks=handoff.risks if handoff else (),
                ),
                diff=await worktree.diff(),
                provider=self._model(attempt, "scribe", forged.config),
                model=forged.config.llm.analysis_model,
                today=datetime.now(UTC).date(),
            )
            if changed:
                token = await self._services.token(attempt.run.installation_id)
                head = await commit_context(worktree, attempt.run.issue_number, identity, token)
                if head is not None:
                    attempt.run = replace(attempt.run, head_sha=head)

    async def _advance(self, attempt: Attempt, state: RunState, **changes: Any) -> None:
        current = attempt.run
        if _reached(current.state, state):
            # A re-claimed job resumes where the crashed one stopped: no move backwards.
            moved = replace(current, **changes)
        else:
            moved = current.moved(state, **changes)
        await self._save(attempt, moved)
        await self._report(attempt)

    async def _save(self, attempt: Attempt, run: RunRecord) -> None:
        # Compare-and-set against the state we last saw: a cancel elsewhere wins.
        attempt.run = await self._services.runs.update_run(run, expected=attempt.run.state)

    async def _finish(self, attempt: Attempt, state: RunState, *, outcome: str) -> None:
        attempt.stopped_at = attempt.run.state
        await self._advance(attempt, state, outcome=outcome)
        logger.info(
            "story run finished",
            extra={"run_id": attempt.run.id, "repo": self._repo.full_name, "state": state.value},
        )

    async def _report(self, attempt: Attempt) -> None:
        run = attempt.run
        final = run.state in {RunState.FAILED, RunState.CANCELLED}
        view = StatusView(
            run_id=run.id,
            state=run.state,
            attempt=run.attempt,
            issue_title=attempt.title,
            stopped_at=attempt.stopped_at if final else None,
            pr_url=attempt.pr_url,
            check_runs=tuple((name, url) for name, url in attempt.check_runs if url),
            turns=attempt.turns,
            usage=attempt.ledger.summary() if attempt.ledger else None,
            warnings=attempt.warnings,
            outcome=run.outcome if run.state is RunState.DONE else None,
            reason=run.outcome if final else None,
            stopped_early=attempt.stopped_early,
        )
        comment_id = await effects.upsert_status_comment(
            self._gh,
            self._repo.full_name,
            run.issue_number,
            render_status(view),
            comment_id=run.status_comment_id,
            run_id=run.id,
        )
        if comment_id != run.status_comment_id:
            attempt.run = await self._services.runs.update_run(
                replace(run, status_comment_id=comment_id), expected=run.state
            )


def _written(worktree: Worktree, outcome: ForgeOutcome) -> list[str]:
    """Return what FORGE's tools wrote, plus SCRIBE's first context if it exists."""
    paths = list(outcome.files_changed)
    if (worktree.path / CONTEXT_PATH).is_file():
        paths.append(CONTEXT_PATH)
    return paths


def _reached(current: RunState, target: RunState) -> bool:
    """Say whether a run in ``current`` is already at or past the stage ``target``."""
    if current == target:
        return True
    return (
        current in _FORWARD
        and target in _FORWARD
        and _FORWARD.index(current) > _FORWARD.index(target)
    )


def _load_config(root: Path) -> LoadedConfig:
    files = [
        str(path.relative_to(root))
        for path in root.rglob("*")
        if ".git" not in path.relative_to(root).parts and path.is_file()
    ][:10_000]

    def read(relative: str) -> str:
        return (root / relative).read_text(encoding="utf-8")

    return resolve_repo_config(files, read)
