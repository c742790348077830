"""``pace redeliver`` asks the fake GitHub to redeliver exactly the lost deliveries."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.acceptance.harness import PaceProcess, app_environment, run_pace, wait_until
from tests.fakes import payloads
from tests.fakes.fake_github import FakeGitHub
from tests.fakes.github.state import HookDelivery
from tests.fakes.servers import serve

pytestmark = pytest.mark.slow


@pytest.fixture
def github() -> Iterator[tuple[FakeGitHub, str]]:
    """Serve a fake GitHub over real HTTP."""
    fake = FakeGitHub()
    with serve(fake) as url:
        yield fake, url


def test_redeliver_sends_back_only_failed_deliveries_the_store_lacks(
    tmp_path: Path, github: tuple[FakeGitHub, str]
) -> None:
    fake, url = github
    state = fake.state
    env = app_environment(
        tmp_path,
        GITHUB_APP_ID=str(state.app.id),
        GITHUB_PRIVATE_KEY=fake.private_key_pem,
        GITHUB_API_URL=url,
        LOG_FORMAT="text",
    )
    state.add_delivery("issues", action="labeled", status_code=200)
    stored = state.add_delivery("issues", action="labeled", status_code=500)
    lost = state.add_delivery("issue_comment", action="created", status_code=502)
    flaky = state.add_delivery("issues", action="closed", status_code=500)
    state.deliveries.append(
        HookDelivery(
            id=state.next_id(),
            guid=flaky.guid,
            event="issues",
            action="closed",
            status_code=202,
            delivered_at=state.clock(),
            redelivery=True,
        )
    )
    payload = tmp_path / "labeled.json"
    payload.write_text(json.dumps(payloads.issues_event("labeled")))
    received = run_pace(
        "receive", "-e", "issues", "-p", str(payload), "--delivery-id", stored.guid, "--queue-only",
        cwd=tmp_path, env=env,
    )  # fmt: skip
    assert received.returncode == 0, received.stderr

    dry = run_pace("redeliver", "--dry-run", cwd=tmp_path, env=env)
    assert dry.returncode == 0, dry.stderr
    assert (
        dry.stdout.splitlines()[0]
        == f"would redeliver {lost.guid} (issue_comment.created, status 502)"
    )
    assert state.redelivered == []

    result = run_pace("redeliver", "--since", "30m", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert state.redelivered == [lost.id]
    assert result.stdout.splitlines() == [
        f"redelivered {lost.guid} (issue_comment.created, status 502)",
        "1 redelivered; 4 deliveries seen, 2 failed, 1 of those already stored",
    ]
    attempts = fake.requests_to("POST", f"/app/hook/deliveries/{lost.id}/attempts")
    assert [r.auth_scheme for r in attempts] == ["bearer"]
    assert fake.private_key_pem.splitlines()[1] not in result.stdout + result.stderr


def test_redeliver_refuses_a_malformed_since(tmp_path: Path) -> None:
    result = run_pace("redeliver", "--since", "soon", cwd=tmp_path, env=app_environment(tmp_path))
    assert result.returncode == 2
    assert "not a duration like 30m, 6h or 2d" in result.stderr


def test_a_worker_with_redeliver_every_redelivers_on_its_own(
    tmp_path: Path, github: tuple[FakeGitHub, str]
) -> None:
    fake, url = github
    lost = fake.state.add_delivery("issues", action="labeled", status_code=500)
    env = app_environment(
        tmp_path,
        GITHUB_APP_ID=str(fake.state.app.id),
        GITHUB_PRIVATE_KEY=fake.private_key_pem,
        GITHUB_API_URL=url,
        REDELIVER_EVERY="1s",
    )
    worker = PaceProcess(("worker",), tmp_path, env, tmp_path / "worker.log").start()
    try:
        wait_until(
            lambda: lost.id in fake.state.redelivered,
            what="the worker's periodic redelivery",
            context=worker.output,
        )
    finally:
        worker.stop()
    assert any(r["message"] == "periodic redelivery done" for r in worker.log_records())
