"""Wake idle workers when ``NOTIFY pace_jobs`` announces new jobs.

Notifications are a latency optimisation only: a worker still polls after its wait
times out, so a lost connection or a notification sent between a worker's empty claim
and its wait costs at most one poll interval, never a job.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import anyio
import psycopg
from psycopg.rows import DictRow, dict_row

logger = logging.getLogger(__name__)

CHANNEL = "pace_jobs"


class JobListener:
    """Hold one LISTEN connection and wake waiters on notifications for one schema."""

    def __init__(self, url: str, schema: str, *, relisten_delay: float = 1.0) -> None:
        self._url = url
        self._schema = schema
        self._relisten_delay = relisten_delay
        self._task: asyncio.Task[None] | None = None
        self._waiters: set[anyio.Event] = set()
        self.backend_pid: int | None = None

    async def start(self) -> None:
        """Connect and LISTEN before returning, so no notification after it is missed."""
        conn = await self._connect()
        self._task = asyncio.create_task(self._run(conn), name="pace-job-listener")

    async def stop(self) -> None:
        """Stop listening and close the connection."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self.backend_pid = None

    async def wait(self, timeout: float) -> None:  # noqa: ASYNC109 - callers pass a poll interval
        """Sleep up to ``timeout`` seconds, returning early on a notification."""
        waiter = anyio.Event()
        self._waiters.add(waiter)
        try:
            with anyio.move_on_after(timeout):
                await waiter.wait()
        finally:
            self._waiters.discard(waiter)

    async def _connect(self) -> psycopg.AsyncConnection[DictRow]:
        conn = await psycopg.AsyncConnection.connect(
            self._url, autocommit=True, row_factory=dict_row
        )
        await conn.execute(f"LISTEN {CHANNEL}")
        self.backend_pid = conn.info.backend_pid
        return conn

    async def _run(self, conn: psycopg.AsyncConnection[DictRow]) -> None:
        while True:
            try:
                async with conn:
                    async for notify in conn.notifies():
                        # One channel serves every schema of the database.
                        if notify.payload == self._schema:
                            self._wake()
            except psycopg.Error as exc:
                logger.warning("job listener disconnected", extra={"error": type(exc).__name__})
            self.backend_pid = None
            conn = await self._reconnect()
            # A notification may have been sent while nobody listened.
            self._wake()

    async def _reconnect(self) -> psycopg.AsyncConnection[DictRow]:
        while True:
            await anyio.sleep(self._relisten_delay)
            try:
                return await self._connect()
            except psycopg.Error as exc:
                logger.warning("job listener cannot reconnect", extra={"error": type(exc).__name__})

    def _wake(self) -> None:
        for waiter in self._waiters:
            waiter.set()
