"""Fixtures and hooks shared by every test package."""

import functools
import os
import shutil
import subprocess
from collections.abc import Iterator

import pytest

from tests import scheduling
from tests.fakes import fake_github
from tests.fakes.github import openapi

REQUIRE_BWRAP = "PACE_TEST_REQUIRE_BWRAP"


@functools.cache
def bwrap_unavailable() -> str | None:
    """Return why bubblewrap cannot be used for tests here, or None."""
    path = shutil.which("bwrap")
    if path is None:
        return "bwrap is not installed"
    probe = subprocess.run(
        [path, "--unshare-all", "--ro-bind", "/", "/", "true"],
        capture_output=True,
        check=False,
        timeout=30,
    )
    if probe.returncode != 0:
        detail = probe.stderr.decode(errors="replace").strip()
        return f"bwrap cannot create a sandbox here: {detail}"
    return None


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """Start two xdist workers per usable core, unless PYTEST_XDIST_AUTO_NUM_WORKERS says."""
    return scheduling.auto_workers(os.environ, len(os.sched_getaffinity(0)))


def pytest_configure(config: pytest.Config) -> None:
    """Run the slowest tests first (see ``tests.scheduling``)."""
    scheduling.install(config)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip bwrap tests where bubblewrap cannot run, unless CI demands it."""
    if item.get_closest_marker("bwrap") is None:
        return
    reason = bwrap_unavailable()
    if reason is None:
        return
    if os.environ.get(REQUIRE_BWRAP) == "1":
        pytest.fail(f"{REQUIRE_BWRAP}=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def anyio_backend() -> str:
    """Run async tests on asyncio only: the service runs on uvicorn's asyncio loop."""
    return "asyncio"


def pytest_report_header() -> str:
    """Say whether the fake GitHub checks requests against GitHub's REST description."""
    if openapi.installed_version() == openapi.VERSION:
        return f"fake GitHub validates against {openapi.PACKAGE}@{openapi.VERSION}"
    return f"{openapi.PACKAGE}@{openapi.VERSION} not in {openapi.cache_dir()} yet"


@pytest.fixture(scope="session", autouse=True)
def github_rest_description() -> None:
    """Fetch GitHub's REST description with npm if missing; CI demands it."""
    reason = openapi.ensure()
    if reason is not None and os.environ.get(openapi.REQUIRE_ENV) == "1":
        pytest.fail(f"{openapi.REQUIRE_ENV}=1 but {reason}", pytrace=False)


@pytest.fixture(autouse=True)
def github_contract() -> Iterator[None]:
    """Fail the test if it made a fake GitHub answer a request that breaks GitHub's contract."""
    yield
    broken = [
        f"{fake!r}: {violation}"
        for fake in list(fake_github.LIVE)
        for violation in fake.take_violations()
    ]
    if broken:
        pytest.fail(
            "requests broke GitHub's REST contract:\n  " + "\n  ".join(broken), pytrace=False
        )
