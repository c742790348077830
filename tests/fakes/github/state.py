"""What the fake GitHub holds: plain dataclasses tests seed and inspect."""

from __future__ import annotations

import fnmatch
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

WEB_URL = "https://github.example"


def iso(epoch: float) -> str:
    """Format an epoch time the way GitHub does."""
    return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def user_json(login: str) -> dict[str, Any]:
    """Render a user (or a bot, whose login ends in ``[bot]``)."""
    return {
        "login": login,
        "id": sum(map(ord, login)) * 7919,
        "type": "Bot" if login.endswith("[bot]") else "User",
    }


@dataclass
class AppInfo:
    """The App the fake serves."""

    id: int
    private_key_pem: str = field(default="", repr=False)
    slug: str = "pace-app"
    name: str = "PACE App"
    owner: str = "pace-org"
    webhook_secret: str = "fake-webhook-secret"
    permissions: dict[str, str] = field(
        default_factory=lambda: {
            "checks": "write",
            "contents": "write",
            "issues": "write",
            "pull_requests": "write",
            "metadata": "read",
        }
    )

    @property
    def bot_login(self) -> str:
        """Return the login GitHub gives the App's bot user."""
        return f"{self.slug}[bot]"


@dataclass
class Installation:
    """An installation of the App on an account."""

    id: int
    account: str
    repositories: list[str] = field(default_factory=list)


@dataclass
class IssuedToken:
    """An installation access token: its repositories (None: all) and permissions."""

    installation_id: int
    expires_at: float
    repositories: tuple[str, ...] | None = None
    permissions: dict[str, str] = field(default_factory=dict)


@dataclass
class Label:
    """A repository label."""

    name: str
    color: str = "ededed"
    description: str = ""


@dataclass
class Repository:
    """A repository with its labels and collaborator permissions."""

    id: int
    owner: str
    name: str
    default_branch: str = "main"
    clone_url: str = ""
    labels: dict[str, Label] = field(default_factory=dict)
    permissions: dict[str, str] = field(default_factory=dict)
    # Private repositories on GitHub Free refuse draft pull requests.
    drafts_allowed: bool = True

    @property
    def full_name(self) -> str:
        """Return ``owner/name``."""
        return f"{self.owner}/{self.name}"


@dataclass
class Reaction:
    """A reaction on an issue or a comment."""

    id: int
    content: str
    user: str


@dataclass
class Issue:
    """An issue; pull requests are issues too and share the numbering."""

    repo: str
    number: int
    title: str
    body: str = ""
    user: str = "octocat"
    labels: list[str] = field(default_factory=list)
    state: str = "open"
    is_pull: bool = False
    reactions: list[Reaction] = field(default_factory=list)
    deleted: bool = False
    moved_to: tuple[str, int] | None = None


@dataclass
class Comment:
    """An issue (or pull request conversation) comment."""

    id: int
    repo: str
    issue_number: int
    body: str
    user: str
    created_at: float
    updated_at: float
    reactions: list[Reaction] = field(default_factory=list)


@dataclass
class Pull:
    """A pull request; ``diff`` is the unified diff reviews are checked against."""

    repo: str
    number: int
    title: str
    head: str
    base: str
    head_sha: str = "0" * 40
    body: str = ""
    draft: bool = False
    state: str = "open"
    user: str = "octocat"
    diff: str | None = None


@dataclass
class ReviewComment:
    """An inline comment of a pull request review."""

    id: int
    repo: str
    pull_number: int
    review_id: int
    path: str
    line: int
    side: str
    start_line: int | None
    body: str
    user: str
    commit_id: str
    created_at: float = 0.0
    in_reply_to_id: int | None = None
    original_line: int | None = None
    reactions: list[Reaction] = field(default_factory=list)


@dataclass
class Review:
    """A pull request review."""

    id: int
    repo: str
    pull_number: int
    commit_id: str
    body: str
    state: str
    user: str
    comments: list[ReviewComment] = field(default_factory=list)
    submitted_at: float | None = None


@dataclass
class CheckRun:
    """A check run, with every annotation ever sent for it."""

    id: int
    repo: str
    name: str
    head_sha: str
    status: str = "queued"
    conclusion: str | None = None
    external_id: str | None = None
    details_url: str | None = None
    output: dict[str, Any] = field(default_factory=dict)
    annotations: list[dict[str, Any]] = field(default_factory=list)
    started_at: str | None = None
    completed_at: str | None = None


@dataclass
class HookDelivery:
    """A webhook delivery as GitHub lists it under the App's hook deliveries."""

    id: int
    guid: str
    event: str
    action: str | None = None
    status_code: int = 200
    delivered_at: float = 0.0
    redelivery: bool = False
    installation_id: int | None = None
    repository_id: int | None = None


@dataclass
class GitHubState:
    """Everything the fake GitHub knows; tests seed it and read it back."""

    app: AppInfo
    clock: Callable[[], float] = time.time
    installations: dict[int, Installation] = field(default_factory=dict)
    repos: dict[str, Repository] = field(default_factory=dict)
    issues: dict[tuple[str, int], Issue] = field(default_factory=dict)
    comments: dict[int, Comment] = field(default_factory=dict)
    pulls: dict[tuple[str, int], Pull] = field(default_factory=dict)
    reviews: dict[int, Review] = field(default_factory=dict)
    check_runs: dict[int, CheckRun] = field(default_factory=dict)
    deliveries: list[HookDelivery] = field(default_factory=list)
    redelivered: list[int] = field(default_factory=list)
    manifest_codes: set[str] = field(default_factory=set)
    tokens: dict[str, IssuedToken] = field(default_factory=dict)
    token_lifetime: float = 3600.0
    branch_listeners: list[Callable[[str, str], None]] = field(default_factory=list)
    # Per repository, the branch patterns (fnmatch) whose protection requires signed commits.
    signed_branches: dict[str, list[str]] = field(default_factory=dict)
    # Commits the fake created through the Git Data API and signed, as GitHub does.
    signed_commits: set[str] = field(default_factory=set)
    # SSH public keys registered as the App's bot's signing keys ("ssh-ed25519 AAAA...").
    signing_keys: list[str] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1001))

    def next_id(self) -> int:
        """Return a fresh id, unique across every kind of object."""
        return next(self._ids)

    def add_installation(self, installation_id: int, account: str) -> Installation:
        """Install the App on an account."""
        installation = Installation(id=installation_id, account=account)
        self.installations[installation_id] = installation
        return installation

    def add_repo(
        self,
        full_name: str,
        *,
        installation_id: int,
        default_branch: str = "main",
        clone_url: str = "",
        permissions: dict[str, str] | None = None,
    ) -> Repository:
        """Create a repository inside an installation (created if unknown)."""
        owner, name = full_name.split("/")
        installation = self.installations.get(installation_id) or self.add_installation(
            installation_id, owner
        )
        repo = Repository(
            id=self.next_id(),
            owner=owner,
            name=name,
            default_branch=default_branch,
            clone_url=clone_url or f"{WEB_URL}/{full_name}.git",
            permissions=dict(permissions or {}),
        )
        self.repos[full_name] = repo
        installation.repositories.append(full_name)
        return repo

    def require_signed_commits(self, repo: str, pattern: str = "*") -> None:
        """Protect the branches matching ``pattern``: every new commit must be verified."""
        self.signed_branches.setdefault(repo, []).append(pattern)

    def requires_signatures(self, repo: str, branch: str) -> bool:
        """Say whether a protection rule on ``branch`` requires signed commits."""
        return any(fnmatch.fnmatchcase(branch, p) for p in self.signed_branches.get(repo, ()))

    def next_number(self, repo: str) -> int:
        """Return the next issue/pull number in a repository."""
        return 1 + max((number for name, number in self.issues if name == repo), default=0)

    def add_issue(
        self,
        repo: str,
        title: str,
        body: str = "",
        *,
        labels: list[str] | None = None,
        user: str = "octocat",
        is_pull: bool = False,
    ) -> Issue:
        """Open an issue."""
        issue = Issue(
            repo=repo,
            number=self.next_number(repo),
            title=title,
            body=body,
            user=user,
            labels=list(labels or []),
            is_pull=is_pull,
        )
        self.issues[(repo, issue.number)] = issue
        return issue

    def close_pull(self, repo: str, number: int) -> Pull:
        """Close a pull request (and its issue) as a person would between two calls."""
        pull = self.pulls[(repo, number)]
        pull.state = "closed"
        self.issues[(repo, number)].state = "closed"
        return pull

    def delete_branch(self, repo: str, branch: str) -> list[Pull]:
        """Forget a branch: GitHub closes the open pull requests it heads; return those."""
        closed = [
            self.close_pull(repo, pull.number)
            for pull in list(self.pulls.values())
            if (pull.repo, pull.head, pull.state) == (repo, branch, "open")
        ]
        for listener in self.branch_listeners:
            listener(repo, branch)
        return closed

    def transfer_issue(self, repo: str, number: int, to_repo: str) -> Issue:
        """Move an issue to another repository; the old address answers 301 from now on."""
        old = self.issues[(repo, number)]
        new = self.add_issue(to_repo, old.title, old.body, labels=old.labels, user=old.user)
        old.moved_to = (to_repo, new.number)
        return new

    def delete_issue(self, repo: str, number: int) -> None:
        """Delete an issue; its address answers 410 from now on."""
        self.issues[(repo, number)].deleted = True

    def add_comment(self, repo: str, issue_number: int, body: str, *, user: str) -> Comment:
        """Comment on an issue or pull request."""
        now = self.clock()
        comment = Comment(self.next_id(), repo, issue_number, body, user, now, now)
        self.comments[comment.id] = comment
        return comment

    def comments_on(self, repo: str, issue_number: int) -> list[Comment]:
        """Return an issue's comments, oldest first."""
        return [
            c for c in self.comments.values() if (c.repo, c.issue_number) == (repo, issue_number)
        ]

    def add_review_comment(
        self,
        repo: str,
        pull_number: int,
        path: str,
        line: int,
        body: str,
        *,
        user: str,
        outdated: bool = False,
    ) -> ReviewComment:
        """Comment on one line of a pull request's diff, as a one-comment review does."""
        now = self.clock()
        review = Review(
            self.next_id(), repo, pull_number, "0" * 40, "", "COMMENTED", user, submitted_at=now
        )
        comment = ReviewComment(
            self.next_id(),
            repo,
            pull_number,
            review.id,
            path,
            0 if outdated else line,  # an outdated comment keeps only its original line
            "RIGHT",
            None,
            body,
            user,
            review.commit_id,
            created_at=now,
            original_line=line,
        )
        review.comments.append(comment)
        self.reviews[review.id] = review
        return comment

    def review_comment(self, comment_id: int) -> ReviewComment | None:
        """Return the inline review comment with this id, if any."""
        return next(
            (c for r in self.reviews.values() for c in r.comments if c.id == comment_id), None
        )

    def reviews_on(self, repo: str, pull_number: int) -> list[Review]:
        """Return a pull request's reviews, oldest first."""
        return [r for r in self.reviews.values() if (r.repo, r.pull_number) == (repo, pull_number)]

    def add_delivery(
        self, event: str, *, action: str | None = None, status_code: int = 200
    ) -> HookDelivery:
        """Record a webhook delivery GitHub would list."""
        delivery_id = self.next_id()
        delivery = HookDelivery(
            id=delivery_id,
            guid=f"guid-{delivery_id}",
            event=event,
            action=action,
            status_code=status_code,
            delivered_at=self.clock(),
        )
        self.deliveries.append(delivery)
        return delivery
