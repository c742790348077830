"""The /pace answers: help and refusal texts, and acknowledging where the command was written."""

from collections.abc import AsyncIterator

import pytest

from pace_app.domain.conventions import Conventions
from pace_app.domain.jobs import Command, CommandSource, RepoRef
from pace_app.domain.story import format_help
from pace_app.github.client import GitHubClient
from pace_app.pipeline.clearance import clearance_body
from pace_app.pipeline.commands import (
    HELP_TEXT,
    acknowledge,
    help_text,
    refusal_text,
    reply,
    review_ack_marker,
    unknown_command_text,
)
from pace_app.pipeline.status import footer
from tests.fakes.fake_github import FakeGitHub
from tests.fakes.github.state import Pull
from tests.pipeline.github_client import REPO, installation_client

pytestmark = pytest.mark.anyio


def test_help_names_every_command_where_and_who_may_run_them() -> None:
    for command in ("/pace retry", "/pace cancel", "/pace status", "/pace help"):
        assert command in HELP_TEXT
    assert "write, maintain or admin" in HELP_TEXT
    assert "inline review comment" in HELP_TEXT
    assert "case-insensitive" in HELP_TEXT
    assert "`pace:story`" in HELP_TEXT


def test_refusal_and_unknown_replies_do_not_ping() -> None:
    text = refusal_text("mallory")
    assert "@mallory" not in text
    assert "@\u2060mallory" in text
    assert "write access" in text
    assert "@\u2060mallory" in refusal_text("@mallory")
    reply_text = unknown_command_text("dep`loy @eve")
    assert "`/pace deploy @\u2060eve`" in reply_text
    assert HELP_TEXT in reply_text


def test_every_text_names_the_label_and_word_in_force() -> None:
    bot = Conventions(trigger_label="ai:build", command="bot", branch_prefix="bot/")
    texts = {
        "help": help_text(bot),
        "refusal": refusal_text("mallory", bot),
        "unknown": unknown_command_text("deploy", bot),
        "footer": footer(bot.command),
    }
    for name, text in texts.items():
        assert "/bot" in text, name
        assert "/pace" not in text, name
    for command in ("/bot retry", "/bot cancel", "/bot status", "/bot help"):
        assert command in texts["help"]
    assert "`ai:build`" in texts["help"]
    assert "`/bot deploy`" in texts["unknown"]
    for text in (format_help("ai:build"), clearance_body(3, 4, ["x"], "ai:build")):
        assert "`ai:build` label" in text
        assert "pace:story" not in text


@pytest.fixture
async def gh() -> AsyncIterator[tuple[FakeGitHub, GitHubClient, int]]:
    """Return the fake GitHub with an open pull request, a client, and the PR's number."""
    async with installation_client() as (fake, client):
        pull = fake.state.add_issue(REPO, "PR", is_pull=True)
        fake.state.pulls[(REPO, pull.number)] = Pull(REPO, pull.number, "PR", "pace/x", "main")
        yield fake, client, pull.number


def command(
    source: CommandSource, comment_id: int, number: int, thread_id: int | None = None
) -> Command:
    """Return a command job's payload as intake stores it."""
    repo = RepoRef(1, REPO, "http://git.example/octo/widgets.git", "main")
    return Command(
        77, repo, number, True, comment_id, "/pace retry", "alice", "d1", source, thread_id
    )


async def test_an_issue_comment_gets_its_reaction_and_a_reply_on_the_issue(
    gh: tuple[FakeGitHub, GitHubClient, int],
) -> None:
    fake, client, number = gh
    comment = fake.state.add_comment(REPO, number, "/pace retry", user="alice")
    cmd = command("issue_comment", comment.id, number)
    await acknowledge(client, cmd, "eyes")
    await reply(client, cmd, "on it")
    assert [r.content for r in comment.reactions] == ["eyes"]
    assert fake.state.comments_on(REPO, number)[-1].body == "on it"


async def test_an_inline_comment_gets_its_reaction_and_a_reply_in_its_thread(
    gh: tuple[FakeGitHub, GitHubClient, int],
) -> None:
    fake, client, number = gh
    root = fake.state.add_review_comment(REPO, number, "app.py", 3, "why?", user="bob")
    inline = fake.state.add_review_comment(REPO, number, "app.py", 3, "/pace retry", user="alice")
    inline.in_reply_to_id = root.id
    cmd = command("review_comment", inline.id, number, thread_id=root.id)
    await acknowledge(client, cmd, "confused")
    await reply(client, cmd, "only writers")
    assert [r.content for r in inline.reactions] == ["confused"]
    replies = [
        c
        for r in fake.state.reviews_on(REPO, number)
        for c in r.comments
        if c.body == "only writers"
    ]
    assert [(c.in_reply_to_id, c.path) for c in replies] == [(root.id, "app.py")]
    assert fake.state.comments_on(REPO, number) == []


async def test_a_review_is_acknowledged_once_by_a_marked_comment(
    gh: tuple[FakeGitHub, GitHubClient, int],
) -> None:
    fake, client, number = gh
    cmd = command("review", 5555, number)
    # A retried job acknowledges again; the marker finds the first comment.
    await acknowledge(client, cmd, "eyes")
    await acknowledge(client, cmd, "eyes")
    await acknowledge(client, cmd, "confused")  # a refusal's reply carries it
    [ack] = fake.state.comments_on(REPO, number)
    assert ack.body.startswith(review_ack_marker(5555))
    assert "👀" in ack.body
    assert "@\u2060alice" in ack.body
    await reply(client, cmd, "help text")
    assert fake.state.comments_on(REPO, number)[-1].body == "help text"


async def test_someone_elses_marker_does_not_count_as_the_acknowledgement(
    gh: tuple[FakeGitHub, GitHubClient, int],
) -> None:
    fake, client, number = gh
    fake.state.add_comment(REPO, number, review_ack_marker(5555) + "\nfake", user="mallory")
    await acknowledge(client, command("review", 5555, number), "eyes")
    assert len(fake.state.comments_on(REPO, number)) == 2
