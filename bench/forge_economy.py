"""Measure what FORGE's context policy saves: billed-equivalent input tokens per call.

Three scripted sessions (``forge_shop.py``, ``forge_sessions.py``) run twice each
against the fake Messages API, which accounts prompt caching the way Anthropic
documents it (``tests/fakes/fake_model_cache.py``):

- through FORGE itself: the real loop (``run_forge``), the real ``anthropic`` SDK over
  loopback HTTP, the real file tools and sandbox runner on a scratch worktree;
- through a naive loop replaying the same model turns with the same tools and system
  prompt: full history, no cache marks, and plain tool answers (whole-file reads up to
  2000 lines whatever range was asked, raw command logs up to 20,000 characters, a
  one-line answer to an edit).

Billed-equivalent tokens = input + 1.25 x cache writes + 0.1 x cache reads, the
input side of the bill in units of the uncached input price. The script asserts that
every FORGE session ends in a handoff with passing tests, and that before every edit
the request shows the model the current text of the lines it replaces, numbered as
the file is at that moment.

    uv run python bench/forge_economy.py [--quiet]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anthropic

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.forge_sessions import ALL_FILES_FIT, LONG_LOGS, Session
from bench.forge_shop import SMALL_PACKAGE
from tests.fakes.fake_model import FakeModel
from tests.fakes.servers import serve

from pace_app.agents.forge.context import ContextPolicy
from pace_app.agents.forge.loop import FORGE_TOOLS, command_report, run_forge
from pace_app.agents.forge.prompt import FIRST_MESSAGE, build_system_prompt
from pace_app.agents.forge.tools import FileTools
from pace_app.agents.forge.views import row
from pace_app.llm.anthropic_provider import AnthropicProvider
from pace_app.sandbox import SandboxPolicy, SandboxRunner

MODEL = "claude-sonnet-4-6"
API_KEY = "sk-ant-bench"
NAIVE_READ_LINES = 2000
NAIVE_OUTPUT_CHARS = 20_000
SESSIONS = (SMALL_PACKAGE, LONG_LOGS, ALL_FILES_FIT)


@dataclass(frozen=True)
class Measure:
    """The billed-equivalent input tokens of each call of one run."""

    billed: tuple[float, ...]
    compactions: int = 0

    @property
    def total(self) -> float:
        return sum(self.billed)


def billed(usage: dict[str, Any]) -> float:
    """Return input + 1.25 x cache writes + 0.1 x cache reads."""
    return float(
        usage["input_tokens"]
        + 1.25 * usage["cache_creation_input_tokens"]
        + 0.1 * usage["cache_read_input_tokens"]
    )


def seed(root: Path, session: Session) -> Path:
    """Write the session's project into a fresh worktree."""
    worktree = root / "worktree"
    for path, text in session.files.items():
        target = worktree / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    if session.python_env:
        (worktree / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    return worktree


def runner_for(worktree: Path) -> SandboxRunner:
    return SandboxRunner(worktree.parent, SandboxPolicy(mode="off", timeout=120))


async def run_through_forge(
    session: Session, scratch: Path, policy: ContextPolicy | None = None
) -> Measure:
    """Run the session through FORGE and check what the model saw before each edit."""
    worktree = seed(scratch / "forge", session)
    fake = FakeModel(session.turns(), api_key=API_KEY)
    with serve(fake.app) as url:
        provider = AnthropicProvider(api_key=API_KEY, base_url=url, max_retries=0)
        try:
            outcome = await run_forge(
                provider=provider,
                model=MODEL,
                worktree=worktree,
                runner=runner_for(worktree),
                config=session.config,
                story=session.story,
                engineering_context="",
                max_turns=len(session.script) + 1,
                test_command=session.test_command,
                build_command=None,
                context=policy,
            )
        finally:
            await provider.aclose()
    assert fake.rejections == [], fake.rejections
    assert outcome.stop_reason == "handoff", outcome.transcript_summary
    assert outcome.last_test_result is not None
    assert outcome.last_test_result.succeeded, outcome.last_test_result.output[-2000:]
    assert_current_text_before_edits(session, fake.requests)
    return Measure(tuple(billed(usage) for usage in fake.usages), outcome.compactions)


async def run_naively(session: Session, scratch: Path) -> Measure:
    """Replay the session's turns with full history, no cache marks and plain answers."""
    worktree = seed(scratch / "naive", session)
    fake = FakeModel(session.turns(), api_key=API_KEY)
    files = FileTools(worktree)
    runner = runner_for(worktree)
    system = build_system_prompt(
        session.config, session.story, engineering_context="", feedback=None
    )
    tools = [
        {"name": t.name, "description": t.description, "input_schema": t.input_schema}
        for t in FORGE_TOOLS
    ]
    messages: list[dict[str, Any]] = [{"role": "user", "content": FIRST_MESSAGE}]
    with serve(fake.app) as url:
        client = anthropic.AsyncAnthropic(api_key=API_KEY, base_url=url, max_retries=0)
        try:
            done = False
            while not done:
                response = await client.messages.create(
                    model=MODEL,
                    max_tokens=8192,
                    system=system,
                    tools=tools,  # type: ignore[arg-type]
                    messages=messages,  # type: ignore[arg-type]
                )
                content = [block.model_dump(exclude_none=True) for block in response.content]
                messages.append({"role": "assistant", "content": content})
                answers = []
                for block in response.content:
                    if block.type != "tool_use":
                        continue
                    if block.name == "complete_handoff":
                        done = True
                        break
                    answer = await naive_answer(files, runner, session, block.name, block.input)
                    answers.append(
                        {"type": "tool_result", "tool_use_id": block.id, "content": answer}
                    )
                if not done:
                    messages.append({"role": "user", "content": answers})
        finally:
            await client.close()
    assert fake.rejections == [], fake.rejections
    return Measure(tuple(billed(usage) for usage in fake.usages))


async def naive_answer(
    files: FileTools, runner: SandboxRunner, session: Session, name: str, arguments: Any
) -> str:
    """Answer a tool call the way FORGE did before its file view."""
    if name in ("run_tests", "run_build"):
        assert session.test_command is not None
        result = await runner.run(session.test_command, cwd=files.worktree.root)
        return command_report(result, NAIVE_OUTPUT_CHARS)
    if name == "read_file":
        real = files.worktree.resolve(arguments["path"])
        lines = real.read_text(encoding="utf-8").splitlines()
        return "\n".join(row(n, line) for n, line in enumerate(lines[:NAIVE_READ_LINES], 1))
    answer = await asyncio.to_thread(files.call, name, arguments)
    if name == "edit_file":
        return f"edited {arguments['path']}"
    return answer


def assert_current_text_before_edits(session: Session, requests: Sequence[dict[str, Any]]) -> None:
    """Check that each edit's old lines were visible, numbered as the file then was."""
    shadow = dict(session.files)
    for number, (request, turn) in enumerate(zip(requests, session.script, strict=False), 1):
        for name, arguments in turn:
            path = str(arguments.get("path"))
            if name == "write_file":
                shadow[path] = arguments["content"]
            if name != "edit_file":
                continue
            before = shadow[path]
            start = before.index(arguments["old_text"])
            first = before.count("\n", 0, start) + 1
            last = before.count("\n", 0, start + len(arguments["old_text"]) - 1) + 1
            lines = before.splitlines()
            seen = visible_text(request, path)
            for line in range(first, last + 1):
                wanted = row(line, lines[line - 1])
                assert wanted in seen, (
                    f"{session.name}, call {number}: the model is about to edit {path} "
                    f"without seeing line {line} as it now is: {wanted!r}"
                )
            shadow[path] = before.replace(arguments["old_text"], arguments["new_text"], 1)


def visible_text(request: dict[str, Any], path: str) -> str:
    """Return what a request shows of ``path``: its tool results and any compaction record."""
    paths: dict[str, str] = {}
    texts: list[str] = []
    for message in request["messages"]:
        for block in message["content"]:
            if block["type"] == "tool_use":
                paths[block["id"]] = str(block["input"].get("path", "")).removeprefix("./")
            elif block["type"] == "tool_result" and paths.get(block["tool_use_id"]) == path:
                texts.append(block["content"])
            elif block["type"] == "text" and block["text"].startswith("[Record of"):
                texts.append(block["text"])
    return "\n".join(texts)


async def measure(session: Session, *, quiet: bool, policy: ContextPolicy | None) -> float:
    """Run one session both ways, print the calls, and return FORGE / naive."""
    with tempfile.TemporaryDirectory(prefix="pace-bench-") as scratch:
        forge = await run_through_forge(session, Path(scratch), policy)
        naive = await run_naively(session, Path(scratch))
        shutil.rmtree(scratch, ignore_errors=True)
    ratio = forge.total / naive.total
    print(f"\n{session.name}: {len(session.script)} turns, {forge.compactions} compaction(s)")
    if not quiet:
        print(f"{'call':>4} {'naive':>10} {'FORGE':>10}")
        for call, (n, f) in enumerate(zip(naive.billed, forge.billed, strict=True), 1):
            print(f"{call:>4} {n:>10,.0f} {f:>10,.0f}")
    print(f"{'sum':>4} {naive.total:>10,.0f} {forge.total:>10,.0f}   FORGE / naive = {ratio:.3f}")
    return ratio


async def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="print the sums only")
    parser.add_argument(
        "--compact-at",
        type=int,
        metavar="TOKENS",
        help="compact past this many estimated tokens (default: FORGE's own threshold)",
    )
    args = parser.parse_args(argv)
    policy = None if args.compact_at is None else ContextPolicy(max_tokens=args.compact_at)
    ratios = {
        session.name: await measure(session, quiet=args.quiet, policy=policy)
        for session in SESSIONS
    }
    print("\n" + json.dumps({name: round(value, 3) for name, value in ratios.items()}))


if __name__ == "__main__":
    asyncio.run(main())
