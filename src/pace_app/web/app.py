"""The ASGI applications: the service (webhooks, status, health, metrics) and setup."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pace_app.domain.job_store import JobStore
from pace_app.handlers.intake import Intake
from pace_app.observability.metrics import Metrics
from pace_app.queue.clock import utc_now
from pace_app.types import Clock
from pace_app.web.health import Readiness, healthz
from pace_app.web.setup import SetupFlow
from pace_app.web.status import MetricsEndpoint, StatusPage
from pace_app.web.webhooks import BODY_TIMEOUT_SECONDS, MAX_BODY_BYTES, WebhookEndpoint

# Unverified requests must not create label values, so rejections share one label.
REJECTED_EVENT_LABEL = "unverified"


def create_app(
    intake: Intake,
    store: JobStore,
    *,
    webhook_secret: str,
    clock: Clock = utc_now,
    max_body: int = MAX_BODY_BYTES,
    body_timeout: float = BODY_TIMEOUT_SECONDS,
    metrics: Metrics | None = None,
    app_id: int | None = None,
) -> Starlette:
    """Build the web application around an intake and a job store."""
    endpoint = WebhookEndpoint(intake, webhook_secret, max_body=max_body, body_timeout=body_timeout)

    async def webhook(request: Request) -> Response:
        response = await endpoint.handle(request)
        if metrics is not None and 400 <= response.status_code < 500:
            metrics.delivery(REJECTED_EVENT_LABEL, "rejected")
        return response

    routes = [
        Route("/webhooks/github", webhook, methods=["POST"]),
        Route("/", StatusPage(store, app_id).show, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", Readiness(store, clock).check, methods=["GET"]),
    ]
    if metrics is not None:
        routes.append(Route("/metrics", MetricsEndpoint(store, metrics).scrape, methods=["GET"]))
    return Starlette(routes=routes)


def create_setup_app(setup: SetupFlow) -> Starlette:
    """Build the application served while the App has no credentials yet."""
    return Starlette(
        routes=[
            Route("/", setup.page, methods=["GET"]),
            Route("/setup/callback", setup.callback, methods=["GET"]),
            Route("/healthz", healthz, methods=["GET"]),
        ]
    )
