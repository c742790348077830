"""The fake GitHub held to GitHub's REST description, and the changes tests make between calls."""

from __future__ import annotations

import base64
import os
import re
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import httpx2
import pytest

from pace_app.errors import GitHubError
from pace_app.github.auth import AppAuth, TokenScope
from pace_app.github.client import GitHubApp, GitHubClient
from tests.fakes.fake_github import FakeGitHub
from tests.fakes.git_server import USERNAME, GitServer
from tests.fakes.github import openapi
from tests.fakes.github.access import PERMISSIONS, USER_TOKEN_ONLY
from tests.fakes.github.contract import shared
from tests.fakes.github.routes_oauth import is_web_page
from tests.fakes.github.routes_pulls import DRAFTS_UNSUPPORTED
from tests.fakes.github.state import Pull

pytestmark = pytest.mark.anyio
REPO = "octo/widgets"
ROOT = Path(__file__).resolve().parents[2]


async def _no_sleep(seconds: float) -> None:
    del seconds


@pytest.fixture
def fake() -> FakeGitHub:
    """Return a fake with one repository and one issue."""
    github = FakeGitHub()
    github.state.add_repo(REPO, installation_id=1)
    github.state.add_repo("octo/archive", installation_id=1)
    github.state.add_issue(REPO, "Story", "body", labels=["pace:story"])
    return github


@pytest.fixture
async def app(fake: FakeGitHub) -> AsyncIterator[GitHubApp]:
    """Return the App pointed at the fake in-process."""
    async with httpx2.AsyncClient(transport=fake.transport()) as http:
        auth = AppAuth(fake.app_id, fake.private_key_pem)
        yield GitHubApp(http, auth=auth, base_url="http://fake", sleep=_no_sleep)


@pytest.fixture
async def gh(app: GitHubApp) -> GitHubClient:
    """Return a client for the installation."""
    return await app.for_installation(1)


@pytest.fixture
def validating(fake: FakeGitHub) -> None:
    """Skip where GitHub's description is not installed (CI demands it)."""
    if not fake.validates:
        pytest.skip(f"{openapi.PACKAGE} is not installed")


def test_ci_fetches_the_pinned_description() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert f"{openapi.PACKAGE}@{openapi.VERSION}" in ci
    assert f"{openapi.REQUIRE_ENV}=1" in ci


@pytest.mark.usefixtures("validating")
def test_every_route_of_the_fake_is_an_operation_of_github_with_a_permission(
    fake: FakeGitHub,
) -> None:
    contract = shared()
    assert contract is not None
    for route in fake._router.routes:
        path = re.sub(r"\{(\w+)(:int)?\}", "1", getattr(route, "path", ""))
        if is_web_page(path):
            continue  # GitHub's OAuth web pages, not REST operations
        for method in getattr(route, "methods", set()) - {"HEAD"}:
            match = contract.description.match(method, path)
            assert match is not None, f"{method} {path}"
            operation = match.operation
            if not operation.jwt_only and operation.operation_id != "apps/create-from-manifest":
                known = PERMISSIONS.keys() | USER_TOKEN_ONLY
                assert operation.operation_id in known, operation.operation_id


@pytest.mark.usefixtures("validating")
@pytest.mark.parametrize(
    ("method", "path", "template"),
    [
        (
            "GET",
            "/repos/o/r/issues/comments/5",
            "/repos/{owner}/{repo}/issues/comments/{comment_id}",
        ),
        ("GET", "/repos/o/r/issues/5", "/repos/{owner}/{repo}/issues/{issue_number}"),
        ("DELETE", "/repos/o/r/git/refs/heads/pace/x", "/repos/{owner}/{repo}/git/refs/{ref}"),
        ("GET", "/users/pace-app[bot]", "/users/{username}"),
        ("GET", "/users/a/b/c", None),
        ("PUT", "/app", None),
    ],
)
def test_paths_match_templates_preferring_literal_segments(
    method: str, path: str, template: str | None
) -> None:
    description = openapi.load()
    assert description is not None
    match = description.match(method, path)
    assert (match.operation.template if match else None) == template


@pytest.mark.usefixtures("validating")
async def test_the_app_jwt_is_refused_on_the_users_endpoint(
    fake: FakeGitHub, app: GitHubApp
) -> None:
    with pytest.raises(GitHubError) as raised:
        await app.app_client().getitem("/users/pace-app[bot]")
    assert raised.value.status == 401
    (violation,) = fake.take_violations()
    assert "the App JWT is refused" in str(violation)
    assert "GET /users/pace-app[bot]" in str(violation)


@pytest.mark.usefixtures("validating")
async def test_installation_tokens_are_refused_on_app_endpoints(
    fake: FakeGitHub, gh: GitHubClient
) -> None:
    assert await gh.getstatus("/app/installations") == 401
    assert await gh.getstatus("/repos/octo/widgets/installation") == 401
    assert [v.status for v in fake.take_violations()] == [401, 401]


@pytest.mark.usefixtures("validating")
async def test_bad_parameters_and_undocumented_ones_are_violations(
    fake: FakeGitHub, gh: GitHubClient
) -> None:
    assert await gh.getstatus(f"/repos/{REPO}/pulls?state=merged") == 422
    assert await gh.getstatus(f"/repos/{REPO}/issues/1?colour=red") == 200
    assert await gh.getstatus(f"/repos/{REPO}/wikis") == 404
    assert [(v.status, v.reason.split(":")[0]) for v in fake.take_violations()] == [
        (422, "query parameter state"),
        (None, "query parameter 'colour' is not documented"),
        (404, f"GET /repos/{REPO}/wikis is not an operation of GitHub's REST API"),
    ]


async def test_a_closed_pull_request_and_a_deleted_branch(
    fake: FakeGitHub, gh: GitHubClient, tmp_path: Path
) -> None:
    with GitServer(tmp_path / "git", password="unused") as git_server:
        git_server.create_repo(REPO, {"a.py": "x = 1\n"})
        fake.delete_branches_in(git_server)
        for branch in ("feature", "other"):
            opened = await gh.post(
                f"/repos/{REPO}/pulls", data={"title": branch, "head": branch, "base": "main"}
            )
            if branch == "feature":
                feature = opened["number"]
        closed = fake.state.delete_branch(REPO, "main")
        assert closed == []
        assert "main" not in git_server.branches(REPO)
    (pull,) = fake.state.delete_branch(REPO, "feature")
    assert (pull.number, pull.state) == (feature, "closed")
    assert (await gh.getitem(f"/repos/{REPO}/issues/{feature}"))["state"] == "closed"
    other = next(p for p in fake.state.pulls.values() if p.head == "other")
    assert isinstance(fake.state.close_pull(REPO, other.number), Pull)
    open_pulls = [p async for p in gh.getiter(f"/repos/{REPO}/pulls?state=open")]
    assert open_pulls == []


async def test_a_transferred_issue_answers_301_with_its_new_address(
    fake: FakeGitHub, app: GitHubApp, gh: GitHubClient
) -> None:
    moved = fake.state.transfer_issue(REPO, 1, "octo/archive")
    with pytest.raises(GitHubError) as raised:
        await gh.post(f"/repos/{REPO}/issues/1/comments", data={"body": "status"})
    assert raised.value.status == 301
    token = f"token {(await app.tokens.get(1)).value}"
    async with httpx2.AsyncClient(transport=fake.transport(), base_url="http://fake") as http:
        response = await http.get(f"/repos/{REPO}/issues/1", headers={"authorization": token})
    assert response.status_code == 301
    location = f"http://fake/repos/octo/archive/issues/{moved.number}"
    assert response.headers["location"] == location
    assert response.json()["url"] == location
    assert (await gh.getitem(location))["title"] == "Story"


async def test_a_deleted_issue_answers_410(fake: FakeGitHub, gh: GitHubClient) -> None:
    fake.state.delete_issue(REPO, 1)
    for call in (
        gh.getitem(f"/repos/{REPO}/issues/1"),
        gh.patch(f"/repos/{REPO}/issues/1", data={"state": "closed"}),
    ):
        with pytest.raises(GitHubError, match="This issue was deleted") as raised:
            await call
        assert raised.value.status == 410
    assert await gh.getstatus(f"/repos/{REPO}/issues/99") == 404


async def test_drafts_can_be_refused_as_on_private_free_repositories(
    fake: FakeGitHub, gh: GitHubClient
) -> None:
    fake.state.repos[REPO].drafts_allowed = False
    data = {"title": "t", "head": "feature", "base": "main", "draft": True}
    with pytest.raises(GitHubError, match=DRAFTS_UNSUPPORTED) as raised:
        await gh.post(f"/repos/{REPO}/pulls", data=data)
    assert raised.value.status == 422
    created = await gh.post(f"/repos/{REPO}/pulls", data={**data, "draft": False})
    assert created["draft"] is False


def _git(*args: str, token: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    basic = base64.b64encode(f"{USERNAME}:{token}".encode()).decode()
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_TERMINAL_PROMPT": "0",
    }
    return subprocess.run(
        ["git", "-c", f"http.extraHeader=Authorization: Basic {basic}", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


async def test_git_is_held_to_the_tokens_repositories_and_contents_permission(
    fake: FakeGitHub, app: GitHubApp, tmp_path: Path
) -> None:
    read_only = (await app.tokens.get(1, TokenScope.of([REPO], {"contents": "read"}))).value
    elsewhere = (await app.tokens.get(1, TokenScope.of(["octo/archive"]))).value
    with GitServer(tmp_path / "git", password="unused", access=fake.git_access) as git_server:
        url = git_server.create_repo(REPO, {"a.py": "x = 1\n"})
        work = tmp_path / "work"
        assert _git("clone", "--quiet", url, str(work), token=read_only).returncode == 0
        assert _git("ls-remote", url, token=elsewhere).returncode != 0
        assert _git("ls-remote", url, token="ghs_unknown").returncode != 0
        pushed = _git(
            "push", "--quiet", "origin", "HEAD:refs/heads/feature", token=read_only, cwd=work
        )
        assert pushed.returncode != 0
        assert "feature" not in git_server.branches(REPO)
    refused = [(v.method, v.query, v.status) for v in fake.take_violations()]
    assert refused == [("GIT", "fetch", 404), ("GIT", "push", 403)]


async def test_review_comments_go_on_the_diff_or_reply_in_a_thread(
    fake: FakeGitHub, gh: GitHubClient
) -> None:
    pull = await gh.post(f"/repos/{REPO}/pulls", data={"title": "t", "head": "b", "base": "main"})
    fake.state.pulls[(REPO, pull["number"])].diff = "+++ b/a.py\n@@ -0,0 +1,2 @@\n+x\n+y\n"
    comments = f"/repos/{REPO}/pulls/{pull['number']}/comments"
    first = await gh.post(
        comments, data={"body": "why?", "commit_id": "0" * 40, "path": "a.py", "line": 2}
    )
    thread = {"commit_id": "0" * 40, "path": "a.py"}
    reply = await gh.post(comments, data={"body": "because", "in_reply_to": first["id"], **thread})
    assert reply["in_reply_to_id"] == first["id"]
    with pytest.raises(GitHubError, match="part of the diff"):
        await gh.post(
            comments, data={"body": "?", "commit_id": "0" * 40, "path": "a.py", "line": 9}
        )
    with pytest.raises(GitHubError, match="replies to replies"):
        await gh.post(comments, data={"body": "and?", "in_reply_to": reply["id"], **thread})
    assert (await gh.getitem(f"/repos/{REPO}/pulls/comments/{first['id']}"))["path"] == "a.py"
    assert await gh.getstatus(f"/repos/{REPO}/pulls/comments/999") == 404
