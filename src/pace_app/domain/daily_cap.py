"""Daily spending caps: per repository and per installation, per UTC calendar day.

The operator sets both (``BUDGET_MAX_USD_PER_DAY``,
``BUDGET_MAX_USD_PER_DAY_PER_INSTALLATION``); a repository's ``budget.max_usd_per_day``
may only lower its own cap, never raise it, as the sandbox can only be tightened. A run
that starts with nothing left today does not start; otherwise its budget is what is
left today, so spend passes a cap by at most the one call that crossed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta


@dataclass(frozen=True)
class DailyCaps:
    """The operator's caps in USD per UTC day; None means no cap."""

    per_repository: float | None = None
    per_installation: float | None = None

    def for_repository(self, configured: float | None) -> float | None:
        """Return the repository's cap: the operator's, lowered by the repository's own."""
        caps = [cap for cap in (self.per_repository, configured) if cap is not None]
        return min(caps) if caps else None


@dataclass(frozen=True)
class CapReached:
    """A cap that leaves nothing for a run today."""

    scope: str  # "repository" or "installation"
    cap_usd: float
    spent_usd: float
    resets_at: datetime

    def message(self) -> str:
        """Return the reason a user reads on the issue."""
        return (
            f"the {self.scope}'s daily model budget is spent: {usd(self.spent_usd)} of "
            f"{usd(self.cap_usd)} today (UTC). It resets at "
            f"{self.resets_at.strftime('%Y-%m-%d %H:%M')} UTC; `/pace retry` then starts "
            "the run again."
        )


@dataclass(frozen=True)
class Allowance:
    """What a run may still spend today, or None without a cap."""

    left_usd: float | None


def usd(amount: float) -> str:
    """Return a dollar amount to the cent, or to four places below a cent."""
    return f"${amount:.4f}" if 0 < amount < 0.01 else f"${amount:.2f}"


def day_start(now: datetime) -> datetime:
    """Return midnight UTC at the start of ``now``'s UTC day."""
    return datetime.combine(now.astimezone(UTC).date(), time(), tzinfo=UTC)


def next_reset(now: datetime) -> datetime:
    """Return the next midnight UTC, when today's spend stops counting."""
    return day_start(now) + timedelta(days=1)


def check_caps(
    *,
    now: datetime,
    repo_cap: float | None,
    repo_spent: float,
    installation_cap: float | None,
    installation_spent: float,
) -> CapReached | Allowance:
    """Return the cap that is reached, or what is left under the tighter of the two."""
    left: list[float] = []
    for scope, cap, spent in (
        ("repository", repo_cap, repo_spent),
        ("installation", installation_cap, installation_spent),
    ):
        if cap is None:
            continue
        if spent >= cap:
            return CapReached(scope, cap, spent, next_reset(now))
        left.append(cap - spent)
    return Allowance(min(left) if left else None)


def run_budget(per_run: float, run_spent: float, left_today: float | None) -> float:
    """Return the ledger's budget: the per-run cap, or what the run spent plus today's rest.

    The ledger counts every attempt of the run, so today's allowance is added to what it
    has already spent rather than replacing the per-run cap.
    """
    if left_today is None:
        return per_run
    return min(per_run, run_spent + left_today)
