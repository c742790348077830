"""Keep FORGE's conversation lean: drop stale reads, collapse repeats, bound its length.

Pure functions over the message list. Each returns a new list and never breaks the
pairing the Messages API insists on: every assistant ``ToolUse`` is answered by a
``ToolResult`` with the same id in the very next (user) message, and roles alternate
from a user turn. Results are rewritten in place (the id stays); whole turns are only
dropped in assistant-and-answer pairs.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pace_app.agents.text import truncate_middle
from pace_app.llm.provider import ContentBlock, Message, TextBlock, ToolResult, ToolUse

WRITING_TOOLS = frozenset({"write_file", "edit_file"})
# Below this a repeated result costs less than the note that would replace it.
MIN_COLLAPSE_CHARS = 200
MAX_MESSAGES = 48
KEEP_MESSAGES = 24
MAX_CONTEXT_CHARS = 400_000
MAX_NOTE_CHARS = 4_000
OMITTED_PREFIX = "[Earlier turns were omitted to keep the conversation short."


@dataclass(frozen=True, slots=True)
class _Call:
    """One tool call and where its result sits."""

    use: ToolUse
    result_index: int  # index of the user message answering it
    result: ToolResult | None


def stale_read_note(path: str) -> str:
    """Return the note standing for a read of ``path`` that a later change made stale."""
    return f"[earlier content of {path} omitted: the file was changed afterwards]"


def repeat_note(name: str) -> str:
    """Return the note standing for a result identical to a later one."""
    return f"[output omitted: identical to the result of a later {name} call]"


def lean_conversation(
    messages: Sequence[Message],
    *,
    max_messages: int = MAX_MESSAGES,
    keep_messages: int = KEEP_MESSAGES,
    max_chars: int = MAX_CONTEXT_CHARS,
) -> list[Message]:
    """Apply every trimming rule, in the order that removes the most first."""
    trimmed = omit_stale_reads(messages)
    trimmed = collapse_repeats(trimmed)
    return bound_conversation(
        trimmed, max_messages=max_messages, keep_messages=keep_messages, max_chars=max_chars
    )


def omit_stale_reads(messages: Sequence[Message]) -> list[Message]:
    """Replace ``read_file`` results for paths successfully changed later by a note."""
    calls = _calls(messages)
    changed_after: dict[str, int] = {}  # path -> index of its last successful change
    for call in calls:
        path = _path_of(call.use)
        if call.use.name in WRITING_TOOLS and path and _succeeded(call):
            changed_after[path] = call.result_index
    notes: dict[str, str] = {}
    for call in calls:
        path = _path_of(call.use)
        if (
            call.use.name == "read_file"
            and path in changed_after
            and call.result_index < changed_after[path]
            and _succeeded(call)
        ):
            notes[call.use.id] = stale_read_note(path)
    return _rewrite_results(messages, notes)


def collapse_repeats(messages: Sequence[Message]) -> list[Message]:
    """Replace a long tool result by a note when a later call of that tool said the same."""
    calls = _calls(messages)
    seen: set[tuple[str, str]] = set()
    notes: dict[str, str] = {}
    for call in reversed(calls):
        if call.result is None or len(call.result.content) < MIN_COLLAPSE_CHARS:
            continue
        key = (call.use.name, call.result.content)
        if key in seen:
            notes[call.use.id] = repeat_note(call.use.name)
        seen.add(key)
    return _rewrite_results(messages, notes)


def bound_conversation(
    messages: Sequence[Message],
    *,
    max_messages: int = MAX_MESSAGES,
    keep_messages: int = KEEP_MESSAGES,
    max_chars: int = MAX_CONTEXT_CHARS,
) -> list[Message]:
    """Keep the first message and the latest turns once the conversation is too long.

    Trimming goes down to ``keep_messages`` rather than just under the limit, so the
    kept prefix stays the same (and cached) for many turns. The dropped turns become
    a short list of the tool calls they made, appended to the first message.
    """
    if keep_messages < 2 or max_messages < keep_messages:
        raise ValueError("need 2 <= keep_messages <= max_messages")
    if len(messages) <= max_messages and _chars(messages) <= max_chars:
        return list(messages)
    # The kept tail starts at an assistant turn (odd index) so pairs stay whole.
    start = max(1, len(messages) - keep_messages)
    if start % 2 == 0:
        start += 1
    # Too many characters even so: drop more pairs, keeping at least the latest one.
    while start + 2 < len(messages) and _chars(messages[:1]) + _chars(messages[start:]) > max_chars:
        start += 2
    if start == 1 or start >= len(messages):
        return list(messages)
    dropped = messages[1:start]
    first = _with_note(messages[0], _summary(dropped))
    return [first, *messages[start:]]


def _calls(messages: Sequence[Message]) -> list[_Call]:
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
                calls.append(_Call(block, index + 1, results.get(block.id)))
    return calls


def _path_of(use: ToolUse) -> str | None:
    path = use.input.get("path")
    if not isinstance(path, str) or not path.strip():
        return None
    return posixpath.normpath(path.strip())


def _succeeded(call: _Call) -> bool:
    return call.result is not None and not call.result.is_error


def _rewrite_results(messages: Sequence[Message], notes: dict[str, str]) -> list[Message]:
    if not notes:
        return list(messages)
    rewritten: list[Message] = []
    for message in messages:
        if message.role == "user" and any(
            isinstance(b, ToolResult) and b.tool_use_id in notes for b in message.content
        ):
            content = tuple(
                replace(b, content=notes[b.tool_use_id])
                if isinstance(b, ToolResult) and b.tool_use_id in notes
                else b
                for b in message.content
            )
            message = Message(message.role, content)
        rewritten.append(message)
    return rewritten


def _chars(messages: Sequence[Message]) -> int:
    return sum(_block_chars(block) for message in messages for block in message.content)


def _block_chars(block: ContentBlock) -> int:
    if isinstance(block, TextBlock):
        return len(block.text)
    if isinstance(block, ToolResult):
        return len(block.content)
    return len(block.name) + len(str(block.input))


def _summary(dropped: Sequence[Message]) -> list[str]:
    """Return one line per tool call made in the dropped turns."""
    lines: list[str] = []
    for call in _calls(dropped):
        argument = _path_of(call.use) or call.use.input.get("pattern") or ""
        line = f"- {call.use.name}" + (f" {str(argument)[:200]}" if argument else "")
        if call.result is not None and call.result.is_error:
            line += " (error)"
        lines.append(line)
    return lines or ["- (no tool calls)"]


def _with_note(first: Message, lines: list[str]) -> Message:
    """Append the dropped calls to the first message's note, creating it if needed."""
    content = list(first.content)
    previous: list[str] = []
    last = content[-1] if content else None
    if isinstance(last, TextBlock) and last.text.startswith(OMITTED_PREFIX):
        content.pop()
        previous = last.text.splitlines()[1:]
    note = "\n".join(
        [
            f"{OMITTED_PREFIX} Tool calls made in them, oldest first; the files are as "
            "those calls left them, so read a file again before relying on it:]",
            *previous,
            *lines,
        ]
    )
    content.append(TextBlock(truncate_middle(note, MAX_NOTE_CHARS)))
    return Message(first.role, tuple(content))
