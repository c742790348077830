"""JUnit parsing on reports real pytest runs write, and on hostile or broken input."""

from __future__ import annotations

from pathlib import Path

import pytest

from pace_app.agents.gate.junit import MAX_REPORT_BYTES, UNREADABLE, locate, parse_junit
from tests.agents.gate.conftest import run_pytest, write_project


def test_xunit1_report_counts_and_places_the_failure(project: Path, tmp_path: Path) -> None:
    data = run_pytest(project, tmp_path / "r.xml", "-o", "junit_family=xunit1")
    report = parse_junit(data)
    assert (report.passed, report.failed, report.errors, report.skipped) == (1, 1, 0, 1)
    assert report.problem is None
    assert not report.ok
    assert report.total == 3
    assert report.duration > 0
    (failure,) = report.failures
    assert failure.test_id == "tests.test_calc::test_subtracts"
    # The traceback's frame (the assert, 1-based line 14) beats the 0-based def line.
    assert (failure.file, failure.line) == ("tests/test_calc.py", 14)
    assert "assert 1 == 3" in failure.message
    assert "AssertionError" in failure.text


def test_default_family_report_is_placed_from_the_traceback(project: Path, tmp_path: Path) -> None:
    report = parse_junit(run_pytest(project, tmp_path / "r.xml"))
    (failure,) = report.failures
    assert (failure.file, failure.line) == ("tests/test_calc.py", 14)


def test_errors_in_fixtures_count_as_errors(tmp_path: Path) -> None:
    project = write_project(
        tmp_path / "p",
        {
            "pytest.ini": "[pytest]\n",
            "test_fix.py": (
                "import pytest\n\n@pytest.fixture\ndef broken():\n    raise RuntimeError('no db')\n"
                "\n\ndef test_uses(broken):\n    pass\n"
            ),
        },
    )
    report = parse_junit(run_pytest(project, tmp_path / "r.xml", "-o", "junit_family=xunit1"))
    assert (report.passed, report.failed, report.errors) == (0, 0, 1)
    (error,) = report.failures
    assert error.kind == "error"
    assert error.file == "test_fix.py"
    assert "no db" in error.text


def test_all_passing_report_is_ok(tmp_path: Path) -> None:
    project = write_project(
        tmp_path / "p", {"pytest.ini": "[pytest]\n", "test_ok.py": "def test_ok():\n    pass\n"}
    )
    report = parse_junit(run_pytest(project, tmp_path / "r.xml"))
    assert report.ok
    assert report.passed == 1
    assert report.failures == ()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<testsuites><testsuite>", "invalid XML"),
        (b"", "invalid XML"),
        (b"<html/>", "root element is <html>"),
        (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><testsuites/>',
            "DOCTYPE or an entity",
        ),
        (b"<!entity a 'b'><testsuites/>", "DOCTYPE or an entity"),
        ("<testsuites/>".encode("utf-16"), "not UTF-8"),
        (b"<testsuites>\x00</testsuites>", "not UTF-8"),
        (b" " * (MAX_REPORT_BYTES + 1), "larger than"),
    ],
)
def test_unreadable_reports_say_why_and_never_raise(data: bytes, reason: str) -> None:
    report = parse_junit(data)
    assert report.problem is not None
    assert report.problem.startswith(UNREADABLE)
    assert reason in report.problem
    assert not report.ok
    assert report.total == 0


def test_hand_written_single_suite_without_times() -> None:
    data = (
        b'<testsuite time="bad"><testcase classname="a.b" name="t1" time="x"/>'
        b'<testcase name="t2"><failure>boom\nValueError: bad</failure></testcase>'
        b'<testcase classname="c" name="t3" file="c.py" line="4"><error message="e"/></testcase>'
        b'<testcase classname="c" name="t4" file="c.py"><failure message="m"/>'
        b'<error message="teardown"/></testcase>'
        b"</testsuite>"
    )
    report = parse_junit(data)
    assert (report.passed, report.failed, report.errors) == (1, 2, 1)
    assert report.duration == 0.0
    first, second, third, fourth = report.failures
    assert (first.test_id, first.file, first.line) == ("t2", None, None)
    assert first.message == "ValueError: bad"
    assert (second.file, second.line, second.kind) == ("c.py", 5, "error")
    assert (third.file, third.line) == ("c.py", None)
    assert fourth.kind == "error"
    assert fourth.message == "teardown"


def test_case_times_add_up_when_suites_have_none() -> None:
    data = b'<testsuites><testsuite><testcase name="a" time="0.5"/></testsuite></testsuites>'
    assert parse_junit(data).duration == 0.5


def test_locate_matches_frames_by_file_or_module() -> None:
    text = "lib/x.py:3: in helper\n./tests/test_a.py:9: in test\nlib/x.py:7: ValueError"
    assert locate(text, classname="tests.test_a.TestA") == ("./tests/test_a.py", 9)
    assert locate(text, classname="tests.test_a", file="tests/test_a.py") == (
        "tests/test_a.py",
        9,
    )
    assert locate(text, classname="", file="other/tests/test_a.py", line="x") == (
        "other/tests/test_a.py",
        None,
    )
    assert locate("proj/tests/test_b.py:0: E", classname="", file="tests/test_b.py") == (
        "tests/test_b.py",
        1,
    )
