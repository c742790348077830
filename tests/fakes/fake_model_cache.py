"""Prompt-cache accounting of the fake Messages API, as Anthropic documents it.

- The prompt is one sequence of blocks in the order tools → system → messages; a
  cache entry is the exact prefix up to a block that carries ``cache_control`` (a
  breakpoint), for one model. At most four breakpoints are allowed per request (the
  request checks refuse more).
- A breakpoint reads the longest entry found at its own position or at any of the 20
  block boundaries before it; entries are written only at breakpoints, and only when
  the prefix reaches the model's minimum cacheable length.
- Entries live five minutes (one hour with ``ttl: "1h"``), and a read refreshes them.
- ``usage`` reports ``cache_read_input_tokens`` (the longest prefix read),
  ``cache_creation_input_tokens`` (from there up to the last cached breakpoint) and
  ``input_tokens`` (everything after it), which add up to the whole prompt.

Tokens are counted as a quarter of the characters of each block's JSON, so the figures
are stable and comparable, not those of a real tokenizer.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

LOOKBACK_BLOCKS = 20
TTL_SECONDS = {"5m": 300.0, "1h": 3600.0}
# Documented minimum cacheable prompt lengths; longest matching prefix wins.
MIN_CACHEABLE_TOKENS = {
    "claude-opus-4-6": 4096,
    "claude-opus-4-5": 4096,
    "claude-haiku-4-5": 4096,
    "claude-3-5-haiku": 2048,
    "claude-3-haiku": 2048,
}
DEFAULT_MIN_CACHEABLE_TOKENS = 1024


@dataclass(frozen=True, slots=True)
class CacheUsage:
    """The input side of one request's usage."""

    input_tokens: int
    cache_creation_input_tokens: int
    cache_read_input_tokens: int

    @property
    def billed(self) -> float:
        """Return input-equivalent tokens: input + 1.25 x writes + 0.1 x reads."""
        return (
            self.input_tokens
            + 1.25 * self.cache_creation_input_tokens
            + 0.1 * self.cache_read_input_tokens
        )


@dataclass(frozen=True, slots=True)
class _Block:
    tokens: int
    ttl: str | None  # None: not a breakpoint


def count_tokens(text: str) -> int:
    """Return the fake's token count of some text: a quarter of its characters, at least 1."""
    return max(1, (len(text) + 3) // 4)


def min_cacheable_tokens(model: str) -> int:
    """Return the documented minimum cacheable prompt length of a model."""
    for name in sorted(MIN_CACHEABLE_TOKENS, key=len, reverse=True):
        if model.startswith(name):
            return MIN_CACHEABLE_TOKENS[name]
    return DEFAULT_MIN_CACHEABLE_TOKENS


def prompt_blocks(body: dict[str, Any]) -> list[tuple[str, str | None]]:
    """Return the prompt as (canonical JSON without the cache mark, ttl or None) per block."""
    blocks: list[tuple[str, str | None]] = []

    def add(item: dict[str, Any]) -> None:
        mark = item.get("cache_control")
        bare = {key: value for key, value in item.items() if key != "cache_control"}
        ttl = mark.get("ttl", "5m") if isinstance(mark, dict) else None
        blocks.append((json.dumps(bare, sort_keys=True, ensure_ascii=False), ttl))

    for tool in body.get("tools") or []:
        add(tool)
    system = body.get("system")
    if isinstance(system, str) and system:
        add({"type": "text", "text": system})
    elif isinstance(system, list):
        for block in system:
            add(block)
    for message in body.get("messages") or []:
        content = message["content"]
        if isinstance(content, str):
            content = [{"type": "text", "text": content}]
        for block in content:
            # The role is part of what the model reads, so it is part of the prefix.
            add({**block, "_role": message["role"]})
    return blocks


class PromptCache:
    """The cache entries of one fake API, keyed by the hash of a prefix."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._entries: dict[str, tuple[int, float]] = {}  # hash -> (tokens, expires at)

    def account(self, body: dict[str, Any]) -> CacheUsage:
        """Read and write the cache for one request and return its input usage."""
        model = str(body.get("model", ""))
        raw = prompt_blocks(body)
        blocks = [_Block(count_tokens(text), ttl) for text, ttl in raw]
        hashes: list[str] = []
        running = hashlib.sha256(model.encode())
        totals: list[int] = []
        total = 0
        for (text, _mark), block in zip(raw, blocks, strict=True):
            running.update(text.encode())
            running.update(b"\x00")
            hashes.append(running.copy().hexdigest())
            total += block.tokens
            totals.append(total)
        now = self._clock()
        breakpoints = [index for index, block in enumerate(blocks) if block.ttl is not None]
        read = 0
        for index in breakpoints:
            for position in range(index, max(-1, index - LOOKBACK_BLOCKS - 1), -1):
                entry = self._entries.get(hashes[position])
                if entry is not None and entry[1] > now:
                    read = max(read, totals[position])
                    self._entries[hashes[position]] = (entry[0], now + _ttl(blocks[index]))
                    break
        cached_end = read
        minimum = min_cacheable_tokens(model)
        for index in breakpoints:
            if totals[index] >= minimum:
                self._entries[hashes[index]] = (totals[index], now + _ttl(blocks[index]))
                cached_end = max(cached_end, totals[index])
        return CacheUsage(
            input_tokens=total - cached_end,
            cache_creation_input_tokens=cached_end - read,
            cache_read_input_tokens=read,
        )


def _ttl(block: _Block) -> float:
    return TTL_SECONDS.get(block.ttl or "5m", TTL_SECONDS["5m"])
