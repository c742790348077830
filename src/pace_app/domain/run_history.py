"""What the store remembers about a run beyond its row: the states it passed, its spend.

``StateChange`` is one row of a run's history (written by the store whenever a run's
state, attempt or head changes); ``RepoSpend`` is what one repository's runs were
charged over a window. ``ledger_cost`` reads a run's total from its stored details, so
both backends keep the ``cost_usd`` column from the same numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from pace_app.domain.run import FINAL_RUN_STATES, RunState
from pace_app.types import JSONObject


@dataclass(frozen=True)
class StateChange:
    """One state an attempt of a run reached, when, and the head it was at."""

    attempt: int
    state: RunState
    at: datetime
    head_sha: str | None = None


@dataclass(frozen=True)
class RepoSpend:
    """What one repository's runs were charged over a window."""

    repo: str
    runs: int
    cost_usd: float


@dataclass(frozen=True)
class AttemptHistory:
    """One attempt's states in order, the heads it pushed and how long it took."""

    attempt: int
    changes: tuple[StateChange, ...]

    @property
    def started_at(self) -> datetime:
        """Return when the attempt was queued."""
        return self.changes[0].at

    @property
    def ended_at(self) -> datetime | None:
        """Return when the attempt reached a final state, or None while it runs."""
        last = self.changes[-1]
        return last.at if last.state in FINAL_RUN_STATES else None

    @property
    def outcome_state(self) -> RunState:
        """Return the state the attempt is in (or ended in)."""
        return self.changes[-1].state

    def duration_seconds(self, now: datetime) -> float:
        """Return how long the attempt took, or has taken so far at ``now``."""
        end = self.ended_at or now
        return max(0.0, (end - self.started_at).total_seconds())

    def heads(self) -> tuple[str, ...]:
        """Return the head SHAs the attempt was at, in the order it reached them."""
        seen: list[str] = []
        for change in self.changes:
            if change.head_sha and change.head_sha not in seen:
                seen.append(change.head_sha)
        return tuple(seen)


def by_attempt(changes: list[StateChange]) -> list[AttemptHistory]:
    """Group a run's history (oldest first) into its attempts, oldest first."""
    grouped: dict[int, list[StateChange]] = {}
    for change in changes:
        grouped.setdefault(change.attempt, []).append(change)
    return [AttemptHistory(attempt, tuple(rows)) for attempt, rows in sorted(grouped.items())]


def ledger_cost(details: JSONObject) -> float:
    """Return the total cost the run's stored usage ledger records (0 without one)."""
    ledger = details.get("ledger")
    agents = ledger.get("agents") if isinstance(ledger, dict) else None
    if not isinstance(agents, dict):
        return 0.0
    total = 0.0
    for spend in agents.values():
        cost = spend.get("cost_usd") if isinstance(spend, dict) else None
        if isinstance(cost, int | float) and not isinstance(cost, bool) and math.isfinite(cost):
            total += max(0.0, float(cost))
    return total
