"""What one attempt of a story run carries between its rounds, and how it is saved.

The context owns the run record and its typed details: every change goes through
``save`` (compare-and-set against the state last seen, so a cancel elsewhere wins) and
the usage ledger is written back after every model call, so a crash or a re-claim
never forgets money spent.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from pace_app.config.repo import RepoConfig
from pace_app.domain.conventions import Conventions, branch_prefix_problem
from pace_app.domain.daily_cap import Allowance, CapReached, check_caps, day_start, run_budget
from pace_app.domain.jobs import RepoRef
from pace_app.domain.run import RunRecord, RunState, reached
from pace_app.domain.run_details import RunDetails
from pace_app.domain.story import branch_name
from pace_app.errors import RepoConfigError
from pace_app.github.auth import STORY_RUN
from pace_app.github.client import GitHubClient
from pace_app.github.git_data import GitDataApi
from pace_app.llm.usage import MeteredProvider, UsageLedger
from pace_app.pipeline.services import Services
from pace_app.sandbox import SandboxRunner
from pace_app.workspace import Repository
from pace_app.workspace.worktree import Worktree


@dataclass
class RunContext:
    """One attempt's services, run record, details and what the status comment shows."""

    services: Services
    gh: GitHubClient
    repo: RepoRef
    run: RunRecord
    details: RunDetails = field(init=False)
    title: str = ""
    warnings: tuple[str, ...] = ()
    pr_url: str | None = None
    turns: int | None = None
    stopped_early: str | None = None
    stopped_at: RunState | None = None
    ledger: UsageLedger | None = None
    llm_provider: str = "anthropic"  # the base branch's llm.provider, set with the ledger

    def __post_init__(self) -> None:
        self.details = RunDetails.from_json(self.run.details)
        self.pr_url = self.pr_url or self.details.pr_url
        if self.details.ledger is not None:
            self.ledger = UsageLedger.from_json(self.details.ledger)

    @property
    def full_name(self) -> str:
        """Return the repository's ``owner/name``."""
        return self.repo.full_name

    @property
    def conventions(self) -> Conventions:
        """Return the label, command word and branch prefix this attempt started with."""
        return self.details.conventions or self.services.conventions

    def branch_for(self, title: str) -> str:
        """Return the story branch for ``title``, refusing one under the default branch."""
        conventions = self.conventions
        problem = branch_prefix_problem(
            conventions.branch_prefix, default_branch=self.repo.default_branch
        )
        if problem is None:
            return branch_name(self.run.issue_number, title, conventions)
        if conventions.branch_prefix != self.services.conventions.branch_prefix:
            raise RepoConfigError("github.branch_prefix", problem)
        raise RepoConfigError(
            "", f"the operator's PACE_BRANCH_PREFIX {problem}; set github.branch_prefix"
        )

    def start_ledger(self, config: RepoConfig, *, left_today: float | None = None) -> UsageLedger:
        """Return the run's ledger with the configured budget, creating it the first time.

        The ledger carries over attempts and crashes; the cap is the base branch's current
        ``budget.max_usd_per_run``, so raising it there lets a spent run continue, lowered
        to what the daily caps leave today (``left_today``).
        """
        self.llm_provider = config.llm.provider
        if self.ledger is None:
            self.ledger = UsageLedger()
        self.ledger.budget_usd = run_budget(
            config.budget.max_usd_per_run, self.ledger.cost_usd, left_today
        )
        return self.ledger

    async def daily_allowance(self, config: RepoConfig) -> CapReached | Allowance:
        """Return the daily cap this run's repository or installation reached, or what is left.

        Today is the UTC day of the run's last write, which the store's clock stamped.
        """
        repo_cap = self.services.caps.for_repository(config.budget.max_usd_per_day)
        installation_cap = self.services.caps.per_installation
        if repo_cap is None and installation_cap is None:
            return Allowance(None)
        now = self.run.updated_at
        runs = self.services.runs
        repo_spent = installation_spent = 0.0
        if repo_cap is not None:
            spend = await runs.spend(since=day_start(now), repo=self.full_name)
            repo_spent = sum(each.cost_usd for each in spend)
        if installation_cap is not None:
            spend = await runs.spend(since=day_start(now), installation_id=self.run.installation_id)
            installation_spent = sum(each.cost_usd for each in spend)
        return check_caps(
            now=now,
            repo_cap=repo_cap,
            repo_spent=repo_spent,
            installation_cap=installation_cap,
            installation_spent=installation_spent,
        )

    async def save(self, run: RunRecord | None = None, **details: Any) -> None:
        """Write the run (and changed details) if its stored state is still the one seen."""
        if details:
            self.details = replace(self.details, **details)
        record = run or self.run
        if self.ledger is not None:
            self.details = replace(self.details, ledger=self.ledger.to_json())
        record = replace(record, details=self.details.to_json())
        self.run = await self.services.runs.update_run(record, expected=self.run.state)

    async def move(self, state: RunState, **changes: Any) -> None:
        """Move the run to ``state`` (or only update it if it is already there or past)."""
        current = self.run
        if reached(current.state, state):
            # A re-claimed job resumes where the crashed one stopped: no move backwards.
            await self.save(replace(current, **changes))
        else:
            await self.save(current.moved(state, **changes))

    @asynccontextmanager
    async def checkout(self, branch: str) -> AsyncIterator[Worktree]:
        """Yield a fresh worktree of ``branch`` (from the base if it does not exist yet)."""
        token = await self.token()
        owner, name = self.full_name.split("/", 1)
        async with self.services.workspace.run(
            Repository(owner, name, self.repo.clone_url),
            run_id=str(self.run.id),
            base=self.details.base_sha or self.repo.default_branch,
            branch=branch,
            token=token,
            git_data=GitDataApi(self.gh, self.full_name),
        ) as worktree:
            yield worktree

    async def token(self) -> str:
        """Return a token for git limited to this run's repository and what a run needs."""
        return await self.services.token(
            self.run.installation_id, repo=self.full_name, permissions=STORY_RUN
        )

    def runner(self, config: RepoConfig) -> SandboxRunner:
        """Return the sandbox runner for this run: the operator's policy, tightened by the repo."""
        run_dir = self.services.data_dir / "runs" / str(self.run.id)
        return self.services.sandbox.runner(run_dir, config.sandbox.request())

    def model(self, agent: str) -> MeteredProvider:
        """Return the model provider metered to ``agent`` in this run's ledger."""
        assert self.ledger is not None  # started from the configuration first
        return MeteredProvider(
            self.services.model(self.llm_provider), self.ledger, agent, after_call=self._save_ledger
        )

    async def _save_ledger(self) -> None:
        await self.save()
