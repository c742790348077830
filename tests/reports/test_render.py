"""Run summaries and the text tables of ``pace runs``, ``pace runs show`` and ``pace spend``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pace_app.domain.run import RunRecord, RunState
from pace_app.domain.run_details import OwnedCheck, RunDetails
from pace_app.domain.run_history import RepoSpend, StateChange
from pace_app.llm.provider import Usage
from pace_app.llm.usage import Spend, UsageLedger
from pace_app.reports.render import duration, money, render_runs, render_spend, render_summary
from pace_app.reports.summary import run_json, summarise, summary_json

T0 = datetime(2026, 3, 4, 10, 0, 0, tzinfo=UTC)
HEAD1, HEAD2 = "1" * 40, "2" * 40
WEB = "https://ghe.example/octo/cat"


def at(seconds: float) -> datetime:
    """Return ``seconds`` after the first state change."""
    return T0 + timedelta(seconds=seconds)


def record(**changes: object) -> RunRecord:
    """Return a finished two-attempt run that spent money with two agents on two models."""
    ledger = UsageLedger(budget_usd=3.0)
    ledger.record("forge", Usage(1000, 200, 300, 400), 0.5, model="big")
    ledger.record("gate", Usage(100, 20), 0.25, model="small")
    details = RunDetails(
        ledger=ledger.to_json(),
        status_comment_url=f"{WEB}/issues/7#issuecomment-9",
        pr_url=f"{WEB}/pull/8",
        checks=(
            OwnedCheck("PACE / GATE", 1, HEAD1, f"{WEB}/runs/1", completed=True),
            OwnedCheck("PACE / GATE", 3, HEAD2, f"{WEB}/runs/3", completed=True),
            OwnedCheck("PACE / SENTINEL", 2, HEAD2, ""),
        ),
    )
    fields: dict[str, object] = {
        "id": 5,
        "repo": "octo/cat",
        "issue_number": 7,
        "installation_id": 70,
        "state": RunState.DONE,
        "attempt": 2,
        "created_at": T0,
        "updated_at": at(400),
        "branch": "pace/issue-7-cats",
        "pr_number": 8,
        "head_sha": HEAD2,
        "outcome": "PR ready for review",
        "details": details.to_json(),
        "cost_usd": 0.75,
    }
    fields.update(changes)
    return RunRecord(**fields)  # type: ignore[arg-type]


HISTORY = [
    StateChange(1, RunState.QUEUED, at(0)),
    StateChange(1, RunState.FORGE, at(5)),
    StateChange(1, RunState.PUSHED, at(65), HEAD1),
    StateChange(1, RunState.FAILED, at(125), HEAD1),
    StateChange(2, RunState.QUEUED, at(300), HEAD1),
    StateChange(2, RunState.PUSHED, at(330), HEAD2),
    StateChange(2, RunState.DONE, at(400), HEAD2),
]


def test_a_summary_adds_up_attempts_agents_models_and_links() -> None:
    summary = summarise(record(), HISTORY, now=at(1000))

    assert [a.attempt for a in summary.attempts] == [1, 2]
    assert [a.duration_seconds(summary.now) for a in summary.attempts] == [125.0, 100.0]
    assert summary.duration_seconds == 225.0
    assert summary.attempts[0].heads() == (HEAD1,)
    assert summary.attempts[1].heads() == (HEAD1, HEAD2)
    assert summary.total == Spend(Usage(1100, 220, 300, 400), 0.75, 2)
    assert summary.by_agent["gate"] == Spend(Usage(100, 20), 0.25, 1)
    assert list(summary.by_model) == ["big", "small"]
    assert [(link.name, link.url) for link in summary.links] == [
        ("status comment", f"{WEB}/issues/7#issuecomment-9"),
        ("pull request #8", f"{WEB}/pull/8"),
        ("PACE / GATE", f"{WEB}/runs/3"),  # the newest check run of each name, with a page
    ]


def test_a_running_attempt_lasts_until_now() -> None:
    running = HISTORY[:2]
    summary = summarise(record(state=RunState.FORGE, attempt=1), running, now=at(50))

    assert summary.attempts[0].ended_at is None
    assert summary.duration_seconds == 50.0
    assert "50s, running: queued > forge" in render_summary(summary)


def test_show_prints_states_links_tokens_and_cost() -> None:
    text = render_summary(summarise(record(), HISTORY, now=at(1000)))

    assert text.splitlines()[0] == "Run 5: octo/cat#7, done (attempt 2)"
    assert "Outcome: PR ready for review" in text
    assert "Duration: 3m 45s" in text
    assert f"status comment   {WEB}/issues/7#issuecomment-9" in text
    assert f"pull request #8  {WEB}/pull/8" in text
    assert (
        "#1 2026-03-04 10:00:00 UTC, 2m 05s: queued > forge > pushed > failed (heads: 1111111)"
        in text
    )
    assert (
        "#2 2026-03-04 10:05:00 UTC, 1m 40s: queued > pushed > done (heads: 1111111, 2222222)"
        in text
    )
    assert "Cost: $0.75 of $3.00 budget, 2,020 tokens in 2 model call(s)" in text
    agent_rows = [line.split() for line in text.splitlines() if line.startswith(("forge", "gate"))]
    assert agent_rows == [
        ["forge", "1", "1,000", "200", "300", "400", "$0.50"],
        ["gate", "1", "100", "20", "0", "0", "$0.25"],
    ]
    assert any(line.split()[:2] == ["big", "1"] for line in text.splitlines())


def test_the_runs_table_has_one_row_per_run_and_flattens_outcomes() -> None:
    hostile = record(id=6, outcome="line one\nline two\x1b[31m red\u202e")

    text = render_runs([record(), hostile])

    header, first, second = text.splitlines()
    assert header.split() == [
        "ID",
        "ISSUE",
        "STATE",
        "ATTEMPT",
        "TOKENS",
        "COST",
        "UPDATED",
        "OUTCOME",
    ]
    assert first.split()[:6] == ["5", "octo/cat#7", "done", "2", "2,020", "$0.75"]
    assert second.endswith("line one line two [31m red")
    assert "\x1b" not in text
    assert render_runs([]) == "No runs."


def test_json_rows_carry_ids_tokens_cost_attempts_and_models() -> None:
    row = run_json(record())
    shown = summary_json(summarise(record(), HISTORY, now=at(1000)))

    assert (row["id"], row["tokens"], row["cost_usd"], row["state"]) == (5, 2020, 0.75, "done")
    assert shown["duration_seconds"] == 225.0
    assert [a["heads"] for a in shown["attempts"]] == [[HEAD1], [HEAD1, HEAD2]]
    assert shown["by_model"]["small"]["cost_usd"] == 0.25
    assert shown["by_agent"]["forge"]["cache_read_tokens"] == 400
    assert shown["links"]["pull request #8"] == f"{WEB}/pull/8"


def test_spend_lists_repositories_and_their_total() -> None:
    spend = [RepoSpend("octo/cat", 2, 1.5), RepoSpend("octo/dog", 1, 0.004)]

    text = render_spend(spend, since=T0)

    assert text.splitlines()[0] == "Model spend, since 2026-03-04 10:00:00 UTC:"
    assert [line.split() for line in text.splitlines()[1:]] == [
        ["REPOSITORY", "RUNS", "COST"],
        ["octo/cat", "2", "$1.50"],
        ["octo/dog", "1", "$0.0040"],
        ["TOTAL", "3", "$1.50"],
    ]
    assert render_spend([], since=None) == "No model spend (all time)."


def test_money_and_durations_read_naturally() -> None:
    assert [money(v) for v in (0, 0.004, 0.01, 12.345)] == ["$0.00", "$0.0040", "$0.01", "$12.35"]
    assert [duration(s) for s in (0, 12.4, 65, 3725)] == ["0s", "12s", "1m 05s", "1h 02m"]
