"""Compacting FORGE's conversation: rarely, wholly, keeping what the model needs."""

from __future__ import annotations

import pytest

from pace_app.agents.forge.context import (
    FILES_HEADER,
    RECORD_PREFIX,
    ContextPolicy,
    build_record,
    compact,
    estimate_tokens,
    needs_compaction,
)
from pace_app.llm.anthropic_provider import messages_param
from pace_app.llm.provider import Message, TextBlock, ToolResult, ToolUse
from pace_app.types import JSONObject
from tests.fakes.fake_model_checks import check_request

FIRST = Message.user("Implement the story.")
POLICY = ContextPolicy(max_tokens=100, keep_turns=2)
FAILING = "$ pytest -q\nexit code 1\n\n" + "\n".join(f"log line {n}" for n in range(60))


def turn(
    number: int,
    name: str,
    input: JSONObject,
    result: str,
    *,
    error: bool = False,
    text: str | None = None,
) -> list[Message]:
    """Return one assistant call (after some text, if given) and the answer to it."""
    use_id = f"toolu_{number}"
    blocks: list[TextBlock | ToolUse] = [TextBlock(text)] if text else []
    return [
        Message("assistant", (*blocks, ToolUse(use_id, name, input))),
        Message.user(ToolResult(use_id, result, error)),
    ]


def conversation(*turns: list[Message]) -> list[Message]:
    """Return the first message followed by the given turns."""
    return [FIRST, *(message for pair in turns for message in pair)]


def record_of(messages: list[Message]) -> str:
    block = messages[0].content[-1]
    assert isinstance(block, TextBlock)
    assert block.text.startswith(RECORD_PREFIX)
    return block.text


def assert_valid_for_the_api(messages: list[Message]) -> None:
    """Check the conversation, as the provider would send it, the way the API does."""
    body = {"model": "claude-sonnet-4-6", "max_tokens": 10, "messages": messages_param(messages)}
    check_request(body)


def current(path: str) -> str | None:
    return {
        "src/app.py": "src/app.py: 1 line\n     1\tnew",
        "lib.py": "lib.py: 1 line\n     1\tlib",
    }.get(path)


def test_policy_bounds() -> None:
    with pytest.raises(ValueError, match="keep_turns"):
        ContextPolicy(keep_turns=0)
    assert ContextPolicy().keep_turns == 2


def test_nothing_is_compacted_below_the_threshold_or_without_a_span() -> None:
    short = conversation(turn(1, "list_files", {"path": "."}, "a.py"))
    assert not needs_compaction(short, ContextPolicy(max_tokens=10_000))
    big = conversation(turn(1, "run_tests", {}, FAILING), turn(2, "run_tests", {}, FAILING))
    assert estimate_tokens(big) > POLICY.max_tokens
    # Two turns are exactly what is kept: there is nothing older to compact.
    assert not needs_compaction(big, POLICY)
    assert compact(big, current, POLICY) == big
    # Large kept turns and a small old span: compacting would gain nothing.
    small_span = conversation(
        turn(1, "list_files", {"path": "."}, "a.py"),
        turn(2, "run_tests", {}, FAILING),
        turn(3, "run_tests", {}, FAILING),
    )
    assert not needs_compaction(small_span, POLICY)


def test_a_compaction_replaces_the_old_span_once_and_keeps_the_tail_verbatim() -> None:
    messages = conversation(
        turn(1, "list_files", {"path": "."}, "src/app.py\nother.py", text="Looking around."),
        turn(2, "read_file", {"path": "src/app.py"}, "src/app.py: 1 line\n     1\told"),
        turn(3, "read_file", {"path": "other.py"}, "other.py: 1 line\n     1\tother"),
        turn(4, "edit_file", {"path": "./src/app.py", "old_text": "old", "new_text": "new"}, "ok"),
        turn(5, "run_tests", {}, FAILING),
        turn(6, "search_code", {"pattern": "new"}, "src/app.py:1: new"),
        turn(7, "list_files", {"path": "."}, "src/app.py\nother.py"),
    )
    assert needs_compaction(messages, POLICY)

    compacted = compact(messages, current, POLICY)

    assert compacted[1:] == messages[-4:]
    assert compacted[0].content[0] == FIRST.content[0]
    record = record_of(compacted)
    assert "- you noted: Looking around." in record
    for line in (
        "- list_files .",
        "- read_file src/app.py",
        "- edit_file src/app.py",
        "- run_tests: exit code 1",
    ):
        assert line in record
    assert "The last test run in those turns ended:" in record
    assert "log line 59" in record
    assert "log line 5\n" not in record
    files = record.split(FILES_HEADER, 1)[1]
    # Unchanged since it was read: the read itself; changed: its current text.
    assert "other.py: 1 line\n     1\tother" in files
    assert "     1\tnew" in files
    assert "     1\told" not in files
    assert_valid_for_the_api(compacted)


def test_a_second_compaction_carries_the_history_and_shows_files_afresh() -> None:
    first = compact(
        conversation(
            turn(1, "read_file", {"path": "src/app.py"}, "src/app.py: 1 line\n     1\told"),
            turn(2, "read_file", {"path": "lib.py"}, "lib.py: 1 line\n     1\tlib"),
            turn(3, "list_files", {"path": "."}, "x"),
            turn(4, "list_files", {"path": "."}, "x"),
        ),
        current,
        POLICY,
    )
    grown = [
        *first,
        *turn(4, "write_file", {"path": "src/app.py", "content": "new\n"}, "replaced"),
        *turn(5, "list_files", {"path": "lib"}, "y"),
        *turn(6, "list_files", {"path": "."}, "x"),
    ]

    again = compact(grown, current, POLICY)

    record = record_of(again)
    assert record.count(RECORD_PREFIX) == 1
    history = record.split(FILES_HEADER)[0]
    assert history.index("- read_file src/app.py") < history.index("- write_file src/app.py")
    assert "     1\tnew" in record
    assert "     1\told" not in record
    assert "lib.py: 1 line\n     1\tlib" in record  # read in the earlier span only
    assert_valid_for_the_api(again)


def test_views_in_the_kept_tail_win_and_room_is_bounded() -> None:
    big = "x.py: 1 line\n     1\t" + "x" * 500
    messages = conversation(
        turn(1, "read_file", {"path": "src/app.py"}, "src/app.py: 1 line\n     1\told"),
        turn(2, "read_file", {"path": "x.py"}, big),
        turn(3, "read_file", {"path": "gone.py"}, "gone.py: 1 line\n     1\tg"),
        turn(4, "edit_file", {"path": "gone.py", "old_text": "g", "new_text": "h"}, "ok"),
        turn(5, "read_file", {"path": "bad.py"}, "cannot read", error=True),
        turn(6, "read_file", {"path": "src/app.py"}, "src/app.py: 1 line\n     1\told"),
        turn(7, "list_files", {"path": "."}, "x"),
    )

    record = build_record(messages[1:11], messages[11:], current, ContextPolicy(max_file_chars=100))

    files = record.split(FILES_HEADER, 1)[1]
    assert "src/app.py" not in files  # read again in the kept turns
    assert "gone.py: (no longer exists)" in files
    assert "Not shown for lack of room (read again before editing): x.py" in files
    assert "- read_file bad.py (error: cannot read)" in record


def test_repeated_reads_of_one_window_are_kept_once_and_unanswered_calls_noted() -> None:
    view = "a.py: 1 line\n     1\ta"
    span = [
        *turn(1, "read_file", {"path": "a.py"}, view),
        *turn(2, "read_file", {"path": "a.py", "start_line": 1}, view + " "),
        *turn(3, "read_file", {"path": "a.py"}, view),
        Message.assistant(ToolUse("toolu_9", "run_build", {})),
        Message.user("(interrupted)"),
        *turn(10, "search_code", {"pattern": "zzz"}, "no matches"),
    ]

    record = build_record(span, [], current, POLICY)

    files = record.split(FILES_HEADER, 1)[1]
    assert files.count(view) == 2
    assert "- run_build (not answered)" in record
    assert "- search_code zzz: 0 matching lines" in record
    assert build_record([], [], current, POLICY).endswith("- (no tool calls)")
