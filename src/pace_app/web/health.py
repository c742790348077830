"""Health endpoints: ``/healthz`` (process alive) and ``/readyz`` (able to do work)."""

from __future__ import annotations

from datetime import timedelta

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from pace_app.domain.job_store import JobStore
from pace_app.errors import StoreError
from pace_app.types import Clock

WORKER_STALE_AFTER = timedelta(seconds=30)


async def healthz(request: Request) -> Response:
    """Answer 200 while the process serves requests."""
    del request
    return JSONResponse({"status": "ok"})


class Readiness:
    """Answer 200 when the database answers and a worker beat recently, else 503."""

    def __init__(self, store: JobStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def check(self, request: Request) -> Response:
        """Check the database and the newest worker heartbeat."""
        del request
        try:
            await self._store.ping()
            beat = await self._store.last_worker_beat()
        except StoreError as exc:
            return JSONResponse({"status": "unavailable", "database": str(exc)}, status_code=503)
        if beat is None or self._clock() - beat > WORKER_STALE_AFTER:
            seen = beat.isoformat() if beat else None
            return JSONResponse(
                {"status": "unavailable", "database": "ok", "worker_last_seen": seen},
                status_code=503,
            )
        return JSONResponse(
            {"status": "ok", "database": "ok", "worker_last_seen": beat.isoformat()}
        )
