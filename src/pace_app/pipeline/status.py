"""Render a run's ONE status comment on its issue, and make untrusted text safe to show.

The comment starts with a hidden marker naming the run, so it can be found again after
the stored comment id is lost. Everything a user or a model wrote (issue title, failure
reasons, warnings) goes through ``neutralise`` first: hidden text and HTML are made
inert and ``@mentions`` cannot ping anyone.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pace_app.domain.run import STAGES, RunState
from pace_app.domain.run_details import ForgeTimeline
from pace_app.domain.text import MAX_COMMENT_CHARS, neutralise, truncate
from pace_app.github.issues import status_marker

MAX_REASON_CHARS = 4_000
MAX_WARNING_CHARS = 500
MAX_WARNINGS = 20
MAX_TITLE_CHARS = 200
MAX_TOOL_NAMES_SHOWN = 8
MAX_FORGE_LINE_CHARS = 600
_TOOL_NAME = re.compile(r"[a-z][a-z_]{0,39}")


_LABELS = {
    RunState.QUEUED: "Queued",
    RunState.PREPARING: "Preparing the workspace",
    RunState.FORGE: "FORGE writing the change",
    RunState.PUSHED: "Branch pushed, pull request opened",
    RunState.GATE: "GATE running the build, tests and criteria",
    RunState.SENTINEL: "SENTINEL auditing the change",
    RunState.SCRIBE: "SCRIBE updating the engineering context",
    RunState.DONE: "Done",
}


class Mark(enum.StrEnum):
    """How far one line of the checklist got."""

    DONE = "✅"
    RUNNING = "⏳"
    PENDING = "⬜"
    FAILED = "❌"


@dataclass(frozen=True)
class StatusView:
    """What the status comment shows about one run."""

    run_id: int
    state: RunState
    attempt: int = 1
    issue_title: str = ""
    stopped_at: RunState | None = None  # where a failed or cancelled run stopped
    branch_url: str | None = None
    pr_url: str | None = None
    check_runs: tuple[tuple[str, str], ...] = ()  # (name, url)
    turns: int | None = None
    usage: str | None = None  # e.g. UsageLedger.summary()
    warnings: tuple[str, ...] = field(default=())
    outcome: str | None = None
    reason: str | None = None
    stopped_early: str | None = None  # e.g. "max turns reached"
    instructions: tuple[str, ...] = ()  # repository documents FORGE was given
    command: str = "pace"  # the command word the footer names
    forge: ForgeTimeline | None = None  # FORGE's turns in the latest round


def checklist(view: StatusView) -> list[tuple[Mark, str]]:
    """Return the stage lines with their marks."""
    failed = view.state in {RunState.FAILED, RunState.CANCELLED}
    reached = (view.stopped_at or RunState.QUEUED) if failed else view.state
    position = {state: index for index, state in enumerate((*STAGES, RunState.DONE))}
    current = position[reached]
    lines: list[tuple[Mark, str]] = []
    for state in STAGES:
        index = position[state]
        if index < current or (index == current and state is RunState.PUSHED and not failed):
            mark = Mark.DONE  # the push is an event: once reached it has happened
        elif index == current:
            mark = Mark.FAILED if failed else Mark.RUNNING
        else:
            mark = Mark.PENDING
        lines.append((mark, _LABELS[state]))
    lines.append(
        (Mark.DONE if view.state is RunState.DONE else Mark.PENDING, _LABELS[RunState.DONE])
    )
    return lines


def render_status(view: StatusView) -> str:
    """Return the status comment's markdown for a run."""
    parts = [status_marker(view.run_id), _heading(view), ""]
    parts += [f"- {mark} {text}" for mark, text in checklist(view)]
    parts += _links(view)
    parts += _progress(view)
    parts += _ending(view)
    parts += _warnings(view.warnings)
    parts += ["", footer(view.command)]
    return truncate("\n".join(parts), MAX_COMMENT_CHARS)


def footer(word: str = "pace") -> str:
    """Return the status comment's last line: the commands, under the repository's word."""
    return (
        f"<sub>Commands (write access): `/{word} retry [what to change]` · `/{word} cancel` · "
        f"`/{word} status` · `/{word} help`</sub>"
    )


FOOTER = footer()


def _heading(view: StatusView) -> str:
    title = neutralise(view.issue_title, limit=MAX_TITLE_CHARS, one_line=True)
    words = {
        RunState.DONE: "finished",
        RunState.FAILED: "failed",
        RunState.CANCELLED: "was cancelled",
    }
    state = words.get(view.state, "is running")
    heading = f"### PACE run {view.run_id} {state} (attempt {view.attempt})"
    return f"{heading}\n\n{title}" if title else heading


def _links(view: StatusView) -> list[str]:
    links = []
    if view.pr_url:
        links.append(f"[pull request]({view.pr_url})")
    if view.branch_url:
        links.append(f"[branch]({view.branch_url})")
    links += [
        f"[{neutralise(name, limit=60, one_line=True)}]({url})" for name, url in view.check_runs
    ]
    return ["", "**Links:** " + " · ".join(links)] if links else []


def _progress(view: StatusView) -> list[str]:
    facts = []
    if view.turns is not None:
        facts.append(f"{view.turns} turn{'s' if view.turns != 1 else ''}")
    if view.usage:
        facts.append(neutralise(view.usage, limit=200, one_line=True))
    lines = ["", "**So far:** " + " · ".join(facts)] if facts else []
    if view.forge is not None and view.forge.turns:
        lines += ["", forge_line(view.forge, running=view.state is RunState.FORGE)]
    if view.instructions:
        used = " · ".join(
            f"`{neutralise(name, limit=80, one_line=True)}`" for name in view.instructions[:10]
        )
        lines += ["", f"**Repository instructions used:** {used}"]
    return lines


def forge_line(timeline: ForgeTimeline, *, running: bool) -> str:
    """Return FORGE's progress: turn, tool calls by name, files touched and cost."""
    last = timeline.turns[-1]
    counts: dict[str, int] = {}
    files: set[str] = set()
    for turn in timeline.turns:
        for name in turn.tools:
            # Tool names come from the model: anything but a plain name is not shown.
            shown_name = name if _TOOL_NAME.fullmatch(name) else "other"
            counts[shown_name] = counts.get(shown_name, 0) + 1
        files.update(turn.files)
    calls = sum(counts.values())
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    shown = ", ".join(f"{name} x{count}" for name, count in ranked[:MAX_TOOL_NAMES_SHOWN])
    if len(ranked) > MAX_TOOL_NAMES_SHOWN:
        shown += ", …"
    parts = [
        f"turn {last.turn} of at most {timeline.max_turns}",
        f"{calls} tool call{'s' if calls != 1 else ''}" + (f" ({shown})" if shown else ""),
        f"{len(files)} file{'s' if len(files) != 1 else ''}",
        f"${last.cost_usd:.2f}" + (" so far" if running else ""),
    ]
    label = "**FORGE:**" if timeline.round <= 1 else f"**FORGE, round {timeline.round}:**"
    return f"{label} " + neutralise(" · ".join(parts), limit=MAX_FORGE_LINE_CHARS, one_line=True)


def _ending(view: StatusView) -> list[str]:
    lines = []
    if view.stopped_early:
        note = neutralise(view.stopped_early, limit=MAX_WARNING_CHARS, one_line=True)
        lines += ["", f"**Stopped early:** {note}"]
    if view.state is RunState.DONE and view.outcome:
        lines += ["", f"**Outcome:** {neutralise(view.outcome, limit=MAX_REASON_CHARS)}"]
    if view.state in {RunState.FAILED, RunState.CANCELLED}:
        word = "Failed" if view.state is RunState.FAILED else "Cancelled"
        reason = neutralise(view.reason or "no reason was recorded", limit=MAX_REASON_CHARS)
        lines += ["", f"**{word}:** {reason}"]
    return lines


def _warnings(warnings: Sequence[str]) -> list[str]:
    if not warnings:
        return []
    lines = ["", "**Warnings:**"]
    lines += [
        f"- {neutralise(warning, limit=MAX_WARNING_CHARS, one_line=True)}"
        for warning in warnings[:MAX_WARNINGS]
    ]
    if len(warnings) > MAX_WARNINGS:
        lines.append(f"- …and {len(warnings) - MAX_WARNINGS} more")
    return lines
