"""Trimming FORGE's conversation: stale reads, repeated results, bounded length."""

from __future__ import annotations

import pytest

from pace_app.agents.forge.context import (
    MIN_COLLAPSE_CHARS,
    OMITTED_PREFIX,
    bound_conversation,
    collapse_repeats,
    lean_conversation,
    omit_stale_reads,
    repeat_note,
    stale_read_note,
)
from pace_app.llm.anthropic_provider import messages_param
from pace_app.llm.provider import Message, TextBlock, ToolResult, ToolUse
from pace_app.types import JSONObject
from tests.fakes.fake_model_checks import check_request

FIRST = Message.user("Implement the story.")
LONG = "pytest output\n" * 40


def turn(
    number: int, name: str, input: JSONObject, result: str, *, error: bool = False
) -> list[Message]:
    """Return one assistant call and the user message answering it."""
    use_id = f"toolu_{number}"
    return [
        Message.assistant(ToolUse(use_id, name, input)),
        Message.user(ToolResult(use_id, result, error)),
    ]


def conversation(*turns: list[Message]) -> list[Message]:
    """Return the first message followed by the given turns."""
    return [FIRST, *(message for pair in turns for message in pair)]


def result_texts(messages: list[Message]) -> list[str]:
    """Return every tool result's content, in order."""
    return [
        block.content
        for message in messages
        for block in message.content
        if isinstance(block, ToolResult)
    ]


def last_text(message: Message) -> str:
    """Return the text of a message's last block, which must be text."""
    block = message.content[-1]
    assert isinstance(block, TextBlock)
    return block.text


def assert_valid_for_the_api(messages: list[Message]) -> None:
    """Check the conversation, as the provider would send it, the way the API does."""
    body = {"model": "claude-sonnet-4-6", "max_tokens": 10, "messages": messages_param(messages)}
    check_request(body)


def test_a_read_before_a_successful_change_is_replaced_by_a_note() -> None:
    messages = conversation(
        turn(1, "read_file", {"path": "src/app.py"}, "1\told"),
        turn(2, "read_file", {"path": "other.py"}, "1\tother"),
        turn(
            3, "edit_file", {"path": "./src/app.py", "old_text": "old", "new_text": "new"}, "edited"
        ),
        turn(4, "read_file", {"path": "src/app.py"}, "1\tnew"),
    )
    trimmed = omit_stale_reads(messages)
    assert result_texts(trimmed) == [stale_read_note("src/app.py"), "1\tother", "edited", "1\tnew"]
    assert [m.content[0] for m in trimmed[1::2]] == [m.content[0] for m in messages[1::2]]
    assert_valid_for_the_api(trimmed)


def test_a_failed_change_or_a_failed_read_leaves_reads_alone() -> None:
    messages = conversation(
        turn(1, "read_file", {"path": "a.py"}, "1\ta"),
        turn(2, "read_file", {"path": "b.py"}, "no such file", error=True),
        turn(3, "write_file", {"path": "a.py", "content": "x"}, "too large", error=True),
        turn(4, "write_file", {"path": "b.py", "content": "x"}, "created"),
        turn(5, "write_file", {"path": ""}, "bad path", error=True),
    )
    assert omit_stale_reads(messages) == messages


def test_only_the_latest_of_identical_long_results_is_kept() -> None:
    messages = conversation(
        turn(1, "run_tests", {}, LONG),
        turn(2, "run_build", {}, LONG),
        turn(3, "run_tests", {}, "short"),
        turn(4, "run_tests", {}, "short"),
        turn(5, "run_tests", {}, LONG),
    )
    trimmed = collapse_repeats(messages)
    assert result_texts(trimmed) == [repeat_note("run_tests"), LONG, "short", "short", LONG]
    assert len("short") < MIN_COLLAPSE_CHARS
    assert_valid_for_the_api(trimmed)


def test_a_short_conversation_is_left_as_it_is() -> None:
    messages = conversation(*(turn(n, "list_files", {"path": "."}, f"r{n}") for n in range(5)))
    assert bound_conversation(messages, max_messages=20, keep_messages=10) == messages
    assert lean_conversation(messages) == messages


def test_a_long_conversation_keeps_the_first_message_and_the_latest_turns() -> None:
    messages = conversation(
        turn(0, "read_file", {"path": "a.py"}, "a", error=True),
        turn(1, "search_code", {"pattern": "def main"}, "hits"),
        *(turn(n, "list_files", {"path": f"d{n}"}, f"r{n}") for n in range(2, 12)),
    )
    trimmed = bound_conversation(messages, max_messages=20, keep_messages=9)

    assert trimmed[0].content[0] == FIRST.content[0]
    note = trimmed[0].content[-1]
    assert isinstance(note, TextBlock)
    assert note.text.startswith(OMITTED_PREFIX)
    assert "- read_file a.py (error)\n- search_code def main\n- list_files d2" in note.text
    assert trimmed[1:] == messages[-8:]
    assert_valid_for_the_api(trimmed)


def test_trimming_again_extends_the_same_note() -> None:
    messages = conversation(*(turn(n, "list_files", {"path": f"d{n}"}, f"r{n}") for n in range(12)))
    once = bound_conversation(messages, max_messages=20, keep_messages=8)
    longer = once + [m for n in range(12, 20) for m in turn(n, "run_tests", {}, f"t{n}")]
    twice = bound_conversation(longer, max_messages=20, keep_messages=8)

    notes = [
        b
        for b in twice[0].content
        if isinstance(b, TextBlock) and b.text.startswith(OMITTED_PREFIX)
    ]
    assert len(notes) == 1
    assert len(twice[0].content) == 2
    assert "- list_files d0" in notes[0].text
    assert "- run_tests" in notes[0].text
    assert twice[1:] == longer[-8:]
    assert_valid_for_the_api(twice)


def test_too_many_characters_drop_more_turns_but_never_the_latest() -> None:
    big = "x" * 1000
    messages = conversation(*(turn(n, "read_file", {"path": f"f{n}"}, big) for n in range(6)))
    trimmed = bound_conversation(messages, max_messages=40, keep_messages=20, max_chars=2500)
    assert trimmed[1:] == messages[-4:]
    tiny = bound_conversation(messages, max_messages=40, keep_messages=20, max_chars=10)
    assert tiny[1:] == messages[-2:]
    assert_valid_for_the_api(tiny)


def test_a_turn_without_calls_is_summarised_as_such() -> None:
    messages = [
        FIRST,
        Message.assistant("thinking"),
        Message.user("Use the tools"),
        *turn(1, "list_files", {"path": "."}, "x" * 100),
    ]
    trimmed = bound_conversation(messages, max_messages=40, keep_messages=2, max_chars=50)
    assert "- (no tool calls)" in last_text(trimmed[0])


def test_bounds_must_make_sense() -> None:
    with pytest.raises(ValueError, match="keep_messages"):
        bound_conversation([FIRST], max_messages=4, keep_messages=1)
    with pytest.raises(ValueError, match="keep_messages"):
        bound_conversation([FIRST], max_messages=4, keep_messages=6)


def test_the_rules_combine() -> None:
    messages = conversation(
        turn(1, "read_file", {"path": "a.py"}, LONG),
        turn(2, "write_file", {"path": "a.py", "content": "x"}, "replaced"),
        turn(3, "run_tests", {}, LONG),
        turn(4, "run_tests", {}, LONG),
    )
    trimmed = lean_conversation(messages, max_messages=6, keep_messages=4)
    assert result_texts(trimmed) == [repeat_note("run_tests"), LONG]
    assert "- read_file a.py\n- write_file a.py" in last_text(trimmed[0])
