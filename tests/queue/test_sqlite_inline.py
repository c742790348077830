"""Short writes on the event loop: when they run there, when they wait on the thread."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pace_app.errors import StoreError
from pace_app.queue.sqlite_database import CHECKPOINT_EVERY, SQLiteDatabase

pytestmark = pytest.mark.anyio


def _now() -> datetime:
    return datetime(2026, 1, 2, tzinfo=UTC)


async def _database(
    path: Path, synchronous: str = "NORMAL", checkpoint_every: int = CHECKPOINT_EVERY
) -> SQLiteDatabase:
    db = SQLiteDatabase(path, _now, synchronous=synchronous, checkpoint_every=checkpoint_every)
    await db.open()
    await db.call(lambda conn: conn.execute("CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT)"))
    return db


def _insert(note: str, threads: list[int], body: str = "") -> Callable[[sqlite3.Connection], str]:
    def write(conn: sqlite3.Connection) -> str:
        threads.append(threading.get_ident())
        with SQLiteDatabase.write(conn):
            conn.execute("INSERT INTO notes VALUES (?, ?)", (note, body))
        return note

    return write


async def _notes(db: SQLiteDatabase) -> list[str]:
    rows = await db.call(lambda conn: conn.execute("SELECT id FROM notes ORDER BY id").fetchall())
    return [row[0] for row in rows]


async def test_a_write_runs_on_the_event_loop_thread(tmp_path: Path) -> None:
    db = await _database(tmp_path / "pace.db")
    threads: list[int] = []
    try:
        assert await db.call_inline(_insert("a", threads)) == "a"
        assert await _notes(db) == ["a"]
    finally:
        await db.close()
    assert threads == [threading.get_ident()]


@pytest.mark.parametrize("level", ["FULL", "EXTRA"])
async def test_a_commit_that_syncs_the_disk_goes_to_the_thread(tmp_path: Path, level: str) -> None:
    db = await _database(tmp_path / "pace.db", synchronous=level)
    threads: list[int] = []
    try:
        await db.call_inline(_insert("a", threads))
        assert await _notes(db) == ["a"]
    finally:
        await db.close()
    assert threads
    assert threading.get_ident() not in threads


async def test_a_held_write_lock_is_waited_for_off_the_loop(tmp_path: Path) -> None:
    path = tmp_path / "pace.db"
    db = await _database(path)
    other = sqlite3.connect(path, isolation_level=None)
    threads: list[int] = []
    try:
        other.execute("BEGIN IMMEDIATE")
        write = asyncio.create_task(db.call_inline(_insert("a", threads)))
        # The loop keeps running while the write waits for the lock.
        ticks = 0
        while not threads or len(threads) < 2:
            await asyncio.sleep(0.01)
            ticks += 1
            assert ticks < 500, "the write never moved to the thread"
        other.execute("COMMIT")
        assert await write == "a"
        assert await _notes(db) == ["a"]
    finally:
        other.close()
        await db.close()
    # First refused on the loop's connection, then run again, in full, on the thread.
    assert threads[0] == threading.get_ident()
    assert threads[1] != threading.get_ident()


async def test_a_failed_write_leaves_no_transaction_behind(tmp_path: Path) -> None:
    db = await _database(tmp_path / "pace.db")
    threads: list[int] = []
    try:
        await db.call_inline(_insert("a", threads))
        with pytest.raises(StoreError, match="UNIQUE constraint failed"):
            await db.call_inline(_insert("a", threads))
        await db.call_inline(_insert("b", threads))
        assert await _notes(db) == ["a", "b"]
    finally:
        await db.close()
    assert set(threads) == {threading.get_ident()}


async def test_the_wal_is_checkpointed_off_the_loop(tmp_path: Path) -> None:
    path = tmp_path / "pace.db"
    every = 20
    db = await _database(path, checkpoint_every=every)
    threads: list[int] = []
    body = "x" * 6000
    loop_thread = threading.get_ident()
    commits = 0
    try:
        # Until five checkpoint cycles have ended with a write on the thread.
        while len([t for t in threads if t != loop_thread]) < 5:
            await db.call_inline(_insert(f"n{commits:05d}", threads, body))
            commits += 1
            assert commits < 20_000, "no checkpoint cycle ever ended"
            # The server's loop turns between batches; the checkpoint runs meanwhile.
            await asyncio.sleep(0.001)
        assert len(await _notes(db)) == commits
        # Measured while open: closing the last connection checkpoints and removes it.
        wal_size = path.with_name(path.name + "-wal").stat().st_size
    finally:
        await db.close()
    # Without checkpoints every commit would grow the WAL by at least four 4 kB pages
    # (the 6 kB row, its overflow, the table and the index); with them it starts over.
    assert wal_size < commits * 4 * 4096 / 2
