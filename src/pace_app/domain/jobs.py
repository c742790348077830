"""The jobs webhooks produce: their kinds and payloads, shared by router and worker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol, Self, get_args

from pace_app.domain.job_store import NewJob
from pace_app.errors import StoreError
from pace_app.types import JSONObject

STORY_START = "story.start"
STORY_CANCEL = "story.cancel"
COMMAND = "command"
CHECK_RERUN = "check.rerun"
INSTALLATION_SYNC = "installation.sync"
PLAN_SYNC = "plan.sync"

KINDS = (STORY_START, STORY_CANCEL, COMMAND, CHECK_RERUN, INSTALLATION_SYNC, PLAN_SYNC)
STORY_KINDS = (STORY_START, COMMAND, CHECK_RERUN)

# Where a command was written: it decides where the worker reacts and replies.
CommandSource = Literal["issue_comment", "review", "review_comment"]
COMMAND_SOURCES: tuple[CommandSource, ...] = get_args(CommandSource)


class RepositoryFields(Protocol):
    """What a payload's repository offers a job."""

    @property
    def id(self) -> int: ...
    @property
    def full_name(self) -> str: ...
    @property
    def clone_url(self) -> str: ...
    @property
    def default_branch(self) -> str: ...


@dataclass(frozen=True)
class RepoRef:
    """The repository a job acts on, as the payload named it."""

    id: int
    full_name: str
    clone_url: str
    default_branch: str

    @classmethod
    def of(cls, repository: RepositoryFields) -> Self:
        """Take the fields a job needs from a payload's repository."""
        return cls(
            id=repository.id,
            full_name=repository.full_name,
            clone_url=repository.clone_url,
            default_branch=repository.default_branch,
        )


@dataclass(frozen=True)
class _JobPayload:
    """Base of job payloads: serialisable to and from the store's JSON."""

    kind = ""

    def to_json(self) -> JSONObject:
        """Return the payload as stored."""
        # Fields are plain values, tuples and a RepoRef, so a shallow copy is enough;
        # dataclasses.asdict's deep copy cost more than routing the rest of a delivery.
        data = dict(vars(self))
        if isinstance(data.get("repo"), RepoRef):
            data["repo"] = dict(vars(data["repo"]))
        return data

    @classmethod
    def from_json(cls, data: JSONObject) -> Self:
        """Rebuild the payload from the store, or raise ``StoreError``."""
        try:
            fields: dict[str, Any] = dict(data)
            if "repo" in fields:
                fields["repo"] = RepoRef(**fields["repo"])
            return cls(**fields)
        except (TypeError, KeyError) as exc:
            raise StoreError(f"malformed {cls.kind} payload: {exc}") from None


@dataclass(frozen=True)
class StoryStart(_JobPayload):
    """Start a story run for a labelled issue.

    ``by_operator`` marks a start the operator asked for with ``pace plan push --start``
    (holding the App's own key): the App labelled the issue itself, so there is no
    writer to check. Webhook routing never sets it.
    """

    kind = STORY_START
    installation_id: int
    repo: RepoRef
    issue_number: int
    issue_title: str
    sender: str
    delivery_id: str
    by_operator: bool = False


@dataclass(frozen=True)
class StoryCancel(_JobPayload):
    """Cancel the queued or running run of an issue."""

    kind = STORY_CANCEL
    installation_id: int
    repo: RepoRef
    issue_number: int
    reason: str
    sender: str
    delivery_id: str


@dataclass(frozen=True)
class Command(_JobPayload):
    """A ``/pace`` command written in a comment, a PR review or an inline review comment.

    ``comment_id`` is the id of what held the command: the issue comment, the review or
    the review comment, as ``source`` says; ``thread_id`` is the first comment of an
    inline comment's thread, where replies go. Payloads stored before reviews carried
    commands have neither; they were issue comments.
    """

    kind = COMMAND
    installation_id: int
    repo: RepoRef
    issue_number: int
    is_pull_request: bool
    comment_id: int
    body: str
    author: str
    delivery_id: str
    source: CommandSource = "issue_comment"
    thread_id: int | None = None

    @classmethod
    def from_json(cls, data: JSONObject) -> Self:
        """Rebuild the payload, refusing a source this version does not know."""
        command = super().from_json(data)
        if command.source not in COMMAND_SOURCES:
            raise StoreError(f"malformed {cls.kind} payload: unknown source {command.source!r}")
        return command


@dataclass(frozen=True)
class CheckRerun(_JobPayload):
    """Re-run the agent behind one of the app's check runs."""

    kind = CHECK_RERUN
    installation_id: int
    repo: RepoRef
    check_run_id: int
    check_name: str
    head_sha: str
    action: str
    requested_action: str | None
    sender: str
    delivery_id: str
    pr_number: int | None = None


@dataclass(frozen=True)
class InstallationSync(_JobPayload):
    """Record an installation's account, repositories and status."""

    kind = INSTALLATION_SYNC
    installation_id: int
    action: str
    account_login: str
    suspended: bool
    repositories: tuple[str, ...]
    repositories_removed: tuple[str, ...]
    delivery_id: str

    @classmethod
    def from_json(cls, data: JSONObject) -> Self:
        """Rebuild the payload, turning stored lists back into tuples."""
        fields = dict(data)
        for name in ("repositories", "repositories_removed"):
            if isinstance(fields.get(name), list):
                fields[name] = tuple(fields[name])
        return super().from_json(fields)


@dataclass(frozen=True)
class PlanSync(_JobPayload):
    """Sync the plan's issues with ``plan.yaml`` as a push to the default branch left it."""

    kind = PLAN_SYNC
    installation_id: int
    repo: RepoRef
    head_sha: str
    sender: str
    delivery_id: str


JobPayload = StoryStart | StoryCancel | Command | CheckRerun | InstallationSync | PlanSync


def story_group(repo_full_name: str, issue_number: int) -> str:
    """Return the group key shared by every job of one issue's story."""
    return f"{repo_full_name}#{issue_number}"


def to_new_job(payload: JobPayload, *, group_key: str | None = None) -> NewJob:
    """Wrap a payload as a job whose idempotency key is its delivery and kind."""
    return NewJob(
        kind=payload.kind,
        payload=payload.to_json(),
        idempotency_key=f"{payload.kind}:{payload.delivery_id}",
        group_key=group_key,
    )
