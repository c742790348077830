"""Fingerprints, ordering, deduplication and the verdict."""

from __future__ import annotations

import dataclasses

import pytest

from pace_app.domain.findings import (
    Finding,
    Severity,
    dedupe,
    fingerprint,
    is_severity,
    normalise,
    ordered,
    rank,
    verdict,
)


def finding(severity: Severity = "high", **changes: object) -> Finding:
    base = Finding(
        path="app.py",
        line=4,
        severity=severity,
        category="shell-injection",
        message="S602: shell=True",
        source="ruff",
        anchor="    subprocess.run(cmd, shell=True)",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_fingerprint_survives_a_moved_line() -> None:
    moved = finding(line=40, anchor="  subprocess.run(cmd,   shell=True)  ")
    assert fingerprint(moved) == fingerprint(finding())


def test_fingerprint_changes_with_the_line_text_path_or_category() -> None:
    original = fingerprint(finding())
    assert fingerprint(finding(anchor="os.system(cmd)")) != original
    assert fingerprint(finding(path="other.py")) != original
    assert fingerprint(finding(category="eval")) != original


def test_fingerprint_ignores_numbers_and_case_in_the_message() -> None:
    assert fingerprint(finding(message="Line 4: SHELL")) == fingerprint(
        finding(message="line 12:   shell")
    )
    assert normalise("  Line 12\tHere ") == "line # here"


def test_repr_keeps_the_anchor_out() -> None:
    text = repr(finding(anchor="password = 'hunter2'"))
    assert "hunter2" not in text
    assert "app.py" in text


def test_location() -> None:
    assert finding().location == "app.py:4"
    assert finding(line=None).location == "app.py"


def test_severity_helpers() -> None:
    assert is_severity("critical")
    assert not is_severity("urgent")
    assert [rank(s) for s in ("low", "medium", "high", "critical")] == [0, 1, 2, 3]


def test_ordered_puts_the_most_severe_first() -> None:
    low = finding("low", path="b.py")
    critical = finding("critical", path="z.py")
    medium = finding("medium", line=None)
    assert ordered([low, medium, critical]) == [critical, medium, low]


def test_dedupe_keeps_the_most_severe_of_equal_fingerprints() -> None:
    kept = dedupe([finding("medium"), finding("high", line=9), finding("low", path="x.py")])
    assert [(f.severity, f.path) for f in kept] == [("high", "app.py"), ("low", "x.py")]
    assert dedupe([finding("high"), finding("medium")])[0].severity == "high"


@pytest.mark.parametrize(
    ("severities", "block_on", "expected"),
    [
        ((), "high", "SHIP"),
        (("low", "medium"), "high", "ADVISORY"),
        (("low", "high"), "high", "HOLD"),
        (("critical",), "high", "HOLD"),
        (("high",), "critical", "ADVISORY"),
        (("low",), "low", "HOLD"),
    ],
)
def test_verdict(severities: tuple[Severity, ...], block_on: Severity, expected: str) -> None:
    sure = [finding(s, confidence="high") for s in severities]
    assert verdict(sure, block_on) == expected


def test_only_a_sure_or_confirmed_finding_holds() -> None:
    guess = finding("critical", source="model", confidence="medium")
    assert verdict([guess], "high") == "ADVISORY"
    assert verdict([dataclasses.replace(guess, confirmed=True)], "high") == "HOLD"


def test_two_layers_on_one_place_confirm_each_other() -> None:
    scanner = finding("high", cwe="CWE-78")
    model = finding("medium", source="model", cwe="CWE-78", message="other words")
    kept = dedupe([scanner, model])
    assert [(f.source, f.confirmed) for f in kept] == [("ruff", True)]
