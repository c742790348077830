"""Story runs in the PostgreSQL job store's schema (see ``pace_app.domain.run_store``).

``start_run`` is one ``INSERT … ON CONFLICT DO UPDATE … WHERE`` on the unique
(repo, issue_number) index: PostgreSQL locks the conflicting row, so of concurrent
starts exactly one creates or re-queues the run and the others see it active.
``update_run`` is an ``UPDATE … WHERE state = expected``, re-checked under the row lock.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from typing import Any

import psycopg
from psycopg.rows import DictRow

from pace_app.domain.run import RunRecord, RunState
from pace_app.domain.run_history import RepoSpend, StateChange
from pace_app.domain.run_store import update_params
from pace_app.errors import RunConflict
from pace_app.queue.postgres.schema import queries
from pace_app.types import Clock

_Conn = psycopg.AsyncConnection[DictRow]


def _run(row: Mapping[str, Any]) -> RunRecord:
    return RunRecord(
        id=row["id"],
        repo=row["repo"],
        issue_number=row["issue_number"],
        installation_id=row["installation_id"],
        state=RunState(row["state"]),
        attempt=row["attempt"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        status_comment_id=row["status_comment_id"],
        branch=row["branch"],
        pr_number=row["pr_number"],
        head_sha=row["head_sha"],
        outcome=row["outcome"],
        details=row["details"],
        cost_usd=float(row["cost_usd"]),
    )


class PostgresRuns:
    """The ``RunStore`` methods of ``PostgresJobStore``."""

    _clock: Clock

    def _transaction(self, operation: str) -> AbstractAsyncContextManager[_Conn]:
        raise NotImplementedError  # pragma: no cover - PostgresJobStore provides it

    async def _one(self, operation: str, params: Mapping[str, Any]) -> RunRecord | None:
        async with self._transaction(operation) as conn:
            row = await (await conn.execute(queries()[operation], params)).fetchone()
        return _run(row) if row is not None else None

    async def start_run(
        self, *, repo: str, issue_number: int, installation_id: int
    ) -> tuple[RunRecord, bool]:
        """Queue a run for the issue; False (and the active run) when one is in progress."""
        params = {
            "repo": repo,
            "issue_number": issue_number,
            "installation_id": installation_id,
            "now": self._clock(),
        }
        async with self._transaction("start_run") as conn:
            row = await (await conn.execute(queries()["start_run"], params)).fetchone()
            if row is not None:
                return _run(row), True
            # ON CONFLICT locked the active row until commit, so this reads it as it stands.
            existing = await (await conn.execute(queries()["run_by_issue"], params)).fetchone()
        assert existing is not None  # the conflicting row is locked by this transaction
        return _run(existing), False

    async def get_run(self, run_id: int) -> RunRecord | None:
        """Return a run by id."""
        return await self._one("run_by_id", {"id": run_id})

    async def find_run(self, repo: str, issue_number: int) -> RunRecord | None:
        """Return the issue's run, active or not."""
        return await self._one("run_by_issue", {"repo": repo, "issue_number": issue_number})

    async def find_run_by_pr(self, repo: str, pr_number: int) -> RunRecord | None:
        """Return the run that opened pull request ``pr_number``."""
        return await self._one("run_by_pr", {"repo": repo, "pr_number": pr_number})

    async def update_run(self, run: RunRecord, *, expected: RunState) -> RunRecord:
        """Write ``run``'s state and fields if the stored state is still ``expected``."""
        params = {
            **update_params(run, expected),
            "now": self._clock(),
        }
        stored = await self._one("update_run", params)
        if stored is None:
            raise RunConflict(f"run {run.id} is no longer {expected}")
        return stored

    async def cancel_run(self, repo: str, issue_number: int, *, reason: str) -> RunRecord | None:
        """Cancel the issue's active run with ``reason`` as outcome; None if none is active."""
        params = {
            "repo": repo,
            "issue_number": issue_number,
            "reason": reason,
            "now": self._clock(),
        }
        return await self._one("cancel_run", params)

    async def list_runs(
        self, *, repo: str | None = None, since: datetime | None = None, limit: int = 20
    ) -> list[RunRecord]:
        """Return runs (of ``repo``, in any case, updated at or after ``since``), newest first."""
        params = {"repo": repo, "since": since, "limit": max(limit, 0)}
        async with self._transaction("list_runs") as conn:
            cursor = await conn.execute(queries()["list_runs"], params)
            return [_run(row) for row in await cursor.fetchall()]

    async def run_history(self, run_id: int) -> list[StateChange]:
        """Return every state the run's attempts reached, oldest first."""
        async with self._transaction("run_history") as conn:
            cursor = await conn.execute(queries()["run_history"], {"id": run_id})
            rows = await cursor.fetchall()
        return [
            StateChange(
                attempt=row["attempt"],
                state=RunState(row["state"]),
                at=row["at"],
                head_sha=row["head_sha"],
            )
            for row in rows
        ]

    async def spend(
        self,
        *,
        since: datetime,
        repo: str | None = None,
        installation_id: int | None = None,
    ) -> list[RepoSpend]:
        """Return what runs were charged at or after ``since``, per repository, by name."""
        params = {"since": since, "repo": repo, "installation_id": installation_id}
        async with self._transaction("spend") as conn:
            rows = await (await conn.execute(queries()["spend"], params)).fetchall()
        return [RepoSpend(row["repo"], int(row["runs"]), float(row["cost_usd"])) for row in rows]
