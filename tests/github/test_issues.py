"""Status comment, labels and reactions against the fake GitHub: find-or-create, no duplicates."""

from collections.abc import AsyncIterator

import pytest

from pace_app.domain.run import RunState
from pace_app.errors import GitHubError
from pace_app.github.client import GitHubClient
from pace_app.github.issues import (
    ADVISORY,
    HOLD,
    LABELS,
    RUNNING,
    add_label,
    ensure_label,
    find_status_comment,
    react,
    remove_label,
    status_marker,
    write_status_comment,
)
from pace_app.pipeline.status import StatusView, render_status
from tests.fakes.fake_github import FakeGitHub
from tests.pipeline.github_client import REPO, installation_client

pytestmark = pytest.mark.anyio

Env = tuple[FakeGitHub, GitHubClient]


@pytest.fixture
async def env() -> AsyncIterator[Env]:
    """Return the fake GitHub (issue #1 open) and an installation client for it."""
    async with installation_client() as pair:
        yield pair


def body_for(run_id: int, state: RunState) -> str:
    """Render a status comment."""
    return render_status(StatusView(run_id=run_id, state=state))


def status_comments(fake: FakeGitHub, run_id: int) -> list[str]:
    """Return the bodies of the issue's comments carrying the run's marker."""
    return [
        c.body for c in fake.state.comments_on(REPO, 1) if c.body.startswith(status_marker(run_id))
    ]


async def test_the_status_comment_is_created_once_then_edited(env: Env) -> None:
    fake, gh = env
    first, _ = await write_status_comment(
        gh, REPO, 1, body_for(7, RunState.QUEUED), comment_id=None, run_id=7
    )
    second, _ = await write_status_comment(
        gh, REPO, 1, body_for(7, RunState.FORGE), comment_id=first, run_id=7
    )
    assert second == first
    bodies = status_comments(fake, 7)
    assert len(bodies) == 1
    assert "⏳ FORGE" in bodies[0]
    assert fake.state.comments[first].user == fake.state.app.bot_login


async def test_a_lost_id_finds_the_comment_again_by_its_marker(env: Env) -> None:
    fake, gh = env
    for i in range(105):  # the marker is found past the first page
        fake.state.add_comment(REPO, 1, f"chatter {i}", user="alice")
    first, _ = await write_status_comment(
        gh, REPO, 1, body_for(7, RunState.QUEUED), comment_id=None, run_id=7
    )
    again, _ = await write_status_comment(
        gh, REPO, 1, body_for(7, RunState.DONE), comment_id=None, run_id=7
    )
    assert again == first
    assert len(status_comments(fake, 7)) == 1
    assert "finished" in fake.state.comments[first].body


async def test_a_deleted_comment_is_found_by_marker_or_created_again(env: Env) -> None:
    fake, gh = env
    first, _ = await write_status_comment(
        gh, REPO, 1, body_for(7, RunState.QUEUED), comment_id=None, run_id=7
    )
    found, _ = await write_status_comment(
        gh, REPO, 1, body_for(7, RunState.FORGE), comment_id=999_999, run_id=7
    )
    assert found == first
    del fake.state.comments[first]
    recreated, _ = await write_status_comment(
        gh, REPO, 1, body_for(7, RunState.DONE), comment_id=first, run_id=7
    )
    assert recreated != first
    assert status_comments(fake, 7) == [fake.state.comments[recreated].body]


async def test_markers_from_people_or_other_runs_are_not_taken(env: Env) -> None:
    fake, gh = env
    forged = fake.state.add_comment(REPO, 1, status_marker(7) + "\nfake", user="mallory")
    other = fake.state.add_comment(REPO, 1, status_marker(8), user=fake.state.app.bot_login)
    assert await find_status_comment(gh, REPO, 1, 7) is None
    created, _ = await write_status_comment(
        gh, REPO, 1, body_for(7, RunState.QUEUED), comment_id=None, run_id=7
    )
    assert created not in {forged.id, other.id}
    assert fake.state.comments[forged.id].body.endswith("fake")
    assert fake.state.comments[other.id].body == status_marker(8)


async def test_other_edit_errors_are_raised(env: Env) -> None:
    fake, gh = env
    first, _ = await write_status_comment(
        gh, REPO, 1, body_for(7, RunState.QUEUED), comment_id=None, run_id=7
    )
    fake.faults.unprocessable("PATCH", "*", message="Body is too long")
    with pytest.raises(GitHubError) as caught:
        await write_status_comment(
            gh, REPO, 1, body_for(7, RunState.FORGE), comment_id=first, run_id=7
        )
    assert caught.value.status == 422


async def test_managed_labels_are_created_with_colour_and_added_once(env: Env) -> None:
    fake, gh = env
    await add_label(gh, REPO, 1, RUNNING)
    await add_label(gh, REPO, 1, RUNNING)
    repo = fake.state.repos[REPO]
    assert fake.state.issues[(REPO, 1)].labels == [RUNNING]
    assert repo.labels[RUNNING].color == LABELS[RUNNING].color
    assert repo.labels[RUNNING].description == LABELS[RUNNING].description
    assert len(fake.requests_to("POST", f"/repos/{REPO}/labels")) == 1


async def test_unmanaged_labels_are_added_as_they_are(env: Env) -> None:
    fake, gh = env
    await add_label(gh, REPO, 1, "bug")
    assert fake.state.issues[(REPO, 1)].labels == ["bug"]
    assert fake.requests_to("POST", f"/repos/{REPO}/labels") == []


async def test_a_label_created_meanwhile_is_fine(env: Env) -> None:
    fake, gh = env
    # Another worker created the label between our look-up and our create.
    fake.faults.unprocessable("POST", f"/repos/{REPO}/labels")
    await ensure_label(gh, REPO, HOLD)
    await add_label(gh, REPO, 1, HOLD)
    assert fake.state.issues[(REPO, 1)].labels == [HOLD]


async def test_label_errors_other_than_the_expected_are_raised(env: Env) -> None:
    fake, gh = env
    fake.faults.unprocessable("GET", f"/repos/{REPO}/labels/*")
    with pytest.raises(GitHubError):
        await ensure_label(gh, REPO, ADVISORY)
    fake.faults.server_error("POST", f"/repos/{REPO}/labels", times=3)
    with pytest.raises(GitHubError):
        await ensure_label(gh, REPO, ADVISORY)
    fake.faults.unprocessable("DELETE", "*")
    with pytest.raises(GitHubError):
        await remove_label(gh, REPO, 1, ADVISORY)
    assert ADVISORY not in fake.state.repos[REPO].labels


async def test_removing_a_label_that_is_not_there_is_fine(env: Env) -> None:
    fake, gh = env
    await add_label(gh, REPO, 1, HOLD)
    await remove_label(gh, REPO, 1, HOLD)
    await remove_label(gh, REPO, 1, HOLD)
    assert fake.state.issues[(REPO, 1)].labels == []


async def test_reactions_on_comments_and_issues_are_not_duplicated(env: Env) -> None:
    fake, gh = env
    comment = fake.state.add_comment(REPO, 1, "/pace retry", user="alice")
    await react(gh, REPO, comment_id=comment.id)
    await react(gh, REPO, comment_id=comment.id)
    await react(gh, REPO, issue_number=1, content="confused")
    assert [r.content for r in fake.state.comments[comment.id].reactions] == ["eyes"]
    assert [r.content for r in fake.state.issues[(REPO, 1)].reactions] == ["confused"]


async def test_a_reaction_needs_exactly_one_target(env: Env) -> None:
    _, gh = env
    with pytest.raises(ValueError, match="exactly one"):
        await react(gh, REPO)
    with pytest.raises(ValueError, match="exactly one"):
        await react(gh, REPO, comment_id=1, issue_number=1)
