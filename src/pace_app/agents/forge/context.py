"""Keep FORGE's conversation cache-friendly: append only, compact rarely and wholly.

The model provider caches the prompt prefix, so a turn pays full price only for what
is new, and a rewrite of any earlier block makes everything after it new again. So
the conversation is never trimmed turn by turn. Once it passes a size threshold, one
compaction replaces the whole span of old turns (all but the latest few) by a compact
record appended to the first message: the tool calls made, what the model noted, the
last test run, and the files as the model needs them (the last read of a file that has
not changed since, verbatim; the current text of a file that was written or edited).
The conversation then grows by appending again, so the cache breaks once per
compaction.

Pure functions over the message list, apart from ``view``, the caller's way to show
a file's current text. Every assistant ``ToolUse`` stays answered by a ``ToolResult``
in the next message, and roles still alternate from a user turn.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pace_app.agents.text import truncate_middle
from pace_app.llm.provider import ContentBlock, Message, TextBlock, ToolResult, ToolUse

RECORD_PREFIX = "[Record of earlier turns,"
FILES_HEADER = "Files as you left them"
WRITING_TOOLS = frozenset({"write_file", "edit_file"})
COMMAND_TOOLS = frozenset({"run_tests", "run_build"})
MAX_NOTE_CHARS = 400
MAX_HISTORY_CHARS = 8_000
MAX_TEST_TAIL_LINES = 30
CHARS_PER_TOKEN = 4
# A history line naming a file an earlier span read or changed without error.
_FILE_LINE = re.compile(r"- (?:read_file|write_file|edit_file) (\S+)")


@dataclass(frozen=True, slots=True)
class ContextPolicy:
    """When to compact and how much to keep.

    ``max_tokens`` is the estimated size of the messages (not counting the system
    prompt and tools) past which the next turn compacts; ``keep_turns`` is how many of
    the latest assistant-and-answer pairs stay verbatim; ``max_file_chars`` bounds the
    file text the record carries.
    """

    max_tokens: int = 32_000
    keep_turns: int = 2
    max_file_chars: int = 32_000

    def __post_init__(self) -> None:
        if self.keep_turns < 1 or self.max_tokens < 1 or self.max_file_chars < 0:
            raise ValueError("need keep_turns >= 1, max_tokens >= 1, max_file_chars >= 0")


@dataclass(frozen=True, slots=True)
class _Call:
    """One tool call and the result that answered it."""

    use: ToolUse
    result: ToolResult | None

    @property
    def ok(self) -> bool:
        return self.result is not None and not self.result.is_error

    @property
    def path(self) -> str | None:
        return path_of(self.use)


View = Callable[[str], str | None]


def estimate_tokens(messages: Sequence[Message]) -> int:
    """Return a rough token count of the messages: a quarter of their characters."""
    chars = sum(_block_chars(block) for message in messages for block in message.content)
    return chars // CHARS_PER_TOKEN


def needs_compaction(messages: Sequence[Message], policy: ContextPolicy) -> bool:
    """Say whether the conversation is past the threshold with enough old turns to compact.

    The span must hold at least a quarter of the threshold: when the kept turns alone
    are that large, compacting a few small turns would break the cache for nothing,
    and would do it again on the next turn.
    """
    start = _tail_start(messages, policy.keep_turns)
    return (
        start > 1
        and estimate_tokens(messages) > policy.max_tokens
        and estimate_tokens(messages[1:start]) >= policy.max_tokens // 4
    )


def compact(messages: Sequence[Message], view: View, policy: ContextPolicy) -> list[Message]:
    """Replace every turn but the first message and the latest ``keep_turns`` by a record."""
    start = _tail_start(messages, policy.keep_turns)
    if start <= 1:
        return list(messages)
    first, span, tail = messages[0], messages[1:start], messages[start:]
    content = list(first.content)
    earlier: list[str] = []
    last = content[-1] if content else None
    if isinstance(last, TextBlock) and last.text.startswith(RECORD_PREFIX):
        content.pop()
        earlier = _history_of(last.text)
    record = build_record(span, tail, view, policy, earlier=earlier)
    return [Message(first.role, (*content, TextBlock(record))), *tail]


def build_record(
    span: Sequence[Message],
    tail: Sequence[Message],
    view: View,
    policy: ContextPolicy,
    *,
    earlier: Sequence[str] = (),
) -> str:
    """Return the text standing for the turns of ``span``."""
    calls = calls_in(span)
    history = [*earlier, *(_call_line(call) for call in calls)]
    history += [
        f"- you noted: {truncate_middle(' '.join(block.text.split()), MAX_NOTE_CHARS)}"
        for message in span
        if message.role == "assistant"
        for block in message.content
        if isinstance(block, TextBlock) and block.text.strip()
    ]
    lines = [
        f"{RECORD_PREFIX} which were removed to keep the conversation short. It stands for "
        "them: what you did, oldest first, then the files as you left them.]",
        truncate_middle("\n".join(history) or "- (no tool calls)", MAX_HISTORY_CHARS),
    ]
    tests = _last_test_run(calls, calls_in(tail))
    if tests:
        lines += ["", "The last test run in those turns ended:", tests]
    earlier_paths = [m.group(1) for line in earlier if (m := _FILE_LINE.fullmatch(line))]
    files = _file_views(calls, calls_in(tail), view, policy.max_file_chars, earlier_paths)
    if files:
        lines += ["", f"{FILES_HEADER} (read them again only for other parts):", *files]
    return "\n".join(lines)


def calls_in(messages: Sequence[Message]) -> list[_Call]:
    """Return every tool call in order with the result that answers it."""
    calls: list[_Call] = []
    for index, message in enumerate(messages):
        if message.role != "assistant":
            continue
        answer = messages[index + 1] if index + 1 < len(messages) else None
        results = {
            block.tool_use_id: block
            for block in (answer.content if answer is not None else ())
            if isinstance(block, ToolResult)
        }
        for block in message.content:
            if isinstance(block, ToolUse):
                calls.append(_Call(block, results.get(block.id)))
    return calls


def path_of(use: ToolUse) -> str | None:
    """Return the normalised ``path`` input of a call, if it has one."""
    path = use.input.get("path")
    if not isinstance(path, str) or not path.strip():
        return None
    return posixpath.normpath(path.strip())


def _tail_start(messages: Sequence[Message], keep_turns: int) -> int:
    # The kept tail starts at an assistant turn (odd index), so pairs stay whole.
    start = len(messages) - 2 * keep_turns
    if start % 2 == 0:
        start -= 1
    return max(1, start)


def _history_of(record: str) -> list[str]:
    """Return the history lines of an earlier record (its files are shown afresh)."""
    body = record.split("\n", 1)[1] if "\n" in record else ""
    history = body.split("\n\n", 1)[0]
    return [line for line in history.splitlines() if line.strip()]


def _call_line(call: _Call) -> str:
    name = call.use.name[:100]
    argument = call.path or call.use.input.get("pattern") or ""
    line = f"- {name}" + (f" {str(argument)[:200]}" if argument else "")
    if call.result is None:
        return line + " (not answered)"
    if call.result.is_error:
        return line + f" (error: {truncate_middle(call.result.content, 200)})"
    if name in COMMAND_TOOLS:
        status = call.result.content.split("\n")[1:2]
        return line + (f": {status[0]}" if status else "")
    if name == "search_code":
        found = call.result.content.splitlines()
        count = 0 if found[:1] == ["no matches"] else sum(1 for f in found if ":" in f)
        return line + f": {count} matching lines"
    return line


def _last_test_run(span: Sequence[_Call], tail: Sequence[_Call]) -> str | None:
    if any(call.use.name == "run_tests" for call in tail):
        return None  # the tail shows a later one in full
    runs = [call for call in span if call.use.name == "run_tests" and call.result is not None]
    if not runs:
        return None
    assert runs[-1].result is not None
    output = runs[-1].result.content.splitlines()
    if len(output) <= MAX_TEST_TAIL_LINES + 2:
        return "\n".join(output)
    return "\n".join([*output[:2], "[…]", *output[-MAX_TEST_TAIL_LINES:]])


def _file_views(
    span: Sequence[_Call],
    tail: Sequence[_Call],
    view: View,
    budget: int,
    earlier: Sequence[str] = (),
) -> list[str]:
    """Return the views the model needs of each file the span (or an earlier one) touched."""
    everything = [*span, *tail]
    paths: list[str] = []
    for path in earlier:
        if path not in paths:
            paths.append(path)
    for call in span:
        named = call.ok and call.path and call.use.name in {"read_file", *WRITING_TOOLS}
        if named and call.path not in paths:
            paths.append(str(call.path))
    shown: list[str] = []
    left_out: list[str] = []
    used = 0
    for path in paths:
        if _shown_later(path, tail):
            continue
        texts = _views_of(path, span, everything, view)
        size = sum(len(text) for text in texts)
        if not texts or used + size > budget:
            if texts:
                left_out.append(path)
            continue
        used += size
        shown += texts
    if left_out:
        shown.append(
            "Not shown for lack of room (read again before editing): " + ", ".join(left_out)
        )
    return shown


def _shown_later(path: str, tail: Sequence[_Call]) -> bool:
    # A read or a write in the kept turns is newer than anything the record could show.
    return any(
        call.ok and call.path == path and call.use.name in {"read_file", "write_file"}
        for call in tail
    )


def _views_of(
    path: str, span: Sequence[_Call], everything: Sequence[_Call], view: View
) -> list[str]:
    changes = [
        index
        for index, call in enumerate(everything)
        if call.ok and call.path == path and call.use.name in WRITING_TOOLS
    ]
    last_change = changes[-1] if changes else -1
    reads = [
        call
        for index, call in enumerate(span)
        if call.ok and call.path == path and call.use.name == "read_file" and index > last_change
    ]
    if reads:
        # Unchanged since: the reads themselves, each window once, latest kept.
        windows: dict[str, str] = {}
        for call in reads:
            assert call.result is not None
            key = json.dumps(
                [call.use.input.get("start_line"), call.use.input.get("end_line")], default=str
            )
            windows.pop(key, None)
            windows[key] = call.result.content
        return list(windows.values())
    current = view(path)
    return [current] if current is not None else [f"{path}: (no longer exists)"]


def _block_chars(block: ContentBlock) -> int:
    if isinstance(block, TextBlock):
        return len(block.text)
    if isinstance(block, ToolResult):
        return len(block.content)
    return len(block.name) + len(json.dumps(block.input, default=str))
