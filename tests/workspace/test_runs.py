"""Runs: the worktree goes however the block ends; concurrent runs; no token anywhere."""

from __future__ import annotations

import logging
from pathlib import Path

import anyio
import pytest

from pace_app.errors import WorkspaceError
from pace_app.workspace import Workspace, Worktree, bot_identity
from tests.workspace.conftest import TOKEN, Origin, RecordingSpawn, git

BOT = bot_identity("pace-app", 7)


class Boom(Exception):
    """Raised inside a run block."""


@pytest.mark.anyio
async def test_worktree_is_removed_after_success(workspace: Workspace, origin: Origin) -> None:
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch="b", token=TOKEN
    ) as worktree:
        path = worktree.path
        assert (path / "README.md").is_file()
    assert not path.exists()
    assert path.parent.is_dir()


@pytest.mark.anyio
async def test_worktree_is_removed_after_an_exception(workspace: Workspace, origin: Origin) -> None:
    paths: list[Path] = []

    async def fail_inside() -> None:
        async with workspace.run(
            origin.repository(), run_id="r1", base="main", branch="b", token=TOKEN
        ) as worktree:
            paths.append(worktree.path)
            raise Boom

    with pytest.raises(Boom):
        await fail_inside()
    assert paths
    assert not paths[0].exists()


@pytest.mark.anyio
async def test_worktree_is_removed_after_cancellation(workspace: Workspace, origin: Origin) -> None:
    entered = anyio.Event()
    paths: list[Path] = []

    async def run() -> None:
        async with workspace.run(
            origin.repository(), run_id="r1", base="main", branch="b", token=TOKEN
        ) as worktree:
            paths.append(worktree.path)
            entered.set()
            await anyio.sleep_forever()

    async with anyio.create_task_group() as group:
        group.start_soon(run)
        await entered.wait()
        group.cancel_scope.cancel()
    assert paths
    assert not paths[0].exists()


@pytest.mark.anyio
async def test_cancelled_during_setup_leaves_no_worktree(
    workspace: Workspace, origin: Origin
) -> None:
    # Cancelled while the clone is under way; the half-made checkout goes too.
    with anyio.move_on_after(0.05):
        async with workspace.run(
            origin.repository(), run_id="r1", base="main", branch="b", token=TOKEN
        ):
            await anyio.sleep_forever()
    assert not (workspace.runs_root / "r1" / "worktree").exists()


@pytest.mark.anyio
async def test_leftover_worktree_of_a_crashed_attempt_is_replaced(
    workspace: Workspace, origin: Origin
) -> None:
    stale = workspace.runs_root / "r1" / "worktree"
    stale.mkdir(parents=True)
    (stale / "junk.txt").write_text("from a crash\n")
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch="b", token=TOKEN
    ) as worktree:
        assert not (worktree.path / "junk.txt").exists()
        assert (worktree.path / "README.md").is_file()


@pytest.mark.anyio
async def test_two_concurrent_runs_of_one_repository(workspace: Workspace, origin: Origin) -> None:
    pushed: dict[str, str | None] = {}

    async def run(run_id: str) -> None:
        async with workspace.run(
            origin.repository(), run_id=run_id, base="main", branch=f"pace/{run_id}", token=TOKEN
        ) as worktree:
            (worktree.path / f"{run_id}.txt").write_text(run_id)
            pushed[run_id] = await worktree.commit(f"Work of {run_id}", BOT)
            await worktree.push(TOKEN)

    async with anyio.create_task_group() as group:
        for run_id in ("r1", "r2", "r3"):
            group.start_soon(run, run_id)

    assert origin.branches() == {"main", "pace/r1", "pace/r2", "pace/r3"}
    for run_id, sha in pushed.items():
        assert origin.head(f"pace/{run_id}") == sha
    mirror = workspace.mirrors.path_for(origin.repository())
    git("fsck", "--no-progress", cwd=mirror)


@pytest.mark.anyio
async def test_run_with_an_unsafe_run_id_is_refused(workspace: Workspace, origin: Origin) -> None:
    with pytest.raises(WorkspaceError, match="run id"):
        async with workspace.run(
            origin.repository(), run_id="../escape", base="main", branch="b", token=TOKEN
        ):
            pass  # pragma: no cover


@pytest.mark.anyio
async def test_the_token_is_nowhere_but_the_git_environment(
    workspace: Workspace,
    origin: Origin,
    spawn: RecordingSpawn,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    worktrees: list[Worktree] = []
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch="b", token=TOKEN
    ) as worktree:
        worktrees.append(worktree)
        (worktree.path / "x.txt").write_text("x\n")
        await worktree.commit("Change", BOT)
        await worktree.push(TOKEN)
        config = (worktree.path / ".git" / "config").read_text()
        assert TOKEN not in config
        assert "extraheader" not in config.lower()
        _assert_token_absent(tmp_path)
        origin.commit("b", {"y.txt": "human\n"})
        (worktree.path / "z.txt").write_text("z\n")
        await worktree.commit("More", BOT)
        with pytest.raises(WorkspaceError) as caught:
            await worktree.push(TOKEN)
    assert TOKEN not in str(caught.value)
    assert TOKEN not in repr(worktrees[0])
    mirror = workspace.mirrors.path_for(origin.repository())
    assert TOKEN not in (mirror / "config").read_text()
    _assert_token_absent(tmp_path)
    assert spawn.calls
    for argv, _env in spawn.calls:
        assert not any(TOKEN in arg for arg in argv)
    assert all(TOKEN not in record.getMessage() for record in caplog.records)
    assert all(TOKEN not in str(vars(record)) for record in caplog.records)


def _assert_token_absent(root: Path) -> None:
    """Fail if any file under ``root`` contains the token."""
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            assert TOKEN.encode() not in path.read_bytes(), path
