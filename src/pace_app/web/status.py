"""``GET /`` once the App is configured, and ``GET /metrics``."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from pace_app.domain.job_store import JobState, JobStore
from pace_app.observability.metrics import Metrics
from pace_app.web.pages import status_page

RECENT_JOBS = 20


class StatusPage:
    """Show the App id, installations, queue depth and recent jobs."""

    def __init__(self, store: JobStore, app_id: int | None) -> None:
        self._store = store
        self._app_id = app_id

    async def show(self, request: Request) -> Response:
        """Render the status page."""
        del request
        counts = await self._store.counts()
        by_state = {state.value: counts.get(state, 0) for state in JobState}
        page = status_page(
            self._app_id,
            await self._store.list_installations(),
            by_state,
            await self._store.list_jobs(limit=RECENT_JOBS),
        )
        return HTMLResponse(page, headers={"cache-control": "no-store"})


class MetricsEndpoint:
    """Expose Prometheus metrics, with the queue depth read at scrape time."""

    def __init__(self, store: JobStore, metrics: Metrics) -> None:
        self._store = store
        self._metrics = metrics

    async def scrape(self, request: Request) -> Response:
        """Render every metric in the Prometheus text format."""
        del request
        self._metrics.set_queue_depth(await self._store.counts())
        body, content_type = self._metrics.render()
        return Response(body, media_type=content_type)
