"""The data-flow layer as a scanner: taint flows and flow-free rules over Python files.

Findings are kept when they touch what the change adds: a flow whose path crosses an
added line (a new source feeding an old sink counts), a rule finding on an added line.
Without ``added`` (a whole-tree scan) everything is kept.
"""

from __future__ import annotations

from collections.abc import Mapping

from pace_app.agents.sentinel.scanners import ScanResult
from pace_app.agents.sentinel.taint import rules
from pace_app.agents.sentinel.taint.project import Project, finding_of
from pace_app.domain.findings import Finding, dedupe


def touches(finding: Finding, added: Mapping[str, set[int]]) -> bool:
    """Say whether the finding, or a step on its path, lies on an added line."""
    for step in finding.trace:
        if step.line in added.get(step.path, set()):
            return True
    return bool(finding.lines & added.get(finding.path, set()))


def scan_dataflow(
    texts: Mapping[str, str], added: Mapping[str, set[int]] | None = None
) -> tuple[ScanResult, set[str]]:
    """Analyse the Python files; return the results and the paths that parsed."""
    project = Project(texts)
    lines = {p.path: p.lines for p in project.parsed}
    found = [finding_of(hit, lines.get(hit.path, [])) for hit in project.hits()]
    for parsed in project.parsed:
        found.extend(rules.check(parsed))
    if added is not None:
        found = [f for f in found if touches(f, added)]
    result = ScanResult(findings=dedupe(found))
    result.not_analysed.extend(
        f"{path}: {reason} (ruff's rules still ran on it)"
        for path, reason in sorted(project.not_parsed.items())
    )
    return result, {p.path for p in project.parsed}
