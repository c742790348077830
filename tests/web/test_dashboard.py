"""The dashboard in-process: login through the fake GitHub, who sees which run, the API, metrics."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest

from pace_app.domain.job_store import Installation, NewJob
from pace_app.domain.run import RunRecord, RunState
from pace_app.domain.run_details import (
    ForgeCheckpoint,
    OwnedCheck,
    ReviewRecord,
    RunDetails,
    StorySnapshot,
)
from pace_app.handlers.intake import Intake
from pace_app.llm.provider import Usage
from pace_app.llm.usage import UsageLedger
from pace_app.observability.metrics import Metrics
from pace_app.queue.sqlite import SQLiteJobStore
from pace_app.web.app import create_app, create_metrics_app
from pace_app.web.dashboard import DashboardSettings
from pace_app.web.login import OAuthClient
from pace_app.web.session import SESSION_COOKIE, STATE_COOKIE, derive_key
from tests.fakes.fake_github import FakeGitHub
from tests.fakes.github.routes_oauth import CLIENT_SECRET, client_id
from tests.web.conftest import SECRET

pytestmark = pytest.mark.anyio

ADMIN = "operator-token-0123456789"
GITHUB = "http://github.test"
WEB = "https://github.example"
HOSTILE_TITLE = '<script>alert("x")</script> & more'


@dataclass
class Dash:
    """The app under test, the fake GitHub it logs in with, and two seeded runs."""

    client: httpx2.AsyncClient
    github: FakeGitHub
    store: SQLiteJobStore
    run_a: RunRecord
    run_b: RunRecord


async def seed_run(store: SQLiteJobStore, repo: str, issue: int, cost: float) -> RunRecord:
    """Store a finished run of ``repo`` with a story, a FORGE round, a review and spend."""
    run, _ = await store.start_run(repo=repo, issue_number=issue, installation_id=1)
    ledger = UsageLedger(budget_usd=5.0)
    ledger.record("forge", Usage(input_tokens=1000, output_tokens=200), cost * 0.75)
    ledger.record("gate", Usage(input_tokens=300, output_tokens=50), cost * 0.25)
    details = RunDetails(
        story=StorySnapshot(HOSTILE_TITLE if repo == "acme/a" else "Other story", "", "alice"),
        ledger=ledger.to_json(),
        forge=ForgeCheckpoint(1, "a" * 40, ("widgets.py",), 4, "handoff", "Counted widgets."),
        review=ReviewRecord("a" * 40, 1, "PASS", (), "ADVISORY", (), ("widgets.py:2 note",)),
        checks=(OwnedCheck("PACE / GATE", 77, "a" * 40, f"{WEB}/{repo}/runs/77", True),),
        extra={
            "forge_progress": [
                {
                    "round": 1,
                    "max_turns": 8,
                    "turns": [
                        {"turn": 1, "tools": ["read_file", "edit_file"], "files": ["widgets.py"]},
                        {"turn": 2, "tools": ["run_tests"], "cost_usd": cost / 2},
                    ],
                }
            ],
        },
    )
    stored = await store.update_run(
        replace(run, details=details.to_json(), pr_number=issue + 1, status_comment_id=555),
        expected=RunState.QUEUED,
    )
    for state in (RunState.PREPARING, RunState.FORGE):
        stored = await store.update_run(stored.moved(state), expected=stored.state)
    return stored


def settings_for(github: FakeGitHub, **changes: object) -> DashboardSettings:
    oauth = OAuthClient(client_id(github.state.app), CLIENT_SECRET, GITHUB, GITHUB)
    config = DashboardSettings(ADMIN, derive_key(None, CLIENT_SECRET), oauth, WEB)
    return replace(config, **changes)  # type: ignore[arg-type]


@pytest.fixture
async def dash(tmp_path: Path) -> AsyncIterator[Dash]:
    store = SQLiteJobStore(tmp_path / "pace.db")
    await store.open()
    github = FakeGitHub()
    github.state.add_repo("acme/a", installation_id=1, permissions={"alice": "write"})
    github.state.add_repo(
        "acme/b", installation_id=1, permissions={"alice": "read", "bob": "admin"}
    )
    run_a = await seed_run(store, "acme/a", 1, 0.42)
    run_b = await seed_run(store, "acme/b", 7, 1.5)
    await store.upsert_installation(Installation(1, "<acme>", ("acme/a", "acme/b")))
    await store.enqueue(NewJob("story", {"body": "payload-text-xyz"}, "k-1"))
    app = create_app(
        Intake(store, app_id=42),
        store,
        webhook_secret=SECRET,
        app_id=42,
        metrics=Metrics(),
        dashboard=settings_for(github),
        http=lambda: httpx2.AsyncClient(transport=github.transport()),
    )
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://pace.test") as client:
        yield Dash(client, github, store, run_a, run_b)
    await store.close()


async def authorize(dash: Dash, login: str, next_path: str = "/runs") -> str:
    """Start the login as ``login`` and return the callback path GitHub sends back to."""
    dash.github.state.signed_in = login
    start = await dash.client.get("/login", params={"next": next_path})
    assert start.status_code == 302
    async with httpx2.AsyncClient(transport=dash.github.transport()) as browser:
        page = await browser.get(start.headers["location"])
    assert page.status_code == 302, page.text
    back = urlsplit(page.headers["location"])
    assert back.netloc == "pace.test"
    assert back.path == "/login/callback"
    return f"{back.path}?{back.query}"


async def log_in(dash: Dash, login: str, next_path: str = "/runs") -> httpx2.Response:
    done = await dash.client.get(await authorize(dash, login, next_path))
    assert done.status_code == 302, done.text
    return done


async def test_without_login_pages_redirect_and_the_api_answers_401(dash: Dash) -> None:
    for path, target in [
        ("/", "/login?next=%2F"),
        ("/runs?state=done", "/login?next=%2Fruns%3Fstate%3Ddone"),
        (f"/runs/{dash.run_a.id}", f"/login?next=%2Fruns%2F{dash.run_a.id}"),
        ("/queue", "/login?next=%2Fqueue"),
    ]:
        answer = await dash.client.get(path)
        assert answer.status_code == 302, path
        assert answer.headers["location"] == target
    api = await dash.client.get("/api/runs")
    assert api.status_code == 401
    assert api.headers["www-authenticate"] == "Bearer"


async def test_login_goes_to_github_with_a_state_bound_to_a_cookie(dash: Dash) -> None:
    start = await dash.client.get("/login")
    target = urlsplit(start.headers["location"])
    assert (f"{target.scheme}://{target.netloc}", target.path) == (GITHUB, "/login/oauth/authorize")
    query = parse_qs(target.query)
    assert query["client_id"] == [client_id(dash.github.state.app)]
    assert query["redirect_uri"] == ["http://pace.test/login/callback"]
    cookie = start.headers["set-cookie"]
    assert cookie.startswith(f"{STATE_COOKIE}=")
    assert "httponly" in cookie.lower()
    assert "samesite=lax" in cookie.lower()
    assert "secure" not in cookie.lower()
    assert query["state"][0] not in cookie  # the cookie is signed, not the bare state


async def test_a_user_sees_only_runs_of_repositories_they_can_write_to(dash: Dash) -> None:
    done = await log_in(dash, "alice")
    assert done.headers["location"] == "/runs"
    session = done.headers["set-cookie"]
    assert session.startswith(f"{SESSION_COOKIE}=")
    assert "httponly" in session.lower()
    assert "samesite=lax" in session.lower()
    assert "max-age=28800" in session.lower()
    page = await dash.client.get("/runs")
    assert page.status_code == 200
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert "script-src" not in page.headers["content-security-policy"]
    assert f'href="/runs/{dash.run_a.id}"' in page.text
    assert f'href="/runs/{dash.run_b.id}"' not in page.text
    assert "acme/b" not in page.text
    assert "$0.42" in page.text
    assert "alice" in page.text
    assert "&lt;script&gt;" in page.text
    assert "<script>" not in page.text
    hidden = await dash.client.get(f"/runs/{dash.run_b.id}")
    assert hidden.status_code == 404
    missing = await dash.client.get("/runs/999999")
    assert missing.status_code == 404
    assert hidden.text == missing.text
    api = (await dash.client.get("/api/runs")).json()
    assert [run["repo"] for run in api["runs"]] == ["acme/a"]
    assert (await dash.client.get(f"/api/runs/{dash.run_b.id}")).status_code == 404
    assert dash.github.take_violations() == []


async def test_a_run_page_shows_its_timeline_turns_findings_cost_and_links(dash: Dash) -> None:
    await log_in(dash, "alice")
    page = (await dash.client.get(f"/runs/{dash.run_a.id}")).text
    assert "Timeline" in page
    # The store's history of the run: each state its attempt reached, with the time.
    assert "attempt 1" in page
    assert "4 of 8 turns, ended by handoff" in page
    assert "turn 1: read_file, edit_file — wrote widgets.py" in page
    assert "turn 2: run_tests <small>($0.21 so far)</small>" in page
    assert "SENTINEL: <strong>ADVISORY</strong>" in page
    assert "widgets.py:2 note" in page
    assert "$0.42" in page
    assert "$0.32" in page
    assert "of $5.00" in page
    assert f'href="{WEB}/acme/a/pull/2"' in page
    assert f'href="{WEB}/acme/a/issues/1#issuecomment-555"' in page
    assert f'href="{WEB}/acme/a/runs/77"' in page
    assert "&lt;script&gt;" in page
    assert "<script>" not in page


async def test_filters_narrow_the_list_and_a_bad_one_is_named(dash: Dash) -> None:
    operator = {"authorization": f"Bearer {ADMIN}"}
    both = (await dash.client.get("/api/runs", headers=operator)).json()["runs"]
    assert {run["repo"] for run in both} == {"acme/a", "acme/b"}
    only_b = await dash.client.get("/api/runs", params={"repo": "ACME/b"}, headers=operator)
    assert [run["repo"] for run in only_b.json()["runs"]] == ["acme/b"]
    done = await dash.client.get("/api/runs", params={"state": "done"}, headers=operator)
    assert done.json()["runs"] == []
    recent = await dash.client.get("/api/runs", params={"since": "1d"}, headers=operator)
    assert len(recent.json()["runs"]) == 2
    for params, name in [
        ({"since": "soon"}, "since"),
        ({"state": "nowhere"}, "state"),
        ({"repo": "noslash"}, "repo"),
        ({"limit": "0"}, "limit"),
    ]:
        bad = await dash.client.get("/api/runs", params=params, headers=operator)
        assert bad.status_code == 400
        assert bad.json()["error"].startswith(f"{name}:")
        page = await dash.client.get("/runs", params=params, headers=operator)
        assert page.status_code == 400
        assert f"Filter ignored: {name}:" in page.text


async def test_the_operator_token_sees_everything_and_the_queue(dash: Dash) -> None:
    operator = {"authorization": f"Bearer {ADMIN}"}
    page = await dash.client.get("/", headers=operator)
    assert f'href="/runs/{dash.run_b.id}"' in page.text
    narrowed = await dash.client.get("/runs", params={"repo": "acme/a"}, headers=operator)
    # The repository choice still offers every installed repository.
    assert "<option>acme/b</option>" in narrowed.text
    assert f'href="/runs/{dash.run_b.id}"' not in narrowed.text
    assert f'href="/runs/{dash.run_a.id}"' in page.text
    detail = (await dash.client.get(f"/api/runs/{dash.run_b.id}", headers=operator)).json()
    assert detail["cost_usd"] == 1.5
    assert [a["agent"] for a in detail["agents"]] == ["forge", "gate"]
    assert detail["links"]["pull request"] == f"{WEB}/acme/b/pull/8"
    queue = await dash.client.get("/queue", headers=operator)
    assert "App id: <strong>42</strong>" in queue.text
    assert "<td>story</td><td>queued</td>" in queue.text
    assert "&lt;acme&gt;" in queue.text
    assert "<acme>" not in queue.text
    assert "payload-text-xyz" not in queue.text
    assert SECRET not in queue.text
    wrong = await dash.client.get("/api/runs", headers={"authorization": "Bearer nope"})
    assert wrong.status_code == 401


async def test_a_user_queue_shows_their_runs_in_progress_but_no_jobs(dash: Dash) -> None:
    await log_in(dash, "bob")
    queue = await dash.client.get("/queue")
    assert f'href="/runs/{dash.run_b.id}"' in queue.text
    assert f'href="/runs/{dash.run_a.id}"' not in queue.text
    assert "Recent jobs" not in queue.text
    assert "App id" not in queue.text


async def test_a_callback_is_single_use_and_bound_to_the_browser(dash: Dash) -> None:
    callback = await authorize(dash, "alice")
    async with httpx2.AsyncClient(
        transport=dash.client._transport, base_url="http://pace.test"
    ) as stranger:
        assert (await stranger.get(callback)).status_code == 400
    assert (await dash.client.get(callback)).status_code == 302
    replayed = await dash.client.get(callback)
    assert replayed.status_code == 400
    assert "Login link expired" in replayed.text
    forged = await dash.client.get("/login/callback", params={"code": "x", "state": "made-up"})
    assert forged.status_code == 400


async def test_a_code_github_refuses_is_a_visible_failure(dash: Dash) -> None:
    callback = await authorize(dash, "alice")
    dash.github.state.oauth_codes.clear()
    failed = await dash.client.get(callback)
    assert failed.status_code == 502
    assert "bad_verification_code" in failed.text
    assert SESSION_COOKIE not in failed.headers.get("set-cookie", "")


async def test_login_never_redirects_off_the_server(dash: Dash) -> None:
    for target in ("//evil.example/x", "https://evil.example", "/\\evil", "runs"):
        done = await log_in(dash, "alice", target)
        assert done.headers["location"] == "/"


async def test_logout_ends_the_session(dash: Dash) -> None:
    await log_in(dash, "alice")
    assert (await dash.client.get("/runs")).status_code == 200
    out = await dash.client.get("/logout")
    assert out.status_code == 200
    assert "logged out" in out.text
    assert (await dash.client.get("/runs")).status_code == 302


async def test_a_forged_session_cookie_is_no_login(dash: Dash) -> None:
    dash.client.cookies.set(SESSION_COOKIE, "eyJsb2dpbiI6ImFsaWNlIn0.bm90LWEtbWFj")
    assert (await dash.client.get("/runs")).status_code == 302


async def test_metrics_need_the_operator_token(dash: Dash) -> None:
    assert (await dash.client.get("/metrics")).status_code == 401
    wrong = await dash.client.get("/metrics", headers={"authorization": "Bearer wrong"})
    assert wrong.status_code == 401
    ok = await dash.client.get("/metrics", headers={"authorization": f"Bearer {ADMIN}"})
    assert ok.status_code == 200
    assert 'pace_jobs{state="queued"} 1.0' in ok.text


async def test_without_an_admin_token_metrics_stay_closed_and_login_unconfigured(
    tmp_path: Path,
) -> None:
    store = SQLiteJobStore(tmp_path / "pace.db")
    await store.open()
    try:
        app = create_app(Intake(store, app_id=1), store, webhook_secret=SECRET, metrics=Metrics())
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://pace.test") as client:
            closed = await client.get("/metrics", headers={"authorization": "Bearer "})
            assert closed.status_code == 401
            assert "ADMIN_TOKEN" in closed.json()["error"]
            login = await client.get("/login")
            assert login.status_code == 503
            assert "GITHUB_CLIENT_ID" in login.text
        separate = httpx2.ASGITransport(app=create_metrics_app(store, Metrics()))
        async with httpx2.AsyncClient(transport=separate, base_url="http://m.test") as client:
            assert (await client.get("/metrics")).status_code == 200
    finally:
        await store.close()


async def test_a_user_with_no_writable_repository_sees_why(dash: Dash) -> None:
    dash.github.state.repos["acme/a"].permissions["carol"] = "read"
    await log_in(dash, "carol")
    page = await dash.client.get("/runs")
    assert "cannot write to any repository" in page.text
    assert "/runs/" not in page.text.replace('action="/runs"', "")


async def test_cookies_are_secure_behind_an_https_public_url(tmp_path: Path) -> None:
    store = SQLiteJobStore(tmp_path / "pace.db")
    await store.open()
    github = FakeGitHub()
    try:
        app = create_app(
            Intake(store, app_id=1),
            store,
            webhook_secret=SECRET,
            dashboard=settings_for(github, public_url="https://pace.example"),
        )
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://inside") as client:
            start = await client.get("/login")
    finally:
        await store.close()
    assert "secure" in start.headers["set-cookie"].lower()
    redirect = parse_qs(urlsplit(start.headers["location"]).query)["redirect_uri"]
    assert redirect == ["https://pace.example/login/callback"]


async def test_a_list_too_long_for_a_cookie_is_refused_with_a_way_out(dash: Dash) -> None:
    for index in range(200):
        dash.github.state.add_repo(
            f"acme/repository-number-{index:03}", installation_id=1, permissions={"dave": "write"}
        )
    refused = await dash.client.get(await authorize(dash, "dave"))
    assert refused.status_code == 400
    assert "Too many repositories" in refused.text
    assert "ADMIN_TOKEN" in refused.text
    assert (await dash.client.get("/runs")).status_code == 302


async def test_a_callback_without_a_configured_client_answers_503(tmp_path: Path) -> None:
    store = SQLiteJobStore(tmp_path / "pace.db")
    await store.open()
    try:
        app = create_app(Intake(store, app_id=1), store, webhook_secret=SECRET)
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://pace.test") as client:
            answer = await client.get("/login/callback", params={"code": "c", "state": "s"})
    finally:
        await store.close()
    assert answer.status_code == 503
