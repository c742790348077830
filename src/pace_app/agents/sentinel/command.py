"""``pace sentinel scan PATH`` and ``pace sentinel diff BASE..HEAD``: SENTINEL standalone.

Needs no App settings: a path or a git range, an output format, and an exit status for
CI (``--fail-on``). The model layer runs only with ``--model`` (Anthropic settings from
the environment).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import anyio

from pace_app.agents.sentinel import deterministic, gitfiles
from pace_app.agents.sentinel.model_review import ModelReview, review_with_model
from pace_app.agents.sentinel.sarif import to_sarif
from pace_app.agents.sentinel.sentinel import combine
from pace_app.domain.diff import parse_diff
from pace_app.domain.findings import SEVERITIES, Finding, Severity, fingerprint, rank
from pace_app.errors import PaceError, ToolError

SKIPPED_DIRS = frozenset(
    {".git", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}
)
MAX_TREE_FILES = 20_000


@dataclass(frozen=True, slots=True)
class Report:
    """What a standalone run found."""

    findings: list[Finding]
    not_analysed: list[str]
    dismissed: list[str]


def tree_paths(root: Path) -> list[str]:
    """Return the files under ``root`` worth auditing, relative and sorted."""
    found: list[str] = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part in SKIPPED_DIRS for part in relative.parts) or not path.is_file():
            continue
        found.append(relative.as_posix())
        if len(found) >= MAX_TREE_FILES:
            break
    return found


def scan_path(root: Path) -> Report:
    """Audit every file under ``root`` (no diff: every line counts)."""
    if not root.is_dir():
        raise ToolError(f"not a directory: {root}")
    result, _texts = deterministic.scan(root, tree_paths(root), None)
    return Report(result.findings, result.not_analysed, [])


async def diff_range(repo: Path, spec: str, model: str | None) -> Report:
    """Audit what ``BASE..HEAD`` changes, as a pull request from HEAD into BASE would."""
    base_rev, sep, head_rev = spec.partition("..")
    if not sep or not base_rev or head_rev.startswith("."):
        raise ToolError(f"expected BASE..HEAD, got {spec!r}")
    head = gitfiles.resolve(repo, head_rev or "HEAD")
    base = gitfiles.merge_base(repo, gitfiles.resolve(repo, base_rev), head)
    text = gitfiles.diff(repo, base, head)
    parsed = parse_diff(text)
    paths = sorted(p for p, f in parsed.files.items() if f.status != "deleted" and not f.binary)
    added = {p: parsed.added_lines(p) for p in paths}
    head_python = gitfiles.python_texts(repo, head)
    base_python = gitfiles.python_texts(repo, base)
    changed = gitfiles.read_at(repo, head, paths)
    with tempfile.TemporaryDirectory(prefix="pace-sentinel-") as scratch:
        root = Path(scratch)
        gitfiles.write_tree(root, changed, paths)
        result, texts = deterministic.scan(
            root, paths, added, repo_texts=head_python, base_texts=base_python
        )
    review = ModelReview()
    if model is not None:
        review = await _model_review(model, text, result.findings, parsed.present_paths(), texts)
    findings, dismissed = combine(result.findings, review, texts)
    return Report(findings, [*result.not_analysed, *review.notes], dismissed)


async def _model_review(
    model: str, diff: str, findings: list[Finding], paths: list[str], texts: dict[str, str]
) -> ModelReview:
    from pace_app.config.settings import load_settings
    from pace_app.llm.anthropic_provider import AnthropicProvider

    settings = load_settings()
    key = settings.anthropic_api_key
    if key is None:
        raise ToolError("--model needs ANTHROPIC_API_KEY")
    provider = AnthropicProvider(
        api_key=key.get_secret_value(),
        base_url=settings.anthropic_base_url,
    )
    try:
        return await review_with_model(
            provider,
            model=model,
            diff=diff,
            deterministic=findings,
            known_paths=set(paths),
            heads=texts,
        )
    finally:
        await provider.aclose()


def render_text(report: Report) -> str:
    """Return the findings for a terminal: one block per finding, most severe first."""
    lines: list[str] = []
    for finding in report.findings:
        kind = f"{finding.cwe} {finding.category}" if finding.cwe else finding.category
        lines.append(
            f"{finding.location}: {finding.severity} ({finding.confidence} confidence) "
            f"{kind} [{finding.rule or finding.source}]"
        )
        lines.append(f"    {finding.message}")
        lines.extend(f"    ↳ {step}" for step in finding.trace)
    lines += [f"dismissed: {item}" for item in report.dismissed]
    lines += [f"not analysed: {item}" for item in report.not_analysed]
    counts = ", ".join(f"{sum(f.severity == s for f in report.findings)} {s}" for s in SEVERITIES)
    lines.append(f"{len(report.findings)} finding(s): {counts}")
    return "\n".join(lines) + "\n"


def render_json(report: Report) -> str:
    """Return the findings as JSON."""
    items = [
        {
            "path": f.path,
            "line": f.line,
            "end_line": f.end_line,
            "severity": f.severity,
            "confidence": f.confidence,
            "cwe": f.cwe,
            "category": f.category,
            "rule": f.rule,
            "source": f.source,
            "message": f.message,
            "fingerprint": fingerprint(f),
            "trace": [{"path": s.path, "line": s.line, "note": s.note} for s in f.trace],
        }
        for f in report.findings
    ]
    payload = {
        "findings": items,
        "not_analysed": report.not_analysed,
        "dismissed": report.dismissed,
    }
    return json.dumps(payload, indent=2) + "\n"


def render(report: Report, form: str) -> str:
    """Return the report in ``form`` (text, json or sarif)."""
    if form == "sarif":
        return json.dumps(to_sarif(report.findings, report.not_analysed), indent=2) + "\n"
    if form == "json":
        return render_json(report)
    return render_text(report)


def exit_status(findings: Sequence[Finding], fail_on: Severity | None) -> int:
    """Return 1 when a finding reaches ``fail_on``, else 0."""
    if fail_on is None:
        return 0
    return 1 if any(rank(f.severity) >= rank(fail_on) for f in findings) else 0


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run ``pace sentinel ...`` and return the exit status (2 on a usage or git error)."""
    try:
        if args.sentinel_command == "scan":
            report = scan_path(args.path)
        else:
            report = anyio.run(diff_range, args.repo, args.range, args.model)
    except (PaceError, subprocess.SubprocessError) as exc:
        print(f"pace sentinel: error: {exc}", file=sys.stderr)
        return 2
    text = render(report, args.format)
    if args.output is not None:
        args.output.write_text(text, encoding="utf-8")
    else:
        (out or sys.stdout).write(text)
    return exit_status(report.findings, args.fail_on)
