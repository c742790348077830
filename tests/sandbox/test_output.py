"""Tests for the bounded output buffer."""

from __future__ import annotations

import pytest

from pace_app.sandbox.output import OutputCap


def test_short_output_is_kept_whole() -> None:
    cap = OutputCap(100)
    for chunk in (b"hello ", b"", b"world"):
        cap.feed(chunk)
    kept = cap.result()
    assert (kept.text, kept.truncated, kept.total_bytes) == ("hello world", False, 11)


def test_output_exactly_at_the_limit_is_not_truncated() -> None:
    cap = OutputCap(10)
    cap.feed(b"0123456789")
    assert cap.result().text == "0123456789"
    assert not cap.result().truncated


def test_long_output_keeps_head_and_tail_with_a_marker() -> None:
    cap = OutputCap(20)
    cap.feed(b"HEAD-" + b"x" * 1000)
    cap.feed(b"y" * 500)
    cap.feed(b"-TAIL")
    kept = cap.result()
    assert kept.truncated
    assert kept.text.startswith("HEAD-xxxxx\n[... 1490 bytes of output omitted ...]\n")
    assert kept.text.endswith("yyyyy-TAIL")
    assert kept.total_bytes == 1510


def test_memory_stays_within_the_limit_for_many_small_chunks() -> None:
    cap = OutputCap(1024)
    for i in range(20_000):
        cap.feed(f"line {i}\n".encode())
        assert cap.retained <= 1024
    assert cap.result().text.endswith("line 19999\n")


def test_huge_single_chunk_keeps_only_its_end_in_the_tail() -> None:
    cap = OutputCap(8)
    cap.feed(b"abcd" + b"-" * 100 + b"wxyz")
    assert cap.retained == 8
    kept = cap.result()
    assert kept.text.startswith("abcd\n")
    assert kept.text.endswith("\nwxyz")


def test_character_split_between_head_and_tail_stays_whole() -> None:
    cap = OutputCap(4)
    cap.feed("aé".encode())  # 3 bytes: the head holds "a" and half of "é"
    cap.feed(b"b")
    assert cap.result().text == "aéb"


def test_undecodable_bytes_are_replaced() -> None:
    cap = OutputCap(16)
    cap.feed(b"ok \xff")
    assert cap.result().text == "ok \ufffd"


def test_rejects_a_tiny_limit() -> None:
    with pytest.raises(ValueError, match="at least 2 bytes"):
        OutputCap(1)
