"""The request checks of the fake Messages API: what the real API answers 400 to."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pace_app.types import JSONObject

MAX_CACHE_BREAKPOINTS = 4
_TOOL_NAME = re.compile(r"[a-zA-Z0-9_-]{1,128}")


class InvalidRequest(Exception):
    """The request breaks a rule the real API enforces."""


def check_request(body: object) -> None:
    """Raise ``InvalidRequest`` where the real API would answer 400."""
    if not isinstance(body, dict):
        raise InvalidRequest("body: must be a JSON object")
    if not isinstance(body.get("model"), str) or not body["model"]:
        raise InvalidRequest("model: Field required")
    max_tokens = body.get("max_tokens")
    if not isinstance(max_tokens, int) or isinstance(max_tokens, bool) or max_tokens < 1:
        raise InvalidRequest("max_tokens: must be a positive integer")
    if body.get("stream"):
        raise InvalidRequest("stream: the fake model does not stream")
    breakpoints = _check_system(body.get("system"))
    names, tool_breakpoints = _check_tools(body.get("tools"))
    breakpoints += tool_breakpoints
    _check_tool_choice(body.get("tool_choice"), names)
    breakpoints += _check_messages(body.get("messages"))
    if breakpoints > MAX_CACHE_BREAKPOINTS:
        raise InvalidRequest(
            f"A maximum of {MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. "
            f"Found {breakpoints}."
        )


def _cache_mark(where: str, item: JSONObject) -> int:
    mark = item.get("cache_control")
    if mark is None:
        return 0
    if not isinstance(mark, dict) or mark.get("type") != "ephemeral":
        raise InvalidRequest(f"{where}.cache_control: type must be 'ephemeral'")
    if mark.get("ttl", "5m") not in ("5m", "1h"):
        raise InvalidRequest(f"{where}.cache_control.ttl: must be '5m' or '1h'")
    return 1


def _check_system(system: object) -> int:
    if system is None or isinstance(system, str):
        return 0
    if not isinstance(system, list):
        raise InvalidRequest("system: must be a string or a list of text blocks")
    marks = 0
    for index, block in enumerate(system):
        where = f"system.{index}"
        if not isinstance(block, dict) or block.get("type") != "text":
            raise InvalidRequest(f"{where}: must be a text block")
        _check_text(where, block)
        marks += _cache_mark(where, block)
    return marks


def _check_tools(tools: object) -> tuple[set[str], int]:
    if tools is None:
        return set(), 0
    if not isinstance(tools, list):
        raise InvalidRequest("tools: must be a list")
    names: set[str] = set()
    marks = 0
    for index, tool in enumerate(tools):
        where = f"tools.{index}"
        if not isinstance(tool, dict):
            raise InvalidRequest(f"{where}: must be an object")
        name = tool.get("name")
        if not isinstance(name, str) or not _TOOL_NAME.fullmatch(name):
            raise InvalidRequest(f"{where}.name: must match {_TOOL_NAME.pattern}")
        if name in names:
            raise InvalidRequest(f"tools: Tool names must be unique ({name})")
        schema = tool.get("input_schema")
        if not isinstance(schema, dict) or schema.get("type") != "object":
            raise InvalidRequest(f"{where}.input_schema.type: must be 'object'")
        names.add(name)
        marks += _cache_mark(where, tool)
    return names, marks


def _check_tool_choice(choice: object, names: set[str]) -> None:
    if choice is None:
        return
    if not isinstance(choice, dict) or choice.get("type") not in ("auto", "any", "tool", "none"):
        raise InvalidRequest("tool_choice.type: must be auto, any, tool or none")
    if choice["type"] == "tool" and choice.get("name") not in names:
        raise InvalidRequest(f"tool_choice.name: no tool named {choice.get('name')!r}")


def _check_messages(messages: object) -> int:
    if not isinstance(messages, list) or not messages:
        raise InvalidRequest("messages: at least one message is required")
    marks = 0
    open_calls: set[str] = set()
    for index, message in enumerate(messages):
        where = f"messages.{index}"
        if not isinstance(message, dict) or message.get("role") not in ("user", "assistant"):
            raise InvalidRequest(f"{where}.role: must be 'user' or 'assistant'")
        expected = "user" if index % 2 == 0 else "assistant"
        if message["role"] != expected:
            raise InvalidRequest(
                f"{where}.role: roles must alternate starting with 'user'; expected {expected!r}"
            )
        blocks = _blocks(where, message.get("content"))
        for position, block in enumerate(blocks):
            block_where = f"{where}.content.{position}"
            _check_block(block_where, message["role"], block)
            marks += _cache_mark(block_where, block)
        answered = {b["tool_use_id"] for b in blocks if b["type"] == "tool_result"}
        if answered - open_calls:
            raise InvalidRequest(
                f"{where}: unexpected tool_use_id found in tool_result blocks: "
                f"{sorted(answered - open_calls)}"
            )
        if open_calls - answered:
            raise InvalidRequest(
                f"{where}: tool_use ids were found without tool_result blocks immediately "
                f"after: {sorted(open_calls - answered)}"
            )
        open_calls = {b["id"] for b in blocks if b["type"] == "tool_use"}
    return marks


def _blocks(where: str, content: object) -> list[JSONObject]:
    if isinstance(content, str):
        _check_text(where, {"text": content})
        return [{"type": "text", "text": content}]
    if not isinstance(content, list) or not content:
        raise InvalidRequest(f"{where}.content: must be a string or a non-empty list of blocks")
    for position, block in enumerate(content):
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            raise InvalidRequest(f"{where}.content.{position}: must be a content block")
    return content


def _check_block(where: str, role: str, block: JSONObject) -> None:
    kind = block["type"]
    if kind == "text":
        _check_text(where, block)
    elif kind == "tool_use" and role == "assistant":
        if not isinstance(block.get("id"), str) or not isinstance(block.get("name"), str):
            raise InvalidRequest(f"{where}: tool_use needs an id and a name")
        if not isinstance(block.get("input"), dict):
            raise InvalidRequest(f"{where}.input: must be an object")
    elif kind == "tool_result" and role == "user":
        if not isinstance(block.get("tool_use_id"), str):
            raise InvalidRequest(f"{where}.tool_use_id: Field required")
        content = block.get("content", "")
        if not isinstance(content, str | list):
            raise InvalidRequest(f"{where}.content: must be a string or a list of blocks")
        if not isinstance(block.get("is_error", False), bool):
            raise InvalidRequest(f"{where}.is_error: must be a boolean")
    else:
        raise InvalidRequest(f"{where}.type: {kind!r} is not accepted in a {role} message")


def _check_text(where: str, block: Mapping[str, Any]) -> None:
    text = block.get("text")
    if not isinstance(text, str) or not text:
        raise InvalidRequest(f"{where}: text content blocks must be non-empty")
