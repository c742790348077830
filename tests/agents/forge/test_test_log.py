"""Test logs cut to their failures and totals, on logs real pytest and unittest runs write."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from pace_app.agents.forge.loop import command_report
from pace_app.agents.forge.test_log import (
    MAX_BLOCK_LINES,
    MAX_BRIEF_PER_TEST,
    MAX_CAPTURED_LINES,
    MAX_FULL_BLOCKS,
    omitted_line,
    summarise_test_log,
)
from pace_app.sandbox import CommandResult

PYTEST_SUITE = """
import pytest


@pytest.mark.parametrize("n", range(40))
def test_many(n):
    assert n >= 0


def helper(key):
    return {"a": 1}[key]


def test_key():
    assert helper("b") == 1


def test_list():
    assert [1, 2, 3] == [1, 2, 4]
"""

UNITTEST_SUITE = """
import unittest


class WordsTest(unittest.TestCase):
    def test_upper(self):
        for n in range(30):
            with self.subTest(n=n):
                self.assertEqual(str(n).upper(), "x")

    def test_other(self):
        self.assertIn("a", "bcd")

    def test_fine(self):
        self.assertTrue(True)
"""


def run(tmp_path: Path, suite: str, *command: str) -> str:
    """Run a real test command on a one-file suite and return what it printed."""
    (tmp_path / "test_suite.py").write_text(suite)
    done = subprocess.run(
        [sys.executable, *command],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.stdout + done.stderr


def pytest_log(tmp_path: Path, suite: str = PYTEST_SUITE) -> str:
    return run(tmp_path, suite, "-m", "pytest", "-p", "no:cacheprovider", "test_suite.py")


def test_a_failing_pytest_run_keeps_the_failures_and_the_totals(tmp_path: Path) -> None:
    log = pytest_log(tmp_path)
    summary = summarise_test_log(log)
    assert summary is not None
    lines = log.splitlines()
    header = next(i for i, line in enumerate(lines) if re.match(r"=+ FAILURES =+$", line))
    assert summary.splitlines()[0] == omitted_line(header)
    assert "test session starts" not in summary
    assert "collected 42 items" not in summary
    # Everything from the failures on is kept as pytest wrote it.
    assert summary.splitlines()[1:] == lines[header:]
    assert "E       KeyError: 'b'" in summary
    assert "FAILED test_suite.py::test_list" in summary
    assert re.search(r"2 failed, 40 passed in [\d.]+s", summary.splitlines()[-1])


def test_a_passing_pytest_run_is_its_totals_line(tmp_path: Path) -> None:
    log = pytest_log(
        tmp_path,
        "def test_one():\n    pass\n" * 1
        + "".join(f"def test_{n}():\n    pass\n" for n in range(30)),
    )
    summary = summarise_test_log(log)
    assert summary is not None
    omitted, totals = summary.splitlines()
    assert omitted == omitted_line(len(log.splitlines()) - 1)
    assert re.fullmatch(r"=+ 31 passed in [\d.]+s =+", totals)


def test_many_failures_show_a_few_whole_and_the_rest_in_brief(tmp_path: Path) -> None:
    suite = (
        "import pytest\n\n\n"
        '@pytest.mark.parametrize("n", range(30))\n'
        "def test_case(n):\n    assert n < 0\n\n\n"
        "def test_alone():\n    raise RuntimeError('broken')\n"
    )
    summary = summarise_test_log(pytest_log(tmp_path, suite))
    assert summary is not None
    whole = re.findall(r"^_{3,} (test_case\[\d+\]) _{3,}$", summary, re.MULTILINE)
    assert whole == [f"test_case[{n}]" for n in range(MAX_FULL_BLOCKS)]
    briefs = re.findall(r"^- (test_\w+(?:\[\d+\])?): (.*)$", summary, re.MULTILINE)
    # A few cases of the parametrised test, and the other test is not crowded out.
    assert [name for name, _ in briefs if name.startswith("test_case")] == [
        f"test_case[{n}]" for n in range(MAX_FULL_BLOCKS, MAX_FULL_BLOCKS + MAX_BRIEF_PER_TEST)
    ]
    assert ("test_alone", "E       RuntimeError: broken") in briefs
    left = 30 - MAX_FULL_BLOCKS - MAX_BRIEF_PER_TEST
    assert f"[and {left} more: {left} of test_case]" in summary
    assert "26 more failures, in brief:" in summary
    assert "31 failed" in summary.splitlines()[-1]


def test_a_long_failure_keeps_its_head_and_its_end(tmp_path: Path) -> None:
    printed = "".join(f"    print('line {n}')\n" for n in range(200))
    suite = f"def test_noisy():\n{printed}    assert 1 == 2\n"
    summary = summarise_test_log(pytest_log(tmp_path, suite))
    assert summary is not None
    block = summary.split("FAILURES", 1)[1]
    assert "def test_noisy():" in block
    assert "E       assert 1 == 2" in block
    assert re.search(r"^\[\d+ lines omitted\]$", block, re.MULTILINE)
    assert "Captured stdout call" in block
    assert "line 199" in block  # the end of what the test printed
    assert "line 100" not in block
    kept = block.split("short test summary info")[0].splitlines()
    assert len(kept) <= MAX_BLOCK_LINES + MAX_CAPTURED_LINES + 6


def test_a_unittest_run_keeps_its_fail_blocks_and_closing_lines(tmp_path: Path) -> None:
    log = run(tmp_path, UNITTEST_SUITE, "-m", "unittest", "test_suite")
    summary = summarise_test_log(log)
    assert summary is not None
    assert summary.count("Traceback (most recent call last):") == MAX_FULL_BLOCKS
    assert "FAIL: test_other" in summary  # another test is not crowded out by sub-tests
    assert "AssertionError: 'a' not found in 'bcd'" in summary
    assert re.search(r"^Ran 3 tests in [\d.]+s$", summary, re.MULTILINE)
    assert summary.splitlines()[-1] == "FAILED (failures=31)"
    assert len(summary.splitlines()) < len(log.splitlines()) // 3


@pytest.mark.parametrize(
    "log",
    [
        "gcc: error: no such file\n" * 40,  # not a test log
        "=== 1 passed in 0.01s ===",  # too short to gain anything
        # pytest crashed: a header, then no failures and no totals to keep
        "===== test session starts =====\nplatform linux\n"
        + "INTERNALERROR> Traceback (most recent call last):\n" * 30,
        "",
    ],
)
def test_other_logs_are_left_alone(log: str) -> None:
    assert summarise_test_log(log) is None


def test_command_report_summarises_only_when_asked(tmp_path: Path) -> None:
    log = pytest_log(tmp_path)
    result = CommandResult(
        command="python3 -m pytest",
        exit_code=1,
        timed_out=False,
        duration=1.0,
        output=log,
        truncated=False,
        sandboxed=False,
    )
    plain = command_report(result, 100_000)
    short = command_report(result, 100_000, summarise=True)
    assert "collected 42 items" in plain
    assert "collected 42 items" not in short
    assert short.startswith("$ python3 -m pytest\nexit code 1\n\n[")
    assert "E       KeyError: 'b'" in short


def test_a_passing_verbose_unittest_run_is_its_closing_lines(tmp_path: Path) -> None:
    suite = "import unittest\n\n\nclass T(unittest.TestCase):\n" + "".join(
        f"    def test_{n}(self):\n        pass\n\n" for n in range(30)
    )
    log = run(tmp_path, suite, "-m", "unittest", "-v", "test_suite")
    summary = summarise_test_log(log)
    assert summary is not None
    omitted, ran, ok = summary.splitlines()
    # Everything up to "Ran": one line per test and the rule of dashes.
    ran_at = next(i for i, line in enumerate(log.splitlines()) if line.startswith("Ran "))
    assert omitted == omitted_line(ran_at)
    assert re.fullmatch(r"Ran 30 tests in [\d.]+s", ran)
    assert ok == "OK"
