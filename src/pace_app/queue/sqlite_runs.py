"""Story runs in the SQLite job store's file (see ``pace_app.domain.run_store``).

Every write runs in one ``BEGIN IMMEDIATE`` transaction, so ``start_run``'s upsert and
``update_run``'s compare-and-set are atomic across processes sharing the file.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from datetime import datetime
from typing import Any

from pace_app.domain.run import RunRecord, RunState
from pace_app.domain.run_history import RepoSpend, StateChange
from pace_app.domain.run_store import update_params
from pace_app.errors import RunConflict
from pace_app.queue.sql import load_queries
from pace_app.queue.sqlite_database import SQLiteDatabase, from_db_time, to_db_time
from pace_app.types import Clock


@functools.cache
def _sql() -> dict[str, str]:
    # Read on first use, not at import.
    return load_queries("sqlite")


def _run(row: sqlite3.Row) -> RunRecord:
    return RunRecord(
        id=row["id"],
        repo=row["repo"],
        issue_number=row["issue_number"],
        installation_id=row["installation_id"],
        state=RunState(row["state"]),
        attempt=row["attempt"],
        created_at=from_db_time(row["created_at"]),
        updated_at=from_db_time(row["updated_at"]),
        status_comment_id=row["status_comment_id"],
        branch=row["branch"],
        pr_number=row["pr_number"],
        head_sha=row["head_sha"],
        outcome=row["outcome"],
        details=json.loads(row["details"]),
        cost_usd=float(row["cost_usd"]),
    )


class SQLiteRuns:
    """The ``RunStore`` methods of ``SQLiteJobStore``."""

    _db: SQLiteDatabase
    _clock: Clock

    async def _one(self, query: str, params: dict[str, Any], *, write: bool) -> RunRecord | None:
        def call(conn: sqlite3.Connection) -> RunRecord | None:
            if write:
                with self._db.write(conn):
                    row = conn.execute(_sql()[query], params).fetchone()
            else:
                row = conn.execute(_sql()[query], params).fetchone()
            return _run(row) if row is not None else None

        return await self._db.call(call)

    async def start_run(
        self, *, repo: str, issue_number: int, installation_id: int
    ) -> tuple[RunRecord, bool]:
        """Queue a run for the issue; False (and the active run) when one is in progress."""
        params = {
            "repo": repo,
            "issue_number": issue_number,
            "installation_id": installation_id,
            "now": to_db_time(self._clock()),
        }

        def write(conn: sqlite3.Connection) -> tuple[RunRecord, bool]:
            with self._db.write(conn):
                row = conn.execute(_sql()["start_run"], params).fetchone()
                if row is not None:
                    return _run(row), True
                # The write lock is still held, so the active run cannot change meanwhile.
                return _run(conn.execute(_sql()["run_by_issue"], params).fetchone()), False

        return await self._db.call(write)

    async def get_run(self, run_id: int) -> RunRecord | None:
        """Return a run by id."""
        return await self._one("run_by_id", {"id": run_id}, write=False)

    async def find_run(self, repo: str, issue_number: int) -> RunRecord | None:
        """Return the issue's run, active or not."""
        params = {"repo": repo, "issue_number": issue_number}
        return await self._one("run_by_issue", params, write=False)

    async def find_run_by_pr(self, repo: str, pr_number: int) -> RunRecord | None:
        """Return the run that opened pull request ``pr_number``."""
        params = {"repo": repo, "pr_number": pr_number}
        return await self._one("run_by_pr", params, write=False)

    async def update_run(self, run: RunRecord, *, expected: RunState) -> RunRecord:
        """Write ``run``'s state and fields if the stored state is still ``expected``."""
        params = {
            **update_params(run, expected),
            "now": to_db_time(self._clock()),
        }
        stored = await self._one("update_run", params, write=True)
        if stored is None:
            raise RunConflict(f"run {run.id} is no longer {expected}")
        return stored

    async def cancel_run(self, repo: str, issue_number: int, *, reason: str) -> RunRecord | None:
        """Cancel the issue's active run with ``reason`` as outcome; None if none is active."""
        params = {
            "repo": repo,
            "issue_number": issue_number,
            "reason": reason,
            "now": to_db_time(self._clock()),
        }
        return await self._one("cancel_run", params, write=True)

    async def list_runs(
        self, *, repo: str | None = None, since: datetime | None = None, limit: int = 20
    ) -> list[RunRecord]:
        """Return runs (of ``repo``, in any case, updated at or after ``since``), newest first."""
        params = {
            "repo": repo,
            "since": None if since is None else to_db_time(since),
            "limit": max(limit, 0),
        }

        def read(conn: sqlite3.Connection) -> list[RunRecord]:
            return [_run(row) for row in conn.execute(_sql()["list_runs"], params)]

        return await self._db.call(read)

    async def run_history(self, run_id: int) -> list[StateChange]:
        """Return every state the run's attempts reached, oldest first."""

        def read(conn: sqlite3.Connection) -> list[StateChange]:
            rows = conn.execute(_sql()["run_history"], {"id": run_id})
            return [
                StateChange(
                    attempt=row["attempt"],
                    state=RunState(row["state"]),
                    at=from_db_time(row["at"]),
                    head_sha=row["head_sha"],
                )
                for row in rows
            ]

        return await self._db.call(read)

    async def spend(
        self,
        *,
        since: datetime,
        repo: str | None = None,
        installation_id: int | None = None,
    ) -> list[RepoSpend]:
        """Return what runs were charged at or after ``since``, per repository, by name."""
        params = {"since": to_db_time(since), "repo": repo, "installation_id": installation_id}

        def read(conn: sqlite3.Connection) -> list[RepoSpend]:
            rows = conn.execute(_sql()["spend"], params)
            return [RepoSpend(row["repo"], row["runs"], float(row["cost_usd"])) for row in rows]

        return await self._db.call(read)
