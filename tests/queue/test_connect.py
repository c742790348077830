"""Choosing a job store from a database URL."""

from __future__ import annotations

import sys
import types
from datetime import timedelta
from pathlib import Path

import pytest

from pace_app.errors import StoreError
from pace_app.queue.connect import store_from_url
from pace_app.queue.sqlite import SQLiteJobStore
from pace_app.types import Clock
from tests.queue.clock import FakeClock

pytestmark = pytest.mark.anyio


async def test_sqlite_url_with_an_absolute_path(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "deeper" / "pace.db"
    clock = FakeClock()
    store = store_from_url(f"sqlite:///{path}", clock=clock)
    assert isinstance(store, SQLiteJobStore)
    assert path.parent.is_dir()
    await store.open()
    try:
        await store.beat_worker("w")
        assert await store.last_worker_beat() == clock.now
    finally:
        await store.close()
    assert path.is_file()


def test_sqlite_url_passes_the_synchronous_level(tmp_path: Path) -> None:
    store = store_from_url(f"sqlite:///{tmp_path}/pace.db", sqlite_synchronous="FULL")
    assert isinstance(store, SQLiteJobStore)
    assert store._db.synchronous == "FULL"


def test_sqlite_url_with_a_relative_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    store = store_from_url("sqlite:///data/pace.db")
    assert isinstance(store, SQLiteJobStore)
    assert (tmp_path / "data").is_dir()
    assert repr(store) == "SQLiteJobStore('data/pace.db')"


def test_sqlite_url_without_a_file() -> None:
    with pytest.raises(StoreError, match="names no file"):
        store_from_url("sqlite:///")


def test_sqlite_directory_that_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreError, match="cannot create the directory"):
        store_from_url(f"sqlite:///{blocker}/pace.db")


@pytest.mark.parametrize(
    "url", ["mysql://user:hunter2@db/pace", "redis://:hunter2@cache", "pace.db", ""]
)
def test_other_urls_are_refused_without_echoing_them(url: str) -> None:
    with pytest.raises(StoreError, match="unsupported database URL") as caught:
        store_from_url(url)
    assert "hunter2" not in str(caught.value)


@pytest.mark.parametrize("url", ["postgresql://u@db/pace", "postgres://u@db/pace"])
def test_postgres_without_its_module(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # A None entry in sys.modules makes the import fail, as when the module is absent.
    monkeypatch.setitem(sys.modules, "pace_app.queue.postgres", None)
    with pytest.raises(StoreError, match="PostgreSQL support is not installed"):
        store_from_url(url)


class RecordingPostgresStore:
    """Stands in for the PostgreSQL store: remembers how it was built."""

    def __init__(
        self, url: str, *, clock: Clock | None = None, replay_window: timedelta | None = None
    ) -> None:
        self.url = url
        self.clock = clock
        self.replay_window = replay_window


def test_postgres_url_builds_the_postgres_store(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("pace_app.queue.postgres")
    module.PostgresJobStore = RecordingPostgresStore  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pace_app.queue.postgres", module)
    clock = FakeClock()

    plain = store_from_url("postgresql://u@db/pace")
    timed = store_from_url("postgres://u@db/pace", clock=clock, replay_window=timedelta(hours=2))

    assert isinstance(plain, RecordingPostgresStore)
    assert plain.url == "postgresql://u@db/pace"
    assert plain.clock is None
    assert isinstance(timed, RecordingPostgresStore)
    assert timed.clock is clock
    assert timed.replay_window == timedelta(hours=2)
