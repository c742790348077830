"""SENTINEL's findings as SARIF 2.1.0, the format code scanning uploads read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from pace_app import __version__
from pace_app.domain.findings import Finding, Severity, fingerprint

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS: dict[Severity, str] = {
    "critical": "error",
    "high": "error",
    "medium": "warning",
    "low": "note",
}
# Code scanning ranks security alerts by this number (0.1-10).
SECURITY_SEVERITY: dict[Severity, str] = {
    "critical": "9.5",
    "high": "8.0",
    "medium": "5.5",
    "low": "3.0",
}


def rule_id(finding: Finding) -> str:
    """Return the SARIF rule id of a finding: its rule, else its CWE, else its category."""
    return finding.rule or finding.cwe or finding.category


def _location(path: str, line: int | None, end_line: int | None = None) -> dict[str, Any]:
    # A URI reference: a path with spaces or '#' must be percent-encoded.
    uri = quote(path)
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"}}
    if line is not None:
        physical["region"] = {"startLine": line, "endLine": max(end_line or line, line)}
    return {"physicalLocation": physical}


def _rule(finding: Finding) -> dict[str, Any]:
    tags = ["security"]
    if finding.cwe:
        tags.append(f"external/cwe/{finding.cwe.lower()}")
    return {
        "id": rule_id(finding),
        "name": finding.category,
        "shortDescription": {"text": f"{finding.category} ({finding.cwe or finding.source})"},
        "properties": {"tags": tags, "security-severity": SECURITY_SEVERITY[finding.severity]},
    }


def _result(finding: Finding, index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": rule_id(finding),
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(finding.path, finding.line, finding.end_line)],
        "partialFingerprints": {"paceFinding/v1": fingerprint(finding)},
        "properties": {
            "severity": finding.severity,
            "confidence": finding.confidence,
            "source": finding.source,
            **({"cwe": finding.cwe} if finding.cwe else {}),
        },
    }
    if finding.trace:
        steps = [
            {"location": {**_location(s.path, s.line), "message": {"text": s.note}}}
            for s in finding.trace
        ]
        result["codeFlows"] = [{"threadFlows": [{"locations": steps}]}]
    return result


def to_sarif(findings: Sequence[Finding], not_analysed: Sequence[str] = ()) -> dict[str, Any]:
    """Return one SARIF log with one run of SENTINEL."""
    rules: dict[str, int] = {}
    rule_list: list[dict[str, Any]] = []
    results = []
    for finding in findings:
        key = rule_id(finding)
        if key not in rules:
            rules[key] = len(rule_list)
            rule_list.append(_rule(finding))
        results.append(_result(finding, rules[key]))
    notifications = [
        {"level": "warning", "message": {"text": " ".join(note.split())[:1000]}}
        for note in not_analysed
    ]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "PACE SENTINEL",
                        "version": __version__,
                        "rules": rule_list,
                    }
                },
                "results": results,
                "invocations": [
                    {"executionSuccessful": True, "toolExecutionNotifications": notifications}
                ],
            }
        ],
    }
