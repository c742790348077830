"""A fake OpenAI-compatible chat completions API that replays a script of turns.

``FakeOpenAI(turns).app`` is a Starlette app serving ``POST /v1/chat/completions``.
The script is the same as the fake Messages API's (``fake_model.Reply`` and
``Failure``): text blocks become the message ``content`` and ``tool_use`` blocks become
``tool_calls`` with JSON ``arguments``, so one scripted session can drive either
provider. Requests are checked the way the real API checks them (a bearer key, known
roles, every ``tool_calls`` entry answered by a ``tool`` message right after it and no
stray ``tool`` message, function tools with valid names, a ``tool_choice`` naming a
known tool, no streaming) and refused with an OpenAI-style 400 otherwise, without using
up a turn.

Prompt caching is automatic, as OpenAI documents it: a prompt that starts with the
same tools and messages as an earlier one reads that prefix from the cache, counted in
128-token steps from 1024 tokens up, and ``usage.prompt_tokens_details.cached_tokens``
says how many of ``prompt_tokens`` were cached. Tokens are a quarter of the characters,
as in ``fake_model_cache``.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import threading
from collections.abc import Iterable
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from pace_app.types import JSONObject
from tests.fakes.fake_model import Failure, Reply, Turn
from tests.fakes.fake_model_cache import count_tokens

MIN_CACHED_TOKENS = 1024
CACHE_STEP = 128
ROLES = frozenset({"system", "developer", "user", "assistant", "tool"})
_NAME = re.compile(r"[a-zA-Z0-9_-]{1,64}")
ERROR_TYPES = {400: "invalid_request_error", 401: "invalid_request_error", 429: "rate_limit"}


class InvalidRequest(Exception):
    """The request breaks a rule the real API enforces."""


class FakeOpenAI:
    """A scripted chat completions server that records what it was sent."""

    def __init__(self, turns: Iterable[Turn] = (), *, api_key: str | None = None) -> None:
        self.api_key = api_key
        self.requests: list[JSONObject] = []
        self.rejections: list[str] = []
        self.usages: list[JSONObject] = []
        self._script: list[Turn] = list(turns)
        self._prefixes: dict[str, int] = {}  # hash of a prompt prefix -> its tokens
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.app = Starlette(
            routes=[Route("/v1/chat/completions", self._completions, methods=["POST"])]
        )

    def add(self, *turns: Turn) -> None:
        """Append turns to the script."""
        with self._lock:
            self._script.extend(turns)

    @property
    def remaining(self) -> int:
        """Return how many scripted turns are left."""
        return len(self._script)

    async def _completions(self, request: Request) -> JSONResponse:
        number = next(self._ids)
        key = request.headers.get("authorization", "").removeprefix("Bearer ")
        if not key or (self.api_key is not None and key != self.api_key):
            return _error(401, "Incorrect API key provided.", code="invalid_api_key")
        try:
            body = json.loads(await request.body())
        except ValueError:
            return _error(400, "We could not parse the JSON body of your request.")
        with self._lock:
            self.requests.append(body)
            try:
                check_request(body)
            except InvalidRequest as exc:
                self.rejections.append(str(exc))
                return _error(400, str(exc))
            if not self._script:
                return _error(500, "fake openai: script exhausted", retry=False)
            turn = self._script.pop(0)
            if isinstance(turn, Failure):
                return _error(turn.status, turn.message, retry_after=turn.retry_after)
            usage = self._usage(body, turn)
            self.usages.append(usage)
        return JSONResponse(_completion(number, body["model"], turn, usage))

    def _usage(self, body: JSONObject, turn: Reply) -> JSONObject:
        blocks = [json.dumps(body.get("tools") or [], sort_keys=True)] + [
            json.dumps(message, sort_keys=True) for message in body["messages"]
        ]
        running = hashlib.sha256(str(body["model"]).encode())
        total = 0
        cached = 0
        for block in blocks:
            running.update(block.encode() + b"\x00")
            total += count_tokens(block)
            digest = running.hexdigest()
            if digest in self._prefixes:
                cached = self._prefixes[digest]
            self._prefixes[digest] = total
        cached = cached // CACHE_STEP * CACHE_STEP if cached >= MIN_CACHED_TOKENS else 0
        output = count_tokens(json.dumps(list(turn.content)))
        return {
            "prompt_tokens": total,
            "completion_tokens": output,
            "total_tokens": total + output,
            "prompt_tokens_details": {"cached_tokens": cached, "audio_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0},
            **turn.usage,
        }


def _completion(number: int, model: str, turn: Reply, usage: JSONObject) -> JSONObject:
    texts = [block["text"] for block in turn.content if block["type"] == "text"]
    calls = [
        {
            "id": block["id"],
            "type": "function",
            "function": {"name": block["name"], "arguments": json.dumps(block["input"])},
        }
        for block in turn.content
        if block["type"] == "tool_use"
    ]
    message: dict[str, Any] = {"role": "assistant", "content": "\n\n".join(texts) or None}
    if calls:
        message["tool_calls"] = calls
    return {
        "id": f"chatcmpl-fake-{number}",
        "object": "chat.completion",
        "created": 1_700_000_000 + number,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": message,
                "finish_reason": "tool_calls" if calls else "stop",
                "logprobs": None,
            }
        ],
        "usage": usage,
    }


def check_request(body: object) -> None:
    """Raise ``InvalidRequest`` where the real API would answer 400."""
    if not isinstance(body, dict):
        raise InvalidRequest("body: must be a JSON object")
    if not isinstance(body.get("model"), str) or not body["model"]:
        raise InvalidRequest("you must provide a model parameter")
    if body.get("stream"):
        raise InvalidRequest("stream: the fake does not stream")
    if "max_tokens" in body and "max_completion_tokens" in body:
        raise InvalidRequest("max_tokens and max_completion_tokens cannot both be set")
    for field in ("max_tokens", "max_completion_tokens"):
        value = body.get(field, 1)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise InvalidRequest(f"{field}: must be a positive integer")
    names = _check_tools(body.get("tools"))
    _check_choice(body.get("tool_choice"), names)
    _check_messages(body.get("messages"))


def _check_tools(tools: object) -> set[str]:
    if tools is None:
        return set()
    if not isinstance(tools, list) or not tools:
        raise InvalidRequest("tools: must be a non-empty array")
    names: set[str] = set()
    for index, tool in enumerate(tools):
        function = tool.get("function") if isinstance(tool, dict) else None
        if not isinstance(tool, dict) or tool.get("type") != "function" or not function:
            raise InvalidRequest(f"tools[{index}]: must be a function tool")
        name = function.get("name")
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise InvalidRequest(f"tools[{index}].function.name: must match {_NAME.pattern}")
        parameters = function.get("parameters", {"type": "object"})
        if not isinstance(parameters, dict) or parameters.get("type") != "object":
            raise InvalidRequest(f"tools[{index}].function.parameters: must be an object schema")
        names.add(name)
    return names


def _check_choice(choice: object, names: set[str]) -> None:
    if choice is None or choice in ("auto", "none", "required"):
        return
    if not isinstance(choice, dict) or choice.get("type") != "function":
        raise InvalidRequest("tool_choice: must be auto, none, required or a function")
    name = (choice.get("function") or {}).get("name")
    if name not in names:
        raise InvalidRequest(f"tool_choice: no function named {name!r} in tools")


def _check_messages(messages: object) -> None:
    if not isinstance(messages, list) or not messages:
        raise InvalidRequest("messages: must be a non-empty array")
    pending: set[str] = set()
    for index, message in enumerate(messages):
        where = f"messages[{index}]"
        if not isinstance(message, dict) or message.get("role") not in ROLES:
            raise InvalidRequest(f"{where}.role: must be one of {sorted(ROLES)}")
        role = message["role"]
        if role == "tool":
            call = message.get("tool_call_id")
            if call not in pending:
                raise InvalidRequest(
                    f"{where}: messages with role 'tool' must be a response to a preceding "
                    "message with 'tool_calls'"
                )
            pending.discard(call)
            if not isinstance(message.get("content"), str):
                raise InvalidRequest(f"{where}.content: must be a string")
            continue
        if pending:
            raise InvalidRequest(
                "An assistant message with 'tool_calls' must be followed by tool messages "
                f"responding to each 'tool_call_id'. Missing: {sorted(pending)}"
            )
        calls = message.get("tool_calls") if role == "assistant" else None
        if calls:
            for call in calls:
                function = call.get("function") or {}
                if not isinstance(function.get("arguments"), str) or not call.get("id"):
                    raise InvalidRequest(f"{where}.tool_calls: each needs an id and arguments")
            pending = {call["id"] for call in calls}
        elif not isinstance(message.get("content"), str) or not message["content"]:
            raise InvalidRequest(f"{where}.content: must be a non-empty string")
    if pending:
        raise InvalidRequest(
            "An assistant message with 'tool_calls' must be followed by tool messages "
            f"responding to each 'tool_call_id'. Missing: {sorted(pending)}"
        )


def _error(
    status: int,
    message: str,
    *,
    code: str | None = None,
    retry: bool | None = None,
    retry_after: float | None = None,
) -> JSONResponse:
    headers: dict[str, str] = {}
    if retry is not None:
        headers["x-should-retry"] = "true" if retry else "false"
    if retry_after is not None:
        headers["retry-after-ms"] = str(int(retry_after * 1000))
    body = {
        "error": {
            "message": message,
            "type": ERROR_TYPES.get(status, "server_error"),
            "param": None,
            "code": code,
        }
    }
    return JSONResponse(body, status_code=status, headers=headers)
