"""``pace web`` killed with SIGKILL mid-burst: every delivery it answered 202 is stored.

Deliveries are stored before they are answered, in batches (group commit), so a kill
can lose only deliveries that never heard back; GitHub's redelivery of those, after a
restart, stores each of them exactly once.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx2
import psycopg
import pytest
from psycopg import sql

from tests.acceptance.harness import PaceProcess, app_environment, signed_headers, wait_until
from tests.fakes import payloads
from tests.queue.postgres_fixtures import drop_schema, require_postgres, unique_schema

# Two server starts and a burst: like the scale-out proof, slow on a loaded machine.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

SENDERS = 16
KILL_AFTER = 60
# Each stored delivery's id and how many jobs it has.
StoredRows = Callable[[], dict[str, int]]


def sqlite_rows(data: Path) -> dict[str, int]:
    """Read the stored deliveries and their job counts from the SQLite file."""
    with sqlite3.connect(f"file:{data / 'pace.db'}?mode=ro", uri=True, timeout=10) as db:
        rows = db.execute(
            "SELECT d.id, count(j.id) FROM deliveries AS d"
            " LEFT JOIN jobs AS j ON j.delivery_id = d.id GROUP BY d.id"
        )
        return {str(delivery): int(jobs) for delivery, jobs in rows}


def postgres_rows(url: str, schema: str) -> dict[str, int]:
    """Read the stored deliveries and their job counts from PostgreSQL."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
        rows = conn.execute(
            "SELECT d.id, count(j.id) FROM pace_deliveries AS d"
            " LEFT JOIN pace_jobs AS j ON j.delivery_id = d.id GROUP BY d.id"
        ).fetchall()
        return {str(delivery): int(jobs) for delivery, jobs in rows}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, StoredRows]]:
    """Yield a ``DATABASE_URL`` and a reader of what it stored."""
    if request.param == "sqlite":
        data = tmp_path / "data"
        yield f"sqlite:///{data / 'pace.db'}", lambda: sqlite_rows(data)
        return
    url = require_postgres()
    schema = unique_schema()
    separator = "&" if "?" in url else "?"
    try:
        yield (
            f"{url}{separator}options=-csearch_path%3D{schema}",
            lambda: postgres_rows(url, schema),
        )
    finally:
        drop_schema(url, schema)


def delivery(number: int) -> tuple[str, bytes]:
    """Return a distinct delivery id and body that each produce one job."""
    payload = payloads.installation_event("created", repos=(f"repo-{number}",))
    return f"burst-{number}", json.dumps(payload).encode()


def post(url: str, number: int) -> int:
    """Deliver number ``number``; return the status, or 0 when no answer came."""
    delivery_id, body = delivery(number)
    try:
        answer = httpx2.post(
            url, content=body, headers=signed_headers("installation", delivery_id, body), timeout=30
        )
    except httpx2.TransportError:
        return 0
    return answer.status_code


def test_sigkill_mid_burst_keeps_every_delivery_answered_202(
    tmp_path: Path, backend: tuple[str, StoredRows]
) -> None:
    database_url, stored = backend
    env = app_environment(tmp_path, DATABASE_URL=database_url)
    web = PaceProcess(("web",), tmp_path, env, tmp_path / "web.log").start()
    web.wait_http("/healthz")
    url = web.url + "/webhooks/github"
    accepted: list[int] = []
    attempted: list[int] = []
    lock = threading.Lock()
    numbers = iter(range(100_000))
    dead = threading.Event()

    def send() -> None:
        while not dead.is_set():
            with lock:
                number = next(numbers)
                attempted.append(number)
            status = post(url, number)
            if status == 202:
                with lock:
                    accepted.append(number)
            elif status == 0:
                return

    try:
        with ThreadPoolExecutor(max_workers=SENDERS) as pool:
            senders = [pool.submit(send) for _ in range(SENDERS)]
            wait_until(lambda: len(accepted) >= KILL_AFTER, timeout=120, what="a burst")
            web.signal(signal.SIGKILL)
            web.wait()
            dead.set()
            for sender in senders:
                sender.result()
    finally:
        web.stop()

    rows = stored()
    answered = {delivery(number)[0] for number in accepted}
    assert len(answered) >= KILL_AFTER
    missing = answered - set(rows)
    assert not missing, f"answered 202 but not stored: {sorted(missing)[:5]}"
    assert all(rows[delivery_id] == 1 for delivery_id in answered)

    # After a restart, GitHub redelivers what failed; nothing is stored twice.
    restarted = PaceProcess(("web",), tmp_path, env, tmp_path / "web-2.log").start()
    try:
        restarted.wait_http("/healthz")
        again = restarted.url + "/webhooks/github"
        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(lambda number: post(again, number), attempted))
    finally:
        restarted.stop()
    assert set(statuses) == {202}
    rows = stored()
    assert set(rows) == {delivery(number)[0] for number in attempted}
    assert set(rows.values()) == {1}
