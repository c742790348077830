"""The dashboard's read model: what a stored run becomes, whatever its record holds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pace_app.domain.run import RunRecord, RunState
from pace_app.web.access import OPERATOR, Viewer
from pace_app.web.run_views import Event, FilterError, RunFilter, RunViews

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
WEB = "https://github.example"


class Runs:
    """An in-memory ``RunReader`` over fixed records, so times can be chosen freely."""

    def __init__(self, *records: RunRecord) -> None:
        self.records = list(records)

    async def list_runs(
        self, *, repo: str | None = None, since: datetime | None = None, limit: int = 20
    ) -> list[RunRecord]:
        kept = [
            r
            for r in self.records
            if (repo is None or r.repo.casefold() == repo.casefold())
            and (since is None or r.updated_at >= since)
        ]
        return sorted(kept, key=lambda r: r.updated_at, reverse=True)[:limit]

    async def get_run(self, run_id: int) -> RunRecord | None:
        return next((r for r in self.records if r.id == run_id), None)


def record(run_id: int = 1, repo: str = "acme/a", **changes: object) -> RunRecord:
    fields: dict[str, object] = {
        "id": run_id,
        "repo": repo,
        "issue_number": 4,
        "installation_id": 1,
        "state": RunState.FORGE,
        "attempt": 1,
        "created_at": NOW - timedelta(hours=2),
        "updated_at": NOW - timedelta(hours=1),
    }
    fields.update(changes)
    return RunRecord(**fields)  # type: ignore[arg-type]


def views(*records: RunRecord) -> RunViews:
    return RunViews(Runs(*records), WEB + "/", lambda: NOW)


def test_a_bare_run_has_no_cost_no_rounds_and_only_its_issue_link() -> None:
    view = views().view(record())
    assert (view.cost_usd, view.tokens, view.budget_usd) == (0.0, 0, None)
    assert (view.forge, view.verdicts, view.findings, view.history) == ((), (), (), ())
    assert [(link.label, link.url) for link in view.links] == [("issue", f"{WEB}/acme/a/issues/4")]


def test_malformed_details_still_show_the_run() -> None:
    view = views().view(record(details={"version": 99}))
    assert view.title == ""
    assert view.state == "forge"


def test_forge_progress_is_read_as_far_as_it_makes_sense() -> None:
    details = {
        "forge_progress": [
            {"round": 2, "max_turns": 0, "turns": [{"turn": 1, "tools": ["run_tests", 3]}]},
            {"round": 1, "max_turns": 8, "turns": [{"turn": 1, "cost_usd": True}]},
        ],
        "forge": {"round": 2, "head": "a", "turns": 5, "stop_reason": "max_turns"},
    }
    rounds = views().view(record(details=details)).forge
    assert [(r.round, r.turns, r.max_turns, r.stop_reason) for r in rounds] == [
        (1, 1, 8, ""),
        (2, 5, None, "max_turns"),
    ]
    assert rounds[0].turn_list[0].cost_usd is None
    assert rounds[1].turn_list[0].tools == ("run_tests",)
    assert views().view(record(details={"forge_progress": "no"})).forge == ()


def test_a_checkpoint_alone_is_one_round() -> None:
    details = {"forge": {"round": 1, "head": "a", "turns": 3, "summary": "Done."}}
    [forge] = views().view(record(details=details)).forge
    assert (forge.round, forge.turns, forge.summary, forge.turn_list) == (1, 3, "Done.", ())


@pytest.mark.anyio
async def test_a_run_page_reads_the_history_the_store_keeps() -> None:
    seen: list[int] = []

    async def history(run_id: int) -> list[Event]:
        seen.append(run_id)
        return [Event("queued", "t0"), Event("forge", "t1", "attempt 2")]

    store = RunViews(Runs(record(5)), WEB, lambda: NOW, history=history)
    view = await store.get(OPERATOR, 5)
    assert view is not None
    assert [(e.state, e.note) for e in view.history] == [("queued", ""), ("forge", "attempt 2")]
    assert seen == [5]
    # Lists do not read each run's history.
    await store.find(OPERATOR, RunFilter())
    assert seen == [5]


def test_links_cover_branch_checks_and_clearance_issue_and_never_other_schemes() -> None:
    details = {
        "checks": [
            {"name": "PACE / GATE", "id": 9, "head_sha": "a", "url": "javascript:alert(1)"},
            {"name": "PACE / SENTINEL", "id": 10, "head_sha": "a", "url": f"{WEB}/x/runs/10"},
        ],
        "clearance_issue": 12,
    }
    view = views().view(record(branch="pace/issue-4-a b", details=details))
    links = {link.label: link.url for link in view.links}
    assert links["branch"] == f"{WEB}/acme/a/tree/pace/issue-4-a%20b"
    assert links["PACE / GATE"] == f"{WEB}/acme/a/runs/9"
    assert links["PACE / SENTINEL"] == f"{WEB}/x/runs/10"
    assert links["clearance issue"] == f"{WEB}/acme/a/issues/12"


@pytest.mark.anyio
async def test_the_viewer_sees_only_their_repositories_case_blind() -> None:
    store = views(record(1, "Acme/A"), record(2, "acme/b"))
    user = Viewer("alice", frozenset({"acme/a"}))
    assert [v.id for v in await store.find(user, RunFilter())] == [1]
    assert [v.id for v in await store.find(OPERATOR, RunFilter())] == [1, 2]
    assert await store.get(user, 2) is None
    assert await store.get(user, 3) is None
    assert (await store.get(user, 1)) is not None


@pytest.mark.anyio
async def test_the_queue_holds_only_active_runs_the_viewer_sees() -> None:
    store = views(record(1), record(2, state=RunState.DONE), record(3, "acme/b"))
    user = Viewer("alice", frozenset({"acme/a"}))
    assert [v.id for v in await store.active(user)] == [1]


@pytest.mark.anyio
async def test_filters_by_state_age_and_limit() -> None:
    store = views(
        record(1, state=RunState.DONE, updated_at=NOW - timedelta(days=3)),
        record(2, state=RunState.FAILED),
        record(3, state=RunState.DONE),
    )
    done = RunFilter.parse({"state": "DONE"})
    assert [v.id for v in await store.find(OPERATOR, done)] == [3, 1]
    recent = RunFilter.parse({"state": "done", "since": "2d"})
    assert [v.id for v in await store.find(OPERATOR, recent)] == [3]
    first = RunFilter.parse({"limit": "2"})
    assert [v.id for v in await store.find(OPERATOR, first)] == [2, 3]


@pytest.mark.parametrize(
    ("since", "text"),
    [("90s", "90s"), ("120s", "2m"), ("7200s", "2h"), ("2d", "2d"), ("48h", "2d")],
)
def test_a_filter_round_trips_into_query_parameters(since: str, text: str) -> None:
    wanted = RunFilter.parse({"repo": "acme/a", "since": since, "state": "gate"})
    assert wanted.query() == {"repo": "acme/a", "state": "gate", "since": text}
    assert RunFilter().query() == {}


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"repo": "a/b/c"}, "repo"),
        ({"repo": "x" * 201 + "/y"}, "repo"),
        ({"state": "shipped"}, "state"),
        ({"since": "0d"}, "since"),
        ({"limit": "201"}, "limit"),
        ({"limit": "-1"}, "limit"),
    ],
)
def test_a_bad_filter_names_its_parameter(params: dict[str, str], name: str) -> None:
    with pytest.raises(FilterError, match=rf"^{name}: "):
        RunFilter.parse(params)
