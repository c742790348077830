"""Rendering the dashboard: every value from a run or a person is escaped, links stay http(s)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from pace_app.domain.run import RunRecord, RunState
from pace_app.web.access import OPERATOR, Viewer
from pace_app.web.dashboard_pages import money, queue_page, run_page, runs_page
from pace_app.web.run_views import Event, Link, RunFilter, RunView, RunViews

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
HOSTILE = '<img src=x onerror="alert(1)">'


class NoRuns:
    """A ``RunReader`` with nothing in it: these tests render views built by hand."""

    async def list_runs(
        self, *, repo: str | None = None, since: datetime | None = None, limit: int = 20
    ) -> list[RunRecord]:
        return []

    async def get_run(self, run_id: int) -> RunRecord | None:
        return None


def hostile_view() -> RunView:
    record = RunRecord(
        id=3,
        repo="acme/a",
        issue_number=4,
        installation_id=1,
        state=RunState.FAILED,
        attempt=2,
        created_at=NOW,
        updated_at=NOW,
        outcome=HOSTILE,
        details={
            "story": {"title": HOSTILE, "body": "", "approved_by": "x"},
            "forge": {"round": 1, "head": "a", "summary": HOSTILE, "files": [HOSTILE]},
            "review": {
                "head": "a",
                "round": 1,
                "gate_verdict": "HOLD",
                "gate_findings": [HOSTILE],
            },
        },
    )
    view = RunViews(NoRuns(), "https://github.example", lambda: NOW).view(
        record, history=(Event("queued", "t0", HOSTILE),)
    )
    return replace(view, links=(*view.links, Link("evil", "javascript:alert(1)")))


def test_a_run_page_escapes_everything_and_renders_no_foreign_link() -> None:
    view = hostile_view()
    page = run_page(OPERATOR, view)
    assert HOSTILE not in page
    assert page.count("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;") == 6
    assert "javascript:" not in page.replace("evil", "")
    assert "<li><span class=state" in page  # the state history
    assert "GATE: <strong>HOLD</strong>" in page


def test_the_runs_list_escapes_titles_and_names_the_user() -> None:
    view = hostile_view()
    user = Viewer("<bob>", frozenset({"acme/a"}))
    page = runs_page(user, [view], RunFilter(), ["acme/a"], problem=HOSTILE)
    assert HOSTILE not in page
    assert "&lt;bob&gt;" in page
    assert "<option selected>" not in page
    page = runs_page(user, [], RunFilter(repo="acme/a"), ["acme/a"])
    assert "<option selected>acme/a</option>" in page
    assert "No runs match." in page


def test_the_operator_queue_without_installations_or_jobs_says_so() -> None:
    page = queue_page(OPERATOR, {"queued": 0}, [], app_id=None)
    assert "App id: <strong>unknown</strong>" in page
    assert page.count("None yet.") == 2
    assert "operator (ADMIN_TOKEN)" in page


def test_money_shows_cents_and_fractions_of_a_cent() -> None:
    assert [money(v) for v in (0.0, 0.00042, 0.0099, 0.01, 1.234)] == [
        "$0.00",
        "$0.0004",
        "$0.0099",
        "$0.01",
        "$1.23",
    ]
