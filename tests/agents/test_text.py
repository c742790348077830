"""Truncating long tool output from the middle."""

import pytest

from pace_app.agents.text import omission_marker, truncate_middle


@pytest.mark.parametrize("limit", [40, 41, 50, 99, 100, 500, 999])
def test_truncation_keeps_both_ends_within_the_limit(limit: int) -> None:
    text = "".join(chr(97 + i % 26) for i in range(1000))
    result = truncate_middle(text, limit)
    head, _, rest = result.partition("\n[… ")
    count_text, _, tail = rest.partition(" characters omitted …]\n")
    assert len(result) <= limit
    assert text.startswith(head)
    assert text.endswith(tail)
    assert len(head) + int(count_text) + len(tail) == len(text)
    assert len(head) - len(tail) in (0, 1)


@pytest.mark.parametrize(("text", "limit"), [("", 0), ("short", 5), ("short", 100)])
def test_short_text_is_unchanged(text: str, limit: int) -> None:
    assert truncate_middle(text, limit) == text


def test_the_count_is_exact_when_its_digit_count_changes() -> None:
    text = "x" * 10_005
    marker_9999 = len(omission_marker(9_999))
    result = truncate_middle(text, marker_9999 + 6)
    assert len(result) <= marker_9999 + 6
    assert "[… 10000 characters omitted …]" in result or "[… 9999 characters omitted …]" in result
    kept = len(result) - len(omission_marker(int(result.split("[… ")[1].split(" ")[0])))
    assert kept + int(result.split("[… ")[1].split(" ")[0]) == len(text)


def test_a_limit_too_small_for_the_marker_keeps_the_head() -> None:
    assert truncate_middle("abcdefghij" * 10, 8) == "abcdefgh"


def test_a_negative_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        truncate_middle("x", -1)
