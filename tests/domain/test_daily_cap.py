"""The daily cap arithmetic: which cap applies, when it is reached, what a run may spend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from pace_app.domain.daily_cap import (
    Allowance,
    CapReached,
    DailyCaps,
    check_caps,
    day_start,
    next_reset,
    run_budget,
)

NOW = datetime(2026, 5, 6, 23, 59, 59, tzinfo=UTC)


@pytest.mark.parametrize(
    ("operator", "configured", "expected"),
    [
        (None, None, None),
        (10.0, None, 10.0),
        (None, 4.0, 4.0),  # a repository may set a cap the operator did not
        (10.0, 4.0, 4.0),  # and lower the operator's
        (10.0, 50.0, 10.0),  # but never raise it
    ],
)
def test_a_repository_can_only_lower_its_cap(
    operator: float | None, configured: float | None, expected: float | None
) -> None:
    assert DailyCaps(per_repository=operator).for_repository(configured) == expected


def test_the_day_is_the_utc_calendar_day() -> None:
    local = datetime(2026, 5, 7, 1, 30, tzinfo=timezone(timedelta(hours=2)))  # 23:30 UTC on the 6th

    assert day_start(local) == datetime(2026, 5, 6, tzinfo=UTC)
    assert next_reset(local) == datetime(2026, 5, 7, tzinfo=UTC)
    assert next_reset(datetime(2026, 5, 7, tzinfo=UTC)) == datetime(2026, 5, 8, tzinfo=UTC)


@pytest.mark.parametrize(
    ("repo", "installation", "expected"),
    [
        ((None, 5.0), (None, 9.0), Allowance(None)),
        ((10.0, 4.0), (None, 0.0), Allowance(6.0)),
        ((10.0, 4.0), (20.0, 18.0), Allowance(2.0)),  # the tighter of the two
        ((10.0, 10.0), (20.0, 0.0), CapReached("repository", 10.0, 10.0, next_reset(NOW))),
        ((10.0, 12.5), (None, 0.0), CapReached("repository", 10.0, 12.5, next_reset(NOW))),
        ((10.0, 1.0), (5.0, 5.0), CapReached("installation", 5.0, 5.0, next_reset(NOW))),
    ],
)
def test_check_caps(
    repo: tuple[float | None, float],
    installation: tuple[float | None, float],
    expected: CapReached | Allowance,
) -> None:
    found = check_caps(
        now=NOW,
        repo_cap=repo[0],
        repo_spent=repo[1],
        installation_cap=installation[0],
        installation_spent=installation[1],
    )
    assert found == expected


def test_the_message_says_the_cap_the_spend_and_the_reset() -> None:
    reached = CapReached("repository", 1.0, 1.25, datetime(2026, 5, 7, tzinfo=UTC))

    assert reached.message() == (
        "the repository's daily model budget is spent: $1.25 of $1.00 today (UTC). "
        "It resets at 2026-05-07 00:00 UTC; `/pace retry` then starts the run again."
    )


@pytest.mark.parametrize(
    ("per_run", "run_spent", "left", "expected"),
    [
        (3.0, 0.0, None, 3.0),
        (3.0, 0.0, 1.0, 1.0),
        (3.0, 0.0, 5.0, 3.0),
        (3.0, 2.5, 0.25, 2.75),  # a run's earlier attempts count toward its own cap
    ],
)
def test_run_budget_is_the_per_run_cap_or_what_is_left_today(
    per_run: float, run_spent: float, left: float | None, expected: float
) -> None:
    assert run_budget(per_run, run_spent, left) == expected
