"""The subsets of webhook payloads the app reads, validated at the edge."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pace_app.errors import MalformedDelivery
from pace_app.types import JSONObject


class _Payload(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Account(_Payload):
    """A user, bot or organisation."""

    login: str
    id: int
    type: str = "User"

    @property
    def is_bot(self) -> bool:
        """Say whether the account is a bot (any App, including this one)."""
        return self.type == "Bot" or self.login.endswith("[bot]")


class InstallationRef(_Payload):
    """The installation a delivery belongs to."""

    id: int


class Repository(_Payload):
    """The repository an event happened in."""

    id: int
    full_name: str
    clone_url: str
    default_branch: str = "main"
    private: bool = False


class Label(_Payload):
    """A label on an issue."""

    name: str


class Issue(_Payload):
    """An issue, or a pull request seen through the issues API."""

    number: int = Field(gt=0)
    title: str
    state: str = "open"
    labels: tuple[Label, ...] = ()
    pull_request: dict[str, Any] | None = None

    @property
    def is_pull_request(self) -> bool:
        """Say whether this issue is a pull request."""
        return self.pull_request is not None


class Comment(_Payload):
    """An issue or pull-request conversation comment."""

    id: int
    body: str
    user: Account


class PullRequest(_Payload):
    """The pull request a review or review comment belongs to."""

    number: int = Field(gt=0)
    title: str = ""
    state: str = "open"


class Review(_Payload):
    """A submitted pull request review; its body is null when left empty."""

    id: int
    user: Account | None = None
    body: str | None = None
    state: str = ""
    html_url: str = ""


class ReviewComment(_Payload):
    """An inline comment on a pull request's diff; ``line`` is null once outdated."""

    id: int
    body: str
    user: Account
    path: str = ""
    line: int | None = None
    original_line: int | None = None
    pull_request_review_id: int | None = None
    in_reply_to_id: int | None = None


class CheckRunApp(_Payload):
    """The App that owns a check run."""

    id: int


class PullRequestRef(_Payload):
    """A pull request a check run belongs to."""

    number: int


class CheckRun(_Payload):
    """A check run."""

    id: int
    name: str
    head_sha: str
    app: CheckRunApp | None = None
    external_id: str | None = None
    pull_requests: tuple[PullRequestRef, ...] = ()


class RequestedAction(_Payload):
    """The button a user pressed on a check run."""

    identifier: str


class InstallationAccount(_Payload):
    """The installation object of installation events."""

    id: int
    account: Account
    suspended_at: str | None = None


class RepositoryName(_Payload):
    """A repository as listed in installation events."""

    full_name: str


class Envelope(_Payload):
    """Fields every App delivery may carry."""

    action: str | None = None
    sender: Account | None = None
    installation: InstallationRef | None = None


class IssuesEvent(Envelope):
    """``issues`` deliveries."""

    issue: Issue
    repository: Repository
    label: Label | None = None


class IssueCommentEvent(Envelope):
    """``issue_comment`` deliveries."""

    issue: Issue
    comment: Comment
    repository: Repository


class PullRequestReviewEvent(Envelope):
    """``pull_request_review`` deliveries."""

    review: Review
    pull_request: PullRequest
    repository: Repository


class PullRequestReviewCommentEvent(Envelope):
    """``pull_request_review_comment`` deliveries."""

    comment: ReviewComment
    pull_request: PullRequest
    repository: Repository


class CheckRunEvent(Envelope):
    """``check_run`` deliveries."""

    check_run: CheckRun
    repository: Repository
    requested_action: RequestedAction | None = None


class InstallationEvent(Envelope):
    """``installation`` deliveries."""

    installation: InstallationAccount  # type: ignore[assignment]
    repositories: tuple[RepositoryName, ...] = ()


class InstallationRepositoriesEvent(Envelope):
    """``installation_repositories`` deliveries."""

    installation: InstallationAccount  # type: ignore[assignment]
    repositories_added: tuple[RepositoryName, ...] = ()
    repositories_removed: tuple[RepositoryName, ...] = ()


ModelT = TypeVar("ModelT", bound="_Payload")


def parse(model: type[ModelT], payload: JSONObject) -> ModelT:
    """Validate ``payload`` as ``model`` or raise ``MalformedDelivery`` naming the field."""
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"]) or "payload"
        raise MalformedDelivery(f"{where}: {error['msg']}") from None
