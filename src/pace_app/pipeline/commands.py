"""The ``/pace`` commands: parsing a comment, the help and refusal texts, retry feedback.

A command is the first line of a comment: ``/pace <verb> [free text]``. The free text
is the rest of that line plus every following line. Only people with write access may
run commands; the app answers anyone else with ONE short refusal.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, NamedTuple

from pace_app.domain.story import sanitise
from pace_app.domain.text import neutralise, truncate
from pace_app.github.client import GitHubClient

Verb = Literal["retry", "cancel", "status", "help", "unknown"]
VERBS: frozenset[str] = frozenset({"retry", "cancel", "status", "help"})

MAX_FREE_TEXT_CHARS = 4_000
MAX_FEEDBACK_CHARS = 12_000
MAX_ITEM_CHARS = 2_000
# Each part of the feedback gets its own share, so long findings cannot crowd out people.
FINDINGS_BUDGET = 3_500
NOTES_BUDGET = 4_500
REQUEST_BUDGET = 3_500

_COMMAND = re.compile(r"\A[ \t]*/pace(?![^ \t])(?:[ \t]+(\S+))?[ \t]*(.*)\Z", re.IGNORECASE)

HELP_TEXT = """\
### PACE commands

Comment on the story's issue or pull request with one of these as the first line:

| Command | What it does |
| --- | --- |
| `/pace retry [what to change]` | Run FORGE again on the existing branch, fed with the \
latest review findings, comments and reviews by people with write access since the last \
run, and your text; the reviews then run again. |
| `/pace cancel` | Stop the story's run. |
| `/pace status` | Refresh the status comment on the issue. |
| `/pace help` | Show this help. |

Only people with write, maintain or admin permission on the repository may run \
commands; bots never can. An accepted command gets a 👀 reaction.

To start a story, add the `pace:story` label to an issue that has an \
"Acceptance criteria" section."""


@dataclass(frozen=True)
class ParsedCommand:
    """A ``/pace`` command read from a comment."""

    verb: Verb
    free_text: str = ""
    raw_verb: str = ""  # what the user typed, kept for an unknown verb's answer


class DiscussionComment(NamedTuple):
    """A comment on the pull request's conversation."""

    author: str
    body: str
    created_at: datetime


class DiscussionReview(NamedTuple):
    """A submitted pull request review."""

    author: str
    state: str
    body: str
    submitted_at: datetime | None


def parse_command(body: str) -> ParsedCommand | None:
    """Return the command a comment starts with, or None if it is not a command."""
    text = body.replace("\r\n", "\n").replace("\r", "\n").lstrip("\n")
    first, _, rest = text.partition("\n")
    match = _COMMAND.match(first)
    if match is None:
        return None
    raw_verb = (match.group(1) or "help").lower()
    verb: Verb = raw_verb if raw_verb in VERBS else "unknown"  # type: ignore[assignment]
    free = "\n".join(part for part in (match.group(2).strip(), rest.strip()) if part)
    free_text = truncate(sanitise(free).strip(), MAX_FREE_TEXT_CHARS)
    return ParsedCommand(verb, free_text, raw_verb[:40])


def refusal_text(login: str) -> str:
    """Return the one short reply to someone without write access, without pinging them."""
    who = neutralise("@" + login.lstrip("@"), limit=60, one_line=True)
    return f"{who}, only people with write access can run `/pace` commands."


def unknown_command_text(raw_verb: str) -> str:
    """Return the reply to a command whose verb PACE does not know."""
    verb = neutralise(raw_verb, limit=40, one_line=True).replace("`", "")
    return f"PACE does not know the command `/pace {verb}`.\n\n{HELP_TEXT}"


def feedback_for_retry(
    *,
    free_text: str,
    comments: Sequence[tuple[str, str, datetime]],
    reviews: Sequence[tuple[str, str, str, datetime | None]],
    findings: Sequence[str],
    since: datetime | None,
    writers: Collection[str],
) -> str:
    """Return the bounded feedback block for FORGE's prompt on a retry, sanitised."""
    allowed = {login.lower() for login in writers}
    notes: list[tuple[datetime | None, str]] = []
    for author, body, created_at in comments:
        if author.lower() not in allowed or parse_command(body) is not None:
            continue  # a command's own text arrives as free_text
        if since is None or created_at > since:
            notes.append((created_at, _quoted(f"Comment by {author}", body)))
    for author, state, body, submitted_at in reviews:
        if author.lower() not in allowed or state.upper() == "PENDING":
            continue
        if since is not None and submitted_at is not None and submitted_at <= since:
            continue
        if body.strip() or state.upper() == "CHANGES_REQUESTED":
            verdict = state.replace("_", " ").lower()
            notes.append((submitted_at, _quoted(f"Review by {author} ({verdict})", body)))
    sections = []
    if findings:
        sections.append("## Findings from the last review\n" + _findings(findings))
    if notes:
        notes.sort(key=lambda note: note[0].timestamp() if note[0] is not None else 0.0)
        sections.append("## Said by maintainers since the last run\n" + "\n\n".join(_latest(notes)))
    if free_text.strip():
        sections.append(f"## Asked with the retry\n{_clean(free_text, REQUEST_BUDGET)}")
    return truncate("\n\n".join(sections), MAX_FEEDBACK_CHARS)


async def gather_pr_discussion(
    gh: GitHubClient, repo: str, pr_number: int
) -> tuple[list[DiscussionComment], list[DiscussionReview]]:
    """Return a pull request's conversation comments and submitted reviews, oldest first."""
    comments = [
        DiscussionComment(
            item["user"]["login"], item.get("body") or "", _parse_time(item["created_at"])
        )
        async for item in gh.getiter(f"/repos/{repo}/issues/{pr_number}/comments?per_page=100")
    ]
    reviews = [
        DiscussionReview(
            item["user"]["login"],
            item.get("state") or "",
            item.get("body") or "",
            _parse_time(item["submitted_at"]) if item.get("submitted_at") else None,
        )
        async for item in gh.getiter(f"/repos/{repo}/pulls/{pr_number}/reviews?per_page=100")
    ]
    return comments, reviews


def _parse_time(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _clean(text: str, limit: int, *, one_line: bool = False) -> str:
    text = sanitise(text).strip()
    if one_line:
        text = " ".join(text.split())
    return truncate(text, limit)


def _quoted(heading: str, body: str) -> str:
    lines = _clean(body, MAX_ITEM_CHARS).split("\n") if body.strip() else []
    return "\n".join([f"{_clean(heading, 200, one_line=True)}:", *(f"> {ln}" for ln in lines)])


def _findings(findings: Sequence[str]) -> str:
    """List the findings in order, as many as fit their budget."""
    lines: list[str] = []
    used = 0
    for finding in findings:
        line = f"- {_clean(finding, MAX_ITEM_CHARS, one_line=True)}"
        if used + len(line) > FINDINGS_BUDGET:
            lines.append(f"- …and {len(findings) - len(lines)} more findings")
            break
        lines.append(line)
        used += len(line) + 1
    return "\n".join(lines)


def _latest(notes: Sequence[tuple[datetime | None, str]]) -> list[str]:
    """Keep the newest notes that fit their budget, in time order."""
    kept: list[str] = []
    used = 0
    for _, text in reversed(notes):
        if used + len(text) > NOTES_BUDGET:
            break
        kept.append(text)
        used += len(text) + 2
    return kept[::-1]
