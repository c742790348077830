"""Where story runs are kept: one run row per issue, reused across attempts.

Both job store backends implement ``RunStore`` over the same database as the jobs, so
a run and the jobs that drive it share one source of truth.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from pace_app.domain.run import InvalidTransition, RunRecord, RunState, can_move
from pace_app.domain.run_history import RepoSpend, StateChange, ledger_cost
from pace_app.errors import StoreError
from pace_app.types import JSONObject


@runtime_checkable
class RunStore(Protocol):
    """Persist story runs; every write is atomic against concurrent writers."""

    async def start_run(
        self, *, repo: str, issue_number: int, installation_id: int
    ) -> tuple[RunRecord, bool]:
        """Queue a run for the issue; False (and the active run) when one is in progress.

        A finished run is queued again as its next attempt, keeping what it produced
        (status comment, branch, pull request, head, details) and clearing its outcome.
        """
        ...

    async def get_run(self, run_id: int) -> RunRecord | None:
        """Return a run by id."""
        ...

    async def find_run(self, repo: str, issue_number: int) -> RunRecord | None:
        """Return the issue's run, active or not."""
        ...

    async def find_run_by_pr(self, repo: str, pr_number: int) -> RunRecord | None:
        """Return the run that opened pull request ``pr_number``."""
        ...

    async def update_run(self, run: RunRecord, *, expected: RunState) -> RunRecord:
        """Write ``run``'s state and fields if the stored state is still ``expected``.

        Raises ``InvalidTransition`` unless ``expected`` may move to ``run.state`` (or
        equals it: a progress update) and ``RunConflict`` when the stored state differs.
        The id, repository, issue, attempt and creation time are the store's to set.
        """
        ...

    async def cancel_run(self, repo: str, issue_number: int, *, reason: str) -> RunRecord | None:
        """Cancel the issue's active run with ``reason`` as outcome; None if none is active."""
        ...

    async def list_runs(
        self, *, repo: str | None = None, since: datetime | None = None, limit: int = 20
    ) -> list[RunRecord]:
        """Return runs (of ``repo``, in any case, updated at or after ``since``), newest first."""
        ...

    async def run_history(self, run_id: int) -> list[StateChange]:
        """Return every state the run's attempts reached, oldest first."""
        ...

    async def spend(
        self,
        *,
        since: datetime,
        repo: str | None = None,
        installation_id: int | None = None,
    ) -> list[RepoSpend]:
        """Return what runs were charged at or after ``since``, per repository, by name."""
        ...


def check_update(run: RunRecord, expected: RunState) -> None:
    """Raise ``InvalidTransition`` unless a run in ``expected`` may be written as ``run``."""
    if run.state != expected and not can_move(expected, run.state):
        raise InvalidTransition(f"run {run.id}: cannot move from {expected} to {run.state}")


def details_text(details: JSONObject) -> str:
    """Return ``details`` as JSON text, or raise ``StoreError`` if it is not a JSON object."""
    if not isinstance(details, dict):
        raise StoreError("run details must be a JSON object")
    try:
        return json.dumps(details, separators=(",", ":"), sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"run details are not JSON: {exc}") from exc


def update_params(run: RunRecord, expected: RunState) -> dict[str, Any]:
    """Check a compare-and-set update and return the parameters every backend binds."""
    check_update(run, expected)
    return {
        "id": run.id,
        "expected": expected.value,
        "state": run.state.value,
        "installation_id": run.installation_id,
        "status_comment_id": run.status_comment_id,
        "branch": run.branch,
        "pr_number": run.pr_number,
        "head_sha": run.head_sha,
        "outcome": run.outcome,
        "details": details_text(run.details),
        "cost_usd": ledger_cost(run.details),
    }
