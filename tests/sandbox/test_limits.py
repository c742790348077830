"""Tests for the resource limits: the pure checks and each limit hit by a real command."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from pace_app.sandbox.limits import (
    TreeUsage,
    descendants,
    disk_usage,
    hit_file_limit,
    over_limit,
    parse_stat,
    rlimit_argv,
    tree_usage,
)
from pace_app.sandbox.policy import MIB, Limits, SandboxMode, SandboxPolicy
from pace_app.sandbox.runner import SandboxRunner

ISOLATIONS = [
    pytest.param("off", id="unsandboxed"),
    pytest.param("required", id="bwrap", marks=pytest.mark.bwrap),
]
SMALL = Limits(memory_bytes=200 * MIB, processes=40, file_bytes=1 * MIB, disk_bytes=30 * MIB)


@pytest.fixture(params=ISOLATIONS)
def mode(request: pytest.FixtureRequest) -> SandboxMode:
    """Run the test once without the sandbox and once inside bubblewrap."""
    value: SandboxMode = request.param
    return value


def limited(run_dir: Path, mode: SandboxMode) -> SandboxRunner:
    """Build a runner with small limits."""
    return SandboxRunner(
        run_dir, SandboxPolicy(mode=mode, timeout=30, kill_grace=0.3, limits=SMALL)
    )


def test_rlimit_argv_sets_the_process_count_only_in_a_fresh_user_namespace() -> None:
    assert rlimit_argv("/usr/bin/prlimit", SMALL, processes=True) == [
        "/usr/bin/prlimit",
        f"--fsize={MIB}",
        "--nproc=40",
        "--",
    ]
    assert rlimit_argv("prlimit", SMALL, processes=False) == ["prlimit", f"--fsize={MIB}", "--"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 (sh) S 1 12 12 0", (12, 1)),
        ("40 (we) ird) name) R 39 40 40", (40, 39)),
        ("7 (a b) Z 3 7", (7, 3)),
    ],
)
def test_parse_stat(text: str, expected: tuple[int, int]) -> None:
    assert parse_stat(text) == expected


def test_descendants_follow_the_tree_only() -> None:
    parents = {1: 0, 10: 1, 11: 10, 12: 11, 13: 10, 20: 1, 21: 20}
    assert descendants(parents, 10) == {10, 11, 12, 13}
    assert descendants(parents, 99) == {99}


@pytest.mark.parametrize(
    ("pids", "memory", "message"),
    [
        (5, 10 * MIB, None),
        (5, 200 * MIB, "killed: memory limit 200 MiB reached"),
        (40, 0, None),
        (41, 0, "killed: process limit 40 reached"),
    ],
)
def test_over_limit(pids: int, memory: int, message: str | None) -> None:
    usage = TreeUsage(pids=frozenset(range(pids)), memory_bytes=memory)
    assert over_limit(usage, SMALL) == message


@pytest.mark.parametrize(
    ("exit_code", "output", "hit"),
    [
        (128 + signal.SIGXFSZ, "", True),
        (-signal.SIGXFSZ, "", True),
        (1, "OSError: [Errno 27] File too large", True),
        (0, "File too large (a test checking the message)", False),
        (1, "assert False", False),
        (None, "File too large", False),
    ],
)
def test_hit_file_limit(exit_code: int | None, output: str, hit: bool) -> None:
    assert hit_file_limit(exit_code, output) is hit


def test_tree_usage_measures_this_process(tmp_path: Path) -> None:
    usage = tree_usage(os.getpid())
    assert os.getpid() in usage.pids
    assert usage.memory_bytes > 1 * MIB


def test_disk_usage_counts_files_and_never_follows_symlinks(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "data").write_bytes(os.urandom(256 * 1024))
    (tmp_path / "link").symlink_to("/usr")
    assert 256 * 1024 <= disk_usage(tmp_path) < 1 * MIB
    assert disk_usage(tmp_path / "missing") == 0


@pytest.mark.anyio
async def test_memory_limit_kills_the_command(
    run_dir: Path, worktree: Path, mode: SandboxMode
) -> None:
    command = 'python3 -c "import time; x = bytearray(400 * 1024 * 1024); time.sleep(20)"'
    result = await limited(run_dir, mode).run(command, cwd=worktree)
    assert result.limit == "killed: memory limit 200 MiB reached"
    assert (result.exit_code, result.succeeded) == (None, False)
    assert result.output.endswith("[killed: memory limit 200 MiB reached]")
    assert result.duration < 10


@pytest.mark.anyio
async def test_process_limit_stops_a_fork_storm(
    run_dir: Path, worktree: Path, mode: SandboxMode
) -> None:
    command = "for i in $(seq 200); do sleep 20 & done; wait"
    result = await limited(run_dir, mode).run(command, cwd=worktree)
    assert result.limit == "killed: process limit 40 reached"
    assert result.output.endswith("[killed: process limit 40 reached]")
    assert result.duration < 10


@pytest.mark.anyio
async def test_file_size_limit_stops_a_writer(
    run_dir: Path, worktree: Path, mode: SandboxMode
) -> None:
    sandbox = limited(run_dir, mode)
    for command in (
        "head -c 3000000 /dev/zero > big.bin",
        "python3 -c \"open('big.py.bin', 'wb').write(bytes(3000000))\"",
    ):
        result = await sandbox.run(command, cwd=worktree)
        assert result.limit == "stopped: file size limit 1 MiB reached", result.output
        assert not result.succeeded
    assert (worktree / "big.bin").stat().st_size == MIB
    fine = await sandbox.run("head -c 500000 /dev/zero > small.bin", cwd=worktree)
    assert (fine.succeeded, fine.limit) == (True, None)


@pytest.mark.anyio
async def test_disk_limit_kills_the_command(
    run_dir: Path, worktree: Path, mode: SandboxMode
) -> None:
    # Each file stays under the file size limit; together they pass the disk limit.
    command = "for i in $(seq 60); do head -c 900000 /dev/urandom > part$i; done; sleep 20"
    result = await limited(run_dir, mode).run(command, cwd=worktree)
    assert result.limit == "killed: disk limit 30 MiB reached"
    assert result.output.endswith("[killed: disk limit 30 MiB reached]")
    assert result.duration < 10
