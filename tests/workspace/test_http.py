"""Clone, fetch and push over real smart HTTP, with and without the right token."""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from pace_app.errors import WorkspaceError
from pace_app.workspace import Git, Repository, Workspace, bot_identity
from tests.fakes.git_server import GitServer, git
from tests.workspace.conftest import TOKEN, RecordingSpawn

BOT = bot_identity("pace-app", 41898282)
NAME = "octo/widgets"
SECRETS = (TOKEN.encode(), base64.b64encode(f"x-access-token:{TOKEN}".encode()))


@pytest.fixture
def server(tmp_path: Path) -> Iterator[GitServer]:
    """A git smart-HTTP server that wants the test token."""
    with GitServer(tmp_path / "remote", password=TOKEN) as git_server:
        yield git_server


@pytest.fixture
def repository(server: GitServer) -> Repository:
    """A repository on the server, as a webhook payload describes it."""
    url = server.create_repo(NAME, {"README.md": "# Widgets\n", "src/app.py": "x = 1\n"})
    return Repository.from_payload(
        {"name": "widgets", "owner": {"login": "octo"}, "clone_url": url}
    )


@pytest.fixture
def http_workspace(tmp_path: Path, spawn: RecordingSpawn) -> Workspace:
    """A workspace with the default URL policy (http only for loopback)."""
    return Workspace(tmp_path / "data", git=Git(spawn=spawn, timeout=60))


@pytest.mark.anyio
async def test_run_clones_commits_and_pushes_over_http(
    http_workspace: Workspace,
    server: GitServer,
    repository: Repository,
    spawn: RecordingSpawn,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    async with http_workspace.run(
        repository, run_id="r1", base="main", branch="pace/issue-3-http", token=TOKEN
    ) as worktree:
        assert (worktree.path / "src" / "app.py").read_text() == "x = 1\n"
        (worktree.path / "src" / "app.py").write_text("x = 2\n")
        sha = await worktree.commit("Bump x", BOT)
        await worktree.push(TOKEN)
        _assert_no_secret_in_files(tmp_path / "data")

    assert server.branches(NAME)["pace/issue-3-http"] == sha
    assert server.read_file(NAME, "src/app.py", "pace/issue-3-http") == "x = 2\n"
    assert server.commits(NAME, "pace/issue-3-http")[0].author == BOT.name
    _assert_no_secret_in_files(tmp_path / "data")
    remote_calls = [(argv, env) for argv, env in spawn.calls if argv[1] in ("fetch", "push")]
    assert [argv[1] for argv, _ in remote_calls] == ["fetch", "push"]
    for argv, _env in spawn.calls:
        assert not any(TOKEN in arg for arg in argv)
    # The token reached git, as a header value in the environment of remote commands only.
    for _argv, env in remote_calls:
        assert any(SECRETS[1].decode() in value for value in env.values())
    local_calls = [env for argv, env in spawn.calls if argv[1] not in ("fetch", "push")]
    assert local_calls
    assert not any(SECRETS[1].decode() in v for env in local_calls for v in env.values())
    assert all(TOKEN not in str(vars(record)) for record in caplog.records)


@pytest.mark.anyio
async def test_rerun_starts_from_the_branch_on_the_server(
    http_workspace: Workspace, server: GitServer, repository: Repository
) -> None:
    async with http_workspace.run(
        repository, run_id="r1", base="main", branch="b", token=TOKEN
    ) as first:
        (first.path / "one.txt").write_text("1\n")
        pushed = await first.commit("One", BOT)
        await first.push(TOKEN)
    async with http_workspace.run(
        repository, run_id="r2", base="main", branch="b", token=TOKEN
    ) as second:
        assert await second.head() == pushed
        assert second.remote_sha == pushed
        assert (second.path / "one.txt").read_text() == "1\n"


@pytest.mark.anyio
@pytest.mark.parametrize("token", [None, "ghs_wrongToken"])
async def test_fetch_without_the_right_token_is_refused(
    http_workspace: Workspace, repository: Repository, token: str | None
) -> None:
    with pytest.raises(WorkspaceError, match="git fetch failed") as caught:
        async with http_workspace.run(
            repository, run_id="r1", base="main", branch="b", token=token
        ):
            pass  # pragma: no cover
    assert TOKEN not in str(caught.value)
    if token is not None:
        assert token not in str(caught.value)


@pytest.mark.anyio
async def test_push_with_a_wrong_token_fails_without_showing_it(
    http_workspace: Workspace,
    server: GitServer,
    repository: Repository,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = "ghs_expiredTokenValue42"
    async with http_workspace.run(
        repository, run_id="r1", base="main", branch="b", token=TOKEN
    ) as worktree:
        (worktree.path / "x.txt").write_text("x\n")
        await worktree.commit("Change", BOT)
        with pytest.raises(WorkspaceError, match="git push failed") as caught:
            await worktree.push(wrong)
    assert wrong not in str(caught.value)
    assert base64.b64encode(f"x-access-token:{wrong}".encode()).decode() not in str(caught.value)
    assert "b" not in server.branches(NAME)
    assert all(wrong not in str(vars(record)) for record in caplog.records)
    _assert_no_secret_in_files(tmp_path / "data")


@pytest.mark.anyio
async def test_force_with_lease_over_http(
    http_workspace: Workspace, server: GitServer, repository: Repository, tmp_path: Path
) -> None:
    async with http_workspace.run(
        repository, run_id="r1", base="main", branch="b", token=TOKEN
    ) as worktree:
        # Someone else creates the branch on the server after the run started.
        other = tmp_path / "human"
        git("clone", "--quiet", str(server.bare_path(NAME)), str(other))
        git("checkout", "--quiet", "-b", "b", cwd=other)
        (other / "h.txt").write_text("human\n")
        git("add", "h.txt", cwd=other)
        git("commit", "--quiet", "-m", "Human", cwd=other)
        git("push", "--quiet", str(server.bare_path(NAME)), "b", cwd=other)
        human_sha = server.branches(NAME)["b"]
        (worktree.path / "bot.txt").write_text("bot\n")
        await worktree.commit("Bot", BOT)
        with pytest.raises(WorkspaceError, match="rejected"):
            await worktree.push(TOKEN)
    assert server.branches(NAME)["b"] == human_sha


def _assert_no_secret_in_files(root: Path) -> None:
    """Fail if any file under ``root`` holds the token or its Basic encoding."""
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            content = path.read_bytes()
            assert not any(secret in content for secret in SECRETS), path
