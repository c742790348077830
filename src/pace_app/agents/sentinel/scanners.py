"""The deterministic layer: ruff's security rules, detect-secrets and committed env files.

Every scanner looks at the changed files only and keeps findings on changed lines only,
so a pull request answers for what it adds. A file a scanner could not read or parse is
reported as not analysed with the reason, never skipped in silence.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import threading
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from detect_secrets.core import scan as detect_scan
from detect_secrets.settings import default_settings, get_plugins
from detect_secrets.util.code_snippet import get_code_snippet
from ruff import find_ruff_bin  # type: ignore[import-untyped]

from pace_app.agents.paths import Worktree
from pace_app.domain.findings import Finding, Severity
from pace_app.errors import ToolError

logger = logging.getLogger(__name__)

RUFF_TIMEOUT = 120.0
MAX_SCAN_BYTES = 2 * 1024 * 1024
PYTHON_SUFFIXES = (".py", ".pyi")
ENV_TEMPLATES = frozenset({".env.example", ".env.sample", ".env.template"})
# Asserts are how tests check things; flagging each one would drown every real finding.
RUFF_IGNORED = ("S101",)
SYNTAX_CODES = frozenset({"E999", "invalid-syntax", "syntax-error"})

RUFF_RULES: Mapping[str, tuple[Severity, str]] = {
    "S102": ("high", "code-execution"),
    "S103": ("medium", "file-permissions"),
    "S104": ("medium", "network-exposure"),
    "S105": ("medium", "hardcoded-secret"),
    "S106": ("medium", "hardcoded-secret"),
    "S107": ("medium", "hardcoded-secret"),
    "S108": ("medium", "insecure-temp-file"),
    "S113": ("low", "missing-timeout"),
    "S301": ("high", "unsafe-deserialisation"),
    "S302": ("high", "unsafe-deserialisation"),
    "S303": ("medium", "weak-crypto"),
    "S304": ("medium", "weak-crypto"),
    "S305": ("medium", "weak-crypto"),
    "S306": ("medium", "insecure-temp-file"),
    "S307": ("high", "code-execution"),
    "S310": ("medium", "ssrf"),
    "S311": ("low", "weak-random"),
    "S323": ("medium", "tls"),
    "S324": ("medium", "weak-crypto"),
    "S501": ("high", "tls"),
    "S502": ("high", "tls"),
    "S503": ("high", "tls"),
    "S504": ("medium", "tls"),
    "S506": ("high", "unsafe-deserialisation"),
    "S507": ("high", "tls"),
    "S508": ("medium", "weak-crypto"),
    "S509": ("medium", "weak-crypto"),
    "S602": ("high", "shell-injection"),
    "S604": ("high", "shell-injection"),
    "S605": ("high", "shell-injection"),
    "S608": ("high", "sql-injection"),
    "S609": ("medium", "shell-injection"),
    "S610": ("high", "sql-injection"),
    "S611": ("high", "sql-injection"),
    "S701": ("medium", "xss"),
    "S702": ("medium", "xss"),
}
DEFAULT_RULE = ("medium", "security")
RUFF_CWE: Mapping[str, str] = {
    "S102": "CWE-94", "S307": "CWE-94", "S301": "CWE-502", "S302": "CWE-502",
    "S506": "CWE-502", "S303": "CWE-328", "S324": "CWE-328", "S311": "CWE-330",
    "S602": "CWE-78", "S604": "CWE-78", "S605": "CWE-78", "S609": "CWE-78",
    "S608": "CWE-89", "S610": "CWE-89", "S611": "CWE-89", "S105": "CWE-798",
    "S106": "CWE-798", "S107": "CWE-798", "S501": "CWE-295", "S310": "CWE-918",
    "S701": "CWE-79", "S702": "CWE-79", "S104": "CWE-605", "S108": "CWE-377",
}  # fmt: skip
# Pattern rules the data-flow layer decides better (it sees whether input reaches the
# call); on files it parsed, ruff's verdict on these is dropped.
SUPERSEDED = frozenset(
    {
        "S102", "S307", "S301", "S302", "S403", "S506", "S303", "S324", "S311", "S310",
        "S602", "S603", "S604", "S605", "S606", "S607", "S609", "S608", "S610", "S611",
        "S105", "S106", "S107", "S704", *(f"S{n}" for n in range(313, 321)),
        *(f"S{n}" for n in range(405, 412)),
    }
)  # fmt: skip


@dataclass(slots=True)
class ScanResult:
    """What one scanner found, and the files it could not analyse (with why)."""

    findings: list[Finding] = field(default_factory=list)
    not_analysed: list[str] = field(default_factory=list)

    def extend(self, other: ScanResult) -> None:
        """Add another scanner's results to these."""
        self.findings.extend(other.findings)
        self.not_analysed.extend(other.not_analysed)


def ruff_rule(code: str) -> tuple[Severity, str]:
    """Return the severity and category of a ruff security rule."""
    severity, category = RUFF_RULES.get(code, DEFAULT_RULE)
    return severity, category  # type: ignore[return-value]


def line_at(text: str, line: int | None) -> str:
    """Return line ``line`` (from 1) of ``text``, or an empty string."""
    lines = text.splitlines()
    return lines[line - 1] if line is not None and 0 < line <= len(lines) else ""


def read_changed(
    worktree: Path, paths: Sequence[str]
) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """Read changed files: text by path, binary paths by reason, and refusals."""
    confined = Worktree(worktree)
    texts: dict[str, str] = {}
    skipped: dict[str, str] = {}
    refused: list[str] = []
    for path in paths:
        try:
            real = confined.resolve(path)
        except ToolError as exc:
            refused.append(f"{path}: {exc}")
            continue
        if not real.is_file():
            refused.append(f"{path}: not a regular file at the head")
            continue
        if real.stat().st_size > MAX_SCAN_BYTES:
            refused.append(f"{path}: larger than {MAX_SCAN_BYTES} bytes")
            continue
        data = real.read_bytes()
        if b"\x00" in data[:8192]:
            skipped[path] = "binary file"
            continue
        texts[path] = data.decode("utf-8", "replace")
    return texts, skipped, refused


def ruff_command(ruff_bin: str, paths: Sequence[str]) -> list[str]:
    """Return the ruff command line that checks ``paths`` with the security rules only."""
    return [
        ruff_bin,
        "check",
        "--select",
        "S",
        "--ignore",
        ",".join(RUFF_IGNORED),
        "--output-format",
        "json",
        "--no-cache",
        "--isolated",
        # The audited code must not be able to silence its own audit with noqa comments.
        "--ignore-noqa",
        "--target-version",
        "py313",
        "--exit-zero",
        "--",
        *paths,
    ]


def find_ruff() -> str:
    """Return the ruff executable shipped with the installed ruff package."""
    return os.fsdecode(find_ruff_bin())


def scan_ruff(
    worktree: Path,
    texts: Mapping[str, str],
    added: Mapping[str, set[int]] | None,
    *,
    ruff_bin: str | None = None,
    timeout: float = RUFF_TIMEOUT,
    flow_checked: Collection[str] = (),
) -> ScanResult:
    """Run ruff's ``S`` rules on the changed Python files; keep findings on changed lines.

    On files in ``flow_checked`` the rules in ``SUPERSEDED`` are dropped; on the others
    (files the data-flow layer could not parse) every rule stands. ``added`` None keeps
    every line.
    """
    paths = sorted(p for p in texts if p.endswith(PYTHON_SUFFIXES))
    result = ScanResult()
    if not paths:
        return result
    command = ruff_command(ruff_bin or find_ruff(), paths)
    # A clean environment: no RUFF_* variables, no app secrets, nothing from the repo.
    env = {"PATH": os.defpath, "LANG": "C.UTF-8"}
    try:
        done = subprocess.run(  # noqa: S603 - fixed argv, no shell
            command,
            cwd=worktree,
            env=env,
            capture_output=True,
            timeout=timeout,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        result.not_analysed.extend(f"{p}: ruff timed out after {timeout:.0f} s" for p in paths)
        return result
    except OSError as exc:
        result.not_analysed.extend(f"{p}: ruff could not start ({exc.strerror})" for p in paths)
        return result
    try:
        # With --exit-zero any other exit status means ruff itself failed.
        if done.returncode != 0:
            raise ValueError(done.returncode)
        entries: list[dict[str, Any]] = json.loads(done.stdout)
    except ValueError:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        result.not_analysed.extend(
            f"{p}: ruff failed (exit {done.returncode}): {reason[0][:200]}" for p in paths
        )
        return result
    root = worktree.resolve()
    broken: dict[str, str] = {}
    for entry in entries:
        path = _relative(root, str(entry.get("filename", "")))
        row = (entry.get("location") or {}).get("row")
        code = entry.get("code") or "E999"
        message = str(entry.get("message", ""))
        if code in SYNTAX_CODES or entry.get("name") == "syntax-error":
            broken.setdefault(path, f"syntax error at line {row}: {message}"[:300])
            continue
        if not isinstance(row, int) or (added is not None and row not in added.get(path, set())):
            continue
        if code in SUPERSEDED and path in flow_checked:
            continue
        severity, category = ruff_rule(code)
        result.findings.append(
            Finding(
                path=path,
                line=row,
                severity=severity,
                category=category,
                message=f"{code}: {message}",
                source="ruff",
                anchor=line_at(texts.get(path, ""), row),
                rule=code,
                cwe=RUFF_CWE.get(code),
                confidence="medium",
            )
        )
    result.not_analysed.extend(f"{p}: {reason}" for p, reason in sorted(broken.items()))
    return result


def _relative(root: Path, filename: str) -> str:
    path = Path(filename)
    if path.is_absolute() and path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    return PurePosixPath(filename).as_posix()


_SECRETS_LOCK = threading.Lock()


def scan_secrets(
    worktree: Path, texts: Mapping[str, str], added: Mapping[str, set[int]] | None
) -> ScanResult:
    """Run detect-secrets' default plugins and filters in process, on added lines only.

    With ``added`` None every line is scanned (a whole-tree scan). The texts are already
    in memory; the worktree is only where the filename filters look.
    """
    result = ScanResult()
    if not texts:
        return result
    # detect-secrets keeps its settings in a module global; one scan at a time.
    with _SECRETS_LOCK, default_settings():
        plugins = list(get_plugins())
        for path in sorted(texts):
            # Filename filters look at the file on disk (its type, that it exists).
            on_disk = str(worktree / path)
            if detect_scan._is_filtered_out(
                required_filter_parameters=["filename"], filename=on_disk
            ):
                continue
            lines = texts[path].splitlines()
            wanted = sorted(added.get(path, set())) if added is not None else None
            numbers = wanted if wanted is not None else range(1, len(lines) + 1)
            for number in numbers:
                if not 0 < number <= len(lines):
                    continue
                found = _secret_on_line(plugins, path, lines, number)
                if found is not None:
                    result.findings.append(_secret_finding(path, number, *found))
    return result


# A line can hold a secret only with a long token, a key word or a key header; the rest
# (most code) skips detect-secrets' dozens of plugins and filters.
_MAYBE_SECRET = re.compile(
    r"[A-Za-z0-9+/=_\-]{16,}|pass|pwd|secret|token|key|auth|cred|private|bearer|://[^/\s]*@",
    re.IGNORECASE,
)


def _secret_on_line(
    plugins: Sequence[Any], path: str, lines: list[str], number: int
) -> tuple[str, str] | None:
    line = lines[number - 1].rstrip()
    if not _MAYBE_SECRET.search(line):
        return None
    snippet = get_code_snippet(lines=lines, line_number=number)
    if detect_scan._is_filtered_out(
        required_filter_parameters=["line"], filename=path, line=line, context=snippet
    ):
        return None
    for plugin in plugins:
        for secret in detect_scan._scan_line(
            plugin=plugin, filename=path, line=line, line_number=number, context=snippet
        ):
            if not detect_scan._is_filtered_out(
                required_filter_parameters=["context"],
                filename=path,
                secret=secret.secret_value,
                plugin=plugin,
                line=line,
                context=snippet,
            ):
                return str(secret.type), str(secret.secret_hash)
    return None


def _secret_finding(path: str, line: int, kind: str, digest: str) -> Finding:
    return Finding(
        path=path,
        line=line,
        severity="high",
        category="hardcoded-secret",
        message=(
            f"{kind} committed (sha1 {digest[:12]}); "
            "remove it, rotate it, and load it from the environment"
        ),
        source="secrets",
        anchor=digest,
        rule="detect-secrets",
        cwe="CWE-798",
        confidence="high",
    )


def is_env_file(path: str) -> bool:
    """Return whether ``path`` is a dotenv file that should never be committed."""
    name = PurePosixPath(path).name
    return (name == ".env" or name.startswith(".env.")) and name not in ENV_TEMPLATES


def scan_env_files(paths: Sequence[str], added: Mapping[str, set[int]] | None) -> ScanResult:
    """Flag committed ``.env`` files (templates such as ``.env.example`` excepted)."""
    result = ScanResult()
    for path in sorted(p for p in paths if is_env_file(p)):
        line = 1 if added is None or 1 in added.get(path, set()) else None
        result.findings.append(
            Finding(
                path=path,
                line=line,
                severity="high",
                category="committed-env-file",
                message=(
                    f"{PurePosixPath(path).name} is committed; env files hold secrets. "
                    "Remove it, add it to .gitignore and commit a .env.example instead"
                ),
                source="env-file",
                anchor=path,
                rule="env-file",
                cwe="CWE-538",
                confidence="high",
            )
        )
    return result
