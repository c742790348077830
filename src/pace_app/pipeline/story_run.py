"""Run one attempt of a story: prepare, FORGE, push, open the PR, report every step."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import anyio

from pace_app.agents.forge import ForgeOutcome, run_forge
from pace_app.config.repo import LoadedConfig, resolve_repo_config
from pace_app.errors import (
    ModelError,
    RepoConfigError,
    RunConflict,
    SandboxError,
    StoryError,
    WorkspaceError,
)
from pace_app.github.client import GitHubClient
from pace_app.handlers.jobs import RepoRef
from pace_app.llm.usage import MeteredProvider, UsageLedger
from pace_app.pipeline import effects
from pace_app.pipeline.pull_request import ensure_pull_request, pr_title, render_pr_body
from pace_app.pipeline.run_store import RunStore
from pace_app.pipeline.services import Services
from pace_app.pipeline.state import RunRecord, RunState
from pace_app.pipeline.status import StatusView, render_status
from pace_app.pipeline.story import Story, branch_name, parse_story
from pace_app.sandbox import SandboxPolicy, SandboxRunner
from pace_app.sandbox.infer import infer_setup_command, infer_test_command, project_files
from pace_app.workspace import Repository
from pace_app.workspace.worktree import Identity, Worktree

logger = logging.getLogger(__name__)

# Failures the user must fix or know about: the run ends failed, the job succeeds.
RUN_FAILURES = (StoryError, RepoConfigError, SandboxError, ModelError, WorkspaceError)


@dataclass
class Attempt:
    """What one attempt knows so far, shown in the status comment."""

    run: RunRecord
    title: str = ""
    warnings: tuple[str, ...] = ()
    usage: str | None = None
    turns: int | None = None
    pr_url: str | None = None
    stopped_early: str | None = None


class StoryRun:
    """Drive one attempt of a story run and keep its status comment current."""

    def __init__(self, services: Services, gh: GitHubClient, repo: RepoRef) -> None:
        self._services = services
        self._store: RunStore = services.runs
        self._gh = gh
        self._repo = repo

    async def execute(self, run: RunRecord, *, feedback: str | None = None) -> RunRecord:
        """Run the attempt to its end; failures the user must see end the run, visibly."""
        attempt = Attempt(run)
        try:
            await self._attempt(attempt, feedback)
        except RUN_FAILURES as exc:
            await self._finish(attempt, RunState.FAILED, reason=str(exc))
        except RunConflict:
            # Someone else moved the run (a cancel); their update is the one that counts.
            logger.info("story run superseded", extra={"run_id": run.id})
        finally:
            with anyio.CancelScope(shield=True):
                await effects.remove_label(
                    self._gh, self._repo.full_name, run.issue_number, effects.RUNNING
                )
        return attempt.run

    async def report(self, run: RunRecord, *, note: str | None = None) -> None:
        """Re-render the run's status comment, optionally with a note."""
        await self._report(Attempt(run, warnings=(note,) if note else ()))

    async def _attempt(self, attempt: Attempt, feedback: str | None) -> None:
        number = attempt.run.issue_number
        issue = await self._gh.getitem(
            "/repos/{+repo}/issues/{number}", {"repo": self._repo.full_name, "number": number}
        )
        attempt.title = str(issue.get("title", ""))
        story = parse_story(attempt.title, issue.get("body"))
        await effects.add_label(self._gh, self._repo.full_name, number, effects.RUNNING)
        await self._advance(attempt, RunState.PREPARING)
        branch = attempt.run.branch or branch_name(number, story.title)
        # Known before FORGE runs, so a lookup failure cannot waste a model session.
        identity = await self._services.identity.get()
        token = await self._services.token(attempt.run.installation_id)
        owner, name = self._repo.full_name.split("/", 1)
        repository = Repository(owner, name, self._repo.clone_url)
        async with self._services.workspace.run(
            repository,
            run_id=str(attempt.run.id),
            base=self._repo.default_branch,
            branch=branch,
            token=token,
        ) as worktree:
            loaded = await anyio.to_thread.run_sync(_load_config, worktree.path)
            attempt.warnings = loaded.warnings
            await self._advance(attempt, RunState.FORGE, branch=branch)
            outcome = await self._forge(attempt, worktree, loaded, story, feedback)
            await self._deliver(attempt, worktree, story, outcome, branch, identity)

    async def _forge(
        self,
        attempt: Attempt,
        worktree: Worktree,
        loaded: LoadedConfig,
        story: Story,
        feedback: str | None,
    ) -> ForgeOutcome:
        config = loaded.config
        run_dir = self._services.data_dir / "runs" / str(attempt.run.id)
        runner = SandboxRunner(run_dir, SandboxPolicy(mode=config.sandbox.mode))
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
        ledger = UsageLedger(budget_usd=config.budget.max_usd_per_run)
        provider = MeteredProvider(self._services.model(), ledger, "forge")
        try:
            outcome = await run_forge(
                provider=provider,
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
        finally:
            attempt.usage = ledger.summary()
        attempt.turns = outcome.turns
        if outcome.stop_reason != "handoff":
            attempt.stopped_early = _STOPPED_EARLY.get(outcome.stop_reason, outcome.stop_reason)
        return outcome

    async def _deliver(
        self,
        attempt: Attempt,
        worktree: Worktree,
        story: Story,
        outcome: ForgeOutcome,
        branch: str,
        identity: Identity,
    ) -> None:
        number = attempt.run.issue_number
        summary = outcome.handoff.summary if outcome.handoff else outcome.transcript_summary
        message = f"{story.title} (#{number})\n\n{summary}"[:4000]
        await worktree.commit(message, identity)
        if await worktree.head() == worktree.base_sha and worktree.remote_sha is None:
            raise WorkspaceError("FORGE finished without changing any file, so there is no PR")
        token = await self._services.token(attempt.run.installation_id)
        await worktree.push(token)
        head = await worktree.head()
        await self._advance(attempt, RunState.PUSHED, head_sha=head)
        files = await worktree.changed_files()
        handoff = outcome.handoff
        body = render_pr_body(
            issue_number=number,
            summary=summary,
            criteria=story.criteria,
            files_changed=files,
            tests_added=handoff.tests_added if handoff else (),
            risks=handoff.risks if handoff else (),
            usage=attempt.usage,
            stopped_early=attempt.stopped_early,
        )
        pr_number, pr_url = await ensure_pull_request(
            self._gh,
            repo=self._repo.full_name,
            branch=branch,
            base=self._repo.default_branch,
            title=pr_title(story.title),
            body=body,
        )
        attempt.pr_url = pr_url
        outcome_text = "PR ready for review" if not attempt.stopped_early else "stopped early"
        await self._finish(attempt, RunState.DONE, pr_number=pr_number, outcome=outcome_text)

    async def _advance(self, attempt: Attempt, state: RunState, **changes: Any) -> None:
        current = attempt.run
        if _reached(current.state, state):
            # A re-claimed job resumes where the crashed one stopped: no move backwards.
            moved = replace(current, **changes)
        else:
            moved = current.moved(state, **changes)
        attempt.run = await self._store.update_run(moved, expected=current.state)
        await self._report(attempt)

    async def _finish(
        self, attempt: Attempt, state: RunState, *, reason: str | None = None, **changes: Any
    ) -> None:
        outcome = reason if reason is not None else changes.pop("outcome", None)
        await self._advance(attempt, state, outcome=outcome, **changes)
        logger.info(
            "story run finished",
            extra={"run_id": attempt.run.id, "repo": self._repo.full_name, "state": state.value},
        )

    async def _report(self, attempt: Attempt) -> None:
        run = attempt.run
        view = StatusView(
            run_id=run.id,
            state=run.state,
            attempt=run.attempt,
            issue_title=attempt.title,
            branch_url=None,
            pr_url=attempt.pr_url,
            turns=attempt.turns,
            usage=attempt.usage,
            warnings=attempt.warnings,
            outcome=run.outcome if run.state is RunState.DONE else None,
            reason=run.outcome if run.state in {RunState.FAILED, RunState.CANCELLED} else None,
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
            updated = replace(run, status_comment_id=comment_id)
            attempt.run = await self._store.update_run(updated, expected=run.state)


_FORWARD = (RunState.QUEUED, RunState.PREPARING, RunState.FORGE, RunState.PUSHED)


def _reached(current: RunState, target: RunState) -> bool:
    """Say whether a run in ``current`` is already at or past the stage ``target``."""
    if current == target:
        return True
    return (
        current in _FORWARD
        and target in _FORWARD
        and (_FORWARD.index(current) > _FORWARD.index(target))
    )


_STOPPED_EARLY = {
    "max_turns": "FORGE reached forge.max_turns before handing off",
    "budget": "FORGE reached budget.max_usd_per_run before handing off",
    "no_tool_use": "FORGE stopped using its tools before handing off",
}


def _load_config(root: Path) -> LoadedConfig:
    files = [
        str(path.relative_to(root))
        for path in root.rglob("*")
        if ".git" not in path.relative_to(root).parts and path.is_file()
    ][:10_000]

    def read(relative: str) -> str:
        return (root / relative).read_text(encoding="utf-8")

    return resolve_repo_config(files, read)
