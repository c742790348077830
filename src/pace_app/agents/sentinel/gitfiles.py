"""Read a repository's files at a commit through git, without checking anything out."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path

from pace_app.errors import ToolError

GIT_TIMEOUT = 120.0
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_REPO_PYTHON_BYTES = 16 * 1024 * 1024


def git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run git in ``root`` and return its output; a failure raises ``ToolError``."""
    env = {
        "PATH": os.environ.get("PATH", os.defpath),
        "LANG": "C.UTF-8",
        "GIT_TERMINAL_PROMPT": "0",
    }
    try:
        done = subprocess.run(  # noqa: S603 - fixed git argv, no shell
            ["git", "-c", "core.quotepath=off", *args],  # noqa: S607 - git from PATH
            cwd=root,
            env=env,
            input=stdin,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ToolError(f"git {args[0]} could not run: {exc}") from exc
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["failed"]
        raise ToolError(f"git {args[0]} failed: {reason[0][:300]}")
    return done.stdout


def resolve(root: Path, rev: str) -> str:
    """Return the commit id ``rev`` names."""
    if rev.startswith("-"):
        raise ToolError(f"not a revision: {rev}")
    return git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()


def merge_base(root: Path, base: str, head: str) -> str:
    """Return the commit a pull request from ``head`` into ``base`` would diff against."""
    return git(root, "merge-base", base, head).decode().strip()


def diff(root: Path, base: str, head: str) -> str:
    """Return the unified diff from ``base`` to ``head``."""
    out = git(root, "diff", "--no-color", "--no-ext-diff", "--no-textconv", base, head, "--")
    return out.decode("utf-8", "replace")


def python_paths(root: Path, rev: str) -> list[str]:
    """Return the Python files tracked at ``rev``."""
    out = git(root, "ls-tree", "-r", "-z", "--name-only", rev)
    return [p for p in out.decode("utf-8", "replace").split("\0") if p.endswith(".py")]


def read_at(root: Path, rev: str, paths: Iterable[str]) -> dict[str, str]:
    """Return the text of each path at ``rev`` (missing, binary or huge files left out)."""
    wanted = [p for p in paths if "\n" not in p]
    if not wanted:
        return {}
    request = "".join(f"{rev}:{p}\n" for p in wanted).encode()
    out = git(root, "cat-file", "--batch", stdin=request)
    texts: dict[str, str] = {}
    offset = 0
    for path in wanted:
        end = out.index(b"\n", offset)
        header = out[offset:end].split()
        offset = end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        data = out[offset : offset + size]
        offset += size + 1
        if size <= MAX_FILE_BYTES and b"\x00" not in data[:8192]:
            texts[path] = data.decode("utf-8", "replace")
    return texts


def python_texts(root: Path, rev: str, *, budget: int = MAX_REPO_PYTHON_BYTES) -> dict[str, str]:
    """Return the repository's Python files at ``rev``, up to ``budget`` bytes in all."""
    texts = read_at(root, rev, python_paths(root, rev))
    kept: dict[str, str] = {}
    used = 0
    for path in sorted(texts):
        used += len(texts[path])
        if used > budget:
            break
        kept[path] = texts[path]
    return kept


def write_tree(target: Path, texts: dict[str, str], paths: Sequence[str]) -> None:
    """Write the given files under ``target`` (a scratch copy for the file-based scanners)."""
    for path in paths:
        if path in texts:
            destination = target / path
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_text(texts[path], encoding="utf-8")
