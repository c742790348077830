"""Time SENTINEL's deterministic layer on a 2,000-line diff (the pipeline's path).

Builds a git repository whose head adds about 2,000 lines of Python web handlers (taken
from the corpus, so every scanner has work), then times ``sentinel.scan`` (ruff, the
data-flow layer with base comparison, in-process secrets, env files) a few times and
prints the best and the median, with the load average.

    uv run python bench/sentinel_speed.py [--lines 2000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from pace_app.agents.sentinel.gitfiles import diff as git_diff
from pace_app.agents.sentinel.sentinel import scan
from pace_app.domain.diff import parse_diff

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "sentinel_corpus"


def git(root: Path, *args: str) -> None:
    """Run git quietly with a fixed identity."""
    subprocess.run(  # noqa: S603 - fixed argv
        ["git", "-c", "user.name=b", "-c", "user.email=b@example.com", *args],  # noqa: S607
        cwd=root, check=True, capture_output=True,
    )  # fmt: skip


def build(root: Path, lines: int) -> int:
    """Make the repository: a base commit, then a head adding ``lines`` lines."""
    git(root, "init", "-q", "-b", "main")
    (root / "README.md").write_text("bench\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    written = 0
    for index, case in enumerate(sorted(CORPUS.rglob("case_*.py"))):
        text = case.read_text()
        target = root / "app" / f"handler_{index:04d}.py"
        target.parent.mkdir(exist_ok=True)
        target.write_text(text)
        written += text.count("\n")
        if written >= lines:
            break
    git(root, "add", "-A")
    git(root, "commit", "-qm", "head")
    return written


def main() -> None:
    """Print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        written = build(root, args.lines)
        text = git_diff(root, "HEAD~1", "HEAD")
        parsed = parse_diff(text)
        changed = sorted(parsed.files)
        times = []
        findings = 0
        for _ in range(args.runs):
            started = time.perf_counter()
            result, _texts = scan(root, parsed, changed, base="HEAD~1")
            times.append(time.perf_counter() - started)
            findings = len(result.findings)
    print(f"diff: {written} added lines in {len(changed)} files; {findings} findings")
    print(f"deterministic layer: best {min(times):.3f} s, median {statistics.median(times):.3f} s")
    print(f"load average: {Path('/proc/loadavg').read_text().strip()}")


if __name__ == "__main__":
    main()
