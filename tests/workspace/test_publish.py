"""Publishing a worktree's commit through the Git Data API of the fake GitHub.

The fake builds real objects in the git server's bare repository, so each test checks
the branch GitHub holds against the worktree, byte for byte.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from pathlib import Path

import httpx2
import pytest

from pace_app.errors import WorkspaceError
from pace_app.github.auth import AppAuth, TokenScope
from pace_app.github.client import GitHubApp, GitHubClient
from pace_app.github.git_data import GitDataApi
from pace_app.workspace import Git, Repository, Workspace, Worktree, bot_identity
from pace_app.workspace.signing import Signing
from tests.fakes.fake_github import FakeGitHub
from tests.fakes.git_server import GitServer, git

pytestmark = pytest.mark.anyio

NAME = "octo/widgets"
BOT = bot_identity("pace-app", 41898282)
BRANCH = "pace/issue-7-sign"


@dataclass
class Remote:
    """The fake GitHub, its git server, a client and a git token for the repository."""

    fake: FakeGitHub
    server: GitServer
    gh: GitHubClient
    token: str
    repository: Repository
    data: Path

    def workspace(self, mode: str = "api") -> Workspace:
        signing = Signing("api") if mode == "api" else Signing("off")
        return Workspace(self.data, git=Git(timeout=60), signing=signing)

    def git_data_requests(self) -> list[str]:
        return [f"{r.method} {r.path}" for r in self.fake.requests if "/git/" in r.path]


async def _no_sleep(seconds: float) -> None:
    del seconds


@pytest.fixture
async def remote(tmp_path: Path) -> AsyncIterator[Remote]:
    fake = FakeGitHub()
    with GitServer(
        tmp_path / "git", password=lambda t: t in fake.state.tokens, access=fake.git_access
    ) as server:
        fake.use_git_server(server)
        url = server.create_repo(
            NAME, {"README.md": "# Widgets\n", "src/app.py": "x = 1\n", "old.txt": "old\n"}
        )
        fake.state.add_repo(NAME, installation_id=1, clone_url=url)
        async with httpx2.AsyncClient(transport=fake.transport()) as http:
            auth = AppAuth(fake.app_id, fake.private_key_pem)
            app = GitHubApp(http, auth=auth, base_url="http://fake", sleep=_no_sleep)
            write = {"contents": "write"}
            token = (await app.tokens.get(1, TokenScope.of([NAME], write))).value
            gh = await app.for_installation(1, repositories=[NAME], permissions=write)
            repository = Repository("octo", "widgets", url)
            yield Remote(fake, server, gh, token, repository, tmp_path / "data")


def _run(
    remote: Remote, workspace: Workspace, run_id: str = "r1"
) -> AbstractAsyncContextManager[Worktree]:
    return workspace.run(
        remote.repository,
        run_id=run_id,
        base="main",
        branch=BRANCH,
        token=remote.token,
        git_data=GitDataApi(remote.gh, NAME),
    )


async def _tree(worktree: Worktree) -> str:
    return await worktree.tree_of("HEAD")


async def test_a_commit_is_published_signed_with_modes_binary_deletions_and_many_files(
    remote: Remote,
) -> None:
    binary = bytes(range(256)) * 64
    async with remote.workspace().run(
        remote.repository, run_id="r1", base="main", branch=BRANCH, token=remote.token,
        git_data=GitDataApi(remote.gh, NAME),
    ) as worktree:  # fmt: skip
        root = worktree.path
        (root / "old.txt").unlink()
        (root / "run.sh").write_text("#!/bin/sh\necho hi\n")
        (root / "run.sh").chmod(0o755)
        (root / "logo.png").write_bytes(binary)
        os.symlink("src/app.py", root / "app-link")
        for index in range(30):
            (root / "many" / str(index % 3)).mkdir(parents=True, exist_ok=True)
            (root / "many" / str(index % 3) / f"f{index}.txt").write_text(f"{index % 10}\n")
        local = await worktree.commit("Add many things\n\nWith a body.", BOT)
        assert local is not None
        await worktree.push(remote.token)
        head = await worktree.head()
        assert head != local  # the worktree now stands on GitHub's commit
        assert worktree.remote_sha == head
        assert await _tree(worktree) == git("rev-parse", f"{local}^{{tree}}", cwd=root).strip()
        # A second commit in the same worktree moves the branch forward.
        (root / "src" / "app.py").write_text("x = 2\n")
        await worktree.commit("Bump x", BOT)
        await worktree.push(remote.token)
        second = await worktree.head()
    assert remote.server.branches(NAME)[BRANCH] == second
    bare = remote.server.bare_path(NAME)
    assert git("rev-parse", f"{second}~1", cwd=bare).strip() == head
    listing = git("ls-tree", "-r", BRANCH, cwd=bare)
    assert "100755 blob" in next(line for line in listing.splitlines() if line.endswith("run.sh"))
    assert "120000 blob" in next(line for line in listing.splitlines() if "app-link" in line)
    assert "old.txt" not in listing
    assert git("cat-file", "blob", f"{BRANCH}:app-link", cwd=bare) == "src/app.py"
    shown = await remote.gh.getitem(f"/repos/{NAME}/git/commits/{head}")
    assert shown["verification"]["verified"] is True
    assert shown["message"] == "Add many things\n\nWith a body."
    assert (await remote.gh.getitem(f"/repos/{NAME}/git/commits/{second}"))["verification"][
        "verified"
    ]
    posted = remote.git_data_requests()
    # Ten distinct file contents among the thirty, plus run.sh, the image and the link.
    assert posted.count(f"POST /repos/{NAME}/git/blobs") == 13 + 1
    assert f"POST /repos/{NAME}/git/refs" in posted
    assert f"PATCH /repos/{NAME}/git/refs/heads/{BRANCH}" in posted
    binary_blob = git("rev-parse", f"{BRANCH}:logo.png", cwd=bare).strip()
    assert git("cat-file", "-s", binary_blob, cwd=bare).strip() == str(len(binary))


async def test_a_workflow_change_is_refused_before_anything_is_sent(remote: Remote) -> None:
    async with _run(remote, remote.workspace()) as worktree:
        workflows = worktree.path / ".github" / "workflows"
        workflows.mkdir(parents=True)
        (workflows / "ci.yml").write_text("on: push\n")
        await worktree.commit("Add CI", BOT)
        with pytest.raises(WorkspaceError, match=r"changes \.github/workflows/ci\.yml without"):
            await worktree.push(remote.token)
    assert remote.git_data_requests() == []
    assert BRANCH not in remote.server.branches(NAME)


async def test_a_workflow_change_is_refused_for_a_git_push_too(remote: Remote) -> None:
    async with _run(remote, remote.workspace("off")) as worktree:
        (worktree.path / ".github" / "workflows").mkdir(parents=True)
        (worktree.path / ".github" / "workflows" / "ci.yml").write_text("on: push\n")
        await worktree.commit("Add CI", BOT)
        with pytest.raises(WorkspaceError, match="make that change by hand"):
            await worktree.push(remote.token)
    assert BRANCH not in remote.server.branches(NAME)


async def test_a_file_over_the_blob_limit_is_refused_before_anything_is_sent(
    remote: Remote,
) -> None:
    async with _run(remote, remote.workspace()) as worktree:
        assert worktree.publisher is not None
        worktree.publisher._max_blob_bytes = 100
        (worktree.path / "big.bin").write_bytes(b"\0" * 101)
        (worktree.path / "small.txt").write_text("ok\n")
        await worktree.commit("Add a big file", BOT)
        with pytest.raises(WorkspaceError, match=r"'big.bin' has 101 bytes; .* up to 100 bytes"):
            await worktree.push(remote.token)
    assert remote.git_data_requests() == []


async def test_a_branch_that_moved_is_never_overwritten(remote: Remote, tmp_path: Path) -> None:
    async with _run(remote, remote.workspace()) as worktree:
        (worktree.path / "a.txt").write_text("a\n")
        await worktree.commit("First", BOT)
        await worktree.push(remote.token)
    async with _run(remote, remote.workspace(), "r2") as worktree:
        # A person pushes to the branch while the run works.
        work = tmp_path / "human"
        git("clone", "--quiet", "--branch", BRANCH, str(remote.server.bare_path(NAME)), str(work))
        (work / "b.txt").write_text("b\n")
        git("add", "b.txt", cwd=work)
        git("commit", "--quiet", "-m", "Human", cwd=work)
        git("push", "--quiet", "origin", BRANCH, cwd=work)
        human = remote.server.branches(NAME)[BRANCH]
        (worktree.path / "c.txt").write_text("c\n")
        await worktree.commit("Second", BOT)
        with pytest.raises(WorkspaceError, match="branch changed on the repository"):
            await worktree.push(remote.token)
    assert remote.server.branches(NAME)[BRANCH] == human


async def test_required_signatures_pass_through_the_api_and_stop_a_git_push(
    remote: Remote,
) -> None:
    remote.fake.state.require_signed_commits(NAME, "pace/*")
    async with _run(remote, remote.workspace("off"), "r1") as worktree:
        (worktree.path / "a.txt").write_text("a\n")
        await worktree.commit("Unsigned", BOT)
        with pytest.raises(WorkspaceError) as refused:
            await worktree.push(remote.token)
    assert str(refused.value) == (
        f"GitHub refused the push to {BRANCH!r}: GH006: Protected branch update failed for "
        f"refs/heads/{BRANCH}. Commits must have verified signatures."
    )
    async with _run(remote, remote.workspace(), "r2") as worktree:
        (worktree.path / "a.txt").write_text("a\n")
        await worktree.commit("Signed by GitHub", BOT)
        await worktree.push(remote.token)
        head = await worktree.head()
    assert remote.server.branches(NAME)[BRANCH] == head


async def test_api_signing_needs_the_git_data_api(remote: Remote) -> None:
    with pytest.raises(WorkspaceError, match="COMMIT_SIGNING=api needs"):
        async with remote.workspace().run(
            remote.repository, run_id="r1", base="main", branch=BRANCH, token=remote.token
        ):
            pass
