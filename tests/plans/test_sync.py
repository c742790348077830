"""Syncing a plan's stories to issues against the fake GitHub: create, update, leave alone."""

from collections.abc import AsyncIterator

import pytest

from pace_app.domain.labels import STORY
from pace_app.github.client import GitHubClient
from pace_app.plans.issue_text import marker, render_body
from pace_app.plans.plan import parse_plan
from pace_app.plans.sync import (
    apply_changes,
    by_story,
    describe,
    list_app_issues,
    plan_changes,
)
from tests.fakes.fake_github import FakeGitHub
from tests.pipeline.github_client import REPO, installation_client
from tests.plans.fixtures import THREE_STORIES

pytestmark = pytest.mark.anyio

Env = tuple[FakeGitHub, GitHubClient]


@pytest.fixture
async def env() -> AsyncIterator[Env]:
    """Return the fake GitHub (a human's issue #1 open) and an installation client."""
    async with installation_client() as pair:
        yield pair


async def sync(env: Env, text: str, *, start: bool = False) -> list[str]:
    fake, gh = env
    issues = by_story(await list_app_issues(gh, REPO, fake.state.app.bot_login))
    changes = await apply_changes(gh, REPO, plan_changes(parse_plan(text), issues, start=start))
    return [describe(change) for change in changes]


def plan_issues(fake: FakeGitHub) -> dict[int, tuple[str, str, list[str]]]:
    return {
        number: (issue.title, issue.body, issue.labels)
        for (repo, number), issue in fake.state.issues.items()
        if repo == REPO and issue.user == fake.state.app.bot_login
    }


async def test_a_plan_is_created_once_then_unchanged_then_one_edit_updates_one_issue(
    env: Env,
) -> None:
    fake, _ = env
    assert await sync(env, THREE_STORIES) == [
        "story-1: created #2",
        "story-2: created #3",
        "story-3: created #4",
    ]
    first = plan_issues(fake)
    assert [title for title, _b, _l in first.values()] == [
        "Store notes in a SQLite table",
        "List notes over HTTP",
        "Delete a note",
    ]
    assert all(labels == [] for _t, _b, labels in first.values())
    assert "- [ ] GET /notes answers 200 with a JSON list of notes" in first[3][1]

    assert await sync(env, THREE_STORIES) == [
        "story-1: unchanged #2",
        "story-2: unchanged #3",
        "story-3: unchanged #4",
    ]
    assert plan_issues(fake) == first

    edited = THREE_STORIES.replace("at most two notes", "at most two notes, newest first")
    fake.requests.clear()
    assert await sync(env, edited) == [
        "story-1: unchanged #2",
        "story-2: updated #3",
        "story-3: unchanged #4",
    ]
    after = plan_issues(fake)
    assert {n for n in after if after[n] != first[n]} == {3}
    assert "newest first" in after[3][1]
    writes = [r for r in fake.requests if r.method != "GET"]
    assert [(r.method, r.path) for r in writes] == [("PATCH", f"/repos/{REPO}/issues/3")]


async def test_start_labels_only_pending_stories_and_only_once(env: Env) -> None:
    fake, _ = env
    assert await sync(env, THREE_STORIES, start=True) == [
        f"story-1: created #2, labelled {STORY}",
        f"story-2: created #3, labelled {STORY}",
        "story-3: created #4",
    ]
    labels = {n: issue[2] for n, issue in plan_issues(fake).items()}
    assert labels == {2: [STORY], 3: [STORY], 4: []}
    assert await sync(env, THREE_STORIES, start=True) == [
        "story-1: unchanged #2",
        "story-2: unchanged #3",
        "story-3: unchanged #4",
    ]


async def test_an_existing_unlabelled_pending_story_is_labelled_on_start(env: Env) -> None:
    fake, _ = env
    await sync(env, THREE_STORIES)
    assert (await sync(env, THREE_STORIES, start=True))[0] == (
        f"story-1: unchanged #2, labelled {STORY}"
    )
    assert fake.state.issues[(REPO, 2)].labels == [STORY]


async def test_a_closed_issue_is_left_closed_and_said_so(env: Env) -> None:
    fake, _ = env
    await sync(env, THREE_STORIES)
    fake.state.issues[(REPO, 3)].state = "closed"
    edited = THREE_STORIES.replace("Authentication", "Log-in")
    lines = await sync(env, edited, start=True)
    assert lines[1] == "story-2: closed #3, left closed (reopen it to sync it again)"
    issue = fake.state.issues[(REPO, 3)]
    assert issue.state == "closed"
    assert "Log-in" not in issue.body


async def test_an_issue_a_person_wrote_is_never_taken_for_a_story(env: Env) -> None:
    fake, _ = env
    story = parse_plan(THREE_STORIES).stories[0]
    fake.state.add_issue(REPO, "Copy", render_body(story), user="mallory")
    fake.state.add_issue(REPO, "Other bot", marker("story-1") + "\n", user="other[bot]")
    lines = await sync(env, THREE_STORIES)
    assert lines[0] == "story-1: created #4"
    assert fake.state.issues[(REPO, 2)].title == "Copy"


async def test_issues_beyond_the_first_page_are_found(env: Env) -> None:
    fake, gh = env
    bot = fake.state.app.bot_login
    for n in range(150):
        fake.state.add_issue(REPO, f"Chore {n}", "no marker", user=bot)
    await sync(env, THREE_STORIES)
    fake.requests.clear()
    assert await sync(env, THREE_STORIES) == [
        "story-1: unchanged #152",
        "story-2: unchanged #153",
        "story-3: unchanged #154",
    ]
    listed = [r for r in fake.requests if r.method == "GET"]
    assert len(listed) == 2
    issues = await list_app_issues(gh, REPO, bot)
    assert len(issues) == 153


async def test_a_dry_run_describes_without_changing_anything(env: Env) -> None:
    fake, gh = env
    await sync(env, THREE_STORIES)
    edited = THREE_STORIES.replace("Delete a note", "Delete a note for good")
    issues = by_story(await list_app_issues(gh, REPO, fake.state.app.bot_login))
    changes = plan_changes(parse_plan(edited), issues, start=True)
    assert [describe(c, dry_run=True) for c in changes] == [
        f"story-1: unchanged #2, would label {STORY}",
        f"story-2: unchanged #3, would label {STORY}",
        "story-3: would update #4",
    ]
    assert fake.state.issues[(REPO, 4)].title == "Delete a note"
