"""SQLite-specific run behaviour: several connections (as several processes) on one file."""

from __future__ import annotations

from pathlib import Path

import anyio
import pytest

from pace_app.domain.run import RunRecord
from pace_app.queue.sqlite import SQLiteJobStore
from tests.queue.clock import FakeClock

pytestmark = pytest.mark.anyio


async def test_starts_through_separate_connections_start_exactly_once(tmp_path: Path) -> None:
    path = tmp_path / "jobs.db"
    stores = [SQLiteJobStore(path, clock=FakeClock()) for _ in range(8)]
    for store in stores:
        await store.open()
    results: list[tuple[RunRecord, bool]] = []

    async def start(store: SQLiteJobStore) -> None:
        results.append(await store.start_run(repo="octo/cat", issue_number=3, installation_id=7))

    try:
        async with anyio.create_task_group() as group:
            for _ in range(3):
                for store in stores:
                    group.start_soon(start, store)
    finally:
        for store in stores:
            await store.close()

    assert len(results) == 24
    assert sum(started for _, started in results) == 1
    assert len({run.id for run, _ in results}) == 1
