"""What only the SQLite store must do: share one file safely between processes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path

import anyio
import anyio.lowlevel
import anyio.to_thread
import pytest

from pace_app.domain.job_store import JobState, NewJob
from pace_app.errors import StoreError
from pace_app.queue.sql import load_migrations, parse_queries, read_migrations
from pace_app.queue.sqlite import MAX_ERROR_CHARS, SQLiteJobStore, truncate_error
from pace_app.queue.sqlite_database import split_statements, to_db_time
from tests.queue.clock import FakeClock

pytestmark = pytest.mark.anyio

LEASE = timedelta(minutes=5)


def job(key: str) -> NewJob:
    """Return a plain job keyed ``key``."""
    return NewJob(kind="story", payload={}, idempotency_key=key)


async def drain(store: SQLiteJobStore, worker_id: str, into: list[int]) -> None:
    """Claim until the queue is empty, recording every id."""
    while (claimed := await store.claim(worker_id, LEASE)) is not None:
        into.append(claimed.id)
        await anyio.lowlevel.checkpoint()


async def test_two_stores_on_one_file_never_claim_the_same_job(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    first, second = SQLiteJobStore(path), SQLiteJobStore(path)
    await first.open()
    await second.open()
    try:
        for n in range(100):
            await first.enqueue(job(f"j{n}"))
        taken_first: list[int] = []
        taken_second: list[int] = []
        async with anyio.create_task_group() as group:
            for n in range(4):
                group.start_soon(drain, first, f"a{n}", taken_first)
                group.start_soon(drain, second, f"b{n}", taken_second)
        everything = taken_first + taken_second
        assert len(everything) == 100
        assert len(set(everything)) == 100
        assert (await second.counts())[JobState.RUNNING] == 100
    finally:
        await first.close()
        await second.close()


CLAIMER = textwrap.dedent(
    """
    import sys
    from datetime import timedelta
    from pathlib import Path

    import anyio

    from pace_app.queue.sqlite import SQLiteJobStore


    async def main() -> None:
        store = SQLiteJobStore(Path(sys.argv[1]))
        await store.open()
        print("ready", flush=True)
        sys.stdin.readline()
        while (job := await store.claim("child", timedelta(minutes=5))) is not None:
            print(job.id, flush=True)
        await store.close()
        print("done", flush=True)


    anyio.run(main)
    """
)


async def test_a_separate_process_contends_without_double_claims(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    store = SQLiteJobStore(path)
    await store.open()
    try:
        for n in range(300):
            await store.enqueue(job(f"j{n}"))
        child = subprocess.Popen(  # noqa: ASYNC220 - pipes are read on a worker thread
            [sys.executable, "-c", CLAIMER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdin is not None
        assert child.stdout is not None
        assert await anyio.to_thread.run_sync(child.stdout.readline) == "ready\n"
        child.stdin.write("go\n")
        child.stdin.flush()
        mine: list[int] = []
        await drain(store, "parent", mine)
        output, _ = await anyio.to_thread.run_sync(child.communicate)
        assert child.returncode == 0
        lines = output.split()
        assert lines[-1] == "done"
        theirs = [int(line) for line in lines[:-1]]
        assert len(mine) + len(theirs) == 300
        assert set(mine).isdisjoint(theirs)
        for job_id in theirs[:5]:
            held = await store.get(job_id)
            assert held is not None
            assert held.locked_by == "child"
    finally:
        await store.close()


async def test_migrations_apply_once(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    latest = max(migration.version for migration in load_migrations("sqlite"))
    store = SQLiteJobStore(path)
    await store.open()
    await store.open()
    assert await store.schema_version() == latest
    await store.enqueue(job("kept"))
    await store.close()

    reopened = SQLiteJobStore(path)
    await reopened.open()
    assert await reopened.schema_version() == latest
    assert [found.idempotency_key for found in await reopened.list_jobs()] == ["kept"]
    await reopened.close()

    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT version FROM schema_version").fetchall()
    assert rows == [(migration.version,) for migration in load_migrations("sqlite")]


async def test_many_stores_opening_a_new_file_at_once(tmp_path: Path) -> None:
    path = tmp_path / "race.db"
    stores = [SQLiteJobStore(path) for _ in range(6)]
    async with anyio.create_task_group() as group:
        for store in stores:
            group.start_soon(store.open)
    for store in stores:
        await store.ping()
    with sqlite3.connect(path) as conn:
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        versions = conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0]
    assert mode == "wal"
    assert versions == len(load_migrations("sqlite"))
    for store in stores:
        await store.close()


async def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    store = SQLiteJobStore(tmp_path / "fk.db")
    await store.open()
    await store.enqueue(job("a"))
    await store.close()
    with pytest.raises(StoreError):
        await store.ping()

    with sqlite3.connect(tmp_path / "fk.db") as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE jobs SET delivery_id = 'missing'")


async def test_a_closed_store_refuses_calls(tmp_path: Path) -> None:
    store = SQLiteJobStore(tmp_path / "closed.db")
    with pytest.raises(StoreError, match="not open"):
        await store.ping()
    await store.open()
    await store.close()
    await store.close()
    with pytest.raises(StoreError, match="not open"):
        await store.claim("w1", LEASE)


async def test_a_missing_directory_is_a_store_error(tmp_path: Path) -> None:
    store = SQLiteJobStore(tmp_path / "absent" / "x.db")
    with pytest.raises(StoreError, match="cannot open"):
        await store.open()


async def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"this is not a database, just bytes " * 200)
    store = SQLiteJobStore(path)
    with pytest.raises(StoreError, match="cannot prepare"):
        await store.open()
    with pytest.raises(StoreError, match="not open"):
        await store.ping()


async def test_a_newer_schema_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    store = SQLiteJobStore(path)
    await store.open()
    await store.close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (9999, '9999_future.sql', 'x')")
    await store.open()
    assert await store.schema_version() == 9999
    await store.close()


async def test_naive_datetimes_are_refused(tmp_path: Path) -> None:
    store = SQLiteJobStore(tmp_path / "naive.db", clock=FakeClock())
    await store.open()
    naive = NewJob(kind="k", payload={}, idempotency_key="n", run_at=datetime(2026, 1, 1))
    with pytest.raises(StoreError, match="timezone-aware"):
        await store.enqueue(naive)
    assert await store.list_jobs() == []
    await store.close()


def test_times_sort_as_text() -> None:
    clock = FakeClock()
    earlier, later = clock.now, clock.now + timedelta(microseconds=1)
    assert to_db_time(earlier) < to_db_time(later)
    assert to_db_time(earlier).endswith("Z")


def test_truncate_error() -> None:
    assert truncate_error("short") == "short"
    cut = truncate_error("y" * (MAX_ERROR_CHARS + 1))
    assert len(cut) == MAX_ERROR_CHARS
    assert cut.endswith("[truncated]")


def test_split_statements() -> None:
    script = (
        "-- lead comment\nCREATE TABLE a (x TEXT DEFAULT ';');\n\n"
        "CREATE INDEX i ON a (x);\n-- end\n"
    )
    assert split_statements(script) == [
        "-- lead comment\nCREATE TABLE a (x TEXT DEFAULT ';');",
        "CREATE INDEX i ON a (x);",
    ]
    with pytest.raises(StoreError, match="incomplete"):
        split_statements("CREATE TABLE b (x TEXT)\n")


def test_read_migrations_orders_and_checks_numbers(tmp_path: Path) -> None:
    (tmp_path / "0002_second.sql").write_text("SELECT 2;")
    (tmp_path / "0001_first.sql").write_text("SELECT 1;")
    (tmp_path / "notes.txt").write_text("ignored")
    assert [found.version for found in read_migrations(tmp_path)] == [1, 2]
    (tmp_path / "0002_again.sql").write_text("SELECT 3;")
    with pytest.raises(ValueError, match="duplicate"):
        read_migrations(tmp_path)


def test_repr_names_only_the_path(tmp_path: Path) -> None:
    assert repr(SQLiteJobStore(tmp_path / "r.db")) == f"SQLiteJobStore({str(tmp_path / 'r.db')!r})"


async def test_database_errors_become_store_errors(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    store = SQLiteJobStore(path)
    await store.open()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE jobs")
    with pytest.raises(StoreError, match="no such table") as caught:
        await store.enqueue(job("a"))
    assert isinstance(caught.value.__cause__, sqlite3.OperationalError)
    await store.close()


async def test_a_failed_migration_leaves_the_store_closed(tmp_path: Path) -> None:
    def naive_clock() -> datetime:
        return datetime(2026, 1, 1)

    store = SQLiteJobStore(tmp_path / "naive-clock.db", clock=naive_clock)
    with pytest.raises(StoreError, match="timezone-aware"):
        await store.open()
    with pytest.raises(StoreError, match="not open"):
        await store.ping()


def test_parse_queries() -> None:
    text = "-- header\n\n-- name: one\nSELECT 1;\n\n-- name: two\n-- why\nSELECT 2;\n"
    assert parse_queries(text) == {"one": "SELECT 1;", "two": "-- why\nSELECT 2;"}
    with pytest.raises(ValueError, match="defined twice"):
        parse_queries("-- name: one\nSELECT 1;\n-- name: one\nSELECT 2;\n")


@pytest.mark.parametrize(("level", "value"), [("NORMAL", 1), ("full", 2), ("EXTRA", 3)])
async def test_the_synchronous_level_is_applied(tmp_path: Path, level: str, value: int) -> None:
    store = SQLiteJobStore(tmp_path / "pace.db", synchronous=level)
    await store.open()
    try:
        applied = await store._db.call(
            lambda conn: conn.execute("PRAGMA synchronous").fetchone()[0]
        )
    finally:
        await store.close()
    assert applied == value


def test_an_unknown_synchronous_level_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="NORMAL, FULL, EXTRA"):
        SQLiteJobStore(tmp_path / "pace.db", synchronous="OFF")


def test_times_are_written_as_sortable_utc_text() -> None:
    moment = datetime.fromisoformat("2026-01-02T05:04:05.000123+02:00")
    assert to_db_time(moment) == "2026-01-02T03:04:05.000123Z"
    assert to_db_time(moment.replace(microsecond=0)) == "2026-01-02T03:04:05.000000Z"
