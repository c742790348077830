"""A story run's state machine: its states, the moves allowed, and the record kept.

    queued ─▶ preparing ─▶ forge ─▶ pushed ─▶ gate ─▶ sentinel ─▶ scribe ─▶ done
                             ▲                     │        │
                             └──── HOLD: retry ────┴────────┘
    any active state ─▶ failed | cancelled

A run is one attempt to deliver one issue; ``/pace retry`` starts a new attempt of
the same run (``attempt`` counts them). At most one run per issue is active.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from pace_app.errors import PaceError
from pace_app.types import JSONObject


class RunState(enum.StrEnum):
    """Where a story run is."""

    QUEUED = "queued"
    PREPARING = "preparing"
    FORGE = "forge"
    PUSHED = "pushed"
    GATE = "gate"
    SENTINEL = "sentinel"
    SCRIBE = "scribe"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


FINAL_RUN_STATES = frozenset({RunState.DONE, RunState.FAILED, RunState.CANCELLED})

# The stages an attempt moves through, in order: the one definition of the stage order.
STAGES: tuple[RunState, ...] = (
    RunState.QUEUED,
    RunState.PREPARING,
    RunState.FORGE,
    RunState.PUSHED,
    RunState.GATE,
    RunState.SENTINEL,
    RunState.SCRIBE,
)

_NEXT: dict[RunState, frozenset[RunState]] = {
    RunState.QUEUED: frozenset({RunState.PREPARING}),
    RunState.PREPARING: frozenset({RunState.FORGE}),
    RunState.FORGE: frozenset({RunState.PUSHED}),
    RunState.PUSHED: frozenset({RunState.GATE}),
    RunState.GATE: frozenset({RunState.SENTINEL, RunState.FORGE}),
    RunState.SENTINEL: frozenset({RunState.SCRIBE, RunState.FORGE}),
    RunState.SCRIBE: frozenset({RunState.DONE}),
    RunState.DONE: frozenset({RunState.QUEUED}),
    RunState.FAILED: frozenset({RunState.QUEUED}),
    RunState.CANCELLED: frozenset({RunState.QUEUED}),
}


def reached(current: RunState, target: RunState) -> bool:
    """Say whether a run in ``current`` is already at or past the stage ``target``."""
    if current == target:
        return True
    return current in STAGES and target in STAGES and STAGES.index(current) > STAGES.index(target)


class InvalidTransition(PaceError):
    """A run was asked to move where its state machine does not allow."""


def can_move(current: RunState, target: RunState) -> bool:
    """Say whether a run in ``current`` may move to ``target``.

    Any active state may end in failed or cancelled; a finished run may be queued
    again (a retry); a HOLD from GATE or SENTINEL sends the run back to FORGE;
    otherwise runs move forward one stage at a time.
    """
    if target in {RunState.FAILED, RunState.CANCELLED}:
        return current not in FINAL_RUN_STATES
    return target in _NEXT[current]


@dataclass(frozen=True)
class RunRecord:
    """A story run as stored: identity, state and what it produced so far."""

    id: int
    repo: str
    issue_number: int
    installation_id: int
    state: RunState
    attempt: int
    created_at: datetime
    updated_at: datetime
    status_comment_id: int | None = None
    branch: str | None = None
    pr_number: int | None = None
    head_sha: str | None = None
    outcome: str | None = None
    details: JSONObject = field(default_factory=dict)
    cost_usd: float = 0.0  # the store's copy of the ledger's total, for spend queries

    @property
    def active(self) -> bool:
        """Say whether the run is still in progress."""
        return self.state not in FINAL_RUN_STATES

    def moved(self, target: RunState, **changes: Any) -> RunRecord:
        """Return the record in ``target``, or raise ``InvalidTransition``."""
        if not can_move(self.state, target):
            raise InvalidTransition(f"run {self.id}: cannot move from {self.state} to {target}")
        return replace(self, state=target, **changes)
