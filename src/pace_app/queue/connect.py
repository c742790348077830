"""Build the job store a ``DATABASE_URL`` names."""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any, cast

from pace_app.config.settings import Settings
from pace_app.domain.job_store import DEFAULT_REPLAY_WINDOW
from pace_app.domain.store import Store
from pace_app.errors import StoreError
from pace_app.queue.sqlite import SQLiteJobStore
from pace_app.types import Clock

SQLITE_PREFIX = "sqlite:///"
POSTGRES_PREFIXES = ("postgresql://", "postgres://")


def store_from_url(
    url: str,
    *,
    clock: Clock | None = None,
    replay_window: timedelta = DEFAULT_REPLAY_WINDOW,
    sqlite_synchronous: str = "NORMAL",
) -> Store:
    """Return an unopened store for ``url``: ``sqlite:///PATH`` or ``postgresql://…``."""
    options: dict[str, Any] = {"replay_window": replay_window}
    if clock is not None:
        options["clock"] = clock
    if url.startswith(SQLITE_PREFIX):
        return _sqlite(url[len(SQLITE_PREFIX) :], options | {"synchronous": sqlite_synchronous})
    if url.startswith(POSTGRES_PREFIXES):
        return _postgres(url, options)
    # Only the scheme: the rest of a database URL may hold a password.
    scheme = url.split(":", 1)[0] if ":" in url else "(none)"
    raise StoreError(f"unsupported database URL scheme {scheme!r}; use sqlite:/// or postgresql://")


def _sqlite(location: str, options: dict[str, Any]) -> Store:
    if not location:
        raise StoreError("the sqlite:/// URL names no file")
    path = Path(location)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the directory for {path}: {exc.strerror}") from exc
    return SQLiteJobStore(path, **options)


def _postgres(url: str, options: dict[str, Any]) -> Store:
    try:
        # Imported on demand so the embedded default never loads the PostgreSQL driver.
        module = importlib.import_module("pace_app.queue.postgres")
    except ImportError as exc:
        raise StoreError("PostgreSQL support is not installed") from exc
    return cast(Store, module.PostgresJobStore(url, **options))


@asynccontextmanager
async def open_store(settings: Settings) -> AsyncIterator[Store]:
    """Open the configured job store, creating the data directory, and close it after."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = store_from_url(
        settings.effective_database_url,
        replay_window=settings.replay_window,
        sqlite_synchronous=settings.sqlite_synchronous,
    )
    await store.open()
    try:
        yield store
    finally:
        await store.close()
