"""Security findings: their shape, stable fingerprints, ordering and the verdict."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal, TypeAlias, get_args

Severity: TypeAlias = Literal["critical", "high", "medium", "low"]
Confidence: TypeAlias = Literal["high", "medium", "low"]
Source: TypeAlias = Literal["ruff", "secrets", "env-file", "taint", "rules", "model", "protected"]
Verdict: TypeAlias = Literal["SHIP", "HOLD", "ADVISORY"]

SEVERITIES: tuple[Severity, ...] = get_args(Severity)
CONFIDENCES: tuple[Confidence, ...] = get_args(Confidence)
_RANK = {severity: rank for rank, severity in enumerate(reversed(SEVERITIES))}
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+")
_CWE = re.compile(r"^CWE-[1-9]\d{0,4}$")


@dataclass(frozen=True, slots=True)
class Step:
    """One place on a source-to-sink path: where, and what happens there."""

    path: str
    line: int
    note: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.note}"


@dataclass(frozen=True, slots=True)
class Finding:
    """One security finding; ``line`` is on the new side, None for a whole file.

    ``anchor`` is what ties the finding to its place without a line number: the line's
    text, or for a secret the secret's hash so the value itself is never kept. ``rule``
    names the check that fired (``S602``, ``taint/CWE-89``); with the CWE and the anchor it
    makes the fingerprint, so a rerun worded differently is recognised. ``trace`` is the
    source-to-sink path of a data-flow finding. ``confirmed`` says a second opinion (the
    model agreeing with a scanner, or a scanner backing the model) stands behind it.
    """

    path: str
    line: int | None
    severity: Severity
    category: str
    message: str
    fix: str | None = None
    source: Source = "model"
    anchor: str = ""
    rule: str = ""
    cwe: str | None = None
    confidence: Confidence = "medium"
    end_line: int | None = None
    trace: tuple[Step, ...] = ()
    confirmed: bool = False

    def __repr__(self) -> str:
        # The anchor may hold source text; keep it out of logs and tracebacks.
        return (
            f"Finding(path={self.path!r}, line={self.line!r}, severity={self.severity!r}, "
            f"category={self.category!r}, source={self.source!r}, rule={self.rule!r})"
        )

    @property
    def location(self) -> str:
        """Return ``path:line`` (or the path alone for a whole-file finding)."""
        return self.path if self.line is None else f"{self.path}:{self.line}"

    @property
    def lines(self) -> set[int]:
        """Return every new-side line the finding covers, its trace included."""
        covered = {step.line for step in self.trace if step.path == self.path}
        if self.line is not None:
            covered.update(range(self.line, (self.end_line or self.line) + 1))
        return covered

    @property
    def blocking(self) -> bool:
        """Say whether the finding is sure enough to block: high confidence or confirmed."""
        return self.confidence == "high" or self.confirmed


def is_severity(value: object) -> bool:
    """Return whether ``value`` names a severity."""
    return value in SEVERITIES


def is_confidence(value: object) -> bool:
    """Return whether ``value`` names a confidence."""
    return value in CONFIDENCES


def is_cwe(value: object) -> bool:
    """Return whether ``value`` is a CWE id written ``CWE-<number>``."""
    return isinstance(value, str) and _CWE.match(value) is not None


def rank(severity: Severity) -> int:
    """Return a number that grows with the severity (low = 0, critical = 3)."""
    return _RANK[severity]


def normalise(text: str) -> str:
    """Lower-case text, drop numbers and collapse whitespace, for stable comparison."""
    return _SPACE.sub(" ", _NUMBER.sub("#", text.lower())).strip()


def kind(finding: Finding) -> str:
    """Return what the finding is about for matching: its CWE, else its rule or category."""
    return finding.cwe or finding.rule or normalise(finding.category)


def fingerprint(finding: Finding) -> str:
    """Return an id that survives reruns, rewording and lines moving.

    Built from the path, the CWE (or rule, or category) and the normalised code the
    finding points at; never from the message, which a model words anew each time.
    """
    anchor = _SPACE.sub(" ", finding.anchor).strip()
    parts = (finding.path, kind(finding), anchor)
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8"))
    return digest.hexdigest()[:20]


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Return findings most severe first, then by path and line."""
    return sorted(
        findings, key=lambda f: (-rank(f.severity), f.path, f.line or 0, f.category, f.message)
    )


def dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """Drop findings with the same fingerprint, keeping the most severe; most severe first.

    A finding seen by two layers is kept once, confirmed.
    """
    kept: dict[str, Finding] = {}
    for finding in findings:
        key = fingerprint(finding)
        if key not in kept:
            kept[key] = finding
            continue
        first = kept[key]
        keep = finding if rank(finding.severity) > rank(first.severity) else first
        agrees = first.source != finding.source
        kept[key] = replace(keep, confirmed=keep.confirmed or agrees or first.confirmed)
    return ordered(kept.values())


def verdict(findings: Iterable[Finding], block_on: Severity) -> Verdict:
    """Return SHIP with no findings, HOLD if a sure one reaches ``block_on``, else ADVISORY.

    Only a finding with high confidence, or one a second layer confirmed, blocks: a lone
    guess (a model's, or a pattern rule's) is advice.
    """
    listed = list(findings)
    if not listed:
        return "SHIP"
    if any(rank(f.severity) >= rank(block_on) and f.blocking for f in listed):
        return "HOLD"
    return "ADVISORY"
