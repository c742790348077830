"""PostgreSQL-specific behaviour of the job store (the shared contract runs elsewhere)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import anyio
import psycopg
import pytest
from psycopg import sql

from pace_app.domain.job_store import (
    Delivery,
    DeliveryOutcome,
    Installation,
    JobState,
    NewJob,
    RetryPolicy,
)
from pace_app.errors import LeaseLost, StoreError
from pace_app.queue.postgres import PostgresJobStore
from pace_app.queue.postgres.schema import schema_from_url
from pace_app.queue.sql import load_migrations
from tests.queue.postgres_fixtures import (
    drop_schema,
    open_postgres_store,
    postgres_schema,  # noqa: F401 - a fixture
    postgres_url,  # noqa: F401 - a fixture
    require_postgres,
    unique_schema,
)

pytestmark = [pytest.mark.postgres, pytest.mark.anyio]

START = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
LEASE = timedelta(seconds=30)


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def store(
    postgres_url: str,  # noqa: F811
    postgres_schema: str,  # noqa: F811
    clock: FakeClock,
) -> AsyncIterator[PostgresJobStore]:
    opened = await open_postgres_store(
        postgres_url,
        postgres_schema,
        clock=clock,
        retry=RetryPolicy(base=timedelta(seconds=10)),
        jitter=lambda: 0.5,
        relisten_delay=0.05,
    )
    yield opened
    await opened.close()


@pytest.fixture
def fresh_schema(postgres_url: str) -> Iterator[str]:  # noqa: F811
    schema = unique_schema()
    yield schema
    drop_schema(postgres_url, schema)


def job(key: str, kind: str = "story", **extra: object) -> NewJob:
    return NewJob(kind=kind, payload={"key": key}, idempotency_key=key, **extra)  # type: ignore[arg-type]


async def test_enqueue_is_idempotent_and_claim_counts_an_attempt(
    store: PostgresJobStore, clock: FakeClock
) -> None:
    first = await store.enqueue(job("a", group_key="repo#1"))
    again = await store.enqueue(job("a", kind="other"))
    assert again == first
    assert first.state is JobState.QUEUED
    assert first.run_at == START

    claimed = await store.claim("w1", LEASE)
    assert claimed is not None
    assert (claimed.id, claimed.state, claimed.attempts) == (first.id, JobState.RUNNING, 1)
    assert claimed.locked_by == "w1"
    assert claimed.lease_expires_at == START + LEASE
    assert claimed.payload == {"key": "a"}
    assert await store.claim("w2", LEASE) is None

    await store.complete(claimed.id, "w1")
    done = await store.get(claimed.id)
    assert done is not None
    assert done.state is JobState.SUCCEEDED
    assert done.locked_by is None
    assert await store.get(9999) is None


async def test_claim_takes_due_jobs_in_run_at_order_and_filters_kinds(
    store: PostgresJobStore, clock: FakeClock
) -> None:
    later = await store.enqueue(job("later", run_at=START + timedelta(minutes=1)))
    second = await store.enqueue(job("second", kind="gate"))
    first = await store.enqueue(job("first", run_at=START - timedelta(minutes=1)))

    assert (await store.claim("w", LEASE, kinds=["nothing"])) is None
    claimed = await store.claim("w", LEASE)
    assert claimed is not None
    assert claimed.id == first.id
    claimed = await store.claim("w", LEASE, kinds=["gate"])
    assert claimed is not None
    assert claimed.id == second.id
    assert await store.claim("w", LEASE) is None
    clock.advance(60)
    claimed = await store.claim("w", LEASE)
    assert claimed is not None
    assert claimed.id == later.id


async def test_leases_heartbeat_expire_and_release(
    store: PostgresJobStore, clock: FakeClock
) -> None:
    queued = await store.enqueue(job("a"))
    claimed = await store.claim("w1", LEASE)
    assert claimed is not None
    clock.advance(20)
    assert await store.heartbeat(queued.id, "w1", LEASE)
    assert not await store.heartbeat(queued.id, "intruder", LEASE)
    refreshed = await store.get(queued.id)
    assert refreshed is not None
    assert refreshed.lease_expires_at == clock.now + LEASE

    clock.advance(29)
    assert await store.requeue_expired() == 0
    clock.advance(1)
    assert await store.requeue_expired() == 1
    requeued = await store.get(queued.id)
    assert requeued is not None
    assert requeued.state is JobState.QUEUED
    assert requeued.attempts == 1
    assert requeued.locked_by is None
    assert not await store.heartbeat(queued.id, "w1", LEASE)
    with pytest.raises(LeaseLost):
        await store.complete(queued.id, "w1")

    again = await store.claim("w2", LEASE)
    assert again is not None
    assert again.attempts == 2
    await store.release(queued.id, "w2")
    released = await store.get(queued.id)
    assert released is not None
    assert released.state is JobState.QUEUED
    assert released.attempts == 1
    with pytest.raises(LeaseLost):
        await store.release(queued.id, "w2")


async def test_fail_backs_off_with_the_injected_policy_then_dies(
    store: PostgresJobStore, clock: FakeClock
) -> None:
    queued = await store.enqueue(job("a", max_attempts=2))
    await store.claim("w", LEASE)
    failed = await store.fail(queued.id, "w", "boom")
    # base 10 s, first failure, jitter 0.5: five seconds.
    assert failed.state is JobState.QUEUED
    assert failed.last_error == "boom"
    assert failed.run_at == START + timedelta(seconds=5)
    assert failed.locked_by is None
    assert await store.claim("w", LEASE) is None

    clock.advance(5)
    assert await store.claim("w", LEASE) is not None
    dead = await store.fail(queued.id, "w", "boom again")
    assert dead.state is JobState.DEAD
    assert dead.attempts == 2
    with pytest.raises(LeaseLost):
        await store.fail(queued.id, "w", "late")


async def test_cancel_and_cancel_group(store: PostgresJobStore) -> None:
    one = await store.enqueue(job("one", group_key="g"))
    two = await store.enqueue(job("two", kind="gate", group_key="g"))
    three = await store.enqueue(job("three", group_key="g"))
    other = await store.enqueue(job("other", group_key="h"))
    await store.claim("w", LEASE)

    assert await store.cancel(one.id)
    assert not await store.cancel(one.id)
    assert not await store.heartbeat(one.id, "w", LEASE)
    assert await store.cancel_group("g", kinds=["gate"]) == 1
    assert await store.cancel_group("g") == 1
    states = {j.id: j.state for j in await store.list_jobs()}
    assert states == {
        one.id: JobState.CANCELLED,
        two.id: JobState.CANCELLED,
        three.id: JobState.CANCELLED,
        other.id: JobState.QUEUED,
    }


async def test_list_jobs_and_counts(store: PostgresJobStore, clock: FakeClock) -> None:
    for key in ("a", "b", "c"):
        await store.enqueue(job(key, kind="gate" if key == "b" else "story"))
        clock.advance(1)
    await store.claim("w", LEASE)

    assert [j.idempotency_key for j in await store.list_jobs()] == ["c", "b", "a"]
    assert [j.idempotency_key for j in await store.list_jobs(limit=1)] == ["c"]
    assert [j.idempotency_key for j in await store.list_jobs(kind="gate")] == ["b"]
    running = await store.list_jobs(state=JobState.RUNNING)
    assert [j.idempotency_key for j in running] == ["a"]
    counts = await store.counts()
    assert counts[JobState.QUEUED] == 2
    assert counts[JobState.RUNNING] == 1
    assert counts[JobState.DEAD] == 0
    assert set(counts) == set(JobState)


async def test_a_batch_keeps_text_times_and_payloads_as_written(store: PostgresJobStore) -> None:
    # The batch travels as JSON: odd text, nested payloads and times must survive it.
    reason = 'quote " backslash \\ tab \t snowman \u2603'
    payload = {"nested": {"list": [1, 2.5, None, True]}, "text": reason}
    later = START + timedelta(microseconds=123456)
    delivery = Delivery("d-x", "issues", None, None, DeliveryOutcome.ACCEPTED, reason, START, "g")
    new = NewJob(kind="story", payload=payload, idempotency_key="k", run_at=later)
    assert await store.record_deliveries([(delivery, [new])]) == [True]
    [stored] = await store.list_jobs()
    assert (stored.payload, stored.run_at, stored.group_key) == (payload, later, None)


async def test_a_payload_that_is_not_json_stores_nothing(store: PostgresJobStore) -> None:
    delivery = Delivery("d-n", "issues", None, None, DeliveryOutcome.ACCEPTED, None, START)
    broken = NewJob(kind="story", payload={"x": float("nan")}, idempotency_key="k")
    with pytest.raises(StoreError, match="not JSON"):
        await store.record_deliveries([(delivery, [broken])])
    assert await store.known_deliveries(["d-n"]) == set()
    assert await store.list_jobs() == []


async def test_record_delivery_once_with_its_jobs(store: PostgresJobStore) -> None:
    delivery = Delivery(
        id="d-1",
        event="issues",
        action="labeled",
        installation_id=7,
        outcome=DeliveryOutcome.ACCEPTED,
        reason=None,
        received_at=START,
    )
    await store.enqueue(job("existing"))
    assert await store.record_delivery(delivery, [job("existing"), job("new")])
    assert not await store.record_delivery(delivery, [job("newer")])
    assert await store.record_delivery(
        Delivery("d-2", "ping", None, None, DeliveryOutcome.IGNORED, "no handler", START), []
    )
    keys = sorted(j.idempotency_key for j in await store.list_jobs())
    assert keys == ["existing", "new"]
    assert await store.known_deliveries(["d-1", "d-2", "d-3"]) == {"d-1", "d-2"}
    assert await store.known_deliveries([]) == set()


async def test_installations_and_worker_beats(store: PostgresJobStore, clock: FakeClock) -> None:
    await store.upsert_installation(Installation(2, "bob", ("bob/x",)))
    await store.upsert_installation(Installation(1, "alice"))
    await store.upsert_installation(Installation(2, "bob", ("bob/x", "bob/y"), suspended=True))
    await store.upsert_installation(Installation(3, "gone", deleted=True))
    assert await store.list_installations() == [
        Installation(1, "alice"),
        Installation(2, "bob", ("bob/x", "bob/y"), suspended=True),
    ]

    assert await store.last_worker_beat() is None
    await store.beat_worker("w1")
    clock.advance(5)
    await store.beat_worker("w2")
    assert await store.last_worker_beat() == clock.now


async def test_concurrent_claims_from_separate_stores_take_each_job_once(
    postgres_url: str,  # noqa: F811
    store: PostgresJobStore,
    clock: FakeClock,
) -> None:
    for n in range(200):
        await store.enqueue(job(f"job-{n}"))
    others = [
        PostgresJobStore(postgres_url, schema=store.schema, clock=clock, max_size=4)
        for _ in range(3)
    ]
    claimed: list[int] = []

    async def drain(worker: PostgresJobStore, name: str) -> None:
        while (got := await worker.claim(name, LEASE)) is not None:
            claimed.append(got.id)
            await worker.complete(got.id, name)

    try:
        for other in others:
            await other.open()
        async with anyio.create_task_group() as group:
            for index, other in enumerate(others):
                for lane in range(3):
                    group.start_soon(drain, other, f"store{index}-lane{lane}")
    finally:
        for other in others:
            await other.close()
    assert len(claimed) == 200
    assert len(set(claimed)) == 200
    assert (await store.counts())[JobState.SUCCEEDED] == 200


async def test_stores_opening_together_migrate_once(
    postgres_url: str,  # noqa: F811
    fresh_schema: str,
) -> None:
    stores = [PostgresJobStore(postgres_url, schema=fresh_schema) for _ in range(5)]
    try:
        async with anyio.create_task_group() as group:
            for each in stores:
                group.start_soon(each.open)
        latest = load_migrations("postgres")[-1].version
        assert [await each.schema_version() for each in stores] == [latest] * 5
    finally:
        for each in stores:
            await each.close()
    async with await psycopg.AsyncConnection.connect(postgres_url) as conn:
        query = sql.SQL("SELECT version FROM {}").format(
            sql.Identifier(fresh_schema, "pace_schema_version")
        )
        rows = await (await conn.execute(query)).fetchall()
    assert [row[0] for row in rows] == [each.version for each in load_migrations("postgres")]

    reopened = PostgresJobStore(postgres_url, schema=fresh_schema)
    await reopened.open()
    try:
        assert await reopened.schema_version() == load_migrations("postgres")[-1].version
    finally:
        await reopened.close()


async def test_notify_wakes_a_waiting_worker_and_idle_waits_time_out(
    postgres_url: str,  # noqa: F811
    store: PostgresJobStore,
    fresh_schema: str,
) -> None:
    started = time.monotonic()
    await store.wait_for_jobs(0.3)
    assert time.monotonic() - started >= 0.29

    # Jobs in another schema of the same database do not wake this store's workers.
    neighbour = PostgresJobStore(postgres_url, schema=fresh_schema)
    await neighbour.open()
    try:
        async with anyio.create_task_group() as group:
            group.start_soon(store.wait_for_jobs, 0.5)
            await anyio.sleep(0.05)
            started = time.monotonic()
            await neighbour.enqueue(job("elsewhere"))
        assert time.monotonic() - started >= 0.3
    finally:
        await neighbour.close()

    async with anyio.create_task_group() as group:
        group.start_soon(store.wait_for_jobs, 5)
        await anyio.sleep(0.05)
        started = time.monotonic()
        await store.enqueue(job("wake"))
    assert time.monotonic() - started < 0.5


async def test_listener_reconnects_after_losing_its_connection(
    postgres_url: str,  # noqa: F811
    store: PostgresJobStore,
) -> None:
    pid = store.pool_stats()["listener_pid"]
    async with await psycopg.AsyncConnection.connect(postgres_url, autocommit=True) as admin:
        await admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    # Waiters are woken once the listener is back, in case a notification was missed.
    with anyio.fail_after(3):
        await store.wait_for_jobs(5)
    assert store.pool_stats()["listener_pid"] not in (0, pid)
    async with anyio.create_task_group() as group:
        group.start_soon(store.wait_for_jobs, 5)
        await anyio.sleep(0.05)
        started = time.monotonic()
        await store.enqueue(job("after-reconnect"))
    assert time.monotonic() - started < 0.5


async def test_pool_stats_and_ping(store: PostgresJobStore) -> None:
    await store.ping()
    stats = store.pool_stats()
    assert stats["open"] is True
    assert stats["schema"] == store.schema
    assert stats["max_size"] == 10
    assert stats["listening"] is True
    await store.close()
    await store.close()
    assert store.pool_stats()["open"] is False
    with pytest.raises(StoreError, match="not open"):
        await store.ping()


async def test_errors_never_show_the_password(postgres_url: str) -> None:  # noqa: F811
    secret = "s3cret-Pa55"
    params = psycopg.conninfo.conninfo_to_dict(postgres_url)
    # The test server trusts local connections, so any password gets in.
    with_password = psycopg.conninfo.make_conninfo(postgres_url, password=secret)
    store = PostgresJobStore(with_password, schema=unique_schema())
    assert secret not in repr(store)
    await store.open()
    try:
        with pytest.raises(StoreError) as caught:
            await store.enqueue(job("huge", max_attempts=2**40))
        assert secret not in str(caught.value)
        assert isinstance(caught.value.__cause__, psycopg.Error)
        assert "enqueue failed" in str(caught.value)
    finally:
        await store.close()
        drop_schema(postgres_url, store.schema)

    unreachable = psycopg.conninfo.make_conninfo(
        "", host=str(params.get("host", "127.0.0.1")), port="1", user="x", password=secret
    )
    closed = PostgresJobStore(unreachable, open_timeout=0.5)
    with pytest.raises(StoreError) as caught:
        await closed.open()
    assert secret not in str(caught.value)
    assert "open failed" in str(caught.value)
    assert isinstance(caught.value.__cause__, psycopg.Error)
    assert closed.pool_stats()["open"] is False

    with pytest.raises(StoreError) as caught:
        PostgresJobStore(f"postgresql://u:{secret}@[broken/db")
    assert secret not in str(caught.value)
    assert caught.value.__cause__ is None


async def test_database_errors_become_store_errors(store: PostgresJobStore) -> None:
    with pytest.raises(StoreError, match=r"enqueue failed: .*out of range") as caught:
        await store.enqueue(job("huge", max_attempts=2**40))
    assert isinstance(caught.value.__cause__, psycopg.errors.NumericValueOutOfRange)


def test_schema_comes_from_the_url_options() -> None:
    assert schema_from_url("postgresql://h/db?options=-csearch_path%3Dpace") == "pace"
    assert schema_from_url("postgresql://h/db?options=-c%20search_path%3Dx,public") == "x"
    assert schema_from_url("postgresql://h/db") == "public"
    assert PostgresJobStore("postgresql://h/db").schema == "public"


def test_an_unreachable_server_skips_unless_ci_requires_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PACE_TEST_POSTGRES_URL", "postgresql://x:hidden@127.0.0.1:1/none")
    monkeypatch.delenv("PACE_TEST_REQUIRE_POSTGRES", raising=False)
    with pytest.raises(pytest.skip.Exception, match="not reachable") as skipped:
        require_postgres()
    assert "hidden" not in str(skipped.value)
    monkeypatch.setenv("PACE_TEST_REQUIRE_POSTGRES", "1")
    with pytest.raises(pytest.fail.Exception, match="not reachable"):
        require_postgres()


async def test_a_batch_of_deliveries_sends_one_notify(
    postgres_url: str,  # noqa: F811
    store: PostgresJobStore,
) -> None:
    def delivery(delivery_id: str) -> Delivery:
        return Delivery(
            delivery_id, "issues", "labeled", 7, DeliveryOutcome.ACCEPTED, None, START, delivery_id
        )

    async with await psycopg.AsyncConnection.connect(postgres_url, autocommit=True) as listener:
        await listener.execute("LISTEN pace_jobs")
        batch = [(delivery(f"d{n}"), [job(f"a{n}"), job(f"b{n}")]) for n in range(5)]
        assert await store.record_deliveries(batch) == [True] * 5
        # Nothing new, so nothing to announce.
        assert await store.record_deliveries(batch[:2]) == [False, False]
        await store.record_delivery(delivery("ignored"), [])
        payloads = []
        with anyio.move_on_after(1):
            async for notice in listener.notifies():
                payloads.append(notice.payload)
    # Other tests notify on the same channel, each naming its own schema. (PostgreSQL
    # folds identical notifications of one transaction: what counts is one per batch,
    # and none for batches without new jobs.)
    assert [payload for payload in payloads if payload == store.schema] == [store.schema]
    assert len(await store.list_jobs()) == 10
