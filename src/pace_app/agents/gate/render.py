"""Render GATE's result as a check run's title, summary and details markdown.

Everything shown comes partly from untrusted sources (test names, model evidence,
command output), so table cells are escaped and output is fenced and bounded.
"""

from __future__ import annotations

from pace_app.agents.gate.result import GateResult
from pace_app.agents.text import truncate_middle
from pace_app.github.checks import MAX_OUTPUT_CHARS
from pace_app.sandbox import CommandResult

MAX_FAILURES_SHOWN = 30
MAX_FAILURE_CHARS = 4_000
MAX_CELL_CHARS = 500
OUTPUT_TAIL_CHARS = 6_000
_ICONS = {"PASS": "✅", "FAIL": "❌", "PARTIAL": "🟡"}


def escape_cell(text: str, limit: int = MAX_CELL_CHARS) -> str:
    """Return ``text`` safe inside one markdown table cell."""
    text = truncate_middle(text.replace("\r", "\n"), limit).strip()
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return "<br>".join(line.strip() for line in text.split("\n") if line.strip()) or " "


def fence(text: str) -> str:
    """Return ``text`` in a code fence no line of it can close."""
    # A fence longer than any backtick run inside cannot be closed by the text.
    ticks = "`" * max(3, _longest_backtick_run(text) + 1)
    return f"{ticks}\n{text}\n{ticks}"


def _longest_backtick_run(text: str) -> int:
    longest = current = 0
    for char in text:
        current = current + 1 if char == "`" else 0
        longest = max(longest, current)
    return longest


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def title(result: GateResult) -> str:
    """Return a one-line title such as ``HOLD: 2 tests failed``."""
    parts: list[str] = []
    report = result.report
    for step, command in (("setup", result.setup_result), ("build", result.build_result)):
        if command is not None and not command.succeeded:
            parts.append(f"{step} {'timed out' if command.timed_out else 'failed'}")
    test = result.test_result
    if report is not None and report.problem is None and report.failed + report.errors:
        parts.append(f"{_plural(report.failed + report.errors, 'test')} failed")
    elif test is not None and not test.succeeded:
        parts.append("tests timed out" if test.timed_out else "the test command failed")
    unmet = sum(1 for c in result.criteria if c.verdict == "FAIL")
    if unmet:
        parts.append(f"{unmet} of {len(result.criteria)} criteria not met")
    if not parts:
        if report is not None and report.problem is None:
            parts.append(f"{report.passed} passed")
        elif test is not None:
            parts.append("tests passed")
        if result.criteria:
            parts.append(f"{len(result.criteria)}/{len(result.criteria)} criteria met")
    if not parts:
        parts.append("no tests ran")
    return f"{result.verdict}: {', '.join(parts)}"


def summary(result: GateResult) -> str:
    """Return the summary: results table, commands, criteria table and notes."""
    report = result.report
    rows: list[tuple[str, str]] = []
    if report is not None and report.problem is None:
        rows += [
            ("Passed", str(report.passed)),
            ("Failed", str(report.failed)),
            ("Errors", str(report.errors)),
            ("Skipped", str(report.skipped)),
        ]
    rows += [
        ("Coverage", f"{result.coverage:g}%" if result.coverage is not None else "not measured"),
        ("Duration", f"{result.duration:.1f} s"),
        ("Model cost", f"${result.cost_usd:.4f}"),
    ]
    lines = [f"## {result.verdict}", "", "| result | value |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    commands = [
        (step, command)
        for step, command in (
            ("setup", result.setup_result),
            ("build", result.build_result),
            ("test", result.test_result),
        )
        if command is not None
    ]
    if commands:
        lines += ["", "### Commands", "", "| step | command | outcome |", "|---|---|---|"]
        lines += [
            f"| {step} | {escape_cell(command.command, 200)} | {_outcome(command)} |"
            for step, command in commands
        ]
    if result.criteria:
        lines += [
            "",
            "### Acceptance criteria",
            "",
            "| # | criterion | verdict | evidence |",
            "|---|---|---|---|",
        ]
        for verdict in result.criteria:
            evidence = verdict.evidence + (f"\n({verdict.note})" if verdict.note else "")
            lines.append(
                f"| {verdict.index} | {escape_cell(verdict.criterion)} | "
                f"{_ICONS[verdict.verdict]} {verdict.verdict} | {escape_cell(evidence)} |"
            )
    if result.notes:
        lines += ["", "### Notes", ""]
        lines += [f"- {note}" for note in result.notes]
    return "\n".join(lines) + "\n"


def _outcome(command: CommandResult) -> str:
    state = "✅" if command.succeeded else "❌"
    ended = "timed out" if command.timed_out else f"exit {command.exit_code}"
    return f"{state} {ended} in {command.duration:.1f} s"


def details(result: GateResult) -> str:
    """Return the details: each failure's output and the end of any failed command."""
    sections: list[str] = []
    report = result.report
    if report is not None and report.problem is None:
        for failure in report.failures[:MAX_FAILURES_SHOWN]:
            where = f" — `{failure.file}:{failure.line}`" if failure.file and failure.line else ""
            sections.append(
                f"### {failure.test_id.replace('`', '')} ({failure.kind}){where}\n\n"
                + fence(truncate_middle(failure.text or failure.message, MAX_FAILURE_CHARS))
            )
        if len(report.failures) > MAX_FAILURES_SHOWN:
            hidden = len(report.failures) - MAX_FAILURES_SHOWN
            sections.append(f"… and {_plural(hidden, 'more failure')} not shown.")
    for step, command in (
        ("setup", result.setup_result),
        ("build", result.build_result),
        ("test", result.test_result),
    ):
        if command is not None and not command.succeeded:
            sections.append(
                f"### End of the {step} output\n\n" + fence(command.tail(OUTPUT_TAIL_CHARS))
            )
    return truncate_middle("\n\n".join(sections), MAX_OUTPUT_CHARS - 1)
