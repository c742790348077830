"""A fake Anthropic Messages API that replays a script of turns.

``FakeModel(turns).app`` is a Starlette app serving ``POST /v1/messages``: every
well-formed request takes the next scripted turn and gets a Messages-API-shaped answer
(or the scripted error). Requests are checked the way the real API checks them (roles
alternate from a user turn, every tool_use is answered by a tool_result in the next
message, at most four cache breakpoints, ...) and refused with an Anthropic-style 400
otherwise, without using up a turn. Every request body is kept in ``requests`` for
assertions. A request past the end of the script gets a 500 that tells the SDK not to
retry.

For other processes: ``GET /_fake/requests`` returns the recorded bodies, ``POST
/_fake/script`` appends turns written as JSON (see ``turn_from_json``), and
``uvicorn --factory tests.fakes.fake_model:app_from_env`` loads a script file named by
``FAKE_MODEL_SCRIPT``.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import threading
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from pace_app.types import JSONObject

ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    529: "overloaded_error",
}
MAX_CACHE_BREAKPOINTS = 4
_TOOL_NAME = re.compile(r"[a-zA-Z0-9_-]{1,128}")
_USAGE_KEYS = (
    "input_tokens",
    "output_tokens",
    "cache_creation_input_tokens",
    "cache_read_input_tokens",
)


@dataclass(frozen=True)
class Reply:
    """A scripted answer: content blocks, a stop reason and token counts."""

    content: tuple[JSONObject, ...]
    stop_reason: str
    usage: JSONObject = field(default_factory=dict)


@dataclass(frozen=True)
class Failure:
    """A scripted error answer, e.g. a 529 overload the SDK should retry."""

    status: int
    message: str
    retry_after: float | None = None


Turn: TypeAlias = Reply | Failure


def text_block(text: str) -> JSONObject:
    """Return a text content block."""
    return {"type": "text", "text": text}


def tool_use_block(name: str, input: JSONObject, id: str | None = None) -> JSONObject:
    """Return a tool_use content block, with a fresh id unless one is given."""
    return {
        "type": "tool_use",
        "id": id or f"toolu_fake_{uuid.uuid4().hex[:20]}",
        "name": name,
        "input": input,
    }


def usage(
    input_tokens: int = 10,
    output_tokens: int = 5,
    cache_creation_input_tokens: int = 0,
    cache_read_input_tokens: int = 0,
) -> JSONObject:
    """Return the four token counts of an answer."""
    return {
        "input_tokens": input_tokens,
        "output_tokens": output_tokens,
        "cache_creation_input_tokens": cache_creation_input_tokens,
        "cache_read_input_tokens": cache_read_input_tokens,
    }


def reply(
    *blocks: JSONObject, stop_reason: str | None = None, usage: JSONObject | None = None
) -> Reply:
    """Return a turn answering with ``blocks`` (stop reason inferred from them if not given)."""
    inferred = "tool_use" if any(b["type"] == "tool_use" for b in blocks) else "end_turn"
    return Reply(tuple(blocks), stop_reason or inferred, usage or {})


def text_turn(
    text: str, *, stop_reason: str = "end_turn", usage: JSONObject | None = None
) -> Reply:
    """Return a turn answering with text only."""
    return reply(text_block(text), stop_reason=stop_reason, usage=usage)


def tool_turn(
    name: str,
    input: JSONObject,
    id: str | None = None,
    *,
    text: str | None = None,
    usage: JSONObject | None = None,
) -> Reply:
    """Return a turn calling one tool, optionally after some text."""
    blocks = ([text_block(text)] if text else []) + [tool_use_block(name, input, id)]
    return reply(*blocks, usage=usage)


def error_turn(status: int, message: str | None = None, *, retry_after: float = 0.01) -> Failure:
    """Return a turn answering with an API error (short ``retry-after`` keeps retries fast)."""
    return Failure(status, message or f"fake {ERROR_TYPES.get(status, 'api_error')}", retry_after)


def turn_from_json(data: Mapping[str, Any]) -> Turn:
    """Build a turn from ``{"content", "stop_reason", "usage"}`` or ``{"error": status}``."""
    if "error" in data:
        return error_turn(
            int(data["error"]), data.get("message"), retry_after=data.get("retry_after", 0.01)
        )
    blocks = [
        tool_use_block(b["name"], b.get("input", {}), b.get("id")) if b["type"] == "tool_use" else b
        for b in data["content"]
    ]
    return reply(*blocks, stop_reason=data.get("stop_reason"), usage=data.get("usage"))


class InvalidRequest(Exception):
    """The request breaks a rule the real API enforces."""


class FakeModel:
    """A scripted Messages API server that records what it was sent."""

    def __init__(self, turns: Iterable[Turn] = (), *, api_key: str | None = None) -> None:
        self.api_key = api_key
        self.requests: list[JSONObject] = []
        self.rejections: list[str] = []
        self._script: list[Turn] = list(turns)
        self._served = 0
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.app = Starlette(
            routes=[
                Route("/v1/messages", self._messages, methods=["POST"]),
                Route("/_fake/requests", self._recorded, methods=["GET"]),
                Route("/_fake/script", self._append, methods=["POST"]),
            ]
        )

    def add(self, *turns: Turn) -> None:
        """Append turns to the script."""
        with self._lock:
            self._script.extend(turns)

    @property
    def remaining(self) -> int:
        """Return how many scripted turns are left."""
        return len(self._script)

    async def _messages(self, request: Request) -> JSONResponse:
        number = next(self._ids)
        bearer = request.headers.get("authorization", "").removeprefix("Bearer ")
        key = request.headers.get("x-api-key") or bearer
        if not key:
            return _error(401, "x-api-key header is required", number)
        if self.api_key is not None and key != self.api_key:
            return _error(401, "invalid x-api-key", number)
        if not request.headers.get("anthropic-version"):
            return _error(400, "anthropic-version: header is required", number)
        try:
            body = json.loads(await request.body())
        except ValueError:
            return _error(400, "body: not valid JSON", number)
        with self._lock:
            self.requests.append(body)
            try:
                check_request(body)
            except InvalidRequest as exc:
                self.rejections.append(str(exc))
                return _error(400, str(exc), number)
            if not self._script:
                return _error(
                    500,
                    f"fake model: script exhausted after {self._served} turns",
                    number,
                    retry=False,
                )
            turn = self._script.pop(0)
            self._served += 1
        if isinstance(turn, Failure):
            return _error(turn.status, turn.message, number, retry_after=turn.retry_after)
        return JSONResponse(
            {
                "id": f"msg_fake_{number}",
                "type": "message",
                "role": "assistant",
                "model": body["model"],
                "content": list(turn.content),
                "stop_reason": turn.stop_reason,
                "stop_sequence": None,
                "usage": {**usage(), **turn.usage},
            },
            headers={"request-id": f"req_fake_{number}"},
        )

    async def _recorded(self, request: Request) -> JSONResponse:
        with self._lock:
            return JSONResponse(list(self.requests))

    async def _append(self, request: Request) -> JSONResponse:
        turns = [turn_from_json(item) for item in json.loads(await request.body())]
        self.add(*turns)
        return JSONResponse({"remaining": self.remaining})


def _error(
    status: int,
    message: str,
    number: int,
    *,
    retry: bool | None = None,
    retry_after: float | None = None,
) -> JSONResponse:
    request_id = f"req_fake_{number}"
    headers = {"request-id": request_id}
    if retry is not None:
        headers["x-should-retry"] = "true" if retry else "false"
    if retry_after is not None:
        headers["retry-after-ms"] = str(int(retry_after * 1000))
        headers["retry-after"] = str(retry_after)
    body = {
        "type": "error",
        "error": {"type": ERROR_TYPES.get(status, "api_error"), "message": message},
        "request_id": request_id,
    }
    return JSONResponse(body, status_code=status, headers=headers)


def app_from_env() -> Starlette:
    """Return a fake whose script is the JSON list in the file ``FAKE_MODEL_SCRIPT`` names."""
    path = os.environ.get("FAKE_MODEL_SCRIPT")
    turns = json.loads(Path(path).read_text(encoding="utf-8")) if path else []
    return FakeModel(turn_from_json(turn) for turn in turns).app


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
