"""Score SENTINEL's deterministic layer and plain ``ruff --select S`` on the labelled corpus.

For each of the 14 categories: TPR (vulnerable cases flagged with the category's CWE),
FPR (safe look-alikes flagged) and TPR - FPR, then the mean over categories, for both
tools in the same run. A ruff finding counts for a category when its rule belongs to it
(the table below); a SENTINEL finding when it carries the category's CWE.

    uv run python bench/sentinel_corpus.py [--corpus tests/sentinel_corpus]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from pace_app.agents.sentinel import deterministic
from pace_app.agents.sentinel.scanners import find_ruff

ROOT = Path(__file__).resolve().parent.parent
RUFF_RULES = {
    "command_injection": {"S602", "S603", "S604", "S605", "S606", "S607", "S609"},
    "code_injection": {"S102", "S307"},
    "deserialisation": {"S301", "S302", "S403", "S506"},
    "weak_hashing": {"S303", "S324"},
    "ldap_injection": set(),
    "path_traversal": set(),
    "open_redirect": set(),
    "insecure_cookie": set(),
    "sql_injection": {"S608", "S610", "S611"},
    "trust_boundary": set(),
    "weak_randomness": {"S311"},
    "xpath_injection": set(),
    "xss": {"S701", "S702", "S704"},
    "xxe": {f"S{n}" for n in (*range(313, 321), *range(405, 412))},
}


def sentinel_flags(corpus: Path, files: list[str]) -> dict[str, set[str]]:
    """Return the CWEs SENTINEL's deterministic layer reports per file."""
    result, _ = deterministic.scan(corpus, files, None)
    flags: dict[str, set[str]] = defaultdict(set)
    for finding in result.findings:
        if finding.cwe:
            flags[finding.path].add(finding.cwe)
    return flags


def ruff_flags(corpus: Path, files: list[str]) -> dict[str, set[str]]:
    """Return the rule codes plain ``ruff --select S`` reports per file."""
    done = subprocess.run(  # noqa: S603 - fixed argv
        [find_ruff(), "check", "--isolated", "--select", "S", "--output-format", "json",
         "--no-cache", "--exit-zero", "--", *files],
        cwd=corpus, capture_output=True, check=True, env={"PATH": os.defpath},
    )  # fmt: skip
    flags: dict[str, set[str]] = defaultdict(set)
    for entry in json.loads(done.stdout):
        path = Path(entry["filename"]).resolve().relative_to(corpus.resolve()).as_posix()
        flags[path].add(entry["code"])
    return flags


def order(category: str) -> int:
    """Return the category's place in the table."""
    return list(RUFF_RULES).index(category) if category in RUFF_RULES else len(RUFF_RULES)


def score(
    labels: list[dict[str, str]], hit: dict[str, bool]
) -> dict[str, tuple[float, float, float]]:
    """Return TPR, FPR and TPR - FPR per category."""
    out: dict[str, tuple[float, float, float]] = {}
    for category in sorted({r["category"] for r in labels}, key=order):
        rows = [r for r in labels if r["category"] == category]
        positives = [r for r in rows if r["vulnerable"] == "1"]
        negatives = [r for r in rows if r["vulnerable"] == "0"]
        tpr = sum(hit[r["file"]] for r in positives) / len(positives)
        fpr = sum(hit[r["file"]] for r in negatives) / len(negatives)
        out[category] = (tpr, fpr, tpr - fpr)
    return out


def main() -> None:
    """Print both tools' scores side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "sentinel_corpus")
    args = parser.parse_args()
    corpus: Path = args.corpus
    with (corpus / "labels.csv").open() as fh:
        labels = list(csv.DictReader(fh))
    files = [r["file"] for r in labels]
    started = time.perf_counter()
    ours = sentinel_flags(corpus, files)
    ours_seconds = time.perf_counter() - started
    started = time.perf_counter()
    theirs = ruff_flags(corpus, files)
    ruff_seconds = time.perf_counter() - started
    row_of = {r["file"]: r for r in labels}
    sentinel = score(labels, {f: row_of[f]["cwe"] in ours[f] for f in files})
    ruff = score(
        labels, {f: bool(RUFF_RULES.get(row_of[f]["category"], set()) & theirs[f]) for f in files}
    )
    print(f"corpus: {len(files)} cases in {len(sentinel)} categories ({corpus})")
    print(f"{'category':<20} {'SENTINEL TPR  FPR  TPR-FPR':>28} {'ruff-S TPR  FPR  TPR-FPR':>28}")
    for category in sentinel:
        a, b = sentinel[category], ruff[category]
        print(
            f"{category:<20} {a[0]:>13.2f} {a[1]:>4.2f} {a[2]:>+8.3f}"
            f" {b[0]:>13.2f} {b[1]:>4.2f} {b[2]:>+8.3f}"
        )
    mean_ours = sum(v[2] for v in sentinel.values()) / len(sentinel)
    mean_ruff = sum(v[2] for v in ruff.values()) / len(ruff)
    print(f"{'mean':<20} {mean_ours:>+27.3f} {mean_ruff:>+28.3f}")
    print(f"time: SENTINEL {ours_seconds:.2f} s, ruff-S {ruff_seconds:.2f} s")
    print(f"load average: {Path('/proc/loadavg').read_text().strip()}", file=sys.stdout)


if __name__ == "__main__":
    main()
