"""Assemble and run the service: web server, workers, or both in one process."""

from __future__ import annotations

import logging
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

import anyio
import uvicorn

from pace_app.config.settings import Settings
from pace_app.errors import SettingsError
from pace_app.handlers.intake import Intake
from pace_app.pipeline.dispatch import Dispatch
from pace_app.queue.connect import store_from_url
from pace_app.queue.store import JobStore
from pace_app.queue.worker import Worker, install_signal_handlers
from pace_app.web.app import create_app
from pace_app.web.server import Server

logger = logging.getLogger(__name__)


@asynccontextmanager
async def open_store(settings: Settings) -> AsyncIterator[JobStore]:
    """Open the configured job store, creating the data directory, and close it after."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = store_from_url(settings.effective_database_url)
    await store.open()
    try:
        yield store
    finally:
        await store.close()


def listen(host: str, port: int) -> socket.socket:
    """Bind the listening socket, or raise ``SettingsError`` saying why it cannot."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise SettingsError("PORT", f"cannot listen on {host}:{port} ({exc.strerror})") from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def build_server(settings: Settings, store: JobStore, intake: Intake) -> Server:
    """Return a uvicorn server for the web application."""
    app = create_app(intake, store, webhook_secret=settings.require_webhook_secret())
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,
        server_header=False,
        lifespan="off",
    )
    return Server(config)


def build_worker(settings: Settings, store: JobStore) -> Worker:
    """Return a worker running the job handlers with ``WORKERS`` slots."""
    lease = settings.job_lease_seconds
    return Worker(
        store,
        Dispatch(store).handlers(),
        concurrency=settings.workers,
        lease=timedelta(seconds=lease),
        # The heartbeat is also how a running job learns it was cancelled: keep it short.
        heartbeat_every=max(1.0, min(3.0, lease / 4)),
        maintenance_every=max(1.0, min(5.0, lease / 4)),
    )


async def _serve(server: Server, sock: socket.socket, stop: anyio.Event) -> None:
    async with anyio.create_task_group() as group:

        async def exit_on_stop() -> None:
            await stop.wait()
            server.should_exit = True

        group.start_soon(exit_on_stop)
        await server.serve(sockets=[sock])
        stop.set()


async def run(settings: Settings, *, web: bool, worker: bool) -> None:
    """Run the web server and/or the worker until SIGTERM or SIGINT."""
    sock = listen(settings.host, settings.port) if web else None
    stop = anyio.Event()
    install_signal_handlers(stop)
    async with open_store(settings) as store:
        runner = build_worker(settings, store) if worker else None
        intake = Intake(
            store,
            app_id=settings.github_app_id,
            on_jobs=runner.wake if runner is not None else None,
        )
        async with anyio.create_task_group() as group:
            if runner is not None:
                group.start_soon(runner.run, stop)
            if sock is not None:
                group.start_soon(_serve, build_server(settings, store, intake), sock, stop)
                logger.info("listening", extra={"host": settings.host, "port": settings.port})
    logger.info("stopped")
