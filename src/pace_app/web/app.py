"""The ASGI applications: the service (webhooks, status, health, metrics) and setup."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

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
WEBHOOK_PATH = "/webhooks/github"


class WebhookFirst:
    """Send ``POST /webhooks/github`` straight to the endpoint; the rest to the routes."""

    def __init__(self, app: ASGIApp, endpoint: WebhookEndpoint) -> None:
        self._app = app
        self._endpoint = endpoint

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Route one ASGI call."""
        if scope["type"] == "http" and scope["path"] == WEBHOOK_PATH and scope["method"] == "POST":
            await self._endpoint(scope, receive, send)
        else:
            await self._app(scope, receive, send)


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
    endpoint = WebhookEndpoint(
        intake,
        webhook_secret,
        max_body=max_body,
        body_timeout=body_timeout,
        on_rejected=(
            (lambda: metrics.delivery(REJECTED_EVENT_LABEL, "rejected"))
            if metrics is not None
            else None
        ),
    )

    routes = [
        # WebhookFirst takes POST before routing; the route answers 405 to other methods.
        Route(WEBHOOK_PATH, endpoint, methods=["POST"]),
        Route("/", StatusPage(store, app_id).show, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", Readiness(store, clock).check, methods=["GET"]),
    ]
    if metrics is not None:
        routes.append(Route("/metrics", MetricsEndpoint(store, metrics).scrape, methods=["GET"]))
    # First of the middleware, so that deliveries skip every other layer.
    return Starlette(routes=routes, middleware=[Middleware(WebhookFirst, endpoint=endpoint)])


def create_setup_app(setup: SetupFlow) -> Starlette:
    """Build the application served while the App has no credentials yet."""
    return Starlette(
        routes=[
            Route("/", setup.page, methods=["GET"]),
            Route("/setup/callback", setup.callback, methods=["GET"]),
            Route("/healthz", healthz, methods=["GET"]),
        ]
    )
