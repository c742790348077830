"""The fake Messages API accounts prompt caching the way Anthropic documents it."""

from typing import Any

import pytest

from tests.fakes.fake_model_cache import (
    CacheUsage,
    PromptCache,
    count_tokens,
    min_cacheable_tokens,
    prompt_blocks,
)

MARK = {"type": "ephemeral"}
BIG = "x" * 8000  # 2000 tokens: over the 1024-token minimum of Sonnet


def text(value: str, *, cached: bool = False) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "text", "text": value}
    if cached:
        block["cache_control"] = MARK
    return block


def request(*user_blocks: dict[str, Any], system: str = BIG, **extra: Any) -> dict[str, Any]:
    return {
        "model": "claude-sonnet-4-6",
        "max_tokens": 16,
        "system": [text(system, cached=True)],
        "messages": [{"role": "user", "content": list(user_blocks)}],
        **extra,
    }


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_tokens_and_minimum_lengths() -> None:
    assert count_tokens("") == 1
    assert count_tokens("abcdefgh") == 2
    assert min_cacheable_tokens("claude-opus-4-6") == 4096
    assert min_cacheable_tokens("claude-haiku-4-5-20251001") == 4096
    assert min_cacheable_tokens("claude-sonnet-4-6") == 1024


def test_prompt_order_is_tools_then_system_then_messages() -> None:
    body = {
        "model": "m",
        "tools": [{"name": "t", "input_schema": {"type": "object"}, "cache_control": MARK}],
        "system": "Be brief.",
        "messages": [{"role": "user", "content": "Hi"}],
    }

    blocks = prompt_blocks(body)

    assert [ttl for _text, ttl in blocks] == ["5m", None, None]
    assert '"name": "t"' in blocks[0][0]
    assert "cache_control" not in blocks[0][0]
    assert "Be brief." in blocks[1][0]
    assert '"_role": "user"' in blocks[2][0]


def test_a_write_then_a_read_of_the_same_prefix() -> None:
    cache = PromptCache()
    body = request(text("Question one?"))

    first = cache.account(body)
    second = cache.account(request(text("Question two?")))

    system_tokens = count_tokens(str(prompt_blocks(body)[0][0]))
    assert first == CacheUsage(first.input_tokens, system_tokens, 0)
    assert second.cache_read_input_tokens == system_tokens
    assert second.cache_creation_input_tokens == 0
    assert second.billed == pytest.approx(second.input_tokens + 0.1 * system_tokens)


def test_a_prefix_under_the_minimum_is_not_cached() -> None:
    cache = PromptCache()
    body = request(text("Q?"), system="short")

    first = cache.account(body)
    second = cache.account(body)

    assert first == second
    assert first.cache_creation_input_tokens == first.cache_read_input_tokens == 0


def test_a_breakpoint_looks_back_twenty_blocks_and_no_further() -> None:
    cache = PromptCache()
    first = [text(BIG, cached=True)]
    cache.account(request(*first, system="s"))
    near = [text(BIG), *[text(f"b{i}") for i in range(19)], text("last", cached=True)]
    far = [text(BIG), *[text(f"c{i}") for i in range(20)], text("last", cached=True)]

    found = cache.account(request(*near, system="s"))
    missed = cache.account(request(*far, system="s"))

    assert found.cache_read_input_tokens > 2000
    assert missed.cache_read_input_tokens == 0
    assert missed.cache_creation_input_tokens == sum(
        count_tokens(t) for t, _ in prompt_blocks(request(*far, system="s"))
    )


def test_a_second_breakpoint_reads_what_the_lookback_cannot_reach() -> None:
    cache = PromptCache()
    cache.account(request(text(BIG, cached=True), system="s"))
    far = [
        text(BIG, cached=True),
        *[text(f"c{i}") for i in range(30)],
        text("last", cached=True),
    ]

    usage = cache.account(request(*far, system="s"))

    total = sum(count_tokens(t) for t, _ in prompt_blocks(request(*far, system="s")))
    assert usage.cache_read_input_tokens > 2000
    assert usage.input_tokens == 0
    assert usage.cache_read_input_tokens + usage.cache_creation_input_tokens == total


def test_entries_expire_after_five_minutes_unless_read() -> None:
    clock = Clock()
    cache = PromptCache(clock=clock)
    body = request(text("Q?"))
    cache.account(body)

    clock.now = 299.0
    assert cache.account(body).cache_read_input_tokens > 0  # the read refreshes the entry
    clock.now = 598.0
    assert cache.account(body).cache_read_input_tokens > 0
    clock.now = 1000.0
    assert cache.account(body).cache_read_input_tokens == 0


def test_the_cache_is_per_model() -> None:
    cache = PromptCache()
    cache.account(request(text("Q?")))

    other = cache.account({**request(text("Q?")), "model": "claude-sonnet-4-5"})

    assert other.cache_read_input_tokens == 0


def test_string_content_and_string_system_count_as_blocks() -> None:
    cache = PromptCache()
    body = {"model": "m", "system": "plain", "messages": [{"role": "user", "content": BIG}]}

    usage = cache.account(body)

    assert usage.input_tokens == sum(count_tokens(t) for t, _ in prompt_blocks(body))
