"""The fake GitHub: auth, state, validations, pagination and faults, through the real client."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx2
import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from pace_app.errors import GitHubError, GitHubUnavailable
from pace_app.github.auth import AppAuth
from pace_app.github.client import GitHubApp, GitHubClient
from tests.fakes.fake_github import FakeGitHub
from tests.fakes.git_server import GitServer, git
from tests.fakes.servers import serve

pytestmark = pytest.mark.anyio
REPO = "octo/widgets"
OTHER = "other/secret"
DIFF = """diff --git a/app.py b/app.py
--- a/app.py
+++ b/app.py
@@ -1,3 +1,4 @@
 import os
-x = 1
+x = 2
+y = 3
 print(x)
"""


async def _no_sleep(seconds: float) -> None:
    del seconds


@pytest.fixture
def fake() -> FakeGitHub:
    """Return a fake with two installations, each with one repository."""
    github = FakeGitHub()
    github.state.add_repo(
        REPO, installation_id=1, permissions={"alice": "maintain", "bob": "triage"}
    )
    github.state.add_repo(OTHER, installation_id=2)
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
    """Return a client for installation 1."""
    return await app.for_installation(1)


async def _raw(
    fake: FakeGitHub, method: str, path: str, authorization: str | None
) -> httpx2.Response:
    headers = {"authorization": authorization} if authorization else {}
    async with httpx2.AsyncClient(transport=fake.transport(), base_url="http://fake") as http:
        return await http.request(method, path, headers=headers)


def _jwt(key_pem: str, app_id: int, lifetime: int = 540) -> str:
    now = int(time.time()) - 60
    return pyjwt.encode({"iat": now, "exp": now + lifetime, "iss": str(app_id)}, key_pem, "RS256")


async def test_app_endpoints_need_a_jwt_signed_by_the_app_key(fake: FakeGitHub) -> None:
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    other_pem = other_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    good = _jwt(fake.private_key_pem, fake.app_id)
    assert (await _raw(fake, "GET", "/app", f"Bearer {good}")).status_code == 200
    for authorization in (
        None,
        f"Bearer {_jwt(other_pem, fake.app_id)}",
        f"Bearer {_jwt(fake.private_key_pem, 999)}",
        f"Bearer {_jwt(fake.private_key_pem, fake.app_id, lifetime=3600)}",
        "Bearer not-a-jwt",
        "Basic abc",
    ):
        response = await _raw(fake, "GET", "/app", authorization)
        assert response.status_code == 401, authorization
        assert response.json()["message"]
    # A bad credential is GitHub's everyday refusal; sending none to an App endpoint is a bug.
    assert [v.reason for v in fake.take_violations()] == (
        ["GET /app needs a credential, sent none"] if fake.validates else []
    )


async def test_repository_endpoints_need_an_installation_token(
    fake: FakeGitHub, app: GitHubApp
) -> None:
    jwt = _jwt(fake.private_key_pem, fake.app_id)
    assert (await _raw(fake, "GET", f"/repos/{REPO}", None)).status_code == 401
    assert (await _raw(fake, "GET", f"/repos/{REPO}", f"Bearer {jwt}")).status_code == 401
    assert (await _raw(fake, "GET", f"/repos/{REPO}", "token ghs_made_up")).status_code == 401
    token = (await app.tokens.get(1)).value
    assert (await _raw(fake, "GET", f"/repos/{REPO}", f"token {token}")).status_code == 200
    # A token only reaches its own installation's repositories.
    assert (await _raw(fake, "GET", f"/repos/{OTHER}", f"token {token}")).status_code == 404
    assert [v.status for v in fake.take_violations()] == ([401, 401] if fake.validates else [])


async def test_expired_tokens_are_refused(fake: FakeGitHub, app: GitHubApp) -> None:
    token = (await app.tokens.get(1)).value
    fake.state.tokens[token].expires_at = time.time() - 1
    assert (await _raw(fake, "GET", f"/repos/{REPO}", f"token {token}")).status_code == 401


async def test_responses_carry_github_headers(fake: FakeGitHub) -> None:
    response = await _raw(fake, "GET", "/app", f"Bearer {_jwt(fake.private_key_pem, fake.app_id)}")
    for header in ("x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"):
        assert header in response.headers
    assert response.headers["x-github-request-id"].startswith("FAKE:")
    assert fake.requests[-1].auth_scheme == "bearer"


async def test_requests_are_recorded_without_credentials(
    fake: FakeGitHub, gh: GitHubClient
) -> None:
    await gh.post(f"/repos/{REPO}/issues/1/comments", data={"body": "hi"})
    recorded = fake.requests_to("POST", f"/repos/{REPO}/issues/1/comments")[0]
    assert recorded.body == {"body": "hi"}
    assert recorded.auth_scheme == "token"
    assert "authorization" not in recorded.headers


async def test_app_level_endpoints(fake: FakeGitHub, app: GitHubApp) -> None:
    client = app.app_client()
    assert (await client.getitem("/app"))["slug"] == "pace-app"
    installations = await client.getitem("/app/installations")
    assert {i["id"] for i in installations} == {1, 2}
    assert (await client.getitem(f"/repos/{OTHER}/installation"))["id"] == 2
    with pytest.raises(GitHubError) as raised:
        await client.getitem("/repos/nobody/nothing/installation")
    assert raised.value.status == 404


async def test_hook_deliveries_page_with_a_cursor(fake: FakeGitHub, app: GitHubApp) -> None:
    for index in range(5):
        fake.state.add_delivery("issues", action=f"a{index}")
    client = app.app_client()
    deliveries = [d async for d in client.getiter("/app/hook/deliveries?per_page=2")]
    assert [d["action"] for d in deliveries] == ["a4", "a3", "a2", "a1", "a0"]
    assert len(fake.requests_to("GET", "/app/hook/deliveries")) == 3
    await client.post("/app/hook/deliveries/{id}/attempts", {"id": deliveries[0]["id"]}, data={})
    assert fake.state.redelivered == [deliveries[0]["id"]]
    with pytest.raises(GitHubError):
        await client.post("/app/hook/deliveries/1/attempts", data={})


async def test_manifest_codes_convert_once(fake: FakeGitHub, app: GitHubApp) -> None:
    fake.state.manifest_codes.add("abc")
    # No App exists yet when a manifest code is converted, so the call carries no credential.
    client = GitHubClient(app.http, base_url=app.base_url)
    converted = await client.post("/app-manifests/abc/conversions", data={})
    assert converted["id"] == fake.app_id
    assert converted["pem"] == fake.private_key_pem
    assert converted["webhook_secret"] == fake.state.app.webhook_secret
    with pytest.raises(GitHubError) as raised:
        await client.post("/app-manifests/abc/conversions", data={})
    assert raised.value.status == 404


async def test_comments_reactions_and_labels(fake: FakeGitHub, gh: GitHubClient) -> None:
    issue = f"/repos/{REPO}/issues/1"
    created = await gh.post(f"{issue}/comments", data={"body": "status: queued"})
    assert created["user"]["login"] == "pace-app[bot]"
    since = created["updated_at"]
    fake.state.add_comment(REPO, 1, "/pace retry", user="alice")
    edited = await gh.patch(
        f"/repos/{REPO}/issues/comments/{{id}}",
        {"id": created["id"]},
        data={"body": "status: done"},
    )
    assert edited["body"] == "status: done"
    listed = [c async for c in gh.getiter(f"{issue}/comments?per_page=1&since={since}")]
    assert [c["body"] for c in listed] == ["status: done", "/pace retry"]
    for _ in range(2):
        await gh.post(
            f"/repos/{REPO}/issues/comments/{created['id']}/reactions", data={"content": "eyes"}
        )
    await gh.post(f"{issue}/reactions", data={"content": "confused"})
    assert [r.content for r in fake.state.comments[created["id"]].reactions] == ["eyes"]
    assert [r.content for r in fake.state.issues[(REPO, 1)].reactions] == ["confused"]
    await gh.post(f"{issue}/labels", data={"labels": ["pace:running"]})
    await gh.delete(f"{issue}/labels/pace:story")
    assert fake.state.issues[(REPO, 1)].labels == ["pace:running"]
    with pytest.raises(GitHubError) as raised:
        await gh.delete(f"{issue}/labels/pace:story")
    assert raised.value.status == 404
    await gh.delete(f"/repos/{REPO}/issues/comments/{created['id']}")
    assert created["id"] not in fake.state.comments


async def test_issue_create_update_and_repo_labels(fake: FakeGitHub, gh: GitHubClient) -> None:
    created = await gh.post(f"/repos/{REPO}/issues", data={"title": "Clear up", "labels": ["x"]})
    updated = await gh.patch(f"/repos/{REPO}/issues/{created['number']}", data={"state": "closed"})
    assert updated["state"] == "closed"
    await gh.post(f"/repos/{REPO}/labels", data={"name": "pace:hold", "color": "d93f0b"})
    assert (await gh.getitem(f"/repos/{REPO}/labels/pace:hold"))["color"] == "d93f0b"
    with pytest.raises(GitHubError, match="'name'"):
        await gh.post(f"/repos/{REPO}/labels", data={"name": "pace:hold"})
    assert (await gh.getitem(f"/repos/{REPO}"))["default_branch"] == "main"


@pytest.mark.parametrize(
    ("user", "permission", "role"),
    [("alice", "write", "maintain"), ("bob", "read", "triage"), ("eve", "none", "none")],
)
async def test_collaborator_permission(
    gh: GitHubClient, user: str, permission: str, role: str
) -> None:
    answer = await gh.getitem(f"/repos/{REPO}/collaborators/{user}/permission")
    assert (answer["permission"], answer["role_name"]) == (permission, role)


async def test_pulls_find_or_create(fake: FakeGitHub, gh: GitHubClient) -> None:
    data = {"title": "Story", "head": "pace/issue-1-story", "base": "main", "draft": True}
    pull = await gh.post(f"/repos/{REPO}/pulls", data=data)
    assert pull["draft"] is True
    assert pull["number"] == 2  # pulls share the issue numbering
    with pytest.raises(GitHubError, match="already exists"):
        await gh.post(f"/repos/{REPO}/pulls", data=data)
    found = [p async for p in gh.getiter(f"/repos/{REPO}/pulls?head=octo:pace/issue-1-story")]
    assert [p["number"] for p in found] == [2]
    await gh.patch(f"/repos/{REPO}/pulls/2", data={"title": "Story (retry)"})
    assert (await gh.getitem(f"/repos/{REPO}/pulls/2"))["title"] == "Story (retry)"
    assert fake.state.issues[(REPO, 2)].is_pull


async def test_reviews_must_comment_on_the_diff(fake: FakeGitHub, gh: GitHubClient) -> None:
    pull = await gh.post(f"/repos/{REPO}/pulls", data={"title": "t", "head": "b", "base": "main"})
    fake.state.pulls[(REPO, pull["number"])].diff = DIFF
    reviews = f"/repos/{REPO}/pulls/{pull['number']}/reviews"
    for comment, problem in [
        ({"path": "app.py", "line": 9, "body": "?"}, "part of the diff"),
        ({"path": "nope.py", "line": 2, "body": "?"}, "Path could not be resolved"),
        ({"path": "app.py", "line": 2, "side": "LEFT", "start_line": 1, "body": "?"}, None),
    ]:
        data = {"event": "COMMENT", "body": "SENTINEL", "comments": [comment]}
        if problem is None:
            await gh.post(reviews, data=data)
        else:
            with pytest.raises(GitHubError, match=problem) as raised:
                await gh.post(reviews, data=data)
            assert raised.value.status == 422
    await gh.post(
        reviews,
        data={
            "event": "COMMENT",
            "body": "ok",
            "comments": [{"path": "app.py", "line": 3, "start_line": 2, "body": "risky"}],
        },
    )
    listed = [c async for c in gh.getiter(f"/repos/{REPO}/pulls/{pull['number']}/comments")]
    assert [(c["path"], c["line"]) for c in listed] == [("app.py", 2), ("app.py", 3)]
    assert len([r async for r in gh.getiter(reviews)]) == 2
    diff = await gh.getitem(
        f"/repos/{REPO}/pulls/{pull['number']}", accept="application/vnd.github.diff"
    )
    assert diff == DIFF


_RUN = {"name": "PACE / GATE", "head_sha": "a" * 40}
_NOTE = {
    "path": "a.py",
    "start_line": 1,
    "end_line": 1,
    "annotation_level": "warning",
    "message": "m",
}


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        # Either the description's schema or the fake's own rule names the problem.
        ({"head_sha": "a" * 40}, "'name' is a required|name is required"),
        ({**_RUN, "status": "done"}, "'done' is not one of|status 'done'"),
        ({**_RUN, "conclusion": "great"}, "'great' is not one of|conclusion 'great'"),
        ({**_RUN, "status": "completed"}, "conclusion is required"),
        (
            {**_RUN, "output": {"summary": "s"}},
            r"'title' is a required|output\.title is required",
        ),
        (
            {**_RUN, "output": {"title": "t", "summary": "s" * 65_536}},
            "fails maxLength 65535|longer than 65535",
        ),
        (
            {**_RUN, "output": {"title": "t", "summary": "s", "annotations": [_NOTE] * 51}},
            "fails maxItems 50|more than 50",
        ),
        (
            {
                **_RUN,
                "output": {
                    "title": "t",
                    "summary": "s",
                    "annotations": [{**_NOTE, "annotation_level": "error"}],
                },
            },
            "annotation_level",
        ),
        (
            {
                **_RUN,
                "output": {
                    "title": "t",
                    "summary": "s",
                    "annotations": [{"path": "a", "message": "m", "annotation_level": "notice"}],
                },
            },
            "'start_line' is a required|start_line is required",
        ),
    ],
)
async def test_check_runs_are_validated_like_github(
    fake: FakeGitHub, gh: GitHubClient, body: dict[str, Any], problem: str
) -> None:
    with pytest.raises(GitHubError, match=problem) as raised:
        await gh.post(f"/repos/{REPO}/check-runs", data=body)
    assert raised.value.status == 422
    # What the schema cannot say (a conclusion for a completed run) only the fake's rule finds.
    schema_catches = fake.validates and "conclusion is required" not in problem
    assert len(fake.take_violations()) == int(schema_catches)


async def test_check_runs_create_update_and_list(fake: FakeGitHub, gh: GitHubClient) -> None:
    run = await gh.post(f"/repos/{REPO}/check-runs", data={**_RUN, "status": "in_progress"})
    output = {"title": "GATE", "summary": "2 failed", "annotations": [_NOTE] * 50}
    await gh.patch(
        f"/repos/{REPO}/check-runs/{run['id']}", data={"conclusion": "failure", "output": output}
    )
    await gh.patch(
        f"/repos/{REPO}/check-runs/{run['id']}",
        data={"output": {"title": "GATE", "summary": "more", "annotations": [_NOTE]}},
    )
    stored = fake.state.check_runs[run["id"]]
    assert (stored.status, stored.conclusion, len(stored.annotations)) == (
        "completed",
        "failure",
        51,
    )
    await gh.post(f"/repos/{REPO}/check-runs", data={**_RUN, "name": "PACE / SENTINEL"})
    listed = [
        r
        async for r in gh.getiter(
            f"/repos/{REPO}/commits/{'a' * 40}/check-runs?check_name=PACE / GATE",
            iterable_key="check_runs",
        )
    ]
    assert [r["id"] for r in listed] == [run["id"]]
    assert (await gh.getitem(f"/repos/{REPO}/check-runs/{run['id']}"))["output"][
        "summary"
    ] == "more"


async def test_faults_match_method_and_path_and_run_out(fake: FakeGitHub, gh: GitHubClient) -> None:
    fake.faults.unprocessable("POST", "/repos/*/issues/*/comments", message="Nope")
    with pytest.raises(GitHubError, match="Nope"):
        await gh.post(f"/repos/{REPO}/issues/1/comments", data={"body": "x"})
    await gh.post(f"/repos/{REPO}/issues/1/comments", data={"body": "x"})
    fake.faults.server_error("GET", "/elsewhere")
    assert (await gh.getitem(f"/repos/{REPO}/issues/1"))["number"] == 1
    assert len(fake.faults.pending) == 1


async def test_unknown_objects_and_bad_bodies_are_refused(
    fake: FakeGitHub, gh: GitHubClient
) -> None:
    for path in ("issues/9", "issues/comments/9", "pulls/9", "check-runs/9", "labels/none"):
        assert await gh.getstatus(f"/repos/{REPO}/{path}") == 404
    with pytest.raises(GitHubError, match="'body'"):
        await gh.post(f"/repos/{REPO}/issues/1/comments", data={})
    with pytest.raises(GitHubError, match="Problems parsing JSON"):
        await gh.post(f"/repos/{REPO}/issues/1/comments", data=b"{1", content_type="text/plain")
    # Missing objects are answers; the empty and the broken body are the caller's bugs.
    assert len(fake.take_violations()) == (2 if fake.validates else 0)


async def test_served_over_real_http_with_a_git_backed_diff(tmp_path: Path) -> None:
    with GitServer(tmp_path / "git", password="unused") as git_server:
        fake = FakeGitHub(diff_source=git_server.diff)
        url = git_server.create_repo(REPO, {"app.py": "x = 1\n"})
        fake.state.add_repo(REPO, installation_id=1, clone_url=url)
        bare = git_server.bare_path(REPO)
        work = tmp_path / "work"
        git("clone", "--quiet", str(bare), str(work))
        git("switch", "--quiet", "-c", "feature", cwd=work)
        (work / "app.py").write_text("x = 1\ny = 2\n")
        git("commit", "--quiet", "-am", "Add y", cwd=work)
        git("push", "--quiet", "origin", "feature", cwd=work)
        with serve(fake) as base_url:
            async with httpx2.AsyncClient() as http:
                auth = AppAuth(fake.app_id, fake.private_key_pem)
                app = GitHubApp(http, auth=auth, base_url=base_url, sleep=_no_sleep)
                gh = await app.for_installation(1)
                assert (await gh.getitem(f"/repos/{REPO}"))["clone_url"] == url
                fake.faults.drop("POST", f"/repos/{REPO}/pulls")
                pull = await gh.post(
                    f"/repos/{REPO}/pulls", data={"title": "t", "head": "feature", "base": "main"}
                )
                reviews = f"/repos/{REPO}/pulls/{pull['number']}/reviews"
                comment = {"path": "app.py", "line": 2, "body": "new line"}
                await gh.post(reviews, data={"event": "COMMENT", "comments": [comment]})
                with pytest.raises(GitHubError, match="part of the diff"):
                    await gh.post(reviews, data={"comments": [{**comment, "line": 7}]})
                fake.faults.drop("GET", "/app", times=3)
                with pytest.raises(GitHubUnavailable):
                    await app.app_client().getitem("/app")
