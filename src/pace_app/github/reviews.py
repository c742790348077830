"""Render SENTINEL's findings as one pull request review, and post it.

Findings on lines the diff shows become inline comments; the rest, and anything over
GitHub's limits, go into the review body. Every posted finding carries a hidden marker
with its fingerprint, so a later run reads back what is already on the pull request and
does not post it again.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from gidgethub.abc import GitHubAPI

from pace_app.domain.diff import Diff
from pace_app.domain.findings import Finding, Verdict, fingerprint

MAX_BODY_CHARS = 65_536
MAX_COMMENT_CHARS = 60_000
MAX_COMMENTS = 50
MARKER = "<!-- pace:finding {} -->"
_MARKER = re.compile(r"<!-- pace:finding ([0-9a-f]{8,64}) -->")
_ICONS = {"critical": "🛑", "high": "🔴", "medium": "🟠", "low": "🟡"}

ReviewEvent = Literal["REQUEST_CHANGES", "COMMENT"]


@dataclass(frozen=True, slots=True)
class InlineComment:
    """One inline review comment on the new side of the diff."""

    path: str
    line: int
    body: str

    def to_api(self) -> dict[str, Any]:
        """Return the comment in the create-review request's format."""
        return {"path": self.path, "line": self.line, "side": "RIGHT", "body": self.body}


@dataclass(frozen=True, slots=True)
class Review:
    """One pull request review: its event, body and inline comments."""

    event: ReviewEvent
    body: str
    comments: tuple[InlineComment, ...] = ()
    fingerprints: frozenset[str] = field(default_factory=frozenset)

    def to_api(self, commit_sha: str) -> dict[str, Any]:
        """Return the create-review request body, pinned to ``commit_sha``."""
        return {
            "commit_id": commit_sha,
            "event": self.event,
            "body": self.body,
            "comments": [comment.to_api() for comment in self.comments],
        }


def suggestion(fix: str) -> str:
    """Return ``fix`` as a GitHub suggestion block, fenced longer than any fence inside."""
    longest = max((len(m) for m in re.findall(r"`{3,}", fix)), default=2)
    fence = "`" * (longest + 1)
    return f"{fence}suggestion\n{fix.rstrip(chr(10))}\n{fence}"


def comment_body(finding: Finding) -> str:
    """Return the text of an inline comment for ``finding``, marker included."""
    icon = _ICONS[finding.severity]
    parts = [
        f"{icon} **{finding.severity.upper()}** · `{finding.category}` · {finding.source}",
        "",
        finding.message,
    ]
    if finding.fix:
        parts += ["", "Suggested fix:", "", suggestion(finding.fix)]
    parts += ["", MARKER.format(fingerprint(finding))]
    return "\n".join(parts)[:MAX_COMMENT_CHARS]


def body_item(finding: Finding) -> str:
    """Return one finding as a line of the review body, marker included."""
    icon = _ICONS[finding.severity]
    message = " ".join(finding.message.split())
    text = f"- {icon} **{finding.severity}** `{finding.location}` ({finding.category}): {message}"
    if finding.fix:
        fix = " ".join(finding.fix.split())[:300]
        text += f" — fix: `{fix.replace('`', chr(39))}`"
    return f"{text} {MARKER.format(fingerprint(finding))}"


def build_review(
    findings: Sequence[Finding],
    *,
    diff: Diff,
    verdict: Verdict,
    already_posted: Iterable[str] = (),
    not_analysed: Sequence[str] = (),
    max_comments: int = MAX_COMMENTS,
) -> Review | None:
    """Return the review to post for new findings, or None if there is nothing new."""
    if verdict == "SHIP":
        return None
    posted = set(already_posted)
    fresh = [f for f in findings if fingerprint(f) not in posted]
    if not fresh:
        return None
    comments: list[InlineComment] = []
    in_body: list[Finding] = []
    for finding in fresh:
        line = finding.line
        if (
            line is not None
            and len(comments) < max_comments
            and diff.commentable(finding.path, line)
        ):
            comments.append(InlineComment(finding.path, line, comment_body(finding)))
        else:
            in_body.append(finding)
    body = render_body(
        verdict, total=len(findings), fresh=len(fresh), in_body=in_body, not_analysed=not_analysed
    )
    return Review(
        event="REQUEST_CHANGES" if verdict == "HOLD" else "COMMENT",
        body=body,
        comments=tuple(comments),
        fingerprints=frozenset(fingerprint(f) for f in fresh),
    )


def render_body(
    verdict: Verdict,
    *,
    total: int,
    fresh: int,
    in_body: Sequence[Finding],
    not_analysed: Sequence[str],
    limit: int = MAX_BODY_CHARS,
) -> str:
    """Return the review body within GitHub's size limit."""
    head = [
        f"## PACE / SENTINEL: {verdict}",
        "",
        f"{total} security finding(s), {fresh} new in this review.",
    ]
    if in_body:
        head += ["", "Findings outside the diff's lines or beyond the inline limit:", ""]
    tail: list[str] = []
    if not_analysed:
        tail += ["", "Not analysed:", ""] + [f"- {' '.join(n.split())[:500]}" for n in not_analysed]
    text = "\n".join(head)
    end = "\n".join(tail)
    room = limit - len(text) - len(end) - 200
    shown = 0
    for finding in in_body:
        item = "\n" + body_item(finding)
        if len(item) > room:
            break
        text += item
        room -= len(item)
        shown += 1
    if shown < len(in_body):
        text += f"\n\n… {len(in_body) - shown} more finding(s) not shown (size limit)."
    return (text + end)[:limit]


def posted_fingerprints(texts: Iterable[str]) -> set[str]:
    """Return every finding fingerprint marked in these comment or review bodies."""
    return {match for text in texts for match in _MARKER.findall(text or "")}


async def read_posted(
    gh: GitHubAPI, repo: str, pr_number: int, *, author: str | None = None
) -> set[str]:
    """Return the fingerprints our earlier reviews on the pull request already carry.

    Only bodies written by ``author`` (or, without one, by any bot) count: anyone else
    could paste a marker to hide a finding.
    """
    texts: list[str] = []
    for url in (
        f"/repos/{repo}/pulls/{pr_number}/reviews",
        f"/repos/{repo}/pulls/{pr_number}/comments",
    ):
        async for item in _items(gh, url):
            user = item.get("user") or {}
            trusted = user.get("login") == author if author else user.get("type") == "Bot"
            if trusted:
                texts.append(str(item.get("body") or ""))
    return posted_fingerprints(texts)


async def _items(gh: GitHubAPI, url: str) -> AsyncIterator[dict[str, Any]]:
    async for item in gh.getiter(url):
        if isinstance(item, dict):
            yield item


async def post_review(
    gh: GitHubAPI, repo: str, pr_number: int, commit_sha: str, review: Review
) -> dict[str, Any]:
    """Post the review on the pull request at ``commit_sha`` and return GitHub's answer."""
    answer: dict[str, Any] = await gh.post(
        f"/repos/{repo}/pulls/{pr_number}/reviews", data=review.to_api(commit_sha)
    )
    return answer
