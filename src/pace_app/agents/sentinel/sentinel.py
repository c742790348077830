"""Run SENTINEL on a pull request's head: scanners, the model, a verdict and a review."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import anyio.to_thread

from pace_app.agents.sentinel.model_review import review_with_model
from pace_app.agents.sentinel.scanners import (
    ScanResult,
    line_at,
    read_changed,
    scan_env_files,
    scan_ruff,
    scan_secrets,
)
from pace_app.domain.diff import Diff, parse_diff
from pace_app.domain.findings import (
    SEVERITIES,
    Finding,
    Severity,
    Verdict,
    dedupe,
    verdict,
)
from pace_app.github.reviews import Review, build_review
from pace_app.llm.provider import ModelProvider

logger = logging.getLogger(__name__)

MAX_SUMMARY_FINDINGS = 200


@dataclass(frozen=True, slots=True)
class SentinelResult:
    """What SENTINEL concluded, and what to post and feed back to FORGE."""

    verdict: Verdict
    findings: tuple[Finding, ...]
    not_analysed: tuple[str, ...]
    review: Review | None
    summary: str
    findings_for_retry: tuple[str, ...]
    cost_usd: float = 0.0


def scan(
    worktree: Path, diff: Diff, changed_files: Iterable[str]
) -> tuple[ScanResult, dict[str, str]]:
    """Run every deterministic scanner on the changed files; return results and file texts."""
    present = set(diff.present_paths())
    paths = sorted(
        {p for p in changed_files if p in present or p not in diff.files}
        - {p for p, f in diff.files.items() if f.binary}
    )
    added = {path: diff.added_lines(path) for path in paths}
    texts, _binary, refused = read_changed(worktree, paths)
    result = ScanResult(not_analysed=list(refused))
    result.extend(scan_env_files(paths, added))
    result.extend(scan_ruff(worktree, texts, added))
    result.extend(scan_secrets(worktree, texts, added))
    return result, texts


def anchored(finding: Finding, texts: dict[str, str]) -> Finding:
    """Return the finding with its line's text as the anchor, if it has none yet."""
    if finding.anchor:
        return finding
    return dataclasses.replace(finding, anchor=line_at(texts.get(finding.path, ""), finding.line))


def summarise(
    result_verdict: Verdict, findings: Sequence[Finding], not_analysed: Sequence[str]
) -> str:
    """Return the check run summary: counts by severity, the findings, what was not analysed."""
    counts = {severity: 0 for severity in SEVERITIES}
    for finding in findings:
        counts[finding.severity] += 1
    lines = [
        f"**Verdict: {result_verdict}**",
        "",
        "| severity | findings |",
        "|---|---|",
        *(f"| {severity} | {counts[severity]} |" for severity in SEVERITIES),
    ]
    if findings:
        lines += ["", "| severity | where | category | source | message |", "|---|---|---|---|---|"]
        for finding in findings[:MAX_SUMMARY_FINDINGS]:
            message = " ".join(finding.message.split())[:300].replace("|", "\\|")
            lines.append(
                f"| {finding.severity} | `{finding.location}` | {finding.category} "
                f"| {finding.source} | {message} |"
            )
        if len(findings) > MAX_SUMMARY_FINDINGS:
            lines.append(f"\n… {len(findings) - MAX_SUMMARY_FINDINGS} more")
    if not_analysed:
        lines += ["", "**Not analysed:**", ""]
        lines += [f"- {' '.join(item.split())[:500]}" for item in not_analysed]
    return "\n".join(lines)


def retry_lines(findings: Sequence[Finding]) -> tuple[str, ...]:
    """Return the findings as lines FORGE can act on in a retry."""
    out = []
    for finding in findings:
        text = f"{finding.location} [{finding.severity}] {finding.category}: {finding.message}"
        if finding.fix:
            text += f" (suggested fix: {' '.join(finding.fix.split())[:300]})"
        out.append(text)
    return tuple(out)


async def run_sentinel(
    *,
    worktree: Path,
    diff: str,
    changed_files: Iterable[str],
    provider: ModelProvider,
    analysis_model: str,
    block_on: Severity = "high",
    already_posted: Iterable[str] = (),
) -> SentinelResult:
    """Audit the diff at ``worktree``'s head and return the verdict and review to post."""
    parsed = parse_diff(diff)
    scanned, texts = await anyio.to_thread.run_sync(
        partial(scan, worktree, parsed, list(changed_files))
    )
    deterministic = dedupe(scanned.findings)
    model = await review_with_model(
        provider,
        model=analysis_model,
        diff=diff,
        deterministic=deterministic,
        known_paths=set(parsed.present_paths()),
    )
    findings = dedupe([*deterministic, *(anchored(f, texts) for f in model.findings)])
    not_analysed = (*scanned.not_analysed, *model.notes)
    outcome = verdict(findings, block_on)
    review = build_review(
        findings,
        diff=parsed,
        verdict=outcome,
        already_posted=already_posted,
        not_analysed=not_analysed,
    )
    logger.info(
        "sentinel done",
        extra={
            "agent": "sentinel",
            "verdict": outcome,
            "findings": len(findings),
            "not_analysed": len(not_analysed),
        },
    )
    return SentinelResult(
        verdict=outcome,
        findings=tuple(findings),
        not_analysed=not_analysed,
        review=review,
        summary=summarise(outcome, findings, not_analysed),
        findings_for_retry=retry_lines(findings),
        cost_usd=model.cost_usd,
    )
