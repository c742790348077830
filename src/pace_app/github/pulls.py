"""The story's pull request: its body rendered from FORGE's hand-off, found or created.

The body always carries ``Closes #<issue>`` so merging closes the story. Everything a
model or a user wrote is neutralised (no hidden HTML, no pinging mentions) and every
section is bounded, so the body stays under GitHub's limit. Where GitHub refuses drafts
(private repositories on GitHub Free), the pull request opens ready for review and its
body says why it is no draft.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from pace_app.domain.text import MAX_COMMENT_CHARS, neutralise, truncate
from pace_app.errors import GitHubError
from pace_app.github.client import GitHubClient

logger = logging.getLogger(__name__)

MAX_BODY_CHARS = MAX_COMMENT_CHARS
MAX_TITLE_CHARS = 256
MAX_SUMMARY_CHARS = 8_000
MAX_ITEM_CHARS = 500
MAX_LIST_ITEMS = 100
DRAFTS_UNSUPPORTED = "Draft pull requests are not supported"
NOT_A_DRAFT_NOTE = (
    "> [!NOTE]\n"
    "> This repository does not support draft pull requests, so PACE opened this one "
    "ready for review. Treat it as a draft until its checks finish."
)


def pr_title(issue_title: str) -> str:
    """Return the pull request's title: the issue's, on one line and bounded."""
    title = neutralise(issue_title, one_line=True) or "PACE story"
    return truncate(title, MAX_TITLE_CHARS, "…")


def render_pr_body(
    *,
    issue_number: int,
    summary: str,
    criteria: Sequence[str] = (),
    files_changed: Sequence[str] = (),
    tests_added: Sequence[str] = (),
    risks: Sequence[str] = (),
    usage: str | None = None,
    stopped_early: str | None = None,
) -> str:
    """Return the pull request body for a story's change."""
    parts = [f"Closes #{issue_number}", "", "## Summary", ""]
    parts.append(neutralise(summary, limit=MAX_SUMMARY_CHARS).strip() or "_No summary given._")
    if stopped_early:
        parts += [
            "",
            "## Stopped early",
            "",
            "FORGE did not hand this change off as finished, so it needs a closer look:",
            neutralise(stopped_early, limit=MAX_SUMMARY_CHARS // 2).strip(),
        ]
    parts += _section("Acceptance criteria", criteria, "- [ ] ")
    parts += _section("Files changed", files_changed, "- ", code=True)
    parts += _section("Tests added", tests_added, "- ", code=True)
    parts += _section("Risks", risks, "- ")
    if usage:
        parts += ["", f"<sub>Model use: {neutralise(usage, limit=200, one_line=True)}</sub>"]
    return truncate("\n".join(parts), MAX_BODY_CHARS)


def _section(title: str, items: Sequence[str], bullet: str, *, code: bool = False) -> list[str]:
    if not items:
        return []
    lines = ["", f"## {title}", ""]
    for item in items[:MAX_LIST_ITEMS]:
        text = neutralise(item, limit=MAX_ITEM_CHARS, one_line=True)
        lines.append(f"{bullet}`{text.replace('`', '')}`" if code else f"{bullet}{text}")
    if len(items) > MAX_LIST_ITEMS:
        lines.append(f"- …and {len(items) - MAX_LIST_ITEMS} more")
    return lines


async def ensure_pull_request(
    gh: GitHubClient,
    *,
    repo: str,
    branch: str,
    base: str,
    title: str,
    body: str,
    draft: bool = True,
) -> tuple[int, str]:
    """Update the branch's open pull request, or open one; return its number and URL."""
    title = truncate(title, MAX_TITLE_CHARS, "…")
    body = truncate(body, MAX_BODY_CHARS)
    existing = await _find_open(gh, repo, branch)
    if existing is None:
        try:
            created = await _create(
                gh, repo, title=title, body=body, head=branch, base=base, draft=draft
            )
        except GitHubError as exc:
            # Another attempt opened it between our look-up and our create.
            existing = await _find_open(gh, repo, branch) if exc.status == 422 else None
            if existing is None:
                raise
        else:
            logger.info("pull request opened", extra={"repo": repo, "pr": created["number"]})
            return int(created["number"]), str(created["html_url"])
    number = int(existing["number"])
    if draft and existing.get("draft") is False:
        body = with_not_a_draft_note(body)
    updated = await gh.patch(f"/repos/{repo}/pulls/{number}", data={"title": title, "body": body})
    return number, str(updated.get("html_url") or existing["html_url"])


def with_not_a_draft_note(body: str) -> str:
    """Return the body with the note that says why the pull request is no draft."""
    return truncate(f"{NOT_A_DRAFT_NOTE}\n\n{body}", MAX_BODY_CHARS)


async def _create(
    gh: GitHubClient, repo: str, *, title: str, body: str, head: str, base: str, draft: bool
) -> dict[str, Any]:
    data = {"title": title, "body": body, "head": head, "base": base, "draft": draft}
    try:
        created: dict[str, Any] = await gh.post(f"/repos/{repo}/pulls", data=data)
    except GitHubError as exc:
        if not (draft and exc.status == 422 and DRAFTS_UNSUPPORTED in str(exc)):
            raise
        logger.info("drafts unsupported, opening ready for review", extra={"repo": repo})
        data = {**data, "draft": False, "body": with_not_a_draft_note(body)}
        created = await gh.post(f"/repos/{repo}/pulls", data=data)
    return created


async def _find_open(gh: GitHubClient, repo: str, branch: str) -> dict[str, Any] | None:
    owner = repo.split("/")[0]
    head = quote(f"{owner}:{branch}", safe=":/")
    url = f"/repos/{repo}/pulls?state=open&head={head}&per_page=100"
    async for pull in gh.getiter(url):
        if pull.get("head", {}).get("ref") == branch:
            result: dict[str, Any] = pull
            return result
    return None


async def reply_in_thread(
    gh: GitHubClient, repo: str, *, pull_number: int, comment_id: int, body: str
) -> None:
    """Answer an inline review thread through its first comment.

    GitHub's description does not enable ``.../comments/{id}/replies`` for GitHub Apps;
    the review-comment endpoint with ``in_reply_to`` is the one installations may use. It
    ignores every field but ``body`` then, yet its schema still requires the thread's
    ``commit_id`` and ``path``, so they are read from the first comment.
    """
    root = await gh.getitem(f"/repos/{repo}/pulls/comments/{comment_id}")
    await gh.post(
        f"/repos/{repo}/pulls/{pull_number}/comments",
        data={
            "body": truncate(body, MAX_BODY_CHARS),
            "in_reply_to": comment_id,
            "commit_id": str(root["commit_id"]),
            "path": str(root["path"]),
        },
    )
