"""The GATE check run against the fake GitHub, which refuses what GitHub would refuse."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx2
import pytest

from pace_app.github.annotations import Annotation
from pace_app.github.auth import AppAuth
from pace_app.github.checks import GATE_CHECK_NAME, MAX_OUTPUT_CHARS, CheckRun, cut_output
from pace_app.github.client import GitHubApp, GitHubClient
from tests.fakes.fake_github import FakeGitHub

REPO = "octo/widgets"
SHA = "a" * 40
INSTALLATION_ID = 77


@pytest.fixture
def fake() -> FakeGitHub:
    """Return a fake GitHub with one installed repository."""
    github = FakeGitHub()
    github.state.add_repo(REPO, installation_id=INSTALLATION_ID)
    return github


@pytest.fixture
async def gh(fake: FakeGitHub) -> AsyncIterator[GitHubClient]:
    """Return an installation client served by the fake in-process."""
    async with httpx2.AsyncClient(transport=fake.transport()) as http:
        app = GitHubApp(
            http, auth=AppAuth(fake.app_id, fake.private_key_pem), base_url="http://fake"
        )
        yield await app.for_installation(INSTALLATION_ID)


def make_annotations(count: int) -> list[Annotation]:
    """Return ``count`` distinct failure annotations."""
    return [Annotation("src/app.py", n, n, "failure", f"problem {n}") for n in range(1, count + 1)]


@pytest.mark.anyio
async def test_create_then_complete_with_120_annotations(
    fake: FakeGitHub, gh: GitHubClient
) -> None:
    run = await CheckRun.create(gh, REPO, SHA, external_id="job-1")
    assert run.data["status"] == "in_progress"
    assert run.html_url
    await run.complete(
        "failure",
        title="HOLD: 2 tests failed",
        summary="s",
        text="t",
        annotations=make_annotations(120),
    )
    (stored,) = fake.state.check_runs.values()
    assert stored.name == GATE_CHECK_NAME
    assert stored.head_sha == SHA
    assert stored.status == "completed"
    assert stored.conclusion == "failure"
    assert [a["start_line"] for a in stored.annotations] == list(range(1, 121))
    assert stored.output["title"] == "HOLD: 2 tests failed"
    assert stored.output["text"] == "t"
    assert run.data["output"]["annotations_count"] == 120
    patches = [r for r in fake.requests if r.method == "PATCH"]
    assert [len(r.body["output"]["annotations"]) for r in patches] == [50, 50, 20]


@pytest.mark.anyio
async def test_a_reclaimed_job_reuses_its_check_run(fake: FakeGitHub, gh: GitHubClient) -> None:
    first = await CheckRun.create(gh, REPO, SHA, external_id="job-1")
    await first.complete("success", title="SHIP", summary="ok")
    again = await CheckRun.create(gh, REPO, SHA, external_id="job-1", details_url="http://x")
    assert again.id == first.id
    assert again.data["status"] == "in_progress"
    assert len(fake.state.check_runs) == 1


@pytest.mark.anyio
async def test_an_open_run_is_reused_and_a_completed_one_is_not(
    fake: FakeGitHub, gh: GitHubClient
) -> None:
    done = await CheckRun.create(gh, REPO, SHA, external_id="job-1")
    await done.complete("success", title="SHIP", summary="ok")
    fresh = await CheckRun.create(gh, REPO, SHA, external_id="job-2")
    assert fresh.id != done.id
    reused = await CheckRun.create(gh, REPO, SHA, external_id="job-3", status="queued")
    assert reused.id == fresh.id
    assert reused.data["external_id"] == "job-3"
    other_sha = await CheckRun.create(gh, REPO, "b" * 40, external_id="job-3")
    other_name = await CheckRun.create(gh, REPO, SHA, name="PACE / SENTINEL")
    assert len({done.id, fresh.id, other_sha.id, other_name.id}) == 4
    assert len(fake.state.check_runs) == 4


@pytest.mark.anyio
async def test_runs_of_other_apps_are_left_alone(gh: GitHubClient) -> None:
    mine = await CheckRun.create(gh, REPO, SHA)
    # The fake's runs carry no app, so they count as this App's own.
    again = await CheckRun.create(gh, REPO, SHA, app_id=4242)
    assert again.id == mine.id


@pytest.mark.anyio
async def test_long_output_is_cut_and_accepted(fake: FakeGitHub, gh: GitHubClient) -> None:
    run = await CheckRun.create(gh, REPO, SHA)
    await run.complete("failure", title="T" * 400, summary="s" * 70_000, text="x" * 200_000)
    (stored,) = fake.state.check_runs.values()
    assert len(stored.output["summary"]) < MAX_OUTPUT_CHARS
    kept = stored.output["text"].split("\n\n(cut: ")[0]
    assert stored.output["text"].endswith(f"(cut: {200_000 - len(kept)} characters omitted)")
    assert len(stored.output["title"]) == 255


@pytest.mark.anyio
async def test_cancel_completes_as_cancelled(fake: FakeGitHub, gh: GitHubClient) -> None:
    run = await CheckRun.create(gh, REPO, SHA)
    await run.cancel()
    (stored,) = fake.state.check_runs.values()
    assert stored.conclusion == "cancelled"
    assert stored.annotations == []


def test_cut_output_keeps_short_text_and_counts_what_it_cuts() -> None:
    assert cut_output("short") == "short"
    text = "y" * 100
    cut = cut_output(text, limit=60)
    assert len(cut) < 60
    kept = cut.split("\n\n(cut: ")[0]
    assert kept == "y" * len(kept)
    assert cut.endswith(f"(cut: {100 - len(kept)} characters omitted)")
