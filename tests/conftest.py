"""Fixtures and hooks shared by every test package."""

import functools
import os
import shutil
import subprocess

import pytest

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
