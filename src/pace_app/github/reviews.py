"""Render SENTINEL's findings as one pull request review, and post it.

Findings on lines the diff shows become inline comments (a range when the finding and
its fix span lines of one hunk); the rest, and anything over GitHub's limits, go into
the review body. Every posted finding carries a hidden marker with its fingerprint, so
a later run reads back what is already on the pull request: a finding already posted is
not posted again, and an inline comment whose text changed (a reworded message, a new
fix) is edited in place.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
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
    """One inline review comment on the new side of the diff (lines start_line..line)."""

    path: str
    line: int
    body: str
    start_line: int | None = None

    def to_api(self) -> dict[str, Any]:
        """Return the comment in the create-review request's format."""
        data: dict[str, Any] = {"path": self.path, "line": self.line, "side": "RIGHT"}
        if self.start_line is not None and self.start_line < self.line:
            data |= {"start_line": self.start_line, "start_side": "RIGHT"}
        return data | {"body": self.body}


@dataclass(frozen=True, slots=True)
class PostedComment:
    """Where an earlier run posted a finding: an inline comment's id, or a review's."""

    id: int
    body: str
    inline: bool


@dataclass(frozen=True, slots=True)
class CommentEdit:
    """A new text for an inline comment an earlier run posted."""

    comment_id: int
    body: str


@dataclass(frozen=True, slots=True)
class Review:
    """One pull request review: its event, body and inline comments."""

    event: ReviewEvent
    body: str
    comments: tuple[InlineComment, ...] = ()
    fingerprints: frozenset[str] = field(default_factory=frozenset)
    edits: tuple[CommentEdit, ...] = ()

    @property
    def has_new(self) -> bool:
        """Say whether the review posts anything new (else it only edits comments)."""
        return bool(self.fingerprints)

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
    kind = f"`{finding.category}` ({finding.cwe})" if finding.cwe else f"`{finding.category}`"
    sure = f"{finding.confidence} confidence{', confirmed' if finding.confirmed else ''}"
    parts = [
        f"{icon} **{finding.severity.upper()}** · {kind} · {finding.source} · {sure}",
        "",
        finding.message,
    ]
    if finding.trace:
        parts += ["", "Path:", "", *(f"1. `{step}`" for step in finding.trace)]
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
    already_posted: Iterable[str] | Mapping[str, PostedComment] = (),
    not_analysed: Sequence[str] = (),
    max_comments: int = MAX_COMMENTS,
) -> Review | None:
    """Return the review to post for new findings (and edits), or None if nothing changed."""
    if verdict == "SHIP":
        return None
    posted: Mapping[str, PostedComment | None] = (
        already_posted if isinstance(already_posted, Mapping) else dict.fromkeys(already_posted)
    )
    fresh: list[Finding] = []
    edits: list[CommentEdit] = []
    for finding in findings:
        key = fingerprint(finding)
        if key not in posted:
            fresh.append(finding)
            continue
        earlier = posted[key]
        if earlier is not None and earlier.inline:
            body = comment_body(finding)
            if body != earlier.body:
                edits.append(CommentEdit(earlier.id, body))
    if not fresh and not edits:
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
            comments.append(_inline(finding, diff, line))
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
        edits=tuple(edits),
    )


def _inline(finding: Finding, diff: Diff, line: int) -> InlineComment:
    """Return the comment, over the finding's whole range when GitHub can show it."""
    end = finding.end_line
    if end is not None and end > line and diff.same_hunk(finding.path, line, end):
        return InlineComment(finding.path, end, comment_body(finding), start_line=line)
    return InlineComment(finding.path, line, comment_body(finding))


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
) -> dict[str, PostedComment]:
    """Return, by fingerprint, where our earlier reviews on the pull request posted findings.

    Only bodies written by ``author`` (or, without one, by any bot) count: anyone else
    could paste a marker to hide a finding. An inline comment wins over a review body.
    """
    found: dict[str, PostedComment] = {}
    for url, inline in (
        (f"/repos/{repo}/pulls/{pr_number}/reviews", False),
        (f"/repos/{repo}/pulls/{pr_number}/comments", True),
    ):
        async for item in _items(gh, url):
            user = item.get("user") or {}
            trusted = user.get("login") == author if author else user.get("type") == "Bot"
            if not trusted:
                continue
            body = str(item.get("body") or "")
            for key in posted_fingerprints([body]):
                if inline or key not in found:
                    found[key] = PostedComment(int(item.get("id") or 0), body, inline)
    return found


async def _items(gh: GitHubAPI, url: str) -> AsyncIterator[dict[str, Any]]:
    async for item in gh.getiter(url):
        if isinstance(item, dict):
            yield item


async def post_review(
    gh: GitHubAPI, repo: str, pr_number: int, commit_sha: str, review: Review
) -> dict[str, Any]:
    """Edit the changed comments, post the review if it has news; return GitHub's answer."""
    for edit in review.edits:
        await gh.patch(f"/repos/{repo}/pulls/comments/{edit.comment_id}", data={"body": edit.body})
    if not review.has_new:
        return {}
    answer: dict[str, Any] = await gh.post(
        f"/repos/{repo}/pulls/{pr_number}/reviews", data=review.to_api(commit_sha)
    )
    return answer
