"""Tests for the sandbox policy and command result."""

from __future__ import annotations

from typing import Any

import pytest

from pace_app.errors import SandboxError
from pace_app.sandbox.policy import CommandResult, SandboxPolicy


def result(**overrides: Any) -> CommandResult:
    """Build a result with plausible defaults."""
    fields: dict[str, Any] = {
        "command": "pytest -q",
        "exit_code": 0,
        "timed_out": False,
        "duration": 1.5,
        "output": "abcdef",
        "truncated": False,
        "sandboxed": True,
    }
    fields.update(overrides)
    return CommandResult(**fields)


def test_policy_defaults() -> None:
    policy = SandboxPolicy()
    assert (policy.mode, policy.network, policy.timeout) == ("auto", False, 600.0)
    assert policy.max_output_bytes == 1024 * 1024


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"mode": "sometimes"}, "sandbox.mode must be one of auto, required, off"),
        ({"timeout": 0}, "timeout must be positive"),
        ({"max_output_bytes": 10}, "at least 256 bytes"),
        ({"kill_grace": -1}, "must not be negative"),
    ],
)
def test_policy_rejects_bad_values(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(SandboxError, match=message):
        SandboxPolicy(**fields)


@pytest.mark.parametrize(("n", "expected"), [(3, "def"), (100, "abcdef"), (0, ""), (-2, "")])
def test_tail_returns_the_last_characters(n: int, expected: str) -> None:
    assert result().tail(n) == expected


@pytest.mark.parametrize(
    ("fields", "succeeded"),
    [
        ({}, True),
        ({"exit_code": 1}, False),
        ({"exit_code": None, "timed_out": True}, False),
    ],
)
def test_succeeded(fields: dict[str, Any], succeeded: bool) -> None:
    assert result(**fields).succeeded is succeeded
