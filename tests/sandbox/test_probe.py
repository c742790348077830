"""Tests for detecting whether bubblewrap works on this host."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pace_app.sandbox.probe import bwrap_problem


def fake_bwrap(tmp_path: Path, body: str) -> str:
    """Write an executable stand-in for bwrap that runs ``body`` with sh."""
    path = tmp_path / "bwrap"
    path.write_text(f"#!/bin/sh\necho run >> {tmp_path / 'calls'}\n{body}\n")
    path.chmod(0o755)
    return str(path)


@pytest.mark.anyio
async def test_failing_bwrap_is_reported_and_probed_once(tmp_path: Path) -> None:
    bwrap = fake_bwrap(tmp_path, 'echo "setting up uid map: Permission denied" >&2; exit 1')
    first = await bwrap_problem(bwrap)
    second = await bwrap_problem(bwrap)
    assert first == second
    assert first == "bwrap cannot create a sandbox here (setting up uid map: Permission denied)"
    assert (tmp_path / "calls").read_text() == "run\n"


@pytest.mark.anyio
async def test_silent_failure_reports_the_exit_status(tmp_path: Path) -> None:
    assert await bwrap_problem(fake_bwrap(tmp_path, "exit 7")) == (
        "bwrap cannot create a sandbox here (exit 7)"
    )


@pytest.mark.anyio
async def test_missing_binary_is_reported(tmp_path: Path) -> None:
    problem = await bwrap_problem(str(tmp_path / "nowhere" / "bwrap"))
    assert problem == "bwrap could not be started (No such file or directory)"


@pytest.mark.anyio
async def test_hanging_bwrap_times_out(tmp_path: Path) -> None:
    bwrap = fake_bwrap(tmp_path, "exec sleep 30")
    assert await bwrap_problem(bwrap, limit=0.3) == "bwrap did not answer a trial run in time"


@pytest.mark.bwrap
@pytest.mark.anyio
async def test_real_bwrap_is_usable() -> None:
    bwrap = shutil.which("bwrap")
    assert bwrap is not None
    assert await bwrap_problem(bwrap) is None
