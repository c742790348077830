"""A fake Anthropic Messages API that replays a script of turns.

``FakeModel(turns).app`` is a Starlette app serving ``POST /v1/messages``: every
well-formed request takes the next scripted turn and gets a Messages-API-shaped answer
(or the scripted error). Requests are checked the way the real API checks them (roles
alternate from a user turn, every tool_use is answered by a tool_result in the next
message, at most four cache breakpoints, ...) and refused with an Anthropic-style 400
otherwise, without using up a turn. Prompt caching is accounted as documented (see
``fake_model_cache``): an answer reports the cache reads and writes its request caused,
unless its turn scripts the usage. Every request body is kept in ``requests`` and each
answer's usage in ``usages``, for assertions. A request past the end of the script
gets a 500 that tells the SDK not to retry.

For other processes: ``GET /_fake/requests`` returns the recorded bodies, ``POST
/_fake/script`` appends turns written as JSON (see ``turn_from_json``), and
``uvicorn --factory tests.fakes.fake_model:app_from_env`` loads a script file named by
``FAKE_MODEL_SCRIPT``.
"""

from __future__ import annotations

import itertools
import json
import os
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
from tests.fakes.fake_model_cache import PromptCache, count_tokens
from tests.fakes.fake_model_checks import InvalidRequest, check_request

__all__ = [
    "Failure",
    "FakeModel",
    "InvalidRequest",
    "Reply",
    "Turn",
    "app_from_env",
    "check_request",
    "error_turn",
    "reply",
    "text_block",
    "text_turn",
    "tool_turn",
    "tool_use_block",
    "turn_from_json",
    "usage",
]

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


class FakeModel:
    """A scripted Messages API server that records what it was sent."""

    def __init__(
        self,
        turns: Iterable[Turn] = (),
        *,
        api_key: str | None = None,
        cache: PromptCache | None = None,
    ) -> None:
        self.api_key = api_key
        self.cache = cache or PromptCache()
        self.requests: list[JSONObject] = []
        self.usages: list[JSONObject] = []
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
            answer_usage = {**self._usage(body, turn), **turn.usage}
            self.usages.append(answer_usage)
        return JSONResponse(
            {
                "id": f"msg_fake_{number}",
                "type": "message",
                "role": "assistant",
                "model": body["model"],
                "content": list(turn.content),
                "stop_reason": turn.stop_reason,
                "stop_sequence": None,
                "usage": answer_usage,
            },
            headers={"request-id": f"req_fake_{number}"},
        )

    def _usage(self, body: JSONObject, turn: Reply) -> JSONObject:
        cached = self.cache.account(body)
        written = cached.cache_creation_input_tokens
        return {
            "input_tokens": cached.input_tokens,
            "output_tokens": count_tokens(json.dumps(list(turn.content))),
            "cache_creation_input_tokens": written,
            "cache_read_input_tokens": cached.cache_read_input_tokens,
            "cache_creation": {
                "ephemeral_5m_input_tokens": written,
                "ephemeral_1h_input_tokens": 0,
            },
        }

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
