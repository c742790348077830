"""One duration grammar for settings and the command line."""

from datetime import timedelta

import pytest

from pace_app.domain.duration import parse_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30s", timedelta(seconds=30)),
        ("1s", timedelta(seconds=1)),
        ("15m", timedelta(minutes=15)),
        ("6h", timedelta(hours=6)),
        ("2d", timedelta(days=2)),
        (" 6 h ", timedelta(hours=6)),
        ("6H", timedelta(hours=6)),
        ("3650d", timedelta(days=3650)),
        ("90m", timedelta(minutes=90)),
    ],
)
def test_durations_are_a_number_and_a_unit(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("soon", "is not a duration like 30m, 6h or 2d"),
        ("", "is not a duration"),
        ("7", "is not a duration"),
        ("w", "is not a duration"),
        ("1.5h", "is not a duration"),
        ("-1h", "is not a duration"),
        ("1h30m", "is not a duration"),
        ("6 hours", "is not a duration"),
        ("9999999999d", "is not a duration"),
        ("0m", "is not longer than zero"),
        ("3651d", "is longer than 3650 days"),
        ("999999999d", "is longer than 3650 days"),
    ],
)
def test_anything_else_is_refused_without_echoing_it(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem) as error:
        parse_duration(text)
    assert text.strip() == "" or text not in str(error.value)
