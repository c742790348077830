"""``pace plan push`` and ``pace plan status`` against the fake GitHub over HTTP."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from pace_app.domain.labels import STORY
from tests.acceptance.harness import app_environment, job_rows, run_pace
from tests.fakes import payloads
from tests.fakes.fake_github import FakeGitHub
from tests.fakes.servers import serve
from tests.plans.fixtures import THREE_STORIES

pytestmark = pytest.mark.slow

REPO = "octo/notes"


@pytest.fixture
def github() -> Iterator[tuple[FakeGitHub, str]]:
    """Serve a fake GitHub with the App installed on one repository."""
    fake = FakeGitHub()
    fake.state.add_repo(REPO, installation_id=payloads.INSTALLATION_ID)
    with serve(fake) as url:
        yield fake, url


def environment(tmp_path: Path, fake: FakeGitHub, url: str) -> dict[str, str]:
    """Return App settings wired to the fake, without a webhook secret (none is needed)."""
    env = app_environment(
        tmp_path,
        GITHUB_APP_ID=str(fake.app_id),
        GITHUB_PRIVATE_KEY=fake.private_key_pem,
        GITHUB_API_URL=url,
        LOG_FORMAT="text",
        LOG_LEVEL="WARNING",
    )
    del env["GITHUB_WEBHOOK_SECRET"]
    return env


def test_push_creates_three_then_changes_nothing_then_updates_the_edited_story(
    tmp_path: Path, github: tuple[FakeGitHub, str]
) -> None:
    fake, url = github
    env = environment(tmp_path, fake, url)
    plan = tmp_path / "plan.yaml"
    plan.write_text(THREE_STORIES)

    first = run_pace("plan", "push", str(plan), "--repo", REPO, cwd=tmp_path, env=env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == [
        "story-1: created #1",
        "story-2: created #2",
        "story-3: created #3",
    ]
    issues = {n: i for (r, n), i in fake.state.issues.items() if r == REPO}
    assert [i.title for i in issues.values()] == [
        "Store notes in a SQLite table",
        "List notes over HTTP",
        "Delete a note",
    ]
    assert "- [ ] Note.load(id) returns the saved note or None" in issues[1].body
    assert "## Out of scope\n- Authentication\n- Paging cursors" in issues[2].body
    bodies = {n: i.body for n, i in issues.items()}

    again = run_pace("plan", "push", str(plan), "--repo", REPO, cwd=tmp_path, env=env)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == [
        "story-1: unchanged #1",
        "story-2: unchanged #2",
        "story-3: unchanged #3",
    ]
    writes = [r for r in fake.requests if r.method in {"POST", "PATCH"} and "/issues" in r.path]
    assert len(writes) == 3

    plan.write_text(THREE_STORIES.replace("Full-text search", "Full-text search and tags"))
    edited = run_pace("plan", "push", str(plan), "--repo", REPO, cwd=tmp_path, env=env)
    assert edited.returncode == 0, edited.stderr
    assert edited.stdout.splitlines() == [
        "story-1: updated #1",
        "story-2: unchanged #2",
        "story-3: unchanged #3",
    ]
    changed = {n for (r, n), i in fake.state.issues.items() if r == REPO and i.body != bodies[n]}
    assert changed == {1}

    status = run_pace("plan", "status", str(plan), "--repo", REPO, cwd=tmp_path, env=env)
    assert status.returncode == 0, status.stderr
    assert status.stdout.splitlines() == [
        "story-1: #1 open, no run (pending)",
        "story-2: #2 open, no run (pending)",
        "story-3: #3 open, no run (shipped)",
    ]
    assert fake.private_key_pem.splitlines()[1] not in first.stdout + first.stderr


def test_start_labels_pending_stories_and_queues_their_runs(
    tmp_path: Path, github: tuple[FakeGitHub, str]
) -> None:
    fake, url = github
    env = environment(tmp_path, fake, url)
    plan = tmp_path / "plan.yaml"
    plan.write_text(THREE_STORIES)
    dry = run_pace("plan", "push", str(plan), "--repo", REPO, "--start", "--dry-run",
                   cwd=tmp_path, env=env)  # fmt: skip
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines()[0] == f"story-1: would create, would label {STORY}"
    assert not fake.state.issues

    result = run_pace("plan", "push", str(plan), "--repo", REPO, "--start",
                      cwd=tmp_path, env=env)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"story-1: created #1, labelled {STORY}",
        f"story-2: created #2, labelled {STORY}",
        "story-3: created #3",
    ]
    assert [fake.state.issues[(REPO, n)].labels for n in (1, 2, 3)] == [[STORY], [STORY], []]
    starts = [row for row in job_rows(tmp_path / "data") if row["kind"] == "story.start"]
    assert len(starts) == 2
    assert sorted(row["idempotency_key"].rsplit(":", 1)[1] for row in starts) == ["1", "2"]


def test_an_invalid_plan_names_the_story_and_key_and_touches_nothing(
    tmp_path: Path, github: tuple[FakeGitHub, str]
) -> None:
    fake, url = github
    env = environment(tmp_path, fake, url)
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        THREE_STORIES.replace(
            '      - "GET /notes answers 200 with a JSON list of notes"\n'
            '      - "GET /notes?limit=2 answers at most two notes"\n',
            '      "GET /notes answers 200"\n',
        )
    )
    result = run_pace("plan", "push", str(plan), "--repo", REPO, cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"pace: error: {plan}: stories[1] (story-2).acceptance_criteria: must be a list of strings"
    )
    assert fake.requests == []


def test_a_repository_without_the_app_is_one_line_naming_it(
    tmp_path: Path, github: tuple[FakeGitHub, str]
) -> None:
    fake, url = github
    env = environment(tmp_path, fake, url)
    plan = tmp_path / "plan.yaml"
    plan.write_text(THREE_STORIES)
    result = run_pace("plan", "push", str(plan), "--repo", "octo/elsewhere", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "pace: error: the App is not installed on octo/elsewhere, or there is no such repository"
    ]
