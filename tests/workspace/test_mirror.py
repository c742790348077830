"""Mirrors: created once, fetched incrementally, locked across tasks and processes."""

from __future__ import annotations

from pathlib import Path

import anyio
import pytest

from pace_app.errors import WorkspaceError
from pace_app.workspace import Git, Mirrors, Repository, UrlPolicy
from tests.workspace.conftest import TOKEN, Origin, RecordingSpawn, git


@pytest.fixture
def mirrors(tmp_path: Path, spawn: RecordingSpawn) -> Mirrors:
    """Mirrors under a temporary directory that may use file:// URLs."""
    return Mirrors(tmp_path / "mirrors", git=Git(spawn=spawn), policy=UrlPolicy(allow_file=True))


def heads(path: Path) -> dict[str, str]:
    """Return a repository's branches and their heads."""
    out = git("for-each-ref", "--format=%(refname:short) %(objectname)", "refs/heads", cwd=path)
    return dict(line.split(" ", 1) for line in out.splitlines())


@pytest.mark.anyio
async def test_mirror_is_created_then_fetched_incrementally(
    mirrors: Mirrors, origin: Origin, spawn: RecordingSpawn
) -> None:
    mirror = await mirrors.sync(origin.repository(), TOKEN)
    assert mirror.path == mirrors.root / "octo" / "widgets.git"
    assert git("rev-parse", "--is-bare-repository", cwd=mirror.path).strip() == "true"
    assert heads(mirror.path) == {"main": origin.head("main")}

    new = origin.commit("main", {"new.txt": "new\n"})
    origin.commit("feature", {"f.txt": "f\n"})
    spawn.calls.clear()
    again = await mirrors.sync(origin.repository(), TOKEN)
    assert again.path == mirror.path
    assert heads(mirror.path) == {"main": new, "feature": origin.head("feature")}
    # The second sync only fetched: no new repository was made.
    assert [argv[1] for argv, _ in spawn.calls] == ["fetch"]
    assert await mirror.branch_head("feature") == origin.head("feature")
    assert await mirror.branch_head("absent") is None


@pytest.mark.anyio
async def test_deleted_branches_are_pruned(mirrors: Mirrors, origin: Origin) -> None:
    origin.commit("old", {"o.txt": "o\n"})
    mirror = await mirrors.sync(origin.repository(), TOKEN)
    assert "old" in heads(mirror.path)
    git("push", "--quiet", "origin", "--delete", "old", cwd=origin.scratch)
    await mirrors.sync(origin.repository(), TOKEN)
    assert set(heads(mirror.path)) == {"main"}


@pytest.mark.anyio
async def test_mirror_config_holds_no_url_or_credentials(mirrors: Mirrors, origin: Origin) -> None:
    mirror = await mirrors.sync(origin.repository(), TOKEN)
    config = (mirror.path / "config").read_text()
    assert "[remote" not in config
    assert str(origin.bare) not in config
    assert TOKEN not in config


@pytest.mark.anyio
async def test_names_are_case_insensitive(mirrors: Mirrors, origin: Origin) -> None:
    lower = await mirrors.sync(origin.repository("octo", "widgets"), TOKEN)
    upper = await mirrors.sync(origin.repository("Octo", "Widgets"), TOKEN)
    assert lower.path == upper.path


@pytest.mark.anyio
async def test_a_half_made_mirror_is_rebuilt(mirrors: Mirrors, origin: Origin) -> None:
    path = mirrors.path_for(origin.repository())
    path.mkdir(parents=True)
    (path / "garbage").write_text("crash\n")
    staging = path.with_name(path.name + ".new")
    staging.mkdir()
    mirror = await mirrors.sync(origin.repository(), TOKEN)
    assert not (mirror.path / "garbage").exists()
    assert not staging.exists()
    assert heads(mirror.path) == {"main": origin.head("main")}


@pytest.mark.anyio
async def test_failed_first_fetch_raises_and_the_next_sync_recovers(
    mirrors: Mirrors, origin: Origin, tmp_path: Path
) -> None:
    hidden = tmp_path / "hidden.git"
    origin.bare.rename(hidden)
    with pytest.raises(WorkspaceError, match="git fetch failed"):
        await mirrors.sync(origin.repository(), TOKEN)
    hidden.rename(origin.bare)
    mirror = await mirrors.sync(origin.repository(), TOKEN)
    assert heads(mirror.path) == {"main": origin.head("main")}


@pytest.mark.anyio
async def test_refused_url_creates_nothing(tmp_path: Path, origin: Origin) -> None:
    strict = Mirrors(tmp_path / "mirrors")
    with pytest.raises(WorkspaceError, match="'file'"):
        await strict.sync(origin.repository(), TOKEN)
    assert not (tmp_path / "mirrors").exists()


@pytest.mark.anyio
async def test_the_file_lock_serialises_separate_processes(tmp_path: Path, origin: Origin) -> None:
    # Two Mirrors objects share no in-process lock, as two worker processes would not.
    policy = UrlPolicy(allow_file=True)
    first = Mirrors(tmp_path / "mirrors", policy=policy)
    second = Mirrors(tmp_path / "mirrors", policy=policy)
    repository = origin.repository()
    done = anyio.Event()

    async def sync_second() -> None:
        await second.sync(repository, TOKEN)
        done.set()

    async with anyio.create_task_group() as group:
        async with first.lock(repository):
            group.start_soon(sync_second)
            await anyio.sleep(0.3)
            assert not done.is_set()
        with anyio.fail_after(30):
            await done.wait()
    assert heads(second.path_for(repository)) == {"main": origin.head("main")}


@pytest.mark.anyio
async def test_concurrent_syncs_in_one_process(mirrors: Mirrors, origin: Origin) -> None:
    repository = origin.repository()
    async with anyio.create_task_group() as group:
        for _ in range(4):
            group.start_soon(mirrors.sync, repository, TOKEN)
    path = mirrors.path_for(repository)
    assert heads(path) == {"main": origin.head("main")}
    git("fsck", "--no-progress", cwd=path)


def test_traversal_in_names_is_refused(mirrors: Mirrors) -> None:
    with pytest.raises(WorkspaceError):
        mirrors.path_for(Repository("..", "x", "https://github.com/o/r.git"))
