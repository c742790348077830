"""Group commit: concurrent callers share one write, so one transaction serves many.

A caller adds its item to the pending list and waits for its own result. While items
are pending, one writer task takes up to ``max_batch`` of them at a time (after the
batching window, if any) and writes them with one call; items that arrive during a
write form the next batch. The writer exists only while there is work and stops when
the list is empty, so nothing needs starting or stopping. A caller that goes away
does not disturb the batch it is in; a failed write fails exactly its own batch.

This runs on asyncio directly (the service runs on uvicorn's asyncio loop): it is on
the path of every delivery, and asyncio's futures cost a fraction of anyio's events.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_MAX_BATCH = 256


class GroupCommit(Generic[T, R]):
    """Batch concurrent ``submit`` calls into calls of ``write`` (one result per item)."""

    def __init__(
        self,
        write: Callable[[Sequence[T]], Awaitable[Sequence[R]]],
        *,
        window: float = 0.0,
        max_batch: int = DEFAULT_MAX_BATCH,
    ) -> None:
        if window < 0 or max_batch < 1:
            raise ValueError("the window must be >= 0 and the batch size >= 1")
        self._write = write
        self._window = window
        self._max_batch = max_batch
        self._pending: list[tuple[T, asyncio.Future[R]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def submit(self, item: T) -> R:
        """Write ``item`` with whatever else is pending; return its result."""
        future: asyncio.Future[R] = asyncio.get_running_loop().create_future()
        self._pending.append((item, future))
        if self._writer is None:
            self._writer = asyncio.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        try:
            while self._pending:
                # Zero still yields once, so callers already scheduled join this batch.
                await asyncio.sleep(self._window)
                batch = self._pending[: self._max_batch]
                del self._pending[: len(batch)]
                # A caller gone before its batch began is not written at all.
                batch = [(item, future) for item, future in batch if not future.cancelled()]
                if batch:
                    await self._run(batch)
        finally:
            self._writer = None

    async def _run(self, batch: list[tuple[T, asyncio.Future[R]]]) -> None:
        try:
            results = await self._write([item for item, _future in batch])
            if len(results) != len(batch):
                raise RuntimeError(f"write returned {len(results)} results for {len(batch)}")
        except Exception as exc:
            for _item, future in batch:
                if not future.done():
                    future.set_exception(exc)
            return
        for (_item, future), result in zip(batch, results, strict=True):
            if not future.done():
                future.set_result(result)
