"""Group commit: concurrent callers share writes, and a failure stays in its batch."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from pace_app.queue.group_commit import GroupCommit

pytestmark = pytest.mark.anyio


class Recorder:
    """A write that remembers its batches; items named ``fail`` fail their batch."""

    def __init__(self, delay: float = 0.0) -> None:
        self.batches: list[list[str]] = []
        self.delay = delay

    async def write(self, items: Sequence[str]) -> list[str]:
        self.batches.append(list(items))
        await asyncio.sleep(self.delay)
        if "fail" in items:
            raise RuntimeError("the disk is full")
        return [item.upper() for item in items]


async def test_concurrent_callers_share_one_write() -> None:
    recorder = Recorder()
    commit = GroupCommit(recorder.write)
    results = await asyncio.gather(*(commit.submit(f"item{n}") for n in range(10)))
    assert results == [f"ITEM{n}" for n in range(10)]
    assert recorder.batches == [[f"item{n}" for n in range(10)]]


async def test_callers_arriving_during_a_write_form_the_next_batch() -> None:
    recorder = Recorder(delay=0.05)
    commit = GroupCommit(recorder.write)
    first = asyncio.ensure_future(commit.submit("a"))
    await asyncio.sleep(0.01)  # the write of "a" is under way
    later = await asyncio.gather(*(commit.submit(name) for name in "bcd"))
    assert (await first, later) == ("A", ["B", "C", "D"])
    assert recorder.batches == [["a"], ["b", "c", "d"]]


async def test_batches_are_bounded() -> None:
    recorder = Recorder()
    commit = GroupCommit(recorder.write, max_batch=3)
    await asyncio.gather(*(commit.submit(str(n)) for n in range(7)))
    assert [len(batch) for batch in recorder.batches] == [3, 3, 1]


async def test_the_window_gathers_callers_that_come_a_little_later() -> None:
    recorder = Recorder()
    commit = GroupCommit(recorder.write, window=0.05)

    async def late(item: str) -> str:
        await asyncio.sleep(0.01)
        return await commit.submit(item)

    assert list(await asyncio.gather(commit.submit("a"), late("b"))) == ["A", "B"]
    assert recorder.batches == [["a", "b"]]


async def test_a_failed_write_fails_only_its_own_batch() -> None:
    recorder = Recorder(delay=0.05)
    commit = GroupCommit(recorder.write)
    doomed = [asyncio.ensure_future(commit.submit(item)) for item in ("x", "fail")]
    await asyncio.sleep(0.01)
    survivor = asyncio.ensure_future(commit.submit("y"))
    outcomes = await asyncio.gather(*doomed, return_exceptions=True)
    assert [str(outcome) for outcome in outcomes] == ["the disk is full"] * 2
    assert await survivor == "Y"
    assert recorder.batches == [["x", "fail"], ["y"]]


async def test_a_write_returning_the_wrong_number_of_results_fails_the_batch() -> None:
    async def short(items: Sequence[str]) -> list[str]:
        return list(items)[:1]

    commit = GroupCommit(short)
    outcomes = await asyncio.gather(commit.submit("a"), commit.submit("b"), return_exceptions=True)
    assert all(isinstance(outcome, RuntimeError) for outcome in outcomes)


async def test_a_caller_gone_before_its_batch_is_not_written() -> None:
    recorder = Recorder(delay=0.05)
    commit = GroupCommit(recorder.write)
    first = asyncio.ensure_future(commit.submit("a"))
    await asyncio.sleep(0.01)
    gone = asyncio.ensure_future(commit.submit("gone"))
    kept = asyncio.ensure_future(commit.submit("kept"))
    await asyncio.sleep(0)
    gone.cancel()
    assert (await first, await kept) == ("A", "KEPT")
    assert recorder.batches == [["a"], ["kept"]]


async def test_a_caller_gone_during_its_write_leaves_the_batch_alone() -> None:
    recorder = Recorder(delay=0.05)
    commit = GroupCommit(recorder.write)
    gone = asyncio.ensure_future(commit.submit("gone"))
    kept = asyncio.ensure_future(commit.submit("kept"))
    await asyncio.sleep(0.01)
    gone.cancel()
    assert await kept == "KEPT"
    assert recorder.batches == [["gone", "kept"]]


@pytest.mark.parametrize(("window", "max_batch"), [(-1.0, 10), (0.0, 0)])
def test_nonsense_bounds_are_refused(window: float, max_batch: int) -> None:
    with pytest.raises(ValueError, match="window"):
        GroupCommit(Recorder().write, window=window, max_batch=max_batch)
