"""A scripted story run through ``pace serve``, then the dashboard in headless Chromium.

Chromium logs in through the fake GitHub's OAuth pages as a user who can write to the
widgets repository only, and sees that run with its cost but not the run of a
repository the user can only read. Screenshots are kept in the test's tmp directory.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
from pathlib import Path

import anyio
import httpx2
import pytest

from pace_app.queue.sqlite import SQLiteJobStore
from pace_app.web.dashboard_pages import money
from tests.acceptance.harness import (
    PaceProcess,
    app_environment,
    free_port,
    run_pace,
    wait_until,
)
from tests.acceptance.test_story_run import FORGE_SESSION, finished
from tests.acceptance.world import REPO, deliver, world
from tests.fakes import payloads
from tests.fakes.github.routes_oauth import CLIENT_SECRET, client_id

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ADMIN_TOKEN = "acceptance-operator-token"
HIDDEN_REPO = "acme/hidden"
WRITER = "widget-writer"


def chromium(tmp_path: Path, url: str, *flags: str) -> str:
    """Open ``url`` in headless Chromium with ``flags``; return what it printed."""
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1280,900",
            f"--user-data-dir={tmp_path / 'chromium'}",
            *flags,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    ).stdout


async def add_hidden_run(data_dir: Path) -> int:
    """Store a run of a repository the user may only read, as intake would have."""
    store = SQLiteJobStore(data_dir / "pace.db")
    await store.open()
    try:
        run, _ = await store.start_run(
            repo=HIDDEN_REPO, issue_number=3, installation_id=payloads.INSTALLATION_ID
        )
    finally:
        await store.close()
    return run.id


def test_a_browser_logs_in_and_sees_only_its_repositories_runs_with_cost(
    tmp_path: Path,
) -> None:
    if CHROMIUM is None:
        if os.environ.get("PACE_TEST_REQUIRE_CHROMIUM") == "1":
            pytest.fail("chromium is required here (PACE_TEST_REQUIRE_CHROMIUM=1) but missing")
        pytest.skip("chromium is not installed (.ci/run installs it)")
    with world(tmp_path, FORGE_SESSION) as w:
        w.grant(WRITER, "write")
        w.github.state.add_repo(
            HIDDEN_REPO,
            installation_id=payloads.INSTALLATION_ID,
            permissions={WRITER: "read"},
        )
        env = w.environment(
            tmp_path,
            GITHUB_CLIENT_ID=client_id(w.github.state.app),
            GITHUB_CLIENT_SECRET=CLIENT_SECRET,
            ADMIN_TOKEN=ADMIN_TOKEN,
        )
        server = PaceProcess(("serve",), tmp_path, env, tmp_path / "serve.log").start()
        try:
            server.wait_http("/readyz")
            number = w.open_story()
            assert deliver(server, "issues", w.labeled_payload(number), "dash-1") == 202
            wait_until(
                lambda: finished(w, number, "PR ready for review"),
                timeout=120,
                what="the story run to finish",
                context=server.output,
            )
            hidden_id = anyio.run(add_hidden_run, tmp_path / "data")
            operator = {"authorization": f"Bearer {ADMIN_TOKEN}"}
            runs = httpx2.get(server.url + "/api/runs", headers=operator).json()["runs"]
            [story] = [run for run in runs if run["repo"] == REPO]
            assert story["cost_usd"] > 0
            assert story["state"] == "done"

            # Without a login: a redirect to /login, which goes on to GitHub's sign-in page.
            anonymous = httpx2.get(server.url + "/")
            assert anonymous.status_code == 302
            assert anonymous.headers["location"] == "/login?next=%2F"
            signed_out = chromium(tmp_path, server.url + "/", "--dump-dom")
            assert "Sign in to GitHub" in signed_out
            chromium(tmp_path, server.url + "/", f"--screenshot={tmp_path / 'signed-out.png'}")

            # Signed in at GitHub as the writer: the OAuth flow lands on the runs list.
            w.github.state.signed_in = WRITER
            listed = chromium(tmp_path, server.url + "/", "--dump-dom")
            chromium(tmp_path, server.url + "/runs", f"--screenshot={tmp_path / 'runs.png'}")
            detail = chromium(tmp_path, server.url + f"/runs/{story['id']}", "--dump-dom")
            chromium(
                tmp_path,
                server.url + f"/runs/{story['id']}",
                f"--screenshot={tmp_path / 'run.png'}",
            )
            hidden = httpx2.get(server.url + f"/api/runs/{hidden_id}", headers=operator)
            assert hidden.status_code == 200

            # /metrics is for the operator's token only.
            assert httpx2.get(server.url + "/metrics").status_code == 401
            scraped = httpx2.get(server.url + "/metrics", headers=operator)
            assert scraped.status_code == 200
            assert "pace_runs_total" in scraped.text
        finally:
            server.stop()
    assert f'href="/runs/{story["id"]}"' in listed
    assert REPO in listed
    assert money(story["cost_usd"]) in listed
    assert WRITER in listed
    assert f'href="/runs/{hidden_id}"' not in listed
    assert HIDDEN_REPO not in listed
    assert f"Run #{story['id']}" in detail
    assert money(story["cost_usd"]) in detail
    assert re.search(r"<td>forge</td><td>\d+</td>", detail)
    assert "GATE: <strong>" in detail
    assert f"/{REPO}/pull/" in detail
    for shot in ("signed-out.png", "runs.png", "run.png"):
        assert (tmp_path / shot).stat().st_size > 1000
    # The browser's login went through GitHub's OAuth pages; the token never reached a log.
    assert w.github.requests_to("POST", "/login/oauth/access_token")
    for token in w.github.state.user_tokens:
        assert token not in server.output()
    assert CLIENT_SECRET not in server.output()


def test_metrics_address_serves_metrics_without_a_token_on_its_own_listener(
    tmp_path: Path,
) -> None:
    metrics_port = free_port()
    env = app_environment(tmp_path, METRICS_ADDRESS=f"127.0.0.1:{metrics_port}")
    server = PaceProcess(("serve",), tmp_path, env, tmp_path / "serve.log").start()
    try:
        server.wait_http("/readyz")
        # The main listener still wants the token, and there is none.
        assert httpx2.get(server.url + "/metrics").status_code == 401
        separate = httpx2.get(f"http://127.0.0.1:{metrics_port}/metrics")
        assert separate.status_code == 200
        assert 'pace_jobs{state="queued"}' in separate.text
        # That listener serves nothing else.
        assert httpx2.get(f"http://127.0.0.1:{metrics_port}/runs").status_code == 404
        server.signal(signal.SIGTERM)
        assert server.wait() == 0
    finally:
        server.stop()
    assert any(r["message"] == "metrics listening" for r in server.log_records())


def test_a_busy_metrics_address_is_one_line_naming_it(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = app_environment(tmp_path, METRICS_ADDRESS=f"127.0.0.1:{port}")
        result = run_pace("serve", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("pace: error: METRICS_ADDRESS: cannot listen on")
