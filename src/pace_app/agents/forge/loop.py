"""FORGE: the tool-calling loop that implements one story in a worktree.

Each turn sends the conversation to the model and runs the tools it asks for: the file
tools on the worktree, ``run_build`` and ``run_tests`` through the sandbox runner, and
``complete_handoff``, which ends the loop. A refused or failing tool call goes back to
the model as an error result; it never ends the run. The loop also ends when the turn
limit is reached, when the budget is spent, or when the model keeps answering with text
alone. The conversation only grows, so the provider's prompt cache serves every turn,
until it passes a size threshold and is compacted once (see ``context``). See
docs/agents.md and docs/llm.md.
"""

from __future__ import annotations

import logging
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import anyio

from pace_app.agents.forge.context import ContextPolicy, compact, needs_compaction
from pace_app.agents.forge.instructions import PRODUCT_DESCRIPTION, select_instructions
from pace_app.agents.forge.progress import ProgressHook, TurnProgress
from pace_app.agents.forge.prompt import FIRST_MESSAGE, build_system_prompt
from pace_app.agents.forge.test_log import summarise_test_log
from pace_app.agents.forge.tool_specs import CompleteHandoffInput, RunTestsInput, parse_tool_input
from pace_app.agents.forge.tools import FILE_TOOL_NAMES, TOOL_SPECS, FileTools
from pace_app.agents.paths import Worktree
from pace_app.agents.text import omission_marker, truncate_middle
from pace_app.config.repo import RepoConfig
from pace_app.domain.story import Story
from pace_app.errors import BudgetExceeded, SandboxError, ToolError
from pace_app.llm.provider import (
    Message,
    ModelProvider,
    StepResult,
    TextBlock,
    ToolResult,
    ToolSpec,
    ToolUse,
)
from pace_app.sandbox import CommandResult, SandboxRunner

logger = logging.getLogger(__name__)

StopReason = Literal["handoff", "max_turns", "budget", "no_tool_use"]

ENGINEERING_CONTEXT_PATH = ".pace/context/engineering.md"
MAX_TOOL_OUTPUT_CHARS = 20_000
# A build or test log is bounded tighter: it is re-read on every later turn.
MAX_COMMAND_OUTPUT_CHARS = 12_000
# Of a long build or test log, the end (failures, the summary) matters most.
COMMAND_HEAD_SHARE = 5
MAX_TRANSCRIPT_CHARS = 4_000
MAX_ENGINEERING_BYTES = 512 * 1024
NUDGE = "Use the tools; finish with complete_handoff."
EMPTY_ANSWER = "(empty answer)"

FORGE_TOOLS: tuple[ToolSpec, ...] = tuple(
    ToolSpec(spec.name, spec.description, spec.to_api()["input_schema"]) for spec in TOOL_SPECS
)


@dataclass(frozen=True)
class Handoff:
    """What FORGE says it did, from its ``complete_handoff`` call."""

    summary: str
    files_changed: tuple[str, ...] = ()
    tests_added: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()


@dataclass(frozen=True)
class ForgeOutcome:
    """How a FORGE run ended and what it left behind.

    ``files_changed`` are the paths the file tools actually wrote or edited, whatever
    the handoff claims; ``last_test_result`` is the last ``run_tests`` run, if any.
    """

    stop_reason: StopReason
    handoff: Handoff | None
    turns: int
    files_changed: tuple[str, ...]
    last_test_result: CommandResult | None
    transcript_summary: str
    instructions_used: tuple[str, ...] = ()
    compactions: int = 0
    refused_paths: tuple[str, ...] = ()  # protected files the file tools would not write


def load_engineering_context(worktree: Path) -> str | None:
    """Return ``.pace/context/engineering.md`` from the worktree, or None if absent."""
    try:
        real = Worktree(worktree).resolve(ENGINEERING_CONTEXT_PATH)
        if not real.is_file():
            return None
        with real.open("rb") as handle:
            data = handle.read(MAX_ENGINEERING_BYTES)
    except (ToolError, OSError):
        # A symlink leading out of the repository or an unreadable file: no notes.
        return None
    return data.decode("utf-8", errors="replace")


async def run_forge(
    *,
    provider: ModelProvider,
    model: str,
    worktree: Path,
    runner: SandboxRunner,
    config: RepoConfig,
    story: Story,
    engineering_context: str | None = None,
    feedback: str | None = None,
    max_turns: int,
    test_command: str | None,
    build_command: str | None,
    instructions: Sequence[tuple[str, str]] = (),
    context: ContextPolicy | None = None,
    on_turn: ProgressHook | None = None,
) -> ForgeOutcome:
    """Run the FORGE loop on ``worktree`` until a handoff or a limit, and say how it ended.

    ``engineering_context`` defaults to the worktree's ``.pace/context/engineering.md``.
    ``instructions`` are repository documents as ``(path, text)`` read from the base
    branch (``AGENTS.md``, ``CLAUDE.md``, ``.github/copilot-instructions.md``); the
    outcome's ``instructions_used`` names those that went into the prompt, with
    ``product.description`` of ``pace.config.yaml`` when it has one. ``context`` sets
    when the conversation is compacted. ``on_turn`` is awaited after every model turn
    (the handoff's included) with a ``TurnProgress``. Model failures other than the
    budget (``ModelError``), failures of ``on_turn`` and cancellation propagate.
    """
    if max_turns < 1:
        raise ValueError("max_turns must be at least 1")
    if engineering_context is None:
        engineering_context = await anyio.to_thread.run_sync(load_engineering_context, worktree)
    documents = select_instructions(instructions)
    system = build_system_prompt(
        config,
        story,
        engineering_context=engineering_context,
        feedback=feedback,
        instructions=documents,
    )
    used = tuple(document.path for document in documents)
    if config.product.description and config.product.description.strip():
        used += (PRODUCT_DESCRIPTION,)
    policy = context or ContextPolicy()
    session = _Session(worktree, runner, test_command=test_command, build_command=build_command)
    messages: list[Message] = [Message.user(FIRST_MESSAGE)]
    compactions = 0
    turns = 0
    nudged = False
    stop: StopReason = "max_turns"
    while turns < max_turns:
        try:
            result = await provider.step(
                model=model,
                system=system,
                tools=FORGE_TOOLS,
                messages=messages,
                last=turns + 1 == max_turns,
            )
        except BudgetExceeded:
            stop = "budget"
            break
        turns += 1
        messages.append(_assistant_turn(result))
        answers = await session.answer(turns, result.tool_uses) if result.tool_uses else []
        if on_turn is not None:
            await on_turn(
                TurnProgress(
                    turn=turns,
                    max_turns=max_turns,
                    tools=tuple(use.name for use in result.tool_uses[: len(answers)]),
                    files=session.files.changed_paths,
                )
            )
        if not result.tool_uses:
            if nudged:
                stop = "no_tool_use"
                break
            nudged = True
            session.note(turns, "(text only; nudged to use the tools)")
            messages.append(Message.user(NUDGE))
            continue
        nudged = False
        if session.handoff is not None:
            stop = "handoff"
            break
        messages.append(Message.user(*answers))
        if needs_compaction(messages, policy):
            messages = await anyio.to_thread.run_sync(compact, messages, session.view, policy)
            compactions += 1
            logger.info(
                "forge compacted its conversation",
                extra={"agent": "forge", "turns": turns, "messages": len(messages)},
            )
    outcome = ForgeOutcome(
        stop_reason=stop,
        handoff=session.handoff,
        turns=turns,
        files_changed=session.files.changed_paths,
        refused_paths=session.files.refused_paths,
        last_test_result=session.last_test_result,
        transcript_summary=session.transcript(stop, turns),
        instructions_used=used,
        compactions=compactions,
    )
    logger.info(
        "forge finished",
        extra={
            "agent": "forge",
            "stop_reason": stop,
            "turns": turns,
            "files_changed": len(outcome.files_changed),
            "compactions": compactions,
        },
    )
    return outcome


class _Session:
    """The tools of one run and what they did."""

    def __init__(
        self,
        worktree: Path,
        runner: SandboxRunner,
        *,
        test_command: str | None,
        build_command: str | None,
    ) -> None:
        self.worktree = worktree
        self.files = FileTools(worktree, extra_protected=runner.policy.protected_paths)
        self.runner = runner
        self.test_command = test_command
        self.build_command = build_command
        self.handoff: Handoff | None = None
        self.last_test_result: CommandResult | None = None
        self._log: list[str] = []

    async def answer(self, turn: int, uses: Sequence[ToolUse]) -> list[ToolResult]:
        """Run the calls in order, stopping after a valid handoff."""
        results: list[ToolResult] = []
        for use in uses:
            result = await self.execute(use)
            results.append(result)
            self.note(turn, _describe_call(use) + (" (error)" if result.is_error else ""))
            if self.handoff is not None:
                break
        return results

    async def execute(self, use: ToolUse) -> ToolResult:
        """Run one tool call and return its result; a refusal is an error result."""
        try:
            content = await self._dispatch(use)
        except (ToolError, SandboxError) as exc:
            logger.debug("forge tool refused", extra={"agent": "forge", "tool": use.name[:100]})
            return ToolResult(use.id, truncate_middle(str(exc), MAX_TOOL_OUTPUT_CHARS), True)
        return ToolResult(use.id, content)

    def view(self, path: str) -> str | None:
        """Return the current text of a file as a read shows it, or None if unreadable."""
        try:
            return self.files.read_file(path)
        except ToolError:
            return None

    def note(self, turn: int, text: str) -> None:
        """Add a line to the transcript summary."""
        self._log.append(f"{turn}. {text}")

    def transcript(self, stop: StopReason, turns: int) -> str:
        """Return the run's tool calls, one line each, bounded."""
        header = f"FORGE stopped ({stop}) after {turns} turn{'s' if turns != 1 else ''}."
        return truncate_middle("\n".join([header, *self._log]), MAX_TRANSCRIPT_CHARS)

    async def _dispatch(self, use: ToolUse) -> str:
        if use.name in FILE_TOOL_NAMES:
            output = await anyio.to_thread.run_sync(self.files.call, use.name, use.input)
            return truncate_middle(output, MAX_TOOL_OUTPUT_CHARS)
        request = parse_tool_input(use.name, use.input)
        if isinstance(request, CompleteHandoffInput):
            self.handoff = Handoff(
                summary=request.summary,
                files_changed=request.files_changed,
                tests_added=request.tests_added,
                risks=request.risks,
            )
            return "handoff received"
        if isinstance(request, RunTestsInput):
            command = _configured(self.test_command, "test", "tech.test_command")
            if request.args:
                command += " " + shlex.join(request.args)
            result = await self.runner.run(command, cwd=self.worktree)
            self.last_test_result = result
            return command_report(result, MAX_COMMAND_OUTPUT_CHARS, summarise=True)
        command = _configured(self.build_command, "build", "tech.build_command")
        return command_report(
            await self.runner.run(command, cwd=self.worktree), MAX_COMMAND_OUTPUT_CHARS
        )


def _configured(command: str | None, kind: str, key: str) -> str:
    if command is None or not command.strip():
        raise ToolError(
            f"no {kind} command is configured for this repository ({key} in "
            "pace.config.yaml), so it cannot be run; carry on without it"
        )
    return command


def command_report(result: CommandResult, limit: int, *, summarise: bool = False) -> str:
    """Phrase a build or test run for the model, keeping the end of long output.

    With ``summarise``, a pytest or unittest log is cut to its failures and totals first
    (see ``test_log``).
    """
    if result.timed_out:
        status = "the command timed out and was stopped"
    else:
        status = f"exit code {result.exit_code}" + (" (passed)" if result.succeeded else "")
    header = f"$ {result.command}\n{status}"
    if result.truncated:
        header += "\n[the sandbox kept only part of the output]"
    output = result.output.rstrip("\n") or "(no output)"
    if summarise:
        output = summarise_test_log(output) or output
    return header + "\n\n" + keep_tail(output, max(0, limit - len(header) - 2))


def keep_tail(text: str, limit: int) -> str:
    """Return ``text`` within ``limit`` characters: a short head, a marker, a long tail."""
    if len(text) <= limit:
        return text
    head = text[: limit // COMMAND_HEAD_SHARE]
    # The marker is sized for the largest count it could print, so the sum fits.
    tail_chars = limit - len(head) - len(omission_marker(len(text)))
    if tail_chars <= 0:
        return text[len(text) - limit :]
    omitted = len(text) - len(head) - tail_chars
    return head + omission_marker(omitted) + text[-tail_chars:]


def _assistant_turn(result: StepResult) -> Message:
    # The API refuses an empty assistant turn; an empty answer still has to be kept.
    if not result.content:
        return Message.assistant(TextBlock(EMPTY_ANSWER))
    return result.as_message()


def _describe_call(use: ToolUse) -> str:
    argument = use.input.get("path") or use.input.get("pattern") or use.input.get("args")
    if isinstance(argument, str) and argument:
        return f"{use.name[:100]} {argument[:200]}"
    return use.name[:100]
