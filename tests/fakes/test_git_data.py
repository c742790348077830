"""The fake's Git Data API: real objects in the git server's repositories, signed commits,
and "require signed commits" held on API ref updates and git pushes."""

from __future__ import annotations

import base64
import subprocess
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx2
import pytest

from pace_app.errors import GitHubError
from pace_app.github.auth import AppAuth, TokenScope
from pace_app.github.client import GitHubApp, GitHubClient
from tests.fakes.fake_github import FakeGitHub
from tests.fakes.git_server import GitServer, git

pytestmark = pytest.mark.anyio

REPO = "octo/widgets"
GIT = f"/repos/{REPO}/git"


@dataclass
class Setup:
    """The fake, its git server and a client for the repository's installation."""

    fake: FakeGitHub
    server: GitServer
    gh: GitHubClient
    token: str

    def head(self, branch: str = "main") -> str:
        return self.server.branches(REPO)[branch]


async def _no_sleep(seconds: float) -> None:
    del seconds


@pytest.fixture
async def setup(tmp_path: Path) -> AsyncIterator[Setup]:
    """A repository on the git server, served by the fake, and a contents: write client."""
    fake = FakeGitHub()
    with GitServer(
        tmp_path / "git", password=lambda t: t in fake.state.tokens, access=fake.git_access
    ) as server:
        fake.use_git_server(server)
        url = server.create_repo(REPO, {"app.py": "x = 1\n", "old.txt": "gone soon\n"})
        fake.state.add_repo(REPO, installation_id=1, clone_url=url)
        async with httpx2.AsyncClient(transport=fake.transport()) as http:
            auth = AppAuth(fake.app_id, fake.private_key_pem)
            app = GitHubApp(http, auth=auth, base_url="http://fake", sleep=_no_sleep)
            write = {"contents": "write"}
            token = (await app.tokens.get(1, TokenScope.of([REPO], write))).value
            gh = await app.for_installation(1, repositories=[REPO], permissions=write)
            yield Setup(fake, server, gh, token)


async def _commit(s: Setup, files: dict[str, str | None], **extra: object) -> str:
    parent = s.head()
    base = (await s.gh.getitem(f"{GIT}/commits/{parent}"))["tree"]["sha"]
    entries = []
    for path, content in files.items():
        sha = None
        if content is not None:
            encoded = base64.b64encode(content.encode()).decode()
            blob = await s.gh.post(f"{GIT}/blobs", data={"content": encoded, "encoding": "base64"})
            sha = blob["sha"]
        entries.append({"path": path, "mode": "100644", "type": "blob", "sha": sha})
    tree = await s.gh.post(f"{GIT}/trees", data={"base_tree": base, "tree": entries})
    body = {"message": "Change", "tree": tree["sha"], "parents": [parent], **extra}
    return str((await s.gh.post(f"{GIT}/commits", data=body))["sha"])


async def test_objects_are_real_and_a_commit_without_identity_is_signed(setup: Setup) -> None:
    sha = await _commit(setup, {"app.py": "x = 2\n", "old.txt": None, "new/b.txt": "b\n"})
    await setup.gh.patch(f"{GIT}/refs/heads/main", data={"sha": sha, "force": False})
    assert setup.head() == sha
    assert setup.server.read_file(REPO, "app.py") == "x = 2\n"
    assert setup.server.read_file(REPO, "old.txt") is None
    assert setup.server.read_file(REPO, "new/b.txt") == "b\n"
    commit = await setup.gh.getitem(f"{GIT}/commits/{sha}")
    assert commit["verification"]["verified"] is True
    assert commit["author"]["name"] == "pace-app[bot]"
    bare = setup.server.bare_path(REPO)
    assert "gpgsig -----BEGIN PGP SIGNATURE-----" in git("cat-file", "commit", sha, cwd=bare)


async def test_a_commit_with_an_author_is_not_signed(setup: Setup) -> None:
    author = {"name": "Someone", "email": "someone@example.com"}
    sha = await _commit(setup, {"app.py": "x = 3\n"}, author=author)
    commit = await setup.gh.getitem(f"{GIT}/commits/{sha}")
    assert commit["verification"] == {**commit["verification"], "verified": False}
    assert commit["verification"]["reason"] == "unsigned"


async def test_ref_updates_are_fast_forwards_unless_forced_and_refs_are_created_once(
    setup: Setup,
) -> None:
    first = await _commit(setup, {"app.py": "x = 2\n"})
    await setup.gh.post(f"{GIT}/refs", data={"ref": "refs/heads/feature/a", "sha": first})
    with pytest.raises(GitHubError, match="Reference already exists"):
        await setup.gh.post(f"{GIT}/refs", data={"ref": "refs/heads/feature/a", "sha": first})
    sideways = await _commit(setup, {"app.py": "x = 9\n"})  # also on main's head
    await setup.gh.patch(f"{GIT}/refs/heads/feature/a", data={"sha": first})
    with pytest.raises(GitHubError, match="not a fast forward"):
        await setup.gh.patch(f"{GIT}/refs/heads/feature/a", data={"sha": sideways})
    await setup.gh.patch(f"{GIT}/refs/heads/feature/a", data={"sha": sideways, "force": True})
    assert setup.head("feature/a") == sideways
    assert (await setup.gh.getitem(f"{GIT}/ref/heads/feature/a"))["object"]["sha"] == sideways


async def test_required_signatures_refuse_unsigned_commits_through_the_api(setup: Setup) -> None:
    setup.fake.state.require_signed_commits(REPO, "main")
    author = {"name": "Someone", "email": "someone@example.com"}
    unsigned = await _commit(setup, {"app.py": "x = 3\n"}, author=author)
    with pytest.raises(GitHubError, match=r"422.*Commits must have verified signatures"):
        await setup.gh.patch(f"{GIT}/refs/heads/main", data={"sha": unsigned})
    signed = await _commit(setup, {"app.py": "x = 4\n"})
    await setup.gh.patch(f"{GIT}/refs/heads/main", data={"sha": signed})
    assert setup.head() == signed


async def test_required_signatures_refuse_an_unsigned_git_push(
    setup: Setup, tmp_path: Path
) -> None:
    setup.fake.state.require_signed_commits(REPO, "pace/*")
    work = tmp_path / "work"
    url = setup.server.url_for(REPO).replace("http://", f"http://x-access-token:{setup.token}@")
    git("clone", "--quiet", url, str(work))
    git("switch", "--quiet", "-c", "pace/issue-1", cwd=work)
    (work / "app.py").write_text("x = 5\n")
    git("commit", "--quiet", "-am", "Unsigned", cwd=work)
    with pytest.raises(subprocess.CalledProcessError) as refused:
        git("push", "--quiet", "origin", "pace/issue-1", cwd=work)
    assert "GH006: Protected branch update failed" in refused.value.stderr
    assert "Commits must have verified signatures." in refused.value.stderr
    assert "pace/issue-1" not in setup.server.branches(REPO)
    # An unprotected branch takes the same commit.
    git("push", "--quiet", "origin", "pace/issue-1:other", cwd=work)
    assert "other" in setup.server.branches(REPO)


async def test_bad_tree_entries_are_refused(setup: Setup) -> None:
    base = (await setup.gh.getitem(f"{GIT}/commits/{setup.head()}"))["tree"]["sha"]
    missing = {"path": "a", "mode": "100644", "type": "blob", "sha": "1" * 40}
    with pytest.raises(GitHubError, match="not a valid blob"):
        await setup.gh.post(f"{GIT}/trees", data={"base_tree": base, "tree": [missing]})
    wrong = {"path": "a", "mode": "160000", "type": "blob", "sha": "1" * 40}
    with pytest.raises(GitHubError, match="not supported"):
        await setup.gh.post(f"{GIT}/trees", data={"base_tree": base, "tree": [wrong]})
