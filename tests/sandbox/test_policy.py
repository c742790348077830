"""Tests for the sandbox policy and command result."""

from __future__ import annotations

from typing import Any

import pytest

from pace_app.errors import SandboxError
from pace_app.sandbox.policy import (
    OFF_NOTE,
    CommandResult,
    Limits,
    SandboxMode,
    SandboxPolicy,
    SandboxRequest,
    size_text,
    tighten,
)


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


def test_policy_defaults_are_strict() -> None:
    policy = SandboxPolicy()
    assert (policy.mode, policy.setup_network, policy.timeout) == ("required", False, 600.0)
    assert policy.max_output_bytes == 1024 * 1024
    assert policy.limits == Limits(2 * 1024**3, 256, 1024**3, 10 * 1024**3)
    assert (policy.setup_hosts, policy.protected_paths, policy.notes) == ((), (), ())


LOOSER = "the repository asked for sandbox.mode {asked}; the operator's policy `{operator}` applies"
NO_NETWORK = (
    "the repository asked for network during setup; the operator's policy "
    "(SANDBOX_SETUP_NETWORK off) runs setup without network"
)


@pytest.mark.parametrize(
    ("operator", "asked", "mode", "notes"),
    [
        ("required", None, "required", ()),
        ("required", "required", "required", ()),
        ("required", "auto", "required", (LOOSER.format(asked="auto", operator="required"),)),
        ("required", "off", "required", (LOOSER.format(asked="off", operator="required"),)),
        ("auto", None, "auto", ()),
        ("auto", "required", "required", ()),
        ("auto", "off", "auto", (LOOSER.format(asked="off", operator="auto"),)),
        ("off", None, "off", (OFF_NOTE,)),
        ("off", "off", "off", (OFF_NOTE,)),
        ("off", "auto", "auto", ()),
        ("off", "required", "required", ()),
    ],
)
def test_a_repository_may_only_tighten_the_mode(
    operator: SandboxMode, asked: SandboxMode | None, mode: str, notes: tuple[str, ...]
) -> None:
    effective = tighten(SandboxPolicy(mode=operator), SandboxRequest(mode=asked))
    assert (effective.mode, effective.notes) == (mode, notes)


@pytest.mark.parametrize(
    ("operator", "asked", "network", "notes"),
    [
        (False, None, False, ()),
        (False, False, False, ()),
        (False, True, False, (NO_NETWORK,)),
        (True, None, True, ()),
        (True, True, True, ()),
        (True, False, False, ()),
    ],
)
def test_a_repository_may_only_turn_the_setup_network_off(
    operator: bool, asked: bool | None, network: bool, notes: tuple[str, ...]
) -> None:
    effective = tighten(SandboxPolicy(setup_network=operator), SandboxRequest(setup_network=asked))
    assert (effective.setup_network, effective.notes) == (network, notes)


def test_tighten_keeps_the_operators_limits_and_notes() -> None:
    limits = Limits(memory_bytes=1024**3, processes=10, file_bytes=1024, disk_bytes=4096)
    operator = SandboxPolicy(limits=limits, timeout=5, notes=("from the operator",))
    effective = tighten(operator, SandboxRequest(mode="off"))
    assert (effective.limits, effective.timeout) == (limits, 5)
    assert effective.notes[0] == "from the operator"


@pytest.mark.parametrize("name", ["memory_bytes", "processes", "file_bytes", "disk_bytes"])
def test_limits_must_be_positive(name: str) -> None:
    with pytest.raises(SandboxError, match=f"{name} must be positive"):
        Limits(**{name: 0})


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (2 * 1024**3, "2 GiB"),
        (512 * 1024**2, "512 MiB"),
        (3 * 1024, "3 KiB"),
        (1536 * 1024 + 1, "1.5 MiB"),
        (100, "100 bytes"),
    ],
)
def test_size_text(count: int, text: str) -> None:
    assert size_text(count) == text


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
        ({"exit_code": None, "limit": "killed: memory limit 2 GiB reached"}, False),
    ],
)
def test_succeeded(fields: dict[str, Any], succeeded: bool) -> None:
    assert result(**fields).succeeded is succeeded
