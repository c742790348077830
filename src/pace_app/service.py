"""Assemble and run the service: web server, workers, or both in one process."""

from __future__ import annotations

import gc
import logging
import socket
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import timedelta
from pathlib import Path

import anyio
import httpx2
import uvicorn
from starlette.types import ASGIApp

from pace_app.config.settings import Settings
from pace_app.domain.daily_cap import DailyCaps
from pace_app.domain.job_store import JobStore
from pace_app.domain.store import Store
from pace_app.errors import SettingsError
from pace_app.github.auth import AppAuth
from pace_app.github.client import GitHubApp
from pace_app.github.identity import AppIdentity
from pace_app.github.permissions import PermissionChecker
from pace_app.handlers.intake import Intake
from pace_app.llm.providers import ProviderPool, ProviderSettings, price_table
from pace_app.observability.metrics import Metrics
from pace_app.observability.scrub import Redactor, secrets_from_settings
from pace_app.pipeline.dispatch import Dispatch
from pace_app.pipeline.plan_sync import PlanSyncer
from pace_app.pipeline.services import Services
from pace_app.pipeline.stories import Stories
from pace_app.queue.connect import open_store
from pace_app.queue.worker import Worker, install_signal_handlers
from pace_app.redeliver import redeliver_periodically
from pace_app.sandbox import operator_sandbox
from pace_app.web.app import create_app, create_metrics_app, create_setup_app
from pace_app.web.dashboard import DashboardSettings
from pace_app.web.server import Server
from pace_app.web.setup import SetupFlow
from pace_app.workspace import Workspace
from pace_app.workspace.signing import commit_signing

logger = logging.getLogger(__name__)


def listen(host: str, port: int, variable: str = "PORT") -> socket.socket:
    """Bind the listening socket, or raise ``SettingsError`` saying why it cannot."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise SettingsError(variable, f"cannot listen on {host}:{port} ({exc.strerror})") from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def build_server(
    settings: Settings, store: Store, intake: Intake, metrics: Metrics | None = None
) -> Server:
    """Return a uvicorn server for the web application."""
    app = create_app(
        intake,
        store,
        webhook_secret=settings.require_webhook_secret(),
        body_timeout=settings.webhook_body_timeout_seconds,
        metrics=metrics,
        app_id=settings.github_app_id,
        dashboard=DashboardSettings.from_settings(settings),
    )
    return _server(settings, app)


def _server(settings: Settings, app: ASGIApp, host: str | None = None, port: int = 0) -> Server:
    config = uvicorn.Config(
        app,
        host=host or settings.host,
        port=port or settings.port,
        log_config=None,
        access_log=False,
        server_header=False,
        lifespan="off",
    )
    return Server(config)


@asynccontextmanager
async def open_services(settings: Settings, store: Store) -> AsyncIterator[Services]:
    """Assemble GitHub, workspace and model access for a worker process; close them after."""
    # One provider per llm.provider name, made on first use: a worker without any model
    # key still serves runs that fail visibly, and keys are read only when needed.
    providers = ProviderPool(ProviderSettings.from_settings(settings), price_table(settings))
    await anyio.to_thread.run_sync(providers.preload)

    async with httpx2.AsyncClient(timeout=30) as http:
        github = GitHubApp(
            http,
            auth=AppAuth(settings.require_app_id(), settings.private_key_pem()),
            base_url=settings.github_api_url,
            redactor=Redactor(secrets_from_settings(settings)),
        )
        try:
            yield Services(
                jobs=store,
                runs=store,
                github=github,
                workspace=Workspace(settings.data_dir, signing=commit_signing(settings)),
                model=providers.get,
                identity=AppIdentity(github),
                permissions=PermissionChecker(),
                data_dir=settings.data_dir,
                sandbox=operator_sandbox(settings),
                conventions=settings.conventions(),
                caps=DailyCaps(
                    per_repository=settings.budget_max_usd_per_day,
                    per_installation=settings.budget_max_usd_per_day_per_installation,
                ),
            )
        finally:
            await providers.aclose()


def build_worker(
    settings: Settings, store: JobStore, services: Services, metrics: Metrics | None = None
) -> Worker:
    """Return a worker running the job handlers with ``WORKERS`` slots."""
    lease = settings.job_lease_seconds
    on_finished = (
        (lambda job, outcome, seconds: metrics.job_finished(job.kind, outcome, seconds))
        if metrics is not None
        else None
    )
    dispatch = Dispatch(store, Stories(services), plans=PlanSyncer(services))
    return Worker(
        store,
        dispatch.handlers(),
        concurrency=settings.workers,
        lease=timedelta(seconds=lease),
        # The heartbeat is also how a running job learns it was cancelled: keep it short.
        heartbeat_every=max(1.0, min(3.0, lease / 4)),
        maintenance_every=max(1.0, min(5.0, lease / 4)),
        on_finished=on_finished,
        on_dead=dispatch.dead,
    )


async def _serve(server: Server, sock: socket.socket, stop: anyio.Event) -> None:
    async with anyio.create_task_group() as group:

        async def exit_on_stop() -> None:
            await stop.wait()
            server.should_exit = True

        group.start_soon(exit_on_stop)
        await server.serve(sockets=[sock])
        stop.set()


# Young objects are collected every this many allocations (CPython's default is 700).
GC_YOUNG_THRESHOLD = 20_000


def settle_heap() -> None:
    """Freeze what start-up allocated and collect young objects less often.

    Every full collection walked the imported modules and settings again: under a burst
    of deliveries those pauses were most of the intake's p99 (see docs/performance.md).
    Frozen objects are never collected, which suits what lives as long as the process.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, 20, 20)


async def run(settings: Settings, *, web: bool, worker: bool) -> None:
    """Run the web server and/or the worker until SIGTERM or SIGINT."""
    sock = listen(settings.host, settings.port) if web else None
    metrics_at = _metrics_address(settings) if web else None
    metrics_sock = listen(*metrics_at, "METRICS_ADDRESS") if metrics_at else None
    stop = anyio.Event()
    install_signal_handlers(stop)
    metrics = Metrics()
    async with open_store(settings) as store, AsyncExitStack() as stack:
        runner = None
        if worker:
            services = await stack.enter_async_context(open_services(settings, store))
            runner = build_worker(settings, store, services, metrics)
            problem = await services.sandbox.start_line()
            if problem is not None:
                logger.warning(
                    "sandbox: %s", problem, extra={"sandbox_mode": settings.sandbox_mode}
                )
        intake = Intake(
            store,
            app_id=settings.github_app_id,
            on_jobs=runner.wake if runner is not None else None,
            metrics=metrics,
            batch_window=settings.intake_batch_window_ms / 1000,
        )
        settle_heap()
        async with anyio.create_task_group() as group:
            if runner is not None:
                group.start_soon(runner.run, stop)
                every = settings.redeliver_every
                if every is not None:
                    group.start_soon(
                        lambda: redeliver_periodically(
                            services.github.app_client(), store, every=every, stop=stop
                        )
                    )
            if sock is not None:
                group.start_soon(_serve, build_server(settings, store, intake, metrics), sock, stop)
                logger.info("listening", extra={"host": settings.host, "port": settings.port})
            if metrics_sock is not None and metrics_at is not None:
                scrape = _server(settings, create_metrics_app(store, metrics), *metrics_at)
                group.start_soon(_serve, scrape, metrics_sock, stop)
                logger.info("metrics listening", extra={"address": settings.metrics_address})
    logger.info("stopped")


def build_setup_server(settings: Settings, env_path: Path) -> Server:
    """Return a uvicorn server for the setup page, with ``/healthz`` and ``/metrics``."""
    setup = SetupFlow(
        api_url=settings.github_api_url,
        env_path=env_path,
        public_url=settings.public_url,
        webhook_proxy_url=settings.webhook_proxy_url,
    )
    token = settings.admin_token.get_secret_value() if settings.admin_token else None
    return _server(settings, create_setup_app(setup, metrics=Metrics(), admin_token=token))


def _metrics_address(settings: Settings) -> tuple[str, int] | None:
    """Return ``METRICS_ADDRESS`` as host and port, or None when it is unset."""
    if settings.metrics_address is None:
        return None
    host, _, port = settings.metrics_address.rpartition(":")
    return host.strip("[]"), int(port)


async def run_setup(settings: Settings, env_path: Path = Path(".env")) -> None:
    """Serve only the setup page until SIGTERM or SIGINT: there is no App to work for yet."""
    sock = listen(settings.host, settings.port)
    stop = anyio.Event()
    install_signal_handlers(stop)
    logger.info(
        "no App credentials: serving the setup page",
        extra={"url": setup_address(settings)},
    )
    await _serve(build_setup_server(settings, env_path), sock, stop)
    logger.info("stopped")


def setup_address(settings: Settings) -> str:
    """Return the address to open the setup page at."""
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    return f"http://{host}:{settings.port}/"
