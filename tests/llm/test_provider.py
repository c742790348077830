"""The provider interface's plain values."""

import pytest

from pace_app.errors import ModelError
from pace_app.llm.provider import (
    Message,
    MissingToolUse,
    StepResult,
    TextBlock,
    ToolResult,
    ToolSpec,
    ToolUse,
    Usage,
    forced_tool_input,
)

OUTPUT = ToolSpec("record_verdict", "Record it.", {"type": "object"})


def test_message_builders_wrap_strings_as_text_blocks() -> None:
    result = ToolResult("toolu_1", "no such file", is_error=True)

    assert Message.user("Go.", result) == Message("user", (TextBlock("Go."), result))
    assert Message.assistant("Done.") == Message("assistant", (TextBlock("Done."),))


def test_usages_add_field_by_field() -> None:
    total = Usage(1, 2, 3, 4) + Usage(10, 20, 30, 40)

    assert total == Usage(11, 22, 33, 44)
    assert total.total_tokens == 110
    assert Usage(1_000_000, 0).cost_usd("claude-sonnet-4-6") == pytest.approx(3.0)


def test_step_result_splits_text_and_tool_calls() -> None:
    read = ToolUse("toolu_1", "read_file", {"path": "a.py"})
    edit = ToolUse("toolu_2", "edit_file", {"path": "a.py", "old_text": "a", "new_text": "b"})
    result = StepResult((TextBlock("First."), read, TextBlock("Second."), edit), "tool_use")

    assert result.tool_uses == (read, edit)
    assert result.text == "First.\n\nSecond."
    assert result.as_message() == Message("assistant", result.content)


def test_forced_tool_input_returns_the_named_tools_input() -> None:
    result = StepResult(
        (ToolUse("toolu_0", "other", {}), ToolUse("toolu_1", "record_verdict", {"v": 1})),
        "tool_use",
    )

    assert forced_tool_input(OUTPUT, result) == {"v": 1}


def test_forced_tool_input_without_the_call_keeps_the_result() -> None:
    result = StepResult((TextBlock("SHIP"),), "end_turn", Usage(5, 5), 0.25, "m")

    with pytest.raises(ModelError, match="did not call the record_verdict tool") as caught:
        forced_tool_input(OUTPUT, result)

    assert isinstance(caught.value, MissingToolUse)
    assert caught.value.result is result
    assert caught.value.tool_name == "record_verdict"
