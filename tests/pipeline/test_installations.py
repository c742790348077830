"""Installation events keep the stored installation current."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from pace_app.domain import jobs
from pace_app.domain.job_store import Installation
from pace_app.pipeline.installations import record_installation
from pace_app.queue.sqlite import SQLiteJobStore

pytestmark = pytest.mark.anyio


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SQLiteJobStore]:
    """Open a fresh SQLite store."""
    store = SQLiteJobStore(tmp_path / "pace.db")
    await store.open()
    yield store
    await store.close()


def sync(
    action: str,
    *,
    repos: tuple[str, ...] = (),
    removed: tuple[str, ...] = (),
    suspended: bool = False,
) -> jobs.InstallationSync:
    return jobs.InstallationSync(77, action, "octo-org", suspended, repos, removed, "d")


async def test_installation_lifecycle_is_recorded(store: SQLiteJobStore) -> None:
    await record_installation(store, sync("created", repos=("octo-org/a", "octo-org/b")))
    assert await store.list_installations() == [
        Installation(77, "octo-org", ("octo-org/a", "octo-org/b"))
    ]
    await record_installation(store, sync("added", repos=("octo-org/c",), removed=("octo-org/a",)))
    [installation] = await store.list_installations()
    assert installation.repositories == ("octo-org/b", "octo-org/c")
    await record_installation(store, sync("suspend", suspended=True))
    [installation] = await store.list_installations()
    assert installation.suspended
    assert installation.repositories == ("octo-org/b", "octo-org/c")
    await record_installation(store, sync("unsuspend", suspended=True))
    [installation] = await store.list_installations()
    assert not installation.suspended
    await record_installation(store, sync("deleted"))
    assert await store.list_installations() == []
