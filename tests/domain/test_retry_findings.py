"""Retry findings survive the run record's JSON and refuse what is not theirs."""

import json

import pytest

from pace_app.domain.findings import Finding
from pace_app.domain.retry_findings import (
    FailingTest,
    GateAnnotation,
    RetryFindings,
    SentinelFinding,
    location,
)
from pace_app.errors import StoreError

FOUND = RetryFindings(
    failing_tests=(FailingTest("t::a", "boom", "t.py", 3, "trace"), FailingTest("t::b", "x")),
    annotations=(GateAnnotation("a.py", 1, "E1", "ruff"),),
    gate_problems=("The build command `make` failed",),
    sentinel=(SentinelFinding("CWE-89", "high", "SQL", "db.py", None, "bind"),),
)


def test_findings_round_trip_through_json() -> None:
    stored = json.loads(json.dumps(FOUND.to_json()))
    assert RetryFindings.from_json(stored) == FOUND
    assert bool(FOUND)
    assert not RetryFindings()


def test_nothing_stored_means_no_findings_and_newer_fields_are_ignored() -> None:
    assert RetryFindings.from_json(None) == RetryFindings()
    stored = FOUND.to_json()
    stored["failing_tests"][0]["duration"] = 1.5
    stored["added_later"] = []
    assert RetryFindings.from_json(stored) == FOUND


def test_a_list_of_text_findings_reads_as_recorded_findings() -> None:
    found = RetryFindings.from_json(["GATE: a.py:3 fails", "SENTINEL: S608"])
    assert found == RetryFindings(recorded=("GATE: a.py:3 fails", "SENTINEL: S608"))
    assert RetryFindings.from_json(found.to_json()) == found
    assert bool(RetryFindings(recorded=("x",)))


@pytest.mark.parametrize(
    "stored",
    [[1], "a finding", {"failing_tests": [{"message": "no name"}]}, {"sentinel": [1]}],
)
def test_malformed_findings_raise_store_error(stored: object) -> None:
    with pytest.raises(StoreError, match="malformed retry findings"):
        RetryFindings.from_json(stored)


def test_places_read_as_path_and_line() -> None:
    assert (location("a.py", 3), location("a.py", None), location(None, 3)) == (
        "a.py:3",
        "a.py",
        "",
    )
    assert FOUND.failing_tests[0].where == "t.py:3"
    assert FOUND.failing_tests[1].where == ""
    assert FOUND.annotations[0].where == "a.py:1"
    assert FOUND.sentinel[0].where == "db.py"


def test_a_sentinel_finding_keeps_its_rule_and_place_but_not_its_anchor() -> None:
    finding = Finding("db.py", 9, "critical", "S608", "SQL", None, "ruff", "query = f'{x}'")
    kept = SentinelFinding.of(finding)
    assert kept == SentinelFinding("S608", "critical", "SQL", "db.py", 9, "")
    assert "query" not in json.dumps(RetryFindings(sentinel=(kept,)).to_json())
