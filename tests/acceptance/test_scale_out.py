"""Two web and three worker processes share one PostgreSQL queue and lose nothing.

The PostgreSQL version of ``test_crash_recovery``: deliveries arrive at both web
processes at once (some delivery ids at both), one worker is killed with SIGKILL
while it holds leases, and still every delivery becomes exactly one job that
succeeds exactly once.
"""

from __future__ import annotations

import itertools
import json
import signal
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx2
import psycopg
import pytest
from psycopg import sql

from tests.acceptance.harness import PaceProcess, app_environment, free_port, signed_headers
from tests.fakes import payloads
from tests.queue.postgres_fixtures import drop_schema, require_postgres, unique_schema

# Five processes and 550 requests: on a shared 2-core machine under a parallel suite
# this can exceed the default per-test timeout while every assertion still holds.
pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.timeout(300)]

DELIVERIES = 500
# Every DUPLICATE_EVERY-th delivery is sent to both web processes at the same time.
DUPLICATE_EVERY = 10
LEASE_SECONDS = 5
WORKER_SLOTS = 2


@dataclass(frozen=True)
class Database:
    """The test server and the schema this test's processes share."""

    url: str
    schema: str

    @property
    def pinned_url(self) -> str:
        """Return the ``DATABASE_URL`` that pins every process to the schema."""
        separator = "&" if "?" in self.url else "?"
        return f"{self.url}{separator}options=-csearch_path%3D{self.schema}"

    def jobs(self) -> list[tuple[int, str, int, str | None]]:
        """Return (id, state, attempts, locked_by) for every job, as an operator would."""
        query = sql.SQL("SELECT id, state, attempts, locked_by FROM {}").format(
            sql.Identifier(self.schema, "pace_jobs")
        )
        with psycopg.connect(self.url, autocommit=True) as conn:
            return list(conn.execute(query).fetchall())


@pytest.fixture
def database() -> Iterator[Database]:
    """Return a fresh schema on the test server, dropped afterwards."""
    url = require_postgres()
    found = Database(url, unique_schema())
    yield found
    drop_schema(url, found.schema)


def delivery_request(web: PaceProcess, number: int) -> int:
    """Send delivery ``number`` to ``web``, signed as GitHub does; return the status."""
    # A distinct body per delivery: a body seen before is a replay, whatever its id.
    payload = payloads.installation_event("created", repos=(f"repo-{number}",))
    body = json.dumps(payload).encode()
    headers = signed_headers("installation", f"scale-{number}", body)
    response = httpx2.post(web.url + "/webhooks/github", content=body, headers=headers, timeout=30)
    return response.status_code


def leases_held(database: Database) -> Counter[str]:
    """Return how many running jobs each worker process (by pid) holds."""
    return Counter(
        locked_by.split(":")[1]
        for _, state, _, locked_by in database.jobs()
        if state == "running" and locked_by
    )


def kill_a_worker_holding_leases(
    workers: list[PaceProcess], database: Database, *, timeout: float = 30
) -> tuple[PaceProcess, int]:
    """SIGKILL a worker at a moment it holds leases; return it and how many it held."""
    by_pid = {str(worker.process.pid): worker for worker in workers}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for pid in leases_held(database):
            # Freeze it first: jobs finish in milliseconds, so a lease seen a moment ago
            # may be gone by the time a kill lands. Frozen, it can finish nothing more.
            victim = by_pid[pid]
            victim.signal(signal.SIGSTOP)
            time.sleep(0.2)  # let a commit already on the wire land
            held = leases_held(database)[pid]
            if held:
                victim.signal(signal.SIGKILL)
                victim.wait()
                return victim, held
            victim.signal(signal.SIGCONT)
        time.sleep(0.01)
    raise AssertionError("no worker ever held a lease")


def wait_for_all_finished(database: Database, *, timeout: float) -> Counter[str]:
    """Wait until no job is queued or running; return the final state counts."""
    deadline = time.monotonic() + timeout
    while True:
        states = Counter(state for _, state, _, _ in database.jobs())
        if not states["queued"] and not states["running"]:
            return states
        if time.monotonic() > deadline:
            raise AssertionError(f"jobs still unfinished: {dict(states)}")
        time.sleep(0.1)


def test_two_webs_and_three_workers_run_every_delivery_exactly_once(
    tmp_path: Path, database: Database
) -> None:
    env = app_environment(
        tmp_path,
        DATABASE_URL=database.pinned_url,
        JOB_LEASE_SECONDS=str(LEASE_SECONDS),
        WORKERS=str(WORKER_SLOTS),
    )

    def process(command: str, name: str) -> PaceProcess:
        own = env | {"PORT": str(free_port())}
        return PaceProcess((command,), tmp_path, own, tmp_path / f"{name}.log")

    webs = [process("web", f"web-{n}") for n in range(2)]
    workers = [process("worker", f"worker-{n}") for n in range(3)]
    try:
        # The first web migrates the schema alone; the others start against it at once.
        webs[0].start().wait_http("/healthz")
        for started_process in (webs[1], *workers):
            started_process.start()
        webs[1].wait_http("/healthz")

        sends = [(webs[n % 2], n) for n in range(DELIVERIES)]
        duplicates = [(webs[(n + 1) % 2], n) for n in range(0, DELIVERIES, DUPLICATE_EVERY)]
        # Interleave so each duplicate races its original at the other web process.
        order = [s for pair in itertools.zip_longest(sends, duplicates) for s in pair if s]
        with ThreadPoolExecutor(max_workers=32) as pool:
            pending = [pool.submit(delivery_request, web, number) for web, number in order]
            victim, held = kill_a_worker_holding_leases(workers, database)
            statuses = [future.result() for future in pending]
        assert statuses == [202] * len(order)
        assert held > 0, "the killed worker held no lease, so recovery was not exercised"

        # Generous: recovery takes one lease, but a loaded machine slows every process.
        states = wait_for_all_finished(database, timeout=60)
    finally:
        for running in (*webs, *workers):
            running.stop()

    rows = database.jobs()
    assert len(rows) == DELIVERIES
    assert states == {"succeeded": DELIVERIES}
    assert sum(attempts > 1 for _, _, attempts, _ in rows) >= held
    finished = Counter(
        record["job_id"]
        for worker in workers
        for record in worker.log_records()
        if record["message"] == "job succeeded"
    )
    assert set(finished.values()) == {1}, "a job was completed twice"
    # The victim may have committed a completion and died before logging it: such a
    # job must be one it started, and at most one per job slot it had.
    unlogged = {job_id for job_id, _, _, _ in rows} - set(finished)
    victim_started = {
        record["job_id"] for record in victim.log_records() if record["message"] == "job started"
    }
    assert unlogged <= victim_started
    assert len(unlogged) <= WORKER_SLOTS
    survivors = [worker for worker in workers if worker is not victim]
    assert all(worker.process.returncode == 0 for worker in survivors)
