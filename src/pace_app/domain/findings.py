"""Security findings: their shape, stable fingerprints, ordering and the verdict."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, TypeAlias, get_args

Severity: TypeAlias = Literal["critical", "high", "medium", "low"]
Source: TypeAlias = Literal["ruff", "secrets", "env-file", "model"]
Verdict: TypeAlias = Literal["SHIP", "HOLD", "ADVISORY"]

SEVERITIES: tuple[Severity, ...] = get_args(Severity)
_RANK = {severity: rank for rank, severity in enumerate(reversed(SEVERITIES))}
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Finding:
    """One security finding; ``line`` is on the new side, None for a whole file.

    ``anchor`` is what ties the finding to its place without a line number: the line's
    text, or for a secret the secret's hash so the value itself is never kept.
    """

    path: str
    line: int | None
    severity: Severity
    category: str
    message: str
    fix: str | None = None
    source: Source = "model"
    anchor: str = ""

    def __repr__(self) -> str:
        # The anchor may hold source text; keep it out of logs and tracebacks.
        return (
            f"Finding(path={self.path!r}, line={self.line!r}, severity={self.severity!r}, "
            f"category={self.category!r}, source={self.source!r})"
        )

    @property
    def location(self) -> str:
        """Return ``path:line`` (or the path alone for a whole-file finding)."""
        return self.path if self.line is None else f"{self.path}:{self.line}"


def is_severity(value: object) -> bool:
    """Return whether ``value`` names a severity."""
    return value in SEVERITIES


def rank(severity: Severity) -> int:
    """Return a number that grows with the severity (low = 0, critical = 3)."""
    return _RANK[severity]


def normalise(text: str) -> str:
    """Lower-case text, drop numbers and collapse whitespace, for stable comparison."""
    return _SPACE.sub(" ", _NUMBER.sub("#", text.lower())).strip()


def fingerprint(finding: Finding) -> str:
    """Return an id for the finding that survives reruns and lines moving."""
    parts = (finding.path, normalise(finding.category), normalise(finding.message))
    anchor = _SPACE.sub(" ", finding.anchor).strip()
    digest = hashlib.sha256("\x00".join((*parts, anchor)).encode("utf-8"))
    return digest.hexdigest()[:20]


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Return findings most severe first, then by path and line."""
    return sorted(
        findings, key=lambda f: (-rank(f.severity), f.path, f.line or 0, f.category, f.message)
    )


def dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """Drop findings with the same fingerprint, keeping the most severe; most severe first."""
    kept: dict[str, Finding] = {}
    for finding in findings:
        key = fingerprint(finding)
        if key not in kept or rank(finding.severity) > rank(kept[key].severity):
            kept[key] = finding
    return ordered(kept.values())


def verdict(findings: Iterable[Finding], block_on: Severity) -> Verdict:
    """Return SHIP with no findings, HOLD if any reaches ``block_on``, else ADVISORY."""
    severities = [finding.severity for finding in findings]
    if not severities:
        return "SHIP"
    if any(rank(severity) >= rank(block_on) for severity in severities):
        return "HOLD"
    return "ADVISORY"
