"""The dashboard's read model: runs as a viewer may see them, filtered, with links and cost.

Every page and the JSON API read runs through ``RunViews`` only, so the queries behind
it can change (store-side filters, state history, per-turn FORGE progress) without
touching the pages. A run of a repository the viewer cannot see does not exist here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol
from urllib.parse import quote

from pace_app.domain.duration import parse_duration
from pace_app.domain.run import RunRecord, RunState
from pace_app.domain.run_details import RunDetails
from pace_app.domain.run_store import RunStore
from pace_app.errors import StoreError
from pace_app.llm.usage import UsageLedger
from pace_app.types import Clock, JSONObject
from pace_app.web.access import Viewer
from pace_app.web.forge_views import ForgeRound, forge_rounds

# The store lists recent runs only; filters apply to this many of them.
SCANNED_RUNS = 500
MAX_LISTED = 200


class FilterError(ValueError):
    """A filter parameter is malformed; the message names it."""


@dataclass(frozen=True)
class RunFilter:
    """What the runs list is narrowed to."""

    repo: str | None = None
    state: RunState | None = None
    since: timedelta | None = None
    limit: int = 50

    @classmethod
    def parse(cls, params: dict[str, str]) -> RunFilter:
        """Read ``repo``, ``state``, ``since`` and ``limit``; ``FilterError`` names a bad one."""
        repo = params.get("repo", "").strip() or None
        if repo is not None and (repo.count("/") != 1 or len(repo) > 200):
            raise FilterError("repo: must be OWNER/NAME")
        state_text = params.get("state", "").strip().lower() or None
        try:
            state = RunState(state_text) if state_text else None
        except ValueError:
            choices = ", ".join(s.value for s in RunState)
            raise FilterError(f"state: must be one of {choices}") from None
        since_text = params.get("since", "").strip() or None
        try:
            since = parse_duration(since_text) if since_text else None
        except ValueError as exc:
            raise FilterError(f"since: {exc}") from None
        limit_text = params.get("limit", "").strip() or "50"
        if not limit_text.isdigit() or not 1 <= int(limit_text) <= MAX_LISTED:
            raise FilterError(f"limit: must be a whole number from 1 to {MAX_LISTED}")
        return cls(repo, state, since, int(limit_text))

    def query(self) -> dict[str, str]:
        """Return the filter as query parameters (for links and forms)."""
        values = {
            "repo": self.repo or "",
            "state": self.state.value if self.state else "",
            "since": _duration_text(self.since) if self.since else "",
        }
        return {k: v for k, v in values.items() if v}


@dataclass(frozen=True)
class Link:
    """A labelled address on GitHub."""

    label: str
    url: str


@dataclass(frozen=True)
class AgentCost:
    """What one agent's model calls used and cost."""

    agent: str
    calls: int
    tokens: int
    cost_usd: float


@dataclass(frozen=True)
class Event:
    """One entry of a run's state history."""

    state: str
    at: str
    note: str = ""


@dataclass(frozen=True)
class RunView:
    """A run as the dashboard shows it."""

    id: int
    repo: str
    issue_number: int
    title: str
    state: str
    attempt: int
    created_at: datetime
    updated_at: datetime
    outcome: str | None
    cost_usd: float
    tokens: int
    budget_usd: float | None
    agents: tuple[AgentCost, ...]
    links: tuple[Link, ...]
    history: tuple[Event, ...]
    forge: tuple[ForgeRound, ...]
    verdicts: tuple[tuple[str, str], ...]
    findings: tuple[str, ...]

    def summary_json(self) -> JSONObject:
        """Return the run's list entry for the JSON API."""
        return {
            "id": self.id,
            "repo": self.repo,
            "issue_number": self.issue_number,
            "title": self.title,
            "state": self.state,
            "attempt": self.attempt,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "outcome": self.outcome,
            "cost_usd": round(self.cost_usd, 6),
            "tokens": self.tokens,
            "links": {link.label: link.url for link in self.links},
        }

    def detail_json(self) -> JSONObject:
        """Return the whole run for the JSON API."""
        return {
            **self.summary_json(),
            "budget_usd": self.budget_usd,
            "agents": [
                {"agent": a.agent, "calls": a.calls, "tokens": a.tokens, "cost_usd": a.cost_usd}
                for a in self.agents
            ],
            "history": [{"state": e.state, "at": e.at, "note": e.note} for e in self.history],
            "forge": [forge.to_json() for forge in self.forge],
            "verdicts": dict(self.verdicts),
            "findings": list(self.findings),
        }


class RunReader(Protocol):
    """The part of ``RunStore`` the dashboard reads."""

    async def list_runs(
        self, *, repo: str | None = None, since: datetime | None = None, limit: int = 20
    ) -> list[RunRecord]:
        """Return runs (of ``repo``, updated at or after ``since``), most recent first."""
        ...

    async def get_run(self, run_id: int) -> RunRecord | None:
        """Return a run by id."""
        ...


HistorySource = Callable[[int], Awaitable[Sequence[Event]]]


def store_history(runs: RunStore) -> HistorySource:
    """Return a history source reading the store's state history of a run."""

    async def history(run_id: int) -> list[Event]:
        return [
            Event(
                change.state.value,
                change.at.isoformat(),
                f"attempt {change.attempt}"
                + (f", head {change.head_sha[:7]}" if change.head_sha else ""),
            )
            for change in await runs.run_history(run_id)
        ]

    return history


class RunViews:
    """Read runs from the store for one viewer at a time.

    ``history`` reads one run's state history (every state each attempt reached) where
    the store keeps one; without it a run's timeline is its creation and last update.
    """

    def __init__(
        self,
        runs: RunReader,
        web_url: str,
        clock: Clock,
        *,
        history: HistorySource | None = None,
    ) -> None:
        self._runs = runs
        self._web = web_url.rstrip("/")
        self._clock = clock
        self._history = history

    async def find(self, viewer: Viewer, wanted: RunFilter) -> list[RunView]:
        """Return the runs ``viewer`` may see that pass ``wanted``, most recent first."""
        now = self._clock()
        since = now - wanted.since if wanted.since is not None else None
        records = await self._runs.list_runs(repo=wanted.repo, since=since, limit=SCANNED_RUNS)
        # The store narrowed by repository and time; the state is the view's to check.
        kept = [
            r
            for r in records
            if viewer.can_see(r.repo) and (wanted.state is None or r.state == wanted.state)
        ]
        return [self.view(r) for r in kept[: wanted.limit]]

    async def get(self, viewer: Viewer, run_id: int) -> RunView | None:
        """Return run ``run_id`` if ``viewer`` may see it; None whether absent or hidden."""
        record = await self._runs.get_run(run_id)
        if record is None or not viewer.can_see(record.repo):
            return None
        history = await self._history(record.id) if self._history is not None else ()
        return self.view(record, history=tuple(history))

    async def active(self, viewer: Viewer) -> list[RunView]:
        """Return the viewer's runs still in progress: the queue as they see it."""
        records = await self._runs.list_runs(limit=SCANNED_RUNS)
        return [self.view(r) for r in records if r.active and viewer.can_see(r.repo)]

    def view(self, record: RunRecord, *, history: tuple[Event, ...] = ()) -> RunView:
        """Return the view of one stored run."""
        try:
            details = RunDetails.from_json(record.details)
        except StoreError:
            details = RunDetails()
        ledger = UsageLedger.from_json(details.ledger) if details.ledger else UsageLedger()
        total = ledger.total
        agents = tuple(
            AgentCost(name, spend.calls, spend.usage.total_tokens, spend.cost_usd)
            for name, spend in ledger.by_agent().items()
        )
        verdicts: list[tuple[str, str]] = []
        findings: tuple[str, ...] = ()
        if details.review is not None:
            verdicts.append(("GATE", details.review.gate_verdict))
            if details.review.sentinel_verdict is not None:
                verdicts.append(("SENTINEL", details.review.sentinel_verdict))
            findings = (*details.review.findings, *details.review.advisories)
        return RunView(
            id=record.id,
            repo=record.repo,
            issue_number=record.issue_number,
            title=details.story.title if details.story else "",
            state=record.state.value,
            attempt=record.attempt,
            created_at=record.created_at,
            updated_at=record.updated_at,
            outcome=record.outcome,
            cost_usd=total.cost_usd,
            tokens=total.usage.total_tokens,
            budget_usd=ledger.budget_usd,
            agents=agents,
            links=self._links(record, details),
            history=history,
            forge=forge_rounds(record.details, details.forge),
            verdicts=tuple(verdicts),
            findings=findings,
        )

    def _links(self, record: RunRecord, details: RunDetails) -> tuple[Link, ...]:
        repo = f"{self._web}/{quote(record.repo, safe='/')}"
        links = [Link("issue", f"{repo}/issues/{record.issue_number}")]
        if record.status_comment_id is not None:
            links.append(
                Link(
                    "status comment",
                    f"{repo}/issues/{record.issue_number}#issuecomment-{record.status_comment_id}",
                )
            )
        if record.pr_number is not None:
            links.append(Link("pull request", f"{repo}/pull/{record.pr_number}"))
        if record.branch:
            links.append(Link("branch", f"{repo}/tree/{quote(record.branch, safe='/')}"))
        for check in details.checks:
            url = check.url if check.url.startswith(("https://", "http://")) else ""
            links.append(Link(check.name, url or f"{repo}/runs/{check.id}"))
        if details.clearance_issue is not None:
            links.append(Link("clearance issue", f"{repo}/issues/{details.clearance_issue}"))
        return tuple(links)


def _duration_text(value: timedelta) -> str:
    seconds = int(value.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"
