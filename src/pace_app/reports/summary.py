"""What one stored run amounts to: attempts, links, and tokens and cost per agent and model.

Everything is derived from the run row, its state history and the usage ledger in its
details, so the numbers shown are the ones the run was charged against its budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pace_app.domain.run import RunRecord
from pace_app.domain.run_details import RunDetails
from pace_app.domain.run_history import AttemptHistory, StateChange, by_attempt
from pace_app.errors import StoreError
from pace_app.llm.usage import Spend, UsageLedger
from pace_app.types import JSONObject


@dataclass(frozen=True)
class Link:
    """A page on GitHub the run wrote, named for the reader."""

    name: str
    url: str


@dataclass(frozen=True)
class RunSummary:
    """One run as ``pace runs show`` prints it."""

    run: RunRecord
    attempts: tuple[AttemptHistory, ...]
    links: tuple[Link, ...]
    total: Spend
    by_agent: dict[str, Spend]
    by_model: dict[str, Spend]
    budget_usd: float | None
    now: datetime

    @property
    def duration_seconds(self) -> float:
        """Return the time all attempts took together."""
        return sum(attempt.duration_seconds(self.now) for attempt in self.attempts)


def ledger_of(run: RunRecord) -> UsageLedger:
    """Return the run's usage ledger (empty when it has made no model call)."""
    try:
        details = RunDetails.from_json(run.details)
        return UsageLedger.from_json(details.ledger or {})
    except (StoreError, TypeError, ValueError, AttributeError):
        # One unreadable record must not hide every other run from the operator.
        return UsageLedger()


def links_of(run: RunRecord) -> tuple[Link, ...]:
    """Return the status comment, pull request and newest check run pages the run wrote."""
    try:
        details = RunDetails.from_json(run.details)
    except StoreError:
        return ()
    found: list[Link] = []
    if details.status_comment_url:
        found.append(Link("status comment", details.status_comment_url))
    if details.pr_url:
        found.append(Link(f"pull request #{run.pr_number}", details.pr_url))
    newest: dict[str, str] = {}
    for check in sorted(details.checks, key=lambda c: c.id):
        if check.url:
            newest[check.name] = check.url
    found.extend(Link(name, url) for name, url in sorted(newest.items()))
    return tuple(found)


def summarise(run: RunRecord, history: list[StateChange], now: datetime) -> RunSummary:
    """Return what the run amounts to at ``now``."""
    ledger = ledger_of(run)
    attempts = by_attempt(history)
    if not attempts:
        # A store without history for the run still shows its current state.
        attempts = [
            AttemptHistory(
                run.attempt, (StateChange(run.attempt, run.state, run.updated_at, run.head_sha),)
            )
        ]
    return RunSummary(
        run=run,
        attempts=tuple(attempts),
        links=links_of(run),
        total=ledger.total,
        by_agent=ledger.by_agent(),
        by_model=ledger.by_model(),
        budget_usd=ledger.budget_usd,
        now=now,
    )


def spend_json(spend: Spend) -> JSONObject:
    """Return tokens and cost as ``--json`` prints them."""
    return {
        "calls": spend.calls,
        "input_tokens": spend.usage.input_tokens,
        "output_tokens": spend.usage.output_tokens,
        "cache_write_tokens": spend.usage.cache_creation_input_tokens,
        "cache_read_tokens": spend.usage.cache_read_input_tokens,
        "cost_usd": round(spend.cost_usd, 6),
    }


def run_json(run: RunRecord) -> JSONObject:
    """Return one row of ``pace runs --json``."""
    ledger = ledger_of(run)
    return {
        "id": run.id,
        "repo": run.repo,
        "issue": run.issue_number,
        "installation_id": run.installation_id,
        "state": run.state.value,
        "attempt": run.attempt,
        "outcome": run.outcome,
        "branch": run.branch,
        "pr_number": run.pr_number,
        "head_sha": run.head_sha,
        "created_at": run.created_at.isoformat(),
        "updated_at": run.updated_at.isoformat(),
        "tokens": ledger.total.usage.total_tokens,
        "cost_usd": round(ledger.cost_usd, 6),
    }


def summary_json(summary: RunSummary) -> JSONObject:
    """Return ``pace runs show --json``."""
    return {
        **run_json(summary.run),
        "budget_usd": summary.budget_usd,
        "duration_seconds": round(summary.duration_seconds, 3),
        "attempts": [
            {
                "attempt": attempt.attempt,
                "state": attempt.outcome_state.value,
                "started_at": attempt.started_at.isoformat(),
                "ended_at": attempt.ended_at.isoformat() if attempt.ended_at else None,
                "duration_seconds": round(attempt.duration_seconds(summary.now), 3),
                "heads": list(attempt.heads()),
                "states": [
                    {"state": c.state.value, "at": c.at.isoformat(), "head_sha": c.head_sha}
                    for c in attempt.changes
                ],
            }
            for attempt in summary.attempts
        ],
        "links": {link.name: link.url for link in summary.links},
        "usage": spend_json(summary.total),
        "by_agent": {name: spend_json(spend) for name, spend in summary.by_agent.items()},
        "by_model": {name: spend_json(spend) for name, spend in summary.by_model.items()},
    }
