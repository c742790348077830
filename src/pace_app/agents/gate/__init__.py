"""GATE: runs setup, build and tests at the pushed head and judges the acceptance criteria.

``run_gate`` produces a ``GateResult`` (verdict SHIP or HOLD, the test report, the
criteria verdicts, annotations and the findings FORGE gets on a retry); ``github.checks.CheckRun``
publishes it as the check run ``PACE / GATE``. See docs/gate.md.
"""

from pace_app.agents.gate.criteria import CriterionVerdict, judge_criteria, validate_verdicts
from pace_app.agents.gate.gate import run_gate
from pace_app.agents.gate.junit import Failure, TestReport, parse_junit
from pace_app.agents.gate.result import GateResult

__all__ = [
    "CriterionVerdict",
    "Failure",
    "GateResult",
    "TestReport",
    "judge_criteria",
    "parse_junit",
    "run_gate",
    "validate_verdicts",
]
