"""The commands (``/pace retry``): help and refusal texts, and where a command is answered.

The grammar is ``pace_app.domain.commands`` (intake reads it too); every text names
the repository's command word and trigger label (``pace_app.domain.conventions``). Only people with
write access may run commands; the app answers anyone else with ONE short refusal.

A command is acknowledged where it was written: 👀 on the issue comment or on the
inline review comment. A review has no reactions on GitHub, so a command in a review
body is acknowledged by one short comment on the pull request, found again by its
hidden marker so a retried job never posts it twice.
"""

from __future__ import annotations

from pace_app.domain.commands import ParsedCommand as ParsedCommand
from pace_app.domain.commands import parse_command as parse_command
from pace_app.domain.commands import read_command as read_command
from pace_app.domain.conventions import DEFAULT, Conventions
from pace_app.domain.jobs import Command
from pace_app.domain.text import neutralise
from pace_app.github import issues as effects
from pace_app.github.client import GitHubClient
from pace_app.github.permissions import is_bot
from pace_app.github.pulls import reply_in_thread

_HELP = """\
### PACE commands

Write one of these as the first line of a comment on the story's issue or pull \
request, of a pull request review, or of an inline review comment:

| Command | What it does |
| --- | --- |
| `/{word} retry [what to change]` | Run FORGE again on the existing branch, fed with the \
latest GATE and SENTINEL findings, the comments, reviews and inline review comments by \
people with write access since the last run, and your text; the reviews then run again. |
| `/{word} cancel` | Stop the story's run. |
| `/{word} status` | Refresh the status comment on the issue. |
| `/{word} help` | Show this help. |

Commands are case-insensitive; a quoted (`>`) or fenced `/{word}` line is not a command. \
Only people with write, maintain or admin permission on the repository may run \
commands; bots never can. An accepted command gets a 👀 reaction.

To start a story, add the `{label}` label to an issue that has an \
"Acceptance criteria" section."""


def help_text(conventions: Conventions = DEFAULT) -> str:
    """Return the help, naming the repository's command word and trigger label."""
    return _HELP.format(word=conventions.command, label=conventions.trigger_label)


HELP_TEXT = help_text()


def refusal_text(login: str, conventions: Conventions = DEFAULT) -> str:
    """Return the one short reply to someone without write access, without pinging them."""
    who = neutralise("@" + login.lstrip("@"), limit=60, one_line=True)
    return f"{who}, only people with write access can run `/{conventions.command}` commands."


def unknown_command_text(raw_verb: str, conventions: Conventions = DEFAULT) -> str:
    """Return the reply to a command whose verb PACE does not know."""
    verb = neutralise(raw_verb, limit=40, one_line=True).replace("`", "")
    word = conventions.command
    return f"PACE does not know the command `/{word} {verb}`.\n\n{help_text(conventions)}"


def review_ack_marker(review_id: int) -> str:
    """Return the hidden first line of the comment acknowledging a review's command."""
    return f"<!-- pace:ack review={review_id} -->"


def review_ack_text(command: Command) -> str:
    """Return the comment that acknowledges a command written in a review body."""
    who = neutralise("@" + command.author.lstrip("@"), limit=60, one_line=True)
    return (
        f"{review_ack_marker(command.comment_id)}\n👀 PACE accepted the command in {who}'s review."
    )


async def acknowledge(gh: GitHubClient, command: Command, content: effects.Reaction) -> None:
    """React to a command where it was written; a review's 👀 is one marked comment."""
    repo = command.repo.full_name
    if command.source == "issue_comment":
        await effects.react(gh, repo, comment_id=command.comment_id, content=content)
    elif command.source == "review_comment":
        await gh.post(
            f"/repos/{repo}/pulls/comments/{command.comment_id}/reactions",
            data={"content": content},
        )
    elif content == "eyes" and not await _review_acknowledged(gh, command):
        await reply(gh, command, review_ack_text(command))
    # A refused review command has no reaction to carry: its one reply says it all.


async def reply(gh: GitHubClient, command: Command, body: str) -> None:
    """Answer a command: in its inline thread, or on the issue or pull request."""
    repo = command.repo.full_name
    if command.source == "review_comment":
        # GitHub answers a thread through its first comment; replies to replies are refused.
        root = command.thread_id or command.comment_id
        await reply_in_thread(
            gh, repo, pull_number=command.issue_number, comment_id=root, body=body
        )
        return
    await gh.post(f"/repos/{repo}/issues/{command.issue_number}/comments", data={"body": body})


async def _review_acknowledged(gh: GitHubClient, command: Command) -> bool:
    marker = review_ack_marker(command.comment_id)
    url = f"/repos/{command.repo.full_name}/issues/{command.issue_number}/comments?per_page=100"
    async for comment in gh.getiter(url):
        user = comment.get("user") or {}
        bot = is_bot(user.get("login", "")) or user.get("type") == "Bot"
        if bot and (comment.get("body") or "").startswith(marker):
            return True
    return False
