"""The ASGI applications: the service (webhooks, dashboard, health, metrics) and setup."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from pace_app.domain.store import Store
from pace_app.handlers.intake import Intake
from pace_app.observability.metrics import Metrics
from pace_app.queue.clock import utc_now
from pace_app.types import Clock
from pace_app.web.access import Access
from pace_app.web.dashboard import Dashboard, DashboardSettings
from pace_app.web.health import Readiness, healthz
from pace_app.web.login import HttpFactory, LoginFlow
from pace_app.web.run_views import RunViews, store_history
from pace_app.web.setup import SetupFlow
from pace_app.web.status import MetricsEndpoint
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
    store: Store,
    *,
    webhook_secret: str,
    clock: Clock = utc_now,
    max_body: int = MAX_BODY_BYTES,
    body_timeout: float = BODY_TIMEOUT_SECONDS,
    metrics: Metrics | None = None,
    app_id: int | None = None,
    dashboard: DashboardSettings | None = None,
    http: HttpFactory | None = None,
) -> Starlette:
    """Build the web application around an intake and a store."""
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

    config = dashboard or DashboardSettings()
    access = Access(config.admin_token, config.session_key)
    pages = Dashboard(
        store, access, RunViews(store, config.web_url, clock, history=store_history(store)), app_id
    )
    login = LoginFlow(config.oauth, config.session_key, public_url=config.public_url, http=http)
    routes = [
        # WebhookFirst takes POST before routing; the route answers 405 to other methods.
        Route(WEBHOOK_PATH, endpoint, methods=["POST"]),
        Route("/", pages.runs, methods=["GET"]),
        Route("/runs", pages.runs, methods=["GET"]),
        Route("/runs/{run_id:int}", pages.run, methods=["GET"]),
        Route("/queue", pages.queue, methods=["GET"]),
        Route("/api/runs", pages.api_runs, methods=["GET"]),
        Route("/api/runs/{run_id:int}", pages.api_run, methods=["GET"]),
        Route("/login", login.login, methods=["GET"]),
        Route("/login/callback", login.callback, methods=["GET"]),
        Route("/logout", login.logout, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", Readiness(store, clock).check, methods=["GET"]),
    ]
    if metrics is not None:
        scrape = MetricsEndpoint(store, metrics, admin_token=config.admin_token).scrape
        routes.append(Route("/metrics", scrape, methods=["GET"]))
    # First of the middleware, so that deliveries skip every other layer.
    return Starlette(routes=routes, middleware=[Middleware(WebhookFirst, endpoint=endpoint)])


def create_metrics_app(store: Store, metrics: Metrics) -> Starlette:
    """Build the application ``METRICS_ADDRESS`` serves: ``/metrics`` without a token."""
    scrape = MetricsEndpoint(store, metrics, open_access=True).scrape
    return Starlette(routes=[Route("/metrics", scrape, methods=["GET"])])


def create_setup_app(
    setup: SetupFlow, *, metrics: Metrics | None = None, admin_token: str | None = None
) -> Starlette:
    """Build the application served while the App has no credentials yet."""
    routes = [
        Route("/", setup.page, methods=["GET"]),
        Route("/setup/callback", setup.callback, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
    ]
    if metrics is not None:
        scrape = MetricsEndpoint(None, metrics, admin_token=admin_token).scrape
        routes.append(Route("/metrics", scrape, methods=["GET"]))
    return Starlette(routes=routes)
