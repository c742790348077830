"""The job store contract: every backend must pass every test here, unchanged."""

from __future__ import annotations

from datetime import UTC, timedelta

import anyio
import anyio.lowlevel
import pytest

from pace_app.domain.job_store import (
    DEFAULT_REPLAY_WINDOW,
    Delivery,
    DeliveryOutcome,
    Installation,
    JobState,
    JobStore,
    NewJob,
    RetryPolicy,
)
from pace_app.errors import LeaseLost, StoreError
from tests.queue.clock import FakeClock, FixedJitter

pytestmark = pytest.mark.anyio

LEASE = timedelta(seconds=30)


def new_job(key: str, kind: str = "story", **extra: object) -> NewJob:
    """Return a job to enqueue with a recognisable payload."""
    return NewJob(kind=kind, payload={"key": key}, idempotency_key=key, **extra)  # type: ignore[arg-type]


def delivery(delivery_id: str, clock: FakeClock, digest: str | None = None) -> Delivery:
    """Return an accepted issues delivery received now."""
    return Delivery(
        id=delivery_id,
        event="issues",
        action="labeled",
        installation_id=7,
        outcome=DeliveryOutcome.ACCEPTED,
        reason=None,
        received_at=clock(),
        digest=digest,
    )


# -- lifecycle and enqueue --------------------------------------------------------------


async def test_open_is_idempotent_and_ping_answers(store: JobStore) -> None:
    await store.open()
    await store.ping()
    assert await store.list_jobs() == []


async def test_enqueue_stores_a_queued_job(store: JobStore, clock: FakeClock) -> None:
    payload = {"repo": "octo/cat", "issue": 3, "nested": {"names": ["é", "✓"]}, "ok": True}
    job = await store.enqueue(
        NewJob(kind="story", payload=payload, idempotency_key="k1", group_key="octo/cat#3")
    )
    assert job.kind == "story"
    assert job.payload == payload
    assert job.idempotency_key == "k1"
    assert job.group_key == "octo/cat#3"
    assert job.state is JobState.QUEUED
    assert job.attempts == 0
    assert job.max_attempts == 5
    assert job.run_at == clock.now
    assert job.run_at.tzinfo is not None
    assert job.created_at == job.updated_at == clock.now
    assert job.locked_by is None
    assert job.lease_expires_at is None
    assert job.last_error is None
    assert await store.get(job.id) == job


async def test_enqueue_twice_returns_the_first_job(store: JobStore, clock: FakeClock) -> None:
    first = await store.enqueue(new_job("same"))
    clock.advance(5)
    second = await store.enqueue(
        NewJob(kind="other", payload={"x": 1}, idempotency_key="same", max_attempts=1)
    )
    assert second == first
    assert len(await store.list_jobs()) == 1


async def test_enqueue_with_a_future_run_at(store: JobStore, clock: FakeClock) -> None:
    later = clock.now + timedelta(minutes=2)
    job = await store.enqueue(new_job("later", run_at=later))
    assert job.run_at == later


async def test_get_unknown_job_is_none(store: JobStore) -> None:
    assert await store.get(424242) is None


async def test_times_come_back_in_utc(store: JobStore, clock: FakeClock) -> None:
    job = await store.enqueue(new_job("utc"))
    assert job.created_at.utcoffset() == timedelta(0)
    assert job.created_at.astimezone(UTC) == clock.now


# -- claim ------------------------------------------------------------------------------


async def test_claim_on_an_empty_queue_is_none(store: JobStore) -> None:
    assert await store.claim("w1", LEASE) is None


async def test_claim_takes_due_jobs_by_run_at_then_id(store: JobStore, clock: FakeClock) -> None:
    late = await store.enqueue(new_job("late", run_at=clock.now + timedelta(seconds=5)))
    first = await store.enqueue(new_job("first"))
    second = await store.enqueue(new_job("second"))
    earlier = await store.enqueue(new_job("earlier", run_at=clock.now - timedelta(seconds=1)))

    claimed = [await store.claim("w1", LEASE) for _ in range(4)]
    assert [job.id if job else None for job in claimed] == [earlier.id, first.id, second.id, None]

    clock.advance(5)
    again = await store.claim("w1", LEASE)
    assert again is not None
    assert again.id == late.id


async def test_claim_leases_the_job_and_counts_an_attempt(
    store: JobStore, clock: FakeClock
) -> None:
    queued = await store.enqueue(new_job("a"))
    clock.advance(1)
    job = await store.claim("w1", LEASE)
    assert job is not None
    assert job.id == queued.id
    assert job.state is JobState.RUNNING
    assert job.attempts == 1
    assert job.locked_by == "w1"
    assert job.lease_expires_at == clock.now + LEASE
    assert job.updated_at == clock.now
    assert await store.get(job.id) == job
    assert await store.claim("w2", LEASE) is None


async def test_claim_only_the_asked_kinds(store: JobStore) -> None:
    await store.enqueue(new_job("s", kind="story"))
    review = await store.enqueue(new_job("r", kind="review"))
    assert await store.claim("w1", LEASE, kinds=[]) is None
    assert await store.claim("w1", LEASE, kinds=["nothing"]) is None
    job = await store.claim("w1", LEASE, kinds=["review", "nothing"])
    assert job is not None
    assert job.id == review.id
    assert await store.claim("w1", LEASE, kinds=["review"]) is None


async def test_concurrent_claimers_take_each_job_exactly_once(store: JobStore) -> None:
    created = [await store.enqueue(new_job(f"job-{n}")) for n in range(50)]
    taken: list[tuple[str, int]] = []

    async def claimer(name: str) -> None:
        while (job := await store.claim(name, LEASE)) is not None:
            taken.append((name, job.id))
            await anyio.lowlevel.checkpoint()

    async with anyio.create_task_group() as group:
        for n in range(10):
            group.start_soon(claimer, f"w{n}")

    ids = [job_id for _, job_id in taken]
    assert sorted(ids) == [job.id for job in created]
    counts = await store.counts()
    assert counts[JobState.RUNNING] == 50
    for name, job_id in taken:
        job = await store.get(job_id)
        assert job is not None
        assert job.locked_by == name
        assert job.attempts == 1


# -- heartbeat --------------------------------------------------------------------------


async def test_heartbeat_extends_the_lease(store: JobStore, clock: FakeClock) -> None:
    await store.enqueue(new_job("a"))
    job = await store.claim("w1", LEASE)
    assert job is not None
    clock.advance(20)
    assert await store.heartbeat(job.id, "w1", timedelta(seconds=60)) is True
    held = await store.get(job.id)
    assert held is not None
    assert held.lease_expires_at == clock.now + timedelta(seconds=60)
    clock.advance(45)
    assert await store.requeue_expired() == 0


async def test_heartbeat_refuses_other_workers_and_unknown_jobs(store: JobStore) -> None:
    await store.enqueue(new_job("a"))
    job = await store.claim("w1", LEASE)
    assert job is not None
    assert await store.heartbeat(job.id, "w2", LEASE) is False
    assert await store.heartbeat(987654, "w1", LEASE) is False
    await store.complete(job.id, "w1")
    assert await store.heartbeat(job.id, "w1", LEASE) is False


async def test_heartbeat_refuses_a_queued_job(store: JobStore) -> None:
    job = await store.enqueue(new_job("a"))
    assert await store.heartbeat(job.id, "w1", LEASE) is False


# -- complete ---------------------------------------------------------------------------


async def test_complete_marks_the_job_succeeded(store: JobStore, clock: FakeClock) -> None:
    await store.enqueue(new_job("a"))
    job = await store.claim("w1", LEASE)
    assert job is not None
    clock.advance(3)
    await store.complete(job.id, "w1")
    done = await store.get(job.id)
    assert done is not None
    assert done.state is JobState.SUCCEEDED
    assert done.locked_by is None
    assert done.lease_expires_at is None
    assert done.attempts == 1
    assert done.updated_at == clock.now
    assert await store.claim("w1", LEASE) is None


async def test_complete_by_another_worker_loses_the_lease(store: JobStore) -> None:
    queued = await store.enqueue(new_job("a"))
    with pytest.raises(LeaseLost):
        await store.complete(queued.id, "w1")
    job = await store.claim("w1", LEASE)
    assert job is not None
    with pytest.raises(LeaseLost):
        await store.complete(job.id, "w2")
    with pytest.raises(LeaseLost):
        await store.complete(123456, "w1")
    await store.complete(job.id, "w1")
    with pytest.raises(LeaseLost):
        await store.complete(job.id, "w1")
    assert issubclass(LeaseLost, StoreError)


# -- fail and backoff -------------------------------------------------------------------


async def test_fail_requeues_with_backoff(
    store: JobStore, clock: FakeClock, jitter: FixedJitter, retry: RetryPolicy
) -> None:
    await store.enqueue(new_job("a", max_attempts=3))
    job = await store.claim("w1", LEASE)
    assert job is not None
    jitter.value = 0.5
    failed = await store.fail(job.id, "w1", "RuntimeError: boom")
    assert failed.state is JobState.QUEUED
    assert failed.attempts == 1
    assert failed.last_error == "RuntimeError: boom"
    assert failed.locked_by is None
    assert failed.lease_expires_at is None
    assert failed.run_at == clock.now + retry.delay(1, 0.5)
    assert failed.run_at == clock.now + timedelta(seconds=5)
    assert await store.get(job.id) == failed

    assert await store.claim("w1", LEASE) is None
    clock.advance(5)
    again = await store.claim("w1", LEASE)
    assert again is not None
    assert again.attempts == 2
    assert again.last_error == "RuntimeError: boom"


@pytest.mark.parametrize("value", [0.0, 0.25, 1.0])
async def test_backoff_stays_within_its_bounds(
    store: JobStore, clock: FakeClock, jitter: FixedJitter, retry: RetryPolicy, value: float
) -> None:
    jitter.value = value
    await store.enqueue(new_job("a", max_attempts=10))
    for attempt in range(1, 10):
        job = await store.claim("w1", LEASE)
        assert job is not None
        assert job.attempts == attempt
        failed = await store.fail(job.id, "w1", "E: again")
        ceiling = min(retry.cap, retry.base * 2 ** (attempt - 1))
        wait = failed.run_at - clock.now
        assert wait == ceiling * value
        assert timedelta(0) <= wait <= retry.cap
        clock.now = failed.run_at


async def test_fail_after_the_last_attempt_is_dead(store: JobStore, clock: FakeClock) -> None:
    await store.enqueue(new_job("a", max_attempts=2))
    first = await store.claim("w1", LEASE)
    assert first is not None
    assert (await store.fail(first.id, "w1", "E: one")).state is JobState.QUEUED
    clock.advance(3600)
    second = await store.claim("w1", LEASE)
    assert second is not None
    dead = await store.fail(second.id, "w1", "E: two")
    assert dead.state is JobState.DEAD
    assert dead.attempts == 2
    assert dead.last_error == "E: two"
    assert dead.locked_by is None
    clock.advance(3600)
    assert await store.claim("w1", LEASE) is None
    assert (await store.counts())[JobState.DEAD] == 1


async def test_fail_with_a_single_attempt_is_dead_at_once(store: JobStore) -> None:
    await store.enqueue(new_job("a", max_attempts=1))
    job = await store.claim("w1", LEASE)
    assert job is not None
    assert (await store.fail(job.id, "w1", "E: only")).state is JobState.DEAD


async def test_fail_keeps_the_error_bounded(store: JobStore) -> None:
    await store.enqueue(new_job("a"))
    job = await store.claim("w1", LEASE)
    assert job is not None
    failed = await store.fail(job.id, "w1", "ValueError: " + "x" * 50_000)
    assert failed.last_error is not None
    assert failed.last_error.startswith("ValueError: xxx")
    assert len(failed.last_error) <= 4000


async def test_fail_by_another_worker_loses_the_lease(store: JobStore) -> None:
    queued = await store.enqueue(new_job("a"))
    with pytest.raises(LeaseLost):
        await store.fail(queued.id, "w1", "E: not running")
    job = await store.claim("w1", LEASE)
    assert job is not None
    with pytest.raises(LeaseLost):
        await store.fail(job.id, "w2", "E: not mine")
    held = await store.get(job.id)
    assert held is not None
    assert held.state is JobState.RUNNING
    assert held.last_error is None


# -- release ----------------------------------------------------------------------------


async def test_release_requeues_without_counting_the_attempt(
    store: JobStore, clock: FakeClock
) -> None:
    queued = await store.enqueue(new_job("a"))
    job = await store.claim("w1", LEASE)
    assert job is not None
    clock.advance(10)
    await store.release(job.id, "w1")
    released = await store.get(job.id)
    assert released is not None
    assert released.state is JobState.QUEUED
    assert released.attempts == 0
    assert released.locked_by is None
    assert released.lease_expires_at is None
    assert released.run_at <= clock.now
    assert released.run_at == queued.run_at
    again = await store.claim("w2", LEASE)
    assert again is not None
    assert again.id == job.id
    assert again.attempts == 1


async def test_release_by_another_worker_loses_the_lease(store: JobStore) -> None:
    queued = await store.enqueue(new_job("a"))
    with pytest.raises(LeaseLost):
        await store.release(queued.id, "w1")
    job = await store.claim("w1", LEASE)
    assert job is not None
    with pytest.raises(LeaseLost):
        await store.release(job.id, "w2")
    await store.complete(job.id, "w1")
    with pytest.raises(LeaseLost):
        await store.release(job.id, "w1")


# -- lease expiry -----------------------------------------------------------------------


async def test_expired_leases_go_back_to_the_queue(store: JobStore, clock: FakeClock) -> None:
    await store.enqueue(new_job("a"))
    kept = await store.enqueue(new_job("b"))
    job = await store.claim("w1", LEASE)
    other = await store.claim("w2", timedelta(minutes=5))
    assert job is not None
    assert other is not None
    assert other.id == kept.id

    clock.advance(29)
    assert await store.requeue_expired() == 0
    clock.advance(2)
    assert await store.requeue_expired() == 1
    assert await store.requeue_expired() == 0

    requeued = await store.get(job.id)
    assert requeued is not None
    assert requeued.state is JobState.QUEUED
    assert requeued.attempts == 1
    assert requeued.locked_by is None
    assert requeued.lease_expires_at is None
    still = await store.get(other.id)
    assert still is not None
    assert still.state is JobState.RUNNING

    assert await store.heartbeat(job.id, "w1", LEASE) is False
    with pytest.raises(LeaseLost):
        await store.complete(job.id, "w1")
    again = await store.claim("w3", LEASE)
    assert again is not None
    assert again.id == job.id
    assert again.attempts == 2
    assert again.locked_by == "w3"


# -- cancel -----------------------------------------------------------------------------


async def test_cancel_a_queued_job(store: JobStore, clock: FakeClock) -> None:
    job = await store.enqueue(new_job("a"))
    clock.advance(1)
    assert await store.cancel(job.id) is True
    cancelled = await store.get(job.id)
    assert cancelled is not None
    assert cancelled.state is JobState.CANCELLED
    assert cancelled.updated_at == clock.now
    assert await store.claim("w1", LEASE) is None
    assert await store.cancel(job.id) is False


async def test_cancel_a_running_job_stops_its_lease(store: JobStore) -> None:
    await store.enqueue(new_job("a"))
    job = await store.claim("w1", LEASE)
    assert job is not None
    assert await store.cancel(job.id) is True
    cancelled = await store.get(job.id)
    assert cancelled is not None
    assert cancelled.state is JobState.CANCELLED
    assert cancelled.locked_by is None
    assert await store.heartbeat(job.id, "w1", LEASE) is False
    with pytest.raises(LeaseLost):
        await store.complete(job.id, "w1")
    with pytest.raises(LeaseLost):
        await store.fail(job.id, "w1", "E: late")
    with pytest.raises(LeaseLost):
        await store.release(job.id, "w1")
    assert (await store.get(job.id)) == cancelled
    assert await store.requeue_expired() == 0


async def test_cancel_a_finished_or_unknown_job_is_false(store: JobStore) -> None:
    await store.enqueue(new_job("done"))
    await store.enqueue(new_job("dead", max_attempts=1))
    done = await store.claim("w1", LEASE)
    dead = await store.claim("w1", LEASE)
    assert done is not None
    assert dead is not None
    await store.complete(done.id, "w1")
    await store.fail(dead.id, "w1", "E: dead")
    assert await store.cancel(done.id) is False
    assert await store.cancel(dead.id) is False
    assert await store.cancel(999_999) is False
    finished = await store.get(done.id)
    assert finished is not None
    assert finished.state is JobState.SUCCEEDED


async def test_cancel_group_cancels_unfinished_jobs_of_some_kinds(store: JobStore) -> None:
    story = await store.enqueue(new_job("s1", kind="story", group_key="g"))
    review = await store.enqueue(new_job("r1", kind="review", group_key="g"))
    scribe = await store.enqueue(new_job("c1", kind="scribe", group_key="g"))
    elsewhere = await store.enqueue(new_job("s2", kind="story", group_key="h"))
    loose = await store.enqueue(new_job("s3", kind="story"))
    running = await store.claim("w1", LEASE, kinds=["review"])
    assert running is not None
    assert running.id == review.id

    assert await store.cancel_group("g", kinds=[]) == 0
    assert await store.cancel_group("g", kinds=["story", "review"]) == 2
    assert await store.cancel_group("g", kinds=["story", "review"]) == 0

    states = {job.id: job.state for job in await store.list_jobs()}
    assert states[story.id] is JobState.CANCELLED
    assert states[review.id] is JobState.CANCELLED
    assert states[scribe.id] is JobState.QUEUED
    assert states[elsewhere.id] is JobState.QUEUED
    assert states[loose.id] is JobState.QUEUED
    assert await store.heartbeat(review.id, "w1", LEASE) is False

    assert await store.cancel_group("g") == 1
    assert await store.cancel_group("nobody") == 0


async def test_cancel_group_leaves_finished_jobs_alone(store: JobStore) -> None:
    await store.enqueue(new_job("s1", group_key="g"))
    job = await store.claim("w1", LEASE)
    assert job is not None
    await store.complete(job.id, "w1")
    assert await store.cancel_group("g") == 0
    finished = await store.get(job.id)
    assert finished is not None
    assert finished.state is JobState.SUCCEEDED


# -- deliveries -------------------------------------------------------------------------


async def test_record_delivery_stores_it_with_its_jobs(store: JobStore, clock: FakeClock) -> None:
    recorded = await store.record_delivery(
        delivery("d1", clock), [new_job("a", group_key="g"), new_job("b", kind="review")]
    )
    assert recorded is True
    jobs = await store.list_jobs()
    assert sorted(job.idempotency_key for job in jobs) == ["a", "b"]
    assert all(job.state is JobState.QUEUED for job in jobs)
    assert await store.known_deliveries(["d1", "d2"]) == {"d1"}


async def test_record_delivery_without_jobs(store: JobStore, clock: FakeClock) -> None:
    ignored = Delivery(
        id="d-ignored",
        event="ping",
        action=None,
        installation_id=None,
        outcome=DeliveryOutcome.IGNORED,
        reason="not an event we handle",
        received_at=clock(),
    )
    assert await store.record_delivery(ignored, []) is True
    assert await store.known_deliveries(["d-ignored"]) == {"d-ignored"}
    assert await store.list_jobs() == []


async def test_a_redelivery_creates_nothing(store: JobStore, clock: FakeClock) -> None:
    assert await store.record_delivery(delivery("d1", clock), [new_job("a")]) is True
    again = await store.record_delivery(delivery("d1", clock), [new_job("a"), new_job("new")])
    assert again is False
    assert [job.idempotency_key for job in await store.list_jobs()] == ["a"]


async def test_record_delivery_skips_jobs_already_enqueued(
    store: JobStore, clock: FakeClock
) -> None:
    existing = await store.enqueue(new_job("a"))
    recorded = await store.record_delivery(
        delivery("d1", clock), [new_job("a", kind="changed"), new_job("b")]
    )
    assert recorded is True
    jobs = {job.idempotency_key: job for job in await store.list_jobs()}
    assert sorted(jobs) == ["a", "b"]
    assert jobs["a"] == existing


async def test_record_delivery_is_all_or_nothing(store: JobStore, clock: FakeClock) -> None:
    broken = NewJob(kind="story", payload={}, idempotency_key="broken", max_attempts=0)
    with pytest.raises(StoreError):
        await store.record_delivery(delivery("d1", clock), [new_job("a"), broken])
    assert await store.known_deliveries(["d1"]) == set()
    assert await store.list_jobs() == []
    assert await store.record_delivery(delivery("d1", clock), [new_job("a")]) is True


async def test_known_deliveries(store: JobStore, clock: FakeClock) -> None:
    assert await store.known_deliveries([]) == set()
    for n in range(3):
        await store.record_delivery(delivery(f"d{n}", clock), [])
    many = [f"x{n}" for n in range(1200)] + ["d2", "d0", "d0"]
    assert await store.known_deliveries(many) == {"d0", "d2"}


async def test_record_deliveries_writes_a_batch_at_once(store: JobStore, clock: FakeClock) -> None:
    batch = [
        (delivery("d1", clock, "h1"), [new_job("a"), new_job("b")]),
        (delivery("d2", clock, "h2"), []),
        (delivery("d3", clock), [new_job("c")]),
    ]
    assert await store.record_deliveries(batch) == [True, True, True]
    assert sorted(job.idempotency_key for job in await store.list_jobs()) == ["a", "b", "c"]
    assert await store.known_deliveries(["d1", "d2", "d3"]) == {"d1", "d2", "d3"}
    assert await store.record_deliveries([]) == []


async def test_a_replayed_body_under_a_new_id_creates_nothing(
    store: JobStore, clock: FakeClock
) -> None:
    assert await store.record_delivery(delivery("d1", clock, "same-body"), [new_job("a")])
    clock.advance(3600)
    replay = delivery("d2", clock, "same-body")
    assert await store.record_delivery(replay, [new_job("b")]) is False
    assert [job.idempotency_key for job in await store.list_jobs()] == ["a"]
    assert await store.known_deliveries(["d1", "d2"]) == {"d1"}


async def test_a_body_is_new_again_after_the_replay_window(
    store: JobStore, clock: FakeClock
) -> None:
    assert await store.record_delivery(delivery("d1", clock, "same-body"), [new_job("a")])
    clock.advance(DEFAULT_REPLAY_WINDOW.total_seconds() + 120)
    assert await store.record_delivery(delivery("d2", clock, "same-body"), [new_job("b")])
    # Remembered again from now on.
    assert not await store.record_delivery(delivery("d3", clock, "same-body"), [new_job("c")])
    assert sorted(job.idempotency_key for job in await store.list_jobs()) == ["a", "b"]


async def test_a_batch_repeating_an_id_or_digest_keeps_the_first(
    store: JobStore, clock: FakeClock
) -> None:
    batch = [
        (delivery("d1", clock, "h1"), [new_job("a")]),
        (delivery("d1", clock, "h2"), [new_job("b")]),
        (delivery("d2", clock, "h1"), [new_job("c")]),
        (delivery("d3", clock, "h3"), [new_job("d")]),
    ]
    assert await store.record_deliveries(batch) == [True, False, False, True]
    assert sorted(job.idempotency_key for job in await store.list_jobs()) == ["a", "d"]


async def test_a_batch_of_only_known_deliveries_writes_nothing(
    store: JobStore, clock: FakeClock
) -> None:
    await store.record_delivery(delivery("d1", clock, "h1"), [new_job("a")])
    again = [(delivery("d1", clock, "h1"), [new_job("b")])] * 2
    assert await store.record_deliveries(again) == [False, False]
    assert [job.idempotency_key for job in await store.list_jobs()] == ["a"]


async def test_a_batch_is_all_or_nothing(store: JobStore, clock: FakeClock) -> None:
    broken = NewJob(kind="story", payload={}, idempotency_key="broken", max_attempts=0)
    batch = [(delivery("d1", clock), [new_job("a")]), (delivery("d2", clock), [broken])]
    with pytest.raises(StoreError):
        await store.record_deliveries(batch)
    assert await store.known_deliveries(["d1", "d2"]) == set()
    assert await store.list_jobs() == []


async def test_concurrent_batches_never_record_one_body_twice(
    store: JobStore, clock: FakeClock
) -> None:
    results: list[list[bool]] = []

    async def write(n: int) -> None:
        batch = [(delivery(f"d{n}-{m}", clock, f"h{m}"), [new_job(f"j{n}-{m}")]) for m in range(5)]
        results.append(await store.record_deliveries(batch))

    async with anyio.create_task_group() as group:
        for n in range(4):
            group.start_soon(write, n)
    recorded = [flag for result in results for flag in result]
    assert recorded.count(True) == 5
    assert len(await store.list_jobs()) == 5


# -- listing and counting ---------------------------------------------------------------


async def test_counts_cover_every_state(store: JobStore) -> None:
    assert await store.counts() == dict.fromkeys(JobState, 0)
    await store.enqueue(new_job("q"))
    await store.enqueue(new_job("r"))
    await store.enqueue(new_job("c"))
    running = await store.claim("w1", LEASE)
    assert running is not None
    await store.cancel((await store.list_jobs(state=JobState.QUEUED))[0].id)
    counts = await store.counts()
    assert counts == {
        JobState.QUEUED: 1,
        JobState.RUNNING: 1,
        JobState.SUCCEEDED: 0,
        JobState.DEAD: 0,
        JobState.CANCELLED: 1,
    }


async def test_list_jobs_newest_first_with_filters(store: JobStore, clock: FakeClock) -> None:
    first = await store.enqueue(new_job("1", kind="story"))
    clock.advance(1)
    second = await store.enqueue(new_job("2", kind="review"))
    clock.advance(1)
    third = await store.enqueue(new_job("3", kind="story"))
    running = await store.claim("w1", LEASE)
    assert running is not None
    assert running.id == first.id

    assert [job.id for job in await store.list_jobs()] == [third.id, second.id, first.id]
    assert [job.id for job in await store.list_jobs(kind="story")] == [third.id, first.id]
    assert [job.id for job in await store.list_jobs(state=JobState.RUNNING)] == [first.id]
    assert [job.id for job in await store.list_jobs(state=JobState.QUEUED, kind="story")] == [
        third.id
    ]
    assert [job.id for job in await store.list_jobs(limit=2)] == [third.id, second.id]
    assert await store.list_jobs(kind="nothing") == []


# -- installations and workers ----------------------------------------------------------


async def test_installations_are_upserted_and_deleted_ones_hidden(store: JobStore) -> None:
    assert await store.list_installations() == []
    await store.upsert_installation(Installation(id=20, account_login="octo"))
    await store.upsert_installation(
        Installation(id=10, account_login="cat", repositories=("cat/a", "cat/b"))
    )
    assert await store.list_installations() == [
        Installation(id=10, account_login="cat", repositories=("cat/a", "cat/b")),
        Installation(id=20, account_login="octo"),
    ]

    await store.upsert_installation(
        Installation(id=20, account_login="octo-renamed", repositories=("o/x",), suspended=True)
    )
    await store.upsert_installation(Installation(id=10, account_login="cat", deleted=True))
    assert await store.list_installations() == [
        Installation(id=20, account_login="octo-renamed", repositories=("o/x",), suspended=True)
    ]

    await store.upsert_installation(Installation(id=10, account_login="cat"))
    assert [found.id for found in await store.list_installations()] == [10, 20]


async def test_worker_beats(store: JobStore, clock: FakeClock) -> None:
    assert await store.last_worker_beat() is None
    await store.beat_worker("w1")
    assert await store.last_worker_beat() == clock.now
    clock.advance(10)
    await store.beat_worker("w2")
    assert await store.last_worker_beat() == clock.now
    clock.advance(10)
    await store.beat_worker("w1")
    beat = await store.last_worker_beat()
    assert beat == clock.now
    assert beat is not None
    assert beat.utcoffset() == timedelta(0)
