"""What a run changes on GitHub besides the pull request: status comment, labels, reactions.

Every effect is find-or-create, so a worker that crashes and is re-claimed repeats it
without duplicating anything: the status comment is found again by its marker, labels
and reactions are idempotent on GitHub's side.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Literal
from urllib.parse import quote

from pace_app.domain.labels import ADVISORY as ADVISORY
from pace_app.domain.labels import HOLD as HOLD
from pace_app.domain.labels import LABELS as LABELS
from pace_app.domain.labels import RUNNING as RUNNING
from pace_app.domain.labels import STORY as STORY
from pace_app.errors import GitHubError
from pace_app.github.client import GitHubClient
from pace_app.github.permissions import is_bot

logger = logging.getLogger(__name__)

Reaction = Literal["eyes", "confused", "+1", "-1", "rocket"]

_MARKER = re.compile(r"\A<!-- pace:status run=(\d+) -->")


def status_marker(run_id: int) -> str:
    """Return the hidden first line that identifies a run's status comment."""
    return f"<!-- pace:status run={run_id} -->"


def marker_run_id(body: str) -> int | None:
    """Return the run id a status comment's marker names, if the body starts with one."""
    match = _MARKER.match(body)
    return int(match.group(1)) if match else None


async def write_status_comment(
    gh: GitHubClient,
    repo: str,
    issue_number: int,
    body: str,
    *,
    comment_id: int | None,
    run_id: int,
) -> tuple[int, str]:
    """Edit the run's status comment, finding or creating it; return its id and page URL."""
    if comment_id is not None and (url := await _edit(gh, repo, comment_id, body)) is not None:
        return comment_id, url
    found = await find_status_comment(gh, repo, issue_number, run_id)
    if found is not None and (url := await _edit(gh, repo, found, body)) is not None:
        return found, url
    created = await gh.post(f"/repos/{repo}/issues/{issue_number}/comments", data={"body": body})
    logger.info(
        "status comment created",
        extra={"repo": repo, "issue": issue_number, "run_id": run_id},
    )
    return int(created["id"]), str(created.get("html_url") or "")


async def find_status_comment(
    gh: GitHubClient, repo: str, issue_number: int, run_id: int
) -> int | None:
    """Return the id of a bot's comment carrying this run's status marker, if any."""
    url = f"/repos/{repo}/issues/{issue_number}/comments?per_page=100"
    async for comment in gh.getiter(url):
        author = (comment.get("user") or {}).get("login", "")
        bot = is_bot(author) or (comment.get("user") or {}).get("type") == "Bot"
        if bot and marker_run_id(comment.get("body") or "") == run_id:
            return int(comment["id"])
    return None


async def _edit(gh: GitHubClient, repo: str, comment_id: int, body: str) -> str | None:
    """Edit a comment and return its page URL; None if it no longer exists."""
    try:
        edited = await gh.patch(f"/repos/{repo}/issues/comments/{comment_id}", data={"body": body})
    except GitHubError as exc:
        if exc.status == 404:
            return None
        raise
    return str(edited.get("html_url") or "")


async def ensure_label(gh: GitHubClient, repo: str, name: str) -> None:
    """Create a managed label on the repository with its colour, unless it exists."""
    spec = LABELS.get(name)
    if spec is None:
        return  # GitHub creates unknown labels itself when they are added
    path = f"/repos/{repo}/labels"
    try:
        await gh.getitem(f"{path}/{quote(name, safe='')}")
        return
    except GitHubError as exc:
        if exc.status != 404:
            raise
    try:
        await gh.post(
            path, data={"name": name, "color": spec.color, "description": spec.description}
        )
    except GitHubError as exc:
        if exc.status != 422:  # created meanwhile by another worker
            raise


async def add_label(gh: GitHubClient, repo: str, issue_number: int, name: str) -> None:
    """Add a label to an issue, creating a managed label with its colour first."""
    await ensure_label(gh, repo, name)
    await gh.post(f"/repos/{repo}/issues/{issue_number}/labels", data={"labels": [name]})


async def remove_label(gh: GitHubClient, repo: str, issue_number: int, name: str) -> None:
    """Remove a label from an issue; a label that is not there is already removed."""
    try:
        await gh.delete(f"/repos/{repo}/issues/{issue_number}/labels/{quote(name, safe='')}")
    except GitHubError as exc:
        if exc.status != 404:
            raise


async def react(
    gh: GitHubClient,
    repo: str,
    *,
    comment_id: int | None = None,
    issue_number: int | None = None,
    content: Reaction = "eyes",
) -> None:
    """React to a comment or an issue; reacting twice is harmless."""
    if (comment_id is None) == (issue_number is None):
        raise ValueError("react to exactly one of a comment or an issue")
    target = f"comments/{comment_id}" if comment_id is not None else f"{issue_number}"
    data: dict[str, Any] = {"content": content}
    await gh.post(f"/repos/{repo}/issues/{target}/reactions", data=data)
