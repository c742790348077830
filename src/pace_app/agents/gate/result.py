"""What GATE measured and decided for one commit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pace_app.agents.gate.criteria import CriterionVerdict
from pace_app.agents.gate.junit import TestReport
from pace_app.github.annotations import Annotation
from pace_app.sandbox import CommandResult

GateVerdict = Literal["SHIP", "HOLD"]


@dataclass(frozen=True)
class GateResult:
    """Everything GATE measured and decided for one commit."""

    verdict: GateVerdict
    report: TestReport | None
    setup_result: CommandResult | None
    build_result: CommandResult | None
    test_result: CommandResult | None
    criteria: tuple[CriterionVerdict, ...]
    annotations: tuple[Annotation, ...]
    duration: float
    findings_for_retry: tuple[str, ...]
    coverage: float | None = None
    cost_usd: float = 0.0
    notes: tuple[str, ...] = ()

    @property
    def conclusion(self) -> Literal["success", "failure"]:
        """Return the check-run conclusion for the verdict."""
        return "success" if self.verdict == "SHIP" else "failure"
