"""Run SENTINEL on a pull request's head: scanners, the model, a verdict and a review."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import anyio.to_thread

from pace_app.agents.sentinel import deterministic, gitfiles
from pace_app.agents.sentinel.model_review import ModelReview, review_with_model
from pace_app.agents.sentinel.protected import protected_findings
from pace_app.agents.sentinel.scanners import ScanResult, line_at
from pace_app.domain.diff import Diff, parse_diff
from pace_app.domain.findings import (
    SEVERITIES,
    Finding,
    Severity,
    Verdict,
    dedupe,
    fingerprint,
    verdict,
)
from pace_app.errors import ToolError
from pace_app.github.reviews import PostedComment, Review, build_review
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
    dismissed: tuple[str, ...] = ()


def scan(
    worktree: Path,
    diff: Diff,
    changed_files: Iterable[str],
    *,
    base: str | None = None,
) -> tuple[ScanResult, dict[str, str]]:
    """Run every deterministic scanner on the changed files; return results and file texts.

    The repository's other Python files at the head feed the data-flow summaries; with
    ``base`` (a commit) the findings the base already had are left out.
    """
    present = set(diff.present_paths())
    paths = sorted(
        {p for p in changed_files if p in present or p not in diff.files}
        - {p for p, f in diff.files.items() if f.binary}
    )
    added = {path: diff.added_lines(path) for path in paths}
    notes: list[str] = []
    repo_texts: dict[str, str] | None = None
    base_texts: dict[str, str] | None = None
    try:
        repo_texts = gitfiles.python_texts(worktree, "HEAD")
        if base is not None:
            base_texts = gitfiles.python_texts(worktree, base)
    except ToolError as exc:
        notes.append(f"data flow: only the changed files were analysed ({exc})")
    result, texts = deterministic.scan(
        worktree, paths, added, repo_texts=repo_texts, base_texts=base_texts
    )
    result.not_analysed.extend(notes)
    return result, texts


def combine(
    deterministic_findings: Sequence[Finding], model: ModelReview, texts: dict[str, str]
) -> tuple[list[Finding], list[str]]:
    """Merge the layers: confirmations and dismissals applied, model findings anchored.

    Returns the findings and a line per dismissed scanner finding with the model's reason.
    """
    kept: list[Finding] = []
    dismissed: list[str] = []
    for finding in deterministic_findings:
        key = fingerprint(finding)
        if key in model.dismissed:
            dismissed.append(
                f"{finding.location} ({finding.rule or finding.category}): {model.dismissed[key]}"
            )
            continue
        kept.append(
            dataclasses.replace(finding, confirmed=True) if key in model.confirmed else finding
        )
    for finding in model.findings:
        anchored_finding = anchored(finding, texts)
        backed = any(_same_place(anchored_finding, other) for other in kept)
        kept.append(dataclasses.replace(anchored_finding, confirmed=backed))
    return dedupe(kept), dismissed


def _same_place(model_finding: Finding, scanner: Finding) -> bool:
    """Say whether a scanner finding backs a model finding: same file, CWE and lines."""
    return (
        scanner.source != "model"
        and scanner.path == model_finding.path
        and model_finding.cwe is not None
        and scanner.cwe == model_finding.cwe
        and bool(scanner.lines & model_finding.lines)
    )


def anchored(finding: Finding, texts: dict[str, str]) -> Finding:
    """Return the finding with its lines' text as the anchor, if it has none yet."""
    if finding.anchor:
        return finding
    text = texts.get(finding.path, "")
    last = finding.end_line or finding.line
    lines = [line_at(text, n) for n in range(finding.line or 0, (last or 0) + 1)]
    return dataclasses.replace(finding, anchor="\n".join(lines))


def summarise(
    result_verdict: Verdict,
    findings: Sequence[Finding],
    not_analysed: Sequence[str],
    dismissed: Sequence[str] = (),
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
        lines += [
            "",
            "| severity | confidence | where | category | source | message |",
            "|---|---|---|---|---|---|",
        ]
        for finding in findings[:MAX_SUMMARY_FINDINGS]:
            message = " ".join(finding.message.split())[:300].replace("|", "\\|")
            kind = f"{finding.category} ({finding.cwe})" if finding.cwe else finding.category
            sure = f"{finding.confidence}{', confirmed' if finding.confirmed else ''}"
            lines.append(
                f"| {finding.severity} | {sure} | `{finding.location}` | {kind} "
                f"| {finding.source} | {message} |"
            )
        if len(findings) > MAX_SUMMARY_FINDINGS:
            lines.append(f"\n… {len(findings) - MAX_SUMMARY_FINDINGS} more")
    if dismissed:
        lines += ["", "**Dismissed by the model (scanner false positives):**", ""]
        lines += [f"- {' '.join(item.split())[:500]}" for item in dismissed]
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
    provider: ModelProvider | None,
    analysis_model: str,
    block_on: Severity = "high",
    already_posted: Iterable[str] | Mapping[str, PostedComment] = (),
    base: str | None = None,
    is_protected: Callable[[str], bool] | None = None,
) -> SentinelResult:
    """Audit the diff at ``worktree``'s head and return the verdict and review to post.

    ``provider`` None runs the deterministic layer alone. ``base`` (the commit the pull
    request diffs against) leaves out findings the base already had. ``already_posted``
    is what earlier runs posted (``read_posted``), so reruns edit rather than repeat.
    ``is_protected`` names the files that steer the App: a change to one is a finding.
    """
    parsed = parse_diff(diff)
    scanned, texts = await anyio.to_thread.run_sync(
        partial(scan, worktree, parsed, list(changed_files), base=base)
    )
    changed = list(changed_files)
    steering = protected_findings(changed, is_protected) if is_protected else []
    deterministic_findings = dedupe([*scanned.findings, *steering])
    model = ModelReview()
    if provider is not None:
        model = await review_with_model(
            provider,
            model=analysis_model,
            diff=diff,
            deterministic=deterministic_findings,
            known_paths=set(parsed.present_paths()),
            heads=texts,
        )
    findings, dismissed = combine(deterministic_findings, model, texts)
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
            "dismissed": len(dismissed),
            "not_analysed": len(not_analysed),
        },
    )
    return SentinelResult(
        verdict=outcome,
        findings=tuple(findings),
        not_analysed=not_analysed,
        review=review,
        summary=summarise(outcome, findings, not_analysed, dismissed),
        findings_for_retry=retry_lines(findings),
        cost_usd=model.cost_usd,
        dismissed=tuple(dismissed),
    )
