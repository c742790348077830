"""Text tables for ``pace runs``, ``pace runs show`` and ``pace spend`` (pure functions)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime

from pace_app.domain.run import RunRecord
from pace_app.domain.run_history import RepoSpend
from pace_app.llm.usage import Spend
from pace_app.reports.summary import RunSummary, ledger_of

MAX_OUTCOME_CHARS = 60
SHORT_SHA = 7


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Return ``rows`` under ``header`` in left-aligned columns (numbers right-aligned)."""
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    numeric = [all(_numeric(row[i]) for row in rows) and bool(rows) for i in range(len(header))]
    lines = []
    for row in (header, *rows):
        cells = [
            cell.rjust(width) if right else cell.ljust(width)
            for cell, width, right in zip(row, widths, numeric, strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def money(usd: float) -> str:
    """Return a dollar amount to the cent, or to four places when below a cent."""
    return f"${usd:.4f}" if 0 < usd < 0.01 else f"${usd:.2f}"


def moment(at: datetime) -> str:
    """Return a time in UTC to the second."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def duration(seconds: float) -> str:
    """Return ``seconds`` as ``1h 02m``, ``3m 05s`` or ``12s``."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes:02d}m"
    if minutes:
        return f"{minutes}m {secs:02d}s"
    return f"{secs}s"


def render_runs(runs: Sequence[RunRecord]) -> str:
    """Return the ``pace runs`` table."""
    if not runs:
        return "No runs."
    rows = []
    for run in runs:
        ledger = ledger_of(run)
        rows.append(
            [
                str(run.id),
                f"{run.repo}#{run.issue_number}",
                run.state.value,
                str(run.attempt),
                f"{ledger.total.usage.total_tokens:,}",
                money(ledger.cost_usd),
                moment(run.updated_at),
                _one_line(run.outcome or ""),
            ]
        )
    header = ["ID", "ISSUE", "STATE", "ATTEMPT", "TOKENS", "COST", "UPDATED", "OUTCOME"]
    return "\n".join(table(header, rows))


def render_summary(summary: RunSummary) -> str:
    """Return the ``pace runs show`` report."""
    run = summary.run
    lines = [
        f"Run {run.id}: {run.repo}#{run.issue_number}, {run.state.value} (attempt {run.attempt})",
        f"Outcome: {_one_line(run.outcome or '-', limit=400)}",
        f"Created {moment(run.created_at)}, updated {moment(run.updated_at)}",
        f"Duration: {duration(summary.duration_seconds)}",
    ]
    if run.branch:
        lines.append(f"Branch: {run.branch}" + (f" (PR #{run.pr_number})" if run.pr_number else ""))
    if run.head_sha:
        lines.append(f"Head: {run.head_sha}")
    if summary.links:
        lines += ["", "Links:"]
        lines += [
            "  " + line
            for line in table(["PAGE", "URL"], [[link.name, link.url] for link in summary.links])[
                1:
            ]
        ]
    lines += ["", "Attempts:"]
    for attempt in summary.attempts:
        path = " > ".join(change.state.value for change in attempt.changes)
        heads = ", ".join(sha[:SHORT_SHA] for sha in attempt.heads()) or "-"
        running = "" if attempt.ended_at else ", running"
        lines.append(
            f"  #{attempt.attempt} {moment(attempt.started_at)}, "
            f"{duration(attempt.duration_seconds(summary.now))}{running}: {path} (heads: {heads})"
        )
    budget = f" of {money(summary.budget_usd)} budget" if summary.budget_usd is not None else ""
    lines += [
        "",
        f"Cost: {money(summary.total.cost_usd)}{budget}, "
        f"{summary.total.usage.total_tokens:,} tokens in {summary.total.calls} model call(s)",
    ]
    if summary.by_agent:
        lines += ["", *_spend_table("AGENT", summary.by_agent)]
    if summary.by_model:
        lines += ["", *_spend_table("MODEL", summary.by_model)]
    return "\n".join(lines)


def render_spend(spend: Sequence[RepoSpend], since: datetime | None) -> str:
    """Return the ``pace spend`` table with its total."""
    window = f"since {moment(since)}" if since else "all time"
    if not spend:
        return f"No model spend ({window})."
    rows = [[each.repo, str(each.runs), money(each.cost_usd)] for each in spend]
    total_runs = sum(each.runs for each in spend)
    rows.append(["TOTAL", str(total_runs), money(sum(each.cost_usd for each in spend))])
    return "\n".join([f"Model spend, {window}:", *table(["REPOSITORY", "RUNS", "COST"], rows)])


def _spend_table(kind: str, spends: dict[str, Spend]) -> list[str]:
    header = [kind, "CALLS", "INPUT", "OUTPUT", "CACHE WRITE", "CACHE READ", "COST"]
    rows = [
        [
            name,
            str(spend.calls),
            f"{spend.usage.input_tokens:,}",
            f"{spend.usage.output_tokens:,}",
            f"{spend.usage.cache_creation_input_tokens:,}",
            f"{spend.usage.cache_read_input_tokens:,}",
            money(spend.cost_usd),
        ]
        for name, spend in spends.items()
    ]
    return table(header, rows)


def _one_line(text: str, *, limit: int = MAX_OUTCOME_CHARS) -> str:
    # Outcomes quote model and user text: no terminal escapes, invisible or bidi characters.
    shown = "".join(" " if unicodedata.category(c).startswith("C") else c for c in text)
    flat = " ".join(shown.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _numeric(cell: str) -> bool:
    return bool(cell) and cell.lstrip("$").replace(",", "").replace(".", "").isdigit()
