"""SENTINEL's deterministic layer: every scanner over a change, pre-existing findings out.

The data-flow layer sees the whole repository's Python (so summaries of its functions
are known) but reports only what the change touches; with the base's texts given, a
finding the base already had (same fingerprint) is not blamed on the change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from pace_app.agents.sentinel.dataflow import scan_dataflow
from pace_app.agents.sentinel.scanners import (
    ScanResult,
    read_changed,
    scan_env_files,
    scan_ruff,
    scan_secrets,
)
from pace_app.domain.findings import dedupe, fingerprint


def scan(
    root: Path,
    paths: Sequence[str],
    added: Mapping[str, set[int]] | None,
    *,
    repo_texts: Mapping[str, str] | None = None,
    base_texts: Mapping[str, str] | None = None,
) -> tuple[ScanResult, dict[str, str]]:
    """Run every scanner on ``paths`` under ``root``; return the results and the texts.

    ``added`` maps each path to its added lines (None: keep findings on every line).
    ``repo_texts`` are the repository's other Python files at the head, ``base_texts``
    its Python files at the base.
    """
    texts, _binary, refused = read_changed(root, paths)
    result = ScanResult(not_analysed=list(refused))
    result.extend(scan_env_files(paths, added))
    everything = {**(repo_texts or {}), **texts}
    flows, parsed = scan_dataflow(everything, added)
    # Only a finding in a file the base had can be one the base already had.
    if base_texts is not None and any(f.path in base_texts for f in flows.findings):
        before, _ = scan_dataflow(base_texts, None)
        known = {fingerprint(f) for f in before.findings}
        flows.findings = [f for f in flows.findings if fingerprint(f) not in known]
    flows.not_analysed = [n for n in flows.not_analysed if n.split(":", 1)[0] in texts]
    result.extend(flows)
    result.extend(scan_ruff(root, texts, added, flow_checked=parsed))
    result.extend(scan_secrets(root, texts, added))
    result.findings = dedupe(result.findings)
    return result, texts
