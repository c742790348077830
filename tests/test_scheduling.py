"""The slowest tests run first: recorded times order the next run, the slow mark guesses."""

from __future__ import annotations

import pytest

from tests.scheduling import (
    AUTO_WORKERS_ENV,
    CACHE_KEY,
    SLOW_GUESS,
    auto_workers,
    expected_seconds,
    merged,
    valid_durations,
)

pytest_plugins = ["pytester"]

SUITE = """
import time
import pytest

def test_quick():
    pass

def test_sleepy():
    time.sleep(0.3)

@pytest.mark.slow
def test_marked():
    pass
"""


def test_a_recorded_time_wins_over_the_mark() -> None:
    assert expected_seconds("t::a", slow=True, durations={"t::a": 0.5}) == 0.5
    assert expected_seconds("t::a", slow=True, durations={}) == SLOW_GUESS
    assert expected_seconds("t::a", slow=False, durations={}) == 0.0


def test_auto_starts_two_workers_per_core_unless_the_environment_says() -> None:
    assert auto_workers({}, 2) == 4
    assert auto_workers({}, 0) == 2
    assert auto_workers({AUTO_WORKERS_ENV: "3"}, 2) is None
    assert auto_workers({AUTO_WORKERS_ENV: ""}, 8) == 16


def test_this_runs_times_replace_only_the_tests_it_ran() -> None:
    assert merged({"a": 1.0, "b": 2.0}, {"b": 3.0, "c": 4.0}) == {"a": 1.0, "b": 3.0, "c": 4.0}


@pytest.mark.parametrize(
    "raw",
    [None, [], "text", {"a": "1"}, {"a": -1.0}, {"a": True}, {3: 1.0}],
)
def test_a_damaged_cache_is_ignored(raw: object) -> None:
    assert valid_durations(raw) == {}


def test_valid_times_are_kept() -> None:
    assert valid_durations({"a": 1, "b": 2.5}) == {"a": 1.0, "b": 2.5}


def collected(pytester: pytest.Pytester) -> list[str]:
    """Run the little suite once with the plugin; return the order its tests ran in."""
    result = pytester.runpytest_inprocess("-p", "tests.scheduling", "-v")
    result.assert_outcomes(passed=3)
    return [
        line.split("::")[1].split()[0]
        for line in result.outlines
        if "::test_" in line and "PASSED" in line
    ]


def test_the_marked_test_leads_then_the_slowest_recorded_one(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_suite=SUITE)
    pytester.makeini("[pytest]\nmarkers =\n    slow: spawns processes\n")
    assert collected(pytester) == ["test_marked", "test_quick", "test_sleepy"]
    # The first run recorded real times: now the sleepy one is known to be the slowest.
    assert collected(pytester)[0] == "test_sleepy"
    recorded = pytester.parseconfigure().cache.get(CACHE_KEY, {})
    assert set(recorded) == {
        f"test_suite.py::{name}" for name in ("test_quick", "test_sleepy", "test_marked")
    }
    assert recorded["test_suite.py::test_sleepy"] >= 0.3
