"""Run the slowest tests first, so pytest-xdist's workers finish at about the same time.

pytest-xdist hands tests out in collection order as workers free up; a slow test left
near the end keeps one worker busy while the others sit idle. Each run records how long
every test took in pytest's cache; the next run starts with the slowest. A test without
a recorded time counts as ``SLOW_GUESS`` seconds when marked ``slow``, else as none.

The controller reads the cache once and hands the same times to every worker, so all
workers collect the same order even while another run rewrites the cache. ``-n auto``
starts two workers per core (``auto_workers``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest

CACHE_KEY = "pace/durations"
WORKER_INPUT_KEY = "pace_durations"
# What an acceptance test that spawns processes takes when no run has timed it yet.
SLOW_GUESS = 10.0
# Workers per core for ``-n auto``: acceptance tests spend much of their time waiting on
# the processes they spawn, so two per core keep the cores busy.
WORKERS_PER_CORE = 2
AUTO_WORKERS_ENV = "PYTEST_XDIST_AUTO_NUM_WORKERS"


def auto_workers(environ: Mapping[str, str], cores: int) -> int | None:
    """Return how many workers ``-n auto`` starts, or None where the environment says."""
    if environ.get(AUTO_WORKERS_ENV):
        return None  # pytest-xdist's own hook reads it
    return WORKERS_PER_CORE * max(cores, 1)


def expected_seconds(nodeid: str, *, slow: bool, durations: Mapping[str, float]) -> float:
    """Return how long a test should take: its recorded time, else a guess from its mark."""
    known = durations.get(nodeid)
    if known is not None:
        return known
    return SLOW_GUESS if slow else 0.0


def slowest_first(
    items: Sequence[pytest.Item], durations: Mapping[str, float]
) -> list[pytest.Item]:
    """Return ``items`` ordered by expected duration, longest first, ties as collected."""
    expected = [
        expected_seconds(
            item.nodeid, slow=item.get_closest_marker("slow") is not None, durations=durations
        )
        for item in items
    ]
    order = sorted(range(len(items)), key=lambda index: (-expected[index], index))
    return [items[index] for index in order]


def merged(old: Mapping[str, float], new: Mapping[str, float]) -> dict[str, float]:
    """Return the recorded times with this run's replacing those of the tests it ran."""
    return {**old, **new}


def valid_durations(raw: object) -> dict[str, float]:
    """Return the recorded times from the cache, dropping anything that is not one."""
    if not isinstance(raw, dict):
        return {}
    return {
        nodeid: float(seconds)
        for nodeid, seconds in raw.items()
        if isinstance(nodeid, str)
        and isinstance(seconds, int | float)
        and not isinstance(seconds, bool)
        and seconds >= 0
    }


class SlowestFirst:
    """The plugin: orders the collection and records this run's test times."""

    def __init__(self, config: pytest.Config) -> None:
        self._config = config
        self._taken: dict[str, float] = {}
        # Absent under ``-p no:cacheprovider``: then nothing is read or recorded.
        self._cache: pytest.Cache | None = getattr(config, "cache", None)
        worker_input: dict[str, Any] | None = getattr(config, "workerinput", None)
        if worker_input is not None:
            self._recorded = valid_durations(worker_input.get(WORKER_INPUT_KEY))
        elif self._cache is not None:
            self._recorded = valid_durations(self._cache.get(CACHE_KEY, {}))
        else:
            self._recorded = {}

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: Any) -> None:
        """Give a new xdist worker the times this controller read."""
        node.workerinput[WORKER_INPUT_KEY] = self._recorded

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        """Put the slowest tests first."""
        items[:] = slowest_first(items, self._recorded)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Add up the setup, call and teardown time of each test."""
        self._taken[report.nodeid] = self._taken.get(report.nodeid, 0.0) + report.duration

    def pytest_sessionfinish(self) -> None:
        """Record this run's times, on the controller only."""
        if hasattr(self._config, "workerinput") or self._cache is None:
            return
        rounded = {nodeid: round(seconds, 2) for nodeid, seconds in self._taken.items()}
        self._cache.set(CACHE_KEY, merged(self._recorded, rounded))


def install(config: pytest.Config) -> None:
    """Register the plugin with this pytest run."""
    config.pluginmanager.register(SlowestFirst(config), "pace-slowest-first")


def pytest_configure(config: pytest.Config) -> None:
    """Install the plugin when loaded with ``-p tests.scheduling``."""
    install(config)
