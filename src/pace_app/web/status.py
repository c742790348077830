"""``GET /metrics``: Prometheus text, for the operator's ``ADMIN_TOKEN`` only.

On the main listener the scrape needs ``Authorization: Bearer ADMIN_TOKEN`` and answers
401 without it (and always, when no token is set). ``METRICS_ADDRESS`` serves it on a
separate listener instead, open to whoever can reach that address.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from pace_app.domain.job_store import JobStore
from pace_app.observability.metrics import Metrics
from pace_app.web.access import is_operator


class MetricsEndpoint:
    """Expose Prometheus metrics, with the queue depth read at scrape time when there is a store."""

    def __init__(
        self,
        store: JobStore | None,
        metrics: Metrics,
        *,
        admin_token: str | None = None,
        open_access: bool = False,
    ) -> None:
        self._store = store
        self._metrics = metrics
        self._admin_token = admin_token
        self._open = open_access

    async def scrape(self, request: Request) -> Response:
        """Render every metric in the Prometheus text format, or 401 without the token."""
        if not self._open and not is_operator(request, self._admin_token):
            reason = (
                "send Authorization: Bearer ADMIN_TOKEN"
                if self._admin_token
                else "set ADMIN_TOKEN (or METRICS_ADDRESS) to scrape metrics"
            )
            return JSONResponse(
                {"error": reason}, status_code=401, headers={"www-authenticate": "Bearer"}
            )
        if self._store is not None:
            self._metrics.set_queue_depth(await self._store.counts())
        body, content_type = self._metrics.render()
        return Response(body, media_type=content_type)
