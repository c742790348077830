"""The check run's title, summary and details for GATE results."""

from __future__ import annotations

from pace_app.agents.gate import render
from pace_app.agents.gate.criteria import CriterionVerdict
from pace_app.agents.gate.junit import Failure, TestReport
from pace_app.agents.gate.render import MAX_FAILURES_SHOWN, escape_cell, fence
from pace_app.agents.gate.result import GateResult
from pace_app.sandbox import CommandResult


def command(cmd: str, exit_code: int | None = 0, output: str = "") -> CommandResult:
    """Return a finished command's result."""
    return CommandResult(cmd, exit_code, exit_code is None, 1.5, output, False, True)


def result(**changes: object) -> GateResult:
    """Return a SHIP result with ``changes`` applied."""
    values: dict[str, object] = {
        "verdict": "SHIP",
        "report": TestReport(passed=14),
        "setup_result": None,
        "build_result": None,
        "test_result": command("pytest"),
        "criteria": (),
        "annotations": (),
        "duration": 3.25,
        "findings_for_retry": (),
        "coverage": 92.5,
        "cost_usd": 0.0012,
    }
    values.update(changes)
    return GateResult(**values)  # type: ignore[arg-type]


def test_ship_title_and_results_table() -> None:
    shipped = result()
    assert render.title(shipped) == "SHIP: 14 passed"
    assert "| Passed | 14 |" in render.summary(shipped)
    assert "| Coverage | 92.5% |" in render.summary(shipped)
    assert "| Model cost | $0.0012 |" in render.summary(shipped)
    assert "3.2 s" in render.summary(shipped)
    assert render.details(shipped) == ""


def test_hold_titles() -> None:
    failures = tuple(Failure(f"t::{n}", "a.py", n, "m", "x") for n in range(1, 3))
    held = result(verdict="HOLD", report=TestReport(failed=2, failures=failures))
    assert render.title(held) == "HOLD: 2 tests failed"
    timed_out = result(verdict="HOLD", report=None, test_result=command("make test", None))
    assert render.title(timed_out) == "HOLD: tests timed out"
    setup = result(verdict="HOLD", setup_result=command("uv sync", None), test_result=None)
    assert render.title(setup) == "HOLD: setup timed out"
    assert render.title(result(report=None, test_result=None)) == "SHIP: no tests ran"
    assert render.title(result(report=None)) == "SHIP: tests passed"


def test_criteria_table_escapes_untrusted_text() -> None:
    criteria = (
        CriterionVerdict(1, "Pipes | and <b>tags</b>", "PASS", "line1\nline2"),
        CriterionVerdict(2, "Second", "FAIL", "none", note="PARTIAL without x"),
    )
    summary = render.summary(result(verdict="HOLD", criteria=criteria))
    assert "| 1 | Pipes \\| and &lt;b&gt;tags&lt;/b&gt; | ✅ PASS | line1<br>line2 |" in summary
    assert "❌ FAIL | none<br>(PARTIAL without x) |" in summary


def test_details_show_failures_and_failed_commands_bounded() -> None:
    failures = tuple(Failure(f"t::{n}", "a.py", n, "m", "```\n" + "x" * 10_000) for n in range(40))
    text = render.details(
        result(
            verdict="HOLD",
            report=TestReport(failed=40, failures=failures),
            build_result=command("make", 2, "compiler said no"),
        )
    )
    assert "### t::1 (failure) — `a.py:1`" in text
    assert f"and {40 - MAX_FAILURES_SHOWN} more failures not shown" in text
    assert "compiler said no" in text
    assert len(text) < 65_535
    assert "````" in text


def test_escape_and_fence_helpers() -> None:
    assert escape_cell("") == " "
    assert escape_cell("a\\b\r\nc") == "a\\\\b<br>c"
    assert fence("no ticks").startswith("```\n")
    assert fence("`````").startswith("``````\n")
