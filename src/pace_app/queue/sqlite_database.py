"""One SQLite file opened for several processes: pragmas, migrations, transactions.

Every write is one short ``BEGIN IMMEDIATE`` transaction, which takes SQLite's single
write lock up front; that makes a select-then-update atomic across processes and
threads, and turns contention into a bounded wait (the busy timeout) instead of a
deadlock. Calls run on a worker thread so the event loop never blocks on the file.

Short writes that must not wait for a thread (the webhook intake's batches) may run
on the event loop itself (``call_inline``), on a second connection that never waits
for the write lock: when another connection holds it, or when a commit must sync the
disk (``synchronous`` above ``NORMAL``), the call goes to the worker thread instead.
A hop to a thread and back costs more than a small WAL commit, and under load the
two threads hand the GIL to each other late (the switch interval is 5 ms). That
connection never checkpoints the WAL itself (a checkpoint syncs the disk). Every
``CHECKPOINT_EVERY`` inline commits a passive checkpoint runs on the worker thread
while inline writes go on; as those writes keep adding to the WAL it cannot start
over, so the next write after it goes to the thread and is followed there by a second
checkpoint, short (only what was written meanwhile) and with no write running, which
completes, so the WAL stays bounded.

The journal is a WAL. ``synchronous`` decides what a commit survives: ``NORMAL`` (the
default) survives a crash of the process, but a power loss or kernel crash may undo
the commits since the last checkpoint; ``FULL`` and ``EXTRA`` sync the WAL on every
commit, which survives power loss at the cost of one fsync per transaction.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import anyio.to_thread

from pace_app.errors import StoreError
from pace_app.queue.sql import load_migrations

T = TypeVar("T")

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_SECONDS = 10.0
# Inline commits between checkpoints: a few pages each, about SQLite's own 1,000 pages.
CHECKPOINT_EVERY = 200
SYNCHRONOUS_LEVELS = ("NORMAL", "FULL", "EXTRA")


def to_db_time(moment: datetime) -> str:
    """Return ``moment`` as sortable UTC text; naive datetimes are refused."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise StoreError("the job store needs timezone-aware datetimes")
    # isoformat writes the same text as "%Y-%m-%dT%H:%M:%S.%fZ" at a fraction of the cost.
    return moment.astimezone(UTC).isoformat(timespec="microseconds")[:-6] + "Z"


def from_db_time(text: str) -> datetime:
    """Return the aware UTC datetime stored as ``text``."""
    return datetime.fromisoformat(text)


def _checkpoint(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()


def _then_checkpoint(func: Callable[[sqlite3.Connection], T], conn: sqlite3.Connection) -> T:
    result = func(conn)
    try:
        _checkpoint(conn)
    except sqlite3.Error as exc:
        # The write has committed, so its caller must hear of success; a later one retries.
        logger.warning("SQLite checkpoint failed", extra={"error": str(exc)})
    return result


def split_statements(script: str) -> list[str]:
    """Split a migration script into statements, refusing an unfinished last one."""
    # executescript() would commit the surrounding transaction, so statements run one by one.
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    leftover = [line for line in pending.splitlines() if line.strip()]
    if any(not line.strip().startswith("--") for line in leftover):
        raise StoreError("a migration ends with an incomplete SQL statement")
    return statements


class SQLiteDatabase:
    """A migrated SQLite connection whose calls run, one at a time, off the event loop."""

    def __init__(
        self,
        path: Path,
        clock: Callable[[], datetime],
        *,
        synchronous: str = "NORMAL",
        checkpoint_every: int = CHECKPOINT_EVERY,
    ) -> None:
        if synchronous.upper() not in SYNCHRONOUS_LEVELS:
            raise StoreError(f"SQLite synchronous must be one of {', '.join(SYNCHRONOUS_LEVELS)}")
        self.path = path
        self.synchronous = synchronous.upper()
        self._clock = clock
        self._conn: sqlite3.Connection | None = None
        # One connection per store; the lock keeps its transactions from interleaving.
        self._lock = threading.Lock()
        # Used only on the event loop's thread, one call at a time, so it needs no lock.
        self._inline: sqlite3.Connection | None = None
        self._inline_commits = 0
        self._checkpoint_every = checkpoint_every
        self._checkpoint: asyncio.Task[None] | None = None
        self._finish_checkpoint = False

    async def open(self) -> None:
        """Connect, set the pragmas and apply pending migrations; no-op when open."""
        await anyio.to_thread.run_sync(self._open)

    async def close(self) -> None:
        """Close the connection; no-op when closed."""
        if self._checkpoint is not None:
            await self._checkpoint
        await anyio.to_thread.run_sync(self._close)

    async def call(self, func: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``func`` with the connection on a worker thread, translating errors."""
        return await anyio.to_thread.run_sync(self._locked, func)

    @staticmethod
    @contextmanager
    def write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        """Hold SQLite's write lock for the block; commit, or roll back on error."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.rollback()
            raise
        conn.commit()

    async def call_inline(self, func: Callable[[sqlite3.Connection], T]) -> T:
        """Run a short write ``func`` on the event loop, or on the thread when it would wait.

        ``func`` must be one all-or-nothing transaction (see ``write``): a call refused
        for a busy lock is run again, in full, on the worker thread.
        """
        conn = self._inline
        if conn is None:
            return await self.call(func)
        if self._finish_checkpoint:
            self._finish_checkpoint = False
            return await self.call(functools.partial(_then_checkpoint, func))
        try:
            result = func(conn)
        except sqlite3.OperationalError as exc:
            if conn.in_transaction:
                conn.rollback()
            # The primary code: SQLITE_BUSY_SNAPSHOT and its kin are busy too.
            if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY:
                raise StoreError(f"SQLite error: {exc}") from exc
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.rollback()
            raise StoreError(f"SQLite error: {exc}") from exc
        else:
            self._inline_commits += 1
            if self._inline_commits >= self._checkpoint_every and self._checkpoint is None:
                self._inline_commits = 0
                self._checkpoint = asyncio.get_running_loop().create_task(self._run_checkpoint())
            return result
        # Another connection (a worker, another process) is writing: wait off the loop.
        return await self.call(func)

    async def _run_checkpoint(self) -> None:
        try:
            await self.call(_checkpoint)
        except StoreError as exc:
            # Nothing is lost (the WAL keeps every commit); the next checkpoint retries.
            logger.warning("SQLite checkpoint failed", extra={"error": str(exc)})
        else:
            self._finish_checkpoint = True
        finally:
            self._checkpoint = None

    def _locked(self, func: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            if self._conn is None:
                raise StoreError("the job store is not open")
            try:
                return func(self._conn)
            except sqlite3.Error as exc:
                raise StoreError(f"SQLite error: {exc}") from exc

    def _open(self) -> None:
        with self._lock:
            if self._conn is not None:
                return
            try:
                conn = sqlite3.connect(
                    self.path,
                    timeout=BUSY_TIMEOUT_SECONDS,
                    isolation_level=None,
                    check_same_thread=False,
                )
            except sqlite3.Error as exc:
                raise StoreError(f"cannot open SQLite database {self.path}: {exc}") from exc
            try:
                conn.row_factory = sqlite3.Row
                conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
                conn.execute("PRAGMA journal_mode = WAL")
                # Checked against SYNCHRONOUS_LEVELS above, so the text is one of three words.
                conn.execute(f"PRAGMA synchronous = {self.synchronous}")
                conn.execute("PRAGMA foreign_keys = ON")
                self._migrate(conn)
            except StoreError:
                conn.close()
                raise
            except sqlite3.Error as exc:
                conn.close()
                raise StoreError(f"cannot prepare SQLite database {self.path}: {exc}") from exc
            self._conn = conn
            self._inline = self._connect_inline()

    def _connect_inline(self) -> sqlite3.Connection | None:
        if self.synchronous != "NORMAL":
            return None
        try:
            # timeout=0: a busy write lock is reported at once instead of waited for.
            conn = sqlite3.connect(
                self.path, timeout=0, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite database {self.path}: {exc}") from exc
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA wal_autocheckpoint = 0")
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(f"cannot prepare SQLite database {self.path}: {exc}") from exc
        return conn

    def _migrate(self, conn: sqlite3.Connection) -> None:
        # BEGIN IMMEDIATE serialises two processes opening a new file at the same moment:
        # the second waits, then sees the versions the first recorded and applies nothing.
        with self.write(conn):
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            applied = self._version(conn)
            for migration in load_migrations("sqlite"):
                if migration.version <= applied:
                    continue
                for statement in split_statements(migration.sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, to_db_time(self._clock())),
                )

    @staticmethod
    def _version(conn: sqlite3.Connection) -> int:
        row = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()
        return int(row[0])

    async def schema_version(self) -> int:
        """Return the newest applied migration number."""
        return await self.call(self._version)

    def _close(self) -> None:
        with self._lock:
            if self._inline is not None:
                self._inline.close()
                self._inline = None
            if self._conn is not None:
                self._conn.close()
                self._conn = None
