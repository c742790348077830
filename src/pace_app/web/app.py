"""The ASGI application: routes for webhooks and health."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.routing import Route

from pace_app.handlers.intake import Intake
from pace_app.queue.clock import utc_now
from pace_app.queue.store import JobStore
from pace_app.types import Clock
from pace_app.web.health import Readiness, healthz
from pace_app.web.webhooks import MAX_BODY_BYTES, WebhookEndpoint


def create_app(
    intake: Intake,
    store: JobStore,
    *,
    webhook_secret: str,
    clock: Clock = utc_now,
    max_body: int = MAX_BODY_BYTES,
) -> Starlette:
    """Build the web application around an intake and a job store."""
    routes = [
        Route(
            "/webhooks/github",
            WebhookEndpoint(intake, webhook_secret, max_body=max_body).handle,
            methods=["POST"],
        ),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", Readiness(store, clock).check, methods=["GET"]),
    ]
    return Starlette(routes=routes)
