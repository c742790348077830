"""What a story run knows, persisted with the run after every step (versioned JSON).

The record is what lets a crashed or retried run carry on instead of starting over:
the story text a writer approved, the base commit and the configuration read from it,
the usage ledger, what each FORGE round left, the latest findings, and every check run
and clearance issue the run opened. Older records (without ``version``) still load.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Self

from pace_app.domain.conventions import Conventions
from pace_app.domain.retry_findings import RetryFindings
from pace_app.errors import StoreError
from pace_app.types import JSONObject

VERSION = 1


@dataclass(frozen=True)
class StorySnapshot:
    """The issue text a writer approved when the run started."""

    title: str
    body: str
    approved_by: str

    def to_json(self) -> JSONObject:
        """Return the snapshot as stored."""
        return {"title": self.title, "body": self.body, "approved_by": self.approved_by}

    @classmethod
    def from_json(cls, data: JSONObject) -> Self:
        """Rebuild a snapshot written by ``to_json``."""
        return cls(str(data["title"]), str(data["body"]), str(data["approved_by"]))


@dataclass(frozen=True)
class ForgeCheckpoint:
    """What the last finished FORGE round left: the pushed head and its handoff."""

    round: int
    head: str
    files: tuple[str, ...]
    turns: int
    stop_reason: str
    summary: str
    tests_added: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()
    handoff_files: tuple[str, ...] = ()
    handed_off: bool = True
    instructions: tuple[str, ...] = ()

    def to_json(self) -> JSONObject:
        """Return the checkpoint as stored."""
        return {
            "round": self.round,
            "head": self.head,
            "files": list(self.files),
            "turns": self.turns,
            "stop_reason": self.stop_reason,
            "summary": self.summary,
            "tests_added": list(self.tests_added),
            "risks": list(self.risks),
            "handoff_files": list(self.handoff_files),
            "handed_off": self.handed_off,
            "instructions": list(self.instructions),
        }

    @classmethod
    def from_json(cls, data: JSONObject) -> Self:
        """Rebuild a checkpoint written by ``to_json``."""
        return cls(
            round=int(data["round"]),
            head=str(data["head"]),
            files=tuple(data.get("files", ())),
            turns=int(data.get("turns", 0)),
            stop_reason=str(data.get("stop_reason", "handoff")),
            summary=str(data.get("summary", "")),
            tests_added=tuple(data.get("tests_added", ())),
            risks=tuple(data.get("risks", ())),
            handoff_files=tuple(data.get("handoff_files", ())),
            handed_off=bool(data.get("handed_off", True)),
            instructions=tuple(str(i) for i in data.get("instructions", ())),
        )


MAX_TIMELINE_TURNS = 200  # forge.max_turns is at most 200
MAX_TIMELINE_ROUNDS = 10
MAX_TURN_TOOLS = 50
MAX_TOOL_NAME_CHARS = 64
MAX_TURN_FILES = 20
MAX_PATH_CHARS = 200


@dataclass(frozen=True)
class ForgeTurn:
    """One FORGE turn as the timeline shows it.

    ``tools`` are the names of the turn's tool calls in order; ``files`` the paths first
    written or edited in this turn (the files touched so far are those of all turns up
    to it); ``cost_usd`` the run's cost after the turn.
    """

    turn: int
    tools: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    cost_usd: float = 0.0

    def to_json(self) -> JSONObject:
        """Return the turn as stored, bounded."""
        return {
            "turn": self.turn,
            "tools": [name[:MAX_TOOL_NAME_CHARS] for name in self.tools[:MAX_TURN_TOOLS]],
            "files": [path[:MAX_PATH_CHARS] for path in self.files[:MAX_TURN_FILES]],
            "cost_usd": round(self.cost_usd, 6),
        }

    @classmethod
    def from_json(cls, data: JSONObject) -> Self:
        """Rebuild a turn written by ``to_json``."""
        return cls(
            turn=int(data["turn"]),
            tools=tuple(str(name) for name in data.get("tools", ())),
            files=tuple(str(path) for path in data.get("files", ())),
            cost_usd=float(data.get("cost_usd", 0.0)),
        )


@dataclass(frozen=True)
class ForgeTimeline:
    """FORGE's turns in one round, oldest first, for the status comment and the dashboard."""

    round: int
    max_turns: int
    turns: tuple[ForgeTurn, ...] = ()

    def with_turn(self, turn: ForgeTurn) -> ForgeTimeline:
        """Return the timeline with ``turn`` appended, keeping the latest turns."""
        return replace(self, turns=(*self.turns, turn)[-MAX_TIMELINE_TURNS:])

    def to_json(self) -> JSONObject:
        """Return the timeline as stored."""
        return {
            "round": self.round,
            "max_turns": self.max_turns,
            "turns": [turn.to_json() for turn in self.turns[-MAX_TIMELINE_TURNS:]],
        }

    @classmethod
    def from_json(cls, data: JSONObject) -> Self:
        """Rebuild a timeline written by ``to_json``."""
        return cls(
            round=int(data["round"]),
            max_turns=int(data.get("max_turns", 0)),
            turns=tuple(ForgeTurn.from_json(turn) for turn in data.get("turns", ())),
        )


def with_forge_turn(
    timelines: tuple[ForgeTimeline, ...], round: int, max_turns: int, turn: ForgeTurn
) -> tuple[ForgeTimeline, ...]:
    """Return the rounds' timelines with ``turn`` added to ``round``'s, keeping the latest.

    A turn numbered no higher than the round's last one starts the round afresh: FORGE
    ran the round again after a crash.
    """
    fresh = ForgeTimeline(round, max_turns)
    current = next((t for t in timelines if t.round == round), fresh)
    if current.turns and turn.turn <= current.turns[-1].turn:
        current = fresh
    others = tuple(t for t in timelines if t.round != round)
    return (*others, current.with_turn(turn))[-MAX_TIMELINE_ROUNDS:]


@dataclass(frozen=True)
class OwnedCheck:
    """A check run this run opened, and whether it has been completed."""

    name: str
    id: int
    head_sha: str
    url: str = ""
    completed: bool = False

    def to_json(self) -> JSONObject:
        """Return the check as stored."""
        return {
            "name": self.name,
            "id": self.id,
            "head_sha": self.head_sha,
            "url": self.url,
            "completed": self.completed,
        }

    @classmethod
    def from_json(cls, data: JSONObject) -> Self:
        """Rebuild a check written by ``to_json``."""
        return cls(
            name=str(data["name"]),
            id=int(data["id"]),
            head_sha=str(data["head_sha"]),
            url=str(data.get("url", "")),
            completed=bool(data.get("completed", False)),
        )


@dataclass(frozen=True)
class ReviewRecord:
    """What GATE, and SENTINEL once it ran, said about one pushed head."""

    head: str
    round: int
    gate_verdict: str
    gate_findings: tuple[str, ...] = ()
    sentinel_verdict: str | None = None
    sentinel_findings: tuple[str, ...] = ()
    advisories: tuple[str, ...] = ()

    @property
    def hold(self) -> bool:
        """Say whether either agent blocks the change."""
        return self.gate_verdict == "HOLD" or self.sentinel_verdict == "HOLD"

    @property
    def advisory(self) -> bool:
        """Say whether only non-blocking findings remain."""
        return not self.hold and self.sentinel_verdict == "ADVISORY"

    @property
    def complete(self) -> bool:
        """Say whether the review is finished: SENTINEL ran, or GATE held the change."""
        return self.sentinel_verdict is not None or self.gate_verdict == "HOLD"

    @property
    def findings(self) -> tuple[str, ...]:
        """Return what FORGE must address on a retry."""
        return (*self.gate_findings, *self.sentinel_findings)

    def to_json(self) -> JSONObject:
        """Return the review as stored."""
        return {
            "head": self.head,
            "round": self.round,
            "gate_verdict": self.gate_verdict,
            "gate_findings": list(self.gate_findings),
            "sentinel_verdict": self.sentinel_verdict,
            "sentinel_findings": list(self.sentinel_findings),
            "advisories": list(self.advisories),
        }

    @classmethod
    def from_json(cls, data: JSONObject) -> Self:
        """Rebuild a review written by ``to_json``."""
        sentinel = data.get("sentinel_verdict")
        return cls(
            head=str(data["head"]),
            round=int(data["round"]),
            gate_verdict=str(data["gate_verdict"]),
            gate_findings=tuple(str(f) for f in data.get("gate_findings", ())),
            sentinel_verdict=None if sentinel is None else str(sentinel),
            sentinel_findings=tuple(str(f) for f in data.get("sentinel_findings", ())),
            advisories=tuple(str(f) for f in data.get("advisories", ())),
        )


@dataclass(frozen=True)
class RunDetails:
    """Everything a run records besides its state columns."""

    job: str | None = None
    story: StorySnapshot | None = None
    base_sha: str | None = None
    config_path: str | None = None
    config_text: str | None = None
    ledger: JSONObject | None = None
    forge: ForgeCheckpoint | None = None
    review: ReviewRecord | None = None
    holds: int = 0
    advisory_retried: bool = False
    scribed: bool = False
    checks: tuple[OwnedCheck, ...] = ()
    clearance_issue: int | None = None
    findings: RetryFindings = field(default_factory=RetryFindings)
    feedback: str | None = None
    conventions: Conventions | None = None  # the label, command and prefix the attempt uses
    forge_progress: tuple[ForgeTimeline, ...] = ()
    # Pages as GitHub answered them when the run wrote them; check run pages are in checks.
    status_comment_url: str | None = None
    pr_url: str | None = None
    extra: JSONObject = field(default_factory=dict)

    def with_check(self, check: OwnedCheck) -> RunDetails:
        """Return the details with ``check`` added or updated (matched by id)."""
        others = tuple(c for c in self.checks if c.id != check.id)
        return replace(self, checks=(*others, check))

    def open_checks(self) -> tuple[OwnedCheck, ...]:
        """Return the check runs this run opened and has not completed."""
        return tuple(c for c in self.checks if not c.completed)

    def to_json(self) -> JSONObject:
        """Return the details as the run store keeps them."""
        data: JSONObject = {**self.extra, "version": VERSION}
        optional: dict[str, Any] = {
            "job": self.job,
            "story": self.story.to_json() if self.story else None,
            "base_sha": self.base_sha,
            "config_path": self.config_path,
            "config_text": self.config_text,
            "ledger": self.ledger,
            "forge": self.forge.to_json() if self.forge else None,
            "review": self.review.to_json() if self.review else None,
            "clearance_issue": self.clearance_issue,
            "feedback": self.feedback,
            "conventions": _conventions_json(self.conventions),
            "status_comment_url": self.status_comment_url,
            "pr_url": self.pr_url,
        }
        data.update({key: value for key, value in optional.items() if value is not None})
        data["holds"] = self.holds
        data["advisory_retried"] = self.advisory_retried
        data["scribed"] = self.scribed
        data["checks"] = [c.to_json() for c in self.checks]
        data["findings"] = self.findings.to_json()
        if self.forge_progress:
            data["forge_progress"] = [timeline.to_json() for timeline in self.forge_progress]
        return data

    @classmethod
    def from_json(cls, data: JSONObject) -> Self:
        """Read stored details, or raise ``StoreError`` if they are not a run record."""
        known = {
            "version",
            "job",
            "story",
            "base_sha",
            "config_path",
            "config_text",
            "ledger",
            "forge",
            "review",
            "holds",
            "advisory_retried",
            "scribed",
            "checks",
            "clearance_issue",
            "findings",
            "feedback",
            "conventions",
            "forge_progress",
            "status_comment_url",
            "pr_url",
        }
        version = data.get("version", VERSION)
        if not isinstance(version, int) or version > VERSION:
            raise StoreError(f"run details of version {version!r} are newer than this App")
        try:
            return cls(
                job=_optional_str(data.get("job")),
                story=StorySnapshot.from_json(data["story"]) if data.get("story") else None,
                base_sha=_optional_str(data.get("base_sha")),
                config_path=_optional_str(data.get("config_path")),
                config_text=_optional_str(data.get("config_text")),
                ledger=data.get("ledger"),
                forge=ForgeCheckpoint.from_json(data["forge"]) if data.get("forge") else None,
                review=ReviewRecord.from_json(data["review"]) if data.get("review") else None,
                holds=int(data.get("holds", 0)),
                advisory_retried=bool(data.get("advisory_retried", False)),
                scribed=bool(data.get("scribed", False)),
                checks=tuple(OwnedCheck.from_json(c) for c in data.get("checks", ())),
                clearance_issue=_optional_int(data.get("clearance_issue")),
                findings=RetryFindings.from_json(data.get("findings")),
                feedback=_optional_str(data.get("feedback")),
                conventions=_conventions(data.get("conventions")),
                forge_progress=tuple(
                    ForgeTimeline.from_json(t) for t in data.get("forge_progress", ())
                ),
                status_comment_url=_optional_str(data.get("status_comment_url")),
                pr_url=_optional_str(data.get("pr_url")),
                extra={k: v for k, v in data.items() if k not in known},
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreError(f"malformed run details: {exc}") from None


def _conventions_json(conventions: Conventions | None) -> JSONObject | None:
    if conventions is None:
        return None
    return {
        "trigger_label": conventions.trigger_label,
        "command": conventions.command,
        "branch_prefix": conventions.branch_prefix,
    }


def _conventions(data: object) -> Conventions | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise TypeError("conventions must be a mapping")
    return Conventions(
        trigger_label=str(data["trigger_label"]),
        command=str(data["command"]),
        branch_prefix=str(data["branch_prefix"]),
    )


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def _optional_int(value: object) -> int | None:
    return None if value is None else int(str(value))
